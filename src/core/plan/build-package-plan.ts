/**
 * The pure heart of releasio: from the data read out of the repository, the release plan of one package —
 * every commit classified, the bump, the next version, a pending release, and the changelog entry.
 */

import type { DependencyChange } from "../changelog/dependencies.js";
import type { ForgeLinks } from "../changelog/options.js";
import { renderEntry } from "../changelog/render-entry.js";
import { classifyCommits, type MessageMemo } from "../commits/classify.js";
import { chooseReleaseAs } from "../commits/release-as.js";
import { classifyOptions } from "../commits/rules.js";
import type { ReleasioConfig } from "../config/schema.js";
import type { Warning } from "../errors.js";
import { count, someOf } from "../text/count.js";
import { breakingBumpsMinor, computeNextVersion } from "../version/next-version.js";
import {
  compareVersions,
  formatVersion,
  isPrerelease,
  parseVersion,
  type Version,
} from "../version/pep440.js";
import {
  formatTag,
  type PreviousRelease,
  type ReleaseTag,
  type TagPattern,
} from "../version/release-tags.js";
import { type CommitLookups, withCommitLookups } from "./commit-lookups.js";
import { assignCommitsToReleases, UNRELEASED } from "./release-history.js";
import { type Bump, type CommitInfo, maxBump, type PackagePlan, type RawCommit } from "./types.js";

export interface PackagePlanInput {
  config: ReleasioConfig;
  /** Distribution name as declared; null when the project has no metadata. */
  project: string | null;
  path: string;
  /** Canonical declared version (D), null when none is declared. */
  declared: string | null;
  tagPattern: TagPattern;
  /** Every release tag of this package, reachable or not, highest first. */
  tags: readonly ReleaseTag[];
  previous: PreviousRelease;
  head: string;
  /** The commits of `previous..HEAD` (whole history on a first release), newest first. */
  commits: readonly RawCommit[];
  prerelease: PackagePlan["prerelease"];
  override: string | null;
  /** First release: whether the index already has D; null when not checked. */
  declaredOnIndex: boolean | null;
  /** The release date, YYYY-MM-DD (UTC). */
  date: string;
  forge: ForgeLinks | null;
  firstTimeContributors: ReadonlySet<string>;
  dependencies: readonly DependencyChange[];
  notes: string | null;
  /** Render the native entry (default); false when another engine (git-cliff) writes it. */
  renderChangelog?: boolean;
  /** Workspace attribution; null for a single project. */
  attribute?: ((commit: RawCommit) => string[]) | null;
  /** Commit messages already read with this configuration's parsing rules (e.g. while `git log` streamed). */
  messages?: MessageMemo;
  /** The forge's answers about the range's commits (PR numbers, logins), applied before anything is rendered. */
  lookups?: CommitLookups | null;
}

export interface PackagePlanResult {
  plan: PackagePlan;
  commits: CommitInfo[];
  warnings: Warning[];
}

/**
 * The newest release commit of the range that no release tag reaches: one a tag reaches (a pre-release's, say)
 * prepared that tag's version, not D.
 */
function unreleasedReleaseCommit(
  commits: readonly CommitInfo[],
  raws: readonly RawCommit[],
  tagsInRange: readonly ReleaseTag[],
  head: string,
): CommitInfo | null {
  const candidates = commits.filter((c) => c.reason === "release-commit");
  if (candidates.length === 0 || tagsInRange.length === 0) return candidates[0] ?? null;
  const open = new Set(
    assignCommitsToReleases(raws, tagsInRange, head)
      .get(UNRELEASED)!
      .map((c) => c.sha),
  );
  return candidates.find((c) => open.has(c.sha)) ?? null;
}

export function buildPackagePlan(input: PackagePlanInput): PackagePlanResult {
  const { config } = input;
  const warnings: Warning[] = [];
  const initial = parseVersion(config.version.initial_version, "version.initial_version");
  const classified = classifyCommits(
    input.commits,
    classifyOptions(config, {
      breakingBumpsMinor: breakingBumpsMinor(
        config.version.major_on_zero,
        input.previous.previous?.version ?? null,
        input.declared ? parseVersion(input.declared) : null,
        initial,
      ),
      attribute: input.attribute ?? null,
      project: input.project,
      ...(input.messages ? { messages: input.messages } : {}),
    }),
  );
  const looked = input.lookups
    ? withCommitLookups(classified, input.firstTimeContributors, input.lookups)
    : { commits: classified, firstTimers: input.firstTimeContributors };
  const commits = looked.commits;
  const bump: Bump = commits.reduce<Bump>(
    (b, c) => (c.included || c.reason === "excluded-type" ? maxBump(b, c.bump) : b),
    "none",
  );

  const declared = input.declared === null ? null : parseVersion(input.declared);
  const override = input.override === null ? null : parseVersion(input.override, "--version");
  // A tag on a commit of the range is reachable even when the listing stopped asking at the previous release.
  const inRange = new Set(input.commits.map((c) => c.sha));
  const tagsInRange = input.tags.filter((t) => inRange.has(t.commit));
  const reachable = input.tags.filter((t) => t.reachable || inRange.has(t.commit));
  const previous = input.previous.previous;
  if (input.previous.unreachableHigher) {
    warnings.push({
      code: "W_UNREACHABLE_TAG",
      message: `tag ${input.previous.unreachableHigher.name} is higher than ${previous?.name ?? "any reachable release"} but not reachable from HEAD; it is not the previous release`,
    });
  }

  // A merged release PR whose tag is not made yet: its release commit in range and an untagged D above L.
  const releaseCommit = unreleasedReleaseCommit(commits, input.commits, tagsInRange, input.head);
  const declaredTagged =
    declared !== null && input.tags.some((t) => compareVersions(t.version, declared) === 0);
  const declaredPending =
    releaseCommit !== null &&
    declared !== null &&
    !declaredTagged &&
    override === null &&
    (previous === null || compareVersions(declared, previous.version) > 0) &&
    (input.prerelease.token !== null || !isPrerelease(declared));

  // A `Release-As:` footer chooses the version as --version would; the flag itself wins over it, and says so.
  const footerWarnings: Warning[] = [];
  const releaseAs = declaredPending
    ? null
    : chooseReleaseAs(input.commits, commits, previous, input.tags, footerWarnings);
  if (override !== null) {
    if (releaseAs) {
      warnings.push({
        code: "W_RELEASE_AS",
        message: `the --version flag (${formatVersion(override)}) overrides the Release-As footer of commit ${releaseAs.commit.short_sha} (${formatVersion(releaseAs.version)})`,
      });
    }
  } else {
    warnings.push(...footerWarnings);
    if (releaseAs) {
      warnings.push({
        code: "W_RELEASE_AS",
        message: `commit ${releaseAs.commit.short_sha} sets the next version to ${formatVersion(releaseAs.version)} with a Release-As footer (the commits alone bump ${bump})`,
      });
    }
  }

  let next: Version | null;
  let reason: PackagePlan["release_reason"];
  let firstRelease: boolean;
  if (declaredPending && declared) {
    next = declared;
    reason = "pending-version";
    firstRelease = previous === null;
  } else {
    const result = computeNextVersion({
      declared,
      token: input.prerelease.token,
      override: override ?? releaseAs?.version ?? null,
      previous,
      previousFinal: input.previous.previousFinal,
      bump,
      reachable,
      all: input.tags,
      declaredOnIndex: input.declaredOnIndex,
      initialVersion: initial,
      head: input.head,
    });
    next = result.next;
    reason = result.reason;
    firstRelease = result.firstRelease;
  }
  // Without a declared version the release PR wrote no version: the version pending is the one computed at HEAD.
  const computedPending =
    !declaredPending &&
    declared === null &&
    releaseCommit !== null &&
    override === null &&
    next !== null &&
    (previous === null || compareVersions(next, previous.version) > 0) &&
    !input.tags.some((t) => next !== null && compareVersions(t.version, next) === 0);
  if (computedPending) reason = "pending-version";
  const pending = declaredPending || computedPending;

  const nextText = next ? formatVersion(next) : null;
  const tag = next ? formatTag(input.tagPattern, next) : null;
  const existing = tag ? input.tags.find((t) => t.name === tag) : undefined;
  if (existing && !reachable.includes(existing)) {
    warnings.push({
      code: "W_TAG_EXISTS_UNREACHABLE",
      message: `tag ${existing.name} already exists on a commit not reachable from HEAD`,
    });
  }

  // The entry of a pending release covers the commits up to its release commit; later ones are "late".
  let entryCommits: readonly CommitInfo[] = commits;
  if (pending && releaseCommit) {
    const cut = commits.findIndex((c) => c.sha === releaseCommit.sha);
    const late = commits.slice(0, cut).filter((c) => c.included && c.bump !== "none");
    if (late.length > 0) {
      warnings.push({
        code: "W_LATE_COMMITS",
        message: `${count(late.length, "releasable commit")} landed after the release commit ${releaseCommit.short_sha} and ${late.length === 1 ? "is" : "are"} not in its changelog: ${someOf(
          late.map((c) => `${c.short_sha} ${c.subject}`),
          "; ",
        )}`,
      });
    }
    entryCommits = commits.slice(cut + 1);
  }

  const changelog =
    nextText && tag && input.renderChangelog !== false
      ? renderEntry(
          {
            version: nextText,
            tag,
            previousTag: previous?.name ?? null,
            date: input.date,
            commits: entryCommits,
            forge: input.forge,
            notes: input.notes,
            firstTimeContributors: firstRelease ? new Set() : looked.firstTimers,
            dependencies: input.dependencies,
          },
          config.changelog,
        )
      : "";

  const plan: PackagePlan = {
    project: input.project,
    path: input.path,
    current_version: input.declared ?? (previous ? formatVersion(previous.version) : null),
    previous_version: previous ? formatVersion(previous.version) : null,
    previous_tag: previous?.name ?? null,
    next_version: nextText,
    tag,
    bump,
    release_needed: next !== null,
    release_reason: next === null ? null : reason,
    first_release: next !== null && firstRelease,
    prerelease: input.prerelease,
    pending_release:
      pending && nextText && releaseCommit && tag
        ? { version: nextText, tag, commit: releaseCommit.sha }
        : null,
    range: { from: previous?.commit ?? null, to: input.head },
    changelog,
    files: [],
  };
  return { plan, commits, warnings };
}
