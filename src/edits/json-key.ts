import { firstDifference, getAtPath, type PathSegment, withValueAt } from "./structure.js";
import { editVerifyError, versionFileError } from "./verify-error.js";

interface JsonStringToken {
  path: PathSegment[];
  start: number;
  end: number;
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** Finds the span of every string value (not object keys) of a JSON text that already parsed. */
class JsonScanner {
  private pos = 0;
  readonly tokens: JsonStringToken[] = [];

  constructor(private readonly text: string) {}

  private skip(): void {
    while (WHITESPACE.has(this.text.charAt(this.pos))) this.pos += 1;
  }

  private string(): string {
    const start = this.pos;
    this.pos += 1;
    while (this.text.charAt(this.pos) !== '"') this.pos += this.text.charAt(this.pos) === "\\" ? 2 : 1;
    this.pos += 1;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  value(path: PathSegment[]): void {
    this.skip();
    const c = this.text.charAt(this.pos);
    if (c === '"') {
      const start = this.pos;
      this.string();
      this.tokens.push({ path, start, end: this.pos });
    } else if (c === "{") {
      this.container("}", () => {
        this.skip();
        const key = this.string();
        this.skip();
        this.pos += 1; // the colon
        this.value([...path, key]);
      });
    } else if (c === "[") {
      this.container("]", (index) => this.value([...path, index]));
    } else {
      while (this.pos < this.text.length && !/[\s,\]}]/.test(this.text.charAt(this.pos))) this.pos += 1;
    }
  }

  private container(close: string, member: (index: number) => void): void {
    this.pos += 1;
    this.skip();
    if (this.text.charAt(this.pos) === close) {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      member(index);
      this.skip();
      const c = this.text.charAt(this.pos);
      this.pos += 1;
      if (c === close) return;
    }
  }
}

/** `version`, `tool.version` or `packages.0.version` (a numeric segment indexes an array). */
export function parseJsonKey(dotted: string): PathSegment[] {
  return dotted.split(".").map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

function parseJson(text: string, onError: (detail: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw onError(error instanceof Error ? error.message : String(error));
  }
}

/** Resolves a dotted key against the parsed document: numeric segments index arrays, others name members. */
function resolvePath(document: unknown, segments: readonly PathSegment[]): PathSegment[] {
  const resolved: PathSegment[] = [];
  let current = document;
  for (const segment of segments) {
    const step = Array.isArray(current) ? segment : String(segment);
    resolved.push(step);
    current = getAtPath(current, [step]);
  }
  return resolved;
}

export function verifyJsonEdit(
  before: string,
  after: string,
  file: string,
  path: readonly PathSegment[],
  expected: string,
): void {
  const original = parseJson(before, (detail) =>
    editVerifyError(file, `the original is not valid JSON: ${detail}`),
  );
  const edited = parseJson(after, (detail) => editVerifyError(file, `invalid JSON: ${detail}`));
  const actual = getAtPath(edited, path);
  if (actual !== expected) {
    throw editVerifyError(
      file,
      `${path.join(".")} is ${JSON.stringify(actual) ?? "missing"}, expected "${expected}"`,
    );
  }
  const difference = firstDifference(withValueAt(original, path, expected), edited);
  if (difference !== null) throw editVerifyError(file, `${difference} changed unexpectedly`);
}

export interface JsonStringValue {
  path: PathSegment[];
  value: string;
}

/** The string at a dotted key, or an E_VERSION_FILE error naming what is wrong. */
export function readJsonString(text: string, file: string, dottedKey: string): JsonStringValue {
  const document = parseJson(text, (detail) => versionFileError(file, `invalid JSON: ${detail}`));
  const path = resolvePath(document, parseJsonKey(dottedKey));
  const value = getAtPath(document, path);
  if (value === undefined) throw versionFileError(file, `key '${dottedKey}' not found`);
  if (typeof value !== "string") throw versionFileError(file, `'${dottedKey}' is not a string`);
  return { path, value };
}

/** Replaces the string token at a dotted key, keeping every other byte, then verifies the result. */
export function setJsonString(text: string, file: string, dottedKey: string, value: string): string {
  const { path } = readJsonString(text, file, dottedKey);
  const scanner = new JsonScanner(text);
  scanner.value([]);
  // JSON.parse keeps the last of duplicate keys, so the last token is the one that counts.
  const token = scanner.tokens.findLast(
    (candidate) => candidate.path.length === path.length && candidate.path.every((s, i) => s === path[i]),
  );
  if (token === undefined) throw versionFileError(file, `key '${dottedKey}' not found`);
  const after = text.slice(0, token.start) + JSON.stringify(value) + text.slice(token.end);
  verifyJsonEdit(text, after, file, path, value);
  return after;
}
