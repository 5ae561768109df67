import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import {
  decideSnapshot,
  type SnapshotInput,
  snapshotChannelHint,
  snapshotSkips,
  snapshotVersion,
} from "../../../src/core/release/snapshot.js";
import { compareVersions, parseVersion } from "../../../src/core/version/pep440.js";

const input = (over: Partial<SnapshotInput> = {}): SnapshotInput => ({
  releaseNeeded: true,
  nextVersion: "1.1.0.dev1",
  firstParentCount: 3,
  previousTag: "v1.0.0",
  declaresVersion: true,
  channel: "develop",
  ...over,
});

describe("snapshotVersion", () => {
  it("puts the commit count as the dev number on the base release of the next version", () => {
    expect(snapshotVersion("1.1.0", 3)).toBe("1.1.0.dev3");
    expect(snapshotVersion("1.1.0.dev1", 7)).toBe("1.1.0.dev7");
    expect(snapshotVersion("2.0.0rc1", 1)).toBe("2.0.0.dev1");
    expect(snapshotVersion("1.2", 4)).toBe("1.2.dev4");
  });

  it("refuses a count below 1", () => {
    expect(() => snapshotVersion("1.1.0", 0)).toThrow(RangeError);
  });

  it("more commits on the branch give a strictly higher snapshot of the same base, all below the release", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100 }), (n, more) => {
        const a = parseVersion(snapshotVersion("3.4.0", n));
        const b = parseVersion(snapshotVersion("3.4.0", n + more));
        return compareVersions(a, b) < 0 && compareVersions(b, parseVersion("3.4.0")) < 0;
      }),
    );
  });
});

describe("decideSnapshot", () => {
  it("releasable commits since the previous release → S.devN", () => {
    expect(decideSnapshot(input())).toEqual({
      kind: "snapshot",
      version: "1.1.0.dev3",
      base: "1.1.0",
      number: 3,
    });
  });

  it("nothing releasable → nothing, saying since which tag", () => {
    const d = decideSnapshot(input({ releaseNeeded: false }));
    expect(d).toEqual({ kind: "nothing", why: "no releasable commits since v1.0.0: no snapshot to publish" });
    expect(decideSnapshot(input({ nextVersion: null, previousTag: null })).kind).toBe("nothing");
  });

  it("a project without a declared version cannot be stamped → E_PROJECT_METADATA naming the channel", () => {
    try {
      decideSnapshot(input({ declaresVersion: false }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReleasioError);
      expect((error as ReleasioError).code).toBe("E_PROJECT_METADATA");
      expect((error as ReleasioError).message).toContain("branches.develop");
    }
  });
});

describe("snapshotSkips", () => {
  it("skips the tag, forge release and advisory steps, and runs the publishing steps", () => {
    for (const id of [
      "create-tag",
      "push-tag",
      "create-draft-release",
      "upload-assets",
      "publish-release",
      "security-advisory",
    ])
      expect(snapshotSkips(id)).toMatch(/^snapshot release: /);
    for (const id of [
      "pre-release-hook",
      "build",
      "validate-dists",
      "check-index",
      "upload:demo-1.0.0.tar.gz",
      "verify-index",
      "post-release-hook",
    ])
      expect(snapshotSkips(id)).toBeNull();
  });
});

describe("snapshotChannelHint", () => {
  it("names the whole snapshot channel configuration for the branch", () => {
    expect(snapshotChannelHint("develop")).toContain(
      '[branches.develop] with match = "develop", prerelease = true, prerelease_token = "dev", publish_only = true',
    );
    expect(snapshotChannelHint("feature/x")).toContain('[branches."feature/x"]');
  });
});
