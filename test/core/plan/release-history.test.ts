import { describe, expect, it } from "vitest";
import { assignCommitsToReleases, UNRELEASED } from "../../../src/core/plan/release-history.js";
import type { RawCommit } from "../../../src/core/plan/types.js";

const c = (sha: string, ...parents: string[]): RawCommit => ({
  sha,
  parents,
  author: { name: "a", email: "a@x" },
  date: "2025-01-01T00:00:00Z",
  message: sha,
});

describe("splitting one history pass into releases", () => {
  it("gives each commit to the oldest release that reaches it", () => {
    // a ← b ← c(v1) ← d ← e(v2) ← f (unreleased)
    const log = [c("f", "e"), c("e", "d"), c("d", "c"), c("c", "b"), c("b", "a"), c("a")];
    const out = assignCommitsToReleases(
      log,
      [
        { name: "v1", commit: "c" },
        { name: "v2", commit: "e" },
      ],
      "f",
    );
    expect(out.get("v1")!.map((x) => x.sha)).toEqual(["c", "b", "a"]);
    expect(out.get("v2")!.map((x) => x.sha)).toEqual(["e", "d"]);
    expect(out.get(UNRELEASED)!.map((x) => x.sha)).toEqual(["f"]);
  });

  it("folds merged branches into the release that merges them", () => {
    // a(v1) ← b ← m(v2), with m merging a side commit s whose parent is a
    const log = [c("m", "b", "s"), c("s", "a"), c("b", "a"), c("a")];
    const out = assignCommitsToReleases(
      log,
      [
        { name: "v1", commit: "a" },
        { name: "v2", commit: "m" },
      ],
      "m",
    );
    expect(out.get("v2")!.map((x) => x.sha)).toEqual(["m", "s", "b"]);
    expect(out.get(UNRELEASED)).toEqual([]);
  });
});

describe("splitting a history with many merges", () => {
  it("assigns every commit exactly once, however many children reach it", () => {
    // A ladder of merges: each merge m_i has parents m_{i-1} and s_i, and s_i's parent is m_{i-1} too.
    const log: RawCommit[] = [];
    for (let i = 50; i >= 1; i--) {
      log.push(c(`m${i}`, `m${i - 1}`, `s${i}`));
      log.push(c(`s${i}`, `m${i - 1}`));
    }
    log.push(c("m0"));
    const out = assignCommitsToReleases(log, [{ name: "v1", commit: "m25" }], "m50");
    expect(out.get("v1")!.length + out.get(UNRELEASED)!.length).toBe(log.length);
    expect(out.get("v1")!.map((x) => x.sha)).toContain("m0");
    expect(out.get(UNRELEASED)!.map((x) => x.sha)).toContain("s26");
  });
});
