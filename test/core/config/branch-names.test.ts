/**
 * Branch names in the configuration (`default_branch`, `release_pr.branch`) are checked as git checks them, so a
 * name git or the forge would refuse is E_CONFIG_INVALID (exit 2) when the configuration loads.
 */
import { describe, expect, it } from "vitest";
import { type ConfigProblem, validateConfig } from "../../../src/core/config/validate.js";
import { FILE, failure } from "./rejected.js";

/** The name the hint proposes, e.g. `use a name git accepts, e.g. "feature-branch"; …` → feature-branch. */
function proposed(hint: string | null): string {
  const m = /e\.g\. ("(?:[^"\\]|\\.)*");/.exec(hint ?? "");
  return m ? (JSON.parse(m[1]!) as string) : "";
}

describe("a branch name git refuses is E_CONFIG_INVALID", () => {
  it.each([
    ["default_branch", "feature branch", "contains a space", "feature-branch"],
    ["default_branch", "a..b", "contains '..'", "a.b"],
    ["default_branch", "-main", "starts with '-'", "main"],
    ["default_branch", "*", "contains '*'", "main"],
    ["default_branch", "main\nx", "contains a control character", "main-x"],
    ["default_branch", "main/", "ends with '/'", "main"],
    ["default_branch", "HEAD", "is 'HEAD'", "main"],
    ["default_branch", "@", "is '@'", "main"],
    ["default_branch", "a@{1}", "contains '@{'", "a@-1}"],
    ["release_pr.branch", "a..b", "contains '..'", "a.b"],
    [
      "release_pr.branch",
      "releasio/.release",
      "path part '.release' that starts with '.'",
      "releasio/release",
    ],
    ["release_pr.branch", "release.lock", "ends with '.lock'", "release"],
    ["release_pr.branch", "rel:ease", "contains ':'", "rel-ease"],
    ["release_pr.branch", "?", "contains '?'", "releasio/release"],
  ])("%s = %j: %s", (key, value, fragment, fix) => {
    const [table, name] = key.includes(".") ? (key.split(".") as [string, string]) : [null, key];
    const raw = table === null ? { [name]: value } : { [table]: { [name]: value } };
    const error = failure(raw);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(`${FILE}: '${key}' is not a valid git branch name (it `)).toBe(true);
    expect(error.message.endsWith(`); got ${JSON.stringify(value)}`)).toBe(true);
    expect(error.message).toContain(fragment);
    expect(proposed(error.hint)).toBe(fix);
    expect(error.hint).toContain("git check-ref-format");
    // The proposed name is accepted.
    expect(() =>
      validateConfig(table === null ? { [name]: fix } : { [table]: { [name]: fix } }, FILE),
    ).not.toThrow();
  });

  it("names the deprecated alias it was written as", () => {
    const [problem] = (failure({ github: { release_pr_branch: "a b" } }).details?.["problems"] ??
      []) as ConfigProblem[];
    expect(problem?.key).toBe("github.release_pr_branch");
    expect(problem?.message).toContain("is not a valid git branch name (it contains a space)");
  });

  it("is reported from the environment as E_CONFIG_ENV", () => {
    const error = failure(
      { default_branch: "a..b" },
      { origins: { default_branch: "env:RELEASIO_DEFAULT_BRANCH" } },
    );
    expect(error.code).toBe("E_CONFIG_ENV");
    expect(error.message).toBe(
      "environment variable RELEASIO_DEFAULT_BRANCH: is not a valid git branch name (it contains '..'); got 'a..b'",
    );
  });

  it("an empty name is reported once, as empty", () => {
    const problems = (failure({ default_branch: "" }).details?.["problems"] ?? []) as ConfigProblem[];
    expect(problems.map((p) => p.message)).toEqual([`${FILE}: 'default_branch' must not be empty; got ""`]);
  });
});

describe("branch names git accepts", () => {
  it.each(["main", "master", "trunk", "release/v1.x", "develop", "feature/ünï", "a@b", "x.y"])(
    "default_branch = %j",
    (name) => {
      expect(validateConfig({ default_branch: name }, FILE).config.default_branch).toBe(name);
    },
  );

  it.each(["releasio/release", "release-please--branches--main", "ci/release.next"])(
    "release_pr.branch = %j",
    (name) => {
      expect(validateConfig({ release_pr: { branch: name } }, FILE).config.release_pr.branch).toBe(name);
    },
  );
});
