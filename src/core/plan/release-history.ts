/**
 * Splits one pass over the whole history into releases: a commit belongs to the oldest release whose tag
 * reaches it, so every commit lands in exactly one entry without a `git log` per release.
 */

export interface HistoryRelease {
  /** Tag name; releases are given oldest first. */
  name: string;
  commit: string;
}

export interface HistoryNode {
  sha: string;
  parents: readonly string[];
}

export const UNRELEASED = "\0unreleased";

/**
 * Returns, per release name (and UNRELEASED for commits only reachable from `head`), the commits in the order
 * they appear in `commits` (git log order: newest first). Works on indices and typed arrays: it runs over
 * every commit of the history.
 */
export function assignCommitsToReleases<T extends HistoryNode>(
  commits: readonly T[],
  releases: readonly HistoryRelease[],
  head: string,
): Map<string, T[]> {
  const index = new Map<string, number>();
  for (let i = 0; i < commits.length; i++) index.set(commits[i]!.sha, i);
  const parentIndex: Int32Array[] = new Array(commits.length);
  let edges = 0;
  for (let i = 0; i < commits.length; i++) {
    const parents = commits[i]!.parents;
    const out = new Int32Array(parents.length);
    for (let p = 0; p < parents.length; p++) out[p] = index.get(parents[p]!) ?? -1;
    parentIndex[i] = out;
    edges += parents.length;
  }
  const labels = [...releases.map((r) => r.name), UNRELEASED];
  const owner = new Int32Array(commits.length).fill(-1);
  // A commit is pushed at most once per edge into it, plus the start of each walk.
  const stack = new Int32Array(edges + labels.length);
  const walk = (start: string, label: number) => {
    const first = index.get(start);
    if (first === undefined) return;
    let top = 0;
    stack[top++] = first;
    while (top > 0) {
      const i = stack[--top]!;
      if (owner[i] !== -1) continue;
      owner[i] = label;
      const parents = parentIndex[i]!;
      for (let p = 0; p < parents.length; p++) {
        const j = parents[p]!;
        if (j >= 0 && owner[j] === -1) stack[top++] = j;
      }
    }
  };
  for (const [label, r] of releases.entries()) walk(r.commit, label);
  walk(head, releases.length);
  const out = new Map<string, T[]>(labels.map((l) => [l, []]));
  for (let i = 0; i < commits.length; i++) {
    const label = owner[i]!;
    if (label >= 0) out.get(labels[label]!)!.push(commits[i]!);
  }
  return out;
}
