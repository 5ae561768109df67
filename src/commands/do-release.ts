/**
 * `do-release` (PRODUCT.md §4.5): bump, commit, tag and push in one go, then publish and announce like
 * `release`. The release commit and the tag land on the remote in ONE atomic push (branch and tag together or
 * not at all); a refused push undoes the local commit and tag so a re-run starts from scratch.
 *
 * The release engine is `release`'s: `prepareRelease` builds the run, the bump steps go in front of
 * `releaseSteps({ push })`, whose atomic push replaces `push-tag`. A HEAD that already carries the tag of the
 * declared version (or a pending release already on the remote) is handed to `release` itself.
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { gitPushAuth, openForge } from "../adapters/forge/open-forge.js";
import { writeFilesAtomically } from "../adapters/fs/write-files.js";
import { fetchRefs, lsRemote, push } from "../adapters/git/remote-refs.js";
import { dirtyFiles, isAncestor } from "../adapters/git/repository.js";
import { GitRunner } from "../adapters/git/run-git.js";
import { commitWorktree } from "../adapters/git/worktree.js";
import { type HookRun, runHooks } from "../adapters/process/hooks.js";
import { ReleasioError, type Warning } from "../core/errors.js";
import { releasePrText } from "../core/release-pr/title.js";
import { count } from "../core/text/count.js";
import type { Step, StepOutcome } from "../steps/journal.js";
import { releasePreflight } from "../steps/release-preflight.js";
import {
  localTagCommit,
  type ReleaseRun,
  type ReleaseStep,
  releaseSteps,
  runReleaseSteps,
  tagConflict,
} from "../steps/release-steps.js";
import {
  clearBumpMarker,
  recordBumpStart,
  recordBumpWritten,
  recoverInterruptedBump,
} from "./bump-marker.js";
import { type CheckPayload, planPayload } from "./check.js";
import { contextFrom, isOffline } from "./context.js";
import { envelope } from "./envelope.js";
import { type PlanOptions, planRelease, type RepositoryPlan, validateVersionFlags } from "./plan-release.js";
import { checkCleanTree, checkReleaseBranch, refuseOfflineExecute } from "./preconditions.js";
import {
  declaredTagOf,
  prepareRelease,
  type ReleaseInfo,
  type ReleaseOptions,
  type ReleasePayload,
  release,
  releasePayload,
} from "./release.js";
import { applyUpdate, hookValues } from "./update.js";

export interface DoReleaseOptions extends ReleaseOptions {
  /** Explicit next version (`--version`, `--release-as`). */
  version?: PlanOptions["version"];
  /** Pre-release token (`--prerelease`, `--pre`). */
  prerelease?: PlanOptions["prerelease"];
}

/** The check payload (the plan) plus the release payload fields and every hook run. */
export interface DoReleasePayload extends CheckPayload, ReleasePayload {
  hooks: HookRun[];
}

const short = (sha: string) => sha.slice(0, 7);
const skipped = (reason: "already-done" | "disabled" | "not-applicable", message: string): StepOutcome => ({
  status: "skipped",
  reason,
  message,
});

function combine(
  state: RepositoryPlan,
  execute: boolean,
  rp: ReleasePayload,
  hooks: HookRun[],
): DoReleasePayload {
  return {
    ...planPayload("do-release", state, !execute),
    ...rp,
    ...envelope("do-release", !execute, rp.warnings),
    hooks,
  };
}

/** The remote branch's tip after `git fetch <remote> <branch> --tags`; null when the branch does not exist. */
async function fetchBranch(
  git: GitRunner,
  remote: string,
  branch: string,
  auth: Record<string, string>,
): Promise<string | null> {
  const tracking = `refs/remotes/${remote}/${branch}`;
  const exists = (await lsRemote(git, remote, [`refs/heads/${branch}`], auth)).has(`refs/heads/${branch}`);
  if (!exists) return null;
  await fetchRefs(git, remote, [`+refs/heads/${branch}:${tracking}`], { tags: true, auth });
  return (await git.text(["rev-parse", `${tracking}^{commit}`])).trim();
}

/**
 * HEAD must be the remote tip (§4.5 step 3), or the release commit of an earlier run right on top of it. A branch
 * behind, ahead of or diverged from its remote would release something else than what the remote holds.
 */
async function checkBranchTip(
  git: GitRunner,
  remote: string,
  branch: string,
  head: string,
  tip: string | null,
  localReleaseCommit: boolean,
): Promise<void> {
  const where = `${remote}/${branch}`;
  if (tip === null) {
    throw new ReleasioError("E_BRANCH_DIVERGED", `${where} does not exist; push ${branch} and re-run`, {
      hint: `git push ${remote} HEAD:${branch}`,
    });
  }
  if (tip === head) return;
  if (localReleaseCommit) {
    const parent = await git.run(["rev-parse", "-q", "--verify", `${head}^`], { okCodes: [1, 128] });
    if (parent.stdout.trim() === tip) return;
  }
  const counts = await git.text(["rev-list", "--left-right", "--count", `${head}...${tip}`]);
  const [ahead = 0, behind = 0] = counts.trim().split(/\s+/).map(Number);
  const message =
    ahead > 0 && behind > 0
      ? `${branch} has diverged from ${where} (${count(ahead, "commit")} local, ${count(behind, "commit")} remote); pull and re-run`
      : behind > 0
        ? `${branch} is ${count(behind, "commit")} behind ${where}; pull and re-run`
        : `${branch} is ${count(ahead, "commit")} ahead of ${where}; push or drop them, then re-run`;
  throw new ReleasioError("E_BRANCH_DIVERGED", message, {
    hint: behind > 0 ? `git pull --ff-only ${remote} ${branch}` : null,
    details: { ahead, behind, remote_tip: tip, head },
  });
}

/** Commits releasio's files (and tracked files its hooks changed); uncommitted user changes stay out. */
async function commitRelease(
  git: GitRunner,
  root: string,
  paths: readonly string[],
  message: string,
  dirtyBefore: ReadonlySet<string>,
  sign: boolean,
): Promise<string> {
  if (dirtyBefore.size === 0) return (await commitWorktree({ dir: root, git }, paths, message, { sign })).sha;
  const changed = (await git.text(["diff", "--name-only", "-z", "HEAD"]))
    .split("\0")
    .filter((f) => f !== "" && !dirtyBefore.has(f));
  const all = [...new Set([...paths, ...changed])];
  await git.run(["add", "--", ...all]);
  await git.run(
    ["commit", "--quiet", "--no-verify", ...(sign ? ["-S"] : []), "-F", "-", "--only", "--", ...all],
    {
      input: `${message}\n`,
    },
  );
  return (await git.text(["rev-parse", "HEAD"])).trim();
}

interface BumpState {
  /** The commit the branch was on before the release commit (the remote tip). */
  base: string;
  /** The release commit exists already (made by an earlier run that failed before its push). */
  committed: boolean;
  written: string[];
  dirtyBefore: Set<string>;
}

/** pre-bump-hook, write-files, post-bump-hook and commit: the release commit, made locally. */
function bumpSteps(state: RepositoryPlan, bump: BumpState): ReleaseStep[] {
  const { config, git } = state;
  const pkg = state.packages[0]!;
  const values = hookValues(state);
  const already = (r: ReleaseRun) =>
    skipped("already-done", `release commit ${short(r.target.commit)} is already at HEAD`);
  const files = [...pkg.edits.map((e) => e.path), ...(pkg.changelogPath ? [pkg.changelogPath] : [])];
  // Read now, before any step writes: what a failing post_bump restores.
  const changelogBefore = pkg.changelogPath ? state.reader.read(pkg.changelogPath) : null;
  /** Puts the files back as they were (a failing post_bump leaves the tree as it found it). */
  const restore = () => {
    for (const e of pkg.edits)
      writeFilesAtomically(state.root, [{ path: e.path, content: e.before, original: null }]);
    if (pkg.changelogPath) {
      const before = changelogBefore;
      if (before === null) rmSync(resolve(state.root, pkg.changelogPath), { force: true });
      else writeFilesAtomically(state.root, [{ path: pkg.changelogPath, content: before, original: null }]);
    }
  };
  const hook = (id: string, name: "pre_bump" | "post_bump", onFail?: () => void): ReleaseStep => ({
    id,
    async run(r) {
      if (bump.committed) return already(r);
      const commands = config.hooks[name];
      if (commands.length === 0) return skipped("not-applicable", `no ${name} hooks`);
      if (!r.execute)
        return { status: "planned", message: `would run ${count(commands.length, `${name} command`)}` };
      try {
        r.hookRuns.push(...(await runHooks(name, commands, values, r.hooks.options)));
      } catch (error) {
        onFail?.();
        throw error;
      }
      return { status: "done", message: `ran ${count(commands.length, "command")}` };
    },
  });
  const message = releasePrText(config, [pkg.plan], state.branch ?? config.default_branch).commitMessage;
  return [
    hook("pre-bump-hook", "pre_bump"),
    {
      id: "write-files",
      async run(r) {
        if (bump.committed) return already(r);
        if (!r.execute) return { status: "planned", message: `would write ${files.join(", ")}` };
        // The bump hooks are steps of their own: applyUpdate only writes here.
        const hooks = { ...config.hooks, pre_bump: [], post_bump: [] };
        const { written } = await applyUpdate({ ...state, config: { ...config, hooks } }, (writes) =>
          recordBumpStart(git, state.head, writes),
        );
        await recordBumpWritten(git, state.root, written);
        bump.written = written;
        return { status: "done", message: `wrote ${written.join(", ")}` };
      },
    },
    hook("post-bump-hook", "post_bump", restore),
    {
      id: "commit",
      async run(r) {
        if (bump.committed) return already(r);
        if (!r.execute) return { status: "planned", message: `would commit '${message}' locally` };
        r.target.commit = await commitRelease(
          git,
          state.root,
          bump.written,
          message,
          bump.dirtyBefore,
          config.git.sign_commits,
        );
        await clearBumpMarker(git);
        return { status: "done", message: `committed ${short(r.target.commit)} '${message}'` };
      },
    },
  ];
}

/** In a dry run the release commit does not exist yet: the planned tag names it, not today's HEAD. */
function plannedOnReleaseCommit(step: ReleaseStep, bump: BumpState): ReleaseStep {
  return {
    ...step,
    async run(r) {
      const outcome = await step.run(r);
      if (outcome.status !== "planned" || bump.committed) return outcome;
      return {
        status: "planned",
        message: outcome.message.replace(short(r.target.commit), "the release commit"),
      };
    },
  };
}

/** Undoes the local release commit and tag after a refused push: nothing landed, so a re-run starts afresh. */
async function rollBack(r: ReleaseRun, base: string): Promise<void> {
  const { tag, commit } = r.target;
  if ((await localTagCommit(r.git, tag)) === commit) await r.git.run(["tag", "-d", tag]);
  r.observed.localTag = null;
  const head = (await r.git.text(["rev-parse", "HEAD"])).trim();
  if (head === commit && commit !== base) await r.git.run(["reset", "--quiet", "--keep", base]);
}

/** The atomic push of the branch and the tag (§4.5 step 4), replacing release's `push-tag`. */
function pushStep(branch: string, base: string): ReleaseStep {
  return {
    id: "push",
    async run(r) {
      const { tag, commit } = r.target;
      const branchRef = `refs/heads/${branch}`;
      const tagRef = `refs/tags/${tag}`;
      // Offline (a dry run): the preflight already said the remote's tag was not checked.
      if (r.offline && !r.execute)
        return { status: "planned", message: `would push ${branch} and ${tag} to ${r.remote} atomically` };
      const seen = await lsRemote(r.git, r.remote, [branchRef, tagRef, `${tagRef}^{}`], r.auth);
      const remoteTag = seen.get(tagRef) ?? null;
      r.observed.remoteTag = remoteTag;
      if (remoteTag === commit) return skipped("already-done", `${r.remote} already has ${tag}`);
      if (remoteTag !== null) throw tagConflict(tag, remoteTag, commit, `${r.remote}'s`);
      if (!r.execute)
        return { status: "planned", message: `would push ${branch} and ${tag} to ${r.remote} atomically` };
      try {
        // The branch and the tag in one atomic push: both land or neither. The release commit is named by its
        // SHA, so a commit a pre_release hook might have added on top is not pushed along.
        await push(r.git, r.remote, [`${commit}:${branchRef}`, tagRef], {
          atomic: true,
          auth: r.auth,
          branch,
          tag,
        });
      } catch (error) {
        const landed = await lsRemote(r.git, r.remote, [tagRef, `${tagRef}^{}`], r.auth).catch(() => null);
        if (landed?.get(tagRef) !== commit) {
          await rollBack(r, base);
          throw error instanceof ReleasioError
            ? new ReleasioError(error.code, error.message, {
                hint: error.hint,
                details: { ...(error.details ?? {}), rolled_back: true, head: base },
                cause: error,
              })
            : error;
        }
      }
      r.observed.remoteTag = commit;
      return { status: "done", message: `pushed ${branch} and ${tag} to ${r.remote} atomically` };
    },
  };
}

/**
 * A release commit and tag made by a do-release killed before its push: when the remote branch is still at the
 * commit's parent, push both atomically (as the interrupted run would have); otherwise leave it to `release`.
 */
async function pushStoppedReleaseCommit(
  state: RepositoryPlan,
  remoteUrl: string | null,
  branch: string,
  tag: string,
): Promise<void> {
  const { ctx, config, git, head } = state;
  const remote = config.git.remote;
  const auth = await gitPushAuth(ctx, config, remoteUrl);
  const tip = await fetchBranch(git, remote, branch, auth);
  if (tip === null || tip === head) return;
  const parent = await git.run(["rev-parse", "-q", "--verify", `${head}^`], { okCodes: [1, 128] });
  if (parent.stdout.trim() !== tip) return;
  await push(git, remote, [`${head}:refs/heads/${branch}`, `refs/tags/${tag}`], {
    atomic: true,
    auth,
    branch,
    tag,
  });
  ctx.logger.info(`Pushed ${branch} and ${tag} to ${remote} (the release commit of an interrupted run)`);
}

/** Failures keep their code; the hint says how to go on, the journal travels in `details.steps`. */
function withJournal(error: unknown, steps: Step[], commit: string, pushed: boolean): unknown {
  if (!(error instanceof ReleasioError)) return error;
  if (error.details?.rolled_back === true) {
    return new ReleasioError(error.code, error.message, {
      hint: `${error.hint ? `${error.hint}; ` : ""}the local release commit and tag were undone`,
      details: { ...error.details, steps },
      exitCode: error.exitCode,
      cause: error,
    });
  }
  const resume = pushed
    ? `re-run the same command at ${commit} to finish`
    : `re-run the same command to finish (the release commit ${short(commit)} is local)`;
  const committed = steps.some((s) => s.id === "commit" && s.status === "done");
  const hint = pushed || committed ? resume : null;
  return new ReleasioError(error.code, error.message, {
    hint: [error.hint, hint].filter((h): h is string => h !== null).join("; ") || null,
    details: { ...(error.details ?? {}), steps, commit },
    exitCode: error.exitCode,
    cause: error,
  });
}

export async function doRelease(options: DoReleaseOptions = {}): Promise<DoReleasePayload> {
  const execute = options.execute === true;
  // A bad --version or --prerelease is reported as such (exit 2), before the offline refusal.
  validateVersionFlags(options);
  refuseOfflineExecute("do-release", execute, isOffline(options, contextFrom(options).env));
  if (execute) {
    // A run killed between writing its bump and committing it left the tree dirty with releasio's own edits.
    const { cwd, env, logger } = contextFrom(options);
    const restored = await recoverInterruptedBump(new GitRunner(cwd, env));
    if (restored.length > 0)
      logger.info(`Undid the uncommitted bump of an interrupted run (${restored.join(", ")}); bumping again`);
  }
  // Execute-mode preconditions first of all: they fail even when there is nothing to release (§3.3).
  const state = await planRelease({
    ...options,
    writing: execute,
    reportUnmanagedModules: true,
    preflight: async (s) => {
      await checkCleanTree(s, execute, options.allowDirty === true);
      checkReleaseBranch(s, execute);
    },
  });
  const { ctx, config, git, warnings, head } = state;
  const pkg = state.packages[0]!;
  const p = pkg.plan;
  const remote = config.git.remote;
  const branch = state.branch;
  const hooks: HookRun[] = [];
  const { version: _version, prerelease: _prerelease, ...releaseOptions } = options;
  // `release` plans again: the warnings this plan already reported are not repeated.
  const logger = {
    ...ctx.logger,
    warn: (w: Warning) => {
      if (!warnings.items.some((x) => x.code === w.code && x.message === w.message)) ctx.logger.warn(w);
    },
  };
  const delegate = async () =>
    combine(state, execute, await release({ ...releaseOptions, logger, hookRuns: hooks }), hooks);

  // (1) HEAD carries the tag of the declared version: a resumed release, exactly as `release` does it.
  const declaredTag = declaredTagOf(state);
  const remoteUrl = state.remoteUrl;
  if (declaredTag && state.rawTags.some((t) => t.name === declaredTag && t.commit === head)) {
    // An earlier run stopped between tagging and its atomic push: `release` needs the commit on the remote.
    if (execute && branch) await pushStoppedReleaseCommit(state, remoteUrl, branch, declaredTag);
    return delegate();
  }

  const pending = p.pending_release;
  if (!p.release_needed && !pending) {
    ctx.logger.info(`Nothing to release since ${p.previous_tag ?? "the first commit"}`);
    return combine(state, execute, releasePayload(execute, [], [], warnings.items), hooks);
  }
  const auth = execute ? await gitPushAuth(ctx, config, remoteUrl) : {};
  const tip = execute && branch ? await fetchBranch(git, remote, branch, auth) : null;
  // A pending release commit at HEAD that the remote lacks was made by an earlier do-release that stopped before
  // its push: go on from it. Any other pending release (a merged release PR) is `release`'s job.
  const tracking = `refs/remotes/${remote}/${branch ?? config.default_branch}`;
  const localCommit =
    pending !== null &&
    pending.commit === head &&
    !(await isAncestor(git, head, tracking).catch(() => false));
  if (pending && !localCommit) return delegate();

  const version = pending ? pending.version : p.next_version!;
  const tag = pending ? pending.tag : p.tag!;
  const forgeWanted =
    config.release.enabled || (config.security.enabled && config.security.auto_create_advisory);
  const forge =
    options.forge !== undefined
      ? options.forge
      : forgeWanted
        ? await openForge(ctx, config, remoteUrl, { required: execute, remoteName: remote })
        : null;
  // The notes come from this plan, made before anything is written or tagged (§4.5 step 6).
  const { run, journal, publishingPreflight, info } = await prepareRelease(
    state,
    forge,
    { version, tag, scope: { plan: p, commits: state.commits } },
    { ...releaseOptions, hookRuns: hooks },
  );
  const parent = localCommit ? (await git.text(["rev-parse", `${head}^`])).trim() : head;
  const bump: BumpState = {
    base: parent,
    committed: localCommit,
    written: [],
    dirtyBefore: new Set(execute ? await dirtyFiles(git) : []),
  };
  const steps = [
    ...bumpSteps(state, bump),
    ...releaseSteps({ push: pushStep(branch ?? config.default_branch, bump.base) }).map((step) =>
      step.id === "create-tag" ? plannedOnReleaseCommit(step, bump) : step,
    ),
  ];
  const ids = steps.filter((s) => !s.expand).map((s) => s.id);

  try {
    await journal.run("preflight", run.target.package, async () => {
      if (execute) await checkBranchTip(git, remote, branch!, head, tip, localCommit);
      // HEAD is the remote tip (checked above), so release's "is HEAD on the remote" check has nothing to add.
      const outcome = await releasePreflight(run, { branch: null, publishing: publishingPreflight });
      if (execute) {
        await push(git, remote, [`${head}:refs/heads/${branch}`, `${head}:refs/tags/${tag}`], {
          dryRun: true,
          atomic: true,
          auth: run.auth,
          branch: branch!,
          tag,
        });
      }
      return outcome;
    });
    await runReleaseSteps(journal, steps, run);
  } catch (error) {
    if (journal.steps.at(-1)?.id === "preflight") journal.notRun(ids, run.target.package);
    const pushed = journal.steps.some((s) => s.id === "push" && s.status === "done");
    throw withJournal(error, journal.steps, run.target.commit, pushed);
  }
  const status: ReleaseInfo["status"] = !execute
    ? "planned"
    : run.changed.length === 0
      ? "already-released"
      : localCommit
        ? "resumed"
        : "released";
  return combine(
    state,
    execute,
    releasePayload(execute, [info(status)], journal.steps, warnings.items),
    hooks,
  );
}
