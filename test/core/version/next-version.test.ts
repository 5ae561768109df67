import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import type { Bump, PrereleaseToken } from "../../../src/core/plan/types.js";
import { computeNextVersion, type NextVersionResult } from "../../../src/core/version/next-version.js";
import { formatVersion, parseVersion } from "../../../src/core/version/pep440.js";
import { parsePrereleaseToken } from "../../../src/core/version/prerelease-token.js";
import {
  formatTag,
  type GitTag,
  releaseTags,
  selectPreviousRelease,
  type TagPattern,
} from "../../../src/core/version/release-tags.js";
import { caught } from "../../support/caught.js";

const V: TagPattern = { prefix: "v", suffix: "" };

interface World {
  /** Tag names; `!` marks one that is not reachable from HEAD. */
  tags?: readonly string[];
  /** D, as written in the project file. */
  declared?: string | null;
  token?: PrereleaseToken | null;
  override?: string | null;
  /** The bump over L..HEAD, 0.x rule already applied. */
  bump?: Bump;
  onIndex?: boolean | null;
  initial?: string;
  pattern?: TagPattern;
}

/** Runs the version part of planning the way a command does: tags → previous release → next version. */
function plan(world: World) {
  const pattern = world.pattern ?? V;
  const token = world.token ?? null;
  const listing: GitTag[] = (world.tags ?? []).map((n) => ({
    name: n.replace(/^!/, ""),
    commit: `c-${n}`,
    reachable: !n.startsWith("!"),
    date: "2024-01-01T00:00:00Z",
  }));
  const all = releaseTags(listing, pattern);
  const found = selectPreviousRelease(all, token !== null);
  const result: NextVersionResult = computeNextVersion({
    declared: world.declared == null ? null : parseVersion(world.declared, "pyproject.toml"),
    token,
    override: world.override == null ? null : parseVersion(world.override, "--version"),
    previous: found.previous,
    previousFinal: found.previousFinal,
    bump: world.bump ?? "none",
    reachable: all.filter((t) => t.reachable),
    all,
    declaredOnIndex: world.onIndex ?? null,
    initialVersion: parseVersion(world.initial ?? "0.1.0"),
  });
  return {
    next: result.next === null ? null : formatVersion(result.next),
    tag: result.next === null ? null : formatTag(pattern, result.next),
    reason: result.reason,
    firstRelease: result.firstRelease,
    baseline: result.baseline === null ? null : formatVersion(result.baseline),
    previous: found.previous?.name ?? null,
    warning: found.unreachableHigher?.name ?? null,
  };
}

function failure(world: World): ReleasioError {
  try {
    plan(world);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("expected planning to fail");
}

type Expect = { next: string | null; reason?: NextVersionResult["reason"] };

describe("the examples of the next-version rules", () => {
  it.each<[string, World, Expect]>([
    [
      "v1.2.3 + feat",
      { tags: ["v1.2.3"], declared: "1.2.3", bump: "minor" },
      { next: "1.3.0", reason: "commits" },
    ],
    ["v1.2.3 + fix", { tags: ["v1.2.3"], declared: "1.2.3", bump: "patch" }, { next: "1.2.4" }],
    ["v1.2.3 + feat!", { tags: ["v1.2.3"], declared: "1.2.3", bump: "major" }, { next: "2.0.0" }],
    ["v0.4.2 + feat! (breaking is minor on 0.x)", { tags: ["v0.4.2"], bump: "minor" }, { next: "0.5.0" }],
    ["v0.4.2 + feat! with major_on_zero", { tags: ["v0.4.2"], bump: "major" }, { next: "1.0.0" }],
    ["v1.2.3, v1.2.3.post1 + fix", { tags: ["v1.2.3", "v1.2.3.post1"], bump: "patch" }, { next: "1.2.4" }],
    ["v1.3.0rc1, v1.3.0 + fix", { tags: ["v1.3.0rc1", "v1.3.0"], bump: "patch" }, { next: "1.3.1" }],
    ["v1.2.3 + feat with beta", { tags: ["v1.2.3"], bump: "minor", token: "beta" }, { next: "1.3.0b1" }],
    [
      "v1.2.3, v1.3.0b1 + fix with beta",
      { tags: ["v1.2.3", "v1.3.0b1"], bump: "patch", token: "beta" },
      { next: "1.3.0b2", reason: "commits" },
    ],
    ["then with rc", { tags: ["v1.2.3", "v1.3.0b1"], bump: "patch", token: "rc" }, { next: "1.3.0rc1" }],
    [
      "then on a stable run (feat and fix since v1.2.3)",
      { tags: ["v1.2.3", "v1.3.0b1"], declared: "1.3.0b1", bump: "minor" },
      { next: "1.3.0" },
    ],
    [
      "v1.2.3 and D = 1.3.0 + feat (no double bump)",
      { tags: ["v1.2.3"], declared: "1.3.0", bump: "minor" },
      { next: "1.3.0", reason: "commits" },
    ],
    [
      "no tags, D = 0.1.0 unknown to the index",
      { declared: "0.1.0", bump: "minor", onIndex: false },
      { next: "0.1.0", reason: "first-release" },
    ],
    [
      "no tags, D = 1.4.2 on the index + feat",
      { declared: "1.4.2", bump: "minor", onIndex: true },
      { next: "1.5.0", reason: "commits" },
    ],
    ["no tags, no version", { bump: "minor" }, { next: "0.1.0", reason: "first-release" }],
  ])("%s → %j", (_, world, expected) => {
    expect(plan(world)).toMatchObject(expected);
  });
});

describe("acceptance scenarios about versions", () => {
  const F0 = { tags: ["v1.0.0"], declared: "1.0.0" } as const;

  it.each<[string, World, Expect]>([
    ["13: fix(api) → patch", { ...F0, bump: "patch" }, { next: "1.0.1" }],
    ["14: breaking → major", { ...F0, bump: "major" }, { next: "2.0.0" }],
    [
      "15: 0.4.2 + feat! → minor on 0.x",
      { tags: ["v0.4.2"], declared: "0.4.2", bump: "minor" },
      { next: "0.5.0" },
    ],
    ["15: 0.4.2 + fix", { tags: ["v0.4.2"], declared: "0.4.2", bump: "patch" }, { next: "0.4.3" }],
    [
      "15: 0.4.2 + feat! with major_on_zero",
      { tags: ["v0.4.2"], declared: "0.4.2", bump: "major" },
      { next: "1.0.0" },
    ],
    ["16: the highest bump wins", { ...F0, bump: "minor" }, { next: "1.1.0" }],
    ["17: nothing releasable", { ...F0, bump: "none" }, { next: null, reason: null }],
    ["18: docs as a patch type", { ...F0, bump: "patch" }, { next: "1.0.1" }],
    ["18: perf as a major type", { ...F0, bump: "major" }, { next: "2.0.0" }],
    [
      "19: file ahead + feat",
      { ...F0, declared: "1.1.0", bump: "minor" },
      { next: "1.1.0", reason: "commits" },
    ],
    [
      "19: file ahead + fix",
      { ...F0, declared: "1.1.0", bump: "patch" },
      { next: "1.1.0", reason: "commits" },
    ],
    [
      "19: file ahead, only docs",
      { ...F0, declared: "1.1.0", bump: "none" },
      { next: "1.1.0", reason: "pending-version" },
    ],
    [
      "20: --version 2.0.0",
      { ...F0, override: "2.0.0", bump: "minor" },
      { next: "2.0.0", reason: "override" },
    ],
    [
      "20: --version v3.0.0",
      { ...F0, override: "v3.0.0", bump: "none" },
      { next: "3.0.0", reason: "override" },
    ],
    [
      "21: --version 1.2.0-beta.1",
      { ...F0, override: "1.2.0-beta.1" },
      { next: "1.2.0b1", reason: "override" },
    ],
    ["22: alpha", { ...F0, bump: "minor", token: "alpha" }, { next: "1.1.0a1" }],
    ["22: beta", { ...F0, bump: "minor", token: "beta" }, { next: "1.1.0b1" }],
    ["22: rc", { ...F0, bump: "minor", token: "rc" }, { next: "1.1.0rc1" }],
    ["22: dev", { ...F0, bump: "minor", token: "dev" }, { next: "1.1.0.dev1" }],
    ["25: pre_release rc + fix", { ...F0, bump: "patch", token: "rc" }, { next: "1.0.1rc1" }],
    ["26: beta channel + feat", { ...F0, bump: "minor", token: "beta" }, { next: "1.1.0b1" }],
    ["26: main + feat", { ...F0, bump: "minor" }, { next: "1.1.0" }],
    ["27: v1.0.0rc1 then v1.0.0 + fix", { tags: ["v1.0.0rc1", "v1.0.0"], bump: "patch" }, { next: "1.0.1" }],
    [
      "29: v1.0.0 then v1.0.0.post1 + fix",
      { tags: ["v1.0.0", "v1.0.0.post1"], bump: "patch" },
      { next: "1.0.1" },
    ],
    ["30: HEAD is tagged v1.0.0", { ...F0, bump: "none" }, { next: null, reason: null }],
    ["33: SCM versioning, nothing declared", { tags: ["v1.0.0"], bump: "minor" }, { next: "1.1.0" }],
  ])("%s → %j", (_, world, expected) => {
    expect(plan(world)).toMatchObject(expected);
  });

  it("20: a --version not above the previous release is E_VERSION_NOT_INCREASING, exit 2", () => {
    for (const override of ["0.9.0", "1.0.0", "1.0", "1.0.0rc1"]) {
      const error = failure({ ...F0, override, bump: "minor" });
      expect(error.code).toBe("E_VERSION_NOT_INCREASING");
      expect(error.exitCode).toBe(2);
    }
    expect(failure({ ...F0, override: "0.9.0" }).message).toBe(
      "--version 0.9.0 is not greater than the previous release 1.0.0 (v1.0.0)",
    );
  });

  it("20: --version banana is E_VERSION_INVALID, exit 2", () => {
    const error = failure({ ...F0, override: "banana" });
    expect(error.code).toBe("E_VERSION_INVALID");
    expect(error.exitCode).toBe(2);
  });

  it("21: the normalised version makes the tag", () => {
    expect(plan({ ...F0, override: "1.2.0-beta.1" }).tag).toBe("v1.2.0b1");
  });

  it("21: a declared 1.2.3-beta.2 reads as 1.2.3b2 and 1.2.x names pyproject.toml", () => {
    expect(formatVersion(parseVersion("1.2.3-beta.2", "pyproject.toml"))).toBe("1.2.3b2");
    const error = failure({ ...F0, declared: "1.2.x" });
    expect(error.code).toBe("E_VERSION_INVALID");
    expect(error.message).toContain("pyproject.toml");
  });

  it.each([
    ["alpha", "1.1.0a1"],
    ["a", "1.1.0a1"],
    ["beta", "1.1.0b1"],
    ["b", "1.1.0b1"],
    ["rc", "1.1.0rc1"],
    ["c", "1.1.0rc1"],
    ["dev", "1.1.0.dev1"],
  ])("22: --prerelease %s → %s", (flag, next) => {
    expect(plan({ ...F0, bump: "minor", token: parsePrereleaseToken(flag) }).next).toBe(next);
  });

  it("22: --prerelease preview is refused, exit 2", () => {
    expect(() => parsePrereleaseToken("preview")).toThrow(/alpha \(a\), beta \(b\), rc \(c\) or dev/);
  });

  describe("23: progression from v1.0.0 and v1.1.0b1 (pyproject 1.1.0b1)", () => {
    const world = { tags: ["v1.0.0", "v1.1.0b1"], declared: "1.1.0b1" } as const;
    it.each<[string, World, string]>([
      ["fix with beta", { ...world, bump: "patch", token: "beta" }, "1.1.0b2"],
      ["feat with beta", { ...world, bump: "minor", token: "beta" }, "1.1.0b2"],
      ["feat! with beta", { ...world, bump: "major", token: "beta" }, "2.0.0b1"],
      ["fix with rc", { ...world, bump: "patch", token: "rc" }, "1.1.0rc1"],
    ])("%s → %s", (_, w, next) => {
      expect(plan(w).next).toBe(next);
    });

    it("a stable run finalises to 1.1.0 from v1.0.0", () => {
      expect(plan({ ...world, bump: "minor" })).toMatchObject({
        next: "1.1.0",
        previous: "v1.0.0",
        baseline: "1.0.0",
      });
    });

    it.each<[string, World, Expect]>([
      ["fix", { ...world, bump: "patch" }, { next: "1.1.0", reason: "commits" }],
      ["feat!", { ...world, bump: "major" }, { next: "2.0.0" }],
      ["nothing releasable", { ...world, bump: "none" }, { next: null, reason: null }],
      [
        "fix, the beta line only on another branch",
        { tags: ["v1.0.0", "!v1.1.0b1"], declared: "1.1.0b1", bump: "patch" },
        { next: "1.0.1" },
      ],
      [
        "fix, after an rc and a dev release of later lines",
        { tags: ["v1.0.0", "v1.1.0rc1", "v1.2.0.dev1"], bump: "patch" },
        { next: "1.2.0" },
      ],
      [
        "fix on 0.x after v0.4.2, v0.5.0b1",
        { tags: ["v0.4.2", "v0.5.0b1"], declared: "0.5.0b1", bump: "patch" },
        { next: "0.5.0" },
      ],
      [
        "feat! on 0.x (minor) after v0.4.2, v0.5.0b1",
        { tags: ["v0.4.2", "v0.5.0b1"], declared: "0.5.0b1", bump: "minor" },
        { next: "0.5.0" },
      ],
    ])(
      "a stable run with %s finalises the highest pre-release line above the previous release",
      (_, w, expected) => {
        expect(plan(w)).toMatchObject({ ...expected, previous: w.tags![0] });
      },
    );
  });

  it("24: a beta below a reachable rc is E_PRERELEASE_REGRESSION, exit 1", () => {
    const error = failure({ tags: ["v1.0.0", "v1.1.0rc1"], bump: "patch", token: "beta" });
    expect(error.code).toBe("E_PRERELEASE_REGRESSION");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      "1.1.0 already has pre-release 1.1.0rc1; a 'beta' pre-release would sort below it",
    );
    expect(error.details).toMatchObject({ tag: "v1.1.0rc1" });
  });

  it("28: a newer tag on an unmerged branch is ignored with a warning", () => {
    expect(plan({ tags: ["v1.0.0", "!v2.0.0"], bump: "patch" })).toMatchObject({
      next: "1.0.1",
      previous: "v1.0.0",
      warning: "v2.0.0",
    });
  });

  it("28: v1, v1.0, docs-build-7 and very-old are not releases", () => {
    expect(plan({ tags: ["v1.0.0", "v1", "v1.0", "docs-build-7", "very-old"], bump: "patch" })).toMatchObject(
      {
        next: "1.0.1",
        previous: "v1.0.0",
        warning: null,
      },
    );
  });

  it("28: an empty tag prefix", () => {
    expect(plan({ tags: ["1.2.3"], bump: "patch", pattern: { prefix: "", suffix: "" } })).toMatchObject({
      next: "1.2.4",
      tag: "1.2.4",
    });
  });

  it("29: a post release is the previous release", () => {
    expect(plan({ tags: ["v1.0.0", "v1.0.0.post1"], bump: "patch" }).previous).toBe("v1.0.0.post1");
  });

  describe("31: first release (no tags)", () => {
    it.each<[string, World, Partial<ReturnType<typeof plan>>]>([
      [
        "pyproject 0.1.0, index 404",
        { declared: "0.1.0", bump: "minor", onIndex: false },
        { next: "0.1.0", firstRelease: true, reason: "first-release", baseline: null },
      ],
      [
        "index 200 for 0.1.0 + feat",
        { declared: "0.1.0", bump: "minor", onIndex: true },
        { next: "0.2.0", firstRelease: true, baseline: "0.1.0" },
      ],
      ["offline (index unchecked)", { declared: "0.1.0", bump: "minor", onIndex: null }, { next: "0.1.0" }],
      ["pyproject 0.0.0", { declared: "0.0.0", bump: "minor" }, { next: "0.1.0", reason: "first-release" }],
      ["pyproject 0", { declared: "0", bump: "minor" }, { next: "0.1.0" }],
      ["initial_version 1.0.0 and no version", { initial: "1.0.0", bump: "none" }, { next: "1.0.0" }],
      ["--prerelease alpha", { declared: "0.1.0", bump: "minor", token: "alpha" }, { next: "0.1.0a1" }],
    ])("%s → %j", (_, world, expected) => {
      expect(plan(world)).toMatchObject(expected);
    });
  });
});

describe("pre-release numbering", () => {
  it.each<[string, World, string]>([
    [
      "dev counts S.devN tags",
      { tags: ["v1.0.0", "v1.1.0.dev1"], bump: "patch", token: "dev" },
      "1.1.0.dev2",
    ],
    [
      "a phase change restarts at 1",
      { tags: ["v1.0.0", "v1.1.0b3"], bump: "patch", token: "rc" },
      "1.1.0rc1",
    ],
    [
      "the highest number counts",
      { tags: ["v1.0.0", "v1.1.0b1", "v1.1.0b4"], bump: "patch", token: "beta" },
      "1.1.0b5",
    ],
    [
      "pre-releases of another base do not count",
      { tags: ["v1.0.0", "v1.0.1b7"], bump: "minor", token: "beta" },
      "1.1.0b1",
    ],
    [
      "unreachable pre-releases do not count",
      { tags: ["v1.0.0", "!v1.1.0b3"], bump: "minor", token: "beta" },
      "1.1.0b1",
    ],
    [
      "a line without a final release starts from 0.0.0",
      { tags: ["v0.1.0b1"], bump: "patch", token: "beta" },
      "0.1.0b2",
    ],
    ["alpha after dev", { tags: ["v1.0.0", "v1.1.0.dev2"], bump: "patch", token: "alpha" }, "1.1.0a1"],
    ["the epoch is kept", { tags: ["v1!1.0.0"], bump: "patch", token: "rc" }, "1!1.0.1rc1"],
  ])("%s → %s", (_, world, next) => {
    expect(plan(world).next).toBe(next);
  });

  it.each<[string, World, string]>([
    ["dev below an alpha", { tags: ["v1.0.0", "v1.1.0a1"], bump: "patch", token: "dev" }, "1.1.0a1"],
    ["alpha below a beta", { tags: ["v1.0.0", "v1.1.0b2"], bump: "patch", token: "alpha" }, "1.1.0b2"],
    [
      "beta below the highest of several",
      { tags: ["v1.0.0", "v1.1.0b2", "v1.1.0rc1", "v1.1.0rc2"], bump: "patch", token: "beta" },
      "1.1.0rc2",
    ],
  ])("%s is E_PRERELEASE_REGRESSION naming %s", (_, world, above) => {
    const error = failure(world);
    expect(error.code).toBe("E_PRERELEASE_REGRESSION");
    expect(error.message).toContain(`already has pre-release ${above}`);
  });

  it("a pre-release of a version that is already released is a regression", () => {
    const tag = (name: string, version: string) => ({
      name,
      commit: name,
      reachable: true,
      date: "2024-01-01T00:00:00Z",
      version: parseVersion(version),
    });
    const released = tag("v1.1.0", "1.1.0");
    let error: unknown;
    try {
      computeNextVersion({
        declared: null,
        token: "beta",
        override: parseVersion("1.1.0"),
        previous: tag("v1.0.0", "1.0.0"),
        previousFinal: tag("v1.0.0", "1.0.0"),
        bump: "patch",
        reachable: [released],
        all: [released],
        declaredOnIndex: null,
        initialVersion: parseVersion("0.1.0"),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReleasioError);
    expect((error as ReleasioError).message).toBe(
      "1.1.0 is already released as 1.1.0; a 'beta' pre-release would sort below it",
    );
  });

  it("so is one whose release is tagged on another branch (a beta branch after the final on main)", () => {
    const tag = (name: string, version: string, reachable: boolean) => ({
      name,
      commit: name,
      reachable,
      date: "2024-01-01T00:00:00Z",
      version: parseVersion(version),
    });
    const final = tag("v1.0.0", "1.0.0", true);
    const beta = tag("v1.1.0b1", "1.1.0b1", true);
    const elsewhere = tag("v1.1.0", "1.1.0", false);
    const error = caught(() =>
      computeNextVersion({
        declared: null,
        token: "beta",
        override: null,
        previous: beta,
        previousFinal: final,
        bump: "patch",
        reachable: [final, beta],
        all: [final, beta, elsewhere],
        declaredOnIndex: null,
        initialVersion: parseVersion("0.1.0"),
      }),
    );
    expect(error.code).toBe("E_PRERELEASE_REGRESSION");
    expect(error.message).toBe(
      "1.1.0 is already released as 1.1.0; a 'beta' pre-release would sort below it",
    );
  });
});

describe("overrides", () => {
  it.each<[string, World, Expect & { firstRelease?: boolean }]>([
    [
      "a final override with a token is numbered",
      { tags: ["v1.0.0"], override: "2.0.0", token: "beta" },
      { next: "2.0.0b1" },
    ],
    [
      "a pre-release override is kept",
      { tags: ["v1.0.0"], override: "2.0.0b3", token: "beta" },
      { next: "2.0.0b3" },
    ],
    [
      "an override on a first release",
      { override: "0.3.0" },
      { next: "0.3.0", reason: "override", firstRelease: true },
    ],
    ["an override pads to three components", { tags: ["v1.0.0"], override: "2.1" }, { next: "2.1.0" }],
    [
      "an override above a pre-release line",
      { tags: ["v1.0.0", "v1.1.0b2"], override: "1.1.0", token: "beta" },
      { next: "1.1.0b3" },
    ],
    [
      "a dev override with the dev token is kept",
      { tags: ["v1.0.0"], override: "2.0.0.dev4", token: "dev" },
      { next: "2.0.0.dev4" },
    ],
  ])("%s → %j", (_, world, expected) => {
    expect(plan(world)).toMatchObject(expected);
  });

  it.each([
    ["2.0.0rc1", "beta"],
    ["2.0.0b1", "rc"],
    ["2.0.0.post1", "beta"],
    ["2.0.0.dev1", "alpha"],
    ["2.0.0b1.dev1", "beta"],
    ["2.0.0b1", "dev"],
  ] as const)("a %s override with the %s token is refused: neither wins silently", (override, token) => {
    const error = failure({ tags: ["v1.0.0"], override, token });
    expect(error.code).toBe("E_USAGE");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `--version ${override} is not a ${token} pre-release, which this run makes (pre-release token ${token})`,
    );
    expect(error.hint).toBe(
      `pass --version 2.0.0 to number the ${token} pre-release, or a version of that kind, or no pre-release token`,
    );
  });
});

describe("the declared version", () => {
  it.each<[string, World, Expect]>([
    [
      "an untagged pre-release ahead of the computed one is kept on a run of its phase",
      { tags: ["v1.0.0"], declared: "1.1.0b3", bump: "patch", token: "beta" },
      { next: "1.1.0b3", reason: "commits" },
    ],
    [
      "an untagged final version ahead is the base of a pre-release",
      { tags: ["v1.0.0"], declared: "1.1.0", bump: "patch", token: "beta" },
      { next: "1.1.0b1" },
    ],
    [
      "an untagged pre-release on a stable run is finalised",
      { tags: ["v1.0.0"], declared: "1.1.0b1", bump: "none" },
      { next: "1.1.0", reason: "pending-version" },
    ],
    [
      "an untagged post release is released as is",
      { tags: ["v1.1.0"], declared: "1.1.0.post1", bump: "none" },
      { next: "1.1.0.post1", reason: "pending-version" },
    ],
    [
      "a declared version below the commits' version yields to it",
      { tags: ["v1.0.0"], declared: "1.0.1", bump: "minor" },
      { next: "1.1.0", reason: "commits" },
    ],
    [
      "a declared version tagged on another branch is not pending",
      { tags: ["v1.0.0", "!v1.1.0"], declared: "1.1.0", bump: "patch" },
      { next: "1.0.1" },
    ],
    [
      "a declared version behind the previous release is ignored",
      { tags: ["v1.0.0"], declared: "0.9.0", bump: "none" },
      { next: null, reason: null },
    ],
    [
      "a declared two-component version ahead is padded",
      { tags: ["v1.0.0"], declared: "2.0", bump: "none" },
      { next: "2.0.0", reason: "pending-version" },
    ],
  ])("%s → %j", (_, world, expected) => {
    expect(plan(world)).toMatchObject(expected);
  });
});

describe("first releases", () => {
  it.each<[string, World, Partial<ReturnType<typeof plan>>]>([
    [
      "a declared version tagged on another branch continues from it",
      { tags: ["!v1.4.2"], declared: "1.4.2", bump: "patch" },
      { next: "1.4.3", reason: "commits", baseline: "1.4.2", firstRelease: true },
    ],
    [
      "a released declared version without releasable commits releases nothing",
      { declared: "1.4.2", bump: "none", onIndex: true },
      { next: null, reason: null, firstRelease: true },
    ],
    [
      "a released pre-release on a stable run finalises to its base",
      { declared: "1.4.0b2", bump: "none", onIndex: true },
      { next: "1.4.0", reason: "first-release", baseline: "1.4.0b2" },
    ],
    [
      "a released pre-release on a stable run with commits still finalises",
      { declared: "1.4.0b2", bump: "minor", onIndex: true },
      { next: "1.4.0", reason: "commits" },
    ],
    [
      "a released pre-release is counted when numbering the next one",
      { declared: "1.4.0b2", bump: "minor", onIndex: true, token: "beta" },
      { next: "1.4.0b3" },
    ],
    [
      "an unreleased pre-release of the run's phase is released as is",
      { declared: "1.0.0b2", bump: "minor", token: "beta" },
      { next: "1.0.0b2", reason: "first-release" },
    ],
    [
      "an unreleased pre-release of another phase starts the run's phase",
      { declared: "1.0.0a3", bump: "minor", token: "beta" },
      { next: "1.0.0b1", reason: "first-release" },
    ],
    [
      "an unreleased pre-release on a stable run is finalised",
      { declared: "1.2.0b1", bump: "minor" },
      { next: "1.2.0", reason: "first-release" },
    ],
    [
      "an unreleased final version is released whatever the commits",
      { declared: "2.3.4", bump: "none" },
      { next: "2.3.4", reason: "first-release" },
    ],
    ["a two-component declared version is padded", { declared: "0.1", bump: "none" }, { next: "0.1.0" }],
    ["the initial version with a dev token", { bump: "patch", token: "dev" }, { next: "0.1.0.dev1" }],
    [
      "a pre-release tag alone does not make a stable run a continuation",
      { tags: ["v1.0.0rc1"], declared: "1.0.0", bump: "patch" },
      { next: "1.0.0", firstRelease: true, previous: null },
    ],
    [
      "a declared version tagged only as a pre-release is finalised on a stable run",
      { tags: ["v1.0.0rc1"], declared: "1.0.0rc1", bump: "patch" },
      { next: "1.0.0", baseline: "1.0.0rc1" },
    ],
  ])("%s → %j", (_, world, expected) => {
    expect(plan(world)).toMatchObject(expected);
  });
});

describe("an override already released on HEAD itself", () => {
  const tag = (name: string, version: string, commit: string) => ({
    name,
    commit,
    reachable: true,
    date: "2024-01-01T00:00:00Z",
    version: parseVersion(version),
  });
  const input = (override: string, tags: ReturnType<typeof tag>[], previous: ReturnType<typeof tag>) => ({
    declared: null,
    token: null,
    override: parseVersion(override),
    previous,
    previousFinal: previous,
    bump: "patch" as const,
    reachable: tags,
    all: tags,
    declaredOnIndex: null,
    initialVersion: parseVersion("0.1.0"),
    head: "head-sha",
  });

  it("plans nothing: a re-run of the command that released it goes on to finish that release", () => {
    const final = tag("v2.0.0", "2.0.0", "head-sha");
    expect(computeNextVersion(input("2.0.0", [final], final))).toMatchObject({ next: null, reason: null });
    const base = tag("v1.0.0", "1.0.0", "base-sha");
    const rc = tag("v1.1.0rc1", "1.1.0rc1", "head-sha");
    expect(computeNextVersion(input("1.1.0rc1", [base, rc], base))).toMatchObject({
      next: null,
      reason: null,
    });
  });

  it("is still refused when the tag is lower in the history", () => {
    const base = tag("v1.0.0", "1.0.0", "base-sha");
    const rc = tag("v1.1.0rc1", "1.1.0rc1", "older-sha");
    expect(caught(() => computeNextVersion(input("1.1.0rc1", [base, rc], base)))).toMatchObject({
      code: "E_VERSION_NOT_INCREASING",
    });
  });
});
