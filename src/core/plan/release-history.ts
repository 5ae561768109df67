/**
 * Splits one pass over the whole history into releases: a commit belongs to the oldest release whose tag
 * reaches it, so every commit lands in exactly one entry without a `git log` per release.
 */
import type { RawCommit } from "./types.js";

export interface HistoryRelease {
  /** Tag name; releases are given oldest first. */
  name: string;
  commit: string;
}

export const UNRELEASED = "\0unreleased";

/**
 * Returns, per release name (and UNRELEASED for commits only reachable from `head`), the commits in the order
 * they appear in `commits` (git log order: newest first).
 */
export function assignCommitsToReleases(
  commits: readonly RawCommit[],
  releases: readonly HistoryRelease[],
  head: string,
): Map<string, RawCommit[]> {
  const index = new Map<string, number>();
  for (const [i, c] of commits.entries()) index.set(c.sha, i);
  const owner = new Array<string | undefined>(commits.length);
  const walk = (start: string, label: string) => {
    const stack: string[] = [start];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      const i = index.get(sha);
      if (i === undefined || owner[i] !== undefined) continue;
      owner[i] = label;
      for (const p of commits[i]!.parents) stack.push(p);
    }
  };
  for (const r of releases) walk(r.commit, r.name);
  walk(head, UNRELEASED);
  const out = new Map<string, RawCommit[]>();
  for (const r of releases) out.set(r.name, []);
  out.set(UNRELEASED, []);
  commits.forEach((c, i) => {
    const label = owner[i];
    if (label !== undefined) out.get(label)!.push(c);
  });
  return out;
}
