/**
 * `Release-As:` footers: a commit that names the next version itself (`Release-As: 2.0.0`), the way release-please
 * users force a version. Pure: messages in, the chosen version and what to say about it out.
 */
import type { Warning } from "../errors.js";
import type { CommitInfo, RawCommit } from "../plan/types.js";
import { compareVersions, formatVersion, tryParseVersion, type Version } from "../version/pep440.js";
import type { ReleaseTag } from "../version/release-tags.js";

// `Release-As: 1.2.3` on a line of its own, also spelled `Release As:`, in any case.
const FOOTER = /^release[- ]as:[ \t]*(\S*)[ \t]*$/gim;

/**
 * The value of the last `Release-As:` footer of a commit message; null when it has none. Footers are trailers: only
 * the message's last paragraph is read, so a squash commit whose body quotes another commit's footer in the middle
 * does not choose the version.
 */
export function releaseAsFooter(message: string): string | null {
  // Most messages have no footer at all: one case-insensitive scan decides before any line is looked at.
  if (!/release[- ]as:/i.test(message)) return null;
  const text = message.replace(/\r\n/g, "\n").trimEnd();
  const paragraphs = text.split(/\n[ \t]*\n/);
  // A subject alone is no trailer block.
  if (paragraphs.length < 2) return null;
  let value: string | null = null;
  for (const m of paragraphs[paragraphs.length - 1]!.matchAll(FOOTER)) value = m[1] ?? "";
  return value;
}

export interface ReleaseAs {
  version: Version;
  /** The commit whose footer chose it. */
  commit: CommitInfo;
}

function ignore(warnings: Warning[], commit: CommitInfo, value: string, why: string): void {
  warnings.push({
    code: "W_RELEASE_AS_IGNORED",
    message: `commit ${commit.short_sha}: Release-As '${value}' ${why}; it is ignored`,
  });
}

/** Commits that do not count for this package do not choose its version either. */
const IGNORED_REASONS = new Set<CommitInfo["reason"]>(["skip-marker", "scope-filtered", "outside-package"]);

/**
 * The version the newest `Release-As:` footer of the range (`raws`, newest first) asks for. A footer whose version
 * is tagged on a commit of the range has been released — a stable run's range still holds the footer of a
 * pre-release — so it and every older footer are done with. A footer that is not a version, or not above the
 * previous release, is ignored with `W_RELEASE_AS_IGNORED` (a commit message is history, not something a run can
 * make the user fix) and counts as absent: the newest valid footer below it decides, else the commits.
 */
export function chooseReleaseAs(
  raws: readonly RawCommit[],
  commits: readonly CommitInfo[],
  previous: ReleaseTag | null,
  tags: readonly ReleaseTag[],
  warnings: Warning[],
): ReleaseAs | null {
  const range = new Set(raws.map((r) => r.sha));
  for (const raw of raws) {
    const value = releaseAsFooter(raw.message);
    if (value === null) continue;
    const commit = commits.find((c) => c.sha === raw.sha);
    if (commit === undefined || IGNORED_REASONS.has(commit.reason)) continue;
    const version = tryParseVersion(value);
    if (version === null) {
      ignore(warnings, commit, value, "is not a valid version");
      continue;
    }
    if (tags.some((t) => range.has(t.commit) && compareVersions(t.version, version) === 0)) return null;
    if (previous !== null && compareVersions(version, previous.version) <= 0) {
      const why = `is not greater than the previous release ${formatVersion(previous.version)} (${previous.name})`;
      ignore(warnings, commit, value, why);
      continue;
    }
    return { version, commit };
  }
  return null;
}
