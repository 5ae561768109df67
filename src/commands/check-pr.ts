/**
 * `check-pr`: validate a PR title as a conventional-commit header (§4.7); with `--comment`, keep one sticky
 * comment on the PR holding the verdict and, for a valid title, what merging it would release.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { openForge } from "../adapters/forge/open-forge.js";
import { diskReader, findProjectDir } from "../adapters/fs/file-reader.js";
import { fetchRefs } from "../adapters/git/remote-refs.js";
import { probeRepository, type RepositoryProbe, remoteUrls } from "../adapters/git/repository.js";
import type { GitRunner } from "../adapters/git/run-git.js";
import { listTags } from "../adapters/git/tags.js";
import { commitWorktree, withDetachedWorktree } from "../adapters/git/worktree.js";
import {
  checkTitle,
  TITLE_FORMAT_HELP,
  type TitleProblem,
  type TitleVerdict,
  titleExamples,
} from "../core/check-pr/title-rules.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError } from "../core/errors.js";
import type { Bump } from "../core/plan/types.js";
import { readProjectMetadata } from "../core/project/metadata.js";
import { breakingBumpsMinor } from "../core/version/next-version.js";
import { tryParseVersion } from "../core/version/pep440.js";
import { releaseTagPattern, releaseTags } from "../core/version/release-tags.js";
import { offlineSkippedWarning } from "../steps/release-steps.js";
import {
  type CommandContext,
  type CommonOptions,
  contextFrom,
  isOffline,
  projectDirectory,
  refuseExecute,
  WarningList,
} from "./context.js";
import { type Envelope, envelope } from "./envelope.js";
import { planRelease } from "./plan-release.js";
import { readConfigOnly } from "./read-config.js";
import { detachedBranchEnv, remoteAuth } from "./release-pr.js";

export const CHECK_PR_MARKER = "<!-- releasio:check-pr -->";

export interface CheckPrOptions extends CommonOptions {
  path?: string;
  /** `--title`; wins over every other source. */
  title?: string | null;
  requireScope?: boolean;
  /** `--comment`: create or update the sticky PR comment. */
  comment?: boolean;
}

export type TitleSource = "flag" | "env" | "event";

export interface CheckPrPayload extends Envelope {
  title: string | null;
  source: TitleSource | null;
  valid: boolean;
  type: string | null;
  scope: string | null;
  breaking: boolean;
  description: string | null;
  bump: Bump;
  problems: TitleProblem[];
  allowed_types: string[];
  comment: null | { action: "created" | "updated" | "unchanged"; url: string | null };
}

interface PullRequestEvent {
  title: string | null;
  number: number | null;
}

/** `pull_request.title`/`number` of the event file; an unreadable or malformed file counts as absent. */
function readEvent(env: CommandContext["env"]): PullRequestEvent {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return { title: null, number: null };
  try {
    const event = JSON.parse(readFileSync(path, "utf8")) as {
      pull_request?: { title?: unknown; number?: unknown };
    };
    const pr = event.pull_request;
    return {
      title: typeof pr?.title === "string" ? pr.title : null,
      number: typeof pr?.number === "number" && Number.isSafeInteger(pr.number) ? pr.number : null,
    };
  } catch {
    return { title: null, number: null };
  }
}

/** The title and where it came from: the first non-empty of flag, GITHUB_PR_TITLE, CI_MERGE_REQUEST_TITLE, event. */
export function titleSource(
  flag: string | null | undefined,
  env: CommandContext["env"],
): { title: string; source: TitleSource } | null {
  const candidates: [string | null | undefined, TitleSource][] = [
    [flag, "flag"],
    [env.GITHUB_PR_TITLE, "env"],
    [env.CI_MERGE_REQUEST_TITLE, "env"],
    [readEvent(env).title, "event"],
  ];
  // Non-empty means "given": a title of spaces is a title, and the `empty` rule reports it.
  for (const [title, source] of candidates) if (title) return { title, source };
  return null;
}

export function titleErrorMessage(verdict: TitleVerdict): string {
  return `invalid PR title: ${verdict.problems[0]?.message ?? "unknown problem"}`;
}

interface Impact {
  project: string | null;
  from: string | null;
  to: string | null;
  lines: string[];
}

/**
 * What merging would release: the plan of `<remote>/<base>` plus the title as one more commit, as a squash merge
 * would make it (an empty commit in a temporary worktree; nothing of the user's checkout is touched).
 */
async function mergeImpact(
  options: CheckPrOptions,
  ctx: CommandContext,
  config: ReleasioConfig,
  title: string,
  repository: { git: GitRunner; start: string; url: string | null },
): Promise<Impact> {
  const { git, start, url } = repository;
  const remote = config.git.remote;
  const base =
    ctx.env.GITHUB_BASE_REF || ctx.env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME || config.default_branch;
  const auth = await remoteAuth(ctx, config, url);
  await fetchRefs(git, remote, [`+refs/heads/${base}:refs/remotes/${remote}/${base}`], { tags: true, auth });
  const projectPath = relative(git.cwd, start) || ".";
  return withDetachedWorktree(git, `refs/remotes/${remote}/${base}`, async (wt) => {
    const { sha } = await commitWorktree(wt, [], title, { allowEmpty: true });
    const plan = await planRelease({
      ...options,
      cwd: wt.dir,
      path: projectPath,
      env: detachedBranchEnv(ctx.env, base),
      logger: undefined,
      fetch: ctx.fetch,
      offline: true,
    });
    const p = plan.packages[0]!.plan;
    const mine = plan.commits.find((c) => c.sha === sha);
    const lines =
      p.release_needed && mine?.included
        ? p.changelog.split("\n").filter((l) => /^[-*] /.test(l) && l.includes(mine.description))
        : [];
    return {
      project: p.project,
      from: p.current_version ?? p.previous_version,
      to: p.release_needed && !p.pending_release ? p.next_version : null,
      lines,
    };
  });
}

export function commentBody(
  verdict: TitleVerdict,
  impact: Impact | null,
  impactError: string | null,
  examples: readonly string[],
): string {
  const lines = [CHECK_PR_MARKER];
  if (verdict.valid) {
    lines.push(`### ✅ The PR title is a valid conventional commit`, "", `\`${verdict.title}\``, "");
    lines.push(
      `- type: \`${verdict.type}\`${verdict.scope ? `, scope: \`${verdict.scope}\`` : ""}${verdict.breaking ? " — **Breaking change!**" : ""}`,
    );
    if (impact) {
      lines.push(
        impact.to
          ? `- impact of merging: bumps ${impact.from ?? "—"} → ${impact.to}${impact.project ? ` (${impact.project})` : ""}`
          : "- impact of merging: no release",
      );
      if (impact.lines.length > 0) lines.push("", "Changelog lines it would add:", "", ...impact.lines);
    } else if (impactError) {
      lines.push(`- impact of merging: unknown (${impactError})`);
    }
  } else {
    lines.push(`### ❌ The PR title is not a valid conventional commit`, "", `\`${verdict.title}\``, "");
    for (const p of verdict.problems) lines.push(`- ${p.message}`);
    lines.push("", `Expected format: \`${TITLE_FORMAT_HELP}\``, "", "Examples:", "");
    for (const e of examples) lines.push(`- \`${e}\``);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Whether the 0.x rule applies to a breaking title, from the highest release tag as the previous release (outside a
 * repository there is none) and the declared version.
 */
async function onZeroMajor(config: ReleasioConfig, repository: Repository): Promise<boolean> {
  if (config.version.major_on_zero) return false;
  const { start } = repository;
  const probe = await repository.probe();
  const git = "git" in probe ? probe.git : null;
  const root = git?.cwd ?? start;
  const tags = git ? releaseTags(await listTags(git).catch(() => []), releaseTagPattern(config.version)) : [];
  const previous = tags[0]?.version ?? null;
  // The declared version counts only without a release; unreadable metadata declares nothing here (a title is
  // checked whatever state the project files are in).
  let declared: string | null = null;
  const projectDir = previous === null ? findProjectDir(root, start) : null;
  try {
    if (projectDir !== null)
      declared = readProjectMetadata(diskReader(root, new Set()), projectDir).declaredVersion;
  } catch {
    declared = null;
  }
  const initial = tryParseVersion(config.version.initial_version);
  if (initial === null) return false;
  return breakingBumpsMinor(false, previous, declared ? tryParseVersion(declared) : null, initial);
}

/** Where the title is checked: the start directory, and its repository probed once, when first asked. */
interface Repository {
  start: string;
  probe(): Promise<RepositoryProbe | { error: unknown }>;
}

async function postComment(
  options: CheckPrOptions,
  ctx: CommandContext,
  config: ReleasioConfig,
  verdict: TitleVerdict,
  warnings: WarningList,
  repository: Repository,
): Promise<CheckPrPayload["comment"]> {
  const fail = (why: string) => {
    warnings.add({ code: "W_PR_COMMENT_FAILED", message: `could not post the check-pr comment: ${why}` });
    return null;
  };
  const number =
    readEvent(ctx.env).number ?? (Number.parseInt(ctx.env.CI_MERGE_REQUEST_IID ?? "", 10) || null);
  if (number === null)
    return fail("no PR number (pull_request.number in GITHUB_EVENT_PATH or CI_MERGE_REQUEST_IID)");
  try {
    const { start } = repository;
    // Outside a repository the comment is still posted; only the impact preview says why it is missing.
    const probe = await repository.probe();
    const git = "git" in probe ? probe.git : null;
    const url = git ? ((await remoteUrls(git)).get(config.git.remote) ?? null) : null;
    const forge = await openForge(ctx, config, url, { required: true });
    if (!forge) return fail("no forge is configured for this repository");
    let impact: Impact | null = null;
    let impactError: string | null = null;
    if (verdict.valid) {
      try {
        if ("error" in probe) throw probe.error;
        impact = await mergeImpact(options, ctx, config, verdict.title, { git: probe.git, start, url });
      } catch (e) {
        impactError = e instanceof Error ? e.message : String(e);
      }
    }
    const body = commentBody(verdict, impact, impactError, titleExamples(config, options));
    return await forge.upsertComment(number, CHECK_PR_MARKER, body);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}

export async function checkPr(options: CheckPrOptions = {}): Promise<CheckPrPayload> {
  refuseExecute("check-pr", options);
  const ctx = contextFrom(options);
  const warnings = new WarningList(ctx.logger);
  const loaded = await readConfigOnly(options);
  warnings.addAll(loaded.warnings);
  const config = loaded.config;
  const found = titleSource(options.title, ctx.env);
  if (!found) {
    throw new ReleasioError(
      "E_PR_TITLE_MISSING",
      "no PR title: pass --title, set GITHUB_PR_TITLE, or run in a pull_request event",
    );
  }
  const start = projectDirectory(ctx.cwd, options.path);
  let probing: ReturnType<Repository["probe"]> | null = null;
  const repository: Repository = {
    start,
    probe: () => (probing ??= probeRepository(start, ctx.env).catch((error: unknown) => ({ error }))),
  };
  const verdict = checkTitle(config, found.title, {
    requireScope: options.requireScope === true,
    breakingBumpsMinor: await onZeroMajor(config, repository),
  });
  // Offline, the comment is not posted (§3.2): no request at all, and a warning that says so.
  const offline = options.comment === true && isOffline(options, ctx.env);
  if (offline) warnings.add(offlineSkippedWarning("the check-pr comment", "post"));
  const comment =
    options.comment && !offline
      ? await postComment(options, ctx, config, verdict, warnings, repository)
      : null;
  const exitCode = verdict.valid ? 0 : 1;
  const payload: CheckPrPayload = {
    ...envelope("check-pr", false, warnings.items, exitCode),
    title: verdict.title,
    source: found.source,
    valid: verdict.valid,
    type: verdict.type,
    scope: verdict.scope,
    breaking: verdict.breaking,
    description: verdict.description,
    bump: verdict.bump,
    problems: verdict.problems,
    allowed_types: verdict.allowedTypes,
    comment,
  };
  if (!verdict.valid) {
    payload.error = {
      code: "E_PR_TITLE_INVALID",
      message: titleErrorMessage(verdict),
      hint: `use the format '${TITLE_FORMAT_HELP}'`,
      details: { format: TITLE_FORMAT_HELP, examples: titleExamples(config, options) },
    };
  }
  return payload;
}
