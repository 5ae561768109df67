/** `update`: write the version bump, version files, lock files and changelog into the working tree (§4.2). */
import { isAbsolute, join, relative } from "node:path";
import { diskReader, toPosix } from "../adapters/fs/file-reader.js";
import { type FileWrite, writeFilesAtomically } from "../adapters/fs/write-files.js";
import { dirtyFiles } from "../adapters/git/repository.js";
import { type HookRun, runHooks } from "../adapters/process/hooks.js";
import { refreshLockFiles } from "../adapters/process/lock-tools.js";
import { ReleasioError } from "../core/errors.js";
import type { HookValues } from "../core/hooks/substitute.js";
import { projectFile } from "../core/project/files.js";
import { releasePrText } from "../core/release-pr/title.js";
import { shellWord } from "../core/text/shell-word.js";
import { type CheckPayload, planPayload } from "./check.js";
import type { PlanOptions, RepositoryPlan } from "./plan-release.js";
import { planRelease, releaseWrites } from "./plan-release.js";
import { checkCleanTree, checkReleaseBranch } from "./preconditions.js";

export interface UpdateOptions extends Omit<PlanOptions, "writing" | "notes" | "preflight"> {
  execute?: boolean;
  /**
   * Receives what to do after an applied update (§4.2: review, commit, release). The CLI prints it after its
   * summary; by default it goes to the logger.
   */
  nextSteps?: (hint: string) => void;
}

/**
 * The next steps after `update --execute`: the files to commit, the release commit's message, then the release.
 * With nothing written (an earlier run wrote it all), the files to commit are whichever still differ from HEAD.
 * The commands work where the user ran releasio: paths are relative to that directory, and a directory outside
 * the repository (`releasio update ../repo`) gets `git -C`.
 */
function nextStepsHint(
  written: readonly string[],
  commitMessage: string,
  version: string,
  at: { root: string; cwd: string },
): string {
  const fromRoot = relative(at.root, at.cwd);
  const inside = !fromRoot.startsWith("..") && !isAbsolute(fromRoot);
  const git = inside ? "git" : `git -C ${shellWord(relative(at.cwd, at.root))}`;
  const commit = `${git} commit -m ${shellWord(commitMessage)}`;
  if (written.length === 0) {
    return `Next steps: commit the files that hold ${version} if they are not committed yet (git status lists them) with ${commit}, then releasio release`;
  }
  const paths = inside ? written.map((p) => toPosix(relative(at.cwd, join(at.root, p)))) : written;
  return `Next steps: review, commit with ${git} add ${paths.map(shellWord).join(" ")} && ${commit}, then releasio release`;
}

const RERUN = "'releasio update --execute --allow-dirty'";
/** Failures that come after the files are written (they stay written), and how to go on from each. */
const FAILURES_AFTER_WRITING: Readonly<Record<string, string>> = {
  E_HOOK_FAILED: `after fixing the hook, ${RERUN} runs the hooks again and writes nothing more`,
  E_LOCK_TOOL: `after fixing the lock tool, ${RERUN} refreshes the lock file and writes nothing more`,
  E_LOCK_PIN_CHANGED: `after refreshing the lock file yourself (uv lock) and reviewing its pins, ${RERUN} writes nothing more`,
};

export interface UpdatePayload extends CheckPayload {
  applied: boolean;
  written: string[];
  hooks: HookRun[];
}

export function hookValues(plan: RepositoryPlan): HookValues {
  const p = plan.packages[0]!.plan;
  return {
    version: p.next_version ?? "",
    tag: p.tag ?? "",
    previous_version: p.previous_version ?? "",
    previous_tag: p.previous_tag ?? "",
    project_path: p.path,
    branch: plan.branch ?? "",
    package: plan.packages.length > 1 ? (p.project ?? "") : "",
  };
}

/**
 * The file changes of a release in `plan.root`: `hooks.pre_bump`, every planned edit and the changelog entry
 * (written atomically), lock refreshes, then `hooks.post_bump`. Shared by `update` and `release-pr` (which runs
 * it in a temporary worktree).
 */
export async function applyUpdate(
  plan: RepositoryPlan,
  /** Sees the file writes just before they happen (do-release records them for crash recovery). */
  beforeWrite?: (writes: readonly FileWrite[]) => Promise<void>,
): Promise<{ written: string[]; hooks: HookRun[] }> {
  const pkg = plan.packages[0]!;
  const p = pkg.plan;
  // Hooks run in the project path (§6.17), which is the repository root unless the project lives below it.
  const hookOptions = {
    cwd: join(plan.root, p.path),
    env: plan.ctx.env,
    onOutput: (t: string) => plan.ctx.logger.info(t.trimEnd()),
  };
  const values = hookValues(plan);
  const hooks = await runHooks("pre_bump", plan.config.hooks.pre_bump, values, hookOptions);

  // After pre_bump hooks the files are read again: what a hook changed is kept, the edits are made on top of it.
  const reader = hooks.length > 0 ? diskReader(plan.root, plan.reader.tracked) : plan.reader;
  const writes = releaseWrites(plan, pkg, reader);
  await beforeWrite?.(writes);
  // The paths written: a symlinked file is written at its real path.
  const written = writeFilesAtomically(plan.root, writes);
  const lockPath = projectFile(p.path, "uv.lock");
  const lockWrites =
    plan.config.version.update_lock_file && pkg.metadata
      ? await refreshLockFiles({
          root: plan.root,
          projectPath: p.path,
          env: plan.ctx.env,
          ownName: pkg.metadata.normalizedName,
          original: reader.read(lockPath),
          alreadyEdited: pkg.edits.some((e) => e.path === lockPath),
        })
      : [];
  written.push(...lockWrites);
  hooks.push(...(await runHooks("post_bump", plan.config.hooks.post_bump, values, hookOptions)));
  return { written, hooks };
}

export async function update(options: UpdateOptions = {}): Promise<UpdatePayload> {
  const execute = options.execute === true;
  const plan = await planRelease({
    ...options,
    // The dry run refuses what the applied update would refuse (a nameless project, an unreadable version source).
    writing: true,
    reportUnmanagedModules: true,
    preflight: (state) => checkCleanTree(state, execute, options.allowDirty === true),
  });
  const pkg = plan.packages[0]!;
  const p = pkg.plan;
  const result = (applied: boolean, written: string[], hooks: HookRun[]): UpdatePayload => ({
    ...planPayload("update", plan, !execute),
    applied,
    written,
    hooks,
  });
  checkReleaseBranch(plan, false);
  if (!p.release_needed || p.pending_release) return result(false, [], []);
  if (!pkg.metadata) {
    throw new ReleasioError(
      "E_PROJECT_NOT_FOUND",
      `no pyproject.toml, setup.cfg or setup.py found in ${plan.root}: there is no version to write`,
      { hint: "run releasio in the project's directory, or pass its path: releasio update path/to/project" },
    );
  }
  // Poetry's and PDM's locks do not record the project's own version: a bump leaves them as they are (§6.16).
  if (plan.config.version.update_lock_file) {
    for (const kind of ["poetry.lock", "pdm.lock"] as const) {
      const path = projectFile(p.path, kind);
      if (plan.reader.read(path) !== null) {
        plan.ctx.logger.info(
          `${path} stays unchanged: it does not record ${p.project ?? "the project"}'s own version`,
        );
      }
    }
  }
  if (!execute) return result(false, [], []);

  // The files written before the lock refresh or a post_bump hook fails stay written: the error says which, and
  // how to go on.
  let writing: string[] = [];
  const { written, hooks } = await applyUpdate(plan, async (writes) => {
    writing = writes.map((w) => w.path);
  }).catch((error: unknown) => {
    const goOn = error instanceof ReleasioError ? FAILURES_AFTER_WRITING[error.code] : undefined;
    if (writing.length === 0 || !(error instanceof ReleasioError) || goOn === undefined) throw error;
    // A failed lock refresh puts the lock file back as it was before the update.
    const lock = error.code === "E_HOOK_FAILED" ? null : projectFile(p.path, "uv.lock");
    const kept = writing.filter((path) => path !== lock);
    const restored = lock !== null && writing.includes(lock) ? ` (${lock} is as it was)` : "";
    throw new ReleasioError(error.code, error.message, {
      details: { ...error.details, written: kept },
      hint: `${kept.join(", ")} already hold ${p.next_version}${restored}: ${goOn}; or undo the edits with git`,
      cause: error,
    });
  });
  // The commit that release-pr and do-release make, so that release recognises it.
  const message = releasePrText(plan.config, [p], plan.branch ?? plan.config.default_branch).commitMessage;
  const at = { root: plan.root, cwd: plan.ctx.cwd };
  // A run that goes on after a failure writes only what was left: the release's other files still await a commit.
  const releaseFiles = new Set([
    ...pkg.edits.map((e) => e.path),
    ...pkg.versionHolders,
    ...pkg.metadata.sources.map((source) => source.path),
    ...(pkg.changelogPath ? [pkg.changelogPath] : []),
    projectFile(p.path, "uv.lock"),
  ]);
  const uncommitted = (await dirtyFiles(plan.git)).filter((f) => releaseFiles.has(f) && !written.includes(f));
  const hint = nextStepsHint([...written, ...uncommitted], message, p.next_version ?? "", at);
  if (options.nextSteps) options.nextSteps(hint);
  else plan.ctx.logger.info(hint);
  return result(true, written, hooks);
}
