/**
 * A small TOML scanner that reports where every string value sits in the source text, so an updater can replace
 * exactly the bytes of one value and leave comments, spacing and every other value alone.
 *
 * It expects a document that already parsed (callers validate with smol-toml first) and only tracks what editing
 * needs: table headers (including arrays of tables, numbered per parent), dotted keys, inline tables, and strings
 * of all four kinds. Arrays are skipped with their strings and comments respected; their elements are not reported.
 */

export type TomlPathSegment = string | number;

export type TomlStringStyle = "basic" | "literal" | "multiline-basic" | "multiline-literal";

export interface TomlStringToken {
  /** Key path of the value; array-of-tables elements appear as their index. */
  path: TomlPathSegment[];
  /** Offset of the opening quote. */
  start: number;
  /** Offset just past the closing quote. */
  end: number;
  style: TomlStringStyle;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Characters that end a bare scalar (number, boolean, date) inside any container. */
const SCALAR_END = new Set([",", "]", "}", "#", "\n", "\r"]);

const SIMPLE_ESCAPES: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\u001b",
  '"': '"',
  "\\": "\\",
};

class TomlScanner {
  private pos = 0;
  private readonly tokens: TomlStringToken[] = [];
  /** Current element index of each array of tables, keyed by its resolved path. */
  private readonly arrayTables = new Map<string, number>();

  constructor(private readonly text: string) {}

  scan(): TomlStringToken[] {
    let table: TomlPathSegment[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.text.length) return this.tokens;
      if (this.peek() === "[") {
        table = this.header();
      } else {
        const key = this.key();
        this.expect("=");
        this.value([...table, ...key]);
      }
      this.endOfLine();
    }
  }

  private peek(offset = 0): string {
    return this.text.charAt(this.pos + offset);
  }

  private fail(what: string): never {
    throw new Error(`unexpected ${what} at offset ${this.pos}`);
  }

  private expect(char: string): void {
    this.skipBlank(false);
    if (this.peek() !== char) this.fail(`'${this.peek()}' (expected '${char}')`);
    this.pos += 1;
  }

  /** Skips spaces and tabs, and with `newlines` also line breaks and comments. */
  private skipBlank(newlines: boolean): void {
    for (;;) {
      const c = this.peek();
      if (c === " " || c === "\t") this.pos += 1;
      else if (newlines && (c === "\n" || c === "\r")) this.pos += 1;
      else if (newlines && c === "#") this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.peek() !== "\n") this.pos += 1;
  }

  private endOfLine(): void {
    this.skipBlank(false);
    if (this.peek() === "#") this.skipComment();
    const c = this.peek();
    if (c === "\r") this.pos += 1;
    if (this.peek() === "\n") this.pos += 1;
    else if (this.pos < this.text.length) this.fail(`'${this.peek()}' after a value`);
  }

  private header(): TomlPathSegment[] {
    const isArray = this.peek(1) === "[";
    this.pos += isArray ? 2 : 1;
    const keys = this.key();
    this.expect("]");
    if (isArray) this.expect("]");
    return this.resolveHeader(keys, isArray);
  }

  private resolveHeader(keys: string[], isArray: boolean): TomlPathSegment[] {
    const resolved: TomlPathSegment[] = [];
    keys.forEach((segment, index) => {
      resolved.push(segment);
      const isLast = index === keys.length - 1;
      const current = this.arrayTables.get(JSON.stringify(resolved));
      if (current !== undefined && !(isLast && isArray)) resolved.push(current);
    });
    if (isArray) {
      const id = JSON.stringify(resolved);
      const next = (this.arrayTables.get(id) ?? -1) + 1;
      this.arrayTables.set(id, next);
      resolved.push(next);
    }
    return resolved;
  }

  /** A dotted key: bare, basic or literal segments separated by dots (whitespace allowed around dots). */
  private key(): string[] {
    const segments: string[] = [];
    for (;;) {
      this.skipBlank(false);
      segments.push(this.keySegment());
      this.skipBlank(false);
      if (this.peek() !== ".") return segments;
      this.pos += 1;
    }
  }

  private keySegment(): string {
    const c = this.peek();
    if (c === '"') {
      const start = this.pos;
      this.basicString();
      return decodeBasic(this.text.slice(start + 1, this.pos - 1));
    }
    if (c === "'") {
      const start = this.pos;
      this.literalString();
      return this.text.slice(start + 1, this.pos - 1);
    }
    const start = this.pos;
    while (BARE_KEY.test(this.peek())) this.pos += 1;
    if (this.pos === start) this.fail(`'${c}' in a key`);
    return this.text.slice(start, this.pos);
  }

  /** Scans one value; records it when it is a string and `path` is not null (array elements are not recorded). */
  private value(path: TomlPathSegment[] | null): void {
    this.skipBlank(false);
    const start = this.pos;
    const style = this.stringStyle();
    if (style !== null) {
      this.string(style);
      if (path !== null) this.tokens.push({ path, start, end: this.pos, style });
      return;
    }
    const c = this.peek();
    if (c === "[") this.array();
    else if (c === "{") this.inlineTable(path);
    else this.scalar();
  }

  private stringStyle(): TomlStringStyle | null {
    if (this.text.startsWith('"""', this.pos)) return "multiline-basic";
    if (this.text.startsWith("'''", this.pos)) return "multiline-literal";
    if (this.peek() === '"') return "basic";
    if (this.peek() === "'") return "literal";
    return null;
  }

  private string(style: TomlStringStyle): void {
    if (style === "basic") this.basicString();
    else if (style === "literal") this.literalString();
    else this.multilineString(style === "multiline-basic" ? '"' : "'");
  }

  private basicString(): void {
    this.pos += 1;
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail("end of input in a string");
      if (c === "\\") this.pos += 2;
      else {
        this.pos += 1;
        if (c === '"') return;
      }
    }
  }

  private literalString(): void {
    const close = this.text.indexOf("'", this.pos + 1);
    if (close < 0) this.fail("end of input in a string");
    this.pos = close + 1;
  }

  /** Up to two quotes may sit right before the closing delimiter, so the longest run of quotes closes it. */
  private multilineString(quote: string): void {
    const delimiter = quote.repeat(3);
    this.pos += 3;
    for (;;) {
      const c = this.peek();
      if (c === "") this.fail("end of input in a multi-line string");
      if (quote === '"' && c === "\\") {
        this.pos += 2;
      } else if (this.text.startsWith(delimiter, this.pos)) {
        let run = 3;
        while (run < 5 && this.peek(run) === quote) run += 1;
        this.pos += run;
        return;
      } else {
        this.pos += 1;
      }
    }
  }

  private array(): void {
    this.pos += 1;
    for (;;) {
      this.skipBlank(true);
      if (this.peek() === "]") {
        this.pos += 1;
        return;
      }
      this.value(null);
      this.skipBlank(true);
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "]") this.fail(`'${this.peek()}' in an array`);
    }
  }

  /** Inline tables may span lines (TOML 1.1) and carry comments there, so blanks include line breaks. */
  private inlineTable(path: TomlPathSegment[] | null): void {
    this.pos += 1;
    for (;;) {
      this.skipBlank(true);
      if (this.peek() === "}") {
        this.pos += 1;
        return;
      }
      const key = this.key();
      this.expect("=");
      this.value(path === null ? null : [...path, ...key]);
      this.skipBlank(true);
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "}") this.fail(`'${this.peek()}' in an inline table`);
    }
  }

  private scalar(): void {
    const start = this.pos;
    while (this.pos < this.text.length && !SCALAR_END.has(this.peek())) this.pos += 1;
    if (this.pos === start) this.fail(`'${this.peek()}' where a value was expected`);
  }
}

/** Decodes the escapes of a TOML basic string body. */
export function decodeBasic(body: string): string {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)/g, (_, sequence: string) => {
    const simple = SIMPLE_ESCAPES[sequence];
    if (simple !== undefined) return simple;
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    return sequence;
  });
}

/** Every string value of a valid TOML document, with its key path and the exact span of its token. */
export function scanTomlStrings(text: string): TomlStringToken[] {
  return new TomlScanner(text).scan();
}

/**
 * Parses a dotted key as written in configuration (`tool.demo.version`, `tool."my.pkg".version`) with the same
 * rules as keys inside a TOML document.
 */
export function parseTomlKey(dotted: string): string[] | null {
  if (/[\r\n]/.test(dotted)) return null;
  try {
    const tokens = new TomlScanner(`${dotted} = ""`).scan();
    const path = tokens.length === 1 ? tokens[0]?.path : undefined;
    if (path === undefined || path.some((segment) => typeof segment !== "string")) return null;
    return path as string[];
  } catch {
    return null;
  }
}

export function samePath(a: readonly TomlPathSegment[], b: readonly TomlPathSegment[]): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}
