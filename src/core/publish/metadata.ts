/**
 * Core metadata (`METADATA` / `PKG-INFO`): RFC 822 headers with case-insensitive names, folded continuation lines,
 * repeated multi-use fields, and the description as the body after the first blank line.
 */

export interface CoreMetadata {
  /** Every header in file order, names as written. */
  headers: Array<[name: string, value: string]>;
  /** The message body (the description when no `Description` header exists), or null. */
  body: string | null;
}

/** Parses the text of a METADATA/PKG-INFO file. */
export function parseCoreMetadata(text: string): CoreMetadata {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const headers: Array<[string, string]> = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") {
      i++;
      break;
    }
    if (/^[ \t]/.test(line) && headers.length > 0) {
      // A folded continuation: setuptools indents description lines with 8 spaces and a `|`.
      const last = headers[headers.length - 1]!;
      last[1] += `\n${line.replace(/^ {7,8}\|?|^[ \t]+/, "")}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const rest = lines.slice(i).join("\n");
  const body = i < lines.length && rest.trim() !== "" ? rest : null;
  return { headers, body };
}

/** All values of a header (case-insensitive), in order. */
export function headerValues(meta: CoreMetadata, name: string): string[] {
  const key = name.toLowerCase();
  return meta.headers.filter(([n]) => n.toLowerCase() === key).map(([, v]) => v);
}

/** The first value of a header, or null. */
export function headerValue(meta: CoreMetadata, name: string): string | null {
  return headerValues(meta, name)[0] ?? null;
}

/** The description: the `Description` header if present, else the body. */
export function descriptionOf(meta: CoreMetadata): string | null {
  return headerValue(meta, "Description") ?? meta.body;
}
