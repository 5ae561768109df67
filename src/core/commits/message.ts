/** Splitting a raw commit message into subject, body and trailers. */
export interface SplitMessage {
  subject: string;
  body: string;
}

/** Where the body starts: the blank lines (spaces and tabs only) after the subject are skipped. */
function bodyStart(text: string, from: number): number {
  let line = from;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line = i + 1;
    else if (c !== 32 && c !== 9) break;
  }
  return line;
}

export function splitMessage(message: string): SplitMessage {
  const crlf = message.includes("\r") ? message.replace(/\r\n?/g, "\n") : message;
  // Blank lines before the subject (a message committed verbatim) are skipped, as git's %s does.
  const start =
    crlf.charCodeAt(0) === 10 || crlf.charCodeAt(0) === 32 || crlf.charCodeAt(0) === 9
      ? bodyStart(crlf, 0)
      : 0;
  const text = start === 0 ? crlf : crlf.slice(start);
  const nl = text.indexOf("\n");
  const subject = (nl < 0 ? text : text.slice(0, nl)).trim();
  if (nl < 0) return { subject, body: "" };
  return { subject, body: text.slice(bodyStart(text, nl + 1)).trimEnd() };
}

const NOREPLY =
  /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/i;

/** A GitHub login from a `users.noreply.github.com` address, else null. */
export function loginFromEmail(email: string): string | null {
  const m = NOREPLY.exec(email.trim());
  return m ? m[1]! : null;
}

const CO_AUTHOR = /^co-authored-by:[ \t]*(.+?)[ \t]*<([^<>\s]+)>[ \t]*$/gim;

// Every spelling of the trailer ends its key with "-by:" in some case; plain substring tests rule out most bodies
// before the case-insensitive pattern scans them.
const CO_AUTHOR_KEY_ENDS = ["-by:", "-By:", "-BY:", "-bY:"];
const CO_AUTHOR_PROBE = /authored-by:/i;

function mayHaveCoAuthors(body: string): boolean {
  return CO_AUTHOR_KEY_ENDS.some((end) => body.includes(end)) && CO_AUTHOR_PROBE.test(body);
}

// Returned for the (usual) commit without co-authors; never mutated.
const NO_CO_AUTHORS: { name: string; email: string; login: string | null }[] = [];

export function coAuthors(body: string): { name: string; email: string; login: string | null }[] {
  if (!mayHaveCoAuthors(body)) return NO_CO_AUTHORS;
  const out: { name: string; email: string; login: string | null }[] = [];
  for (const m of body.matchAll(CO_AUTHOR)) {
    out.push({ name: m[1]!, email: m[2]!, login: loginFromEmail(m[2]!) });
  }
  return out;
}
