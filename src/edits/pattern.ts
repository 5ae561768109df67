import { editVerifyError, versionFileError } from "./verify-error.js";

export const VERSION_PLACEHOLDER = "{version}";

/** Offsets of the non-overlapping occurrences of `needle`, left to right. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

function plural(count: number): string {
  return count === 1 ? "match" : "matches";
}

/** The edit must be exactly the replacement of each old occurrence by the new text, nothing else. */
export function verifyPatternEdit(
  before: string,
  after: string,
  file: string,
  oldText: string,
  newText: string,
): void {
  let expectedAfter = "";
  let previous = 0;
  for (const at of occurrences(before, oldText)) {
    expectedAfter += before.slice(previous, at) + newText;
    previous = at + oldText.length;
  }
  expectedAfter += before.slice(previous);
  if (after !== expectedAfter) {
    let at = 0;
    while (at < after.length && after.charAt(at) === expectedAfter.charAt(at)) at += 1;
    const line = after.slice(0, at).split("\n").length;
    throw editVerifyError(file, `unexpected text on line ${line}`);
  }
}

/**
 * Replaces the literal `pattern` with `{version}` = `from` by the same text with `{version}` = `to`; it must match
 * exactly `count` times.
 */
export function setPatternVersion(
  text: string,
  file: string,
  pattern: string,
  from: string,
  to: string,
  count = 1,
): string {
  if (!pattern.includes(VERSION_PLACEHOLDER)) {
    throw versionFileError(file, `the pattern ${pattern} does not contain ${VERSION_PLACEHOLDER}`);
  }
  const oldText = pattern.replaceAll(VERSION_PLACEHOLDER, from);
  const newText = pattern.replaceAll(VERSION_PLACEHOLDER, to);
  const found = occurrences(text, oldText).length;
  if (found !== count) {
    throw versionFileError(file, `expected exactly ${count} ${plural(count)} of ${oldText}, found ${found}`);
  }
  const after = text.split(oldText).join(newText);
  verifyPatternEdit(text, after, file, oldText, newText);
  return after;
}
