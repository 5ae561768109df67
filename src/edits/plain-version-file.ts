import { editVerifyError } from "./verify-error.js";

/** The version held by a file whose whole content is one token (`VERSION`), or null when it holds anything else. */
export function readPlainVersion(text: string): string | null {
  const content = text.replace(/^\uFEFF/, "").trim();
  return content !== "" && !/\s/.test(content) ? content : null;
}

export function verifyPlainVersionEdit(after: string, file: string, expected: string): void {
  if (after !== `${expected}\n` && after !== `${expected}\r\n`) {
    throw editVerifyError(
      file,
      `the file holds ${JSON.stringify(after)}, expected "${expected}" and a newline`,
    );
  }
}

/** The whole file becomes `<version>\n` (`\r\n` when the file already ended that way). */
export function setPlainVersion(text: string, file: string, to: string): string {
  const after = `${to}${text.endsWith("\r\n") ? "\r\n" : "\n"}`;
  verifyPlainVersionEdit(after, file, to);
  return after;
}
