/**
 * The configuration text `init` writes (§4.8): the releasio table(s) rendered from the non-default values, added to
 * or replacing the ones of an existing file while every other byte stays as it was. Each result is re-parsed and
 * compared before anyone writes it (E_EDIT_VERIFY).
 */
import { firstDifference } from "../../edits/structure.js";
import { parseTomlKey } from "../../edits/toml-scan.js";
import { parseToml, renderTomlString } from "../../edits/toml-value.js";
import { editVerifyError } from "../../edits/verify-error.js";
import { validateConfig } from "../config/validate.js";
import type { ConfigTable, ConfigValues, TomlScalar } from "./settings.js";

const NOTE =
  "# releasio: only values that differ from the defaults are listed; 'releasio config show' prints them all.";

function renderScalar(value: TomlScalar): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderTomlString("basic", v)).join(", ")}]`;
  if (typeof value === "string") return renderTomlString("basic", value);
  return String(value);
}

function isScalar(value: TomlScalar | ConfigTable): value is TomlScalar {
  return Array.isArray(value) || typeof value !== "object";
}

/** A key as TOML writes it: bare when it can be, else a quoted string (`"release/1.x"`). */
function renderKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : renderTomlString("basic", key);
}

/**
 * The releasio tables as TOML. `prefix` is `tool.releasio` in pyproject.toml and empty in a dedicated file (its
 * top-level keys then come first, without a header).
 */
export function renderConfigToml(values: ConfigValues, prefix: "tool.releasio" | ""): string {
  const lines: string[] = [];
  if (prefix) lines.push(`[${prefix}]`);
  lines.push(NOTE);
  // A table's own keys under its header, then each sub-table under a header of its own (no header for a table
  // that holds only sub-tables, such as `branches`).
  const render = (table: ConfigTable, path: readonly string[]) => {
    const entries = Object.entries(table);
    const scalars = entries.filter((e): e is [string, TomlScalar] => isScalar(e[1]));
    if (path.length > 0 && scalars.length > 0)
      lines.push("", `[${[...(prefix ? [prefix] : []), ...path].join(".")}]`);
    for (const [key, value] of scalars) lines.push(`${renderKey(key)} = ${renderScalar(value)}`);
    for (const [key, value] of entries) {
      if (!isScalar(value)) render(value, [...path, renderKey(key)]);
    }
  };
  render(values, []);
  return `${lines.join("\n")}\n`;
}

interface Section {
  /** Offset of the header line's first character. */
  start: number;
  /** Offset just past the section's last non-blank, non-comment line. */
  end: number;
  path: string[];
}

const HEADER = /^[ \t]*\[\[?([^\]\n]+?)\]\]?[ \t]*(?:#.*)?$/;

/** The offsets of every line start, with whether the line is blank or only a comment. */
function lineStarts(text: string): { start: number; line: string }[] {
  const out: { start: number; line: string }[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    out.push({ start, line: line.replace(/\r$/, "") });
    start += line.length + 1;
  }
  return out;
}

/** Multi-line string bodies, where a `[...]` line is text rather than a header. */
function multilineRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|#[^\n]*/g;
  for (const m of text.matchAll(re)) {
    if (m[0].startsWith('"""') || m[0].startsWith("'''")) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/** Every table section of a TOML document: header position, dotted path, and end before trailing comments. */
export function tableSections(text: string): Section[] {
  const ranges = multilineRanges(text);
  const lines = lineStarts(text);
  const headers: { index: number; path: string[] }[] = [];
  lines.forEach(({ start, line }, index) => {
    if (ranges.some(([a, b]) => start > a && start < b)) return;
    const m = HEADER.exec(line);
    const path = m ? parseTomlKey(m[1]!.trim()) : null;
    if (path) headers.push({ index, path });
  });
  return headers.map((h, i) => {
    const nextIndex = headers[i + 1]?.index ?? lines.length;
    let last = nextIndex - 1;
    // Blank lines and comments just before the next header belong to what follows.
    while (last > h.index && /^\s*(#.*)?$/.test(lines[last]!.line)) last -= 1;
    const endLine = lines[last]!;
    return { start: lines[h.index]!.start, end: endLine.start + endLine.line.length, path: h.path };
  });
}

const isReleasio = (path: readonly string[]) => path[0] === "tool" && path[1] === "releasio";

/**
 * `pyproject.toml` with the releasio tables replaced in place by `table` (the first one's position; any further
 * `[tool.releasio.*]` sections removed), or `table` appended when there is none. Every other byte is kept.
 */
export function replaceReleasioTables(text: string, table: string): string {
  const sections = tableSections(text).filter((s) => isReleasio(s.path));
  const body = table.replace(/\n+$/, "");
  if (sections.length === 0) {
    const base = text === "" || text.endsWith("\n") ? text : `${text}\n`;
    return `${base}${base.trim() === "" ? "" : "\n"}${body}\n`;
  }
  let out = text;
  for (const s of [...sections].reverse()) {
    const first = s === sections[0];
    // A removed section takes the blank lines before it along, so no gap is left behind.
    let start = s.start;
    if (!first) while (start > 0 && /[\s]/.test(out[start - 1]!)) start -= 1;
    out = out.slice(0, start) + (first ? body : "") + out.slice(ownNoteEnd(out, s.end));
  }
  return out;
}

/**
 * Where a releasio section really ends: the comment lines after its last key are the next section's, except the
 * note `init` writes itself (under a header with no keys of its own), which goes with the section it was written
 * for, so that a replacement does not leave it behind.
 */
function ownNoteEnd(text: string, end: number): number {
  let at = end;
  let cut = end;
  for (const line of text.slice(end).split("\n").slice(1)) {
    const bare = line.replace(/\r$/, "").trim();
    if (bare !== "" && bare !== NOTE) break;
    at += 1 + line.length;
    if (bare === NOTE) cut = at;
  }
  return cut;
}

function parsed(text: string, file: string): Record<string, unknown> {
  return parseToml(text, (detail) => editVerifyError(file, `invalid TOML at ${detail}`));
}

function withoutReleasio(doc: Record<string, unknown>): Record<string, unknown> {
  const tool = doc["tool"];
  if (tool === null || typeof tool !== "object" || Array.isArray(tool)) return doc;
  const { releasio: _dropped, ...rest } = tool as Record<string, unknown>;
  const copy: Record<string, unknown> = { ...doc };
  if (Object.keys(rest).length === 0) delete copy["tool"];
  else copy["tool"] = rest;
  return copy;
}

/**
 * Re-parses the text about to be written: the releasio table must equal `values` and be a valid configuration,
 * and (in pyproject.toml) everything else must parse exactly as before. Throws E_EDIT_VERIFY.
 */
export function verifyConfigText(options: {
  file: string;
  before: string | null;
  after: string;
  values: ConfigValues;
  pyproject: boolean;
}): void {
  const { file, after, values, pyproject } = options;
  const doc = parsed(after, file);
  const table = pyproject
    ? ((doc["tool"] as Record<string, unknown> | undefined)?.["releasio"] ?? null)
    : doc;
  if (table === null) throw editVerifyError(file, "[tool.releasio] is missing");
  const difference = firstDifference(table, values);
  if (difference !== null) throw editVerifyError(file, `releasio setting ${difference} differs`);
  try {
    validateConfig(table, file);
  } catch (error) {
    throw editVerifyError(file, `the configuration does not validate: ${(error as Error).message}`);
  }
  if (pyproject && options.before !== null) {
    const rest = firstDifference(withoutReleasio(parsed(options.before, file)), withoutReleasio(doc));
    if (rest !== null) throw editVerifyError(file, `${rest} changed outside [tool.releasio]`);
  }
}
