/**
 * `release-pr`: create or refresh the release pull/merge request (§4.3). In execute mode the release is planned
 * and committed in a temporary worktree at the current remote base, so the user's checkout is never touched,
 * and the PR branch is always rebuilt as base tip + one release commit (it never conflicts, never reverts).
 */
import { relative, resolve } from "node:path";
import { gitPushAuth, openForge } from "../adapters/forge/open-forge.js";
import type { ChangeRequest, Forge } from "../adapters/forge/port.js";
import { fetchRefs, lsRemote, push } from "../adapters/git/remote-refs.js";
import type { GitRunner } from "../adapters/git/run-git.js";
import { commitWorktree, withDetachedWorktree } from "../adapters/git/worktree.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError, type Warning } from "../core/errors.js";
import { parseRemoteUrl } from "../core/forge/remote.js";
import { selectForgeKind } from "../core/forge/select.js";
import { releaseBranches } from "../core/plan/prerelease.js";
import { BODY_LIMITS, renderReleasePrBody } from "../core/release-pr/body.js";
import { releasePrBranch } from "../core/release-pr/branch.js";
import { extractNotes } from "../core/release-pr/notes.js";
import { releasePrText } from "../core/release-pr/title.js";
import { count, someOf } from "../core/text/count.js";
import { compileRegex } from "../core/text/python-regex.js";
import { type CheckPayload, planPayload } from "./check.js";
import { type CommandContext, contextFrom, isOffline, type Logger, projectDirectory } from "./context.js";
import {
  type PlanOptions,
  planRelease,
  type RepositoryPlan,
  readProject,
  validateVersionFlags,
} from "./plan-release.js";
import {
  checkCleanTree,
  checkReleaseBranch,
  refuseOfflineExecute,
  requireReleaseBranch,
} from "./preconditions.js";
import { applyUpdate } from "./update.js";

export interface ReleasePrOptions extends Omit<PlanOptions, "writing" | "notes" | "preflight"> {
  execute?: boolean;
}

export type ReleasePrAction =
  | "created"
  | "updated"
  | "unchanged"
  | "closed"
  | "none"
  | "would-create"
  | "would-update"
  | "would-close";

export interface ReleasePrInfo {
  action: ReleasePrAction;
  number: number | null;
  url: string | null;
  branch: string;
  base: string;
  title: string;
  labels: string[];
  draft: boolean;
  body: string;
}

export interface ReleasePrPayload extends CheckPayload {
  pr: ReleasePrInfo | null;
  pushed: boolean;
  commit: string | null;
}

/**
 * The environment under which a detached checkout of `base` resolves to the branch `base` (§3.3's CI rule), so
 * the worktree plan gets the base's channel and the hooks its `{branch}`.
 */
export function detachedBranchEnv(env: CommandContext["env"], base: string): CommandContext["env"] {
  return { ...env, GITHUB_REF: `refs/heads/${base}`, GITHUB_REF_NAME: base };
}

/** The pending-release message of §4.3 step 2. */
export function pendingMessage(plan: RepositoryPlan["packages"][number]["plan"]): string {
  const pending = plan.pending_release!;
  return `release ${plan.project ?? plan.path} ${pending.version} is pending (release commit ${pending.commit.slice(0, 7)}): run 'releasio release'`;
}

/** The forge's author login of the workflow's GITHUB_TOKEN: PRs it opens start no `pull_request` workflow. */
const ACTIONS_BOT = "github-actions[bot]";

function tokenWarning(pr: ChangeRequest | null): Warning | null {
  if (pr?.author !== ACTIONS_BOT) return null;
  return {
    code: "W_GITHUB_TOKEN_NO_CI",
    message:
      "the release PR was opened with the workflow's GITHUB_TOKEN: pull_request workflows will not run on it; use a GitHub App or personal access token to get CI on the release PR",
  };
}

/** Warnings are reported once: the worktree plan repeats the configuration findings of the first read. */
function quietWarnings(logger: Logger): Logger {
  return { ...logger, warn() {} };
}

function bodyLimit(
  forge: Forge | null,
  config: ReleasioConfig,
  url: string | null,
  env: CommandContext["env"],
) {
  const kind =
    forge?.repository.kind ?? selectForgeKind(config, url ? (parseRemoteUrl(url)?.host ?? null) : null, env);
  return BODY_LIMITS[kind ?? "github"];
}

function commitsAnalysed(plan: RepositoryPlan): number {
  return new Set(plan.commits.map((c) => c.sha)).size;
}

interface Draft {
  title: string;
  commitMessage: string;
  body: string;
}

function draftPr(
  plan: RepositoryPlan,
  base: string,
  baseSha: string,
  notes: string | null,
  limit: number,
): Draft {
  const packages = plan.packages.map((p) => p.plan);
  const text = releasePrText(plan.config, packages, base);
  const { body } = renderReleasePrBody({
    packages,
    base,
    baseSha,
    commitsAnalysed: commitsAnalysed(plan),
    notes,
    limit,
  });
  return { ...text, body };
}

function info(
  config: ReleasioConfig,
  action: ReleasePrAction,
  branch: string,
  base: string,
  pr: ChangeRequest | null,
  draft: Partial<Draft> = {},
): ReleasePrInfo {
  return {
    action,
    number: pr?.number ?? null,
    url: pr?.url ?? null,
    branch,
    base,
    title: draft.title ?? pr?.title ?? "",
    labels: [...config.release_pr.labels],
    draft: config.release_pr.draft,
    body: draft.body ?? "",
  };
}

/** Dry run: the plan of the current checkout; reads only (no fetch, no worktree, no writes, no API write). */
async function dryRun(options: ReleasePrOptions): Promise<ReleasePrPayload> {
  const ctx = contextFrom(options);
  let plan = await planRelease({
    ...options,
    writing: false,
    reportUnmanagedModules: true,
    preflight: (s) => checkCleanTree(s, false, options.allowDirty === true),
  });
  const { config } = plan;
  checkReleaseBranch(plan, false);
  const base = releaseBranches(config, plan.branch) ? plan.branch! : config.default_branch;
  const branch = releasePrBranch(config, base);
  const url = plan.remoteUrl;
  const forge = isOffline(options, ctx.env) ? null : await openForge(ctx, config, url, { required: false });
  const existing = forge ? await forge.findOpenChangeRequest(branch, base) : null;
  const notes = extractNotes(existing?.body);
  const p = plan.packages[0]!.plan;
  if (notes !== null && p.release_needed && !p.pending_release) {
    // Rare (a PR with notes exists): plan again so the entry shows them, as the real run will.
    plan = await planRelease({ ...options, logger: quietWarnings(ctx.logger), writing: false, notes });
  }
  const result = (pr: ReleasePrInfo): ReleasePrPayload => {
    const warning = tokenWarning(existing);
    if (warning) plan.warnings.add(warning);
    return { ...planPayload("release-pr", plan, true), pr, pushed: false, commit: null };
  };
  const q = plan.packages[0]!.plan;
  if (q.pending_release) {
    return result(info(config, "none", branch, base, existing, releasePrText(config, [q], base)));
  }
  if (!q.release_needed)
    return result(info(config, existing ? "would-close" : "none", branch, base, existing));
  const draft = draftPr(plan, base, plan.head, notes, bodyLimit(forge, config, url, ctx.env));
  return result(info(config, existing ? "would-update" : "would-create", branch, base, existing, draft));
}

/** Commits of the old PR branch that releasio did not make (not on the base, not a release commit). */
async function foreignCommits(git: GitRunner, tip: string, baseSha: string, config: ReleasioConfig) {
  const pattern = compileRegex(config.commits.release_commit_pattern);
  const out = await git.text(["log", "--format=%H%x00%s", tip, "--not", baseSha]);
  return out
    .split("\n")
    .filter((l) => l.includes("\0"))
    .map((l) => l.split("\0") as [string, string])
    .filter(([, subject]) => !pattern.test(subject))
    .map(([sha]) => sha);
}

/** The remote PR branch already is base tip + a commit with exactly this tree: nothing to push. */
async function isFresh(git: GitRunner, tip: string, baseSha: string, tree: string): Promise<boolean> {
  const r = await git.run(["rev-parse", `${tip}^`, `${tip}^{tree}`], { okCodes: [128] });
  if (r.code !== 0) return false;
  const [parent, tipTree] = r.stdout.trim().split("\n");
  return parent === baseSha && tipTree === tree;
}

async function execute(options: ReleasePrOptions): Promise<ReleasePrPayload> {
  const ctx = contextFrom(options);
  // Preconditions first, on the user's checkout: they fail even when there is nothing to release (§3.3).
  const state = await readProject({
    ...options,
    logger: quietWarnings(ctx.logger),
    writing: true,
    preflight: async (s) => {
      await checkCleanTree(s, true, options.allowDirty === true);
      requireReleaseBranch(s.config, s.branch);
    },
  });
  const { git, config } = state;
  const base = state.branch!;
  const branch = releasePrBranch(config, base);
  const remote = config.git.remote;
  const url = state.remoteUrl;

  let forge = await openForge(ctx, config, url, { required: false });
  const existing = forge ? await forge.findOpenChangeRequest(branch, base) : null;
  const notes = extractNotes(existing?.body);

  const auth = await remoteAuth(ctx, config, url);
  const headRef = `refs/heads/${branch}`;
  const observed = (await lsRemote(git, remote, [headRef], auth)).get(headRef) ?? null;
  const baseRef = `refs/remotes/${remote}/${base}`;
  const trackRef = `refs/remotes/${remote}/${branch}`;
  await fetchRefs(
    git,
    remote,
    [`+refs/heads/${base}:${baseRef}`, ...(observed ? [`+${headRef}:${trackRef}`] : [])],
    { tags: true, auth },
  );
  const baseSha = (await git.text(["rev-parse", `${baseRef}^{commit}`])).trim();

  const start = projectDirectory(ctx.cwd, options.path);
  const projectPath = relative(state.root, start) || ".";
  return withDetachedWorktree(git, baseSha, async (wt) => {
    const plan = await planRelease({
      ...options,
      cwd: wt.dir,
      path: projectPath,
      config: options.config ? resolve(ctx.cwd, options.config) : null,
      env: detachedBranchEnv(ctx.env, base),
      writing: true,
      reportUnmanagedModules: true,
      notes,
    });
    plan.warnings.addAll(state.warnings.items);
    const result = (pr: ReleasePrInfo, pushed: boolean, commit: string | null): ReleasePrPayload => ({
      ...planPayload("release-pr", plan, false),
      pr,
      pushed,
      commit,
    });
    const pkg = plan.packages[0]!;
    const p = pkg.plan;
    if (p.pending_release) {
      ctx.logger.info(pendingMessage(p));
      return result(
        info(config, "none", branch, base, existing, releasePrText(config, [p], base)),
        false,
        null,
      );
    }
    if (!p.release_needed) {
      if (!existing || !forge) return result(info(config, "none", branch, base, null), false, null);
      await forge.closeChangeRequest(
        existing.number,
        `Nothing to release since ${p.previous_tag ?? "the first commit"}; closing.`,
      );
      return result(info(config, "closed", branch, base, existing), false, null);
    }

    // Preflight before any push: the repository must be known and a token present (E_REMOTE, E_FORGE_AUTH).
    if (config.forge === "none") {
      throw new ReleasioError("E_USAGE", 'forge = "none" disables release pull requests', {
        hint: 'set forge to "auto", "github" or "gitlab" to keep a release PR, or release with do-release',
        details: { key: "forge", value: "none" },
      });
    }
    forge ??= await openForge(ctx, config, url, { required: true });
    if (!forge) {
      throw new ReleasioError("E_REMOTE", `cannot determine the repository from remote '${remote}'`, {
        hint: "set github.owner/github.repo or gitlab.project",
      });
    }
    if (!pkg.metadata) {
      throw new ReleasioError(
        "E_PROJECT_NOT_FOUND",
        `no pyproject.toml, setup.cfg or setup.py found in ${start}`,
      );
    }
    const draft = draftPr(plan, base, baseSha, notes, BODY_LIMITS[forge.repository.kind]);
    const { written } = await applyUpdate(plan);
    const made = await commitWorktree(wt, written, draft.commitMessage, {
      sign: plan.config.git.sign_commits,
    });

    let commit = made.sha;
    let pushed = false;
    if (observed && (await isFresh(git, observed, baseSha, made.tree))) {
      commit = observed;
    } else {
      const foreign = observed ? await foreignCommits(git, observed, baseSha, config) : [];
      if (foreign.length > 0) {
        plan.warnings.add({
          code: "W_RELEASE_PR_OVERWRITTEN",
          message: `${remote}/${branch} held ${count(foreign.length, "commit")} not made by releasio; they were replaced: ${someOf(foreign, ", ")}`,
        });
      }
      await push(git, remote, [`${made.sha}:${headRef}`], {
        forceWithLease: { [headRef]: observed ?? "" },
        auth,
        branch,
      });
      pushed = true;
    }

    const labels = [...config.release_pr.labels];
    let pr: ChangeRequest;
    let action: ReleasePrAction;
    if (existing) {
      const change: { title?: string; body?: string } = {};
      if (existing.title !== draft.title) change.title = draft.title;
      if (existing.body !== draft.body) change.body = draft.body;
      const patched = Object.keys(change).length > 0;
      pr = patched ? await forge.updateChangeRequest(existing.number, change) : existing;
      const missing = labels.filter((l) => !existing.labels.includes(l));
      if (missing.length > 0) await forge.addLabels(existing.number, missing);
      action = pushed || patched || missing.length > 0 ? "updated" : "unchanged";
    } else {
      pr = await forge.createChangeRequest({
        title: draft.title,
        body: draft.body,
        head: branch,
        base,
        draft: config.release_pr.draft,
        labels,
      });
      action = "created";
    }
    const warning = tokenWarning(pr) ?? tokenWarning(existing);
    if (warning) plan.warnings.add(warning);
    ctx.logger.debug(`forge API requests: ${forge.calls}`);
    return result(info(config, action, branch, base, pr, draft), pushed, commit);
  });
}

/**
 * What git needs to authenticate to an https remote: the forge token, passed through the environment of the one
 * git command (never a file, never a command line). Other remotes (ssh, local paths) use their own means.
 */
export async function remoteAuth(
  ctx: CommandContext,
  config: ReleasioConfig,
  url: string | null,
): Promise<Record<string, string>> {
  return gitPushAuth(ctx, config, url);
}

export async function releasePr(options: ReleasePrOptions = {}): Promise<ReleasePrPayload> {
  // A bad --version or --prerelease is reported as such (exit 2), before the offline refusal.
  validateVersionFlags(options);
  refuseOfflineExecute(
    "release-pr",
    options.execute === true,
    isOffline(options, contextFrom(options).env),
    "push of the release branch, pull request",
  );
  return options.execute === true ? execute(options) : dryRun(options);
}

/** The human result lines, with the stable anchors of §3.4. */
export function releasePrSummary(p: ReleasePrPayload): string {
  const pr = p.pr;
  if (!pr) return "No release PR.\n";
  const first = p.packages[0];
  const link = `#${pr.number}: ${pr.url}`;
  switch (pr.action) {
    case "created":
      return `Created PR ${link}\n`;
    case "updated":
      return `Updated PR ${link}\n`;
    case "unchanged":
      return `PR #${pr.number} is up to date: ${pr.url}\n`;
    case "closed":
      return `Closed PR ${link}: nothing to release since ${p.previous_tag ?? "the first commit"}\n`;
    case "would-close":
      return `DRY-RUN: would close PR ${link}: nothing to release since ${p.previous_tag ?? "the first commit"}\n`;
    case "none":
      if (first?.pending_release) return `${pendingMessage(first)}\n`;
      return `Nothing to release since ${p.previous_tag ?? "the first commit"}; no release PR.\nNext version: none\n`;
    default: {
      const verb = pr.action === "would-update" ? `update PR ${link}` : "create the release PR";
      return [
        `DRY-RUN: would ${verb}`,
        `Title: ${pr.title}`,
        `Branch: ${pr.branch}`,
        `Base: ${pr.base}`,
        `Labels: ${pr.labels.join(", ") || "(none)"}`,
        `Draft: ${pr.draft ? "yes" : "no"}`,
        "",
        pr.body,
      ].join("\n");
    }
  }
}
