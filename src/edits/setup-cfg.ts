import { editVerifyError, versionFileError } from "./verify-error.js";

export interface IniEntry {
  /** The value with continuation lines joined by `\n`, as Python's configparser reads it. */
  value: string;
  /** Span of the value on its first line (whitespace around it excluded). */
  start: number;
  end: number;
  continued: boolean;
  line: number;
}

/** Sections by name, options by lower-cased name (configparser's defaults: `=` or `:`, full-line comments). */
export type IniDocument = Map<string, Map<string, IniEntry>>;

const SECTION = /^\[(.+)\]\s*$/;
const OPTION = /^([^=:]*?)\s*[=:]\s*/;

export function parseIni(text: string): IniDocument {
  const document: IniDocument = new Map();
  let section: Map<string, IniEntry> | null = null;
  let last: IniEntry | null = null;
  let offset = 0;
  text.split("\n").forEach((rawLine, index) => {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) {
      if (trimmed === "") last = null;
      return;
    }
    if (/^\s/.test(line) && last !== null) {
      last.value = `${last.value}\n${trimmed}`;
      last.continued = true;
      return;
    }
    const header = SECTION.exec(line);
    if (header !== null) {
      const name = header[1] as string;
      section = document.get(name) ?? new Map();
      document.set(name, section);
      last = null;
      return;
    }
    const option = OPTION.exec(line);
    if (option === null || section === null) {
      last = null;
      return;
    }
    const value = line.slice(option[0].length).trimEnd();
    const start = lineStart + option[0].length;
    last = { value, start, end: start + value.length, continued: false, line: index + 1 };
    section.set((option[1] as string).trim().toLowerCase(), last);
  });
  return document;
}

/** Every value of the document, flattened for comparison. */
function flatten(document: IniDocument): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, options] of document) {
    values.set(`[${name}]`, "");
    for (const [key, entry] of options) values.set(`${name}.${key}`, entry.value);
  }
  return values;
}

/** `[metadata] version` must hold the new value and every other section and option must be unchanged. */
export function verifySetupCfgEdit(before: string, after: string, file: string, expected: string): void {
  const old = flatten(parseIni(before));
  const edited = flatten(parseIni(after));
  const version = edited.get("metadata.version");
  if (version !== expected) {
    throw editVerifyError(
      file,
      `[metadata] version is ${JSON.stringify(version) ?? "missing"}, expected "${expected}"`,
    );
  }
  old.set("metadata.version", expected);
  for (const key of new Set([...old.keys(), ...edited.keys()])) {
    if (old.get(key) !== edited.get(key)) throw editVerifyError(file, `${key} changed unexpectedly`);
  }
}

/** Replaces the value of `[metadata] version` on its line, keeping the key, delimiter and spacing. */
export function setSetupCfgVersion(text: string, file: string, to: string): string {
  const entry = parseIni(text).get("metadata")?.get("version");
  if (entry === undefined) throw versionFileError(file, "no [metadata] version option");
  if (entry.continued)
    throw versionFileError(file, `[metadata] version on line ${entry.line} spans several lines`);
  const after = text.slice(0, entry.start) + to + text.slice(entry.end);
  verifySetupCfgEdit(text, after, file, to);
  return after;
}
