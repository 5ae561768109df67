/** The shared data model of a release plan: what `check --json` prints and every command builds on. */
export type Bump = "major" | "minor" | "patch" | "none";

export type Reason =
  | "breaking"
  | "major-type"
  | "minor-type"
  | "patch-type"
  | "no-bump-type"
  | "unconventional"
  | "excluded-type"
  | "skip-marker"
  | "release-commit"
  | "merge-commit"
  | "scope-filtered"
  | "outside-package";

export type PrereleaseToken = "alpha" | "beta" | "rc" | "dev";

export interface Author {
  name: string;
  email: string;
  login: string | null;
}

/** A commit as read from git: the raw material of planning. */
export interface RawCommit {
  sha: string;
  parents: string[];
  author: { name: string; email: string };
  /** Author date, ISO 8601 (strict). */
  date: string;
  /** Full raw message. */
  message: string;
  /** Changed paths, only when workspace attribution needs them. */
  files?: string[];
}

/** One classified entry of the release range (a commit, or one part of a split squash commit). */
export interface CommitInfo {
  sha: string;
  short_sha: string;
  subject: string;
  part: number | null;
  author: Author;
  date: string;
  type: string | null;
  scope: string | null;
  description: string;
  body: string;
  breaking: boolean;
  breaking_description: string | null;
  security: boolean;
  bump: Bump;
  included: boolean;
  reason: Reason;
  pr: number | null;
  packages: string[];
  /** Changelog section key chosen by a custom parser's `group`, else null (the type decides). */
  group: string | null;
  /** Co-authors from `Co-authored-by` trailers. */
  co_authors: Author[];
}

export type FileKind = "pyproject" | "setup-cfg" | "setup-py" | "version-file" | "lock-file" | "changelog";

export interface FileChange {
  path: string;
  kind: FileKind;
  from: string | null;
  to: string | null;
}

export type ReleaseReason =
  | null
  | "commits"
  | "first-release"
  | "pending-version"
  | "override"
  | "dependency";

export interface PackagePlan {
  project: string | null;
  path: string;
  current_version: string | null;
  previous_version: string | null;
  previous_tag: string | null;
  next_version: string | null;
  tag: string | null;
  bump: Bump;
  release_needed: boolean;
  release_reason: ReleaseReason;
  first_release: boolean;
  prerelease: { token: PrereleaseToken | null; source: "flag" | "channel" | "config" | null };
  pending_release: null | { version: string; tag: string; commit: string };
  range: { from: string | null; to: string };
  changelog: string;
  files: FileChange[];
}

export const BUMP_ORDER: readonly Bump[] = ["none", "patch", "minor", "major"];

export function maxBump(a: Bump, b: Bump): Bump {
  return BUMP_ORDER.indexOf(a) >= BUMP_ORDER.indexOf(b) ? a : b;
}
