/**
 * The fix for a configuration line that is not valid TOML, knowing the schema: a bare word where a boolean key
 * belongs (`major_on_zero = tru`) is a misspelt `true` or `false`, not a string that lacks its quotes.
 */
import { editDistance } from "../text/did-you-mean.js";
import { configKey, type SchemaNode, unionOptions, unwrap } from "./keys.js";

const KEY_AND_WORD = /^\s*([A-Za-z0-9_.-]+)\s*=\s*([A-Za-z0-9_-]+)\s*(?:#.*)?$/;
const TABLE_HEADER = /^\s*\[\[?\s*([^[\]]+?)\s*\]\]?\s*(?:#.*)?$/;

/** The spellings of the RELEASIO_* variables, and on/off, mean the same in a file. */
const MEANT: Readonly<Record<string, "true" | "false">> = {
  yes: "true",
  on: "true",
  no: "false",
  off: "false",
};

function acceptsBoolean(node: SchemaNode): boolean {
  const inner = unwrap(node);
  return inner.type === "boolean" || unionOptions(inner).some(acceptsBoolean);
}

/** The dotted name of the table that `lineIndex` (0-based) belongs to, from the last header above it. */
function tableAt(lines: readonly string[], lineIndex: number): string[] {
  for (let i = lineIndex - 1; i >= 0; i--) {
    const header = TABLE_HEADER.exec(lines[i] ?? "");
    if (header) return header[1]!.split(".").map((part) => part.trim().replace(/^["']|["']$/g, ""));
  }
  return [];
}

/** `true` or `false`, whichever the word is closer to. */
function closerBoolean(word: string): "true" | "false" {
  const said = word.toLowerCase();
  return MEANT[said] ?? (editDistance(said, "true") <= editDistance(said, "false") ? "true" : "false");
}

/** A word that is a misspelling of true or false (`tru`, `Flase`), not merely a short word. */
function closeToBoolean(word: string): boolean {
  const said = word.toLowerCase();
  if (Object.hasOwn(MEANT, said)) return false;
  const distance = Math.min(editDistance(said, "true"), editDistance(said, "false"));
  return said.length >= 3 && distance <= (said.length >= 4 ? 2 : 1);
}

/**
 * The hint for a line that does not parse (`line` is 1-based), or `fallback` when the schema has nothing better
 * to say. `prefix` is where releasio's keys start in the document (`["tool", "releasio"]` in pyproject.toml).
 */
export function configTomlHint(
  text: string,
  line: number | null,
  fallback: string | null,
  prefix: readonly string[] = [],
): string | null {
  if (line === null) return fallback;
  const lines = text.split(/\r?\n/);
  const match = KEY_AND_WORD.exec(lines[line - 1] ?? "");
  if (!match) return fallback;
  const [, written, word] = match as unknown as [string, string, string];
  const table = tableAt(lines, line - 1);
  const inside = prefix.every((part, i) => table[i] === part);
  const path = inside ? [...table.slice(prefix.length), ...written.split(".")].join(".") : null;
  const key = path === null ? null : configKey(path);
  const booleanKey = key !== null && acceptsBoolean(key.node);
  const onlyBoolean = booleanKey && unwrap(key.node).type === "boolean";
  if (onlyBoolean || ((key === null || booleanKey) && closeToBoolean(word))) {
    return `booleans are true or false, without quotes: write ${written} = ${closerBoolean(word)}`;
  }
  return fallback;
}
