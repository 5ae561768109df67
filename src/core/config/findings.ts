/**
 * A configuration problem before it is worded (a finding), how schema issues become findings, and the message
 * shapes of PRODUCT.md §3.7.
 */
import type * as v from "valibot";
import type { ErrorCode } from "../codes.js";
import { didYouMean } from "../text/did-you-mean.js";
import { redactUrlCredentials } from "../text/redact.js";
import {
  childNode,
  choices,
  configKeys,
  describeType,
  envNameOf,
  formatPath,
  nodeAt,
  type PathSegment,
  type SchemaNode,
  type TableNode,
  tableOptions,
  unwrap,
} from "./keys.js";
import { TomlBigInteger, TomlFloat } from "./toml-float.js";
import { getPath, isTable } from "./tree.js";

export type FindingCode =
  | "E_CONFIG_UNKNOWN_KEY"
  | "E_CONFIG_INVALID"
  | "E_CONFIG_REMOVED_KEY"
  | "E_INSECURE_URL";

export interface Finding {
  code: FindingCode;
  segments: readonly PathSegment[];
  /** For E_CONFIG_INVALID and E_INSECURE_URL: what is wrong ("must be one of …"). */
  problem: string;
  /** The offending value (undefined when the key is missing). */
  value: unknown;
  hint: string | null;
}

/** One problem as reported in `details.problems`. */
export interface ConfigProblem {
  code: ErrorCode;
  key: string;
  message: string;
  hint: string | null;
}

/** The longest value quoted back in a message (after "got", or inside a problem). */
export const MAX_VALUE_LENGTH = 80;

/** Text as quoted in a message: credentials in URLs removed, then shortened to `max` characters with `…`. */
export function quoted(text: string, max = MAX_VALUE_LENGTH): string {
  const redacted = redactUrlCredentials(text);
  return redacted.length > max ? `${redacted.slice(0, max - 1)}…` : redacted;
}

/**
 * A value as shown after "got": JSON for strings, arrays and tables; "nothing" for a missing key. Credentials in
 * URLs are removed before the value is shortened, so that no part of them is shown.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof Date) return value.toISOString();
  if (value instanceof TomlFloat || value instanceof TomlBigInteger) return value.text;
  if (typeof value === "bigint") return value.toString();
  // TOML's inf and nan as written (JSON has no spelling for them).
  if (typeof value === "number" && !Number.isFinite(value))
    return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  return quoted(toJson(value));
}

/** Marks a number written as is inside JSON text (a quoted string holding it, between two NULs). */
const RAW = "\u0000";

/** JSON of a value, with the numbers of a TOML document inside it (floats, big integers) as written. */
function toJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof TomlFloat || item instanceof TomlBigInteger) return `${RAW}${item.text}${RAW}`;
    if (typeof item === "bigint") return `${RAW}${item}${RAW}`;
    return item;
  });
  if (json === undefined) return String(value);
  // JSON writes the NUL of the marks as \u0000; the text between them is a number's spelling.
  return json.replace(/"\\u0000([-+0-9a-z.]+)\\u0000"/g, "$1");
}

/** The unique key anywhere in the schema with this last segment (`tag_prefix` → `version.tag_prefix`). */
function keyWithSameName(name: string): string | null {
  const matches = configKeys().filter((k) => k.path.split(".").pop() === name);
  return matches.length === 1 ? matches[0]!.path : null;
}

/** A table and its key written as one name (`changelog_path` → `changelog.path`), under the same parent. */
function flattenedKey(parent: readonly PathSegment[], name: string): string | null {
  const keys = new Set(configKeys().map((k) => k.path));
  for (let i = name.indexOf("_"); i > 0; i = name.indexOf("_", i + 1)) {
    const candidate = formatPath([...parent, name.slice(0, i), name.slice(i + 1)]);
    if (keys.has(candidate)) return candidate;
  }
  return null;
}

/** `[tool.releasio…]` copied from pyproject.toml into a releasio file, where the tables start at the top level. */
function isToolReleasioTable(parent: readonly PathSegment[], name: string, value: unknown): boolean {
  return (
    parent.length === 0 &&
    name === "tool" &&
    typeof value === "object" &&
    value !== null &&
    "releasio" in value
  );
}

export function unknownKeyFinding(
  parent: readonly PathSegment[],
  name: string,
  parentNode: SchemaNode | null,
  value: unknown,
): Finding {
  const siblings = parentNode === null ? [] : keysOf(parentNode);
  const candidates = siblings.map((k) => formatPath([...parent, k]));
  const full = formatPath([...parent, name]);
  const suggestion = didYouMean(full, candidates) ?? keyWithSameName(name) ?? flattenedKey(parent, name);
  const hint = isToolReleasioTable(parent, name, value)
    ? "a releasio.toml or .releasio.toml holds the configuration at its top level: drop the tool.releasio prefix ([tool.releasio.version] becomes [version])"
    : suggestion !== null
      ? `did you mean '${suggestion}'?`
      : siblings.length > 0
        ? `valid keys here: ${siblings.join(", ")}`
        : null;
  return { code: "E_CONFIG_UNKNOWN_KEY", segments: [...parent, name], problem: "", value, hint };
}

/** The keys a table node (or any table form of a union) accepts. */
function keysOf(node: SchemaNode): string[] {
  return [...new Set(tableOptions(node).flatMap((o) => Object.keys(o.entries)))];
}

/** An issue of parsing a value with a configuration schema. */
export type SchemaIssue = v.BaseIssue<unknown>;

function toSegments(path: SchemaIssue["path"]): PathSegment[] {
  return (path ?? [])
    .map((item) => item.key)
    .filter((key): key is string | number => typeof key === "string" || typeof key === "number");
}

const BOUNDS: Readonly<Record<string, "least" | "most">> = {
  min_length: "least",
  max_length: "most",
  min_value: "least",
  max_value: "most",
};

function rangeProblem(issue: SchemaIssue, word: "least" | "most"): string {
  const bound = String(issue.requirement);
  if (typeof issue.input === "string") {
    if (word === "least" && issue.requirement === 1) return "must not be empty";
    return `must be at ${word} ${bound} characters long`;
  }
  if (Array.isArray(issue.input) && word === "least") return `must have at least ${bound} items`;
  return `must be at ${word} ${bound}`;
}

/** The bounds of an integer key (`min_value`/`max_value` of its pipe), or null for any other node. */
export function integerRange(node: SchemaNode): { min: number; max: number } | null {
  const inner = unwrap(node);
  if (inner.type !== "number") return null;
  const range = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  const visit = (n: unknown): void => {
    const step = n as { type?: string; requirement?: unknown; pipe?: readonly unknown[] };
    if (step.type === "min_value" && typeof step.requirement === "number") range.min = step.requirement;
    if (step.type === "max_value" && typeof step.requirement === "number") range.max = step.requirement;
    for (const child of step.pipe ?? []) if (child !== n) visit(child);
  };
  visit(inner);
  return range;
}

/** Issues whose message is "must be <the expected type>" whatever the value, even a missing one. */
const CHOICE_TYPES = new Set(["union", "picklist", "literal"]);

/** An unknown key: the issue's path ends at the key itself, reached as a key rather than as a value. */
function isUnknownKey(issue: SchemaIssue): boolean {
  return issue.kind === "schema" && issue.expected === "never" && issue.path?.at(-1)?.origin === "key";
}

/** valibot stops at the first unknown key of a table; every one is reported, in the order written. */
function unknownKeyFindings(
  issue: SchemaIssue,
  root: SchemaNode,
  raw: unknown,
  prefix: readonly PathSegment[],
): Finding[] {
  const parent = toSegments(issue.path).slice(0, -1);
  const node = nodeAt(parent, root);
  const known = new Set(node === null ? [] : keysOf(node));
  const table = getPath(raw, parent);
  const written = table !== null && typeof table === "object" ? Object.keys(table) : [];
  return written
    .filter((name) => !known.has(name))
    .map((name) => unknownKeyFinding([...prefix, ...parent], name, node, getPath(raw, [...parent, name])));
}

/**
 * Findings for the issues of parsing `raw` with `root`; `prefix` is where `raw` sits in the configuration
 * (used when a part is checked on its own, e.g. one version file entry or a deprecated alias).
 */
export function issueFindings(
  issues: readonly SchemaIssue[],
  root: SchemaNode,
  raw: unknown,
  prefix: readonly PathSegment[],
): Finding[] {
  const findings: Finding[] = [];
  // A value of the wrong type (a fraction where an integer belongs included) gets one problem, not one more for
  // every rule it then fails.
  const mistyped = new Set<string>();
  for (const issue of issues) {
    if (isUnknownKey(issue)) {
      findings.push(...unknownKeyFindings(issue, root, raw, prefix));
      continue;
    }
    const path = toSegments(issue.path);
    const key = formatPath(path);
    if (mistyped.has(key)) continue;
    const node = nodeAt(path, root);
    const value = getPath(raw, path);
    const expected = node === null ? "a valid value" : describeType(node);
    const bound = BOUNDS[issue.type];
    let problem = issue.message;
    const range = node === null ? null : integerRange(node);
    if (value instanceof TomlBigInteger && range !== null) {
      // Beyond JavaScript's exact integers, and so beyond the range of every integer key.
      mistyped.add(key);
      problem = value.value < 0n ? `must be at least ${range.min}` : `must be at most ${range.max}`;
    } else if (issue.kind === "schema" || issue.type === "integer") {
      mistyped.add(key);
      const required = value === undefined && !CHOICE_TYPES.has(issue.type);
      problem = required ? `is required (${expected})` : `must be ${expected}`;
    } else if (bound !== undefined) {
      problem = rangeProblem(issue, bound);
    }
    const hint =
      value === ""
        ? emptyHint([...prefix, ...path])
        : node === null
          ? null
          : valueHint([...prefix, ...path], node, value);
    findings.push({ code: "E_CONFIG_INVALID", segments: [...prefix, ...path], problem, value, hint });
  }
  return findings;
}

/** The fix for an empty string where a value is needed: drop it (an item, an entry) or the key, or fill it in. */
function emptyHint(segments: readonly PathSegment[]): string {
  const last = segments.at(-1);
  const parent = formatPath(segments.slice(0, -1));
  if (typeof last === "number") return `remove the empty item from ${parent}`;
  const table = nodeAt(segments.slice(0, -1));
  if (segments.length > 1 && table !== null && unwrap(table).type === "record") {
    return `remove ${last} from ${parent} to keep its default, or give it a value`;
  }
  return `give ${String(last)} a value, or remove it to use the default`;
}

/** The table schema of a list whose items can only be tables (`commits.commit_parsers`), else null. */
function listOfTables(array: SchemaNode): TableNode | null {
  const item = childNode(array, 0);
  if (item === null || unwrap(item).type === "union") return null;
  return tableOptions(item)[0] ?? null;
}

/** Values shown for the required keys of a table in an example (other keys get "…"). */
const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
  pattern: '"^docs"',
  type: '"docs"',
  match: '"beta"',
};

const OPTIONAL_WRAPPERS = new Set(["optional", "exact_optional", "nullish", "undefinedable"]);

/** An inline table with the required keys of a table schema: `{ pattern = "^docs", type = "docs" }`. */
function inlineTableExample(table: TableNode): string {
  const required = Object.entries(table.entries)
    .filter(([, n]) => !OPTIONAL_WRAPPERS.has(n.type))
    .map(([k]) => `${k} = ${EXAMPLE_VALUES[k] ?? '"…"'}`);
  return required.length === 0 ? "{}" : `{ ${required.join(", ")} }`;
}

/**
 * The fix for a value that is close to a valid one, or null: a misspelt choice, a single item where a list
 * belongs, a quoted boolean or number. `segments` is the key's path; its last segment is the key as written in
 * its table.
 */
function valueHint(segments: readonly PathSegment[], node: SchemaNode, value: unknown): string | null {
  const inner = unwrap(node);
  const name = segments.at(-1);
  const written = typeof name === "string" ? name : null;
  const write = (toml: string) => (written === null ? `write ${toml}` : `write ${written} = ${toml}`);
  if (inner.type === "picklist" && typeof value === "string" && value.length <= MAX_VALUE_LENGTH) {
    const options = choices(inner);
    const wanted = value.trim().toLowerCase();
    const close =
      didYouMean(wanted, options) ?? options.find((o) => wanted !== "" && o.includes(wanted)) ?? null;
    return close === null ? null : `did you mean "${close}"?`;
  }
  const itemTable = inner.type === "array" ? listOfTables(inner) : null;
  if (itemTable !== null && value !== undefined) {
    const example = `[${inlineTableExample(itemTable)}]`;
    if (isTable(value)) {
      const dotted = formatPath(segments);
      return `a list of tables is expected, even of one: write [[${dotted}]] instead of [${dotted}], or ${write(example).replace(/^write /, "")}`;
    }
    return `a list of tables is expected: ${write(example)}`;
  }
  const table = tableOptions(inner);
  if (typeof name === "number" && inner.type !== "union" && table[0] !== undefined && value !== undefined) {
    return `each item is a table: write ${inlineTableExample(table[0])}`;
  }
  if (inner.type === "array" && (typeof value === "string" || typeof value === "number")) {
    const item = typeof value === "string" && value.length > MAX_VALUE_LENGTH ? '"…"' : JSON.stringify(value);
    return `a list is expected, even of one item: ${write(`[${item}]`)}`;
  }
  if (inner.type === "boolean" && (typeof value === "string" || typeof value === "number")) {
    const said = String(value).trim().toLowerCase();
    if (typeof value === "string" && (said === "true" || said === "false")) {
      return `booleans take no quotes: ${write(said)}`;
    }
    // The spellings the RELEASIO_* variables accept mean the same in a file, written as TOML's true or false.
    const meant = /^(?:yes|on|1)$/.test(said) ? "true" : /^(?:no|off|0)$/.test(said) ? "false" : null;
    if (meant !== null) return `booleans are true or false, without quotes: ${write(meant)}`;
  }
  if (inner.type === "number") return integerHint(node, value, write);
  return null;
}

/** The fix for a value where an integer belongs: quotes, a decimal point or a value out of range. */
function integerHint(node: SchemaNode, value: unknown, write: (toml: string) => string): string | null {
  const { min, max } = integerRange(node) ?? { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  const inRange = (n: bigint) => n >= BigInt(min) && n <= BigInt(max);
  const fallback = "default" in node && typeof node.default === "number" ? node.default : Math.max(min, 1);
  const range =
    max === Number.MAX_SAFE_INTEGER
      ? `a whole number of at least ${min}`
      : `a whole number from ${min} to ${max}`;
  const useRange = `use ${range}: ${write(String(fallback))}`;
  if (typeof value === "string") {
    const digits = value.trim();
    if (/^[+-]?\d+$/.test(digits)) {
      const n = BigInt(digits);
      return inRange(n) ? `numbers take no quotes: ${write(n.toString())}` : useRange;
    }
    return `an integer, without quotes: ${write(String(fallback))}`;
  }
  if (value instanceof TomlFloat) {
    const n = value.value;
    if (Number.isSafeInteger(n) && inRange(BigInt(n)))
      return `an integer has no decimal point: ${write(String(n))}`;
    // A fraction has no one integer it was meant to be.
    return Number.isInteger(n) ? useRange : null;
  }
  if (value instanceof TomlBigInteger) return useRange;
  if (typeof value === "number" && Number.isInteger(value) && !inRange(BigInt(value))) return useRange;
  return null;
}

/** Where a value came from, for the message prefix: the file, or the environment variable that set it. */
export interface FindingSource {
  file: string;
  /** `env:RELEASIO_X` origins by dotted key. */
  origins: Readonly<Record<string, string>>;
}

function envVariableFor(key: string, origins: Readonly<Record<string, string>>): string | null {
  for (let candidate = key; candidate !== ""; ) {
    const origin = Object.hasOwn(origins, candidate) ? origins[candidate] : undefined;
    if (origin?.startsWith("env:")) return origin.slice("env:".length);
    const cut = Math.max(candidate.lastIndexOf("."), candidate.lastIndexOf("["));
    candidate = cut < 0 ? "" : candidate.slice(0, cut);
  }
  return null;
}

function envValue(value: unknown): string {
  return typeof value === "string" ? quoted(value) : formatValue(value);
}

/** The worded problem (PRODUCT.md §3.7 shapes); a value set from the environment is reported as E_CONFIG_ENV. */
export function wordFinding(finding: Finding, source: FindingSource): ConfigProblem {
  const key = formatPath(finding.segments);
  const variable = envVariableFor(key, source.origins);
  const label = variable === null ? source.file : `environment variable ${variable}`;
  // A configured value is quoted in the message (and may be in the hint): credentials in URLs never are (§11).
  const make = (code: ErrorCode, message: string): ConfigProblem => ({
    code,
    key,
    message: redactUrlCredentials(message),
    hint: finding.hint === null ? null : redactUrlCredentials(finding.hint),
  });
  switch (finding.code) {
    case "E_CONFIG_UNKNOWN_KEY":
      return make(finding.code, `${source.file}: unknown key '${key}'`);
    case "E_CONFIG_REMOVED_KEY":
      return make(finding.code, `${source.file}: '${key}' is no longer supported`);
    case "E_INSECURE_URL":
      return make(
        finding.code,
        `${variable ?? `${source.file}: ${key}`}: '${quoted(String(finding.value))}' ${finding.problem}`,
      );
    case "E_CONFIG_INVALID":
      if (variable !== null) {
        const what = key === keyOfVariable(variable) ? "" : `'${key}' `;
        return make("E_CONFIG_ENV", `${label}: ${what}${finding.problem}; got '${envValue(finding.value)}'`);
      }
      return make(finding.code, `${label}: '${key}' ${finding.problem}; got ${formatValue(finding.value)}`);
  }
}

function keyOfVariable(variable: string): string | null {
  return configKeys().find((k) => envNameOf(k.path) === variable)?.path ?? null;
}
