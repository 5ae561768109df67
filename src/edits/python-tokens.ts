/**
 * Just enough of Python's tokenizer to find assignments and call arguments without being fooled by strings,
 * comments, docstrings or bracketed line continuations. It never throws: malformed input yields tokens anyway.
 */

export type PythonTokenKind = "name" | "string" | "number" | "op" | "newline";

export interface PythonToken {
  kind: PythonTokenKind;
  /** Source text of the token (for strings: prefix, quotes and body). */
  text: string;
  start: number;
  end: number;
  /** The token starts a physical line at column 0. */
  atLineStart: boolean;
  /** 1-based line of the token's start. */
  line: number;
}

export interface PythonString {
  prefix: string;
  /** `'`, `"`, `'''` or `"""`. */
  quote: string;
  body: string;
  /** Offsets of the body inside the source. */
  bodyStart: number;
  bodyEnd: number;
}

const STRING_START = /^([rRuUbBfFtT]{0,2})('''|"""|'|")/;
const NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/u;
const NUMBER = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/;
const TWO_CHAR_OPS = new Set(["==", "!=", "<=", ">=", ":=", "->", "**", "//", "<<", ">>"]);
const OPENING = new Set(["(", "[", "{"]);
const CLOSING = new Set([")", "]", "}"]);

/** The end offset of a string whose opening quote ends at `bodyStart`, or the end of the line when unterminated. */
function stringEnd(text: string, bodyStart: number, quote: string): number {
  let i = bodyStart;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\") {
      i += 2;
    } else if (text.startsWith(quote, i)) {
      return i + quote.length;
    } else if (quote.length === 1 && c === "\n") {
      return i;
    } else {
      i += 1;
    }
  }
  return text.length;
}

export function tokenizePython(text: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  let pos = 0;
  let line = 1;
  let depth = 0;
  const push = (kind: PythonTokenKind, end: number) => {
    const atLineStart = pos === 0 || text.charAt(pos - 1) === "\n";
    tokens.push({ kind, text: text.slice(pos, end), start: pos, end, atLineStart, line });
    for (let i = pos; i < end; i += 1) if (text.charAt(i) === "\n") line += 1;
    pos = end;
  };
  while (pos < text.length) {
    const c = text.charAt(pos);
    const rest = text.slice(pos, pos + 5);
    if (c === "\n") {
      if (depth === 0) push("newline", pos + 1);
      else {
        pos += 1;
        line += 1;
      }
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f") {
      pos += 1;
    } else if (c === "\\" && (text.charAt(pos + 1) === "\n" || text.startsWith("\r\n", pos + 1))) {
      pos = text.indexOf("\n", pos) + 1;
      line += 1;
    } else if (c === "#") {
      const newline = text.indexOf("\n", pos);
      pos = newline < 0 ? text.length : newline;
    } else if (STRING_START.test(rest)) {
      const match = STRING_START.exec(rest);
      const opening = match?.[0] ?? c;
      const quote = match?.[2] ?? c;
      push("string", stringEnd(text, pos + opening.length, quote));
    } else if (NAME.test(rest)) {
      const match = NAME.exec(text.slice(pos, pos + 256));
      push("name", pos + (match?.[0].length ?? 1));
    } else if (NUMBER.test(rest)) {
      const match = NUMBER.exec(text.slice(pos, pos + 256));
      push("number", pos + (match?.[0].length ?? 1));
    } else {
      const two = text.slice(pos, pos + 2);
      const op =
        TWO_CHAR_OPS.has(two) || (two.length === 2 && two.endsWith("=") && "+-*/%&|^@".includes(c)) ? two : c;
      if (OPENING.has(op)) depth += 1;
      if (CLOSING.has(op)) depth = Math.max(0, depth - 1);
      push("op", pos + op.length);
    }
  }
  return tokens;
}

/** Splits a string token into prefix, quote and body. */
export function pythonString(token: PythonToken): PythonString {
  const match = STRING_START.exec(token.text);
  const prefix = match?.[1] ?? "";
  const quote = match?.[2] ?? '"';
  const bodyStart = token.start + prefix.length + quote.length;
  const closed = token.text.length >= prefix.length + 2 * quote.length && token.text.endsWith(quote);
  const bodyEnd = closed ? token.end - quote.length : token.end;
  return {
    prefix,
    quote,
    body: token.text.slice(bodyStart - token.start, bodyEnd - token.start),
    bodyStart,
    bodyEnd,
  };
}

/** The value of a plain (non-bytes, non-f, single-line, closed) string literal, or null for anything else. */
export function plainStringValue(token: PythonToken): string | null {
  if (token.kind !== "string") return null;
  const { prefix, quote, body } = pythonString(token);
  if (quote.length !== 1 || /[bBfFtT]/.test(prefix) || !token.text.endsWith(quote)) return null;
  if (token.text.length < prefix.length + 2) return null;
  if (/[rR]/.test(prefix)) return body;
  return body.replace(/\\(.)/g, (_, escaped: string) =>
    escaped === "n" ? "\n" : escaped === "t" ? "\t" : escaped,
  );
}

/** A string literal body holding `value` that the same quote can enclose. */
export function quotePythonBody(value: string, quote: string, raw: boolean): string {
  if (raw) return value;
  return value.replace(/\\/g, "\\\\").replaceAll(quote, `\\${quote}`);
}
