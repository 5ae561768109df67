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
