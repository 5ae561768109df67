/** Execute-mode preconditions (§3.3), checked before anything is planned so they fail even with nothing to do. */
import { dirtyFiles } from "../adapters/git/repository.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError } from "../core/errors.js";
import { releaseBranches } from "../core/plan/prerelease.js";
import { count } from "../core/text/count.js";
import type { RepositoryPlan } from "./plan-release.js";

/** What the uncommitted files are, for E_DIRTY_TREE, W_DIRTY_TREE and doctor: the count and the first five. */
export function dirtyTreeMessage(dirty: readonly string[]): string {
  return `the working tree has uncommitted changes (${count(dirty.length, "file")}: ${dirty.slice(0, 5).join(", ")})`;
}

/** Execute-mode precondition (§3.3): a clean tree unless allow_dirty. Dry runs only warn. */
export async function checkCleanTree(
  plan: Pick<RepositoryPlan, "git" | "config" | "warnings">,
  execute: boolean,
  allowDirty: boolean,
) {
  if (allowDirty || plan.config.allow_dirty) return;
  const dirty = await dirtyFiles(plan.git);
  if (dirty.length === 0) return;
  if (execute) {
    throw new ReleasioError("E_DIRTY_TREE", dirtyTreeMessage(dirty), {
      hint: "commit or stash them, or pass --allow-dirty",
    });
  }
  plan.warnings.add({ code: "W_DIRTY_TREE", message: dirtyTreeMessage(dirty) });
}

/** Execute-mode precondition (§3.3): release-pr, release and do-release run on a release branch only. */
export function requireReleaseBranch(config: ReleasioConfig, branch: string | null, hint?: string): void {
  if (branch === null) {
    throw new ReleasioError(
      "E_DETACHED_HEAD",
      "HEAD is detached and no CI branch variable identifies the branch",
      {
        hint: "check out the release branch, or set GITHUB_REF/GITHUB_REF_NAME (CI_COMMIT_BRANCH on GitLab)",
      },
    );
  }
  if (releaseBranches(config, branch)) return;
  const names = [config.default_branch, ...Object.values(config.branches).map((b) => b.match)];
  throw new ReleasioError(
    "E_WRONG_BRANCH",
    `releases are made from ${[...new Set(names)].join(", ")}; current branch is '${branch}'`,
    { hint: hint ?? `check out ${config.default_branch} and re-run` },
  );
}

/**
 * The release-branch rule of §3.3 for one run: execute mode refuses another branch (`requireReleaseBranch`); a dry
 * run, and `update`, only warn W_NOT_RELEASE_BRANCH.
 */
export function checkReleaseBranch(
  plan: Pick<RepositoryPlan, "config" | "branch" | "warnings">,
  execute: boolean,
  hint?: string,
): void {
  if (execute) {
    requireReleaseBranch(plan.config, plan.branch, hint);
    return;
  }
  if (releaseBranches(plan.config, plan.branch)) return;
  plan.warnings.add({
    code: "W_NOT_RELEASE_BRANCH",
    message: `releases are made from ${plan.config.default_branch}; current branch is '${plan.branch ?? "(detached)"}'`,
  });
}

/**
 * Releasing pushes a tag and talks to the forge and the index, publishing uploads, a release PR is pushed and opened:
 * `--execute` with `--offline` is refused before anything is read or written (an offline dry run skips those checks with W_OFFLINE_SKIPPED instead).
 */
export function refuseOfflineExecute(
  command: string,
  execute: boolean,
  offline: boolean,
  needs = "push, forge release, index upload",
): void {
  if (!execute || !offline) return;
  throw new ReleasioError(
    "E_USAGE",
    `'${command} --execute' needs the network (${needs}) but --offline forbids network access`,
    {
      hint: `drop --offline (and unset RELEASIO_OFFLINE) to release, or run '${command}' without --execute for an offline dry run`,
    },
  );
}
