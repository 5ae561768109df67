import { describe, expect, it } from "vitest";
import {
  readPlainVersion,
  setPlainVersion,
  verifyPlainVersionEdit,
} from "../../src/edits/plain-version-file.js";
import { caught } from "../support/caught.js";

describe("plain version files", () => {
  it.each([
    ["1.0.0\n", "1.0.1\n"],
    ["1.0.0", "1.0.1\n"],
    ["  1.0.0  \n\n", "1.0.1\n"],
    ["1.0.0\r\n", "1.0.1\r\n"],
  ])("%j is rewritten as %j", (before, after) => {
    expect(setPlainVersion(before, "VERSION", "1.0.1")).toBe(after);
  });

  it.each([
    ["1.0.0\n", "1.0.0"],
    ["\uFEFF2.0\n", "2.0"],
    ["version = 1\n", null],
    ["", null],
  ])("readPlainVersion(%j) → %j", (text, expected) => {
    expect(readPlainVersion(text)).toBe(expected);
  });

  it("a verification mismatch is E_EDIT_VERIFY", () => {
    expect(caught(() => verifyPlainVersionEdit("1.0.1", "VERSION", "1.0.1")).code).toBe("E_EDIT_VERIFY");
  });
});
