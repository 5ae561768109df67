import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeRegExp } from "../../../src/core/text/escape-regexp.js";

describe("text made literal in a regular expression", () => {
  it("matches exactly itself, with and without the u flag", () => {
    const text = fc.string({ unit: fc.constantFrom(..."aZ09 -_/\\^$.*+?()[]{}|:#!~\n"), maxLength: 20 });
    fc.assert(
      fc.property(text, text, (s, other) => {
        for (const flags of ["", "u"]) {
          const exact = new RegExp(`^${escapeRegExp(s)}$`, flags);
          expect(exact.test(s)).toBe(true);
          expect(exact.test(other)).toBe(other === s);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
