/**
 * Configuration, CLI and JSON-output conventions (PRODUCT.md §3.2, §3.5, §3.6, §4.11, §5.2): failures report the
 * mode the command ran in, bad option values change nothing, every configuration problem is printed, git-unusable
 * tag prefixes are refused at load.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, type TestRepo } from "../support/repo.js";
import { project, refsSnapshot, runFail, treeSnapshot } from "./helpers-a.js";

afterAll(cleanupRepos);

/** A released project with one releasable commit, and `config` committed as `.releasio.toml` when given. */
function releasable(config?: string): TestRepo {
  const repo = project(config === undefined ? {} : { files: { ".releasio.toml": config } });
  repo.commit("feat: add export");
  return repo;
}

describe("dry_run of a failure is the mode the command ran in (§3.5)", () => {
  it.each([
    [["update", "--version", "0.9.0"], true],
    [["update", "--version", "0.9.0", "-x"], false],
    [["update", "--bogus"], true],
    [["update", "--bogus", "--execute"], false],
    [["update", "-qx", "--bogus"], false],
    [["release-pr", "--bogus"], true],
    [["check", "--version", "0.9.0"], false],
    [["check", "--bogus"], false],
    [["config", "show", "--bogus"], false],
  ])("releasio %j --json reports dry_run %s", async (args, dryRun) => {
    const { code, json } = await runFail(releasable().dir, args);
    expect(code).toBe(2);
    expect(json.dry_run).toBe(dryRun);
  });
});
