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

/**
 * The commits of every release's own range (§4.10, §6.1): release `i` covers `releases[i - 1]..releases[i]`
 * (every commit reachable from its tag and not from the previous one's), the first release everything its tag
 * reaches, and UNRELEASED `newest release..head`. `releases` are oldest first, in version order. Ranges may
 * overlap: a fix released on a maintenance branch and merged later belongs to both releases, as `check` showed
 * at each of them. Each list keeps the order of `commits` (git log order: newest first).
 *
 * The graph is read once into typed arrays and put in a topological order (children before parents; the log's
 * date order may be skewed). Each range is then found by walking from the tag and from the previous tag together
 * in that order, so a commit's mark is final when it is taken, and stopping as soon as no commit reachable only
 * from the tag is left: a range costs about its own size, not the history's.
 */
export function commitsOfReleaseRanges<T extends HistoryNode>(
  commits: readonly T[],
  releases: readonly HistoryRelease[],
  head: string,
): Map<string, T[]> {
  const n = commits.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(commits[i]!.sha, i);
  // Parents as one flat array: parents of i are parentList[parentStart[i] .. parentStart[i + 1]).
  const parentStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) parentStart[i + 1] = parentStart[i]! + commits[i]!.parents.length;
  const parentList = new Int32Array(parentStart[n]!);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const parents = commits[i]!.parents;
    for (let p = 0; p < parents.length; p++) {
      const j = index.get(parents[p]!) ?? -1;
      parentList[parentStart[i]! + p] = j;
      if (j >= 0) children[j]!++;
    }
  }
  // Kahn's algorithm: a commit gets its rank once all its children have theirs.
  const rank = new Int32Array(n);
  const ready = new Int32Array(n);
  let readyEnd = 0;
  for (let i = 0; i < n; i++) if (children[i] === 0) ready[readyEnd++] = i;
  for (let next = 0; next < readyEnd; next++) {
    const i = ready[next]!;
    rank[i] = next;
    for (let k = parentStart[i]!; k < parentStart[i + 1]!; k++) {
      const j = parentList[k]!;
      if (j >= 0 && --children[j]! === 0) ready[readyEnd++] = j;
    }
  }
  // A cycle cannot come out of git; should one ever, its commits keep their log position.
  for (let i = readyEnd === n ? n : 0; i < n; i++) if (children[i]! > 0) rank[i] = n + i;

  // Per walk: `stamp` says the commit was reached by walk `walkId`, `fromPrevious` that the previous tag reaches it.
  const stamp = new Int32Array(n).fill(-1);
  const fromPrevious = new Uint8Array(n);
  const heap = new Int32Array(n);
  const range = (tag: string, previous: string | null, walkId: number): T[] => {
    const start = index.get(tag);
    if (start === undefined) return [];
    let size = 0;
    let onlyFromTag = 0;
    const push = (i: number, previousReaches: boolean) => {
      if (stamp[i] === walkId) {
        if (previousReaches && fromPrevious[i] === 0) {
          fromPrevious[i] = 1;
          onlyFromTag--;
        }
        return;
      }
      stamp[i] = walkId;
      fromPrevious[i] = previousReaches ? 1 : 0;
      if (!previousReaches) onlyFromTag++;
      // Sift up: the heap's top is the commit with the lowest rank.
      let at = size++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (rank[heap[up]!]! <= rank[i]!) break;
        heap[at] = heap[up]!;
        at = up;
      }
      heap[at] = i;
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap[--size]!;
      let at = 0;
      for (;;) {
        let child = 2 * at + 1;
        if (child >= size) break;
        if (child + 1 < size && rank[heap[child + 1]!]! < rank[heap[child]!]!) child++;
        if (rank[heap[child]!]! >= rank[last]!) break;
        heap[at] = heap[child]!;
        at = child;
      }
      heap[at] = last;
      return top;
    };
    const previousStart = previous === null ? undefined : index.get(previous);
    if (previousStart !== undefined) push(previousStart, true);
    push(start, false);
    const members: number[] = [];
    while (onlyFromTag > 0) {
      const i = pop();
      const previousReaches = fromPrevious[i] === 1;
      if (!previousReaches) {
        onlyFromTag--;
        members.push(i);
      }
      for (let k = parentStart[i]!; k < parentStart[i + 1]!; k++) {
        const j = parentList[k]!;
        if (j >= 0) push(j, previousReaches);
      }
    }
    members.sort((a, b) => a - b);
    return members.map((i) => commits[i]!);
  };

  const out = new Map<string, T[]>();
  releases.forEach((release, i) => {
    out.set(release.name, range(release.commit, releases[i - 1]?.commit ?? null, i));
  });
  out.set(UNRELEASED, range(head, releases[releases.length - 1]?.commit ?? null, releases.length));
  return out;
}
