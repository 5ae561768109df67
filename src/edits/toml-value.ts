import { parse, TomlError } from "smol-toml";
import type { ReleasioError } from "../core/errors.js";
import { firstDifference, getAtPath, withValueAt } from "./structure.js";
import { samePath, scanTomlStrings, type TomlPathSegment, type TomlStringStyle } from "./toml-scan.js";
import { editVerifyError, versionFileError } from "./verify-error.js";

export interface TomlStringChange {
  path: readonly TomlPathSegment[];
  value: string;
}

/** Where and why a TOML document does not parse, and the fix when its line makes one plain. */
export interface TomlSyntaxProblem {
  /** `line 3, column 1: invalid value` (smol-toml's code block left out). */
  detail: string;
  line: number | null;
  column: number | null;
  hint: string | null;
}

/** A TOML scalar written without quotes: a boolean, a number, a date or time, inf or nan. */
const UNQUOTED_SCALAR =
  /^(?:true|false|[+-]?(?:inf|nan)|[+-]?[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9_]+)?|0[xob][0-9a-fA-F_]+|\d{4}-\d{2}-\d{2}.*|\d{2}:\d{2}.*)$/;
const KEY_AND_VALUE = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/;

/** The fix for a line that does not parse, when it is plain: a string value written without quotes. */
export function tomlLineHint(line: string): string | null {
  const m = KEY_AND_VALUE.exec(line);
  if (!m) return null;
  const [, key, raw] = m as unknown as [string, string, string];
  const value = raw.replace(/\s+#.*$/, "");
  if (value === "" || /^["'[{]/.test(value) || UNQUOTED_SCALAR.test(value)) return null;
  return `strings take double quotes: ${key} = ${JSON.stringify(value)}`;
}

function tomlSyntaxProblem(error: unknown, text: string): TomlSyntaxProblem {
  if (error instanceof TomlError) {
    const reason = error.message.replace(/^Invalid TOML document: /, "").split("\n")[0];
    const line = text.split(/\r?\n/)[error.line - 1] ?? "";
    return {
      detail: `line ${error.line}, column ${error.column}: ${reason}`,
      line: error.line,
      column: error.column,
      hint: tomlLineHint(line),
    };
  }
  return {
    detail: error instanceof Error ? error.message : String(error),
    line: null,
    column: null,
    hint: null,
  };
}

/** Parses TOML, turning a syntax error into the error the caller chooses. */
export function parseToml(
  text: string,
  onError: (detail: string, problem: TomlSyntaxProblem) => ReleasioError,
  /** Integers as BigInt, so that they stay apart from floats (`3` and `3.0`). */
  integersAsBigInt = false,
): Record<string, unknown> {
  try {
    return (integersAsBigInt ? parse(text, { integersAsBigInt: true }) : parse(text)) as Record<
      string,
      unknown
    >;
  } catch (error) {
    const problem = tomlSyntaxProblem(error, text);
    throw onError(problem.detail, problem);
  }
}

export function formatTomlPath(path: readonly TomlPathSegment[]): string {
  return path.map((segment) => (typeof segment === "number" ? `[${segment}]` : segment)).join(".");
}

function escapeBasic(value: string): string {
  return value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    if (c === "\\" || c === '"') return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** Renders `value` in the style of the token it replaces; a literal that cannot hold it becomes a basic string. */
export function renderTomlString(style: TomlStringStyle, value: string): string {
  const literalSafe = !/['\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
  switch (style) {
    case "literal":
      return literalSafe ? `'${value}'` : `"${escapeBasic(value)}"`;
    case "multiline-literal":
      return literalSafe ? `'''${value}'''` : `"""${escapeBasic(value)}"""`;
    case "multiline-basic":
      return `"""${escapeBasic(value)}"""`;
    default:
      return `"${escapeBasic(value)}"`;
  }
}

/**
 * Checks an edit by parsing both versions: the changed keys must hold their new values and the document must
 * otherwise be identical. Throws E_EDIT_VERIFY describing the first discrepancy.
 */
export function verifyTomlChanges(
  before: string,
  after: string,
  file: string,
  changes: readonly TomlStringChange[],
): void {
  const original = parseToml(before, (detail) =>
    editVerifyError(file, `the original is not valid TOML: ${detail}`),
  );
  const edited = parseToml(after, (detail) => editVerifyError(file, `invalid TOML at ${detail}`));
  let expected: unknown = original;
  for (const change of changes) {
    const actual = getAtPath(edited, change.path);
    if (actual !== change.value) {
      throw editVerifyError(
        file,
        `${formatTomlPath(change.path)} is ${JSON.stringify(actual) ?? "missing"}, expected ${JSON.stringify(change.value)}`,
      );
    }
    expected = withValueAt(expected, change.path, change.value);
  }
  const difference = firstDifference(expected, edited);
  if (difference !== null) throw editVerifyError(file, `${difference} changed unexpectedly`);
}

/** The verification of `setTomlString`, exported so a caller can check any candidate text. */
export function verifyTomlEdit(
  before: string,
  after: string,
  file: string,
  keyPath: readonly string[],
  expected: string,
): void {
  verifyTomlChanges(before, after, file, [{ path: keyPath, value: expected }]);
}

/**
 * Replaces string values by their exact token spans without verifying; callers verify (`setTomlStrings` does).
 * A key that is missing or not a string is E_VERSION_FILE.
 */
export function replaceTomlStrings(text: string, file: string, changes: readonly TomlStringChange[]): string {
  const document = parseToml(text, (detail) => versionFileError(file, `invalid TOML at ${detail}`));
  const tokens = scanTomlStrings(text);
  const replacements = changes.map((change) => {
    const token = tokens.find((candidate) => samePath(candidate.path, change.path));
    if (token === undefined) {
      const present = getAtPath(document, change.path) !== undefined;
      const key = formatTomlPath(change.path);
      throw versionFileError(file, present ? `'${key}' is not a string` : `key '${key}' not found`);
    }
    return { token, text: renderTomlString(token.style, change.value) };
  });
  replacements.sort((a, b) => b.token.start - a.token.start);
  let after = text;
  for (const { token, text: replacement } of replacements) {
    after = after.slice(0, token.start) + replacement + after.slice(token.end);
  }
  return after;
}

/** Replaces several string values at once, each by its exact token span, then verifies the result. */
export function setTomlStrings(text: string, file: string, changes: readonly TomlStringChange[]): string {
  const after = replaceTomlStrings(text, file, changes);
  verifyTomlChanges(text, after, file, changes);
  return after;
}

/** Format-preserving replacement of one string value: only the bytes of the value token change. */
export function setTomlString(text: string, file: string, keyPath: readonly string[], value: string): string {
  return setTomlStrings(text, file, [{ path: keyPath, value }]);
}

/** The string at a key path, or an E_VERSION_FILE error when the file is not TOML or the value is not a string. */
export function getTomlString(text: string, file: string, keyPath: readonly TomlPathSegment[]): string {
  const value = getAtPath(
    parseToml(text, (detail) => versionFileError(file, `invalid TOML at ${detail}`)),
    keyPath,
  );
  const key = formatTomlPath(keyPath);
  if (value === undefined) throw versionFileError(file, `key '${key}' not found`);
  if (typeof value !== "string") throw versionFileError(file, `'${key}' is not a string`);
  return value;
}
