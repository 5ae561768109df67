import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  branchNameProblem,
  MAX_REF_PART_BYTES,
  refNameProblem,
  sanitizeBranchName,
} from "../../../src/core/git/ref-name.js";

/** What git itself says of a branch name (`git check-ref-format --branch`). */
function gitAcceptsBranch(name: string): boolean {
  try {
    execFileSync("git", ["check-ref-format", "--branch", name], { stdio: "ignore", cwd: tmpdir() });
    return true;
  } catch {
    return false;
  }
}

const NAMES = [
  "main",
  "master",
  "release/v1.x",
  "releasio/release",
  "feature/ünï",
  "a@b",
  "x.y",
  "a./b",
  "v1.0",
  "feature branch",
  "a..b",
  "-main",
  "*",
  "main\nx",
  "main\t",
  "a~1",
  "a^",
  "a:b",
  "a?",
  "a[b",
  "a\\b",
  "a@{b",
  "main/",
  "/main",
  "a//b",
  "main.",
  ".hidden",
  "a/.b",
  "a.lock",
  "a.lock/b",
  "HEAD",
  "a\x7f",
];

describe("branchNameProblem", () => {
  it.each(NAMES)("agrees with git check-ref-format --branch for %j", (name) => {
    expect(branchNameProblem(name) === null).toBe(gitAcceptsBranch(name));
  });

  it("agrees with git check-ref-format --branch on generated names", () => {
    const chars = fc.constantFrom(..."ab-_./@{}~^:?*[\\ \t".split(""), ".lock", "HEAD");
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 6 }), (parts) => {
        const name = parts.join("");
        // `--branch` reads `@` as the current branch; as a configured branch name it is refused.
        fc.pre(name !== "@");
        expect(branchNameProblem(name) === null, JSON.stringify(name)).toBe(gitAcceptsBranch(name));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ["feature branch", "contains a space"],
    ["a..b", "contains '..'"],
    ["-main", "starts with '-'"],
    ["*", "contains '*'"],
    ["main\nx", "contains a control character"],
    ["main/", "ends with '/'"],
    ["main.", "ends with '.'"],
    ["a//b", "contains '//'"],
    ["a/.b", "has a path part '.b' that starts with '.'"],
    ["a.lock", "has a path part 'a.lock' that ends with '.lock'"],
    ["a@{1}", "contains '@{'"],
    ["@", "is '@', which git reserves for the current commit"],
    ["HEAD", "is 'HEAD', which git reserves for the current commit"],
    ["", "is empty"],
  ])("%j %s", (name, problem) => {
    expect(branchNameProblem(name)).toBe(problem);
  });
});

describe("the length of a path part", () => {
  it(`accepts ${MAX_REF_PART_BYTES} bytes and refuses more (git writes <part>.lock as a file)`, () => {
    expect(refNameProblem("a".repeat(MAX_REF_PART_BYTES))).toBeNull();
    expect(refNameProblem(`x/${"a".repeat(MAX_REF_PART_BYTES)}/y`)).toBeNull();
    expect(refNameProblem("a".repeat(MAX_REF_PART_BYTES + 1))).toBe(
      "has a path part of 251 bytes (at most 250: git stores each part as a file name)",
    );
  });

  it("counts bytes, not characters", () => {
    expect(refNameProblem("é".repeat(125))).toBeNull();
    expect(refNameProblem("é".repeat(126))).toContain("252 bytes");
  });

  it("agrees with git creating a tag", () => {
    const dir = mkdtempSync(join(tmpdir(), "ref-name-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=a", "-c", "user.email=a@example.com", ...args], {
        cwd: dir,
        stdio: "pipe",
      });
    git("init", "-q");
    git("commit", "-q", "--allow-empty", "-m", "x");
    for (const length of [MAX_REF_PART_BYTES, MAX_REF_PART_BYTES + 1]) {
      const name = "a".repeat(length);
      let created = true;
      try {
        git("tag", name);
      } catch {
        created = false;
      }
      expect(created, `${length} bytes`).toBe(refNameProblem(name) === null);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("never quotes a long path part whole", () => {
    const problem = refNameProblem(`.${"a".repeat(100_000)}`) ?? "";
    expect(problem.length).toBeLessThan(120);
  });
});

describe("sanitizeBranchName", () => {
  it.each([
    ["feature branch", "feature-branch"],
    ["a..b", "a.b"],
    ["-main", "main"],
    ["main\nx", "main-x"],
    ["main/", "main"],
    ["a/.b", "a/b"],
    ["a.lock", "a"],
    ["main.", "main"],
    ["a//b", "a/b"],
    ["*", null],
    ["HEAD", null],
    ["@", null],
  ])("%j → %j", (name, expected) => {
    const sanitized = sanitizeBranchName(name);
    expect(sanitized).toBe(expected);
    if (sanitized !== null) expect(branchNameProblem(sanitized)).toBeNull();
  });

  it("always gives a valid branch name or null", () => {
    const chars = fc.constantFrom(..."ab-_./@{}~^:?*[\\ \t\n".split(""), ".lock", "HEAD");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }), (parts) => {
        const sanitized = sanitizeBranchName(parts.join(""));
        if (sanitized !== null) expect(branchNameProblem(sanitized)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
