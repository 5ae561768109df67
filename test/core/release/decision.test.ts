import { describe, expect, it } from "vitest";
import { type DecisionInput, decideRelease } from "../../../src/core/release/decision.js";

const base: DecisionInput = {
  declared: "1.1.0",
  declaredTag: "v1.1.0",
  declaredTagCommit: null,
  head: "h",
  releaseCommitAfterTag: false,
  pending: null,
  next: null,
  declaredAbovePrevious: true,
  scmVersioned: false,
  force: false,
};

describe("the release decision table (§4.4 step 1)", () => {
  it.each([
    ["tag at HEAD → resume", { declaredTagCommit: "h" }, "resume"],
    ["tag elsewhere → already released", { declaredTagCommit: "x" }, "already-released"],
    [
      "tag before the release commit → conflict",
      { declaredTagCommit: "x", releaseCommitAfterTag: true },
      "conflict",
    ],
    ["pending → release", { pending: { version: "1.1.0", tag: "v1.1.0" } }, "release"],
    ["untagged without a release commit → nothing", {}, "nothing"],
    ["untagged without a release commit, --force → release", { force: true }, "release"],
    ["not above the previous release → nothing", { declaredAbovePrevious: false, force: true }, "nothing"],
    [
      "SCM-versioned → the plan's next version",
      { declared: null, declaredTag: null, scmVersioned: true, next: { version: "0.2.0", tag: "v0.2.0" } },
      "release",
    ],
  ] as const)("%s", (_, change, kind) => {
    expect(decideRelease({ ...base, ...change }).kind).toBe(kind);
  });

  it("says how to release a hand-edited version", () => {
    const d = decideRelease(base);
    expect(d.kind === "nothing" && d.why).toContain("pass --force");
  });
});
