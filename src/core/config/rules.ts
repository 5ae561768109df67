/**
 * Value rules the type system cannot express (PRODUCT.md §5.2): regular expressions compile, templates use only
 * their placeholders, versions parse, URLs are https, paths stay inside the repository. One rule per key, shared
 * by file validation and command-line overrides.
 */

import { branchNameProblem, sanitizeBranchName } from "../git/ref-name.js";
import { didYouMean } from "../text/did-you-mean.js";
import { compileRegex, RegexTranslationError } from "../text/python-regex.js";
import { scanTemplate, type TemplateSyntaxError, unknownPlaceholders } from "../text/template.js";
import { tryParseVersion } from "../version/pep440.js";
import { MAX_VALUE_LENGTH, quoted } from "./findings.js";
import type { PathSegment } from "./keys.js";
import { tagPrefixRule } from "./tag-prefix.js";

export type RuleCode = "E_CONFIG_INVALID" | "E_INSECURE_URL";

export interface RuleFinding {
  /** Sub-path below the key (a list index), when the problem is in one element. */
  at?: readonly PathSegment[];
  problem: string;
  code?: RuleCode;
  hint?: string;
}

export interface RuleContext {
  /** `publish.allow_http_localhost` as it will be in effect. */
  allowHttpLocalhost: boolean;
  /**
   * The project path, relative to the repository root (POSIX, `.` for the root), that project-relative paths are
   * joined to: `../CHANGELOG.md` is inside the repository from `pkg`, outside it from the root. Unknown = the root.
   */
  projectPath?: string;
}

export type KeyRule = (value: unknown, context: RuleContext) => RuleFinding[];

/** Why a pattern does not compile, or null when it does. */
export function regexProblem(pattern: string, flags = ""): string | null {
  try {
    compileRegex(pattern, flags);
    return null;
  } catch (error) {
    if (error instanceof RegexTranslationError) {
      return `is not a supported regular expression: ${error.message} at position ${error.position}`;
    }
    const detail =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "") : "";
    return `is not a valid regular expression: ${detail}`;
  }
}

const regex =
  (flags = ""): KeyRule =>
  (value) => {
    if (typeof value !== "string") return [];
    const problem = regexProblem(value, flags);
    return problem === null ? [] : [{ problem }];
  };

/** Placeholders each template accepts (PRODUCT.md §5.5). */
export const TEMPLATE_PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  "git.tag_message": ["project", "version", "tag"],
  "release_pr.title": ["project", "version", "tag", "previous_version", "base", "packages"],
  "release_pr.commit_message": ["project", "version", "tag", "previous_version", "base", "packages"],
  "release.name_format": ["project", "package", "version", "tag", "previous_version", "previous_tag"],
  "changelog.commit_template": [
    "description",
    "scope",
    "type",
    "author",
    "login",
    "hash",
    "short_hash",
    "body",
    "pr",
    "pr_url",
    "commit_url",
    "breaking",
  ],
  "packages.tag_format": ["package", "version"],
};

const braces = (names: readonly string[]) => names.map((n) => `{${n}}`).join(" ");

/** The allowed name a malformed or unclosed placeholder was meant to be (`{ tag }`, `{tag!r}`, `{tag`), if any. */
function meantName(error: TemplateSyntaxError, allowed: readonly string[]): string | null {
  const inner = error.text.slice(1, error.kind === "unclosed" ? undefined : -1);
  const shape =
    error.kind === "unclosed" ? /^\s*([A-Za-z_]\w*)(?!\w)/ : /^\s*([A-Za-z_]\w*)\s*(?:[!:][\s\S]*)?$/;
  const name = shape.exec(inner)?.[1];
  return name !== undefined && allowed.includes(name) ? name : null;
}

/** The brace as it should be written: the placeholder it was meant to be, else escaped. */
function repaired(error: TemplateSyntaxError, allowed: readonly string[]): string {
  const meant = meantName(error, allowed);
  if (error.kind === "unclosed") {
    if (meant === null) return `{${error.text}`;
    const rest = error.text.slice(1).trimStart().slice(meant.length);
    return `{${meant}}${rest}`;
  }
  if (meant !== null) return `{${meant}}`;
  return error.text.replaceAll("{", "{{").replaceAll("}", "}}");
}

/** What is wrong with a brace, and how to write it instead. */
function describeSyntaxError(
  error: TemplateSyntaxError,
  allowed: readonly string[],
): { problem: string; fix: string } {
  const at = `at position ${error.position}`;
  const meant = meantName(error, allowed);
  switch (error.kind) {
    case "lone-close":
      return {
        problem: `has a '}' ${at} that closes no placeholder`,
        fix: "write }} for a literal '}', or remove it",
      };
    case "empty":
      return {
        problem: `has an empty placeholder {} ${at}`,
        fix: `put a name in the braces (${braces(allowed)}), or write {{}} for literal braces`,
      };
    case "unclosed":
      return {
        problem: `has an unclosed '{' ${at} (${JSON.stringify(quoted(error.text, MAX_NAME_SHOWN))})`,
        fix: meant === null ? "write {{ for a literal '{'" : `close the placeholder: {${meant}}`,
      };
    case "malformed":
      return {
        problem: `has a malformed placeholder ${JSON.stringify(quoted(error.text, MAX_NAME_SHOWN))} ${at} (a placeholder is a name alone in braces)`,
        fix:
          meant === null
            ? `write a placeholder as one of ${braces(allowed)}, and literal braces as {{ and }}`
            : `write {${meant}}`,
      };
  }
}

/** The longest placeholder text quoted in a problem; the value itself is shown (shortened) after "got". */
const MAX_NAME_SHOWN = 40;

/** The allowed name an unknown one is a typo of (a third of its letters wrong at most), or null. */
function closeName(name: string, allowed: readonly string[]): string | null {
  if (name.length > MAX_NAME_SHOWN) return null;
  return didYouMean(name, allowed, Math.max(1, Math.floor(name.length / 3)));
}

/** The longest template quoted whole in a hint. */
const MAX_EXAMPLE_LENGTH = 80;

/**
 * The findings of a template value (PRODUCT.md §5.2): every `{` must start a `{name}` with a name the key allows
 * and every `}` must close one, except the escapes `{{` and `}}`.
 */
export function templateFindings(key: string, value: string): RuleFinding[] {
  const allowed = TEMPLATE_PLACEHOLDERS[key] ?? [];
  const { parts, errors } = scanTemplate(value);
  const first = errors[0];
  if (first !== undefined) {
    const { problem, fix } = describeSyntaxError(first, allowed);
    const more =
      errors.length > 1
        ? ` (and ${errors.length - 1} more brace ${errors.length === 2 ? "problem" : "problems"})`
        : "";
    let fixed = value;
    for (const error of [...errors].reverse()) {
      fixed =
        fixed.slice(0, error.position) +
        repaired(error, allowed) +
        fixed.slice(error.position + error.text.length);
    }
    const valid = scanTemplate(fixed).errors.length === 0 && unknownPlaceholders(fixed, allowed).length === 0;
    const example = valid && fixed.length <= MAX_EXAMPLE_LENGTH ? `, e.g. ${JSON.stringify(fixed)}` : "";
    return [{ problem: `${problem}${more}`, hint: `${fix}${example}` }];
  }
  const unknown = [
    ...new Set(parts.flatMap((p) => (p.kind === "placeholder" && !allowed.includes(p.name) ? [p.name] : []))),
  ];
  if (unknown.length === 0) return [];
  const noun = unknown.length === 1 ? "placeholder" : "placeholders";
  const shown = unknown.map((n) => `{${quoted(n, MAX_NAME_SHOWN)}}`).join(", ");
  const closest = unknown.flatMap((n) => {
    const close = closeName(n, allowed);
    return close === null ? [] : [unknown.length === 1 ? `{${close}}` : `{${close}} instead of {${n}}`];
  });
  const suggestion = closest.length > 0 ? `did you mean ${closest.join(", ")}? ` : "";
  return [
    {
      problem: `uses unknown ${noun} ${shown} (allowed: ${braces(allowed)})`,
      hint: `${suggestion}write {{ and }} for literal braces`,
    },
  ];
}

const template =
  (key: string): KeyRule =>
  (value) =>
    typeof value === "string" ? templateFindings(key, value) : [];

const all =
  (...rules: KeyRule[]): KeyRule =>
  (value, context) =>
    rules.flatMap((rule) => rule(value, context));

const commitTemplateShape: KeyRule = (value) =>
  typeof value === "string" && value.startsWith("- ")
    ? [{ problem: "must not start with '- ' (the list marker is added by the changelog)" }]
    : [];

const tagFormatShape: KeyRule = (value) => {
  if (typeof value !== "string") return [];
  const { parts, errors } = scanTemplate(value);
  // A stray brace is reported by the template rule; `{version` is then not yet a placeholder to count.
  if (errors.length > 0) return [];
  const count = parts.filter((p) => p.kind === "placeholder" && p.name === "version").length;
  return count === 1 ? [] : [{ problem: `must contain {version} exactly once (found ${count})` }];
};

/**
 * A branch name (`default_branch`, `release_pr.branch`) must be one git accepts (`git check-ref-format --branch`),
 * so that the configuration is refused when it loads rather than when git or the forge is asked.
 */
const branchName =
  (fallback: string): KeyRule =>
  (value) => {
    if (typeof value !== "string") return [];
    const problem = branchNameProblem(value);
    if (problem === null) return [];
    const sanitized = sanitizeBranchName(value);
    const suggestion = sanitized !== null && sanitized.length <= MAX_VALUE_LENGTH ? sanitized : fallback;
    return [
      {
        problem: `is not a valid git branch name (it ${problem})`,
        hint: `use a name git accepts, e.g. ${JSON.stringify(suggestion)}; git check-ref-format lists the rules`,
      },
    ];
  };

const version: KeyRule = (value) => {
  if (typeof value !== "string") return [];
  const parsed = tryParseVersion(value);
  const hint = "use PEP 440, e.g. 0.1.0, 1.0.0, 1.0.0b1";
  if (parsed === null) return [{ problem: "is not a valid PEP 440 version", hint }];
  if (parsed.release.length < 3) {
    return [
      { problem: "must have at least three release components (e.g. 1.0.0) to form a release tag", hint },
    ];
  }
  if (parsed.local !== null) return [{ problem: "must not have a local version label (+...)", hint }];
  return [];
};

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export const INSECURE_INDEX_PROBLEM =
  "must use https (http is only allowed for localhost with publish.allow_http_localhost)";

interface UrlOptions {
  /** Literal values accepted besides URLs (`auto`, `pypi`, `testpypi`). */
  keywords: readonly string[];
  /** Index and Sigstore URLs need `allow_http_localhost` for loopback http; forge URLs do not. */
  index: boolean;
}

const url =
  ({ keywords, index }: UrlOptions): KeyRule =>
  (value, context) => {
    if (typeof value !== "string" || keywords.includes(value)) return [];
    const expected = keywords.length > 0 ? `an https URL or one of ${keywords.join(", ")}` : "an https URL";
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return [{ problem: `must be ${expected}` }];
    }
    // Credentials in a configured URL end up committed, logged and printed; tokens come from the environment.
    if (parsed.username !== "" || parsed.password !== "") {
      return [
        {
          problem: "must not carry credentials in the URL",
          hint: "remove the user and password from the URL; tokens come from the environment (see releasio doctor)",
        },
      ];
    }
    if (parsed.protocol === "https:" && parsed.hostname !== "") return [];
    if (parsed.protocol !== "http:" || parsed.hostname === "") return [{ problem: `must be ${expected}` }];
    const loopback = isLoopbackHost(parsed.hostname);
    if (!index) {
      return loopback ? [] : [{ problem: "must use https (http is only allowed for loopback hosts)" }];
    }
    if (loopback && context.allowHttpLocalhost) return [];
    return [{ problem: INSECURE_INDEX_PROBLEM, code: "E_INSECURE_URL" }];
  };

/** The number of directories below the repository root of a project path (`.` → 0, `pkg/sub` → 2). */
function depthOf(projectPath: string | undefined): number {
  if (projectPath === undefined) return 0;
  return projectPath.split(/[/\\]+/).filter((s) => s !== "" && s !== ".").length;
}

/**
 * Why a configured path may not be used, or null: it must be relative and, joined to `base` (the project path
 * for project-relative keys, else the repository root), must not climb out of the repository with `..`.
 */
export function pathProblem(path: string, base = "."): string | null {
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return "must be a relative path";
  let depth = depthOf(base);
  for (const segment of path.split(/[/\\]+/)) {
    if (segment === "..") depth--;
    else if (segment !== "" && segment !== ".") depth++;
    if (depth < 0) return "must stay inside the repository (it climbs out with '..')";
  }
  return null;
}

/** How to fix a path {@link pathProblem} refuses. */
function pathHint(base: string): string {
  const from = depthOf(base) === 0 ? "the repository root" : `the project path '${base}'`;
  return `use a relative path that stays inside the repository; it is taken from ${from}`;
}

/** A path finding: the problem with a hint, or null. */
function pathFinding(path: string, base: string): RuleFinding | null {
  const problem = pathProblem(path, base);
  return problem === null ? null : { problem, hint: pathHint(base) };
}

/** A path relative to the repository root (`packages.paths`). */
const rootPath: KeyRule = (value) => {
  const finding = typeof value === "string" ? pathFinding(value, ".") : null;
  return finding === null ? [] : [finding];
};

/** A path relative to the project path (`publish.dist_dir`, `release.assets`). */
const projectRelativePath: KeyRule = (value, context) => {
  const finding = typeof value === "string" ? pathFinding(value, context.projectPath ?? ".") : null;
  return finding === null ? [] : [finding];
};

/**
 * What is wrong with a configured file path relative to the project path `base`, or null: besides
 * {@link pathProblem}, it must name a file, not a directory (`.`, `docs/`, `docs/..`).
 */
export function filePathFinding(path: string, base = "."): RuleFinding | null {
  const finding = pathFinding(path, base);
  if (finding !== null) return finding;
  const last = path.split(/[/\\]/).pop();
  if (last !== "" && last !== "." && last !== "..") return null;
  return {
    problem: "must name a file, not a directory",
    hint: "name the file itself, e.g. docs/CHANGELOG.md",
  };
}

/** A file path relative to the project path (`changelog.path`) or to the repository root (`cliff_config`, given to git-cliff as is). */
const filePath =
  (from: "project" | "root"): KeyRule =>
  (value, context) => {
    const base = from === "project" ? (context.projectPath ?? ".") : ".";
    const finding = typeof value === "string" ? filePathFinding(value, base) : null;
    return finding === null ? [] : [finding];
  };

/**
 * What is wrong with a non-empty commit type name, and the name that fixes it; null when it is fine. A type is read
 * lower-cased from a one-word header (`Feat:` is feat), so a padded, capitalised or spaced name would match nothing.
 */
export function typeNameProblem(name: string): { problem: string; fixed: string } | null {
  const fixed = name.trim().toLowerCase().replace(/\s+/g, "-");
  if (fixed === name) return null;
  const problem =
    name.trim() !== name
      ? "must not start or end with whitespace (a commit type never does)"
      : name.toLowerCase() !== name
        ? "must be lower case (commit types are matched lower-cased: 'Feat:' is feat)"
        : "must be one word (a commit type has no spaces)";
  return { problem, fixed };
}

/** GitHub refuses a label name longer than this, when the release PR is already open. */
const MAX_LABEL_LENGTH = 50;

/**
 * What a forge would refuse or change in a label, found before a release PR is opened without its labels: GitHub
 * takes at most 50 characters, GitLab reads a comma as the end of one label of a list, and both trim spaces.
 */
function labelProblem(label: string): { problem: string; fixed: string } | null {
  if (label.trim() !== label) {
    return { problem: "must not start or end with whitespace (a forge trims it)", fixed: label.trim() };
  }
  if (label.includes(",")) {
    return {
      problem: "must not contain a comma (GitLab reads labels as a comma-separated list)",
      fixed: label.replace(/\s*,\s*/g, " ").trim(),
    };
  }
  const characters = [...label];
  if (characters.length > MAX_LABEL_LENGTH) {
    return {
      problem: `is ${characters.length} characters long; GitHub takes labels of at most ${MAX_LABEL_LENGTH}`,
      fixed: characters.slice(0, MAX_LABEL_LENGTH).join("").trimEnd(),
    };
  }
  return null;
}

/**
 * Names in a list of strings (commit types, labels) must not be empty, and commit types must be names a commit's
 * type can be (see {@link typeNameProblem}). The hint writes the list with those names fixed.
 */
const names =
  (kind: "type" | "label"): KeyRule =>
  (value) => {
    if (!Array.isArray(value)) return [];
    // Each item's problem and what it becomes in the fixed list (null: removed); non-strings are the schema's.
    const checked = value.map((item) => {
      if (typeof item !== "string") return { problem: null, hint: "", fixed: item as unknown };
      if (item.trim() === "") {
        return {
          problem: `must not be ${item === "" ? "empty" : "blank"}`,
          hint: `remove the empty ${kind}`,
          fixed: null,
        };
      }
      if (kind === "label") {
        const label = labelProblem(item);
        return label
          ? {
              problem: label.problem,
              hint: `write ${JSON.stringify(quoted(label.fixed, 60))}`,
              fixed: label.fixed,
            }
          : { problem: null, hint: "", fixed: item as unknown };
      }
      const type = typeNameProblem(item);
      if (type === null) return { problem: null, hint: "", fixed: item as unknown };
      const hint =
        item.trim() !== item
          ? `remove the whitespace around ${JSON.stringify(quoted(item.trim(), 40))}`
          : `write ${JSON.stringify(quoted(type.fixed, 40))}`;
      return { problem: type.problem, hint, fixed: type.fixed as unknown };
    });
    if (checked.every((c) => c.problem === null)) return [];
    const kept = checked.flatMap((c) => (c.fixed === null ? [] : [c.fixed]));
    const list = kept.every((item) => typeof item === "string")
      ? `[${kept.map((item) => JSON.stringify(item)).join(", ")}]`
      : null;
    const fix = list !== null && list.length <= MAX_VALUE_LENGTH ? `, leaving ${list}` : "";
    return checked.flatMap((c, i) =>
      c.problem === null ? [] : [{ at: [i], problem: c.problem, hint: `${c.hint}${fix}` }],
    );
  };

/** Applies a rule to every string of a list, reporting the element's index. */
const eachOf =
  (rule: KeyRule): KeyRule =>
  (value, context) =>
    Array.isArray(value)
      ? value.flatMap((item, i) => rule(item, context).map((f) => ({ ...f, at: [i, ...(f.at ?? [])] })))
      : [];

/** Rules by dotted key; a key not listed has no rule beyond its type. */
export const KEY_RULES: Readonly<Record<string, KeyRule>> = {
  default_branch: branchName("main"),
  "git.tag_message": template("git.tag_message"),
  "version.initial_version": version,
  "version.tag_prefix": tagPrefixRule,
  "commits.types_major": names("type"),
  "commits.types_minor": names("type"),
  "commits.types_patch": names("type"),
  "commits.breaking_pattern": regex(),
  "commits.scope_regex": regex(),
  "commits.release_commit_pattern": regex(),
  "changelog.path": filePath("project"),
  "changelog.cliff_config": filePath("root"),
  "changelog.exclude_types": names("type"),
  "changelog.commit_template": all(commitTemplateShape, template("changelog.commit_template")),
  "release_pr.branch": branchName("releasio/release"),
  "release_pr.labels": names("label"),
  "release_pr.title": template("release_pr.title"),
  "release_pr.commit_message": template("release_pr.commit_message"),
  "release.name_format": template("release.name_format"),
  "release.assets": eachOf(projectRelativePath),
  "github.api_url": url({ keywords: ["auto"], index: false }),
  "github.uploads_url": url({ keywords: ["auto"], index: false }),
  "github.server_url": url({ keywords: ["auto"], index: false }),
  "gitlab.api_url": url({ keywords: ["auto"], index: false }),
  "gitlab.server_url": url({ keywords: ["auto"], index: false }),
  "publish.registry": url({ keywords: ["pypi", "testpypi"], index: true }),
  "publish.check_url": url({ keywords: [], index: true }),
  "publish.fulcio_url": url({ keywords: [], index: true }),
  "publish.rekor_url": url({ keywords: [], index: true }),
  "publish.dist_dir": projectRelativePath,
  "packages.paths": eachOf(rootPath),
  "packages.tag_format": all(tagFormatShape, template("packages.tag_format")),
  "security.patterns": eachOf(regex("i")),
  "check_pr.extra_types": names("type"),
};
