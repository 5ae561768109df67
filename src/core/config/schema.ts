/**
 * The configuration schema (PRODUCT.md §5.5), defined once: validation, defaults, the environment variable names
 * and the published JSON Schema are all derived from this definition. Keys are snake_case exactly as in TOML.
 */
import * as v from "valibot";
import { DEFAULT_SECTION_HEADERS, DEFAULT_SECTION_ORDER } from "../changelog/options.js";
import { PRERELEASE_SPELLINGS, prereleaseTokenOf } from "../version/prerelease-token.js";
import { isTable } from "./tree.js";

export const PRERELEASE_TOKENS = ["alpha", "beta", "rc", "dev"] as const;

/** Changelog section titles and order (§6.10) belong to the renderer; the configuration defaults are the same. */
export { DEFAULT_SECTION_HEADERS, DEFAULT_SECTION_ORDER } from "../changelog/options.js";

/** Accounts that are never credited as authors or contributors. */
export const DEFAULT_IGNORE_AUTHORS: readonly string[] = [
  "dependabot[bot]",
  "dependabot-preview[bot]",
  "renovate[bot]",
  "renovate-bot",
  "github-actions[bot]",
  "pre-commit-ci[bot]",
  "codecov[bot]",
  "semantic-release-bot",
  "allcontributors[bot]",
  "snyk-bot",
  "greenkeeper[bot]",
  "imgbot[bot]",
  "depfu[bot]",
  "pyup-bot",
  "mergify[bot]",
];

export const DEFAULT_CHANGELOG_HEADER =
  "# Changelog\n\nAll notable changes to this project are documented in this file.\n";
export const DEFAULT_RELEASE_PR_TITLE = "chore(release): prepare {project} {tag}";
export const PYPI_UPLOAD_URL = "https://upload.pypi.org/legacy/";
export const TESTPYPI_UPLOAD_URL = "https://test.pypi.org/legacy/";

/**
 * Tables are plain TOML tables. Valibot's object schemas take any object, but an array or a date written where a
 * table belongs is a value of the wrong type, not a table without keys.
 */
function tablesOnly<const TSchema extends v.GenericSchema>(schema: TSchema): TSchema {
  const run = schema["~run"];
  return v._standardSchema<TSchema>({
    ...schema,
    "~run"(dataset, config) {
      const value = dataset.value;
      if (value === null || typeof value !== "object" || isTable(value))
        return run.call(this, dataset, config);
      v._addIssue(this, "type", dataset, config);
      return dataset as ReturnType<TSchema["~run"]>;
    },
  });
}

const table = <const TEntries extends v.ObjectEntries>(entries: TEntries) =>
  tablesOnly(v.strictObject(entries));

/**
 * A table of values under names the user chooses (channels, section titles). Valibot's record skips the names
 * `__proto__`, `prototype` and `constructor`; TOML allows them, so every name written is read here, in file order.
 */
function tableOf<const TValue extends v.GenericSchema>(value: TValue) {
  const schema = v.record(v.string(), value);
  type Result = ReturnType<(typeof schema)["~run"]>;
  return v._standardSchema<typeof schema>({
    ...schema,
    "~run"(dataset, config) {
      const input = dataset.value;
      if (!isTable(input)) {
        v._addIssue(this, "type", dataset, config);
        return dataset as unknown as Result;
      }
      const output: Record<string, unknown> = {};
      const issues: v.BaseIssue<unknown>[] = [];
      let typed = true;
      for (const [key, item] of Object.entries(input)) {
        const checked = this.value["~run"]({ value: item }, config);
        const step: v.ObjectPathItem = { type: "object", origin: "value", input, key, value: item };
        for (const issue of checked.issues ?? [])
          issues.push({ ...issue, path: [step, ...(issue.path ?? [])] });
        typed &&= checked.typed;
        Object.defineProperty(output, key, {
          value: checked.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return (issues.length > 0 ? { typed, value: output, issues } : { typed, value: output }) as Result;
    },
  });
}

const describe = <const TSchema extends v.GenericSchema>(schema: TSchema, description: string) =>
  v.pipe(schema, v.description<v.InferOutput<TSchema>, string>(description));

/** Integers stay in the safe range: a TOML integer beyond it would not keep its value in JavaScript. */
const int = (min: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(Number.MAX_SAFE_INTEGER));
const filledString = () => v.pipe(v.string(), v.minLength(1));

// Small constructors keep each key on one line: type, default, description.
const text = (value: string, description: string) => describe(v.optional(v.string(), value), description);
const nonEmpty = (value: string, description: string) =>
  describe(v.optional(filledString(), value), description);
const optionalText = (description: string) =>
  describe(v.optional(v.nullable(filledString()), null), description);
const flag = (value: boolean, description: string) => describe(v.optional(v.boolean(), value), description);
const texts = (value: readonly string[], description: string) =>
  describe(
    v.optional(v.array(v.string()), () => [...value]),
    description,
  );
/** A list whose items must not be empty: an empty pattern would match every commit. */
const filledTexts = (value: readonly string[], description: string) =>
  describe(
    v.optional(v.array(filledString()), () => [...value]),
    description,
  );
const integer = (value: number, min: number, description: string) =>
  describe(v.optional(int(min), value), description);
const choice = <const T extends readonly [string, ...string[]]>(
  values: T,
  value: T[number],
  description: string,
) => describe(v.optional(v.picklist(values), value), description);
const urlOrAuto = (description: string) => describe(v.optional(filledString(), "auto"), description);
const section = <const TSchema extends v.GenericSchema<Record<string, unknown>>>(
  schema: TSchema,
  description: string,
) => describe(v.optional(schema, {}), description);
/**
 * A pre-release token spelt as `--prerelease` takes it (§6.8: `a`, `b` and `c` too, in any case), read as its full
 * name; anything else fails as a choice, so the message lists the spellings.
 */
function tokenChoice() {
  const schema = v.picklist(PRERELEASE_SPELLINGS);
  const run = schema["~run"];
  return v._standardSchema<typeof schema>({
    ...schema,
    "~run"(dataset, config) {
      const token = prereleaseTokenOf(dataset.value);
      if (token === null) return run.call(this, dataset, config);
      return { typed: true, value: token } as ReturnType<(typeof schema)["~run"]>;
    },
  });
}

const token = (description: string) => describe(v.optional(v.nullable(tokenChoice()), null), description);

/** A `version.version_files` entry after normalisation (§6.15). */
export type VersionFileSpec =
  | { kind: "path"; path: string }
  | { kind: "pattern"; path: string; pattern: string; count: number }
  | { kind: "toml_key"; path: string; toml_key: string }
  | { kind: "json_key"; path: string; json_key: string };

const filePath = describe(filledString(), "File path relative to the project path.");

/** The table forms of a version file entry; which one applies is decided by the keys present. */
export const VERSION_FILE_TABLES = {
  path: describe(table({ path: filePath }), "A Python assignment or whole-file version, like a plain path."),
  pattern: describe(
    table({
      path: filePath,
      pattern: v.pipe(
        v.string(),
        v.minLength(1),
        v.check((p) => p.includes("{version}"), "must contain {version}"),
        v.description("Literal text containing {version}; it must match exactly `count` times."),
      ),
      count: integer(1, 1, "How many times the pattern must match."),
    }),
    "Replace the version inside a literal text pattern.",
  ),
  toml_key: describe(
    table({
      path: filePath,
      toml_key: describe(filledString(), "Dotted key whose string value is the version."),
    }),
    "Replace the string value of a TOML key.",
  ),
  json_key: describe(
    table({
      path: filePath,
      json_key: describe(filledString(), "Dotted key whose string value is the version."),
    }),
    "Replace the string value of a JSON key.",
  ),
} as const;

function toVersionFileSpec(entry: string | Record<string, unknown>): VersionFileSpec {
  if (typeof entry === "string") return { kind: "path", path: entry };
  const path = String(entry["path"]);
  if (typeof entry["pattern"] === "string") {
    return { kind: "pattern", path, pattern: entry["pattern"], count: Number(entry["count"] ?? 1) };
  }
  if (typeof entry["toml_key"] === "string") return { kind: "toml_key", path, toml_key: entry["toml_key"] };
  if (typeof entry["json_key"] === "string") return { kind: "json_key", path, json_key: entry["json_key"] };
  return { kind: "path", path };
}

// The description comes before the transform: the JSON Schema describes what is written, not what it becomes.
export const versionFileEntry = v.pipe(
  v.union([
    filePath,
    VERSION_FILE_TABLES.path,
    VERSION_FILE_TABLES.pattern,
    VERSION_FILE_TABLES.toml_key,
    VERSION_FILE_TABLES.json_key,
  ]),
  v.description("A path, or a table { path, pattern, count }, { path, toml_key } or { path, json_key }."),
  v.transform((entry): VersionFileSpec => toVersionFileSpec(entry)),
);

export const commitParserSchema = table({
  pattern: describe(
    filledString(),
    "Regular expression matched at the start of the subject (Python (?P<name>...) groups are accepted).",
  ),
  type: describe(filledString(), "Commit type given to matching commits."),
  group: optionalText("Changelog section key or title for matching commits; default: the section of `type`."),
  scope_group: optionalText("Name of the capture group holding the scope."),
  description_group: nonEmpty(
    "description",
    "Name of the capture group holding the description; when the pattern has no such group the whole subject is used.",
  ),
  breaking: flag(false, "Every matching commit is a breaking change."),
});

export const branchChannelSchema = table({
  match: describe(
    filledString(),
    "Glob over the full branch name: `*` = any characters including `/`, `?` = one character.",
  ),
  prerelease: flag(false, "Releases on matching branches are pre-releases with `prerelease_token`."),
  prerelease_token: token("Pre-release token of the channel; required when `prerelease = true`."),
  publish_only: flag(
    false,
    'Snapshot channel: publish `<next>.devN` builds without commit, tag or forge release (needs prerelease_token = "dev").',
  ),
});

const gitTable = table({
  remote: nonEmpty("origin", "Remote used for fetch, push and repository detection."),
  sign_tags: flag(false, "Create release tags with `git tag -s`, using the user's git signing setup."),
  sign_commits: flag(false, "Create release commits with `git commit -S`."),
  tag_message: text("Release {tag}", "Annotated tag message; placeholders {project} {version} {tag}."),
});

const versionTable = table({
  tag_prefix: text("v", "Tag = prefix + canonical version; may be empty."),
  initial_version: nonEmpty("0.1.0", "First version when the project declares none."),
  pre_release: token("Pre-release token applied to every release unless a flag or channel decides."),
  major_on_zero: flag(false, "On 0.x, a breaking change bumps major (to 1.0.0) instead of minor."),
  version_files: describe(
    v.optional(v.array(versionFileEntry), () => []),
    "Extra files holding the version: paths or { path, pattern | toml_key | json_key } tables.",
  ),
  auto_detect_version_files: flag(false, "Find package `__version__` files automatically."),
  update_lock_file: flag(true, "Keep uv.lock, poetry.lock and pdm.lock consistent with the bump."),
});

const commitsTable = table({
  types_major: texts([], "Commit types that force a major bump."),
  types_minor: texts(["feat"], "Commit types that bump minor."),
  types_patch: texts(
    ["fix", "perf"],
    "Commit types that bump patch. A type may appear in one of types_major/minor/patch only.",
  ),
  breaking_pattern: text(
    "BREAKING[ -]CHANGE:",
    "Regular expression matched at the start of a body line (case-sensitive); an empty string disables it.",
  ),
  scope_regex: optionalText("Commits whose scope does not match this regular expression are excluded."),
  skip_release_patterns: filledTexts(
    ["[skip release]", "[release skip]", "[no release]"],
    "Case-insensitive markers; a commit containing one is excluded.",
  ),
  commit_parsers: describe(
    v.optional(v.array(commitParserSchema), () => []),
    "Custom parsers tried in order before conventional parsing.",
  ),
  use_conventional_fallback: flag(true, "Parse as a conventional commit when no custom parser matches."),
  gitmoji: flag(true, "Recognise Gitmoji-prefixed subjects that are not conventional."),
  release_commit_pattern: nonEmpty(
    "^chore\\(release\\):",
    "Regular expression for release commit subjects; the rendered release_pr.commit_message must match it.",
  ),
  include_merge_commits: flag(false, "Treat merge commits as ordinary commits instead of excluding them."),
  parse_squash_bodies: flag(false, "Split squash-merge bodies into one entry per conventional bullet."),
});

const changelogTable = table({
  enabled: flag(true, "Write the changelog file; release notes are rendered either way."),
  path: nonEmpty("CHANGELOG.md", "Changelog file, relative to the project path."),
  engine: choice(["native", "git-cliff"], "native", "Changelog renderer."),
  cliff_config: optionalText(
    "git-cliff configuration file; default: cliff.toml, else pyproject.toml with [tool.git-cliff].",
  ),
  header: text(DEFAULT_CHANGELOG_HEADER, "Preamble written when the file is created or fully regenerated."),
  section_headers: describe(
    v.optional(tableOf(filledString()), () => ({ ...DEFAULT_SECTION_HEADERS })),
    "Section titles by key, merged with the defaults key by key.",
  ),
  section_order: texts(
    DEFAULT_SECTION_ORDER,
    "Order of section keys; keys not listed follow in first-seen order.",
  ),
  exclude_types: texts([], "Commit types left out of the changelog (they still bump)."),
  include_unconventional: flag(true, "List non-conventional commits under Other."),
  links: flag(true, "Link versions, pull requests and commits when the forge web URL is known."),
  show_authors: flag(false, "Append the author (@login or name) to entries."),
  show_commit_hash: flag(false, "Append the short commit hash to every entry."),
  commit_template: optionalText(
    "Entry text template; placeholders {description} {scope} {type} {author} {login} {hash} {short_hash} {body} {pr} {pr_url} {commit_url} {breaking}.",
  ),
  show_first_time_contributors: flag(false, "Mark entries of first-time contributors with the badge."),
  first_contributor_badge: text("🎉 First contribution!", "Badge for first-time contributors."),
  include_dependency_updates: flag(false, "Add a Dependencies section from the lock-file diff."),
  use_github_prs: flag(false, "Resolve the pull request of every commit through the forge API."),
  resolve_usernames: flag(true, "Resolve author logins through the forge API when authors are shown."),
  ignore_authors: texts(
    DEFAULT_IGNORE_AUTHORS,
    "Accounts never credited as authors, contributors or first-timers.",
  ),
});

const releasePrTable = table({
  branch: nonEmpty("releasio/release", "Head branch of the release pull request."),
  labels: texts(
    ["release"],
    "Labels applied on creation and re-applied on every refresh (each at most 50 characters, without commas).",
  ),
  title: text(
    DEFAULT_RELEASE_PR_TITLE,
    "Pull request title; placeholders {project} {version} {tag} {previous_version} {base} {packages}.",
  ),
  commit_message: text(
    DEFAULT_RELEASE_PR_TITLE,
    "Release commit message (default: the title); same placeholders; must match commits.release_commit_pattern.",
  ),
  draft: flag(false, "Open the pull request as a draft."),
});

const releaseTable = table({
  enabled: flag(true, "Create a GitHub or GitLab release (tags and publishing happen regardless)."),
  name_format: text(
    "{project} {tag}",
    "Release name; placeholders {project} {package} {version} {tag} {previous_version} {previous_tag}.",
  ),
  draft: flag(false, "Leave the release as a draft."),
  assets: texts([], "Globs of files to attach, relative to the project path and inside the repository."),
  include_contributors: flag(true, "Contributors section in the release body."),
  include_installation: flag(true, "Installation section in the release body (published packages only)."),
  include_assets: flag(true, "Assets section with names and sha256 in the release body."),
});

const githubTable = table({
  owner: optionalText("Repository owner; overrides the one parsed from the remote."),
  repo: optionalText("Repository name; overrides the one parsed from the remote."),
  api_url: urlOrAuto(
    "REST API base URL, or auto (GITHUB_API_URL, api.github.com, or https://<host>/api/v3).",
  ),
  uploads_url: urlOrAuto("Release asset upload base URL, or auto (derived from the API URL)."),
  server_url: urlOrAuto("Web base URL for links, or auto (GITHUB_SERVER_URL or https://<remote host>)."),
});

const gitlabTable = table({
  project: optionalText("Project path (group/subgroup/name); default from the remote or CI_PROJECT_PATH."),
  api_url: urlOrAuto("API v4 base URL, or auto (CI_API_V4_URL or https://<host>/api/v4)."),
  server_url: urlOrAuto("Web base URL, or auto (CI_SERVER_URL or https://<host>)."),
});

const publishTable = table({
  enabled: flag(true, "Build and upload during release and do-release."),
  registry: nonEmpty(PYPI_UPLOAD_URL, "Upload endpoint: an https URL, pypi or testpypi."),
  check_url: optionalText(
    "Simple-index URL for existence checks and verification; automatic for PyPI/TestPyPI.",
  ),
  repository: optionalText("Section of ~/.pypirc to read a token from."),
  tool: choice(
    ["auto", "uv", "build", "poetry", "pdm", "hatch", "twine"],
    "auto",
    "Build tool; twine (kept from older configurations) builds with python -m build.",
  ),
  dist_dir: nonEmpty("dist", "Where distributions are built and read, relative to the project path."),
  trusted_publishing: describe(
    v.optional(v.union([v.boolean(), v.literal("required")]), true),
    "true: OIDC when the CI offers it, else a token; false: tokens only; required: fail without OIDC.",
  ),
  attestations: describe(
    v.optional(v.union([v.literal("auto"), v.boolean()]), "auto"),
    "PEP 740 attestations: auto, true or false.",
  ),
  validate_before_publish: flag(true, "Validate distributions locally before publishing."),
  check_existing_version: flag(
    true,
    "Look at the index before uploading (identical: skip; different: conflict).",
  ),
  skip_existing: flag(false, "Skip, with a warning, files that exist on the index with different content."),
  verify_after_upload: flag(true, "Poll the index until every uploaded file is visible with its sha256."),
  verify_timeout: integer(300, 1, "Maximum verification time in seconds."),
  retries: integer(3, 0, "Retries for transient upload and read failures."),
  allow_http_localhost: flag(false, "Permit http:// index and Sigstore URLs on loopback hosts."),
  fulcio_url: nonEmpty("https://fulcio.sigstore.dev", "Sigstore certificate authority for attestations."),
  rekor_url: nonEmpty("https://rekor.sigstore.dev", "Sigstore transparency log for attestations."),
});

const hooksTable = table({
  pre_bump: texts([], "Commands run before any file is written."),
  post_bump: texts([], "Commands run after the files are written, before the release commit."),
  pre_release: texts([], "Commands run before the release tag is created."),
  post_release: texts([], "Commands run after every release step succeeded; a failure is only a warning."),
  build: optionalText("Command that replaces the default build."),
});

const packagesTable = table({
  paths: texts(
    [],
    "Package directories (globs); empty = uv workspace members when discovery is on. Workspaces are not released yet: a non-empty list is refused.",
  ),
  discover_uv_workspace: flag(
    true,
    "Use the [tool.uv.workspace] members of the root pyproject.toml. Not released yet: a declared workspace is warned about (W_WORKSPACE_UNSUPPORTED) and only its root project is planned.",
  ),
  exclude: texts([], "Package names never released."),
  independent: flag(true, "Independent versions and tags per package; false = one shared version and tag."),
  tag_format: text(
    "{package}-v{version}",
    "Per-package tag; placeholders {package} {version}; must contain {version}.",
  ),
  internal_dependency_update: choice(
    ["compatible", "exact", "none"],
    "compatible",
    "How requirements on released workspace packages are rewritten.",
  ),
});

const securityTable = table({
  enabled: flag(false, "Detect security fixes: a Security section and a draft advisory."),
  patterns: filledTexts(
    ["^fix\\(security\\)", "^security(\\(.+\\))?!?:", "CVE-\\d{4}-\\d+"],
    "Case-insensitive regular expressions matched against subject and body.",
  ),
  auto_create_advisory: flag(true, "Create a draft GitHub security advisory on release."),
  severity: choice(["low", "medium", "high", "critical"], "medium", "Severity of created advisories."),
});

const checkPrTable = table({
  require_scope: flag(false, "Titles must have a scope."),
  max_length: integer(100, 1, "Maximum title length."),
  allowed_scopes: texts([], "Allowed scopes; empty = any."),
  extra_types: texts([], "Types accepted in addition to the configured and conventional ones."),
});

export const configSchema = describe(
  table({
    default_branch: nonEmpty("main", "Main release branch; base of its release pull request."),
    allow_dirty: flag(false, "Allow --execute on a dirty working tree."),
    forge: choice(
      ["auto", "github", "gitlab", "none"],
      "auto",
      "Forge selection; none disables PRs, releases and links.",
    ),
    git: section(gitTable, "Git settings."),
    version: section(versionTable, "Versioning."),
    commits: section(commitsTable, "Commit classification."),
    changelog: section(changelogTable, "The changelog."),
    release_pr: section(releasePrTable, "The release pull request."),
    release: section(releaseTable, "The forge release."),
    github: section(githubTable, "GitHub settings."),
    gitlab: section(gitlabTable, "GitLab settings."),
    publish: section(publishTable, "Building and uploading to a package index."),
    hooks: section(hooksTable, "Commands run around the release; placeholders {version} {tag} etc."),
    packages: section(packagesTable, "Workspaces (monorepos)."),
    branches: describe(
      v.optional(tableOf(branchChannelSchema), () => ({})),
      "Release channels by name, evaluated in file order; the first match wins.",
    ),
    security: section(securityTable, "Security fixes and advisories."),
    check_pr: section(checkPrTable, "Pull request title validation."),
  }),
  "releasio configuration.",
);

/** The effective configuration: every key present, defaults filled in. */
export type ReleasioConfig = v.InferOutput<typeof configSchema>;
export type CommitParser = ReleasioConfig["commits"]["commit_parsers"][number];
export type BranchChannel = ReleasioConfig["branches"][string];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The configuration used when no file and no override sets anything (frozen: copy before changing). */
export const DEFAULT_CONFIG: ReleasioConfig = deepFreeze(v.parse(configSchema, {}));
