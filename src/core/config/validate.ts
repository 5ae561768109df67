/**
 * Validation of one configuration document (PRODUCT.md §5.2): every problem of the file is collected, then a single
 * error reports the first and lists them all. Deprecated keys of the original releasio are folded into their
 * replacements with a warning; removed ones are errors naming what replaced them (§5.6).
 */
import * as v from "valibot";
import { ReleasioError, type Warning } from "../errors.js";
import { crossFindings, effectiveValue, writtenTypeLists } from "./cross-checks.js";
import {
  type ConfigProblem,
  type Finding,
  type FindingSource,
  formatValue,
  issueFindings,
  unknownKeyFinding,
  wordFinding,
} from "./findings.js";
import { configKey, formatPath, type PathSegment } from "./keys.js";
import { BREAKING_INDICATOR, DEPRECATED_ALIASES, REMOVED_KEYS } from "./legacy-keys.js";
import { KEY_RULES } from "./rules.js";
import {
  configSchema,
  DEFAULT_SECTION_HEADERS,
  type ReleasioConfig,
  VERSION_FILE_TABLES,
  versionFileEntry,
} from "./schema.js";
import {
  cloneTree,
  deletePath,
  documentPaths,
  getPath,
  hasPath,
  isTable,
  setPath,
  splitDotted,
  type Table,
} from "./tree.js";

export type { ConfigProblem } from "./findings.js";

export interface ValidateOptions {
  /** Dotted key → origin (`env:RELEASIO_X`); values set from the environment are reported as E_CONFIG_ENV. */
  origins?: Readonly<Record<string, string>>;
  /**
   * The document as written in the file, before environment overrides: a value that an override replaces is
   * still checked, so that the file's own problems are reported whatever the environment holds.
   */
  written?: unknown;
  /**
   * The project path relative to the repository root (POSIX, `.` for the root): paths the configuration takes
   * relative to it (`changelog.path`, `version_files`, `publish.dist_dir`) may climb with `..` as long as they
   * stay inside the repository. Default: the root.
   */
  projectPath?: string;
}

export interface ValidatedConfig {
  config: ReleasioConfig;
  warnings: Warning[];
}

const deprecated = (file: string, key: string, replacement: string): Warning => ({
  code: "W_CONFIG_DEPRECATED_KEY",
  message: `${file}: '${key}' is deprecated; use '${replacement}'`,
});

function removedKeyFindings(doc: Table): Finding[] {
  const findings: Finding[] = [];
  for (const removed of REMOVED_KEYS) {
    const segments = splitDotted(removed.path);
    if (!hasPath(doc, segments)) continue;
    findings.push({
      code: "E_CONFIG_REMOVED_KEY",
      segments,
      problem: "",
      value: getPath(doc, segments),
      hint: removed.hint,
    });
    deletePath(doc, segments);
  }
  return findings;
}

interface Folded {
  findings: Finding[];
  warnings: Warning[];
  /** Target key → the alias it was written as, so later problems name the key the user wrote. */
  writtenAs: Map<string, string>;
}

function foldAliases(doc: Table, file: string): Folded {
  const folded: Folded = { findings: [], warnings: [], writtenAs: new Map() };
  for (const { alias, target } of DEPRECATED_ALIASES) {
    const aliasPath = splitDotted(alias);
    const targetPath = splitDotted(target);
    if (!hasPath(doc, aliasPath)) continue;
    const value = getPath(doc, aliasPath);
    deletePath(doc, aliasPath);
    if (hasPath(doc, targetPath)) {
      folded.findings.push({
        code: "E_CONFIG_INVALID",
        segments: aliasPath,
        problem: `is a deprecated alias of '${target}', which is also set`,
        value,
        hint: `keep only '${target}'`,
      });
      continue;
    }
    const declared = configKey(target)?.declared;
    const check = declared === undefined ? undefined : v.safeParse(declared, value);
    if (declared !== undefined && check !== undefined && !check.success) {
      folded.findings.push(...issueFindings(check.issues, declared, value, aliasPath));
      continue;
    }
    if (setPath(doc, targetPath, value)) {
      folded.writtenAs.set(target, alias);
      folded.warnings.push(deprecated(file, alias, target));
    }
  }
  foldBreakingIndicators(doc, file, folded);
  return folded;
}

function foldBreakingIndicators(doc: Table, file: string, folded: Folded): void {
  const parsers = getPath(doc, ["commits", "commit_parsers"]);
  if (!Array.isArray(parsers)) return;
  parsers.forEach((entry, i) => {
    if (!isTable(entry) || !Object.hasOwn(entry, BREAKING_INDICATOR.key)) return;
    const segments = ["commits", "commit_parsers", i, BREAKING_INDICATOR.key];
    const value = entry[BREAKING_INDICATOR.key];
    delete entry[BREAKING_INDICATOR.key];
    const fail = (problem: string, hint: string | null): void => {
      folded.findings.push({ code: "E_CONFIG_INVALID", segments, problem, value, hint });
    };
    if (typeof value !== "string") fail("must be a string", null);
    else if (Object.hasOwn(entry, BREAKING_INDICATOR.target)) {
      fail("is a deprecated alias of 'breaking', which is also set", "keep only 'breaking'");
    } else {
      entry[BREAKING_INDICATOR.target] = value.trim() !== "";
      folded.warnings.push(deprecated(file, formatPath(segments), "breaking = true"));
    }
  });
}

const ENTRY_KINDS = ["pattern", "toml_key", "json_key"] as const;

/**
 * Version file tables are checked against the one form their keys select, so that a typo is reported as such and
 * not as "matches none of four forms". Returns the findings and the entries handled this way.
 */
function versionFileEntryFindings(doc: Table): { findings: Finding[]; handled: Set<number> } {
  const findings: Finding[] = [];
  const handled = new Set<number>();
  const entries = getPath(doc, ["version", "version_files"]);
  if (!Array.isArray(entries)) return { findings, handled };
  entries.forEach((entry, i) => {
    if (!isTable(entry)) return;
    handled.add(i);
    const prefix: PathSegment[] = ["version", "version_files", i];
    const present = ENTRY_KINDS.filter((k) => Object.hasOwn(entry, k));
    const kind = present[0] ?? (Object.hasOwn(entry, "count") ? "pattern" : "path");
    const checked: Table = { ...entry };
    for (const extra of present.slice(1)) {
      delete checked[extra];
      findings.push({
        code: "E_CONFIG_INVALID",
        segments: [...prefix, extra],
        problem: `cannot be combined with '${kind}' (an entry has one of pattern, toml_key or json_key)`,
        value: entry[extra],
        hint: "split it into two entries",
      });
    }
    const table = VERSION_FILE_TABLES[kind];
    const result = v.safeParse(table, checked);
    if (result.success) return;
    for (const finding of issueFindings(result.issues, table, checked, prefix)) {
      const name = finding.segments[finding.segments.length - 1];
      if (finding.code !== "E_CONFIG_UNKNOWN_KEY" || typeof name !== "string") findings.push(finding);
      else if (name === "count") {
        findings.push({ ...finding, code: "E_CONFIG_INVALID", problem: "only applies to pattern entries" });
      } else {
        // Suggest among the keys of every entry form: `patern` is a typo of `pattern` even in a path entry.
        findings.push(unknownKeyFinding(prefix, name, versionFileEntry, finding.value));
      }
    }
  });
  return { findings, handled };
}

function startsWith(segments: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.every((p, i) => segments[i] === p);
}

/** The document checked against the schema: its findings, or the configuration it parses to (defaults filled in). */
function schemaCheck(
  doc: Table,
  handledEntries: Set<number>,
): { findings: Finding[]; parsed: v.InferOutput<typeof configSchema> | null } {
  const result = v.safeParse(configSchema, doc);
  if (result.success) return { findings: [], parsed: result.output };
  const handled = [...handledEntries].map((i) => ["version", "version_files", i]);
  const findings = issueFindings(result.issues, configSchema, doc, []).filter(
    (f) => !handled.some((prefix) => startsWith(f.segments, prefix)),
  );
  return { findings, parsed: null };
}

function keyRuleFindings(doc: Table, projectPath: string): Finding[] {
  const context = {
    allowHttpLocalhost: effectiveValue(doc, "publish.allow_http_localhost") === true,
    projectPath,
  };
  const findings: Finding[] = [];
  for (const [key, rule] of Object.entries(KEY_RULES)) {
    const segments = splitDotted(key);
    if (!hasPath(doc, segments)) continue;
    const value = getPath(doc, segments);
    for (const found of rule(value, context)) {
      const at = [...segments, ...(found.at ?? [])];
      findings.push({
        code: found.code ?? "E_CONFIG_INVALID",
        segments: at,
        problem: found.problem,
        value: getPath(doc, at),
        hint: found.hint ?? null,
      });
    }
  }
  return findings;
}

/** Problems in document order, so the first one reported is the first one in the file. */
function byDocumentOrder(raw: unknown, problems: ConfigProblem[]): ConfigProblem[] {
  const rank = new Map(documentPaths(raw, formatPath).map((p, i) => [p, i] as const));
  const rankOf = (key: string): number => {
    for (let k = key; k !== ""; ) {
      const found = rank.get(k);
      if (found !== undefined) return found;
      const cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
      k = cut < 0 ? "" : k.slice(0, cut);
    }
    return Number.POSITIVE_INFINITY;
  };
  return problems
    .map((p, i) => ({ p, i, r: rankOf(p.key) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.p);
}

function renameToWritten(finding: Finding, writtenAs: Map<string, string>): Finding {
  const key = formatPath(finding.segments);
  for (const [target, alias] of writtenAs) {
    if (key === target || key.startsWith(`${target}[`)) {
      return {
        ...finding,
        segments: [...splitDotted(alias), ...finding.segments.slice(splitDotted(target).length)],
      };
    }
  }
  return finding;
}

/**
 * A bump type set in one list leaves the lists still at their defaults (`types_major = ["perf"]` takes `perf`
 * out of the default `types_patch`).
 */
function normalizeTypeLists(config: ReleasioConfig, doc: Table): void {
  const written = writtenTypeLists(doc);
  if (written.length === 0) return;
  const claimed = new Set(written.flatMap((list) => config.commits[list]));
  for (const list of ["types_major", "types_minor", "types_patch"] as const) {
    if (!written.includes(list)) config.commits[list] = config.commits[list].filter((t) => !claimed.has(t));
  }
}

function normalize(config: ReleasioConfig, doc: Table, file: string, warnings: Warning[]): ReleasioConfig {
  config.changelog.section_headers = { ...DEFAULT_SECTION_HEADERS, ...config.changelog.section_headers };
  normalizeTypeLists(config, doc);
  if (!hasPath(doc, ["release_pr", "commit_message"]))
    config.release_pr.commit_message = config.release_pr.title;
  if (config.publish.tool === "twine") {
    warnings.push({
      code: "W_CONFIG_DEPRECATED_KEY",
      message: `${file}: 'publish.tool' = "twine" is deprecated: dists are built with python -m build and uploaded natively; use "build"`,
    });
  }
  return config;
}

/**
 * The findings of the value rules, except where the schema already refused the value: one problem is reported
 * once (an empty `initial_version` is empty, not also an invalid version).
 */
function valueRuleFindings(doc: Table, refused: readonly Finding[], projectPath: string): Finding[] {
  const keys = refused.map((f) => formatPath(f.segments));
  const isRefused = (key: string) =>
    keys.some((k) => key === k || key.startsWith(`${k}.`) || key.startsWith(`${k}[`));
  return [...keyRuleFindings(doc, projectPath), ...crossFindings(doc, projectPath)].filter(
    (f) => !isRefused(formatPath(f.segments)),
  );
}

/** Whether the key, or a table or list holding it, was set from the environment. */
function envOrigin(key: string, origins: Readonly<Record<string, string>>): boolean {
  for (let k = key; k !== ""; ) {
    if (Object.hasOwn(origins, k) && origins[k]?.startsWith("env:")) return true;
    const cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
    k = cut < 0 ? "" : k.slice(0, cut);
  }
  return false;
}

/** Every problem of one document, named by the keys as written, and what the checks made of it. */
function documentFindings(raw: Table, file: string, projectPath: string) {
  const doc = cloneTree(raw);
  const removed = removedKeyFindings(doc);
  const folded = foldAliases(doc, file);
  const entries = versionFileEntryFindings(doc);
  const schema = schemaCheck(doc, entries.handled);
  const findings = [
    ...removed,
    ...folded.findings,
    ...entries.findings,
    ...[...schema.findings, ...valueRuleFindings(doc, schema.findings, projectPath)].map((f) =>
      renameToWritten(f, folded.writtenAs),
    ),
  ];
  return { doc, folded, schema, findings };
}

/**
 * Validates a parsed configuration document and returns the effective configuration (defaults filled in).
 * Throws one ReleasioError for all problems: the first one's code, message and hint, and
 * `details.problems` with every one.
 */
export function validateConfig(raw: unknown, file: string, options: ValidateOptions = {}): ValidatedConfig {
  const origins = options.origins ?? {};
  const source: FindingSource = { file, origins };
  if (!isTable(raw)) {
    const message = `${file}: the configuration must be a table of settings; got ${formatValue(raw)}`;
    const problem: ConfigProblem = { code: "E_CONFIG_INVALID", key: "", message, hint: null };
    throw new ReleasioError(problem.code, message, { details: { file, problems: [problem] } });
  }
  const projectPath = options.projectPath ?? ".";
  const { doc, folded, schema, findings } = documentFindings(raw, file, projectPath);
  const worded = findings.map((f) => wordFinding(f, source));
  // What the environment replaced is still the file's problem (§5.2): reported as the file's, with its value.
  if (options.written !== undefined && isTable(options.written)) {
    const replaced = (key: string) => envOrigin(key, origins);
    const own = documentFindings(options.written, file, projectPath).findings.filter((f) =>
      replaced(formatPath(f.segments)),
    );
    worded.push(...own.map((f) => wordFinding(f, { file, origins: {} })));
  }
  if (worded.length > 0) {
    const problems = byDocumentOrder(raw, worded);
    const first = problems[0]!;
    throw new ReleasioError(first.code, first.message, { hint: first.hint, details: { file, problems } });
  }
  const warnings = [...folded.warnings];
  // No findings: the schema accepted the document, and its parse is the configuration.
  const config = normalize(schema.parsed ?? v.parse(configSchema, doc), doc, file, warnings);
  return { config, warnings };
}
