import { describe, expect, it } from "vitest";
import { count, someOf } from "../../../src/core/text/count.js";

describe("count", () => {
  it.each([
    [0, "commit", "0 commits"],
    [1, "commit", "1 commit"],
    [2, "file", "2 files"],
    [1000, "file", "1000 files"],
  ])("%d %s → %s", (n, noun, text) => {
    expect(count(n, noun)).toBe(text);
  });
});

describe("someOf", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b", "c"], "a; b; c"],
    [["a", "b", "c", "d"], "a; b; c; … and 1 more"],
    [["a", "b", "c", "d", "e", "f"], "a; b; c; … and 3 more"],
  ])("%j, at most 3 → %j", (items, text) => {
    expect(someOf(items, "; ", 3)).toBe(text);
  });

  it("shows ten by default", () => {
    const items = Array.from({ length: 25 }, (_, i) => `c${i}`);
    expect(someOf(items, ", ")).toBe(`${items.slice(0, 10).join(", ")}, … and 15 more`);
  });
});
