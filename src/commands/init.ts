/**
 * `init` (§4.8): detect the project's settings, let flags (or the wizard) adjust them, and write the configuration
 * and CI workflows — only with --execute; a dry run returns the files it would write. An existing configuration is
 * left alone unless --force, which replaces only the releasio table(s).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { parse } from "smol-toml";
import { diskReader, toPosix } from "../adapters/fs/file-reader.js";
import { writeFilesAtomically } from "../adapters/fs/write-files.js";
import { openRepository, remoteUrls, trackedFiles } from "../adapters/git/repository.js";
import type { GitRunner } from "../adapters/git/run-git.js";
import { listTags } from "../adapters/git/tags.js";
import { applyEnvOverrides } from "../core/config/env.js";
import { DEFAULT_CONFIG } from "../core/config/schema.js";
import { type ConfigProblem, validateConfig } from "../core/config/validate.js";
import { ReleasioError } from "../core/errors.js";
import { parseRemoteUrl } from "../core/forge/remote.js";
import { selectForgeKind } from "../core/forge/select.js";
import { renderConfigToml, replaceReleasioTables, verifyConfigText } from "../core/init/config-toml.js";
import { detectBuildTool, detectDefaultBranch, detectTagPrefix } from "../core/init/detect.js";
import {
  configValues,
  type Detected,
  defaultSettings,
  type InitFlags,
  type InitSettings,
  type InitTarget,
  TARGET_FILES,
} from "../core/init/settings.js";
import {
  GITLAB_CI_FILE,
  gitlabCi,
  PR_TITLE_WORKFLOW,
  prTitleWorkflow,
  RELEASE_WORKFLOW,
  releaseWorkflow,
  SNAPSHOT_WORKFLOW,
  snapshotWorkflow,
  verifyWorkflow,
  type WorkflowContext,
} from "../core/init/workflows.js";
import { stringAt, table } from "../core/project/dynamic-version.js";
import { readProjectMetadata } from "../core/project/metadata.js";
import { unmanagedVersionModules } from "../core/project/version-files.js";
import { uvWorkspaceMembers } from "../core/project/workspace.js";
import { parseToml } from "../edits/toml-value.js";
import { type CommonOptions, contextFrom, isOffline, projectDirectory, WarningList } from "./context.js";
import { type Envelope, envelope } from "./envelope.js";

/**
 * `releasio init`'s options: the CLI flags in camelCase (`--tag-prefix` → `tagPrefix`, `--no-workflow` →
 * `workflow: false`, `--testpypi-snapshots` → `testpypiSnapshots`), plus `cwd`, `env`, `config`, `logger`.
 */
export interface InitOptions extends CommonOptions {
  path?: string;
  /** Write the files (`--execute`); the default is a dry run returning them. */
  execute?: boolean;
  /** `--yes`: no questions — `ask` is not called; the detected defaults and these options decide. */
  yes?: boolean;
  /** `--force`: replace an existing releasio configuration (the rest of the file is kept) and the workflows. */
  force?: boolean;
  /** `--target`: where the configuration lives (default `pyproject`). */
  target?: InitTarget;
  /** `--forge`: the forge to write workflows for (default: detected from the remote). */
  forge?: "github" | "gitlab";
  /** `--branch`: the default (release) branch. */
  branch?: string;
  /** `--tag-prefix`: the release tag prefix (`""` for none). */
  tagPrefix?: string;
  /** `--no-publish` is `publish: false`. */
  publish?: boolean;
  /** `--no-trusted-publishing` is `trustedPublishing: false`. */
  trustedPublishing?: boolean;
  /** `--environment`: the publishing job's deployment environment; `"none"` or null for none (default `pypi`). */
  environment?: string | null;
  /** `--no-workflow` is `workflow: false`. */
  workflow?: boolean;
  /** `--pr-title-workflow`. */
  prTitleWorkflow?: boolean;
  /** `--testpypi-snapshots BRANCH`: publish snapshots of BRANCH to TestPyPI on every push. */
  testpypiSnapshots?: string | null;
  /**
   * @deprecated Pass the flags at the top level (`branch`, `tagPrefix`, `testpypiSnapshots`…); a top-level option
   * wins over its nested spelling. `snapshotBranch` is the old name of `testpypiSnapshots`.
   */
  flags?: InitFlags;
  /** The interactive wizard: receives the `--yes` settings and returns the ones to use (not called with `yes`). */
  ask?: (defaults: InitSettings, detected: Detected) => Promise<InitSettings>;
  /** Receives each file with its current content (null when new), for showing a diff of a dry run. */
  preview?: (file: InitFile, before: string | null) => void;
}

export interface InitFile {
  /** Relative to the repository root (the project directory outside a repository). */
  path: string;
  action: "create" | "update" | "unchanged";
  content: string;
}

export interface InitPayload extends Envelope {
  target: string;
  files: InitFile[];
}

const PROJECT_FILES = ["pyproject.toml", "setup.cfg", "setup.py"] as const;

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function releasioTableOf(pyproject: string, label: string): boolean {
  const doc = parseToml(
    pyproject,
    (detail, { hint }) =>
      new ReleasioError("E_CONFIG_TOML", `invalid TOML in ${label} at ${detail}`, { hint }),
  );
  const tool = doc["tool"];
  return tool !== null && typeof tool === "object" && Object.hasOwn(tool, "releasio");
}

/** The configuration already in the project directory, in discovery order (§5.1). */
function existingConfig(dir: string): { target: InitTarget; file: string; text: string } | null {
  for (const target of ["dotfile", "visible", "pyproject"] as const) {
    const file = join(dir, TARGET_FILES[target]);
    const text = readText(file);
    if (text === null) continue;
    if (target !== "pyproject" || releasioTableOf(text, TARGET_FILES[target])) return { target, file, text };
  }
  return null;
}

interface ChosenConfig {
  target: InitTarget;
  file: string;
  text: string;
  /** Whether it holds a releasio configuration already: any file but a pyproject.toml without [tool.releasio]. */
  configured: boolean;
}

/**
 * The file `--config FILE` names, else `RELEASIO_CONFIG` (§5.1), resolved from the working directory: it must exist,
 * as for every command. A file named `pyproject.toml` holds the configuration in `[tool.releasio]`; any other name
 * holds it alone.
 */
function chosenConfig(
  cwd: string,
  given: string | null | undefined,
  env: Record<string, string | undefined>,
): ChosenConfig | null {
  const fromEnv = env.RELEASIO_CONFIG?.trim() ? env.RELEASIO_CONFIG : null;
  const name = given ?? fromEnv;
  if (name === null) return null;
  const file = resolve(cwd, name);
  const isDir = statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
  const text = isDir ? null : readText(file);
  if (text === null) {
    const where = name === file ? "" : ` (${file})`;
    const problem = `${isDir ? "is a directory, not a configuration file" : "file not found"}${where}`;
    const files = "an existing .releasio.toml, releasio.toml or pyproject.toml";
    if (given === null || given === undefined) {
      throw new ReleasioError(
        "E_CONFIG_ENV",
        `environment variable RELEASIO_CONFIG: ${problem}; got '${name}'`,
        {
          hint: `point RELEASIO_CONFIG at ${files}, or unset it and choose where the new configuration goes with --target`,
        },
      );
    }
    throw new ReleasioError("E_USAGE", `--config ${name}: ${problem}`, {
      hint: `pass ${files}, or leave --config out and choose where the new configuration goes with --target`,
    });
  }
  const base = basename(file);
  if (base === "pyproject.toml")
    return { target: "pyproject", file, text, configured: releasioTableOf(text, name) };
  return { target: base.startsWith(".") ? "dotfile" : "visible", file, text, configured: true };
}

async function gitLines(git: GitRunner | null, args: string[]): Promise<string[]> {
  if (git === null) return [];
  const r = await git.run(args, { okCodes: [1, 128] }).catch(() => null);
  return r && r.code === 0 ? r.stdout.split("\n").filter((l) => l !== "") : [];
}

/**
 * The project's package modules that set a version its declaration does not cover (`src/demo/__init__.py`), as
 * `version.version_files` entries relative to the project; none outside a repository or without a declared version.
 */
async function detectVersionModules(dir: string, git: GitRunner | null): Promise<string[]> {
  if (git === null) return [];
  const projectPath = toPosix(relative(git.cwd, dir)) || ".";
  try {
    const reader = diskReader(git.cwd, await trackedFiles(git));
    const metadata = readProjectMetadata(reader, projectPath);
    if (metadata.declaredVersion === null) return [];
    const declared = new Set(metadata.sources.map((source) => source.path));
    const modules = unmanagedVersionModules(
      reader,
      projectPath,
      declared,
      metadata.declaredVersion,
      metadata.normalizedName,
    );
    return modules.map((module) =>
      projectPath === "." ? module.path : module.path.slice(projectPath.length + 1),
    );
  } catch {
    // An unreadable project is reported when the configuration is verified.
    return [];
  }
}

async function detect(
  dir: string,
  git: GitRunner | null,
  env: Record<string, string | undefined>,
): Promise<Detected> {
  const remote = DEFAULT_CONFIG.git.remote;
  const [remoteHead, branches, current, tags, urls, versionFiles] = await Promise.all([
    gitLines(git, ["symbolic-ref", "-q", `refs/remotes/${remote}/HEAD`]),
    gitLines(git, ["for-each-ref", "--format=%(refname:short)", "refs/heads"]),
    gitLines(git, ["symbolic-ref", "-q", "--short", "HEAD"]),
    git ? listTags(git).catch(() => []) : Promise.resolve([]),
    git ? remoteUrls(git).catch(() => new Map<string, string>()) : Promise.resolve(new Map<string, string>()),
    detectVersionModules(dir, git),
  ]);
  const url = urls.get(remote) ?? null;
  const parsed = url ? parseRemoteUrl(url) : null;
  const pyproject = readText(join(dir, "pyproject.toml"));
  let project: string | null = null;
  let workspaceMembers: string[] = [];
  if (pyproject !== null) {
    try {
      const doc = parse(pyproject);
      project = stringAt(table(doc, "project"), "name");
      workspaceMembers = uvWorkspaceMembers(doc);
    } catch {
      // An invalid pyproject.toml is reported when the configuration is verified.
    }
  }
  return {
    defaultBranch: detectDefaultBranch({
      remoteHead: remoteHead[0] ?? null,
      remote,
      localBranches: branches,
      current: current[0] ?? null,
    }),
    tagPrefix: detectTagPrefix(tags.map((t) => t.name)),
    buildTool: detectBuildTool((f) => existsSync(join(dir, f))),
    forge: selectForgeKind(DEFAULT_CONFIG, parsed?.host ?? null, env),
    repository: parsed?.path ?? null,
    project,
    workspaceMembers,
    versionFiles,
  };
}

/** A snapshot branch needs publishing, a GitHub workflow, and a branch other than the release branch. */
function checkSnapshotBranch(s: InitSettings): void {
  const branch = s.snapshotBranch;
  if (branch === null) return;
  const fail = (message: string, hint: string) => {
    throw new ReleasioError("E_USAGE", message, { hint });
  };
  if (!s.publish)
    fail("--testpypi-snapshots publishes to TestPyPI, but publishing is off", "drop --no-publish");
  if (s.forge === "gitlab")
    fail("--testpypi-snapshots writes a GitHub Actions workflow", "leave it out for a GitLab project");
  if (branch === s.defaultBranch)
    fail(
      `the snapshot branch '${branch}' is the release branch`,
      "name another branch, e.g. --testpypi-snapshots develop",
    );
  if (!/^[\w./-]+$/.test(branch) || branch.startsWith("-") || branch.includes(".."))
    fail(
      `'${branch}' is not a branch name releasio can write into a workflow`,
      "use letters, digits, -, _, . and /",
    );
}

/** The flags of the options: the top-level ones over the deprecated nested `flags`. */
function flagsOf(options: InitOptions): InitFlags {
  const flags: InitFlags = { ...options.flags };
  const set = <K extends keyof InitFlags>(key: K, value: InitFlags[K] | undefined) => {
    if (value !== undefined) flags[key] = value;
  };
  set("target", options.target);
  set("forge", options.forge);
  set("branch", options.branch);
  set("tagPrefix", options.tagPrefix);
  set("publish", options.publish);
  set("trustedPublishing", options.trustedPublishing);
  set("workflow", options.workflow);
  set("prTitleWorkflow", options.prTitleWorkflow);
  set("environment", options.environment);
  set("snapshotBranch", options.testpypiSnapshots);
  if (flags.environment === "none") flags.environment = null;
  // The types say so, but a JavaScript caller may pass anything: a value the CLI would refuse is refused alike.
  oneOf("target", flags.target, Object.keys(TARGET_FILES));
  oneOf("forge", flags.forge, ["github", "gitlab"]);
  return flags;
}

function oneOf(option: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined || (typeof value === "string" && allowed.includes(value))) return;
  throw new ReleasioError("E_USAGE", `init option '${option}' is ${JSON.stringify(value)}`, {
    hint: `use one of ${allowed.join(", ")}`,
    details: { option, value: String(value), allowed },
  });
}

function fileEntry(path: string, before: string | null, after: string): InitFile {
  return {
    path,
    action: before === null ? "create" : before === after ? "unchanged" : "update",
    content: after,
  };
}

/** The flag that sets each configuration key init may write; keys init derives itself are not listed. */
const FLAG_OF_KEY: readonly [prefix: string, flag: string][] = [
  ["default_branch", "--branch"],
  ["version.tag_prefix", "--tag-prefix"],
  ["branches.", "--testpypi-snapshots"],
];

/**
 * The settings, checked as the configuration they become before anything is rendered: a value the configuration
 * refuses (`--branch 'a..b'`, `--tag-prefix 'rel~'`) is a usage error naming the flag (exit 2), not a file that
 * fails its re-read.
 */
function checkSettingValues(values: Record<string, unknown>): void {
  const label = "init";
  try {
    validateConfig(values, label);
  } catch (error) {
    if (!(error instanceof ReleasioError)) throw error;
    const problems = (error.details?.problems ?? []) as ConfigProblem[];
    const first = problems[0] ?? { key: "", message: error.message, hint: error.hint };
    const flag = FLAG_OF_KEY.find(([prefix]) => first.key.startsWith(prefix))?.[1];
    const text = first.message.startsWith(`${label}: `)
      ? first.message.slice(label.length + 2)
      : first.message;
    throw new ReleasioError("E_USAGE", flag ? `${flag}: ${text}` : `the answer for ${first.key}: ${text}`, {
      hint: first.hint,
      details: { key: first.key, ...(flag ? { flag } : {}) },
      cause: error,
    });
  }
}

export async function init(options: InitOptions = {}): Promise<InitPayload> {
  const ctx = contextFrom(options);
  const warnings = new WarningList(ctx.logger);
  const execute = options.execute === true;
  // The environment is checked as every command checks it: a bad switch or override value is an error, an
  // unknown RELEASIO_* variable a warning.
  isOffline(options, ctx.env);
  warnings.addAll(applyEnvOverrides({}, ctx.env).warnings);
  const dir = projectDirectory(ctx.cwd, options.path);
  const git = await openRepository(dir, ctx.env).catch(() => null);
  const root = git?.cwd ?? dir;
  const rel = (file: string) => toPosix(relative(root, file)) || ".";

  if (!PROJECT_FILES.some((f) => existsSync(join(dir, f)))) {
    throw new ReleasioError(
      "E_PROJECT_NOT_FOUND",
      `no pyproject.toml, setup.cfg or setup.py found in ${dir}`,
      {
        hint: "run 'releasio init' in the directory of the Python project",
      },
    );
  }
  const chosen = chosenConfig(ctx.cwd, options.config, ctx.env);
  if (chosen && (options.target ?? options.flags?.target) !== undefined) {
    const byFlag = options.config !== null && options.config !== undefined;
    throw new ReleasioError(
      "E_USAGE",
      `${byFlag ? "--config" : "RELEASIO_CONFIG"} and --target both say where the configuration lives`,
      {
        hint: byFlag
          ? "pass --config FILE to use that file, or --target to create the configuration in its usual place"
          : "unset RELEASIO_CONFIG to create the configuration where --target says, or leave --target out to use its file",
      },
    );
  }
  const existing = chosen ? (chosen.configured ? chosen : null) : existingConfig(dir);
  if (existing && !options.force) {
    return {
      ...envelope("init", !execute, warnings.items),
      target: existing.target,
      files: [{ path: rel(existing.file), action: "unchanged", content: existing.text }],
    };
  }

  const detected = await detect(dir, git, ctx.env);
  const flags = flagsOf(options);
  let settings = defaultSettings(detected, flags);
  if (options.ask && options.yes !== true) settings = await options.ask(settings, detected);
  checkSnapshotBranch(settings);
  // A project described only by setup.cfg/setup.py gets a dedicated file unless pyproject.toml was asked for.
  if (
    settings.target === "pyproject" &&
    !existsSync(join(dir, "pyproject.toml")) &&
    flags.target !== "pyproject"
  ) {
    settings = { ...settings, target: "dotfile" };
  }
  const target = existing?.target ?? chosen?.target ?? settings.target;

  const files: InitFile[] = [];
  const values = configValues(settings);
  checkSettingValues(values);
  const configFile = existing?.file ?? chosen?.file ?? join(dir, TARGET_FILES[target]);
  const before = existing?.text ?? readText(configFile);
  const pyproject = target === "pyproject";
  const table = renderConfigToml(values, pyproject ? "tool.releasio" : "");
  const after = pyproject ? replaceReleasioTables(before ?? "", table) : table;
  verifyConfigText({ file: rel(configFile), before, after, values, pyproject });
  files.push(fileEntry(rel(configFile), before, after));

  const wf: WorkflowContext = { settings, repository: detected.repository, project: detected.project };
  const generated: { path: string; text: string; jobs: string[] }[] = [];
  if (settings.workflow && settings.forge === "gitlab") {
    generated.push({
      path: GITLAB_CI_FILE,
      text: gitlabCi(wf),
      jobs: ["releasio-release", "releasio-release-pr"],
    });
    ctx.logger.info(`add to .gitlab-ci.yml:\n  include:\n    - local: ${GITLAB_CI_FILE}`);
  } else if (settings.workflow) {
    generated.push({
      path: RELEASE_WORKFLOW,
      text: releaseWorkflow(wf),
      jobs: ["plan", "release", "release-pr"],
    });
  }
  if (settings.prTitleWorkflow && settings.forge !== "gitlab") {
    generated.push({ path: PR_TITLE_WORKFLOW, text: prTitleWorkflow(wf), jobs: ["check-pr"] });
  }
  if (settings.snapshotBranch !== null) {
    generated.push({ path: SNAPSHOT_WORKFLOW, text: snapshotWorkflow(wf), jobs: ["snapshot"] });
  }
  for (const g of generated) {
    verifyWorkflow(g.path, g.text, g.jobs);
    const current = readText(join(root, g.path));
    if (current !== null && current !== g.text && !options.force) {
      warnings.add({
        code: "W_INIT_FILE_KEPT",
        message: `${g.path} already exists and was kept; pass --force to replace it`,
      });
      files.push({ path: g.path, action: "unchanged", content: current });
    } else files.push(fileEntry(g.path, current, g.text));
  }

  for (const f of files) options.preview?.(f, readText(join(root, f.path)));
  if (execute) {
    const writes = files
      .filter((f) => f.action !== "unchanged")
      .map((f) => ({ path: f.path, content: f.content, original: readText(join(root, f.path)) }));
    writeFilesAtomically(root, writes);
  }
  return { ...envelope("init", !execute, warnings.items), target, files };
}
