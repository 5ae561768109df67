import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import { formatVersion, parseVersion } from "../../../src/core/version/pep440.js";
import {
  formatTag,
  type GitTag,
  otherReleasePrefix,
  parseReleaseTag,
  type ReleaseTag,
  releaseDay,
  releaseTags,
  selectPreviousRelease,
  type TagPattern,
  tagPatternFromFormat,
} from "../../../src/core/version/release-tags.js";

const V: TagPattern = { prefix: "v", suffix: "" };

function gitTag(name: string, reachable = true): GitTag {
  return { name, commit: `c-${name}`, reachable, date: "2024-01-01T00:00:00Z" };
}

/** Tag names, `!` marking an unreachable one (a tag on another branch). */
function tagsOf(names: readonly string[], pattern: TagPattern = V): ReleaseTag[] {
  return releaseTags(
    names.map((n) => (n.startsWith("!") ? gitTag(n.slice(1), false) : gitTag(n))),
    pattern,
  );
}

describe("tag patterns", () => {
  it.each([
    ["{package}-v{version}", { package: "core" }, { prefix: "core-v", suffix: "" }],
    ["v{version}", {}, { prefix: "v", suffix: "" }],
    ["{version}", {}, { prefix: "", suffix: "" }],
    ["release-{version}-{package}", { package: "cli" }, { prefix: "release-", suffix: "-cli" }],
    ["{{x}}/{version}", {}, { prefix: "{x}/", suffix: "" }],
  ])("%s with %j is %j", (format, values, pattern) => {
    expect(tagPatternFromFormat(format, values)).toEqual(pattern);
  });

  it.each(["{package}-v", "{version}-{version}", "{{version}}"])(
    "%s must hold {version} exactly once",
    (format) => {
      expect(() => tagPatternFromFormat(format, { package: "core" })).toThrow(ReleasioError);
      expect(() => tagPatternFromFormat(format, { package: "core" })).toThrow("exactly once");
    },
  );

  it("formats a tag with the canonical version", () => {
    expect(formatTag(V, parseVersion("1.2.0-beta.1"))).toBe("v1.2.0b1");
    expect(formatTag({ prefix: "", suffix: "" }, parseVersion("1.2.4"))).toBe("1.2.4");
    expect(formatTag({ prefix: "core-v", suffix: "" }, parseVersion("1!2.0.0"))).toBe("core-v1!2.0.0");
  });
});

describe("release tags", () => {
  it.each([
    ["v1.2.3", V, "1.2.3"],
    ["v1.2.0-beta.1", V, "1.2.0b1"],
    ["v1.0.0rc1", V, "1.0.0rc1"],
    ["v1.0.0.post1", V, "1.0.0.post1"],
    ["v1.2.3.4", V, "1.2.3.4"],
    ["v1!2.0.0", V, "1!2.0.0"],
    ["1.2.3", { prefix: "", suffix: "" }, "1.2.3"],
    ["core-v1.2.3", { prefix: "core-v", suffix: "" }, "1.2.3"],
    ["release-1.2.3-cli", { prefix: "release-", suffix: "-cli" }, "1.2.3"],
    // One leading v or V is part of how a version may be written (§6.7), after any prefix that does not end in one.
    ["v1.2.3", { prefix: "", suffix: "" }, "1.2.3"],
    ["V1.2.3", { prefix: "", suffix: "" }, "1.2.3"],
    ["v1.2.0-rc.2", { prefix: "", suffix: "" }, "1.2.0rc2"],
    ["v1!2.0.0", { prefix: "", suffix: "" }, "1!2.0.0"],
    ["rel-v1.5.0", { prefix: "rel-", suffix: "" }, "1.5.0"],
    ["core-v1.2.3", { prefix: "core-", suffix: "" }, "1.2.3"],
    ["release-v1.2.3-cli", { prefix: "release-", suffix: "-cli" }, "1.2.3"],
  ])("%s is a release tag of %j for %s", (name, pattern, version) => {
    const tag = parseReleaseTag(gitTag(name), pattern);
    expect(tag).not.toBeNull();
    expect(formatVersion(tag!.version)).toBe(version);
    expect(tag!.name).toBe(name);
    expect(tag!.commit).toBe(`c-${name}`);
  });

  it.each([
    ["v1", V],
    ["v1.4", V],
    ["latest", V],
    ["docs-build-7", V],
    ["very-old", V],
    ["v", V],
    ["vv1.2.3", V],
    ["v1.2.x", V],
    ["1.2.3", V],
    ["cli-v1.2.3", { prefix: "core-v", suffix: "" }],
    // Floating aliases stay aliases whatever the prefix.
    ["v1", { prefix: "", suffix: "" }],
    ["v1.4", { prefix: "", suffix: "" }],
    ["v10.6", { prefix: "", suffix: "" }],
    ["V2", { prefix: "", suffix: "" }],
    ["latest", { prefix: "", suffix: "" }],
    ["rel-v1", { prefix: "rel-", suffix: "" }],
    ["rel-v1.5", { prefix: "rel-", suffix: "" }],
    // Only one v: a prefix ending in v already holds it.
    ["vv1.2.3", { prefix: "", suffix: "" }],
    ["rel-vv1.5.0", { prefix: "rel-", suffix: "" }],
    ["core-vv1.2.3", { prefix: "core-v", suffix: "" }],
    ["VV1.2.3", { prefix: "V", suffix: "" }],
    ["v 1.2.3", { prefix: "", suffix: "" }],
    ["rel-1.5.0", { prefix: "rel-v", suffix: "" }],
    ["release-1.2.3-core", { prefix: "release-", suffix: "-cli" }],
  ])("%s is not a release tag of %j", (name, pattern) => {
    expect(parseReleaseTag(gitTag(name), pattern)).toBeNull();
  });

  it("orders by PEP 440 precedence, never by name", () => {
    const names = tagsOf(["v1.0.0rc1", "v1.10.0", "v1.0.0", "v1.9.0", "v1.0.0.post1", "v1.0.0.dev1"]).map(
      (t) => t.name,
    );
    expect(names).toEqual(["v1.10.0", "v1.9.0", "v1.0.0.post1", "v1.0.0", "v1.0.0rc1", "v1.0.0.dev1"]);
  });

  it("drops tags that are not release tags", () => {
    expect(tagsOf(["v1", "v1.0", "docs-build-7", "very-old", "v1.0.0"]).map((t) => t.name)).toEqual([
      "v1.0.0",
    ]);
  });

  it("of two spellings of one version the canonical one comes first, whatever the listing order", () => {
    for (const names of [
      ["v1.2.0-beta.1", "v1.2.0b1"],
      ["v1.2.0b1", "v1.2.0-beta.1"],
    ]) {
      expect(tagsOf(names).map((t) => t.name)).toEqual(["v1.2.0b1", "v1.2.0-beta.1"]);
    }
  });
});

describe("the previous release", () => {
  const pick = (names: readonly string[], prereleaseRun = false) => {
    const found = selectPreviousRelease(tagsOf(names), prereleaseRun);
    return {
      previous: found.previous?.name ?? null,
      previousFinal: found.previousFinal?.name ?? null,
      unreachableHigher: found.unreachableHigher?.name ?? null,
    };
  };

  it.each([
    { tags: ["v1.0.0"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: null },
    { tags: ["v1.0.0rc1", "v1.0.0"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: null },
    {
      tags: ["v1.0.0", "v1.0.0.post1"],
      run: "stable",
      previous: "v1.0.0.post1",
      final: "v1.0.0.post1",
      warn: null,
    },
    { tags: ["v1.0.0", "v1.1.0b1"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: null },
    { tags: ["v1.0.0", "v1.1.0b1"], run: "pre-release", previous: "v1.1.0b1", final: "v1.0.0", warn: null },
    { tags: ["v1.0.0", "!v2.0.0"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: "v2.0.0" },
    { tags: ["v1.0.0", "!v0.9.0"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: null },
    { tags: ["v1.0.0", "!v2.0.0rc1"], run: "stable", previous: "v1.0.0", final: "v1.0.0", warn: null },
    {
      tags: ["v1.0.0", "!v2.0.0rc1"],
      run: "pre-release",
      previous: "v1.0.0",
      final: "v1.0.0",
      warn: "v2.0.0rc1",
    },
    { tags: ["!v1.0.0"], run: "stable", previous: null, final: null, warn: "v1.0.0" },
    { tags: ["v1.0.0rc1"], run: "stable", previous: null, final: null, warn: null },
    { tags: [], run: "stable", previous: null, final: null, warn: null },
    {
      tags: ["v1", "v1.0", "latest", "v0.1.0"],
      run: "stable",
      previous: "v0.1.0",
      final: "v0.1.0",
      warn: null,
    },
  ])("$tags on a $run run → previous $previous, final $final, warning for $warn", (c) => {
    expect(pick(c.tags, c.run === "pre-release")).toEqual({
      previous: c.previous,
      previousFinal: c.final,
      unreachableHigher: c.warn,
    });
  });

  it("a tag on another branch is not the previous release", () => {
    const found = selectPreviousRelease(tagsOf(["v1.0.0", "!v1.5.0", "!v2.0.0"]), false);
    expect(found.previous?.name).toBe("v1.0.0");
    expect(found.unreachableHigher?.name).toBe("v2.0.0");
  });

  it("between two spellings of the previous release the canonical one is chosen", () => {
    expect(pick(["v1.2.0-beta.1", "v1.2.0b1"], true).previous).toBe("v1.2.0b1");
    expect(pick(["v1.2.0b1", "v1.2.0-beta.1"], true).previous).toBe("v1.2.0b1");
  });

  it("an empty tag prefix finds bare version tags, never floating aliases", () => {
    const found = selectPreviousRelease(
      tagsOf(["1.2.3", "v9", "v9.9", "latest"], { prefix: "", suffix: "" }),
      false,
    );
    expect(found.previous?.name).toBe("1.2.3");
  });

  it("an empty tag prefix finds v tags too, by precedence with the bare ones", () => {
    const empty: TagPattern = { prefix: "", suffix: "" };
    expect(selectPreviousRelease(tagsOf(["1.2.3", "v1.3.0"], empty), false).previous?.name).toBe("v1.3.0");
    expect(selectPreviousRelease(tagsOf(["v1.0.0", "1.0.1"], empty), false).previous?.name).toBe("1.0.1");
  });

  it("of a v tag and a bare tag of one version, the spelling {prefix}{canonical} is chosen", () => {
    const empty: TagPattern = { prefix: "", suffix: "" };
    for (const names of [
      ["v1.3.0", "1.3.0"],
      ["1.3.0", "v1.3.0"],
    ]) {
      expect(tagsOf(names, empty).map((t) => t.name)).toEqual(["1.3.0", "v1.3.0"]);
      expect(selectPreviousRelease(tagsOf(names, empty), false).previous?.name).toBe("1.3.0");
    }
  });

  it("a prefix followed by a v tag is the previous release", () => {
    const found = selectPreviousRelease(
      tagsOf(["rel-1.4.0", "rel-v1.5.0"], { prefix: "rel-", suffix: "" }),
      false,
    );
    expect(found.previous?.name).toBe("rel-v1.5.0");
  });
});

describe("release-looking tags with another prefix", () => {
  const other = (names: readonly string[], pattern: TagPattern = V) =>
    otherReleasePrefix(
      names.map((n) => gitTag(n, false)),
      pattern,
    );

  it.each([
    { names: ["1.2.3"], expected: { prefix: "", count: 1, example: "1.2.3" } },
    { names: ["1.0.0", "1.10.0", "1.9.0"], expected: { prefix: "", count: 3, example: "1.10.0" } },
    {
      names: ["release-2.0.0", "release-1.0.0", "3.0.0"],
      expected: { prefix: "release-", count: 2, example: "release-2.0.0" },
    },
    { names: ["pkg2-v1.0.0"], expected: { prefix: "pkg2-v", count: 1, example: "pkg2-v1.0.0" } },
    // Equal counts: the prefix that sorts first, so the answer never depends on the listing order.
    { names: ["b-1.0.0", "a-1.0.0"], expected: { prefix: "a-", count: 1, example: "a-1.0.0" } },
  ])("$names → prefix '$expected.prefix'", ({ names, expected }) => {
    expect(other(names)).toEqual(expected);
  });

  it.each([{ names: [] }, { names: ["v1", "v1.4", "docs-build-7", "latest"] }, { names: ["v1.2.3"] }])(
    "none for $names",
    ({ names }) => {
      expect(other(names)).toBeNull();
    },
  );

  it("a v tag is not another prefix for a project whose prefix is empty: it is one of its releases", () => {
    expect(other(["v1.2.3"], { prefix: "", suffix: "" })).toBeNull();
    expect(other(["V1.2.3", "v2.0.0"], { prefix: "", suffix: "" })).toBeNull();
    expect(other(["v1.2.3", "release-2.0.0"], { prefix: "", suffix: "" })).toEqual({
      prefix: "release-",
      count: 1,
      example: "release-2.0.0",
    });
  });

  it("a v tag after the prefix is not another prefix", () => {
    expect(other(["rel-v1.5.0"], { prefix: "rel-", suffix: "" })).toBeNull();
  });
});

describe("releaseDay", () => {
  it.each([
    ["2024-03-04T23:30:00-02:00", "2024-03-05"],
    ["2024-03-04T01:00:00+05:00", "2024-03-03"],
    ["2024-03-04T10:00:00Z", "2024-03-04"],
  ])("is the UTC day of %s", (iso, day) => {
    expect(releaseDay(iso)).toBe(day);
  });

  it("is empty for a date JavaScript cannot represent, which git can hold", () => {
    expect(releaseDay("+275760-09-14T00:00:00+00:00")).toBe("");
    expect(releaseDay("")).toBe("");
  });
});
