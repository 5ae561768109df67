import {
  type PythonToken,
  plainStringValue,
  pythonString,
  quotePythonBody,
  tokenizePython,
} from "./python-tokens.js";
import { editVerifyError, versionFileError } from "./verify-error.js";

/** Names a version assignment may use, as tools that read `__version__`-style files accept them. */
export const VERSION_NAMES: readonly string[] = ["__version__", "__VERSION__", "VERSION", "version"];

export interface PythonAssignment {
  name: string;
  value: string;
  /** 1-based line of the assignment. */
  line: number;
  /** Span of the string literal token (prefix and quotes included). */
  start: number;
  end: number;
}

/** Tokens allowed between `:` and `=` in an annotated assignment (`__version__: str`, `VERSION: Final[str]`). */
function isAnnotationToken(token: PythonToken): boolean {
  return token.kind === "name" || (token.kind === "op" && [".", "[", "]", ","].includes(token.text));
}

function endsStatement(token: PythonToken | undefined): boolean {
  return token === undefined || token.kind === "newline" || (token.kind === "op" && token.text === ";");
}

/**
 * Every line-start assignment of a version name to a single plain string literal
 * (`__version__ = "1.0.0"`, `VERSION: str = '1.0.0'`). Indented, chained or computed assignments are ignored.
 */
export function findVersionAssignments(
  text: string,
  names: readonly string[] = VERSION_NAMES,
): PythonAssignment[] {
  const tokens = tokenizePython(text);
  const found: PythonAssignment[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== "name" || !token.atLineStart || !names.includes(token.text)) return;
    let i = index + 1;
    if (tokens[i]?.kind === "op" && tokens[i]?.text === ":") {
      i += 1;
      while (tokens[i] !== undefined && isAnnotationToken(tokens[i] as PythonToken)) i += 1;
    }
    if (tokens[i]?.kind !== "op" || tokens[i]?.text !== "=") return;
    const literal = tokens[i + 1];
    if (literal === undefined || !endsStatement(tokens[i + 2])) return;
    const value = plainStringValue(literal);
    if (value === null) return;
    found.push({ name: token.text, value, line: token.line, start: literal.start, end: literal.end });
  });
  return found;
}

function describe(assignments: readonly PythonAssignment[]): string {
  return assignments.map((a) => `${a.name} = "${a.value}" on line ${a.line}`).join(", ");
}

/**
 * The assignments to update: the only one, or, when there are several, those whose value is the current version.
 * `current` is null when no version is declared; several assignments are then ambiguous.
 */
export function chooseAssignments(
  file: string,
  assignments: readonly PythonAssignment[],
  isCurrent: (value: string) => boolean,
  current: string | null,
): PythonAssignment[] {
  if (assignments.length === 0) {
    throw versionFileError(
      file,
      `expected exactly 1 line-start assignment of ${VERSION_NAMES.join(", ")} to a version string, found 0`,
      'use a { path, pattern } entry for other layouts, e.g. pattern = "release = \\"{version}\\""',
    );
  }
  if (assignments.length === 1) return [...assignments];
  const chosen = assignments.filter((assignment) => isCurrent(assignment.value));
  if (chosen.length === 0) {
    const against = current === null ? "no version is declared" : `none equals ${current}`;
    throw versionFileError(
      file,
      `expected exactly 1 version assignment, found ${assignments.length} (${describe(assignments)}) and ${against}`,
      "keep one assignment or use a { path, pattern } entry",
    );
  }
  return chosen;
}

function sameSpan(a: PythonAssignment, b: PythonAssignment): boolean {
  return a.start === b.start && a.end === b.end;
}

/**
 * Re-scans the edited file: the same assignments on the same lines, the chosen ones holding the new version, the
 * others unchanged, and no byte outside the chosen literals different.
 */
export function verifyPythonEdit(
  before: string,
  after: string,
  file: string,
  targets: readonly PythonAssignment[],
  expected: string,
): void {
  const old = findVersionAssignments(before);
  const edited = findVersionAssignments(after);
  if (old.length !== edited.length) {
    throw editVerifyError(file, `${edited.length} version assignments after the edit, ${old.length} before`);
  }
  let restored = after;
  for (let i = old.length - 1; i >= 0; i -= 1) {
    const was = old[i] as PythonAssignment;
    const now = edited[i] as PythonAssignment;
    const targeted = targets.some((target) => sameSpan(target, was));
    const want = targeted ? expected : was.value;
    if (now.name !== was.name || now.line !== was.line || now.value !== want) {
      throw editVerifyError(file, `${now.name} on line ${now.line} is "${now.value}", expected "${want}"`);
    }
    if (targeted)
      restored = restored.slice(0, now.start) + before.slice(was.start, was.end) + restored.slice(now.end);
  }
  if (restored !== before) throw editVerifyError(file, "text outside the version assignment changed");
}

/** Sets the chosen assignments to `to`, keeping prefix and quote style, then verifies the result. */
export function setPythonAssignments(
  text: string,
  file: string,
  targets: readonly PythonAssignment[],
  to: string,
): string {
  const tokens = tokenizePython(text);
  let after = text;
  const ordered = [...targets].sort((a, b) => b.start - a.start);
  for (const target of ordered) {
    const token = tokens.find((candidate) => candidate.start === target.start);
    if (token === undefined) throw editVerifyError(file, `no string literal on line ${target.line}`);
    const literal = pythonString(token);
    const body = quotePythonBody(to, literal.quote, /[rR]/.test(literal.prefix));
    after = after.slice(0, literal.bodyStart) + body + after.slice(literal.bodyEnd);
  }
  verifyPythonEdit(text, after, file, targets, to);
  return after;
}
