/**
 * Keys of the original releasio (PRODUCT.md §5.6): aliases that still load with a warning, and keys whose meaning
 * did not survive, which are errors naming what to use instead.
 */

export interface DeprecatedAlias {
  /** Dotted path of the old key. */
  alias: string;
  /** Dotted path of the key it now sets. */
  target: string;
}

export const DEPRECATED_ALIASES: readonly DeprecatedAlias[] = [
  { alias: "github.release_pr_branch", target: "release_pr.branch" },
  { alias: "github.release_pr_labels", target: "release_pr.labels" },
  { alias: "github.draft_releases", target: "release.draft" },
  { alias: "github.release_name_format", target: "release.name_format" },
  { alias: "github.release_assets", target: "release.assets" },
  { alias: "github.release_body_include_contributors", target: "release.include_contributors" },
  { alias: "github.release_body_include_installation", target: "release.include_installation" },
  { alias: "github.release_body_include_assets", target: "release.include_assets" },
  { alias: "github.release_body_resolve_usernames", target: "changelog.resolve_usernames" },
  { alias: "security.security_patterns", target: "security.patterns" },
];

/** `[[commits.commit_parsers]] breaking_indicator`: any non-empty string means `breaking = true`. */
export const BREAKING_INDICATOR = {
  key: "breaking_indicator",
  target: "breaking",
  description: "Deprecated: any non-empty string means breaking = true; use breaking = true.",
} as const;

export interface RemovedKey {
  path: string;
  hint: string;
}

const RELEASE_NOTES_HINT =
  "release notes are the changelog entry; use 'changelog.show_authors' or 'changelog.section_headers' instead";
const CHANGELOG_ENGINE_HINT =
  "use 'changelog.engine' (\"native\" or \"git-cliff\") and 'changelog.cliff_config' instead";

export const REMOVED_KEYS: readonly RemovedKey[] = [
  { path: "github.release_body_show_authors", hint: RELEASE_NOTES_HINT },
  { path: "github.release_body_use_emojis", hint: RELEASE_NOTES_HINT },
  { path: "github.release_body_use_commit_changelog", hint: RELEASE_NOTES_HINT },
  { path: "changelog.native_fallback", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.template", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.generate_cliff_config", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.cliff_body_template", hint: CHANGELOG_ENGINE_HINT },
];
