/**
 * The notes block of a release PR body (§6.13): free text a maintainer writes between the markers. It is the
 * only part of the body that survives a refresh, and it becomes part of the changelog entry.
 */
export const NOTES_BEGIN = "<!-- releasio:notes:begin -->";
export const NOTES_END = "<!-- releasio:notes:end -->";
export const NOTES_HELP =
  "<!-- Notes written here are kept when releasio refreshes this PR and become part of the changelog entry. -->";

/**
 * The notes of an existing body: the text between the markers with HTML comments removed and trimmed; null when
 * the body has no notes block (an edited-away block carries nothing) or the block is empty.
 */
export function extractNotes(body: string | null | undefined): string | null {
  if (!body) return null;
  const begin = body.indexOf(NOTES_BEGIN);
  if (begin < 0) return null;
  const start = begin + NOTES_BEGIN.length;
  const end = body.indexOf(NOTES_END, start);
  if (end < 0) return null;
  const text = body
    .slice(start, end)
    .replace(/\r\n?/g, "\n")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  return text === "" ? null : text;
}
