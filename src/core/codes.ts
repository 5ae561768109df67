/**
 * Every error and warning code releasio reports (PRODUCT.md §3.7), with its exit status and when it occurs: the
 * one list the `ReleasioError` and `Warning` types accept and `docs/codes.md` is generated from.
 */

interface ErrorEntry {
  /** 2: usage or configuration, nothing changed; 1: operational failure. */
  exit: 1 | 2;
  when: string;
}

export const ERROR_CODES = {
  E_USAGE: { exit: 2, when: "the command line is wrong: unknown command or option, bad option value" },
  E_CONFIG_TOML: { exit: 2, when: "a configuration file is not valid TOML (file, line and column named)" },
  E_CONFIG_UNKNOWN_KEY: { exit: 2, when: "a configuration key is unknown (with a did-you-mean)" },
  E_CONFIG_INVALID: {
    exit: 2,
    when: "a configuration value has the wrong type, value, range, pattern or template",
  },
  E_CONFIG_REMOVED_KEY: {
    exit: 2,
    when: "a key of the original releasio that no longer exists (its replacement named)",
  },
  E_CONFIG_ENV: { exit: 2, when: "a RELEASIO_* environment variable has an invalid value" },
  E_PROJECT_NOT_FOUND: { exit: 2, when: "the command needs project metadata and there is no project file" },
  E_PROJECT_METADATA: {
    exit: 2,
    when: "the project's name or version is missing or invalid where it is needed",
  },
  E_VERSION_INVALID: { exit: 2, when: "a version (flag, project file or configuration) is not PEP 440" },
  E_PRERELEASE_TOKEN: {
    exit: 2,
    when: "an unknown pre-release token (--prerelease, a channel or the configuration)",
  },
  E_VERSION_NOT_INCREASING: { exit: 2, when: "--version is not greater than the previous release" },
  E_INSECURE_URL: { exit: 2, when: "an index or forge URL uses http outside localhost" },
  E_PR_TITLE_MISSING: { exit: 2, when: "check-pr has no title to check" },
  E_NOT_A_REPO: { exit: 1, when: "the directory is not inside a git repository" },
  E_GIT_MISSING: { exit: 1, when: "git is not on PATH, or older than 2.25" },
  E_GIT: { exit: 1, when: "a git command failed (its arguments, exit status and first lines of stderr)" },
  E_EMPTY_REPO: { exit: 1, when: "the repository has no commits yet" },
  E_SHALLOW_CLONE: { exit: 1, when: "a shallow clone could not be deepened to the last release tag" },
  E_DIRTY_TREE: { exit: 1, when: "an execute run found uncommitted changes" },
  E_WRONG_BRANCH: { exit: 1, when: "an execute run is not on a release branch" },
  E_DETACHED_HEAD: { exit: 1, when: "HEAD is detached and no CI variable names the branch" },
  E_NOT_PUSHED: { exit: 1, when: "the release commit is not on the remote branch yet" },
  E_BRANCH_DIVERGED: {
    exit: 1,
    when: "do-release: the local branch is behind or has diverged from the remote",
  },
  E_REMOTE: { exit: 1, when: "the forge repository cannot be told from the remote, and a forge is needed" },
  E_FORGE_AUTH: { exit: 1, when: "no forge token was found, or the forge rejected it" },
  E_FORGE_PERMISSION: { exit: 1, when: "the token lacks a permission a step needs (the permission named)" },
  E_FORGE_NOT_FOUND: { exit: 1, when: "the repository does not exist or the token cannot see it" },
  E_FORGE_RATE_LIMIT: { exit: 1, when: "the forge's rate limit stayed exhausted after waiting" },
  E_FORGE_API: { exit: 1, when: "another forge API call failed" },
  E_NETWORK: { exit: 1, when: "a host could not be reached after retries" },
  E_TAG_CONFLICT: { exit: 1, when: "the release tag already exists on another commit" },
  E_PUSH_REJECTED: { exit: 1, when: "the remote refused a push (e.g. branch protection)" },
  E_PRERELEASE_REGRESSION: { exit: 1, when: "a pre-release would sort below one that already exists" },
  E_HOOK_FAILED: { exit: 1, when: "a hook exited non-zero (the last 20 lines of its output shown)" },
  E_HOOK_UNSAFE_VALUE: { exit: 1, when: "a value cannot be quoted safely for the shell of a hook" },
  E_VERSION_FILE: { exit: 1, when: "a version file is missing, or its pattern does not match exactly once" },
  E_EDIT_VERIFY: { exit: 1, when: "an edited file does not re-read as expected; nothing was written" },
  E_WRITE_FAILED: {
    exit: 1,
    when: "a file could not be written (permissions, read-only or full disk); files already written are restored",
  },
  E_LOCK_TOOL: { exit: 1, when: "uv, poetry or pdm failed to refresh the lock file" },
  E_LOCK_PIN_CHANGED: {
    exit: 1,
    when: "refreshing the lock file changed other pins; the original was restored",
  },
  E_LOCK_INVALID: { exit: 1, when: "a lock file read for the Dependencies section is not valid TOML" },
  E_CLIFF_MISSING: { exit: 1, when: 'changelog.engine = "git-cliff" and git-cliff >= 2.0 is not installed' },
  E_CLIFF_FAILED: { exit: 1, when: "git-cliff exited non-zero" },
  E_BUILD_TOOL_MISSING: { exit: 1, when: "no build tool is available (found in preflight)" },
  E_BUILD_FAILED: { exit: 1, when: "the build exited non-zero (the tail of its output shown)" },
  E_DIST_MISSING: { exit: 1, when: "no distribution of the project at the release version was found" },
  E_DIST_INVALID: { exit: 1, when: "a distribution fails local validation (the file and rule named)" },
  E_CREDENTIALS_MISSING: {
    exit: 1,
    when: "neither trusted publishing nor a token can authenticate to the index",
  },
  E_TP_TOKEN_REQUEST: { exit: 1, when: "the CI would not issue an OIDC ID token" },
  E_TP_FORK: { exit: 1, when: "trusted publishing is refused for a fork or an untrusted event" },
  E_TP_EXCHANGE: { exit: 1, when: "the index refused the ID token (the claims and a checklist shown)" },
  E_TP_UNSUPPORTED: { exit: 1, when: "the index does not support trusted publishing" },
  E_ATTESTATION_FAILED: { exit: 1, when: "signing a PEP 740 attestation failed" },
  E_INDEX_CONFLICT: { exit: 1, when: "a file of the same name and other content is already on the index" },
  E_UPLOAD_REJECTED: { exit: 1, when: "the index rejected an upload (its reason and a hint shown)" },
  E_VERIFY_TIMEOUT: { exit: 1, when: "uploaded files did not become visible on the index in time" },
  E_RELEASE_IMMUTABLE: { exit: 1, when: "a published, immutable forge release lacks an asset" },
  E_PR_TITLE_INVALID: { exit: 1, when: "check-pr: the title is not a valid conventional commit header" },
  E_INTERNAL: { exit: 1, when: "releasio broke one of its own invariants: please report it" },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const WARNING_CODES = {
  W_DIRTY_TREE: "a dry run found uncommitted changes; the real run would refuse them",
  W_NOT_RELEASE_BRANCH: "a dry run is not on a release branch; the real run would refuse it",
  W_UNREACHABLE_TAG: "a higher release tag exists but is not reachable from HEAD",
  W_TAG_EXISTS_UNREACHABLE: "the planned tag already exists on a commit not reachable from HEAD",
  W_TAG_PREFIX_MISMATCH: "no tag has the configured prefix, but tags with another prefix look like releases",
  W_SHALLOW_DEEPENED: "the clone was shallow; its history and tags were fetched",
  W_INDEX_UNCHECKED: "the index could not be asked whether the declared version is released",
  W_VERSION_MISMATCH: "a version file disagrees with the current version; it is set to the new one",
  W_VERSION_FILE_UNMANAGED: "a module sets a version this release leaves as it is",
  W_DYNAMIC_VERSION: "the declared version cannot be read (dynamic); the last tag is used",
  W_NO_PROJECT_FILE: "no pyproject.toml, setup.cfg or setup.py: versions come from tags only",
  W_WORKSPACE_UNSUPPORTED: "a uv workspace's member packages are not released, only the root project",
  W_CONFIG_DEPRECATED_KEY: "a configuration key is deprecated (its replacement named)",
  W_CONFIG_NO_TABLE: "the configuration file has no [tool.releasio] table: the defaults apply",
  W_UNKNOWN_ENV: "an unrecognised RELEASIO_* variable (with a did-you-mean)",
  W_RELEASE_AS: "a Release-As footer or --version decides the version over the commits",
  W_RELEASE_AS_IGNORED: "a Release-As footer is invalid or not greater than the previous release",
  W_CLIFF_DEFAULT_CONFIG: "git-cliff runs without a project configuration, on its built-in one",
  W_FORGE_LOOKUP_FAILED: "PR numbers or logins could not be looked up; the commit messages are used",
  W_GITHUB_TOKEN_NO_CI: "a pull request made with GITHUB_TOKEN starts no workflows",
  W_LATE_COMMITS: "commits landed after the release PR was last refreshed",
  W_RELEASE_PR_OVERWRITTEN: "the old release branch held commits releasio did not make (their SHAs listed)",
  W_PR_COMMENT_FAILED: "check-pr --comment could not post its comment",
  W_PUSH_NOT_PERMITTED: "a dry run's push check was refused; the real run would fail",
  W_OFFLINE_SKIPPED: "offline: a check that needs the network was not made",
  W_INCOMPLETE_RELEASE: "the release is tagged but not finished; re-running release --execute finishes it",
  W_ASSET_NO_MATCH: "a release.assets pattern matched no file",
  W_ADVISORY_FAILED: "the security advisory could not be created",
  W_HOOK_FAILED: "the post_release hook failed (the release itself is done)",
  W_NO_INDEX_CHECK: "a custom index without a read URL: uploads cannot be checked or verified",
  W_FILE_EXISTS: "a file already on the index with other content is skipped (publish.skip_existing)",
  W_DIST_LARGE: "a distribution is larger than the index's default limit",
  W_DIST_METADATA: "a distribution's metadata field is not sent (too old a Metadata-Version)",
  W_DIST_PLATFORM_TAG: "a wheel's platform tag is one the index may refuse",
  W_ATTESTATIONS_SKIPPED: "no PEP 740 attestations were made (e.g. without trusted publishing)",
  W_TP_UNSUPPORTED: "the index has no trusted publishing; an API token is used instead",
  W_TP_REUSABLE_WORKFLOW: "doctor: a reusable workflow publishes; the trusted publisher must name the caller",
  W_TP_PULL_REQUEST_TARGET:
    "doctor: a pull_request_target workflow publishes, which trusted publishing refuses",
  W_WORKFLOW_UNREADABLE:
    "doctor: a workflow or pipeline file (or a file it includes or triggers) could not be read",
  W_EXCHANGE_NOT_RUN: "doctor --exchange could not try the token exchange here",
  W_INIT_FILE_KEPT: "init kept a file that already exists (--force replaces it)",
  W_RESULT_TRUNCATED:
    "the Action's result output left out commits or changelog text to stay under GitHub's 1 MB",
} as const satisfies Record<string, string>;

export type WarningCode = keyof typeof WARNING_CODES;

/** The catalogue as Markdown: `docs/codes.md` (run `npm run schema` after changing a code). */
export function codesReference(): string {
  const rows = (entries: [string, string][]) => entries.map(([code, text]) => `| \`${code}\` | ${text} |`);
  const errors = Object.entries(ERROR_CODES) as [ErrorCode, ErrorEntry][];
  const byExit = (exit: 1 | 2) =>
    rows(errors.filter(([, e]) => e.exit === exit).map(([code, e]) => [code, e.when] as [string, string]));
  return [
    "# Error and warning codes",
    "",
    "<!-- Generated from src/core/codes.ts by `npm run schema`; do not edit. -->",
    "",
    "Every failure has a stable code, in the human output (`error[E_…]`) and in the `--json` envelope's",
    "`error.code`; every warning has one too, in `warnings[].code`. The message itself names the file, key or value",
    "concerned and a fix. A configuration problem that only shows while releasing (a release asset that links out of",
    "the repository) exits 1, as the operational failures do.",
    "",
    "## Exit code 2: usage or configuration (nothing was changed)",
    "",
    "| Code | When |",
    "|---|---|",
    ...byExit(2),
    "",
    "## Exit code 1: operational failures",
    "",
    "| Code | When |",
    "|---|---|",
    ...byExit(1),
    "",
    "## Warnings (the run goes on)",
    "",
    "| Code | When |",
    "|---|---|",
    ...rows(Object.entries(WARNING_CODES)),
    "",
  ].join("\n");
}
