import {
  type PythonToken,
  plainStringValue,
  pythonString,
  quotePythonBody,
  tokenizePython,
} from "./python-tokens.js";
import { editVerifyError, versionFileError } from "./verify-error.js";

export interface SetupKeyword {
  /** The literal's value, or null when the argument is not a single plain string literal. */
  value: string | null;
  /** The argument's first token. */
  token: PythonToken;
}

export interface SetupCall {
  name: SetupKeyword[];
  version: SetupKeyword[];
}

function isOp(token: PythonToken | undefined, text: string): boolean {
  return token?.kind === "op" && token.text === text;
}

/** `name=` directly inside the call's parentheses, right after `(` or `,`. */
function isKeyword(tokens: readonly PythonToken[], index: number): boolean {
  const previous = tokens[index - 1];
  return (
    tokens[index]?.kind === "name" &&
    isOp(tokens[index + 1], "=") &&
    (isOp(previous, "(") || isOp(previous, ","))
  );
}

/** Keyword arguments `name=` and `version=` of every `setup(...)` call (also `setuptools.setup(...)`). */
export function readSetupCall(text: string): SetupCall {
  const tokens = tokenizePython(text);
  const call: SetupCall = { name: [], version: [] };
  tokens.forEach((token, index) => {
    const previous = tokens[index - 1];
    const isCall = token.kind === "name" && token.text === "setup" && isOp(tokens[index + 1], "(");
    if (!isCall || (previous?.kind === "name" && previous.text === "def")) return;
    let depth = 0;
    for (let i = index + 1; i < tokens.length; i += 1) {
      const current = tokens[i] as PythonToken;
      if (current.kind === "op" && "([{".includes(current.text)) depth += 1;
      else if (current.kind === "op" && ")]}".includes(current.text)) {
        depth -= 1;
        if (depth === 0) return;
      } else if (depth === 1 && isKeyword(tokens, i)) {
        collect(call, current.text, tokens, i + 2);
      }
    }
  });
  return call;
}

function collect(call: SetupCall, keyword: string, tokens: readonly PythonToken[], valueIndex: number): void {
  if (keyword !== "name" && keyword !== "version") return;
  const first = tokens[valueIndex];
  if (first === undefined) return;
  const next = tokens[valueIndex + 1];
  const single = isOp(next, ",") || isOp(next, ")");
  call[keyword].push({ value: single ? plainStringValue(first) : null, token: first });
}

/** Why the setup() call does not hold exactly one `version=` literal, or null when it does. */
export function setupVersionProblem(call: SetupCall): string | null {
  if (call.version.length === 0) return "setup() has no version= argument";
  if (call.version.length > 1) return `setup() has ${call.version.length} version= arguments`;
  if (call.version[0]?.value === null) return "setup() version= is not a string literal";
  return null;
}

/**
 * Re-reads the edited setup.py: exactly one `version=` literal holding the new version, and nothing outside the
 * literal changed.
 */
export function verifySetupPyEdit(before: string, after: string, file: string, expected: string): void {
  const old = readSetupCall(before).version[0];
  const edited = readSetupCall(after);
  const problem = setupVersionProblem(edited);
  if (problem !== null || old === undefined)
    throw editVerifyError(file, problem ?? "no version= argument before");
  const now = edited.version[0] as SetupKeyword;
  if (now.value !== expected)
    throw editVerifyError(file, `version= is "${now.value}", expected "${expected}"`);
  const restored = after.slice(0, now.token.start) + old.token.text + after.slice(now.token.end);
  if (restored !== before) throw editVerifyError(file, "text outside the version= literal changed");
}

/** Replaces the body of the single `version=` string literal of the setup() call, keeping its quotes. */
export function setSetupPyVersion(text: string, file: string, to: string): string {
  const call = readSetupCall(text);
  const problem = setupVersionProblem(call);
  if (problem !== null) throw versionFileError(file, problem);
  const literal = pythonString((call.version[0] as SetupKeyword).token);
  const body = quotePythonBody(to, literal.quote, /[rR]/.test(literal.prefix));
  const after = text.slice(0, literal.bodyStart) + body + text.slice(literal.bodyEnd);
  verifySetupPyEdit(text, after, file, to);
  return after;
}
