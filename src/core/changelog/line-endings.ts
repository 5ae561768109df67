/** Changelog files keep the line-ending style they were written in (§6.11); the renderer itself writes `\n`. */
export type LineEnding = "\n" | "\r\n";

const BOM = "\uFEFF";

/** The style most lines use; a file without line breaks counts as `\n`. */
export function detectLineEnding(text: string): LineEnding {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? "\r\n" : "\n";
}

export function toLf(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** `text` must use `\n`. */
export function withLineEnding(text: string, ending: LineEnding): string {
  return ending === "\n" ? text : text.replace(/\n/g, "\r\n");
}

/** A byte-order mark is not content: it is set aside while editing and put back in front. */
export function splitBom(text: string): { bom: string; text: string } {
  return text.startsWith(BOM) ? { bom: BOM, text: text.slice(BOM.length) } : { bom: "", text };
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

/** Drops blank lines at both ends and keeps every other line verbatim. */
export function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}
