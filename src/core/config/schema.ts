/**
 * The configuration schema (PRODUCT.md §5.5), defined once: validation, defaults, the environment variable names
 * and the published JSON Schema are all derived from this definition. Keys are snake_case exactly as in TOML.
 */
import { z } from "zod";

export const PRERELEASE_TOKENS = ["alpha", "beta", "rc", "dev"] as const;

/** Changelog section titles (§6.10); `changelog.section_headers` overrides them key by key. */
export const DEFAULT_SECTION_HEADERS: Readonly<Record<string, string>> = {
  breaking: "⚠️ Breaking Changes",
  security: "🔒 Security",
  feat: "✨ Features",
  fix: "🐛 Bug Fixes",
  perf: "⚡ Performance",
  revert: "⏪ Reverts",
  refactor: "♻️ Refactoring",
  docs: "📚 Documentation",
  style: "💄 Style",
  test: "🧪 Tests",
  build: "📦 Build",
  ci: "🔧 CI",
  chore: "🔨 Chores",
  other: "📝 Other",
  dependencies: "⬆️ Dependencies",
};

export const DEFAULT_SECTION_ORDER: readonly string[] = [
  "feat",
  "fix",
  "perf",
  "revert",
  "refactor",
  "docs",
  "style",
  "test",
  "build",
  "ci",
  "chore",
];

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

// Small constructors keep each key on one line: type, default, description.
const text = (value: string, description: string) => z.string().default(value).describe(description);
const nonEmpty = (value: string, description: string) =>
  z.string().min(1).default(value).describe(description);
const optionalText = (description: string) =>
  z.string().min(1).nullable().default(null).describe(description);
const flag = (value: boolean, description: string) => z.boolean().default(value).describe(description);
const texts = (value: readonly string[], description: string) =>
  z
    .array(z.string())
    .default(() => [...value])
    .describe(description);
const integer = (value: number, min: number, description: string) =>
  z.number().int().min(min).default(value).describe(description);
const choice = <const T extends readonly [string, ...string[]]>(
  values: T,
  value: T[number],
  description: string,
) =>
  z
    .enum(values)
    .default(value as z.output<z.ZodEnum<z.core.util.ToEnum<T[number]>>>)
    .describe(description);
const urlOrAuto = (description: string) => z.string().min(1).default("auto").describe(description);

/** A `version.version_files` entry after normalisation (§6.15). */
export type VersionFileSpec =
  | { kind: "path"; path: string }
  | { kind: "pattern"; path: string; pattern: string; count: number }
  | { kind: "toml_key"; path: string; toml_key: string }
  | { kind: "json_key"; path: string; json_key: string };

const filePath = z.string().min(1).describe("File path relative to the project path.");

/** The table forms of a version file entry; which one applies is decided by the keys present. */
export const VERSION_FILE_TABLES = {
  path: z
    .strictObject({ path: filePath })
    .describe("A Python assignment or whole-file version, like a plain path."),
  pattern: z
    .strictObject({
      path: filePath,
      pattern: z
        .string()
        .min(1)
        .refine((p) => p.includes("{version}"), { message: "must contain {version}" })
        .describe("Literal text containing {version}; it must match exactly `count` times."),
      count: z.number().int().min(1).default(1).describe("How many times the pattern must match."),
    })
    .describe("Replace the version inside a literal text pattern."),
  toml_key: z
    .strictObject({
      path: filePath,
      toml_key: z.string().min(1).describe("Dotted key whose string value is the version."),
    })
    .describe("Replace the string value of a TOML key."),
  json_key: z
    .strictObject({
      path: filePath,
      json_key: z.string().min(1).describe("Dotted key whose string value is the version."),
    })
    .describe("Replace the string value of a JSON key."),
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

export const versionFileEntry = z
  .union([
    filePath,
    VERSION_FILE_TABLES.path,
    VERSION_FILE_TABLES.pattern,
    VERSION_FILE_TABLES.toml_key,
    VERSION_FILE_TABLES.json_key,
  ])
  .transform((entry): VersionFileSpec => toVersionFileSpec(entry))
  .describe("A path, or a table { path, pattern, count }, { path, toml_key } or { path, json_key }.");

export const commitParserSchema = z.strictObject({
  pattern: z
    .string()
    .min(1)
    .describe(
      "Regular expression matched at the start of the subject (Python (?P<name>...) groups are accepted).",
    ),
  type: z.string().min(1).describe("Commit type given to matching commits."),
  group: optionalText("Changelog section key or title for matching commits; default: the section of `type`."),
  scope_group: optionalText("Name of the capture group holding the scope."),
  description_group: nonEmpty(
    "description",
    "Name of the capture group holding the description; when the pattern has no such group the whole subject is used.",
  ),
  breaking: flag(false, "Every matching commit is a breaking change."),
});

export const branchChannelSchema = z.strictObject({
  match: z
    .string()
    .min(1)
    .describe("Glob over the full branch name: `*` = any characters including `/`, `?` = one character."),
  prerelease: flag(false, "Releases on matching branches are pre-releases with `prerelease_token`."),
  prerelease_token: z
    .enum(PRERELEASE_TOKENS)
    .nullable()
    .default(null)
    .describe("Pre-release token of the channel; required when `prerelease = true`."),
  publish_only: flag(
    false,
    'Snapshot channel: publish `<next>.devN` builds without commit, tag or forge release (needs prerelease_token = "dev").',
  ),
});

const gitTable = z.strictObject({
  remote: nonEmpty("origin", "Remote used for fetch, push and repository detection."),
  sign_tags: flag(false, "Create release tags with `git tag -s`, using the user's git signing setup."),
  sign_commits: flag(false, "Create release commits with `git commit -S`."),
  tag_message: text("Release {tag}", "Annotated tag message; placeholders {project} {version} {tag}."),
});

const versionTable = z.strictObject({
  tag_prefix: text("v", "Tag = prefix + canonical version; may be empty."),
  initial_version: nonEmpty("0.1.0", "First version when the project declares none."),
  pre_release: z
    .enum(PRERELEASE_TOKENS)
    .nullable()
    .default(null)
    .describe("Pre-release token applied to every release unless a flag or channel decides."),
  major_on_zero: flag(false, "On 0.x, a breaking change bumps major (to 1.0.0) instead of minor."),
  version_files: z
    .array(versionFileEntry)
    .default(() => [])
    .describe("Extra files holding the version: paths or { path, pattern | toml_key | json_key } tables."),
  auto_detect_version_files: flag(false, "Find package `__version__` files automatically."),
  update_lock_file: flag(true, "Keep uv.lock, poetry.lock and pdm.lock consistent with the bump."),
});

const commitsTable = z.strictObject({
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
  skip_release_patterns: texts(
    ["[skip release]", "[release skip]", "[no release]"],
    "Case-insensitive markers; a commit containing one is excluded.",
  ),
  commit_parsers: z
    .array(commitParserSchema)
    .default(() => [])
    .describe("Custom parsers tried in order before conventional parsing."),
  use_conventional_fallback: flag(true, "Parse as a conventional commit when no custom parser matches."),
  gitmoji: flag(true, "Recognise Gitmoji-prefixed subjects that are not conventional."),
  release_commit_pattern: text(
    "^chore\\(release\\):",
    "Regular expression for release commit subjects; the rendered release_pr.commit_message must match it.",
  ),
  include_merge_commits: flag(false, "Treat merge commits as ordinary commits instead of excluding them."),
  parse_squash_bodies: flag(false, "Split squash-merge bodies into one entry per conventional bullet."),
});

const changelogTable = z.strictObject({
  enabled: flag(true, "Write the changelog file; release notes are rendered either way."),
  path: nonEmpty("CHANGELOG.md", "Changelog file, relative to the project path."),
  engine: choice(["native", "git-cliff"], "native", "Changelog renderer."),
  cliff_config: optionalText(
    "git-cliff configuration file; default: cliff.toml, else pyproject.toml with [tool.git-cliff].",
  ),
  header: text(DEFAULT_CHANGELOG_HEADER, "Preamble written when the file is created or fully regenerated."),
  section_headers: z
    .record(z.string(), z.string())
    .default(() => ({ ...DEFAULT_SECTION_HEADERS }))
    .describe("Section titles by key, merged with the defaults key by key."),
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

const releasePrTable = z.strictObject({
  branch: nonEmpty("releasio/release", "Head branch of the release pull request."),
  labels: texts(["release"], "Labels applied on creation and re-applied on every refresh."),
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

const releaseTable = z.strictObject({
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

const githubTable = z.strictObject({
  owner: optionalText("Repository owner; overrides the one parsed from the remote."),
  repo: optionalText("Repository name; overrides the one parsed from the remote."),
  api_url: urlOrAuto(
    "REST API base URL, or auto (GITHUB_API_URL, api.github.com, or https://<host>/api/v3).",
  ),
  uploads_url: urlOrAuto("Release asset upload base URL, or auto (derived from the API URL)."),
  server_url: urlOrAuto("Web base URL for links, or auto (GITHUB_SERVER_URL or https://<remote host>)."),
});

const gitlabTable = z.strictObject({
  project: optionalText("Project path (group/subgroup/name); default from the remote or CI_PROJECT_PATH."),
  api_url: urlOrAuto("API v4 base URL, or auto (CI_API_V4_URL or https://<host>/api/v4)."),
  server_url: urlOrAuto("Web base URL, or auto (CI_SERVER_URL or https://<host>)."),
});

const publishTable = z.strictObject({
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
  trusted_publishing: z
    .union([z.boolean(), z.literal("required")])
    .default(true)
    .describe(
      "true: OIDC when the CI offers it, else a token; false: tokens only; required: fail without OIDC.",
    ),
  attestations: z
    .union([z.literal("auto"), z.boolean()])
    .default("auto")
    .describe("PEP 740 attestations: auto, true or false."),
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

const hooksTable = z.strictObject({
  pre_bump: texts([], "Commands run before any file is written."),
  post_bump: texts([], "Commands run after the files are written, before the release commit."),
  pre_release: texts([], "Commands run before the release tag is created."),
  post_release: texts([], "Commands run after every release step succeeded; a failure is only a warning."),
  build: optionalText("Command that replaces the default build."),
});

const packagesTable = z.strictObject({
  paths: texts([], "Package directories (globs); empty = uv workspace members when discovery is on."),
  discover_uv_workspace: flag(true, "Use the [tool.uv.workspace] members of the root pyproject.toml."),
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

const securityTable = z.strictObject({
  enabled: flag(false, "Detect security fixes: a Security section and a draft advisory."),
  patterns: texts(
    ["^fix\\(security\\)", "^security(\\(.+\\))?!?:", "CVE-\\d{4}-\\d+"],
    "Case-insensitive regular expressions matched against subject and body.",
  ),
  auto_create_advisory: flag(true, "Create a draft GitHub security advisory on release."),
  severity: choice(["low", "medium", "high", "critical"], "medium", "Severity of created advisories."),
});

const checkPrTable = z.strictObject({
  require_scope: flag(false, "Titles must have a scope."),
  max_length: integer(100, 1, "Maximum title length."),
  allowed_scopes: texts([], "Allowed scopes; empty = any."),
  extra_types: texts([], "Types accepted in addition to the configured and conventional ones."),
});

export const configSchema = z
  .strictObject({
    default_branch: nonEmpty("main", "Main release branch; base of its release pull request."),
    allow_dirty: flag(false, "Allow --execute on a dirty working tree."),
    forge: choice(
      ["auto", "github", "gitlab", "none"],
      "auto",
      "Forge selection; none disables PRs, releases and links.",
    ),
    git: gitTable.prefault({}).describe("Git settings."),
    version: versionTable.prefault({}).describe("Versioning."),
    commits: commitsTable.prefault({}).describe("Commit classification."),
    changelog: changelogTable.prefault({}).describe("The changelog."),
    release_pr: releasePrTable.prefault({}).describe("The release pull request."),
    release: releaseTable.prefault({}).describe("The forge release."),
    github: githubTable.prefault({}).describe("GitHub settings."),
    gitlab: gitlabTable.prefault({}).describe("GitLab settings."),
    publish: publishTable.prefault({}).describe("Building and uploading to a package index."),
    hooks: hooksTable
      .prefault({})
      .describe("Commands run around the release; placeholders {version} {tag} etc."),
    packages: packagesTable.prefault({}).describe("Workspaces (monorepos)."),
    branches: z
      .record(z.string(), branchChannelSchema)
      .default(() => ({}))
      .describe("Release channels by name, evaluated in file order; the first match wins."),
    security: securityTable.prefault({}).describe("Security fixes and advisories."),
    check_pr: checkPrTable.prefault({}).describe("Pull request title validation."),
  })
  .describe("releasio configuration.");

/** The effective configuration: every key present, defaults filled in. */
export type ReleasioConfig = z.output<typeof configSchema>;
export type CommitParser = ReleasioConfig["commits"]["commit_parsers"][number];
export type BranchChannel = ReleasioConfig["branches"][string];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The configuration used when no file and no override sets anything (frozen: copy before changing). */
export const DEFAULT_CONFIG: ReleasioConfig = deepFreeze(configSchema.parse({}));
