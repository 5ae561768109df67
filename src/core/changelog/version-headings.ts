/**
 * Finding the per-version sections of an existing changelog (`## [1.0.0] …`, `## 1.0.0`, `## v1.0.0 …`,
 * `## Version 1.0.0`, `## Release 1.0.0`).
 */

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

/** `v1.0.0` and `1.0.0` name the same release. */
export function sameVersion(a: string, b: string): boolean {
  const plain = (v: string) => v.trim().replace(/^[vV]/, "").toLowerCase();
  return plain(a) === plain(b);
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
    const match = VERSION_HEADING.exec(line);
    const version = match?.[1];
    const rest = match ? line.slice(match[0].length) : "";
    if (version !== undefined && (version.includes(".") || AFTER_BARE_NUMBER.test(rest))) {
      open = { version, start: index, end: lines.length };
      sections.push(open);
    }
  });
  return sections;
}
