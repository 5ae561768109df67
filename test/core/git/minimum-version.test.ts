import { describe, expect, it } from "vitest";
import { gitVersionOk, unusableGitMessage } from "../../../src/core/git/minimum-version.js";

describe("the oldest git releasio works with", () => {
  it.each([
    ["git version 2.25.0", "2.25.0", true],
    ["git version 2.43.0", "2.43.0", true],
    ["git version 3.0.1", "3.0.1", true],
    ["git version 2.39.5 (Apple Git-154)", "2.39.5", true],
    ["git version 2.45.1.windows.1", "2.45.1", true],
    ["git version 2.24.4", "2.24.4", false],
    ["git version 1.9.5", "1.9.5", false],
    ["git version 2.3", "2.3", false],
  ])("%s: %s, usable %s", (line, version, ok) => {
    expect(gitVersionOk(line)).toEqual({ version, ok });
  });

  it("a line without a version is not usable and names none", () => {
    expect(gitVersionOk("command not found")).toEqual({ version: null, ok: false });
  });

  it("the error message names the version found and the one needed", () => {
    expect(unusableGitMessage("2.20.1")).toBe("git 2.20.1 is not usable; releasio needs git >= 2.25");
    expect(unusableGitMessage(null)).toBe("git (unknown version) is not usable; releasio needs git >= 2.25");
  });
});
