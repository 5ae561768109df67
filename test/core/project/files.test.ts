import { describe, expect, it } from "vitest";
import { projectFile, repoPath, selfAndParents } from "../../../src/core/project/files.js";

describe("repoPath", () => {
  it.each([
    [".", "pyproject.toml", "pyproject.toml"],
    [".", "./src/demo/../demo/__init__.py", "src/demo/__init__.py"],
    ["packages/core", "VERSION", "packages/core/VERSION"],
    ["packages/core", "../../VERSION", "VERSION"],
    ["packages/core", ".", "packages/core"],
    [".", "../outside.py", null],
    ["packages/core", "../../../x", null],
    [".", "/etc/passwd", null],
    [".", "C:/x.py", null],
  ])("(%j, %j) → %j", (project, relative, expected) => {
    expect(repoPath(project, relative)).toBe(expected);
  });
});

describe("selfAndParents", () => {
  it.each([
    [".", ["."]],
    ["packages/core", ["packages/core", "packages", "."]],
  ])("%j → %j", (path, expected) => {
    expect(selfAndParents(path)).toEqual(expected);
  });
});

describe("projectFile", () => {
  it("joins a project path and a file into a normalised repository-relative path", () => {
    expect(projectFile(".", "uv.lock")).toBe("uv.lock");
    expect(projectFile("pkg", "CHANGELOG.md")).toBe("pkg/CHANGELOG.md");
    expect(projectFile("pkg", "../CHANGELOG.md")).toBe("CHANGELOG.md");
    expect(projectFile("a/b", "./../docs/CHANGES.md")).toBe("a/docs/CHANGES.md");
  });
});
