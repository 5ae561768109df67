/**
 * GitHub Actions workflow commands (`::error::`, `::add-mask::`, …) as text. Values are escaped so a message can
 * never end a command early or start another one.
 */

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export type AnnotationKind = "error" | "warning" | "notice";

/** One annotation line, e.g. `::error title=E_DIRTY_TREE::the working tree has …`. */
export function annotation(kind: AnnotationKind, message: string, title?: string): string {
  const props = title ? ` title=${escapeProperty(title)}` : "";
  return `::${kind}${props}::${escapeData(message)}\n`;
}

/** Mask lines for a secret: one per non-empty line, since the runner masks line by line. */
export function addMask(secret: string): string {
  return secret
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => `::add-mask::${escapeData(line)}\n`)
    .join("");
}
