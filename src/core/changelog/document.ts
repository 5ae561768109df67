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

/** `## [Unreleased]`, `## Unreleased`, `## [Unreleased](link)`, in any case. */
const UNRELEASED_HEADING = /^ {0,3}##[ \t]+\[?[ \t]*unreleased(?=[\])\s(]|$)/i;
/** Any level-1 or level-2 heading ends the section before it. */
const SECTION_BREAK = /^ {0,3}#{1,2}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The preamble with `unreleased` as its Unreleased section (`changelog --unreleased`): the first existing
 * `## [Unreleased]` section is replaced in place and any further ones are dropped, so re-runs never add one
 * (§6.11); without one, the entry goes after the preamble, ahead of the releases. Everything else is kept
 * verbatim, in the preamble's line-ending style. Headings inside fenced code are text, not sections.
 */
export function withUnreleasedSection(preamble: string, unreleased: string): string {
  const { bom, text } = splitBom(preamble);
  const lines = toLf(text).split("\n");
  const kept: string[] = [];
  let at = -1;
  let inUnreleased = false;
  let fence: string | null = null;
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    } else if (marker !== undefined) {
      fence = marker;
    } else if (SECTION_BREAK.test(line)) {
      inUnreleased = UNRELEASED_HEADING.test(line);
      if (inUnreleased && at < 0) at = kept.length;
    }
    if (!inUnreleased) kept.push(line);
  }
  if (at < 0) at = kept.length;
  const blocks = [kept.slice(0, at), toLf(unreleased).split("\n"), kept.slice(at)]
    .map((block) => trimBlankLines(block).join("\n"))
    .filter((block) => block !== "");
  const joined = blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
  return bom + withLineEnding(joined, detectLineEnding(text));
}
