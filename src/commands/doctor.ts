/**
 * `doctor` (§4.9): a read-only diagnosis of git, configuration, project, forge, build tools and trusted-publishing
 * readiness. Every check reports ok/warn/fail/skip with a message and a hint; any fail makes the exit code 1 while
 * the report is still printed. No ID token, minted token or forge token ever reaches the output.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { forgeToken } from "../adapters/forge/open-forge.js";
import { type LoadedConfig, loadConfig } from "../adapters/fs/config-files.js";
import { dirtyFiles, probeRepository, type RepositoryProbe, remoteUrls } from "../adapters/git/repository.js";
import { GitRunner } from "../adapters/git/run-git.js";
import { listTags } from "../adapters/git/tags.js";
import { resolveCredentials } from "../adapters/index/credentials.js";
import { type RegistryInfo, resolveRegistry } from "../adapters/index/registry.js";
import { discoverAudience } from "../adapters/oidc/audience.js";
import { githubIdTokenAvailable, requestGitHubIdToken } from "../adapters/oidc/github-id-token.js";
import { gitlabIdTokenAvailable, readGitLabIdToken } from "../adapters/oidc/gitlab-id-token.js";
import { mintToken } from "../adapters/oidc/mint-token.js";
import { findExecutable } from "../adapters/process/find-executable.js";
import { requireGitCliff } from "../adapters/process/git-cliff.js";
import { runProcess } from "../adapters/process/run-process.js";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../core/config/schema.js";
import { anyFailed, check, type DoctorCheck, orderChecks } from "../core/doctor/checks.js";
import {
  GITLAB_PIPELINE_FILE,
  type GitLabPublishingJob,
  localIncludes,
  type PipelineDocument,
  type PipelineScan,
  parsePipelineFile,
  scanPipeline,
} from "../core/doctor/gitlab-pipeline.js";
import {
  claimWarnings,
  compareClaims,
  compareGitLabClaims,
  expectedPublisher,
  type PublisherProvider,
  type PublisherValues,
  publisherPageUrl,
  publisherValues,
  selectClaims,
  workflowFileOf,
} from "../core/doctor/publisher.js";
import { trustedPublisherCheck } from "../core/doctor/trusted-publisher-check.js";
import {
  type PublishingJob,
  scanWorkflows,
  selectPublishingJob,
  type WorkflowFile,
} from "../core/doctor/workflow.js";
import { ReleasioError } from "../core/errors.js";
import { parseRemoteUrl } from "../core/forge/remote.js";
import { type ForgeTarget, selectForge } from "../core/forge/select.js";
import { gitVersionOk, MINIMUM_GIT_VERSION, unusableGitMessage } from "../core/git/minimum-version.js";
import { GITLAB_CI_FILE } from "../core/init/workflows.js";
import { releaseBranches } from "../core/plan/prerelease.js";
import { planVersionEdits } from "../core/project/plan-edits.js";
import { unmanagedModulesHint, unmanagedVersionModules } from "../core/project/version-files.js";
import { decodeClaims } from "../core/publish/claims.js";
import { gitlabTokenAudience } from "../core/publish/tp-errors.js";
import { count } from "../core/text/count.js";
import { redactUrlCredentials } from "../core/text/redact.js";
import { releaseTagPattern, releaseTags } from "../core/version/release-tags.js";
import {
  type CommandContext,
  type CommonOptions,
  contextFrom,
  isOffline,
  projectDirectory,
  refuseExecute,
  silentLogger,
  WarningList,
} from "./context.js";
import { accessCheck, actionsCheck, tokenCheck } from "./doctor-forge.js";
import { type Envelope, envelope } from "./envelope.js";
import { planRelease, type RepositoryPlan, resolveDetachedBranch } from "./plan-release.js";
import { dirtyTreeMessage } from "./preconditions.js";

export interface DoctorOptions extends CommonOptions {
  path?: string;
  /** Also perform the trusted-publishing exchange (the minted token is discarded). */
  exchange?: boolean;
}

export interface DoctorPayload extends Envelope {
  checks: DoctorCheck[];
  trusted_publishing: {
    registry: string;
    audience: string | null;
    /** Whose publisher form the fields are for; on GitLab, owner is the namespace and repository the project. */
    expected: PublisherValues;
    claims: Record<string, unknown> | null;
    add_publisher_url: string | null;
    exchange: "ok" | "failed" | "not-run";
  };
}

function errorText(error: unknown): { message: string; hint: string | null } {
  if (error instanceof ReleasioError) return { message: `${error.code}: ${error.message}`, hint: error.hint };
  return { message: error instanceof Error ? error.message : String(error), hint: null };
}

async function gitVersionCheck(ctx: CommandContext): Promise<DoctorCheck> {
  try {
    const r = await runProcess("git", ["version"], { cwd: ctx.cwd, env: ctx.env });
    const { version, ok } = gitVersionOk(r.stdout);
    if (ok) return check("git.version", "ok", `git ${version}`);
    return check("git.version", "fail", unusableGitMessage(version), "upgrade git");
  } catch {
    return check(
      "git.version",
      "fail",
      "git was not found on PATH",
      `install git >= ${MINIMUM_GIT_VERSION} and put it on PATH`,
    );
  }
}

/** GitLab allows 150 included files per pipeline. */
const MAX_PIPELINE_FILES = 150;
/** GitLab runs child pipelines two levels below the top-level pipeline, and no deeper. */
const MAX_CHILD_DEPTH = 2;

/** A file a pipeline starts from: the top-level file (`from` null) or a file a trigger job names. */
interface PipelineEntry {
  path: string;
  from: string | null;
}

/** A repository file parsed as a pipeline file, or null when it is not there. */
type PipelineReader = (path: string) => Promise<PipelineDocument | null>;

/**
 * The files of one pipeline: the files it starts from and the local files they include, in GitLab's merge order
 * (an included file before the file that includes it, which overrides it), and the named files that cannot be read.
 */
async function pipelineFiles(
  readPipeline: PipelineReader,
  entries: readonly PipelineEntry[],
): Promise<{ read: PipelineDocument[]; missing: PipelineScan["unreadable"] }> {
  const read: PipelineDocument[] = [];
  const missing: PipelineScan["unreadable"] = [];
  const seen = new Set<string>();
  const visit = async ({ path, from }: PipelineEntry): Promise<void> => {
    if (seen.has(path) || seen.size >= MAX_PIPELINE_FILES) return;
    seen.add(path);
    const file = await readPipeline(path);
    if (file === null) {
      if (from !== null) missing.push({ file: path, reason: `${from}, but not found` });
      return;
    }
    for (const included of localIncludes(file)) await visit({ path: included, from: `included by ${path}` });
    read.push(file);
  };
  for (const entry of entries) await visit(entry);
  return { read, missing };
}

/**
 * The repository's GitLab pipeline from its top-level file (`.gitlab-ci.yml`), with the child pipelines its jobs
 * trigger from the repository's files (`trigger: include:`): their publishing jobs, every file read, and the files
 * that cannot be read.
 */
async function gitlabPipelines(
  root: string,
  top: string,
): Promise<{ jobs: GitLabPublishingJob[]; read: Set<string>; unreadable: PipelineScan["unreadable"] }> {
  const jobs: GitLabPublishingJob[] = [];
  const read = new Set<string>();
  const unreadable = new Map<string, PipelineScan["unreadable"][number]>();
  const started = new Set<string>();
  // A file the parent and a child pipeline both include is read and parsed once.
  const parsed = new Map<string, Promise<PipelineDocument | null>>();
  const readPipeline: PipelineReader = (path) => {
    let file = parsed.get(path);
    if (file === undefined) {
      file = readFile(join(root, path), "utf8").then(
        (text) => parsePipelineFile({ path, text }),
        () => null,
      );
      parsed.set(path, file);
    }
    return file;
  };
  let level: { entries: PipelineEntry[]; registry: string | null }[] = [
    { entries: [{ path: top, from: null }], registry: null },
  ];
  for (let depth = 0; depth <= MAX_CHILD_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { entries, registry } of level) {
      // Two trigger jobs may start the same child pipeline: it is read once.
      const key = entries.map((e) => e.path).join("\0");
      if (started.has(key)) continue;
      started.add(key);
      const files = await pipelineFiles(readPipeline, entries);
      const scan = scanPipeline(files.read);
      // What the parent passes down outranks what the child pipeline sets itself.
      for (const job of scan.jobs) jobs.push(registry === null ? job : { ...job, registry });
      for (const file of files.read) read.add(file.path);
      for (const u of [...files.missing, ...scan.unreadable])
        if (!unreadable.has(u.file)) unreadable.set(u.file, u);
      for (const child of scan.children) {
        const from = `triggered by job '${child.job}' in ${child.file}`;
        next.push({
          entries: child.files.map((path) => ({ path, from })),
          registry: child.registry ?? (child.forwardsPassed ? registry : null),
        });
      }
    }
    level = next;
  }
  return { jobs, read, unreadable: [...unreadable.values()] };
}

async function workflowFiles(root: string): Promise<WorkflowFile[]> {
  const dir = join(root, ".github", "workflows");
  const names = await readdir(dir).catch(() => [] as string[]);
  const files: WorkflowFile[] = [];
  for (const name of names.filter((n) => /\.ya?ml$/i.test(n))) {
    const text = await readFile(join(dir, name), "utf8").catch(() => null);
    if (text !== null) files.push({ path: `.github/workflows/${name}`, text });
  }
  return files;
}

/** Does the project exist on the index? null when unknown (offline, custom index, no name, failure). */
async function projectOnIndex(
  ctx: CommandContext,
  registry: RegistryInfo | null,
  project: string | null,
  offline: boolean,
): Promise<boolean | null> {
  if (offline || registry?.jsonApiBase == null || project === null) return null;
  try {
    const r = await ctx.fetch(`${registry.jsonApiBase}/pypi/${encodeURIComponent(project)}/json`, {
      headers: { Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await r.body?.cancel();
    return r.status === 200 ? true : r.status === 404 ? false : null;
  } catch {
    return null;
  }
}

async function buildToolCheck(
  ctx: CommandContext,
  config: ReleasioConfig,
  root: string,
): Promise<DoctorCheck> {
  const id = "build.tool";
  if (!config.publish.enabled) return check(id, "skip", "publishing is disabled (publish.enabled = false)");
  if (config.hooks.build) return check(id, "ok", "hooks.build replaces the default build");
  const tool = config.publish.tool;
  const direct: Record<string, string> = { uv: "uv", poetry: "poetry", pdm: "pdm", hatch: "hatch" };
  const exe = direct[tool];
  if (exe) {
    return findExecutable(exe, ctx.env)
      ? check(id, "ok", `${exe} found on PATH (publish.tool = "${tool}")`)
      : check(
          id,
          "fail",
          `publish.tool is "${tool}" but ${exe} was not found on PATH`,
          `install ${exe} or set publish.tool = "auto"`,
        );
  }
  if (tool === "auto" && findExecutable("uv", ctx.env))
    return check(id, "ok", "uv found on PATH (publish.tool = auto)");
  for (const python of ["python3", "python"]) {
    if (!findExecutable(python, ctx.env)) continue;
    const r = await runProcess(python, ["-m", "build", "--version"], { cwd: root, env: ctx.env }).catch(
      () => null,
    );
    if (r?.code === 0) return check(id, "ok", `${python} -m build is available (publish.tool = ${tool})`);
  }
  return check(
    id,
    "fail",
    tool === "auto"
      ? "no build tool available: uv not on PATH and 'python -m build' unavailable"
      : "'python -m build' is unavailable",
    "install uv, or run 'python3 -m pip install build'",
  );
}

/** The engine the changelog is rendered with; git-cliff is checked as a run checks it: on PATH and ≥ 2.0. */
async function changelogEngineCheck(ctx: CommandContext, config: ReleasioConfig): Promise<DoctorCheck> {
  if (config.changelog.engine !== "git-cliff")
    return check("changelog.engine", "ok", "native changelog renderer");
  try {
    const exe = await requireGitCliff({ cwd: ctx.cwd, env: ctx.env, warnings: { add: () => {} } });
    return check("changelog.engine", "ok", `git-cliff found on PATH (${exe})`);
  } catch (error) {
    if (!(error instanceof ReleasioError)) throw error;
    return check("changelog.engine", "fail", error.message, error.hint);
  }
}

/** git.tags, project.version and project.files from the release plan (never deepening a shallow clone). */
function planChecks(plan: RepositoryPlan): DoctorCheck[] {
  const out: DoctorCheck[] = [];
  const pkg = plan.packages[0]!;
  const p = pkg.plan;
  const tags = releaseTags(plan.rawTags, releaseTagPattern(plan.config.version));
  const unreachable = plan.warnings.items.filter((w) => w.code === "W_UNREACHABLE_TAG");
  const mismatch = plan.warnings.items.find((w) => w.code === "W_TAG_PREFIX_MISMATCH");
  if (mismatch) {
    out.push(
      check(
        "git.tags",
        "warn",
        mismatch.message,
        "set version.tag_prefix to the prefix your release tags use, or ignore this if they belong to another project",
      ),
    );
  } else if (tags.length === 0) {
    out.push(
      check(
        "git.tags",
        "ok",
        `no release tags with prefix '${plan.config.version.tag_prefix}' yet: the next release is the first`,
      ),
    );
  } else if (unreachable.length > 0) {
    out.push(
      check(
        "git.tags",
        "warn",
        `${count(tags.length, "release tag")}; highest reachable ${p.previous_tag ?? "none"}; ${unreachable.map((w) => w.message).join("; ")}`,
        "merge or rebase onto the branch holding the higher tag, or check the tag prefix",
      ),
    );
  } else {
    out.push(
      check(
        "git.tags",
        "ok",
        `${count(tags.length, "release tag")}; highest reachable ${p.previous_tag ?? "none"}`,
      ),
    );
  }
  const noFile = plan.warnings.items.find(
    (w) => w.code === "W_NO_PROJECT_FILE" || w.code === "W_DYNAMIC_VERSION",
  );
  const metadata = pkg.metadata;
  if (noFile) out.push(check("project.version", "warn", noFile.message));
  else if (metadata?.declaredVersion) {
    out.push(
      check(
        "project.version",
        "ok",
        `${metadata.name ?? "project"} ${metadata.declaredVersion} (${metadata.projectFile ?? "?"})`,
      ),
    );
  } else {
    out.push(
      check(
        "project.version",
        "ok",
        `${metadata?.name ?? "project"}: version from tags (${p.current_version ?? "none yet"})`,
      ),
    );
  }
  if (metadata?.declaredVersion) {
    try {
      const edits = planVersionEdits({
        reader: plan.reader,
        metadata,
        versionFiles: plan.config.version.version_files,
        autoDetect: plan.config.version.auto_detect_version_files,
        from: metadata.declaredVersion,
        to: metadata.declaredVersion,
        updateLockFile: plan.config.version.update_lock_file,
      });
      const mismatch = edits.warnings.filter((w) => w.code === "W_VERSION_MISMATCH");
      const autoDetect = plan.config.version.auto_detect_version_files;
      const unmanaged = unmanagedVersionModules(
        plan.reader,
        metadata.path,
        new Set(edits.managed),
        metadata.declaredVersion,
        metadata.normalizedName,
      );
      const problems = [
        ...mismatch.map((w) => w.message),
        ...unmanaged.map((m) => `${m.path} sets ${m.name} = "${m.value}", which no release updates`),
      ];
      const hints: string[] = [];
      if (mismatch.length > 0) hints.push("the next 'releasio update' sets the listed version files");
      if (unmanaged.length > 0) hints.push(unmanagedModulesHint(autoDetect, metadata.declaredVersion));
      out.push(
        problems.length > 0
          ? check("project.files", "warn", problems.join("; "), hints.join("; "))
          : check(
              "project.files",
              "ok",
              `version files and lock files agree with ${metadata.declaredVersion}`,
            ),
      );
    } catch (error) {
      const e = errorText(error);
      out.push(check("project.files", "fail", e.message, e.hint));
    }
  } else {
    out.push(check("project.files", "skip", "no declared version to compare version files with"));
  }
  return out;
}

interface GitState {
  probe: RepositoryProbe | null;
  root: string;
  remoteUrl: string | null;
}

export async function doctor(options: DoctorOptions = {}): Promise<DoctorPayload> {
  refuseExecute("doctor", options);
  const ctx = contextFrom(options);
  const warnings = new WarningList(ctx.logger);
  const offline = isOffline(options, ctx.env);
  const inActions = ctx.env.GITHUB_ACTIONS === "true";
  const start = projectDirectory(ctx.cwd, options.path);
  const checks: DoctorCheck[] = [await gitVersionCheck(ctx)];
  const skipGit = (ids: DoctorCheck["id"][], why: string) => {
    for (const id of ids) checks.push({ id, status: "skip", message: why, hint: null });
  };

  // Repository.
  const state: GitState = { probe: null, root: start, remoteUrl: null };
  // A repository without commits yet (just made by `git init`): what needs no commit is still checked.
  let unborn: { git: GitRunner; branch: string | null } | null = null;
  try {
    state.probe = await probeRepository(start, ctx.env);
    state.root = state.probe.git.cwd;
    checks.push(
      check("git.repository", "ok", `repository at ${state.root}, HEAD ${state.probe.head.slice(0, 12)}`),
    );
  } catch (error) {
    const e = errorText(error);
    checks.push(check("git.repository", "fail", e.message, e.hint));
    const root = error instanceof ReleasioError && error.code === "E_EMPTY_REPO" ? error.details?.root : null;
    if (typeof root === "string") {
      const branch = (error as ReleasioError).details?.branch;
      unborn = { git: new GitRunner(root, ctx.env), branch: typeof branch === "string" ? branch : null };
      state.root = root;
    }
  }
  const noCommits = "the repository has no commits yet";

  // Configuration (defaults stand in when it does not load, so the other checks still run).
  let loaded: LoadedConfig | null = null;
  try {
    loaded = await loadConfig({
      cwd: start,
      repoRoot: state.root,
      env: ctx.env,
      configFile: options.config ?? null,
    });
    checks.push(check("config.valid", "ok", `configuration from ${loaded.file ?? "built-in defaults"}`));
  } catch (error) {
    const e = errorText(error);
    checks.push(check("config.valid", "fail", e.message, e.hint));
  }
  const config = loaded?.config ?? DEFAULT_CONFIG;

  const git = state.probe?.git ?? unborn?.git ?? null;
  if (git === null) {
    skipGit(
      ["git.clean", "git.shallow", "git.remote", "git.branch", "git.identity", "git.tags"],
      "no repository",
    );
  } else {
    const dirty = await dirtyFiles(git);
    const allowed = options.allowDirty === true || config.allow_dirty;
    if (dirty.length === 0) checks.push(check("git.clean", "ok", "the working tree is clean"));
    else {
      const message = dirtyTreeMessage(dirty);
      checks.push(
        allowed
          ? check("git.clean", "warn", `${message}; allowed by allow_dirty`)
          : check("git.clean", "fail", message, "commit or stash them, or pass --allow-dirty"),
      );
    }
    checks.push(
      state.probe === null
        ? check("git.shallow", "skip", noCommits)
        : state.probe.shallow
          ? check(
              "git.shallow",
              "warn",
              offline
                ? "the clone is shallow; offline, releasio fetches nothing and plans only from a previous release the clone holds"
                : `the clone is shallow; releasio fetches the full history from ${config.git.remote} when it needs it`,
              "use actions/checkout with fetch-depth: 0",
            )
          : check("git.shallow", "ok", "full history"),
    );
    const urls = await remoteUrls(git);
    state.remoteUrl = urls.get(config.git.remote) ?? null;
    const remote = state.remoteUrl ? parseRemoteUrl(state.remoteUrl) : null;
    const target = selectForgeSafe(config, state.remoteUrl, ctx.env);
    if (remote) {
      const kind = target?.kind ?? "no forge";
      checks.push(check("git.remote", "ok", `${config.git.remote}: ${remote.host} ${remote.path} (${kind})`));
    } else if (state.remoteUrl && (target || config.forge === "none")) {
      // A remote that names no forge repository (a local path, a mirror): the configuration names the repository,
      // or no forge is used.
      const named = target ? `${target.kind} ${target.path} from the configuration` : "no forge";
      checks.push(
        check(
          "git.remote",
          "ok",
          `${config.git.remote}: ${redactUrlCredentials(state.remoteUrl)} (${named})`,
        ),
      );
    } else if (state.remoteUrl) {
      checks.push(
        check(
          "git.remote",
          "fail",
          `cannot determine the repository from remote '${config.git.remote}'`,
          "set github.owner/github.repo or gitlab.project",
        ),
      );
    } else {
      checks.push(
        check(
          "git.remote",
          config.forge === "none" ? "warn" : "fail",
          `no remote '${config.git.remote}' (remotes: ${[...urls.keys()].join(", ") || "none"})`,
          `add it with 'git remote add ${config.git.remote} <url>', or set git.remote`,
        ),
      );
    }
    const branch = state.probe
      ? (state.probe.branch ?? (await resolveDetachedBranch(git, ctx.env, config.git.remote)))
      : (unborn?.branch ?? null);
    checks.push(
      branch === null
        ? check(
            "git.branch",
            "warn",
            "HEAD is detached and no CI branch variable identifies the branch",
            "check out the release branch",
          )
        : releaseBranches(config, branch)
          ? check("git.branch", "ok", `on release branch '${branch}'`)
          : check(
              "git.branch",
              "warn",
              `current branch '${branch}' is not a release branch (releases are made from ${[config.default_branch, ...Object.values(config.branches).map((b) => b.match)].join(", ")})`,
              `check out ${config.default_branch} to release`,
            ),
    );
    const [name, email] = await Promise.all(
      ["user.name", "user.email"].map((k) =>
        git.run(["config", "--get", k], { okCodes: [1] }).then((r) => r.stdout.trim()),
      ),
    );
    checks.push(
      name && email
        ? check("git.identity", "ok", `commits as ${name} <${email}>`)
        : check(
            "git.identity",
            inActions ? "warn" : "fail",
            `git ${!name ? "user.name" : "user.email"} is not set${inActions ? "; the releasio action sets github-actions[bot]" : ""}`,
            'git config user.name "Your Name" && git config user.email you@example.org',
          ),
    );
  }

  // Tags and project from the release plan; a shallow clone is not deepened by a diagnosis.
  let plan: RepositoryPlan | null = null;
  if (state.probe && loaded && !state.probe.shallow) {
    try {
      // Looking for unmanaged version modules makes the plan read the tracked files, which the version-module
      // row needs; the plan's own warnings stay silent (the row reports them).
      plan = await planRelease({
        ...options,
        logger: silentLogger,
        offline: true,
        reportUnmanagedModules: true,
      });
      checks.push(...planChecks(plan));
    } catch (error) {
      const e = errorText(error);
      // git-cliff problems belong to changelog.engine, which reports them on its own row.
      const cliff = error instanceof ReleasioError && error.code.startsWith("E_CLIFF");
      checks.push(check("project.version", cliff ? "skip" : "fail", e.message, cliff ? null : e.hint));
      skipGit(["git.tags", "project.files"], "the release plan could not be computed");
    }
  } else if (state.probe && !loaded) {
    skipGit(["git.tags", "project.version", "project.files"], "the configuration did not load");
  } else if (state.probe) {
    const tags = releaseTags(await listTags(state.probe.git), {
      prefix: config.version.tag_prefix,
      suffix: "",
    });
    checks.push(
      check("git.tags", "warn", `${tags.length} release tags in the shallow clone; reachability not checked`),
    );
    skipGit(["project.version", "project.files"], "shallow clone");
  } else if (unborn) {
    skipGit(["git.tags", "project.version", "project.files"], noCommits);
  } else {
    skipGit(["project.version", "project.files"], "no repository");
  }
  const project = plan?.packages[0]?.metadata?.name ?? null;

  // Forge.
  const target = selectForgeSafe(config, state.remoteUrl, ctx.env);
  const token = target ? await forgeToken(ctx, target) : null;
  checks.push(tokenCheck(target, token, ctx.env, config.forge === "none"));
  if (target === null || token === null) {
    skipGit(["forge.access", "forge.actions"], target === null ? "no forge" : "no forge token");
  } else if (offline) {
    skipGit(["forge.access", "forge.actions"], "offline");
  } else {
    checks.push(await accessCheck(ctx, target, token));
    checks.push(await actionsCheck(ctx, target, token));
  }

  checks.push(await buildToolCheck(ctx, config, state.root));
  checks.push(await changelogEngineCheck(ctx, config));

  // Publishing.
  const tp = await trustedPublishingChecks(ctx, {
    config,
    root: state.root,
    remoteUrl: state.remoteUrl,
    remoteName: config.git.remote,
    target,
    project,
    offline,
    inActions,
    exchange: options.exchange === true,
    warnings,
  });
  checks.push(...tp.checks);

  const ordered = orderChecks(checks);
  const failed = anyFailed(ordered);
  return {
    ...envelope("doctor", false, warnings.items, failed ? 1 : 0),
    checks: ordered,
    trusted_publishing: tp.payload,
  };
}

function selectForgeSafe(
  config: ReleasioConfig,
  remoteUrl: string | null,
  env: CommandContext["env"],
): ForgeTarget | null {
  try {
    return selectForge(config, remoteUrl, env);
  } catch {
    return null;
  }
}

interface PublishingInput {
  config: ReleasioConfig;
  root: string;
  remoteUrl: string | null;
  remoteName: string;
  target: ForgeTarget | null;
  project: string | null;
  offline: boolean;
  inActions: boolean;
  exchange: boolean;
  warnings: WarningList;
}

async function trustedPublishingChecks(
  ctx: CommandContext,
  input: PublishingInput,
): Promise<{ checks: DoctorCheck[]; payload: DoctorPayload["trusted_publishing"] }> {
  const { config, offline } = input;
  const publish = config.publish;
  const checks: DoctorCheck[] = [];
  const tpEnabled = publish.enabled && publish.trusted_publishing !== false;

  // Registry and audience.
  let registry: RegistryInfo | null = null;
  let audience: string | null = null;
  try {
    registry = resolveRegistry(publish, ctx.env);
  } catch (error) {
    const e = errorText(error);
    checks.push(check("publish.registry", "fail", e.message, e.hint));
  }
  if (registry !== null) {
    if (!publish.enabled)
      checks.push(check("publish.registry", "skip", `${registry.uploadUrl} (publishing disabled)`));
    else if (!tpEnabled || offline) {
      checks.push(
        check(
          "publish.registry",
          "ok",
          `${registry.uploadUrl}${offline ? " (audience not checked: offline)" : ""}`,
        ),
      );
    } else {
      try {
        audience = await discoverAudience(ctx, registry);
        checks.push(
          check("publish.registry", "ok", `${registry.uploadUrl}; trusted-publishing audience '${audience}'`),
        );
      } catch (error) {
        const e = errorText(error);
        const unreachable = error instanceof ReleasioError && error.code === "E_NETWORK";
        checks.push(
          check(
            "publish.registry",
            publish.trusted_publishing === "required" ? "fail" : "warn",
            e.message,
            e.hint ??
              (unreachable
                ? `check that this machine can reach ${new URL(registry.uploadUrl).host}; --offline skips the checks that need the index`
                : "set publish.trusted_publishing = false to upload with a token"),
          ),
        );
      }
    }
  }

  // Where the trusted publisher's fields come from.
  const remote = input.remoteUrl ? parseRemoteUrl(input.remoteUrl) : null;
  // PyPI's GitLab publisher has other fields: a project on GitLab, or a run in a GitLab pipeline, gets that form.
  const provider: PublisherProvider =
    input.target?.kind === "gitlab" || (input.target === null && ctx.env.GITLAB_CI === "true")
      ? "gitlab"
      : "github";
  // A job that sets RELEASIO_PUBLISH_REGISTRY publishes where that says: is it the index diagnosed here?
  const publishesHere = (value: string) => {
    try {
      return registry !== null && resolveRegistry(publish, {}, value).uploadUrl === registry.uploadUrl;
    } catch {
      return false;
    }
  };
  const unreadable = (files: PipelineScan["unreadable"], what: string) => {
    for (const u of files) {
      input.warnings.add({
        code: "W_WORKFLOW_UNREADABLE",
        message: `${u.file} is not a readable ${what}: ${u.reason}`,
      });
    }
  };
  // GitLab's publisher names the top-level pipeline file, and its job is found in the pipeline; GitHub's in the
  // workflows. Each project reads only its own CI's files.
  let job: PublishingJob | GitLabPublishingJob | null;
  let pipelineFile: string | null = null;
  let unincludedPipeline: string | null = null;
  if (provider === "gitlab") {
    // In a pipeline, the project may name another top-level file (a path of the repository, or `file@project`).
    const inPipeline = ctx.env.GITLAB_CI === "true";
    const configPath = inPipeline ? ctx.env.CI_CONFIG_PATH?.trim() : undefined;
    const top = configPath && !configPath.includes("@") ? configPath : GITLAB_PIPELINE_FILE;
    const pipelines = await gitlabPipelines(input.root, top);
    unreadable(pipelines.unreadable, "pipeline file");
    const running = inPipeline ? (ctx.env.CI_JOB_NAME ?? null) : null;
    job = selectPublishingJob(pipelines.jobs, running ? (j) => j.job === running : null, publishesHere);
    if (pipelines.read.has(top)) pipelineFile = top;
    // The file `init` writes does nothing until the pipeline includes it (or triggers it as a child pipeline).
    if (job === null && !pipelines.read.has(GITLAB_CI_FILE) && existsSync(join(input.root, GITLAB_CI_FILE)))
      unincludedPipeline = GITLAB_CI_FILE;
  } else {
    const scan = scanWorkflows(await workflowFiles(input.root));
    unreadable(scan.unreadable, "workflow");
    const running = input.inActions ? workflowFileOf(ctx.env.GITHUB_WORKFLOW_REF) : null;
    job = selectPublishingJob(scan.jobs, running ? (j) => j.workflow === running : null, publishesHere);
  }
  const configured =
    input.target?.kind === "github"
      ? config.github.owner
        ? "github.owner/github.repo"
        : null
      : input.target?.kind === "gitlab" && config.gitlab.project
        ? "gitlab.project"
        : null;
  const remotePath = input.target
    ? { path: input.target.path, source: configured ?? `remote ${input.remoteName}` }
    : remote
      ? { path: remote.path, source: `remote ${input.remoteName}` }
      : null;
  const expected = expectedPublisher({ provider, remote: remotePath, env: ctx.env, job, pipelineFile });
  const values = publisherValues(expected);
  const exists = await projectOnIndex(ctx, registry, input.project, offline);
  const addUrl = publisherPageUrl({
    registryName: registry?.name ?? null,
    project: input.project,
    projectExists: exists,
    expected,
  });

  // Actual claims, in CI only; the ID token itself is never kept beyond this block.
  let claims: Record<string, unknown> | null = null;
  let comparison: ReturnType<typeof compareClaims> | null = null;
  let tokenError: string | null = null;
  const githubToken = input.inActions && githubIdTokenAvailable(ctx.env);
  const gitlabAudience = gitlabTokenAudience(audience, registry?.name ?? null);
  const gitlabToken = ctx.env.GITLAB_CI === "true" && gitlabIdTokenAvailable(ctx.env, gitlabAudience);
  let idToken: string | null = null;
  if (tpEnabled && !offline && audience !== null && githubToken) {
    try {
      idToken = await requestGitHubIdToken(ctx, audience);
      const all = decodeClaims(idToken);
      claims = selectClaims(all, false);
      comparison = compareClaims(all, values);
      for (const w of claimWarnings(all)) input.warnings.add(w);
    } catch (error) {
      tokenError = errorText(error).message;
    }
  } else if (tpEnabled && gitlabToken) {
    try {
      idToken = readGitLabIdToken(ctx, gitlabAudience);
      const all = decodeClaims(idToken);
      claims = selectClaims(all, true);
      comparison = compareGitLabClaims(all, values);
    } catch (error) {
      tokenError = errorText(error).message;
    }
  }
  checks.push(
    trustedPublisherCheck({
      mode: publish.trusted_publishing,
      publishEnabled: publish.enabled,
      job,
      audience: gitlabAudience,
      unincludedPipeline,
      expected,
      addPublisherUrl: addUrl,
      idTokenAvailable: githubToken || gitlabToken,
      inActions: input.inActions,
      comparison,
      tokenError,
    }),
  );

  // Which credential would be used (never its value).
  checks.push(await credentialsCheck(ctx, input, registry, githubToken || gitlabToken));

  // The real exchange, on request: the minted token is dropped at once.
  let exchange: DoctorPayload["trusted_publishing"]["exchange"] = "not-run";
  if (input.exchange && tpEnabled && registry !== null && idToken !== null && !offline) {
    try {
      const minted = await mintToken(ctx, { registry, project: input.project }, idToken);
      ctx.registerSecret(minted.token);
      exchange = "ok";
      checks.push(
        check(
          "publish.credentials",
          "ok",
          `the trusted-publishing exchange with ${registry.label} succeeded (token discarded)`,
        ),
      );
    } catch (error) {
      exchange = "failed";
      const e = errorText(error);
      checks.push(
        check("publish.credentials", "fail", `the trusted-publishing exchange failed: ${e.message}`, e.hint),
      );
    }
  } else if (input.exchange) {
    input.warnings.add({
      code: "W_EXCHANGE_NOT_RUN",
      message:
        "--exchange needs an ID token (GitHub Actions with id-token: write, or GitLab id_tokens) and network access",
    });
  }
  idToken = null;

  return {
    checks: mergeCredentialRows(checks),
    payload: {
      // The configured value when it could not be used: never with the credentials it may carry.
      registry: registry?.uploadUrl ?? redactUrlCredentials(publish.registry),
      audience,
      expected: values,
      claims,
      add_publisher_url: addUrl,
      exchange,
    },
  };
}

/** With --exchange the exchange result replaces the plain credentials row (one row per id). */
function mergeCredentialRows(checks: DoctorCheck[]): DoctorCheck[] {
  const rows = checks.filter((c) => c.id === "publish.credentials");
  if (rows.length < 2) return checks;
  const last = rows[rows.length - 1]!;
  return checks.filter((c) => c.id !== "publish.credentials" || c === last);
}

/**
 * Which credential a real run would use, decided by the publishing code itself in dry-run mode (no ID token is
 * requested, nothing is exchanged). Outside CI a missing credential is only a warning: uploads happen in CI.
 */
async function credentialsCheck(
  ctx: CommandContext,
  input: PublishingInput,
  registry: RegistryInfo | null,
  idTokenAvailable: boolean,
): Promise<DoctorCheck> {
  const id = "publish.credentials";
  const publish = input.config.publish;
  if (!publish.enabled) return check(id, "skip", "publishing is disabled");
  if (registry === null) return check(id, "skip", "the registry is invalid");
  if (input.offline && idTokenAvailable && publish.trusted_publishing !== false) {
    return check(
      id,
      "ok",
      "trusted publishing (an ID token can be requested; offline: audience not checked)",
    );
  }
  const ci = input.inActions || ctx.env.GITLAB_CI === "true";
  try {
    const resolution = await resolveCredentials(ctx, publish, registry, {
      execute: false,
      project: input.project,
    });
    for (const w of resolution.warnings) input.warnings.add(w);
    return check(
      id,
      "ok",
      `${resolution.credentials.kind} (${resolution.credentials.source}): ${resolution.why}`,
    );
  } catch (error) {
    const e = errorText(error);
    return check(id, ci ? "fail" : "warn", e.message, e.hint);
  }
}
