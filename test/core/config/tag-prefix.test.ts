import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tagPrefixProblem } from "../../../src/core/config/tag-prefix.js";
import { validateConfig } from "../../../src/core/config/validate.js";

/** What git itself says of `refs/tags/<prefix>1.0.0`. */
function gitAccepts(prefix: string): boolean {
  try {
    execFileSync("git", ["check-ref-format", `refs/tags/${prefix}1.0.0`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const PREFIXES = [
  "v",
  "",
  "release-",
  "pkg/v",
  "v/",
  "@",
  "v@",
  "v.",
  "v./",
  "a.lock",
  "rel~",
  "v ",
  "a:b",
  "v..",
  "/v",
  "v*",
  "v?",
  "v[",
  "v^",
  "v\\",
  "v\t",
  "v@{",
  "v//",
  ".v",
  "a/.b",
  "v.lock/",
  "ünï-",
];

describe("tagPrefixProblem", () => {
  it.each(PREFIXES)("agrees with git check-ref-format for %j", (prefix) => {
    expect(tagPrefixProblem(prefix) === null).toBe(gitAccepts(prefix));
  });

  it("agrees with git check-ref-format on generated prefixes", () => {
    const chars = fc.constantFrom(..."v1-_./@{}~^:?*[\\ .lock".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 6 }), (parts) => {
        const prefix = parts.join("");
        expect(tagPrefixProblem(prefix) === null, JSON.stringify(prefix)).toBe(gitAccepts(prefix));
      }),
      { numRuns: 150 },
    );
  });

  it("makes version.tag_prefix an E_CONFIG_INVALID naming the file, the key and the value", () => {
    const problem = (() => {
      try {
        validateConfig({ version: { tag_prefix: "rel~" } }, ".releasio.toml");
        return null;
      } catch (e) {
        return e as { code: string; message: string; hint: string };
      }
    })();
    expect(problem?.code).toBe("E_CONFIG_INVALID");
    expect(problem?.message).toBe(
      ".releasio.toml: 'version.tag_prefix' does not form a valid git tag name (refs/tags/rel~1.0.0 contains '~'); got \"rel~\"",
    );
    expect(problem?.hint).toContain("git check-ref-format");
  });
});

describe("a tag prefix too long for git", () => {
  // git stores refs/tags/<prefix>1.0.0 as a file (and <name>.lock next to it): a path part has 250 bytes at most.
  it.each([
    ["a".repeat(245), true],
    ["a".repeat(246), false],
    [`pkg/${"a".repeat(245)}`, true],
    [`${"a".repeat(300)}/v`, false],
    ["a".repeat(300), false],
  ])("%s… is accepted: %s", (prefix, accepted) => {
    expect(tagPrefixProblem(prefix) === null).toBe(accepted);
  });

  it("is E_CONFIG_INVALID naming the limit, with a hint to shorten it", () => {
    const prefix = "a".repeat(300);
    try {
      validateConfig({ version: { tag_prefix: prefix } }, ".releasio.toml");
      expect.unreachable();
    } catch (e) {
      const error = e as { code: string; message: string; hint: string };
      expect(error.code).toBe("E_CONFIG_INVALID");
      expect(error.message).toBe(
        `.releasio.toml: 'version.tag_prefix' does not form a valid git tag name (refs/tags/<prefix>1.0.0 has a path part of 305 bytes (at most 250: git stores each part as a file name)); got "${"a".repeat(78)}…`,
      );
      expect(error.hint).toContain("shorten the prefix");
      expect(error.hint).toContain('tag_prefix = "v"');
    }
  });

  it.each([
    ["the file", {}],
    ["the environment", { origins: { "version.tag_prefix": "env:RELEASIO_VERSION_TAG_PREFIX" } }],
  ])("a 1,000,000-character prefix from %s is quoted back shortened", (_, options) => {
    const prefix = "v".repeat(1_000_000);
    try {
      validateConfig({ version: { tag_prefix: prefix } }, ".releasio.toml", options);
      expect.unreachable();
    } catch (e) {
      const error = e as { message: string; hint: string; details: { problems: { message: string }[] } };
      expect(error.message.length).toBeLessThan(400);
      expect(error.hint.length).toBeLessThan(200);
      expect(JSON.stringify(error.details).length).toBeLessThan(1000);
    }
  });
});
