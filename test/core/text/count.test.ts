import { describe, expect, it } from "vitest";
import { count } from "../../../src/core/text/count.js";

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
