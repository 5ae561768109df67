/**
 * What `init` decides (§4.8): one options object filled by flags and detection (`--yes`) or by the wizard, and
 * the configuration values it implies — only those that differ from the defaults.
 */
import { DEFAULT_CONFIG } from "../config/schema.js";

export type InitTarget = "pyproject" | "dotfile" | "visible";
export type BuildTool = "auto" | "uv" | "build" | "poetry" | "pdm" | "hatch";

export const TARGET_FILES: Record<InitTarget, string> = {
  pyproject: "pyproject.toml",
  dotfile: ".releasio.toml",
  visible: "releasio.toml",
};

export interface InitSettings {
  target: InitTarget;
  /** The forge the workflows are written for; null = none identified (GitHub workflows are still offered). */
  forge: "github" | "gitlab" | null;
  /** Write `forge = ...` because the remote would not identify it (a flag chose it). */
  forgeExplicit: boolean;
  defaultBranch: string;
  tagPrefix: string;
  publish: boolean;
  trustedPublishing: boolean;
  testPypi: boolean;
  buildTool: BuildTool;
  changelogPath: string;
  labels: string[];
  assets: string[];
  /** The release workflow (GitHub) or CI file (GitLab). */
  workflow: boolean;
  prTitleWorkflow: boolean;
  /** Deployment environment of the publishing job (it must match the PyPI publisher); null = none. */
  environment: string | null;
  /**
   * A branch whose pushes publish snapshots (`S.devN`) to TestPyPI, as the seed's TestPyPI workflow does: a
   * `publish_only` channel and `.github/workflows/testpypi.yml`; null = none.
   */
  snapshotBranch: string | null;
  /** `version.version_files` entries (paths relative to the project): modules that also carry the version. */
  versionFiles: string[];
}

/** What detection found, for defaults and for the comments naming the trusted-publisher fields. */
export interface Detected {
  defaultBranch: string;
  tagPrefix: string;
  buildTool: BuildTool;
  forge: "github" | "gitlab" | null;
  /** `owner/repo` or `group/project` from the remote; null when unknown. */
  repository: string | null;
  project: string | null;
  /** uv workspace members (from [tool.uv.workspace]); informative. */
  workspaceMembers: string[];
  /**
   * The project's own package modules that set a version no release would update otherwise (`src/demo/__init__.py`),
   * relative to the project path.
   */
  versionFiles: string[];
}

export interface InitFlags {
  target?: InitTarget;
  forge?: "github" | "gitlab";
  branch?: string;
  tagPrefix?: string;
  publish?: boolean;
  trustedPublishing?: boolean;
  workflow?: boolean;
  prTitleWorkflow?: boolean;
  environment?: string | null;
  snapshotBranch?: string | null;
}

/** The settings `--yes` uses: flags over detection over defaults. The wizard starts from the same object. */
export function defaultSettings(detected: Detected, flags: InitFlags): InitSettings {
  const publish = flags.publish ?? true;
  const trustedPublishing = publish && (flags.trustedPublishing ?? true);
  return {
    target: flags.target ?? "pyproject",
    forge: flags.forge ?? detected.forge,
    forgeExplicit: flags.forge !== undefined && flags.forge !== detected.forge,
    defaultBranch: flags.branch ?? detected.defaultBranch,
    tagPrefix: flags.tagPrefix ?? detected.tagPrefix,
    publish,
    trustedPublishing,
    testPypi: false,
    buildTool: detected.buildTool,
    changelogPath: DEFAULT_CONFIG.changelog.path,
    labels: [...DEFAULT_CONFIG.release_pr.labels],
    assets: [],
    workflow: flags.workflow ?? true,
    prTitleWorkflow: flags.prTitleWorkflow ?? false,
    environment: flags.environment !== undefined ? flags.environment : trustedPublishing ? "pypi" : null,
    snapshotBranch: flags.snapshotBranch ?? null,
    versionFiles: [...detected.versionFiles],
  };
}

export type TomlScalar = string | boolean | number | string[];
/** A table of non-default values; sub-tables nest (`branches.develop`). */
export interface ConfigTable {
  [key: string]: TomlScalar | ConfigTable;
}
/** The configuration as nested tables of non-default values (top-level keys first, then one table per section). */
export type ConfigValues = ConfigTable;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Only the values that differ from the defaults: the file stays short and future defaults still apply. */
export function configValues(s: InitSettings): ConfigValues {
  const d = DEFAULT_CONFIG;
  const top: ConfigValues = {};
  const section = (name: string, key: string, value: TomlScalar | ConfigTable) => {
    const table = (top[name] ?? {}) as ConfigTable;
    table[key] = value;
    top[name] = table;
  };
  if (s.defaultBranch !== d.default_branch) top.default_branch = s.defaultBranch;
  if (s.forgeExplicit && s.forge !== null) top.forge = s.forge;
  if (s.tagPrefix !== d.version.tag_prefix) section("version", "tag_prefix", s.tagPrefix);
  if (s.versionFiles.length > 0) section("version", "version_files", s.versionFiles);
  if (s.changelogPath !== d.changelog.path) section("changelog", "path", s.changelogPath);
  if (!sameList(s.labels, d.release_pr.labels)) section("release_pr", "labels", s.labels);
  if (s.assets.length > 0) section("release", "assets", s.assets);
  if (!s.publish) section("publish", "enabled", false);
  else {
    if (s.testPypi) section("publish", "registry", "testpypi");
    if (s.buildTool !== d.publish.tool) section("publish", "tool", s.buildTool);
    if (!s.trustedPublishing) section("publish", "trusted_publishing", false);
    // The seed's TestPyPI workflow: every push to this branch publishes S.devN, with no commit, tag or release.
    if (s.snapshotBranch !== null) {
      section("branches", s.snapshotBranch, {
        match: s.snapshotBranch,
        prerelease: true,
        prerelease_token: "dev",
        publish_only: true,
      });
    }
  }
  return top;
}
