/** Removes credentials from URLs (`https://user:secret@host/...` → `https://host/...`) wherever they appear. */
export function redactUrlCredentials(text: string): string {
  // A scheme is short: bounding it keeps the search linear on long text (`a.a.a.…` would otherwise be re-scanned
  // from every word boundary).
  if (!text.includes("://")) return text;
  return text.replace(/\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/@]*@/gi, "$1");
}

/** Replaces every occurrence of each secret with `***`. */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join("***");
  return out;
}
