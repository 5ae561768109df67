/** Execute-mode preconditions (§3.3), checked before anything is planned so they fail even with nothing to do. */
import { dirtyFiles } from "../adapters/git/repository.js";
import { ReleasioError } from "../core/errors.js";
import type { RepositoryPlan } from "./plan-release.js";

/** Execute-mode precondition (§3.3): a clean tree unless allow_dirty. Dry runs only warn. */
export async function checkCleanTree(
  plan: Pick<RepositoryPlan, "git" | "config" | "warnings">,
  execute: boolean,
  allowDirty: boolean,
) {
  if (allowDirty || plan.config.allow_dirty) return;
  const dirty = await dirtyFiles(plan.git);
  if (dirty.length === 0) return;
  const list = dirty.slice(0, 5).join(", ");
  if (execute) {
    throw new ReleasioError(
      "E_DIRTY_TREE",
      `the working tree has uncommitted changes (${dirty.length} files: ${list})`,
      {
        hint: "commit or stash them, or pass --allow-dirty",
      },
    );
  }
  plan.warnings.add({
    code: "W_DIRTY_TREE",
    message: `the working tree has uncommitted changes (${dirty.length} files: ${list})`,
  });
}
