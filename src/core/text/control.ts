/**
 * Control characters of untrusted text (commit messages, file names, project metadata: §11) made visible before
 * the text reaches a terminal: ESC becomes `\x1b`, BEL `\x07`, a newline in a one-line field `\n`. Every C0
 * control, DEL and every C1 control is escaped, so no escape sequence of a repository can move the cursor, clear the
 * screen, set the window title or forge a line of output.
 */

const NAMED: Readonly<Record<number, string>> = { 9: "\\t", 10: "\\n", 13: "\\r" };

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function visible(code: number): string {
  return NAMED[code] ?? `\\x${code.toString(16).padStart(2, "0")}`;
}

/** Whether the control character at `i` stays as it is. */
type Keep = (text: string, i: number, code: number) => number;

/**
 * The text with its control characters escaped, except those `keep` accepts: it returns how many characters to
 * keep from `i` (0 to escape the one there).
 */
function escapeWith(text: string, keep: Keep): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code)) continue;
    const kept = keep(text, i, code);
    if (kept > 0) {
      i += kept - 1;
      continue;
    }
    out += text.slice(from, i) + visible(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A one-line field (a commit subject, a file name, a message): every control character escaped, newlines too. */
export function escapeLine(text: string): string {
  return escapeWith(text, () => 0);
}

/** Newlines (also CRLF) and tabs of a text of several lines: kept. */
function lineStructure(text: string, i: number, code: number): number {
  if (code === 10 || code === 9) return 1;
  if (code === 13 && text.charCodeAt(i + 1) === 10) return 2;
  return 0;
}

/**
 * A text of several lines (a changelog, a hint with a snippet, a tool's output): its line structure (newlines,
 * CRLF, tabs) is kept, every other control character escaped.
 */
export function escapeText(text: string): string {
  return escapeWith(text, lineStructure);
}

const SGR = /^\u001b\[[0-9;]*m/;

/**
 * Output on its way to the terminal: like `escapeText`, and with `colors`, the colour sequences (SGR, `ESC[…m`) are
 * kept too. Everything else that could drive the terminal (cursor moves, screen clearing, titles, hyperlinks) is
 * escaped.
 */
export function escapeTerminal(text: string, colors: boolean): string {
  return escapeWith(text, (t, i, code) => {
    const kept = lineStructure(t, i, code);
    if (kept > 0 || !colors || code !== 0x1b) return kept;
    return SGR.exec(t.slice(i, i + 32))?.[0].length ?? 0;
  });
}
