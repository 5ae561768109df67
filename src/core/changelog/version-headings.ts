/**
 * Finding the per-version sections of an existing changelog (`## [1.0.0] …`, `## 1.0.0`, `## v1.0.0 …`,
 * `## Version 1.0.0`, `## Release 1.0.0`, `## demo 1.0.0 (…)`, `## **1.0.0**`, ``## `1.0.0` ``).
 */
import { formatVersion, tryParseVersion } from "../version/pep440.js";

/**
 * A level-2 heading whose text starts with a version, optionally bracketed, `v`-prefixed and introduced by the
 * word "Version" or "Release".
 */
const VERSION_HEADING =
  /^ {0,3}##[ \t]+\[?[ \t]*(?:(?:[Vv]ersion|VERSION|[Rr]elease|RELEASE)[ \t]+)?[vV]?(\d[0-9A-Za-z.+!_-]*)(?=[\])\s(]|$)/;
/**
 * What may follow a version without a dot (`## 3`, `## [2024]`): the end, a bracket, a date or a separator before
 * one. A word does not: `## 2024 roadmap` is a section of its own, not release 2024.
 */
const AFTER_BARE_NUMBER = /^[ \t]*(?:$|[\])(/[:|–—-]|\d)/;
/**
 * A level-2 heading naming a version in another common style: wrapped in brackets, bold, underscores or backticks
 * (`## **1.0.0**`, ``## `1.0.0` ``), and/or after the project's name (`## demo 1.0.0 (2020-01-01)`, as towncrier
 * writes it; `## [demo 1.0.0]`, `## demo [1.0.0]`). The name is one word that could name a Python project; the
 * version is checked with the PEP 440 grammar afterwards; after a name only a date or a separator may follow it.
 */
const STYLED_VERSION_HEADING = new RegExp(
  [
    "^ {0,3}##[ \\t]+",
    "(?:(?<outerName>[A-Za-z][A-Za-z0-9._-]*)[ \\t]+)?",
    "(?<open>(?:\\[|\\*{1,2}|_{1,2}|`)*)[ \\t]*",
    "(?:(?<innerName>[A-Za-z][A-Za-z0-9._-]*)[ \\t]+)?",
    "[vV]?(?<version>\\d[0-9A-Za-z.+!_-]*)",
  ].join(""),
);
/** What may follow a version after a name: the end, a bracket, a date or a separator before one, a full stop. */
const AFTER_NAMED_VERSION = /^[ \t]*(?:$|[\])(/[:|–—.,-]|\d)/;
/** Words that introduce a version in prose (`## Versioning 1.0.0`, `## Unreleased 1.1.0`), not a project's name. */
const NOT_A_NAME = /^(?:version|release|unreleased)/i;
const CLOSING: Readonly<Record<string, string>> = { "[": "]", "*": "*", _: "_", "`": "`" };
/** Any level-1 or level-2 heading ends the section before it. */
const SECTION_BREAK = /^ {0,3}#{1,2}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export interface VersionSection {
  version: string;
  /** Index of the heading line. */
  start: number;
  /** Index of the line after the section (the next level-1/2 heading, or the line count). */
  end: number;
}

/**
 * `v1.0.0` and `1.0.0` name the same release, and so do two spellings of one PEP 440 version (`1.1.0-rc.1` and
 * `1.1.0rc1`, §6.7). `1.0` and `1.0.0` stay apart, as their canonical forms do.
 */
export function sameVersion(a: string, b: string): boolean {
  const canonical = (v: string) => {
    const parsed = tryParseVersion(v);
    return parsed === null ? null : formatVersion(parsed);
  };
  const [x, y] = [canonical(a), canonical(b)];
  if (x !== null && y !== null) return x === y;
  const plain = (v: string) => v.trim().replace(/^[vV]/, "").toLowerCase();
  return plain(a) === plain(b);
}

/** The version a level-2 heading names, or null when it names none. */
export function headingVersion(line: string): string | null {
  const match = VERSION_HEADING.exec(line);
  const version = match?.[1];
  const rest = match ? line.slice(match[0].length) : "";
  if (version !== undefined && (version.includes(".") || AFTER_BARE_NUMBER.test(rest))) return version;
  return styledHeadingVersion(line);
}

/**
 * The version of a heading in one of the other styles: a PEP 440 (or SemVer-spelled) version with at least two
 * release components, so `## Notes for 2024` is no release; the wrapper it opens, if any, must close right after it.
 */
function styledHeadingVersion(line: string): string | null {
  const match = STYLED_VERSION_HEADING.exec(line);
  const groups = match?.groups;
  if (match === null || groups === undefined) return null;
  const { outerName, innerName, open = "" } = groups;
  if (outerName !== undefined && innerName !== undefined) return null;
  const name = outerName ?? innerName;
  if (name !== undefined && NOT_A_NAME.test(name)) return null;
  // `_`, `.`, `+` and `-` may also be punctuation after the version (`__1.0.0__`, `1.0.0.`): they go to the rest.
  const token = groups["version"] ?? "";
  const version = token.replace(/[._+-]+$/, "");
  const rest = token.slice(version.length) + line.slice(match[0].length);
  const closing = [...open]
    .reverse()
    .map((char) => CLOSING[char])
    .join("");
  const after = rest.replace(/^[ \t]*/, "");
  if (!after.startsWith(closing)) return null;
  // After a name, only a date or a separator may follow: `## Python 3.12 support` is a section about Python.
  if (name !== undefined && !AFTER_NAMED_VERSION.test(after.slice(closing.length))) return null;
  const parsed = tryParseVersion(version);
  return parsed !== null && parsed.release.length >= 2 ? version : null;
}

/** The version sections of a document split into `\n` lines; headings inside fenced code are ignored. */
export function versionSections(lines: readonly string[]): VersionSection[] {
  const sections: VersionSection[] = [];
  let open: VersionSection | null = null;
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (marker !== undefined) {
      fence = marker;
      return;
    }
    if (!SECTION_BREAK.test(line)) return;
    if (open) open.end = index;
    open = null;
    const version = headingVersion(line);
    if (version !== null) {
      open = { version, start: index, end: lines.length };
      sections.push(open);
    }
  });
  return sections;
}
