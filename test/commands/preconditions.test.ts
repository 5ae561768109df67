import { describe, expect, it } from "vitest";
import { WarningList } from "../../src/commands/context.js";
import { checkReleaseBranch, requireReleaseBranch } from "../../src/commands/preconditions.js";
import { validateConfig } from "../../src/core/config/validate.js";
import { caught } from "../support/caught.js";

const { config } = validateConfig(
  { branches: { beta: { match: "beta", prerelease: true, prerelease_token: "beta" } } },
  "releasio.toml",
);
const quiet = { info: () => {}, debug: () => {}, warn: () => {} };
const on = (branch: string | null) => ({ config, branch, warnings: new WarningList(quiet) });

describe("the release-branch rule (§3.3)", () => {
  it("accepts the default branch and every channel, in both modes, without a warning", () => {
    for (const branch of ["main", "beta"]) {
      for (const execute of [false, true]) {
        const plan = on(branch);
        checkReleaseBranch(plan, execute);
        expect(plan.warnings.items).toEqual([]);
      }
    }
  });

  it("refuses another branch in execute mode, naming every release branch", () => {
    const error = caught(() => checkReleaseBranch(on("feature/x"), true));
    expect(error.code).toBe("E_WRONG_BRANCH");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe("releases are made from main, beta; current branch is 'feature/x'");
    expect(error.hint).toBe("check out main and re-run");
  });

  it("takes the caller's hint (release names the snapshot channel configuration)", () => {
    const error = caught(() => requireReleaseBranch(config, "develop", "add [branches.develop]"));
    expect(error.hint).toBe("add [branches.develop]");
  });

  it("refuses a detached HEAD that no CI variable names with E_DETACHED_HEAD", () => {
    expect(caught(() => checkReleaseBranch(on(null), true)).code).toBe("E_DETACHED_HEAD");
  });

  it("only warns in a dry run, once", () => {
    const plan = on(null);
    checkReleaseBranch(plan, false);
    checkReleaseBranch(plan, false);
    expect(plan.warnings.items).toEqual([
      {
        code: "W_NOT_RELEASE_BRANCH",
        message: "releases are made from main; current branch is '(detached)'",
      },
    ]);
  });
});
