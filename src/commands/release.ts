/**
 * `release` (PRODUCT.md §4.4): tag, publish and announce the pending version. Decides what to release, runs the
 * preflight, then the release steps of `src/steps/release-steps.ts` through the journal.
 */

import { join } from "node:path";
import { gitPushAuth, openForge } from "../adapters/forge/open-forge.js";
import type { Forge } from "../adapters/forge/port.js";
import { readLog } from "../adapters/git/read-log.js";
import { showFile } from "../adapters/git/repository.js";
import { reachableTagNames } from "../adapters/git/tags.js";
import { askIndexForRelease } from "../adapters/index/read-api.js";
import { jsonApiBase, resolveRegistry } from "../adapters/index/registry.js";
import type { HookRun } from "../adapters/process/hooks.js";
import { releaseUrl } from "../core/changelog/links.js";
import { ReleasioError, type Warning } from "../core/errors.js";
import { forgeLinks } from "../core/forge/links.js";
import { buildPackagePlan } from "../core/plan/build-package-plan.js";
import { withCommitLookups } from "../core/plan/commit-lookups.js";
import type { CommitInfo, PackagePlan, PrereleaseToken } from "../core/plan/types.js";
import { projectFile } from "../core/project/files.js";
import { advisoryInput } from "../core/release/advisory.js";
import { compileAssetGlobs } from "../core/release/asset-globs.js";
import {
  type Contributor,
  changelogSection,
  entryWithoutHeading,
  RELEASE_BODY_LIMITS,
  renderReleaseBody,
} from "../core/release/body.js";
import { releaseContributors } from "../core/release/contributors.js";
import { decideRelease, type ReleaseDecision } from "../core/release/decision.js";
import { makeLatest, releaseName } from "../core/release/naming.js";
import { snapshotChannelHint } from "../core/release/snapshot.js";
import { renderTemplate } from "../core/text/template.js";
import { compareVersions, isPrerelease, parseVersion } from "../core/version/pep440.js";
import {
  formatTag,
  releaseTagPattern,
  releaseTags,
  selectPreviousRelease,
} from "../core/version/release-tags.js";
import { formatStep, Journal, type Step } from "../steps/journal.js";
import { releasePreflight } from "../steps/release-preflight.js";
import { releasePublishing } from "../steps/release-publishing.js";
import {
  type AssetReport,
  type DistInfo,
  offlineSkippedWarning,
  type PublishingPart,
  type ReleaseRun,
  recordStepsNotRun,
  releaseSteps,
  runReleaseSteps,
  tagConflict,
} from "../steps/release-steps.js";
import { lookUpCommits } from "./commit-lookups.js";
import { contextFrom, isOffline } from "./context.js";
import { type Envelope, envelope } from "./envelope.js";
import type { PlanOptions, RepositoryPlan } from "./plan-release.js";
import { firstTimeContributors, packagePlanInput, planRelease } from "./plan-release.js";
import { checkCleanTree, checkReleaseBranch, refuseOfflineExecute } from "./preconditions.js";

export type { DistInfo };

export interface ReleaseInfo {
  project: string;
  version: string;
  tag: string;
  previous_tag: string | null;
  previous_version: string | null;
  commit: string;
  prerelease: boolean;
  status: "planned" | "released" | "resumed" | "already-released" | "incomplete" | "failed";
  release_url: string | null;
  index_url: string | null;
  dists: DistInfo[];
  assets: { name: string; size: number; sha256: string; status: DistInfo["status"] }[];
}

export interface ReleasePayload extends Envelope {
  released: boolean;
  releases: ReleaseInfo[];
  steps: Step[];
  version: string | null;
  tag: string | null;
  previous_version: string | null;
  release_url: string | null;
}

/** Builds the publishing part of a release run (the publish steps); null = publishing is not available. */
export type PublishingFactory = (
  plan: RepositoryPlan,
  options: ReleaseOptions,
) => Promise<{
  part: PublishingPart;
  preflight: (r: ReleaseRun) => Promise<void>;
} | null>;

export interface ReleaseOptions
  extends Omit<PlanOptions, "writing" | "notes" | "preflight" | "version" | "prerelease"> {
  execute?: boolean;
  skipPublish?: boolean;
  distDir?: string | null;
  force?: boolean;
  /** The forge to use instead of the one selected from the configuration (API users, tests). */
  forge?: Forge | null;
  /** The publishing steps; without it, publishing is reported as unavailable. */
  publishing?: PublishingFactory;
  /** Collects the hooks the run executed (`do-release` reports them). */
  hookRuns?: HookRun[];
}

const PHASE_TOKEN: Record<string, PrereleaseToken> = { a: "alpha", b: "beta", rc: "rc" };

function tokenOf(version: string): PrereleaseToken | null {
  const v = parseVersion(version);
  if (v.dev !== null) return "dev";
  return v.pre ? (PHASE_TOKEN[v.pre.phase] ?? null) : null;
}

/** The plan the release is made from: its previous release, commits and changelog entry. */
export interface ReleaseScope {
  plan: PackagePlan;
  commits: CommitInfo[];
}

/**
 * On a resumed release the tag already sits at HEAD, so the plan sees no range. The range is read again as if the
 * tag did not exist yet, which gives the same previous release, commits and entry as the first run.
 */
async function scopeWithoutTag(state: RepositoryPlan, tag: string): Promise<ReleaseScope> {
  const { git, head, config, metadata } = state;
  const pattern = releaseTagPattern(config.version);
  const tags = releaseTags(
    state.rawTags.filter((t) => t.name !== tag),
    pattern,
  );
  const reachable = await reachableTagNames(
    git,
    head,
    tags.map((t) => t.name),
  );
  for (const t of tags) t.reachable = reachable.has(t.name);
  const declared = metadata?.declaredVersion ?? null;
  const token = declared ? tokenOf(declared) : null;
  const previous = selectPreviousRelease(tags, token !== null);
  const raws = await readLog(git, [previous.previous ? `${previous.previous.commit}..${head}` : head]);
  const result = buildPackagePlan(
    packagePlanInput(state, { tags, previous, commits: raws, prerelease: { token, source: null } }),
  );
  return { plan: result.plan, commits: result.commits };
}

/**
 * The release body's Contributors: the entry's authors, first-timers marked (no commit before the previous
 * release), named by forge login where the forge knows it (the same batched lookup as planning; best effort).
 */
async function contributorsOf(
  state: RepositoryPlan,
  forge: Forge | null,
  commits: CommitInfo[],
  previousTag: string | null,
  offline: boolean,
): Promise<Contributor[]> {
  const { ctx, config, git } = state;
  const previousCommit = previousTag
    ? (state.rawTags.find((t) => t.name === previousTag)?.commit ?? null)
    : null;
  const history = previousCommit ? await firstTimeContributors(git, previousCommit, commits) : null;
  const lookups = await lookUpCommits({
    ctx,
    config,
    remoteUrl: state.remoteUrl,
    warnings: state.warnings,
    offline,
    demand: { needsLogins: true, needsPrs: false, rendersEntry: false },
    commits,
    knownAuthors: history?.known ?? null,
    forge,
  });
  const credited = lookups
    ? withCommitLookups(commits, history?.firsts ?? new Set(), lookups)
    : { commits, firstTimers: history?.firsts ?? new Set<string>() };
  return releaseContributors(credited.commits, config.changelog.ignore_authors, credited.firstTimers);
}

/** The commits whose changes the release's notes describe: those up to the release commit. */
function entryCommits(scope: ReleaseScope): CommitInfo[] {
  const release = scope.plan.pending_release?.commit;
  const cut = release ? scope.commits.findIndex((c) => c.sha === release) : -1;
  return scope.commits.slice(cut + 1).filter((c) => c.included);
}

/** The tag the declared version gets (`v1.1.0`); null without a declared version. */
export function declaredTagOf(state: RepositoryPlan): string | null {
  const declared = state.metadata?.declaredVersion ?? null;
  const pattern = releaseTagPattern(state.config.version);
  return declared ? formatTag(pattern, parseVersion(declared)) : null;
}

async function decide(
  state: RepositoryPlan,
  p: PackagePlan,
  options: ReleaseOptions,
): Promise<ReleaseDecision> {
  const declared = state.metadata?.declaredVersion ?? null;
  const declaredTag = declaredTagOf(state);
  const tagged = declaredTag ? state.rawTags.find((t) => t.name === declaredTag) : undefined;
  // The plan's range starts at the declared tag when it is on HEAD's history; a release commit in it means the
  // tag was made before the release commit of its version.
  const onHistory = tagged
    ? (await reachableTagNames(state.git, state.head, [tagged.name])).has(tagged.name)
    : false;
  const releaseCommitAfterTag =
    tagged !== undefined &&
    (!onHistory ||
      (p.previous_tag === tagged.name && state.commits.some((c) => c.reason === "release-commit")));
  const above =
    declared !== null &&
    (p.previous_version === null ||
      compareVersions(parseVersion(declared), parseVersion(p.previous_version)) > 0);
  return decideRelease({
    declared,
    declaredTag,
    declaredTagCommit: tagged?.commit ?? null,
    head: state.head,
    releaseCommitAfterTag,
    pending: p.pending_release ? { version: p.pending_release.version, tag: p.pending_release.tag } : null,
    next: p.release_needed && p.next_version && p.tag ? { version: p.next_version, tag: p.tag } : null,
    declaredAbovePrevious: above,
    scmVersioned: declared === null && state.metadata !== null,
    force: options.force === true,
  });
}

/** The release payload around the given releases and journal (`do-release` reuses it). */
export function releasePayload(
  execute: boolean,
  releases: ReleaseInfo[],
  steps: Step[],
  warnings: readonly Warning[],
): ReleasePayload {
  const first = releases[0] ?? null;
  return {
    ...envelope("release", !execute, warnings),
    released: releases.some((r) => r.status === "released" || r.status === "resumed"),
    releases,
    steps,
    version: first?.version ?? null,
    tag: first?.tag ?? null,
    previous_version: first?.previous_version ?? null,
    release_url: first?.release_url ?? null,
  };
}

/** Already released elsewhere: say so when the forge release is missing or still a draft (best effort). */
async function incompleteWarning(
  state: RepositoryPlan,
  forge: Forge | null,
  decision: Extract<ReleaseDecision, { kind: "already-released" }>,
  options: ReleaseOptions,
): Promise<{ url: string | null }> {
  const { config, ctx } = state;
  const gaps: string[] = [];
  let url: string | null = null;
  const offline = isOffline(options, ctx.env);
  if (forge && config.release.enabled && offline) {
    state.warnings.add(offlineSkippedWarning(`the ${forge.repository.kind} release of ${decision.tag}`));
  } else if (forge && config.release.enabled) {
    const release = await forge.findRelease(decision.tag).catch(() => undefined);
    url = release?.url ?? null;
    if (release === null) gaps.push(`its ${forge.repository.kind} release is missing`);
    else if (release?.draft && !config.release.draft)
      gaps.push(`its ${forge.repository.kind} release is still a draft`);
  }
  const project = state.metadata?.name;
  const api = jsonApiBase(config.publish.registry);
  if (project && api && config.publish.enabled && options.skipPublish !== true && !offline) {
    if ((await askIndexForRelease(ctx.fetch, api, project, decision.version)).released === false)
      gaps.push(`${project} ${decision.version} is not on the index`);
  }
  if (gaps.length > 0) {
    state.warnings.add({
      code: "W_INCOMPLETE_RELEASE",
      message: `${decision.tag} is tagged but ${gaps.join(" and ")}; re-run 'releasio release --execute' at ${decision.commit} to finish`,
    });
  }
  return { url };
}

/**
 * Re-thrown failures keep their code; the journal travels in `details.steps`. An executed run's hint says how to
 * finish; a dry run changed nothing, so there is nothing to finish.
 */
export function finishHint(error: unknown, commit: string, steps: Step[], execute: boolean): unknown {
  if (!(error instanceof ReleasioError)) return error;
  const resume = execute ? `re-run the same command at ${commit} to finish` : null;
  return new ReleasioError(error.code, error.message, {
    hint: [error.hint, resume].filter((h): h is string => h !== null && h !== "").join("; ") || null,
    details: { ...(error.details ?? {}), steps, commit },
    exitCode: error.exitCode,
    cause: error,
  });
}

/** A release prepared to run: the run (target, forge, hooks, publishing), its journal and the payload entry. */
export interface PreparedRelease {
  run: ReleaseRun;
  journal: Journal;
  /** The publishing preflight (credentials, exchange, --dist-dir validation); null when publishing is off. */
  publishingPreflight: ((r: ReleaseRun) => Promise<void>) | null;
  /** The payload entry of this release in the given status. */
  info(status: ReleaseInfo["status"]): ReleaseInfo;
}

/**
 * Builds the release run of `version`/`tag` from `scope` (the previous release, the commits and the entry the
 * notes come from): the target at HEAD, the release body, hooks, the forge and publishing parts. `release` and
 * `do-release` (which moves `target.commit` to its release commit) share it.
 */
export async function prepareRelease(
  state: RepositoryPlan,
  forge: Forge | null,
  subject: { version: string; tag: string; scope: ReleaseScope },
  options: ReleaseOptions,
): Promise<PreparedRelease> {
  const { ctx, config, git, warnings } = state;
  const execute = options.execute === true;
  const decision = { version: subject.version, tag: subject.tag };
  const scope = subject.scope;
  const project = state.metadata?.name ?? state.packages[0]!.plan.project ?? "project";
  const remote = config.git.remote;
  const remoteUrl = state.remoteUrl;
  const p = scope.plan;
  const version = parseVersion(decision.version);
  const pattern = releaseTagPattern(config.version);
  const allVersions = releaseTags(state.rawTags, pattern).map((t) => t.version);
  const nameValues = {
    project,
    package: state.packages.length > 1 ? project : "",
    version: decision.version,
    tag: decision.tag,
    previous_version: p.previous_version ?? "",
    previous_tag: p.previous_tag ?? "",
  };

  // Release notes: the section reviewed in the release PR (the changelog file at the release commit) wins.
  const releaseCommit = p.pending_release?.commit ?? state.head;
  const changelogPath =
    state.packages[0]!.changelogPath ?? projectFile(state.projectPath, config.changelog.path);
  const fileText = await showFile(git, releaseCommit, changelogPath);
  const notes =
    (fileText && changelogSection(fileText, decision.version)) ?? entryWithoutHeading(p.changelog);
  const commits = entryCommits(scope);
  const offline = isOffline(options, ctx.env);
  const contributors = config.release.include_contributors
    ? await contributorsOf(state, forge, commits, p.previous_tag, offline)
    : null;
  const publishingOn = options.skipPublish !== true && config.publish.enabled;
  const registry = publishingOn ? resolveRegistry(config.publish, ctx.env) : null;
  const links = forgeLinks(config, remoteUrl, ctx.env);
  const compareUrl = links ? releaseUrl(links, p.previous_tag, decision.tag) : null;
  const body = (assets: readonly { name: string; sha256: string }[]) =>
    renderReleaseBody({
      notes,
      contributors,
      assets: config.release.include_assets ? assets : null,
      installation:
        config.release.include_installation && registry?.name
          ? { project, version: decision.version, index: registry.name }
          : null,
      compareUrl,
      limit: RELEASE_BODY_LIMITS[forge?.repository.kind ?? "github"],
      changelogFile: fileText ? changelogPath : null,
    });

  const securityCommits = commits.filter((c) => c.security);
  const advisoryWanted =
    config.security.enabled && config.security.auto_create_advisory && config.forge !== "none";

  const hookRuns: HookRun[] = options.hookRuns ?? [];
  const assetReports: AssetReport[] = [];
  const journal = new Journal((step) => ctx.logger.debug(formatStep(step)));
  const run: ReleaseRun = {
    execute,
    target: {
      project,
      package: state.packages.length > 1 ? project : null,
      version: decision.version,
      tag: decision.tag,
      previousTag: p.previous_tag,
      previousVersion: p.previous_version,
      commit: state.head,
      prerelease: isPrerelease(version),
      name: releaseName(config.release.name_format, nameValues),
      makeLatest: makeLatest(version, allVersions),
      tagMessage: renderTemplate(config.git.tag_message, {
        project,
        version: decision.version,
        tag: decision.tag,
      }),
      signTag: config.git.sign_tags,
    },
    git,
    remote,
    auth: await gitPushAuth(ctx, config, remoteUrl),
    forge,
    // `forge = "none"` disables forge releases (§5.5): the tag, the build and the upload remain.
    release: {
      enabled: config.release.enabled && config.forge !== "none",
      leaveDraft: config.release.draft,
      ...(config.forge === "none" ? { disabledBy: 'forge = "none"' } : {}),
    },
    root: state.root,
    assetGlobs: compileAssetGlobs(
      config.release.assets,
      state.projectPath,
      state.loaded.origins["release.assets"]?.replace(/^file:/, "") ?? state.loaded.file ?? "configuration",
    ),
    hooks: {
      preRelease: config.hooks.pre_release,
      postRelease: config.hooks.post_release,
      values: {
        version: decision.version,
        tag: decision.tag,
        previous_version: p.previous_version ?? "",
        previous_tag: p.previous_tag ?? "",
        project_path: state.projectPath,
        branch: state.branch ?? "",
        package: state.packages.length > 1 ? project : "",
      },
      options: {
        cwd: join(state.root, state.projectPath),
        env: ctx.env,
        onOutput: (t) => ctx.logger.info(t.trimEnd()),
      },
    },
    publishing: null,
    publishingOff: options.skipPublish ? "--skip-publish" : "publish.enabled = false",
    advisory:
      advisoryWanted && securityCommits.length > 0
        ? advisoryInput(project, decision.version, config.security.severity, securityCommits)
        : null,
    advisoryOff: !config.security.enabled
      ? "security.enabled = false"
      : !config.security.auto_create_advisory
        ? "security.auto_create_advisory = false"
        : "no security fixes in this release",
    body,
    warn: (w) => warnings.add(w),
    observed: {},
    changed: [],
    hookRuns,
    assetReports,
    offline,
  };

  let publishingPreflight: ((r: ReleaseRun) => Promise<void>) | null = null;
  if (publishingOn) {
    const made = options.publishing
      ? await options.publishing(state, options)
      : releasePublishing({
          ctx,
          warnings,
          publish: config.publish,
          registry: registry!,
          root: state.root,
          projectPath: state.projectPath,
          project,
          version: decision.version,
          distDir: options.distDir ?? null,
          buildHook: config.hooks.build,
          visibility: async () => run.observed.repository?.visibility ?? null,
        });
    if (!made) {
      throw new ReleasioError("E_USAGE", "publishing is not available in this build of releasio", {
        hint: "pass --skip-publish (or set publish.enabled = false) and publish with another tool",
      });
    }
    run.publishing = made.part;
    publishingPreflight = made.preflight;
  }

  const info = (status: ReleaseInfo["status"]): ReleaseInfo => ({
    project,
    version: decision.version,
    tag: decision.tag,
    previous_tag: p.previous_tag,
    previous_version: p.previous_version,
    commit: run.target.commit,
    prerelease: run.target.prerelease,
    status,
    release_url: run.observed.release?.url ?? null,
    index_url: run.publishing?.indexUrl ?? null,
    dists: run.publishing?.dists() ?? [],
    assets: assetReports,
  });

  return { run, journal, publishingPreflight, info };
}

/**
 * `; 1.0.1 is planned from the commits since v1.0.0: …`: the version that commits after the last release call for
 * but no release commit declares yet, and how to release it; empty when they call for none.
 */
function awaitingRelease(plan: PackagePlan): string {
  if (!plan.release_needed || plan.pending_release) return "";
  const since = plan.previous_tag ? ` since ${plan.previous_tag}` : "";
  return `; ${plan.next_version ?? "a new version"} is planned from the commits${since}: 'releasio release-pr' opens its release pull request, 'releasio do-release' releases it at once`;
}

export async function release(options: ReleaseOptions = {}): Promise<ReleasePayload> {
  const execute = options.execute === true;
  refuseOfflineExecute("release", execute, isOffline(options, contextFrom(options).env));
  const state = await planRelease({
    ...options,
    writing: false,
    preflight: async (s) => {
      await checkCleanTree(s, execute, options.allowDirty === true);
      checkReleaseBranch(s, execute, s.branch ? snapshotChannelHint(s.branch) : undefined);
    },
  });
  // A snapshot channel publishes S.devN without commit, tag or forge release (§6.19).
  if (state.channel?.publishOnly)
    return (await import("./release-snapshot.js")).snapshotRelease(state, options);
  const { ctx, config, warnings } = state;
  // A pre-release is pending only for a pre-release run: plan again with the declared version's own token.
  const declaredVersion = state.metadata?.declaredVersion ?? null;
  const planned0 = state.packages[0]!.plan;
  const prereleaseScope =
    declaredVersion && isPrerelease(parseVersion(declaredVersion)) && !planned0.pending_release
      ? await scopeWithoutTag(state, declaredTagOf(state) ?? "")
      : null;
  const decision = await decide(state, prereleaseScope?.plan ?? planned0, options);
  if (decision.kind === "conflict") throw tagConflict(decision.tag, decision.commit, state.head, "local");
  const project = state.metadata?.name ?? state.packages[0]!.plan.project ?? "project";
  const remote = config.git.remote;
  const remoteUrl = state.remoteUrl;
  const forgeWanted =
    config.release.enabled || (config.security.enabled && config.security.auto_create_advisory);
  const forge =
    options.forge !== undefined
      ? options.forge
      : forgeWanted && decision.kind !== "nothing"
        ? await openForge(ctx, config, remoteUrl, {
            required: execute && decision.kind !== "already-released",
            remoteName: remote,
          })
        : null;

  if (decision.kind === "nothing") {
    ctx.logger.info(`Nothing to release: ${decision.why}${awaitingRelease(planned0)}`);
    return releasePayload(execute, [], [], warnings.items);
  }
  if (decision.kind === "already-released") {
    const { url } = await incompleteWarning(state, forge, decision, options);
    ctx.logger.info(
      `${project} ${decision.version} is already released (${decision.tag} on ${decision.commit.slice(0, 7)})${awaitingRelease(planned0)}`,
    );
    const info: ReleaseInfo = {
      project,
      version: decision.version,
      tag: decision.tag,
      previous_tag: null,
      previous_version: null,
      commit: decision.commit,
      prerelease: isPrerelease(parseVersion(decision.version)),
      status: "already-released",
      release_url: url,
      index_url: null,
      dists: [],
      assets: [],
    };
    return releasePayload(execute, [info], [], warnings.items);
  }

  const scope: ReleaseScope =
    decision.kind === "resume"
      ? await scopeWithoutTag(state, decision.tag)
      : (prereleaseScope ?? { plan: state.packages[0]!.plan, commits: state.commits });
  const { run, journal, publishingPreflight, info } = await prepareRelease(
    state,
    forge,
    { version: decision.version, tag: decision.tag, scope },
    options,
  );

  try {
    await journal.run("preflight", run.target.package, () =>
      releasePreflight(run, { branch: state.branch, publishing: publishingPreflight }),
    );
    await runReleaseSteps(journal, releaseSteps(), run);
  } catch (error) {
    recordStepsNotRun(journal, run.target.package);
    throw finishHint(error, state.head, journal.steps, execute);
  }
  const status: ReleaseInfo["status"] = !execute
    ? "planned"
    : run.changed.length === 0
      ? "already-released"
      : decision.kind === "resume"
        ? "resumed"
        : "released";
  return releasePayload(execute, [info(status)], journal.steps, warnings.items);
}
