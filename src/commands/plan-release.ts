/**
 * Reads the world (git, configuration, project files, optionally the index) into plain data and hands it to
 * the pure planner. Every command starts here.
 */
import { relative } from "node:path";
import { type LoadedConfig, loadConfig } from "../adapters/fs/config-files.js";
import { diskReader, findProjectDir, toPosix } from "../adapters/fs/file-reader.js";
import type { FileWrite } from "../adapters/fs/write-files.js";
import { type ChainWalk, startChainWalk, streamLog } from "../adapters/git/read-log.js";
import {
  deepenShallowClone,
  isAncestor,
  probeRepository,
  remoteUrls,
  showFile,
  trackedFiles,
} from "../adapters/git/repository.js";
import { GitRunner } from "../adapters/git/run-git.js";
import { listTags, reachableTagNames } from "../adapters/git/tags.js";
import { askIndexForRelease } from "../adapters/index/read-api.js";
import { jsonApiBase } from "../adapters/index/registry.js";
import { runGitCliff } from "../adapters/process/git-cliff.js";
import { diffDependencies, LOCK_KINDS, parseLockVersions } from "../core/changelog/dependencies.js";
import { extractEntry, insertEntry } from "../core/changelog/insert-entry.js";
import type { ForgeLinks } from "../core/changelog/options.js";
import { authorKey } from "../core/changelog/render-entry.js";
import { type ClassifyOptions, type MessageMemo, readCommitMessage } from "../core/commits/classify.js";
import { loginFromEmail } from "../core/commits/message.js";
import { classifyOptions } from "../core/commits/rules.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError, type Warning } from "../core/errors.js";
import { forgeLinks } from "../core/forge/links.js";
import { buildPackagePlan, type PackagePlanInput } from "../core/plan/build-package-plan.js";
import { type Channel, channelFor, effectiveToken } from "../core/plan/prerelease.js";
import type { CommitInfo, FileChange, PackagePlan, RawCommit } from "../core/plan/types.js";
import { type FileReader, projectFile } from "../core/project/files.js";
import { type ProjectMetadata, readProjectMetadata } from "../core/project/metadata.js";
import { normalizePackageName } from "../core/project/package-name.js";
import { type EditPlan, type PlannedEdit, planVersionEdits } from "../core/project/plan-edits.js";
import { unmanagedModulesHint, unmanagedVersionModules } from "../core/project/version-files.js";
import {
  isFinal,
  isPlaceholderVersion,
  normalizeVersion,
  parseVersion,
  versionsEqual,
} from "../core/version/pep440.js";
import { parsePrereleaseToken } from "../core/version/prerelease-token.js";
import { resolveReachability } from "../core/version/reachability-search.js";
import {
  type GitTag,
  otherReleasePrefix,
  type PreviousRelease,
  type ReleaseTag,
  releaseTagPattern,
  releaseTags,
  selectPreviousRelease,
} from "../core/version/release-tags.js";
import { lookUpCommits } from "./commit-lookups.js";
import {
  type CommandContext,
  type CommonOptions,
  contextFrom,
  isOffline,
  projectDirectory,
  WarningList,
} from "./context.js";

export interface PlanOptions extends CommonOptions {
  /** The PATH argument: start of config discovery and the project, relative to cwd. */
  path?: string;
  /** Explicit next version (`--version`, `--release-as`). */
  version?: string | null;
  /** Pre-release token (`--prerelease`, `--pre`). */
  prerelease?: string | null;
  /** Release-PR notes folded into the entry. */
  notes?: string | null;
  /** List the tags with their dates (the changelog's release dates); planning itself needs none. */
  tagDates?: boolean;
  /** Workspace packages to consider (`--package`); a single project accepts its own name. */
  packages?: readonly string[];
  /** The command writes files: an unrecognised dynamic version source is then an error. */
  writing?: boolean;
  /**
   * Warn about the project's version modules that the planned release leaves as they are (`__version__` in a
   * package that no version file entry or auto-detection covers): the commands that bump versions ask for it.
   */
  reportUnmanagedModules?: boolean;
  /**
   * The caller shows author logins beyond the changelog entry (`check`'s `author.login`, a release body's
   * Contributors): with `changelog.resolve_usernames` the forge is asked for them. A function decides once the
   * configuration is known (e.g. `(c) => c.release.include_contributors`).
   */
  needsLogins?: boolean | ((config: ReleasioConfig) => boolean);
  /** Execute-mode preconditions, checked once the configuration is known and before anything is planned. */
  preflight?: (state: {
    git: GitRunner;
    config: ReleasioConfig;
    warnings: WarningList;
    branch: string | null;
  }) => Promise<void>;
}

export interface PackageState {
  plan: PackagePlan;
  metadata: ProjectMetadata | null;
  /** Every planned file content change (version sources, version files, lock files); not the changelog. */
  edits: PlannedEdit[];
  /** The changelog file, relative to the repository root; null when disabled. */
  changelogPath: string | null;
  /** Every file that holds the version, edited or already holding the new one (version sources, version files). */
  versionHolders: string[];
}

export interface RepositoryPlan extends ProjectState {
  packages: PackageState[];
  commits: CommitInfo[];
}

/** Validates the version flags before anything is read: bad input exits 2 and touches nothing. */
export function validateVersionFlags(options: Pick<PlanOptions, "version" | "prerelease">): void {
  if (options.version != null) normalizeVersion(options.version, "--version");
  if (options.prerelease != null) parsePrereleaseToken(options.prerelease, "--prerelease");
}

/** A detached HEAD's branch per §3.3: the CI branch, when HEAD is contained in its remote branch. */
export async function resolveDetachedBranch(
  git: GitRunner,
  env: CommandContext["env"],
  remote: string,
): Promise<string | null> {
  const ci = env.GITHUB_REF?.startsWith("refs/heads/") ? env.GITHUB_REF_NAME : env.CI_COMMIT_BRANCH;
  if (!ci) return null;
  const contained = await isAncestor(git, "HEAD", `refs/remotes/${remote}/${ci}`).catch(() => false);
  return contained ? ci : null;
}

/** What reads the range's commits as they stream; `forget` drops the readings of commits read in vain. */
interface RangeReader {
  read(commit: RawCommit): void;
  forget(commit: RawCommit): void;
}

/**
 * The previous release and the commits since it. The highest qualifying final tag is usually the answer, so
 * one pass both reads the range and proves that tag reachable: a walk down the plain chain of commits from HEAD
 * (all of a linear history: squash or rebase merging), then, below it, one `git log --boundary` pass for the rest
 * of the range (the tag is then a boundary commit). Otherwise reachability is asked tag by tag and the range read
 * afterwards. `early` is the chain walk started while the tags were being listed, if any; it is used or stopped.
 */
async function readRange(
  git: GitRunner,
  head: string,
  tags: ReleaseTag[],
  prereleaseRun: boolean,
  reader: RangeReader,
  early: ChainWalk | null,
): Promise<{ previous: PreviousRelease; raws: RawCommit[] }> {
  const collect = (raws: RawCommit[]) => (c: RawCommit) => {
    raws.push(c);
    reader.read(c);
  };
  const candidate = tags.find((t) => prereleaseRun || isFinal(t.version));
  const final = candidate !== undefined && isFinal(candidate.version) ? candidate : null;
  // A chain walk serves only a range below HEAD that starts at a final tag.
  const walk =
    final && final.commit !== head ? (early ?? startChainWalk(git, head, reader.read, final.commit)) : null;
  if (early && walk !== early) for (const c of await early.cancel()) reader.forget(c);
  if (final) {
    const raws: RawCommit[] = [];
    let end = head;
    if (walk) {
      const chain = await walk.readTo(final.commit, (c) => raws.push(c));
      for (const c of chain.outside) reader.forget(c);
      end = chain.end;
    }
    let reachable = end === final.commit;
    if (!reachable) {
      // The rest of the range, below the plain chain already read; the tag is reachable if it is a boundary.
      await streamLog(git, [`${final.commit}..${end}`], collect(raws), {
        onBoundary: (sha) => {
          if (sha === final.commit) reachable = true;
        },
      });
    }
    if (reachable) {
      final.reachable = true;
      return { previous: selectPreviousRelease(tags, prereleaseRun), raws };
    }
    // The tag is not reachable: the commits read belong to another range, read below.
    for (const c of raws) reader.forget(c);
  }
  await resolveReachability(tags, prereleaseRun, (names) => reachableTagNames(git, head, names));
  const previous = selectPreviousRelease(tags, prereleaseRun);
  const raws: RawCommit[] = [];
  await streamLog(git, [previous.previous ? `${previous.previous.commit}..${head}` : head], collect(raws));
  return { previous, raws };
}

/**
 * Authors of the range with no commit reachable from the previous release, keyed like the renderer keys them
 * (`authorKey`: login, else lower-cased email), and the keys known before (to check logins the forge reveals).
 * Whether one is credited (bots) is the renderer's decision.
 */
export async function firstTimeContributors(
  git: GitRunner,
  previousCommit: string,
  commits: readonly { author: { name: string; email: string } }[],
): Promise<{ firsts: Set<string>; known: Set<string> }> {
  const keyOf = (name: string, email: string) => authorKey({ name, email, login: loginFromEmail(email) });
  const before = new Set<string>();
  const out = await git.text(["log", "--format=%aN%x00%aE", previousCommit]);
  for (const line of out.split("\n")) {
    const [name, email] = line.split("\0");
    if (email !== undefined) before.add(keyOf(name!, email));
  }
  const firsts = new Set<string>();
  for (const c of commits) {
    const key = keyOf(c.author.name, c.author.email);
    if (!before.has(key)) firsts.add(key);
  }
  return { firsts, known: before };
}

/** The Dependencies section of an entry: the first lock file in the working tree against it at `previousCommit`. */
export async function dependencyChanges(
  git: GitRunner,
  reader: FileReader,
  projectPath: string,
  previousCommit: string,
  exclude: string[],
) {
  for (const kind of LOCK_KINDS) {
    const path = projectFile(projectPath, kind);
    const after = reader.read(path);
    if (after === null) continue;
    const before = await showFile(git, previousCommit, path);
    return diffDependencies(
      before === null ? new Map() : parseLockVersions(kind, before),
      parseLockVersions(kind, after),
      exclude,
    );
  }
  return [];
}

function today(ctx: CommandContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** The repository as every command first reads it: git state, configuration, project metadata, tags. */
export interface ProjectState {
  ctx: CommandContext;
  git: GitRunner;
  root: string;
  head: string;
  branch: string | null;
  channel: Channel | null;
  loaded: LoadedConfig;
  config: ReleasioConfig;
  reader: FileReader;
  forge: ForgeLinks | null;
  /** The URL of the configured remote (`git.remote`), null when it has none. */
  remoteUrl: string | null;
  rawTags: GitTag[];
  projectPath: string;
  metadata: ProjectMetadata | null;
  warnings: WarningList;
}

/** `--package` names only the project itself (one package per repository until workspaces are planned). */
function checkSelectedPackages(selected: readonly string[], metadata: ProjectMetadata | null): void {
  const own = [metadata?.name, metadata?.normalizedName].filter((n): n is string => !!n);
  const unknown = selected.filter((n) => !own.includes(n) && !own.includes(normalizePackageName(n)));
  if (unknown.length > 0) {
    throw new ReleasioError(
      "E_USAGE",
      `unknown package '${unknown[0]}': this repository holds ${own[0] ?? "no named project"}`,
      {
        hint: own[0] ? `use --package ${own[0]} or leave --package out` : "leave --package out",
      },
    );
  }
}

/** git in the directory a command is pointed at (`path`, from the working directory), traced under --verbose. */
export function gitAtPath(ctx: CommandContext, options: Pick<PlanOptions, "path" | "verbose">): GitRunner {
  const trace = options.verbose ? (line: string) => ctx.logger.debug(line) : null;
  return new GitRunner(projectDirectory(ctx.cwd, options.path), ctx.env, trace);
}

/**
 * An offline run in a shallow clone fetches nothing, so it can plan only from a previous release the clone holds:
 * without one, the missing history would pass for a first release.
 */
async function requireShallowRelease(
  git: GitRunner,
  head: string,
  tags: readonly ReleaseTag[],
  prereleaseRun: boolean,
): Promise<void> {
  const reachable = await reachableTagNames(
    git,
    head,
    tags.map((t) => t.name),
  );
  const held = tags.filter((t) => reachable.has(t.name));
  if (held.some((t) => prereleaseRun || isFinal(t.version))) return;
  const found =
    held.length === 0
      ? "no release tag is reachable from HEAD in it"
      : `only pre-release tags are reachable from HEAD in it (${held
          .slice(0, 3)
          .map((t) => t.name)
          .join(", ")}), and a final release is planned from the previous final one`;
  throw new ReleasioError(
    "E_SHALLOW_CLONE",
    `the clone is shallow and ${found}; --offline forbids fetching more history`,
    { hint: "use actions/checkout with fetch-depth: 0, or run without --offline to fetch the history" },
  );
}

/**
 * `configured` is told the repository, HEAD and the configuration as soon as they are known, before the tags and
 * the rest (e.g. to start reading history while git lists the tags), and whether git has listed the tags already;
 * a shallow clone is deepened first.
 */
export async function readProject(
  options: PlanOptions = {},
  configured?: (git: GitRunner, head: string, config: ReleasioConfig, tagsListed: boolean) => void,
): Promise<ProjectState> {
  const ctx = contextFrom(options);
  const warnings = new WarningList(ctx.logger);
  validateVersionFlags(options);
  // git lists the tags and remotes while the repository is probed and the configuration read: neither depends
  // on them. A shallow clone lists them again once deepened.
  const here = gitAtPath(ctx, options);
  const { cwd: start, trace } = here;
  const tagListing = { dates: options.tagDates === true };
  let tagsListed = false;
  const listed = Promise.all([listTags(here, tagListing), remoteUrls(here)]);
  listed.then(
    () => {
      tagsListed = true;
    },
    () => {},
  );
  const probe = await probeRepository(start, ctx.env, trace);
  const { git, head } = probe;
  const root = git.cwd;
  // --offline means no network access (§3.2): a shallow clone is planned as it is, or not at all.
  const offline = isOffline(options, ctx.env);
  const deepens = probe.shallow && !offline;
  const early = deepens ? null : listed;

  const loaded = await loadConfig({
    cwd: start,
    repoRoot: root,
    env: ctx.env,
    configFile: options.config ?? null,
  });
  warnings.addAll(loaded.warnings);
  const config = loaded.config;
  const remote = config.git.remote;

  if (deepens) {
    await deepenShallowClone(git, remote);
    warnings.add({
      code: "W_SHALLOW_DEEPENED",
      message: `the clone was shallow; fetched the full history and tags from ${remote}`,
    });
  }
  configured?.(git, head, config, early !== null && tagsListed);

  // Tracked files are only needed to find version modules; listing them costs a process otherwise.
  const [branch, tracked, [rawTags, urls]] = await Promise.all([
    probe.branch ?? resolveDetachedBranch(git, ctx.env, remote),
    config.version.auto_detect_version_files || options.reportUnmanagedModules
      ? trackedFiles(git)
      : new Set<string>(),
    early ?? Promise.all([listTags(git, tagListing), remoteUrls(git)]),
  ]);
  const url = urls.get(remote) ?? null;
  await options.preflight?.({ git, config, warnings, branch });
  const channel = channelFor(config, branch);
  if (probe.shallow && offline) {
    const prereleaseRun = effectiveToken(options.prerelease, channel, config).token !== null;
    await requireShallowRelease(
      git,
      head,
      releaseTags(rawTags, releaseTagPattern(config.version)),
      prereleaseRun,
    );
  }
  const reader = diskReader(root, tracked);
  // Known even without links: a GitLab merge request is written `!12` either way.
  const forge = forgeLinks(config, url, ctx.env);

  const projectDir = findProjectDir(root, start);
  const projectPath = projectDir ?? (toPosix(relative(root, start)) || ".");
  let metadata: ProjectMetadata | null = null;
  if (projectDir === null) {
    warnings.add({
      code: "W_NO_PROJECT_FILE",
      message: `no pyproject.toml, setup.cfg or setup.py found in ${start}: versions come from tags only`,
    });
  } else {
    metadata = readProjectMetadata(reader, projectDir);
    if (metadata.unrecognizedDynamic) {
      const message = `cannot determine the declared version of ${metadata.name ?? projectDir}: ${metadata.unrecognizedDynamic}`;
      if (options.writing) throw new ReleasioError("E_PROJECT_METADATA", message);
      warnings.add({ code: "W_DYNAMIC_VERSION", message });
    }
    if (options.writing && metadata.name === null) {
      // The release commit, the tag's title and the index all need the distribution's name.
      const file = metadata.projectFile ?? projectFile(projectDir, "pyproject.toml");
      throw new ReleasioError("E_PROJECT_METADATA", `${file}: the project has no name`, {
        hint: 'declare it in pyproject.toml: [project] name = "your-distribution-name"',
        details: { file },
      });
    }
    const members = metadata.uvWorkspaceMembers;
    if (members.length > 0 && config.packages.discover_uv_workspace) {
      warnings.add({
        code: "W_WORKSPACE_UNSUPPORTED",
        message:
          `${projectFile(projectDir, "pyproject.toml")} declares a uv workspace (members: ${members.join(", ")}), ` +
          "whose packages releasio does not release yet: only the project in " +
          `${projectDir === "." ? "the repository root" : projectDir} is planned. ` +
          "Set packages.discover_uv_workspace = false to plan it alone without this warning",
      });
    }
  }
  checkSelectedPackages(options.packages ?? [], metadata);
  return {
    ctx,
    git,
    root,
    head,
    branch,
    channel,
    loaded,
    config,
    reader,
    forge,
    remoteUrl: url,
    rawTags,
    projectPath,
    metadata,
    warnings,
  };
}

/**
 * The plan input of the project's package over one range, with nothing looked up (index, first-time contributors,
 * dependency updates, notes): `planRelease` adds those; `release` re-plans a range with it as is.
 */
export function packagePlanInput(
  state: ProjectState,
  range: Pick<PackagePlanInput, "tags" | "previous" | "commits" | "prerelease">,
): PackagePlanInput {
  const { config, metadata } = state;
  return {
    config,
    project: metadata?.name ?? null,
    path: state.projectPath,
    declared: metadata?.declaredVersion ?? null,
    tagPattern: releaseTagPattern(config.version),
    ...range,
    head: state.head,
    override: null,
    declaredOnIndex: null,
    date: today(state.ctx),
    forge: state.forge,
    firstTimeContributors: new Set(),
    dependencies: [],
    notes: null,
    renderChangelog: config.changelog.engine === "native",
  };
}

export async function planRelease(options: PlanOptions = {}): Promise<RepositoryPlan> {
  // Each message is read as `git log` streams it, while git is still producing the next ones; classifying
  // against the bump rules (which depend on the previous release) happens after, from these readings. If git
  // still lists the tags when the configuration is known, the walk down from HEAD starts then, without them.
  const messages: MessageMemo = new Map();
  let rules: ClassifyOptions | undefined;
  const readingFor = (config: ReleasioConfig) =>
    (rules ??= classifyOptions(config, { breakingBumpsMinor: false, messages }));
  const started: { walk: ChainWalk | null } = { walk: null };
  try {
    const state = await readProject(options, (git, head, config, tagsListed) => {
      const reading = readingFor(config);
      // With the tags listed already, the walk starts a moment later knowing where the range ends, which spares
      // git a walk it would stop and start again.
      if (!tagsListed) started.walk = startChainWalk(git, head, (c) => readCommitMessage(c, reading));
    });
    return await planFromState(options, state, { messages, rules: readingFor(state.config) }, started.walk);
  } finally {
    // Used up by the range read, or stopped before it: a walk never outlives the plan.
    await started.walk?.cancel();
  }
}

async function planFromState(
  options: PlanOptions,
  state: ProjectState,
  reading: { messages: MessageMemo; rules: ClassifyOptions },
  early: ChainWalk | null,
): Promise<RepositoryPlan> {
  const { ctx, git, root, head, config, reader, rawTags, projectPath, metadata, warnings, channel } = state;
  const prerelease = effectiveToken(options.prerelease, channel, config);

  const pattern = releaseTagPattern(config.version);
  const tags: ReleaseTag[] = releaseTags(rawTags, pattern);
  const other = tags.length === 0 ? otherReleasePrefix(rawTags, pattern) : null;
  if (other) {
    const tagged =
      other.count === 1
        ? `tag '${other.example}' looks like a release`
        : `${other.count} tags such as '${other.example}' look like releases`;
    warnings.add({
      code: "W_TAG_PREFIX_MISMATCH",
      message: `no release tag has the prefix '${pattern.prefix}', but ${tagged} with the prefix '${other.prefix}': this is planned as a first release; if they are this project's releases, set version.tag_prefix = "${other.prefix}"`,
    });
  }

  const { messages, rules } = reading;
  const { previous, raws } = await readRange(
    git,
    head,
    tags,
    prerelease.token !== null,
    {
      read: (c) => readCommitMessage(c, rules),
      forget: (c) => messages.delete(c),
    },
    early,
  );

  const declared = metadata?.declaredVersion ?? null;
  let declaredOnIndex: boolean | null = null;
  // A placeholder (`0.0.0`) is never released: the first release is initial_version, whatever the index holds. A
  // tag for the declared version (on any branch) already says it is released (§6.8): the index is not asked then.
  const declaredParsed = declared === null ? null : parseVersion(declared);
  const asksIndex =
    previous.previous === null &&
    declaredParsed !== null &&
    !isPlaceholderVersion(declaredParsed) &&
    !tags.some((t) => versionsEqual(t.version, declaredParsed));
  if (asksIndex && declared !== null && metadata?.name) {
    const api = jsonApiBase(config.publish.registry);
    const offline = isOffline(options, ctx.env);
    const asked =
      config.publish.enabled && api && !offline
        ? await askIndexForRelease(ctx.fetch, api, metadata.name, declared)
        : null;
    declaredOnIndex = asked?.released ?? null;
    if (declaredOnIndex === null) {
      // Why the index gave no answer (then --offline would spare the attempt), or why it was not asked.
      const why = asked
        ? (asked.problem ?? "no answer")
        : offline
          ? "offline"
          : config.publish.enabled
            ? "the index has no JSON API"
            : "publishing is disabled";
      warnings.add({
        code: "W_INDEX_UNCHECKED",
        message: `could not ask the index whether ${metadata.name} ${declared} is already released (${why}); treating it as unreleased${asked ? "; --offline skips the question" : ""}`,
      });
    }
  }

  const previousCommit = previous.previous?.commit ?? null;
  const authorHistory =
    config.changelog.show_first_time_contributors && previousCommit
      ? await firstTimeContributors(git, previousCommit, raws)
      : null;
  const firstTimers = authorHistory?.firsts ?? new Set<string>();
  const exclude = metadata?.normalizedName ? [metadata.normalizedName] : [];
  const dependencies =
    config.changelog.include_dependency_updates && previousCommit
      ? await dependencyChanges(git, reader, projectPath, previousCommit, exclude)
      : [];

  const override = options.version != null ? normalizeVersion(options.version, "--version") : null;
  if (override !== null) await markOverrideTagsReachable(git, head, tags, raws, override);
  const planInput: PackagePlanInput = {
    ...packagePlanInput(state, { tags, previous, commits: raws, prerelease }),
    messages,
    override,
    declaredOnIndex,
    firstTimeContributors: firstTimers,
    dependencies,
    notes: options.notes ?? null,
  };
  let result = buildPackagePlan(planInput);
  // PR numbers and logins from the forge, only when something shows them; the plan is then rebuilt with them.
  const lookups = await lookUpCommits({
    ctx,
    config,
    remoteUrl: state.remoteUrl,
    warnings,
    offline: isOffline(options, ctx.env),
    demand: {
      needsLogins:
        typeof options.needsLogins === "function"
          ? options.needsLogins(config)
          : options.needsLogins === true,
      rendersEntry: result.plan.release_needed && config.changelog.engine === "native",
    },
    commits: result.commits,
    knownAuthors: authorHistory?.known ?? null,
  });
  if (lookups) result = buildPackagePlan({ ...planInput, lookups });
  warnings.addAll(result.warnings);
  const plan = result.plan;

  if (plan.release_needed && config.changelog.engine === "git-cliff" && plan.tag) {
    plan.changelog = `${await runGitCliff({
      cwd: root,
      env: ctx.env,
      config: config.changelog.cliff_config,
      projectPath,
      tag: plan.tag,
      range: previousCommit ? `${previous.previous!.name}..${head}` : head,
      includePath: null,
      warnings,
    })}\n`;
  }

  let edits: PlannedEdit[] = [];
  let versionHolders: string[] = [];
  const changelogPath = config.changelog.enabled ? projectFile(projectPath, config.changelog.path) : null;
  if (plan.release_needed && plan.next_version && !plan.pending_release) {
    const editPlan = metadata ? versionEdits(reader, metadata, config, plan.next_version) : null;
    if (metadata && editPlan) {
      warnings.addAll(editPlan.warnings);
      edits = editPlan.edits;
      versionHolders = editPlan.managed;
      if (options.reportUnmanagedModules) {
        warnings.addAll(unmanagedModuleWarnings(reader, metadata, editPlan.managed, config));
      }
    }
    const files: FileChange[] = edits.map((e) => ({ path: e.path, kind: e.kind, from: e.from, to: e.to }));
    const write = changelogPath ? changelogWrite(reader, changelogPath, plan, config.changelog.header) : null;
    if (write) {
      // `from` is the version itself when an entry of it is replaced (a second `update` before the release).
      const replaces = write.original !== null && extractEntry(write.original, plan.next_version) !== null;
      files.push({
        path: write.path,
        kind: "changelog",
        from: replaces ? plan.next_version : null,
        to: plan.next_version,
      });
    }
    plan.files = files;
  }

  return {
    ...state,
    packages: [{ plan, metadata, edits, changelogPath, versionHolders }],
    commits: result.commits,
    warnings,
  };
}

/**
 * Whether the tags of the `--version` version are on HEAD's history, which the tag listing only asked about down to
 * the previous release: a released version cannot be released again, a tag elsewhere is only a warning.
 */
async function markOverrideTagsReachable(
  git: GitRunner,
  head: string,
  tags: readonly ReleaseTag[],
  raws: readonly RawCommit[],
  override: string,
): Promise<void> {
  const version = parseVersion(override);
  const inRange = new Set(raws.map((c) => c.sha));
  const unknown = tags.filter(
    (t) => !t.reachable && !inRange.has(t.commit) && versionsEqual(t.version, version),
  );
  if (unknown.length === 0) return;
  const reachable = await reachableTagNames(
    git,
    head,
    unknown.map((t) => t.name),
  );
  for (const t of unknown) t.reachable = reachable.has(t.name);
}

/** W_VERSION_FILE_UNMANAGED: a version module of the project that a release would leave behind. */
function unmanagedModuleWarnings(
  reader: FileReader,
  metadata: ProjectMetadata,
  managed: readonly string[],
  config: ReleasioConfig,
): Warning[] {
  const current = metadata.declaredVersion;
  if (current === null) return [];
  const modules = unmanagedVersionModules(
    reader,
    metadata.path,
    new Set(managed),
    current,
    metadata.normalizedName,
  );
  const hint = unmanagedModulesHint(config.version.auto_detect_version_files, current);
  return modules.map((m) => ({
    code: "W_VERSION_FILE_UNMANAGED",
    message: `${m.path} sets ${m.name} = "${m.value}", which this release leaves as it is: ${hint}`,
  }));
}

/**
 * The changelog with `plan`'s entry in it, from the file as it is now: planning lists it in `files`, and `update`
 * asks again when it writes, after the pre_bump hooks (which may have changed the file). Null when the file already
 * holds exactly this entry (a second run before the release), so it is neither listed nor rewritten.
 */
/**
 * The edits that set the project's declared version to `to` in `reader`'s files: version sources, version files and
 * the lock file, only those that change something. Null when the project declares no version to edit.
 */
function versionEdits(
  reader: FileReader,
  metadata: ProjectMetadata,
  config: ReleasioConfig,
  to: string,
): EditPlan | null {
  if (metadata.declaredVersion === null) return null;
  const plan = planVersionEdits({
    reader,
    metadata,
    versionFiles: config.version.version_files,
    autoDetect: config.version.auto_detect_version_files,
    from: metadata.declaredVersion,
    to,
    updateLockFile: config.version.update_lock_file,
  });
  return { ...plan, edits: plan.edits.filter((e) => e.before !== e.after) };
}

/**
 * Every file write of the package's release: version sources, version files, the lock file and the changelog
 * entry. From the planning reader they are the plan's own; from another reader (the files as they are after
 * `pre_bump` hooks, which may have changed them: §4.2 computes the new contents after them) they are planned again
 * from it, the project's metadata read again too.
 */
export function releaseWrites(
  state: RepositoryPlan,
  pkg: PackageState,
  reader: FileReader = state.reader,
): FileWrite[] {
  const { plan } = pkg;
  let edits = pkg.edits;
  if (reader !== state.reader) {
    const metadata = pkg.metadata ? readProjectMetadata(reader, state.projectPath) : null;
    edits =
      metadata && plan.next_version
        ? (versionEdits(reader, metadata, state.config, plan.next_version)?.edits ?? [])
        : [];
  }
  const writes: FileWrite[] = edits.map((e) => ({ path: e.path, content: e.after, original: e.before }));
  const entry = pkg.changelogPath
    ? changelogWrite(reader, pkg.changelogPath, plan, state.config.changelog.header)
    : null;
  if (entry) writes.push(entry);
  return writes;
}

export function changelogWrite(
  reader: FileReader,
  path: string,
  plan: PackagePlan,
  header: string,
): FileWrite | null {
  const original = reader.read(path);
  const content = insertEntry(original, plan.changelog, plan.next_version!, header);
  return content === original ? null : { path, content, original };
}
