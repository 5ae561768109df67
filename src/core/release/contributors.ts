/**
 * Who contributed to a release, for the release body's Contributors section: commit authors and co-authors of the
 * entry's commits, bots excluded, one line each, sorted case-insensitively, first-timers marked.
 */
import { isIgnored } from "../changelog/commit-line.js";
import { authorKey } from "../changelog/render-entry.js";
import type { CommitInfo } from "../plan/types.js";
import type { Contributor } from "./body.js";

/**
 * @param firstTimers author keys (login, else lower-cased email) of people with no commit before the previous release
 */
export function releaseContributors(
  commits: readonly CommitInfo[],
  ignoreAuthors: readonly string[],
  firstTimers: ReadonlySet<string>,
): Contributor[] {
  const byKey = new Map<string, Contributor>();
  for (const commit of commits) {
    for (const author of [commit.author, ...commit.co_authors]) {
      if (isIgnored(author, ignoreAuthors)) continue;
      const key = authorKey(author);
      const label = author.login ? `@${author.login}` : author.name.trim() || author.email;
      const known = byKey.get(key);
      if (known) {
        known.firstTime ||= firstTimers.has(key);
        continue;
      }
      byKey.set(key, { label, firstTime: firstTimers.has(key) });
    }
  }
  return [...byKey.values()].sort((a, b) => {
    const x = a.label.replace(/^@/, "").toLowerCase();
    const y = b.label.replace(/^@/, "").toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
