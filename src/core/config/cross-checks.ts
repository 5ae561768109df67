/**
 * Rules that look at more than one key, or inside tables of lists and maps (PRODUCT.md §5.2, §5.5). They read the
 * document as written (after deprecated aliases are folded), so they can run even when other keys are invalid and
 * every problem of a file is reported at once; values of the wrong type are left to the schema.
 */
import { compileRegex, translatePythonRegex } from "../text/python-regex.js";
import { renderTemplate } from "../text/template.js";
import { prereleaseTokenOf } from "../version/prerelease-token.js";
import { type Finding, quoted } from "./findings.js";
import type { PathSegment } from "./keys.js";
import { filePathFinding, regexProblem, templateFindings, typeNameProblem } from "./rules.js";
import { DEFAULT_CONFIG, PRERELEASE_TOKENS } from "./schema.js";
import { getPath, hasPath, isTable, splitDotted } from "./tree.js";

const invalid = (
  segments: readonly PathSegment[],
  problem: string,
  value: unknown,
  hint?: string,
): Finding => ({
  code: "E_CONFIG_INVALID",
  segments,
  problem,
  value,
  hint: hint ?? null,
});

/** The value as written, else the default. */
export function effectiveValue(doc: unknown, key: string): unknown {
  const segments = splitDotted(key);
  return hasPath(doc, segments) ? getPath(doc, segments) : getPath(DEFAULT_CONFIG, segments);
}

function commitParserFindings(doc: unknown): Finding[] {
  const parsers = getPath(doc, ["commits", "commit_parsers"]);
  if (!Array.isArray(parsers)) return [];
  return parsers.flatMap((entry, i): Finding[] => [
    ...parserTypeFindings(entry, i),
    ...parserPatternFindings(entry, i),
  ]);
}

/** A parser's type is checked as the names of the bump lists are (see `typeNameProblem`). */
function parserTypeFindings(entry: unknown, i: number): Finding[] {
  const type = isTable(entry) ? entry["type"] : undefined;
  const found = typeof type === "string" && type.trim() !== "" ? typeNameProblem(type) : null;
  if (found === null) return [];
  const at = ["commits", "commit_parsers", i, "type"];
  return [invalid(at, found.problem, type, `write type = ${JSON.stringify(quoted(found.fixed))}`)];
}

/** A parser's pattern compiles and defines the scope group it names. */
function parserPatternFindings(entry: unknown, i: number): Finding[] {
  if (!isTable(entry) || typeof entry["pattern"] !== "string") return [];
  const at = ["commits", "commit_parsers", i];
  const pattern = entry["pattern"];
  const problem = regexProblem(pattern);
  if (problem !== null) return [invalid([...at, "pattern"], problem, pattern)];
  const scopeGroup = entry["scope_group"];
  if (typeof scopeGroup === "string" && !translatePythonRegex(pattern).source.includes(`(?<${scopeGroup}>`)) {
    const hint = `add a group (?P<${quoted(scopeGroup)}>...) to the pattern`;
    return [
      invalid([...at, "scope_group"], "names a group that the pattern does not define", scopeGroup, hint),
    ];
  }
  return [];
}

function versionFilePathFindings(doc: unknown, projectPath: string): Finding[] {
  const entries = getPath(doc, ["version", "version_files"]);
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry, i): Finding[] => {
    const at: PathSegment[] = isTable(entry)
      ? ["version", "version_files", i, "path"]
      : ["version", "version_files", i];
    const path = isTable(entry) ? entry["path"] : entry;
    if (typeof path !== "string") return [];
    const finding = filePathFinding(path, projectPath);
    return finding === null ? [] : [invalid(at, finding.problem, path, finding.hint)];
  });
}

function channelFindings(doc: unknown): Finding[] {
  const branches = getPath(doc, ["branches"]);
  if (!isTable(branches)) return [];
  return Object.entries(branches).flatMap(([name, channel]): Finding[] => {
    if (!isTable(channel)) return [];
    const token = channel["prerelease_token"];
    const at = ["branches", name, "prerelease_token"];
    const tokens = PRERELEASE_TOKENS.join(", ");
    if (token !== undefined && token !== null && prereleaseTokenOf(token) === null) return [];
    const findings: Finding[] = [];
    if (channel["prerelease"] === true && (token === undefined || token === null)) {
      findings.push(invalid(at, `is required when prerelease = true (one of ${tokens})`, token));
    }
    if (channel["publish_only"] === true && prereleaseTokenOf(token) !== "dev") {
      findings.push(
        invalid(at, 'must be "dev" when publish_only = true (snapshot releases are .devN)', token),
      );
    }
    return findings;
  });
}

const TYPE_LISTS = ["types_major", "types_minor", "types_patch"] as const;

/** The bump lists written in the document (only those can conflict; defaults give way, see `normalizeTypeLists`). */
export function writtenTypeLists(doc: unknown): (typeof TYPE_LISTS)[number][] {
  return TYPE_LISTS.filter((list) => Array.isArray(getPath(doc, ["commits", list])));
}

function typeListFindings(doc: unknown): Finding[] {
  const written = writtenTypeLists(doc);
  const findings: Finding[] = [];
  written.forEach((later, j) => {
    const laterTypes = getPath(doc, ["commits", later]) as unknown[];
    for (const earlier of written.slice(0, j)) {
      const earlierTypes = getPath(doc, ["commits", earlier]) as unknown[];
      const shared = [
        ...new Set(laterTypes.filter((t) => typeof t === "string" && earlierTypes.includes(t))),
      ];
      if (shared.length > 0) {
        findings.push(
          invalid(
            ["commits", later],
            `repeats ${quoted(shared.join(", "))}, which commits.${earlier} also lists (a type bumps in one way only)`,
            laterTypes,
          ),
        );
      }
    }
  });
  return findings;
}

/** Sample values used to check that the release commit message is recognised as a release commit. */
const SAMPLE_VALUES = {
  project: "demo",
  version: "1.2.0",
  tag: "v1.2.0",
  previous_version: "1.1.0",
  base: "main",
  packages: "demo",
};

function releaseCommitFindings(doc: unknown): Finding[] {
  const messageKey = ["release_pr.commit_message", "release_pr.title"].find((k) =>
    hasPath(doc, splitDotted(k)),
  );
  const patternWritten = hasPath(doc, ["commits", "release_commit_pattern"]);
  if (messageKey === undefined && !patternWritten) return [];
  // An unset commit message follows the title.
  const message = effectiveValue(doc, messageKey ?? "release_pr.commit_message");
  const pattern = effectiveValue(doc, "commits.release_commit_pattern");
  if (typeof message !== "string" || typeof pattern !== "string") return [];
  if (templateFindings("release_pr.commit_message", message).length > 0 || regexProblem(pattern) !== null) {
    return [];
  }
  const subject = renderTemplate(message, SAMPLE_VALUES).split("\n")[0] ?? "";
  if (compileRegex(pattern).test(subject)) return [];
  const hint =
    "release commits must be recognisable so that they never count as changes; align the two settings";
  if (messageKey === undefined) {
    return [
      invalid(
        ["commits", "release_commit_pattern"],
        `does not match the release commit subject '${quoted(subject)}' rendered from release_pr.commit_message`,
        pattern,
        hint,
      ),
    ];
  }
  return [
    invalid(
      splitDotted(messageKey),
      `renders as '${quoted(subject)}', which commits.release_commit_pattern (${quoted(pattern)}) does not match`,
      message,
      hint,
    ),
  ];
}

/**
 * Workspaces (§6.18) are not released yet: a configuration that lists packages is refused rather than planned as
 * the single project it would silently become.
 */
function workspaceFindings(doc: unknown): Finding[] {
  const paths = getPath(doc, ["packages", "paths"]);
  if (!Array.isArray(paths) || paths.length === 0) return [];
  return [
    invalid(
      ["packages", "paths"],
      "lists workspace packages, which this version of releasio does not release yet",
      paths,
      "remove packages.paths: releasio then plans the project at the repository root, or at the path given to the command",
    ),
  ];
}

/** `projectPath` (relative to the repository root, `.` for it) is where project-relative paths start. */
export function crossFindings(doc: unknown, projectPath = "."): Finding[] {
  return [
    ...commitParserFindings(doc),
    ...versionFilePathFindings(doc, projectPath),
    ...channelFindings(doc),
    ...typeListFindings(doc),
    ...releaseCommitFindings(doc),
    ...workspaceFindings(doc),
  ];
}
