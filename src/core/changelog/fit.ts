/**
 * Cutting a changelog to fit a size limit (a forge's description, a CI job summary): at an entry boundary, never
 * inside a line, with a note saying where the rest is.
 */

/**
 * Splits a changelog into the pieces it may be cut between: headings and list items (with their continuation
 * lines). Cutting anywhere else could leave half a link or half a bullet.
 */
function changelogPieces(changelog: string): string[] {
  const pieces: string[] = [];
  for (const line of changelog.split("\n")) {
    const starts = pieces.length === 0 || /^(#{1,6} |[-*+] |\d+\. |\s*$)/.test(line);
    if (starts) pieces.push(line);
    else pieces[pieces.length - 1] += `\n${line}`;
  }
  return pieces;
}

export interface FitOptions {
  /** What ends a cut changelog, after a blank line. */
  note: string;
  /** The size of a text in the limit's unit; characters by default (a GitHub job summary counts UTF-8 bytes). */
  size?: (text: string) => number;
}

/** The changelog, cut so that it takes at most `budget` (note included); whole when it fits. */
export function fitChangelog(
  changelog: string,
  budget: number,
  options: FitOptions,
): { text: string; truncated: boolean } {
  const size = options.size ?? ((text: string) => text.length);
  if (size(changelog) <= budget) return { text: changelog, truncated: false };
  // The kept pieces, joined by newlines, then a blank line and the note.
  const room = budget - size(options.note) - 2;
  const kept: string[] = [];
  let used = 0;
  for (const piece of changelogPieces(changelog)) {
    const added = size(piece) + (kept.length > 0 ? 1 : 0);
    if (used + added > room) break;
    kept.push(piece);
    used += added;
  }
  // Drop trailing blank lines only: trailing spaces belong to the last kept line and stay.
  return { text: `${kept.join("\n").replace(/\n\s*$/, "")}\n\n${options.note}`, truncated: true };
}
