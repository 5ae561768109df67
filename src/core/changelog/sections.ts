/** Which section each commit belongs to, and the order of sections (§6.10). */
import type { CommitInfo } from "../plan/types.js";
import type { DependencyChange } from "./dependencies.js";
import type { ChangelogOptions } from "./options.js";

/** Sections pinned to the top and bottom whatever `section_order` says. */
const LEADING_KEYS = ["breaking", "security"] as const;
const TRAILING_KEYS = ["other", "dependencies"] as const;
const PINNED_KEYS: ReadonlySet<string> = new Set<string>([...LEADING_KEYS, ...TRAILING_KEYS]);

export interface Section {
  title: string;
  commits: CommitInfo[];
  dependencies: DependencyChange[];
}

/**
 * Breaking and security changes are listed only there, so that they are never buried under their type; a type
 * without a title of its own falls to `other`.
 */
export function sectionKey(commit: CommitInfo, headers: Readonly<Record<string, string>>): string {
  if (commit.breaking) return "breaking";
  if (commit.security) return "security";
  if (commit.group !== null && commit.group !== "") return commit.group;
  if (commit.type !== null && Object.hasOwn(headers, commit.type)) return commit.type;
  return "other";
}

/** A key with a configured title uses it; a custom parser group without one is its own title. */
export function sectionTitle(key: string, headers: Readonly<Record<string, string>>): string {
  return Object.hasOwn(headers, key) ? headers[key]! : key;
}

/**
 * Groups commits (kept in their given order) and dependency changes into titled sections. Sections are keyed by
 * title, so keys sharing a title form one section, placed where the first of those keys would be.
 */
export function planSections(
  commits: readonly CommitInfo[],
  dependencies: readonly DependencyChange[],
  options: Pick<ChangelogOptions, "section_headers" | "section_order">,
): Section[] {
  const headers = options.section_headers;
  const keyed = commits.map((commit) => ({ commit, key: sectionKey(commit, headers) }));

  const ordered = options.section_order.filter((key) => !PINNED_KEYS.has(key));
  const listed = new Set(ordered);
  const firstSeen = [...new Set(keyed.map(({ key }) => key))].filter(
    (key) => !PINNED_KEYS.has(key) && !listed.has(key),
  );
  const placement = [...LEADING_KEYS, ...ordered, ...firstSeen, ...TRAILING_KEYS];

  const rank = new Map<string, number>();
  placement.forEach((key, index) => {
    const title = sectionTitle(key, headers);
    if (!rank.has(title)) rank.set(title, index);
  });

  const sections = new Map<string, Section>();
  const sectionFor = (key: string): Section => {
    const title = sectionTitle(key, headers);
    let section = sections.get(title);
    if (!section) {
      section = { title, commits: [], dependencies: [] };
      sections.set(title, section);
    }
    return section;
  };
  for (const { commit, key } of keyed) sectionFor(key).commits.push(commit);
  if (dependencies.length > 0) sectionFor("dependencies").dependencies.push(...dependencies);

  return [...sections.values()].sort((a, b) => rank.get(a.title)! - rank.get(b.title)!);
}
