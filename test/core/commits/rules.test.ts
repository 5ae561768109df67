import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { skipMarkerPattern } from "../../../src/core/commits/rules.js";

describe("the skip-release marker pattern", () => {
  // Letters in both cases and every character that means something in a regular expression.
  const text = (maxLength: number) =>
    fc.string({ unit: fc.constantFrom(..."aBcXyZ []()!\\^$.*+?{}|/-:#\n"), maxLength });

  it("matches exactly the messages that contain a marker, whatever the letter case", () => {
    fc.assert(
      fc.property(
        fc.array(
          text(8).filter((m) => m !== ""),
          { maxLength: 4 },
        ),
        text(40),
        (markers, message) => {
          const lower = message.toLowerCase();
          const expected = markers.some((m) => lower.includes(m.toLowerCase()));
          expect(skipMarkerPattern(markers)?.test(message) ?? false).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is null without markers, and finds a marker spelled in capitals", () => {
    expect(skipMarkerPattern([])).toBeNull();
    expect(skipMarkerPattern(["[skip release]"])!.test("fix: y\n\n[SKIP RELEASE]")).toBe(true);
  });
});
