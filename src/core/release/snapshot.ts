/**
 * Snapshot releases of a `publish_only` channel (PRODUCT.md §6.19): the next version `S` the plan computes, as
 * `S.devN` with `N` the number of first-parent commits since the previous release — unique and increasing along
 * the branch without any tag recording it. A snapshot is published to the index only: no commit, no tag, no forge
 * release, no advisory.
 */
import { ReleasioError } from "../errors.js";
import { baseVersion, formatVersion, parseVersion } from "../version/pep440.js";

export type SnapshotDecision =
  | { kind: "snapshot"; version: string; base: string; number: number }
  | { kind: "nothing"; why: string };

export interface SnapshotInput {
  /** The plan found releasable commits since the previous release. */
  releaseNeeded: boolean;
  /** The plan's next version (with or without a pre-release part); null when none. */
  nextVersion: string | null;
  /** `git rev-list --first-parent --count <previous>..HEAD` (every first-parent commit without a previous release). */
  firstParentCount: number;
  previousTag: string | null;
  /** The project declares its version in a file (SCM-versioned projects cannot be stamped). */
  declaresVersion: boolean;
  channel: string;
}

/** `S.devN`: the base release of `next` (pre/dev/post/local dropped) with the dev number `n`. */
export function snapshotVersion(next: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a snapshot number must be ≥ 1, got ${n}`);
  return formatVersion({ ...baseVersion(parseVersion(next)), dev: n });
}

export function decideSnapshot(input: SnapshotInput): SnapshotDecision {
  const since = input.previousTag ? `since ${input.previousTag}` : "in the history";
  if (!input.releaseNeeded || input.nextVersion === null || input.firstParentCount < 1)
    return { kind: "nothing", why: `no releasable commits ${since}: no snapshot to publish` };
  if (!input.declaresVersion) {
    throw new ReleasioError(
      "E_PROJECT_METADATA",
      `branches.${input.channel} is a snapshot channel, but the project declares no version to stamp`,
      {
        hint: "declare [project] version (snapshots write it into the working tree only), or use release-pr",
      },
    );
  }
  const base = formatVersion(baseVersion(parseVersion(input.nextVersion)));
  const version = snapshotVersion(input.nextVersion, input.firstParentCount);
  return { kind: "snapshot", version, base, number: input.firstParentCount };
}

/**
 * The release steps a snapshot does not take, with the journal's reason. Every other step (hooks, build,
 * validation, index check, uploads, verification) runs as in a tagged release.
 */
const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  "create-tag": "snapshot release: no tag is created",
  "push-tag": "snapshot release: no tag is pushed",
  "create-draft-release": "snapshot release: no forge release",
  "upload-assets": "snapshot release: no forge release to attach assets to",
  "publish-release": "snapshot release: no forge release",
  "security-advisory": "snapshot release: no advisory",
};

/** Why a snapshot skips the step `id`, or null when the step runs. */
export function snapshotSkips(id: string): string | null {
  return NOT_APPLICABLE[id] ?? null;
}

/** The configuration that makes `branch` a snapshot channel (for the E_WRONG_BRANCH hint). */
export function snapshotChannelHint(branch: string): string {
  const name = /^[A-Za-z0-9_-]+$/.test(branch) ? branch : `"${branch.replace(/["\\]/g, "\\$&")}"`;
  return `to publish snapshots from '${branch}', add [branches.${name}] with match = "${branch}", prerelease = true, prerelease_token = "dev", publish_only = true; or release from the default branch`;
}
