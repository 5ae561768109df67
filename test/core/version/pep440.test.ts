import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import {
  baseVersion,
  bumpVersion,
  compareVersions,
  formatVersion,
  isFinal,
  isPlaceholderVersion,
  isPrerelease,
  normalizeVersion,
  parseVersion,
  tryParseVersion,
  type Version,
  versionsEqual,
} from "../../../src/core/version/pep440.js";
import { caught } from "../../support/caught.js";

const v = (s: string) => parseVersion(s);

describe("parsing and canonical rendering", () => {
  it.each([
    ["1.2.3", "1.2.3"],
    ["v1.2.3", "1.2.3"],
    ["V1.2.3", "1.2.3"],
    ["  1.2.3\n", "1.2.3"],
    ["1", "1"],
    ["1.0", "1.0"],
    ["01.002.0003", "1.2.3"],
    ["0!1.0.0", "1.0.0"],
    ["1!2.0.0", "1!2.0.0"],
    ["1.2.0a1", "1.2.0a1"],
    ["1.2.0alpha1", "1.2.0a1"],
    ["1.2.0.alpha.1", "1.2.0a1"],
    ["1.2.0b2", "1.2.0b2"],
    ["1.2.0beta2", "1.2.0b2"],
    ["1.2.0_beta_2", "1.2.0b2"],
    ["1.2.0c3", "1.2.0rc3"],
    ["1.2.0rc3", "1.2.0rc3"],
    ["1.2.0pre3", "1.2.0rc3"],
    ["1.2.0preview3", "1.2.0rc3"],
    ["1.2.0RC3", "1.2.0rc3"],
    ["1.2.0a", "1.2.0a0"],
    ["1.2.0-1", "1.2.0.post1"],
    ["1.2.0post1", "1.2.0.post1"],
    ["1.2.0.post1", "1.2.0.post1"],
    ["1.2.0-post-1", "1.2.0.post1"],
    ["1.2.0rev1", "1.2.0.post1"],
    ["1.2.0r1", "1.2.0.post1"],
    ["1.2.0.post", "1.2.0.post0"],
    ["1.2.0dev1", "1.2.0.dev1"],
    ["1.2.0-dev", "1.2.0.dev0"],
    ["1.2.0.DEV3", "1.2.0.dev3"],
    ["1.2.0a1.post2.dev3", "1.2.0a1.post2.dev3"],
    ["1.2.0+Ubuntu-1_x", "1.2.0+ubuntu.1.x"],
    ["1.2.0+abc.007", "1.2.0+abc.7"],
    ["1.2.0-beta.1", "1.2.0b1"],
    ["1.2.0-rc.2", "1.2.0rc2"],
    ["1.2.0-alpha", "1.2.0a0"],
    ["2.0.0-beta.1+exp.5", "2.0.0b1+exp.5"],
    ["v1.2.3-beta.2", "1.2.3b2"],
  ])("%j is %s", (input, canonical) => {
    expect(normalizeVersion(input)).toBe(canonical);
  });

  it("parses into epoch, release, pre, post, dev and local parts", () => {
    expect(v("1!2.3.4rc5.post6.dev7+Local-8")).toEqual({
      epoch: 1,
      release: [2, 3, 4],
      pre: { phase: "rc", number: 5 },
      post: 6,
      dev: 7,
      local: "local.8",
    });
  });

  it.each([
    ["1.2.x", "unexpected '.x' after '1.2'"],
    ["1.2.0-foo.1", "unexpected '-foo.1' after '1.2.0'"],
    ["1.2.0-beta.1.2", "unexpected '.2' after '1.2.0-beta.1'"],
    ["banana", "it must start with a release number"],
    ["", "the version is empty"],
    ["   ", "the version is empty"],
    ["vv1.0", "it must start with a release number"],
    ["1.0+", "unexpected '+' after '1.0'"],
    ["1.0 beta", "unexpected ' beta' after '1.0'"],
    ["1..0", "unexpected '..0' after '1'"],
    ["99999999999999999999.0", "the number '99999999999999999999' is too large"],
  ])("%j is not a version (%s)", (input, reason) => {
    expect(tryParseVersion(input)).toBeNull();
    expect(() => parseVersion(input)).toThrow(reason);
  });

  it("an invalid version is E_VERSION_INVALID, exit 2, naming where it was found", () => {
    const error = caught(() => parseVersion("1.2.x", "pyproject.toml"));
    expect(error).toBeInstanceOf(ReleasioError);
    expect(error.code).toBe("E_VERSION_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "'1.2.x' is not a valid version (pyproject.toml): unexpected '.x' after '1.2'",
    );
    expect(error.hint).toBe("use PEP 440, e.g. 1.2.0, 1.2.0b1, 1.2.0.post1");
  });

  it("without a location the message has no parenthesis", () => {
    expect(() => parseVersion("banana")).toThrow(
      "'banana' is not a valid version: it must start with a release number such as 1.2.0",
    );
  });

  it("non-ASCII look-alikes of letters are not accepted", () => {
    expect(tryParseVersion("1.0po\u017Ft1")).toBeNull();
    expect(tryParseVersion("1.0\u212A")).toBeNull();
  });

  it("formatVersion canonicalises a hand-built local label", () => {
    const version: Version = {
      epoch: 0,
      release: [1, 0],
      pre: null,
      post: null,
      dev: null,
      local: "Foo_Bar-01",
    };
    expect(formatVersion(version)).toBe("1.0+foo.bar.1");
  });
});

describe("ordering", () => {
  it.each([
    ["1!0.1.0", ">", "2.0.0"],
    ["1.1.0.dev1", "<", "1.1.0a1"],
    ["1.1.0a1", "<", "1.1.0"],
    ["1.1.0", "<", "1.1.0.post1"],
    ["1.0", "=", "1.0.0"],
    ["1.0.0", "=", "1.0.0.0.0"],
    ["1.0.0", ">", "1.0.0rc1"],
    ["1.0.0a1.dev1", "<", "1.0.0a1"],
    ["1.0.0a1", "<", "1.0.0a1.post1"],
    ["1.0.0a2", ">", "1.0.0a1.post1"],
    ["1.0.0a9", "<", "1.0.0b1"],
    ["1.0.0b9", "<", "1.0.0rc1"],
    ["1.0.0rc9", "<", "1.0.0"],
    ["1.0.0.post1.dev1", "<", "1.0.0.post1"],
    ["1.0.0.post1.dev1", ">", "1.0.0"],
    ["1.0.0.post1", "<", "1.0.0.post2"],
    ["1.0.0.dev1", "<", "1.0.0.dev2"],
    ["1.0.0.dev9", "<", "1.0.0a0"],
    ["1.2.3", "<", "1.10.0"],
    ["1.0.1", ">", "1.0"],
    ["1.0.0", "<", "1.0.0+local"],
    ["1.0.0+abc", "<", "1.0.0+1"],
    ["1.0.0+2", "<", "1.0.0+10"],
    ["1.0.0+abc", "<", "1.0.0+abd"],
    ["1.0.0+abc", "<", "1.0.0+abc.1"],
    ["1.0.0+01", "=", "1.0.0+1"],
    ["1.0.0+ABC", "=", "1.0.0+abc"],
    ["1.0.0+99999999999999999999", ">", "1.0.0+9999999999999999999"],
    ["1.0.0+1.post", ">", "1.0.0+1"],
    ["1.0.0.post1", "<", "1.0.1.dev0"],
  ])("%s %s %s", (a, op, b) => {
    const expected = op === "<" ? -1 : op === ">" ? 1 : 0;
    expect(Math.sign(compareVersions(v(a), v(b)))).toBe(expected);
    expect(Math.sign(compareVersions(v(b), v(a)))).toBe(0 - expected);
    expect(versionsEqual(v(a), v(b))).toBe(expected === 0);
  });

  it("sorting a shuffled list gives PEP 440 order", () => {
    const ordered = [
      "0.9.0",
      "1.0.0.dev1",
      "1.0.0a1.dev1",
      "1.0.0a1",
      "1.0.0a1.post1",
      "1.0.0b1",
      "1.0.0rc1",
      "1.0.0",
      "1.0.0+local",
      "1.0.0.post1.dev1",
      "1.0.0.post1",
      "1.0.1",
      "1!0.0.1",
    ];
    const shuffled = [...ordered].reverse();
    shuffled.push(shuffled.shift()!);
    expect(shuffled.map(v).sort(compareVersions).map(formatVersion)).toEqual(ordered);
  });
});

describe("kinds of version", () => {
  it.each([
    ["1.0.0", false, true],
    ["1.0.0.post1", false, true],
    ["1.0.0+local", false, true],
    ["1.0.0a1", true, false],
    ["1.0.0rc1.post1", true, false],
    ["1.0.0.dev1", true, false],
    ["1.0.0.post1.dev1", true, false],
  ])("%s: pre-release %s, final %s", (input, pre, final) => {
    expect(isPrerelease(v(input))).toBe(pre);
    expect(isFinal(v(input))).toBe(final);
  });

  it.each([
    ["0", true],
    ["0.0", true],
    ["0.0.0", true],
    ["v0.0.0", true],
    ["0.0.1", false],
    ["0.1.0", false],
    ["0.0.0a1", false],
    ["0.0.0.post1", false],
    ["0.0.0+x", false],
    ["1!0.0.0", false],
  ])("%s is a placeholder: %s", (input, placeholder) => {
    expect(isPlaceholderVersion(v(input))).toBe(placeholder);
  });

  it.each([
    ["1.2.3.post1", "1.2.3"],
    ["1.3.0b2", "1.3.0"],
    ["1!2.0.dev4+x", "1!2.0"],
  ])("the base of %s is %s", (input, base) => {
    expect(formatVersion(baseVersion(v(input)))).toBe(base);
  });
});

describe("bumping", () => {
  it.each([
    ["1.2.3", "major", "2.0.0"],
    ["1.2.3", "minor", "1.3.0"],
    ["1.2.3", "patch", "1.2.4"],
    ["1", "patch", "1.0.1"],
    ["1.2", "minor", "1.3.0"],
    ["1.2", "major", "2.0.0"],
    ["1.2.3.4", "patch", "1.2.4"],
    ["1.2.3.4", "minor", "1.3.0"],
    ["0.4.2", "minor", "0.5.0"],
    ["1.2.3rc1.post2.dev3+x", "patch", "1.2.4"],
    ["2!1.2.3", "major", "2!2.0.0"],
  ] as const)("%s bumped %s is %s", (input, bump, expected) => {
    expect(formatVersion(bumpVersion(v(input), bump))).toBe(expected);
  });
});

// ---- properties ----------------------------------------------------------------------------------

const phaseArb = fc.constantFrom("a" as const, "b" as const, "rc" as const);
const localArb = fc
  .array(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/), fc.stringMatching(/^[0-9]{1,3}$/)), {
    minLength: 1,
    maxLength: 3,
  })
  .map((segments) => segments.join("."));

const versionArb: fc.Arbitrary<Version> = fc.record({
  epoch: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 3 }) }),
  release: fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 4 }),
  pre: fc.option(fc.record({ phase: phaseArb, number: fc.nat({ max: 5 }) }), { nil: null }),
  post: fc.option(fc.nat({ max: 5 }), { nil: null }),
  dev: fc.option(fc.nat({ max: 5 }), { nil: null }),
  local: fc.option(localArb, { nil: null }),
});

const sep = fc.constantFrom("", ".", "-", "_");
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((upper) => [...s].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(""));
const PRE_SPELLINGS = { a: ["a", "alpha"], b: ["b", "beta"], rc: ["rc", "c", "pre", "preview"] } as const;

/** A non-canonical but valid spelling of a version: alternative labels, separators, case, `v`, whitespace. */
function spellingArb(version: Version): fc.Arbitrary<string> {
  const parts: fc.Arbitrary<string>[] = [
    fc.constantFrom("", "v", "V", " ", "\t"),
    fc.constant(version.epoch === 0 ? "" : `${version.epoch}!`),
    fc.constant(version.release.join(".")),
  ];
  const { pre, post, dev, local } = version;
  if (pre !== null) {
    parts.push(
      fc
        .tuple(sep, fc.constantFrom(...PRE_SPELLINGS[pre.phase]), sep)
        .chain(([s1, label, s2]) => randomCase(label).map((l) => `${s1}${l}${s2}${pre.number}`)),
    );
  }
  if (post !== null) {
    const labelled = fc
      .tuple(sep, fc.constantFrom("post", "rev", "r"), sep)
      .chain(([s1, label, s2]) => randomCase(label).map((l) => `${s1}${l}${s2}${post}`));
    parts.push(fc.oneof(labelled, fc.constant(`-${post}`)));
  }
  if (dev !== null) {
    parts.push(fc.tuple(sep, randomCase("dev"), sep).map(([s1, label, s2]) => `${s1}${label}${s2}${dev}`));
  }
  if (local !== null) {
    parts.push(randomCase(local).map((l) => `+${l.replaceAll(".", "_")}`));
  }
  parts.push(fc.constantFrom("", " ", "\n"));
  return fc.tuple(...parts).map((xs) => xs.join(""));
}

describe("properties", () => {
  it("any spelling of a version parses to that version", () => {
    fc.assert(
      fc.property(
        versionArb.chain((version) => fc.tuple(fc.constant(version), spellingArb(version))),
        ([version, spelling]) => {
          expect(normalizeVersion(spelling)).toBe(formatVersion(version));
        },
      ),
    );
  });

  it("format(parse(x)) is a fixed point", () => {
    const inputs = fc.oneof(
      versionArb.chain(spellingArb),
      fc.string({ unit: "binary-ascii", maxLength: 30 }),
      fc.stringMatching(
        /^[vV]?[0-9.]{1,8}([-_.]?[a-zA-Z]{0,7}[-_.]?[0-9]{0,2}){0,3}(\+[a-zA-Z0-9._-]{1,6})?$/,
      ),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        const parsed = tryParseVersion(input);
        if (parsed === null) return;
        const once = formatVersion(parsed);
        expect(normalizeVersion(once)).toBe(once);
        expect(versionsEqual(parseVersion(once), parsed)).toBe(true);
      }),
    );
  });

  it("parsing arbitrary text throws nothing but E_VERSION_INVALID", () => {
    const inputs = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.stringMatching(/^[0-9a-zA-Z.+!_ -]{0,40}$/),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        try {
          parseVersion(input, "test");
        } catch (error) {
          expect(error).toBeInstanceOf(ReleasioError);
          expect((error as ReleasioError).code).toBe("E_VERSION_INVALID");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("compareVersions is reflexive and antisymmetric", () => {
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(compareVersions(a, a)).toBe(0);
        expect(Math.sign(compareVersions(a, b))).toBe(0 - Math.sign(compareVersions(b, a)));
      }),
      { numRuns: 500 },
    );
  });

  it("compareVersions is transitive", () => {
    fc.assert(
      fc.property(versionArb, versionArb, versionArb, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareVersions) as [Version, Version, Version];
        expect(compareVersions(x, y)).toBeLessThanOrEqual(0);
        expect(compareVersions(y, z)).toBeLessThanOrEqual(0);
        expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it("versions compare equal exactly when their renderings agree up to trailing release zeros", () => {
    const trimmed = (x: Version) => {
      const release = [...x.release];
      while (release.length > 1 && release.at(-1) === 0) release.pop();
      return formatVersion({ ...x, release });
    };
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        expect(compareVersions(a, b) === 0).toBe(trimmed(a) === trimmed(b));
      }),
      { numRuns: 500 },
    );
  });

  it("orders public versions by PEP 440's sort key", () => {
    // The key as PEP 440 and packaging define it: epoch, release without trailing zeros, then the pre/post/dev
    // ranks (a bare .devN below every pre-release; no pre-release above all; no post below; no dev above).
    const rank = { a: 0, b: 1, rc: 2 } as const;
    const key = (v: Version): number[] => {
      const release = [...v.release];
      while (release.length > 0 && release.at(-1) === 0) release.pop();
      const pre = v.pre ? rank[v.pre.phase] : v.post === null && v.dev !== null ? -1 : 3;
      return [
        v.epoch,
        ...release,
        -1,
        pre,
        v.pre?.number ?? 0,
        v.post ?? -1,
        v.dev ?? Number.MAX_SAFE_INTEGER,
      ];
    };
    const byKey = (a: Version, b: Version) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++)
        if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
      return Math.sign(x.length - y.length);
    };
    fc.assert(
      fc.property(versionArb, versionArb, (a, b) => {
        const [x, y] = [
          { ...a, local: null },
          { ...b, local: null },
        ];
        expect(Math.sign(compareVersions(x, y))).toBe(byKey(x, y));
      }),
      { numRuns: 2000 },
    );
  });

  it("a bump is always greater than the version it bumps, and keeps the epoch", () => {
    fc.assert(
      fc.property(
        versionArb,
        fc.constantFrom("major" as const, "minor" as const, "patch" as const),
        (version, bump) => {
          const bumped = bumpVersion(version, bump);
          expect(compareVersions(bumped, version)).toBeGreaterThan(0);
          expect(compareVersions(bumped, baseVersion(version))).toBeGreaterThan(0);
          expect(bumped.epoch).toBe(version.epoch);
          expect(bumped.release).toHaveLength(3);
        },
      ),
    );
  });
});

describe("input of the wrong kind, from JavaScript", () => {
  it("a version that is not text is E_VERSION_INVALID, not a TypeError", () => {
    for (const input of [null, undefined, 12, {}]) {
      expect(() => parseVersion(input as unknown as string)).toThrow(
        expect.objectContaining({ code: "E_VERSION_INVALID", exitCode: 2 }),
      );
      expect(tryParseVersion(input as unknown as string)).toBeNull();
    }
    expect(() => parseVersion(null as unknown as string)).toThrow(
      "'null' is not a valid version: a version is text, not null",
    );
  });

  it("an unknown bump is E_USAGE naming the bumps", () => {
    expect(() => bumpVersion(parseVersion("1.3.0"), "huge" as unknown as "major")).toThrow(
      expect.objectContaining({
        code: "E_USAGE",
        message: "cannot bump a version by 'huge'",
        hint: "use major, minor or patch",
      }),
    );
  });
});
