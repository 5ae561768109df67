import { describe, expect, it } from "vitest";
import { chooseReleaseAs, releaseAsFooter } from "../../../src/core/commits/release-as.js";
import type { Warning } from "../../../src/core/errors.js";
import type { CommitInfo, RawCommit } from "../../../src/core/plan/types.js";
import { formatVersion, parseVersion } from "../../../src/core/version/pep440.js";
import type { ReleaseTag } from "../../../src/core/version/release-tags.js";

describe("the Release-As footer", () => {
  it.each([
    ["chore: release 2.0.0\n\nRelease-As: 2.0.0", "2.0.0"],
    ["fix: x\n\nrelease-as: 1.4.0\n", "1.4.0"],
    ["fix: x\n\nRELEASE AS:   3.0.0rc1  ", "3.0.0rc1"],
    ["fix: x\r\n\r\nRelease-As: 1.2.3\r\n", "1.2.3"],
    ["fix: x\n\nRelease-As: 1.0.0\nRelease-As: 1.1.0", "1.1.0"],
    ["fix: x\n\nBody.\n\nCo-authored-by: A <a@example.org>\nRelease-As: 1.3.0\n\n", "1.3.0"],
    ["fix: x\n\nRelease-As:", ""],
  ])("%j → %j", (message, value) => {
    expect(releaseAsFooter(message)).toBe(value);
  });

  it.each([
    "feat: add a Release-As: 2.0.0 helper",
    "fix: x\n\nWe could use Release-As: 2.0.0 here.",
    "fix: x\n\nReleased-As: 2.0.0",
    "fix: x",
    "chore: release 2.0.0\nRelease-As: 2.0.0",
    // A squash commit quoting another commit's footer in its body: not this commit's trailer.
    "feat: merge main into v1 (#438)\n\n* chore: release 2.0.0b1\n\nRelease-As: 2.0.0b1\n\nCloses #74.",
  ])("none in %j", (message) => {
    expect(releaseAsFooter(message)).toBeNull();
  });
});

function raw(sha: string, message: string): RawCommit {
  return {
    sha,
    parents: [],
    author: { name: "A", email: "a@example.org" },
    date: "2026-01-01T00:00:00Z",
    message,
  };
}

function info(sha: string, reason: CommitInfo["reason"] = "patch-type"): CommitInfo {
  return { sha, short_sha: sha.slice(0, 7), reason } as CommitInfo;
}

const V1_2_0 = { name: "v1.2.0", version: parseVersion("1.2.0"), commit: "0000000" } as ReleaseTag;

describe("choosing the version of the range", () => {
  it("takes the newest footer of the range", () => {
    const warnings: Warning[] = [];
    const raws = [
      raw("aaaaaaa1", "fix: a\n\nRelease-As: 2.0.0"),
      raw("bbbbbbb1", "fix: b\n\nRelease-As: 1.5.0"),
    ];
    const chosen = chooseReleaseAs(raws, [info("aaaaaaa1"), info("bbbbbbb1")], V1_2_0, [V1_2_0], warnings);
    expect(chosen && formatVersion(chosen.version)).toBe("2.0.0");
    expect(chosen?.commit.sha).toBe("aaaaaaa1");
    expect(warnings).toEqual([]);
  });

  it("normalises SemVer spellings and works on a first release", () => {
    const chosen = chooseReleaseAs(
      [raw("aaaaaaa1", "x\n\nRelease-As: v1.0.0-rc.1")],
      [info("aaaaaaa1")],
      null,
      [],
      [],
    );
    expect(chosen && formatVersion(chosen.version)).toBe("1.0.0rc1");
  });

  it.each(["skip-marker", "scope-filtered", "outside-package"] as const)(
    "ignores the footer of a commit that does not count (%s)",
    (reason) => {
      const raws = [raw("aaaaaaa1", "fix: a\n\nRelease-As: 2.0.0")];
      expect(chooseReleaseAs(raws, [info("aaaaaaa1", reason)], V1_2_0, [V1_2_0], [])).toBeNull();
    },
  );

  it.each([
    ["banana", "is not a valid version"],
    ["", "is not a valid version"],
    ["1.2.0", "is not greater than the previous release 1.2.0 (v1.2.0)"],
    ["1.1.9", "is not greater than the previous release 1.2.0 (v1.2.0)"],
  ])("ignores Release-As %j with a warning naming the commit, as if it were absent", (value, why) => {
    const warnings: Warning[] = [];
    const ignored = raw("aaaaaaa1", `fix: a\n\nRelease-As: ${value}`);
    expect(chooseReleaseAs([ignored], [info("aaaaaaa1")], V1_2_0, [V1_2_0], warnings)).toBeNull();
    const expected = {
      code: "W_RELEASE_AS_IGNORED",
      message: `commit aaaaaaa: Release-As '${value}' ${why}; it is ignored`,
    };
    expect(warnings).toEqual([expected]);

    // The newest valid footer below it decides.
    const older: Warning[] = [];
    const raws = [ignored, raw("bbbbbbb1", "fix: b\n\nRelease-As: 3.0.0")];
    const chosen = chooseReleaseAs(raws, [info("aaaaaaa1"), info("bbbbbbb1")], V1_2_0, [V1_2_0], older);
    expect(chosen && formatVersion(chosen.version)).toBe("3.0.0");
    expect(chosen?.commit.sha).toBe("bbbbbbb1");
    expect(older).toEqual([expected]);
  });

  it("a footer whose version is tagged in the range is done with, silently, with every older one", () => {
    const warnings: Warning[] = [];
    const b1 = { name: "v2.0.0b1", version: parseVersion("2.0.0b1"), commit: "aaaaaaa1" } as ReleaseTag;
    const raws = [
      raw("aaaaaaa1", "fix!: drop 3.8\n\nRelease-As: 2.0.0b1"),
      raw("bbbbbbb1", "x\n\nRelease-As: 3.0.0"),
    ];
    const commits = [info("aaaaaaa1"), info("bbbbbbb1")];
    expect(chooseReleaseAs(raws, commits, V1_2_0, [b1, V1_2_0], warnings)).toBeNull();
    expect(warnings).toEqual([]);
    // The same tag outside the range (another branch, or a release still to come) does not end the footer.
    const elsewhere = { ...b1, commit: "ccccccc1" };
    const chosen = chooseReleaseAs(raws, commits, V1_2_0, [elsewhere, V1_2_0], warnings);
    expect(chosen && formatVersion(chosen.version)).toBe("2.0.0b1");
  });
});
