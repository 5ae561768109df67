/**
 * Text made literal inside a regular expression: every syntax character and `/` escaped, which is valid with and
 * without the `u` flag (`-` is left alone: escaping it outside a class is an error under `u`).
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
