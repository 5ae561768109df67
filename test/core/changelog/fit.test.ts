/** Cutting a changelog to a size limit: at entry boundaries, measured in the limit's own unit. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitChangelog } from "../../../src/core/changelog/fit.js";

const NOTE = "… cut";
const bytes = (text: string) => Buffer.byteLength(text);

describe("fitChangelog", () => {
  it("keeps a changelog that fits as it is", () => {
    const changelog = "## [1.0.0]\n\n- one\n- two\n";
    expect(fitChangelog(changelog, changelog.length, { note: NOTE })).toEqual({
      text: changelog,
      truncated: false,
    });
  });

  it("measures in UTF-8 bytes when asked: a line of multi-byte characters counts for what it weighs", () => {
    const changelog = `## [1.0.0]\n\n- ${"é".repeat(20)}\n- ${"é".repeat(20)}\n- ascii\n`;
    // 20 characters but 40 bytes a line: by characters both lines fit in 60, by bytes only the first.
    const byChars = fitChangelog(changelog, 60, { note: NOTE });
    const byBytes = fitChangelog(changelog, 60, { note: NOTE, size: bytes });
    expect(byChars.text).toBe(`## [1.0.0]\n\n- ${"é".repeat(20)}\n\n${NOTE}`);
    expect(byChars.text.length).toBeLessThanOrEqual(60);
    expect(bytes(byChars.text)).toBeGreaterThan(60);
    expect(byBytes.truncated).toBe(true);
    expect(byBytes.text).toBe(`## [1.0.0]\n\n${NOTE}`);
    expect(bytes(byBytes.text)).toBeLessThanOrEqual(60);
  });

  it("never exceeds the byte budget and keeps whole lines of the changelog (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), { maxLength: 100 }),
        fc.integer({ min: 40, max: 3000 }),
        (items, budget) => {
          const changelog = `## [1.0.0]\n\n${items.map((s) => `- ${s.replace(/[\r\n]/g, " ")}`).join("\n")}\n`;
          const { text, truncated } = fitChangelog(changelog, budget, { note: NOTE, size: bytes });
          if (!truncated) return text === changelog && bytes(text) <= budget;
          const lines = changelog.split("\n");
          return (
            bytes(text) <= budget &&
            text.endsWith(`\n\n${NOTE}`) &&
            text
              .split("\n")
              .slice(0, -2)
              .every((l) => l === "" || lines.includes(l))
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
