/** Writing an entry into CHANGELOG.md (§6.11): pure text in, text out. */
import { detectLineEnding, splitBom, toLf, trimBlankLines, withLineEnding } from "./line-endings.js";
import { sameVersion, versionSections } from "./version-headings.js";

function isMissing(existing: string | null): existing is null {
  return existing === null || splitBom(existing).text.trim() === "";
}

function joinBlocks(blocks: readonly string[]): string {
  const present = blocks.filter((block) => block !== "");
  return present.length === 0 ? "" : `${present.join("\n\n")}\n`;
}

function block(text: string): string {
  return trimBlankLines(toLf(text).split("\n")).join("\n");
}

/**
 * The file with `entry` as the section of `version`: replacing an existing section of that version in place,
 * else inserted before the first version heading with everything above it kept verbatim. A missing (or empty)
 * file becomes `header`, a blank line and the entry.
 */
export function insertEntry(existing: string | null, entry: string, version: string, header: string): string {
  if (isMissing(existing)) return joinBlocks([block(header), block(entry)]);

  const { bom, text } = splitBom(existing);
  const ending = detectLineEnding(text);
  const lines = toLf(text).split("\n");
  const sections = versionSections(lines);
  const replaced = sections.filter((section) => sameVersion(section.version, version));
  const at = replaced[0]?.start ?? sections[0]?.start ?? lines.length;
  // Every older copy of this version goes too, so a file that was duplicated by hand heals on the next run.
  const dropped = new Set(
    replaced.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i)),
  );
  const after = lines.slice(at).filter((_, i) => !dropped.has(at + i));

  const document = joinBlocks([
    trimBlankLines(lines.slice(0, at)).join("\n"),
    block(entry),
    trimBlankLines(after).join("\n"),
  ]);
  return bom + withLineEnding(document, ending);
}

/**
 * The text before the first version heading (title, intro, an `Unreleased` section), verbatim; `header` when
 * there is no file yet.
 */
export function splitPreamble(existing: string | null, header: string): string {
  if (isMissing(existing)) return header;
  const { bom, text } = splitBom(existing);
  const lines = text.split("\n");
  const first = versionSections(lines.map((line) => line.replace(/\r$/, "")))[0];
  return first === undefined
    ? existing
    : bom +
        lines
          .slice(0, first.start)
          .map((line) => `${line}\n`)
          .join("");
}

/** The section of `version` without its heading line (for release bodies); null when the file has none. */
export function extractEntry(document: string, version: string): string | null {
  const lines = toLf(splitBom(document).text).split("\n");
  const section = versionSections(lines).find((candidate) => sameVersion(candidate.version, version));
  if (section === undefined) return null;
  return joinBlocks([trimBlankLines(lines.slice(section.start + 1, section.end)).join("\n")]);
}
