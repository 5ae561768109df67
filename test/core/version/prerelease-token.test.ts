import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import {
  PRERELEASE_SPELLINGS,
  parsePrereleaseToken,
  prereleaseTokenOf,
  tokenPhase,
} from "../../../src/core/version/prerelease-token.js";

describe("pre-release tokens", () => {
  it.each([
    ["alpha", "alpha", "a"],
    ["a", "alpha", "a"],
    ["ALPHA", "alpha", "a"],
    ["beta", "beta", "b"],
    ["b", "beta", "b"],
    ["Beta", "beta", "b"],
    ["rc", "rc", "rc"],
    ["c", "rc", "rc"],
    ["RC", "rc", "rc"],
    ["dev", "dev", "dev"],
    [" dev ", "dev", "dev"],
  ] as const)("%j is the token %s of phase %s", (input, token, phase) => {
    expect(parsePrereleaseToken(input)).toBe(token);
    expect(tokenPhase(parsePrereleaseToken(input))).toBe(phase);
  });

  it.each(["preview", "pre", "gamma", "", "constructor", "toString", "r"])(
    "%j is refused with the list of tokens, exit 2",
    (input) => {
      let error: unknown;
      try {
        parsePrereleaseToken(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReleasioError);
      const e = error as ReleasioError;
      expect(e.code).toBe("E_PRERELEASE_TOKEN");
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(`unknown pre-release token '${input}'; use alpha (a), beta (b), rc (c) or dev`);
    },
  );

  it("names where the token came from when told", () => {
    expect(() => parsePrereleaseToken("preview", "branches.beta.prerelease_token")).toThrow(
      "unknown pre-release token 'preview' (branches.beta.prerelease_token); use alpha (a), beta (b), rc (c) or dev",
    );
  });

  it("one rule for every source: the token a value spells, or null", () => {
    for (const spelling of PRERELEASE_SPELLINGS) {
      expect(prereleaseTokenOf(spelling)).toBe(parsePrereleaseToken(spelling));
      expect(prereleaseTokenOf(spelling.toUpperCase())).toBe(parsePrereleaseToken(spelling));
    }
    for (const value of ["preview", "", "constructor", null, undefined, 1, true, ["b"]]) {
      expect(prereleaseTokenOf(value)).toBeNull();
    }
  });
});
