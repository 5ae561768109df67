import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commitsOfReleaseRanges,
  type HistoryNode,
  UNRELEASED,
} from "../../../src/core/plan/release-history.js";

const c = (sha: string, ...parents: string[]): HistoryNode => ({ sha, parents });
const shas = (nodes: readonly HistoryNode[] | undefined) => nodes?.map((x) => x.sha);

/** Every commit `start` reaches, itself included, by a plain search. */
function ancestors(nodes: readonly HistoryNode[], start: string | null): Set<string> {
  const bySha = new Map(nodes.map((n) => [n.sha, n]));
  const seen = new Set<string>();
  const todo = start === null || !bySha.has(start) ? [] : [start];
  while (todo.length > 0) {
    const sha = todo.pop()!;
    if (seen.has(sha)) continue;
    seen.add(sha);
    for (const p of bySha.get(sha)!.parents) if (bySha.has(p)) todo.push(p);
  }
  return seen;
}

/** `A..B` of §6.1 in log order: reachable from B and not from A. */
function naiveRange(nodes: readonly HistoryNode[], from: string | null, to: string): string[] {
  const excluded = ancestors(nodes, from);
  const included = ancestors(nodes, to);
  return nodes.filter((n) => included.has(n.sha) && !excluded.has(n.sha)).map((n) => n.sha);
}

describe("each release's own range of the history (§4.10)", () => {
  it("gives a fix of a maintenance branch, merged later, to both releases", () => {
    // i ← one(v1.0.0) ← two(v2.0.0) ← merge ← after(v2.0.1), the merge bringing fix(v1.0.1) whose parent is one.
    const log = [
      c("after", "merge"),
      c("merge", "two", "fix"),
      c("fix", "one"),
      c("two", "one"),
      c("one", "i"),
      c("i"),
    ];
    const out = commitsOfReleaseRanges(
      log,
      [
        { name: "v1.0.0", commit: "one" },
        { name: "v1.0.1", commit: "fix" },
        { name: "v2.0.0", commit: "two" },
        { name: "v2.0.1", commit: "after" },
      ],
      "after",
    );
    expect(shas(out.get("v1.0.0"))).toEqual(["one", "i"]);
    expect(shas(out.get("v1.0.1"))).toEqual(["fix"]);
    expect(shas(out.get("v2.0.0"))).toEqual(["two"]);
    expect(shas(out.get("v2.0.1"))).toEqual(["after", "merge", "fix"]);
    expect(shas(out.get(UNRELEASED))).toEqual([]);
  });

  it("does not trust the log's order: a commit dated before its parent is still walked in graph order", () => {
    const log = [c("b", "a"), c("a"), c("d", "c"), c("c", "b")];
    const out = commitsOfReleaseRanges(log, [{ name: "v1", commit: "a" }], "d");
    expect(shas(out.get(UNRELEASED))).toEqual(["b", "d", "c"]);
  });

  it("is the unreleased range newest release..head, and empty for two releases on one commit", () => {
    const log = [c("c", "b"), c("b", "a"), c("a")];
    const out = commitsOfReleaseRanges(
      log,
      [
        { name: "v1.0.0", commit: "b" },
        { name: "v1.0.0.post1", commit: "b" },
      ],
      "c",
    );
    expect(shas(out.get("v1.0.0"))).toEqual(["b", "a"]);
    expect(shas(out.get("v1.0.0.post1"))).toEqual([]);
    expect(shas(out.get(UNRELEASED))).toEqual(["c"]);
  });

  it("matches A..B computed from ancestor sets, on random histories in a shuffled log order", () => {
    // Commit i's parents are older commits; the log lists them in any order (skewed dates).
    const history = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.record({
        parents: fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            i === 0
              ? fc.constant([] as number[])
              : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 3 }),
          ),
        ),
        order: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        tags: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 8 }),
        head: fc.integer({ min: 0, max: n - 1 }),
      }),
    );
    fc.assert(
      fc.property(history, ({ parents, order, tags, head }) => {
        const log = order.map((i) => c(`c${i}`, ...parents[i]!.map((p) => `c${p}`)));
        const releases = tags.map((t, k) => ({ name: `v${k}`, commit: `c${t}` }));
        const out = commitsOfReleaseRanges(log, releases, `c${head}`);
        releases.forEach((r, k) => {
          expect(shas(out.get(r.name))).toEqual(naiveRange(log, releases[k - 1]?.commit ?? null, r.commit));
        });
        expect(shas(out.get(UNRELEASED))).toEqual(
          naiveRange(log, releases[releases.length - 1]?.commit ?? null, `c${head}`),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
