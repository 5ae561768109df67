import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeLatest, releaseName } from "../../../src/core/release/naming.js";
import { parseVersion } from "../../../src/core/version/pep440.js";

const v = parseVersion;

describe("release name", () => {
  it("renders release.name_format with the release's values", () => {
    const values = {
      project: "demo",
      package: "",
      version: "1.1.0",
      tag: "v1.1.0",
      previous_version: "1.0.0",
      previous_tag: "v1.0.0",
    };
    expect(releaseName("{project} {tag}", values)).toBe("demo v1.1.0");
    expect(releaseName("Release {version} (since {previous_tag})", values)).toBe(
      "Release 1.1.0 (since v1.0.0)",
    );
  });
});

describe("make_latest", () => {
  it("is true only for a final release that is the highest final release", () => {
    expect(makeLatest(v("1.1.0"), [v("1.0.0"), v("1.1.0"), v("2.0.0rc1")])).toBe(true);
    expect(makeLatest(v("1.0.1"), [v("1.0.0"), v("2.0.0")])).toBe(false);
    expect(makeLatest(v("1.1.0rc1"), [v("1.0.0")])).toBe(false);
    expect(makeLatest(v("1.1.0.dev1"), [])).toBe(false);
  });

  it("for final versions: latest iff no tag is higher", () => {
    const version = fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5)).map(([a, b, c]) => v(`${a}.${b}.${c}`));
    fc.assert(
      fc.property(version, fc.array(version), (candidate, tags) => {
        expect(makeLatest(candidate, tags)).toBe(tags.every((t) => compare(t, candidate) <= 0));
      }),
    );
  });
});

function compare(a: ReturnType<typeof v>, b: ReturnType<typeof v>): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
