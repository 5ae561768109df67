/** A whole changelog regenerated from history (§4.10): the kept preamble, then one entry per release. */
import { detectLineEnding, splitBom, toLf, trimBlankLines, withLineEnding } from "./line-endings.js";

/**
 * Preamble, a blank line, then the entries (newest first) one blank line apart, with exactly one final newline.
 * The preamble's line-ending style (and byte-order mark) carries over to the whole document.
 */
export function renderDocument(preamble: string, entries: readonly string[]): string {
  const { bom, text } = splitBom(preamble);
  const blocks = [text, ...entries]
    .map((block) => trimBlankLines(toLf(block).split("\n")).join("\n"))
    .filter((block) => block !== "");
  if (blocks.length === 0) return "";
  return bom + withLineEnding(`${blocks.join("\n\n")}\n`, detectLineEnding(text));
}
