/**
 * Which git tags are release tags and which one is the previous release (PRODUCT.md §6.2 rules 1–4).
 * Pure: the tag listing, with reachability from HEAD already resolved, comes in as data.
 */
import { ReleasioError } from "../errors.js";
import { renderTemplate } from "../text/template.js";
import { compareVersions, formatVersion, isFinal, tryParseVersion, type Version } from "./pep440.js";

/** The text around the version in a tag name. */
export interface TagPattern {
  prefix: string;
  suffix: string;
}

/** The tag pattern of a single-project repository: `version.tag_prefix` then the version (`v1.2.0`). */
export function releaseTagPattern(version: { tag_prefix: string }): TagPattern {
  return { prefix: version.tag_prefix, suffix: "" };
}

// A character no placeholder value or tag name can contain, used to find where `{version}` was rendered.
const VERSION_MARK = "\u0000";

/** Splits a tag template such as `{package}-v{version}` around its single `{version}` placeholder. */
export function tagPatternFromFormat(format: string, values: Record<string, string>): TagPattern {
  const rendered = renderTemplate(format, { ...values, version: VERSION_MARK });
  const parts = rendered.split(VERSION_MARK);
  if (parts.length !== 2) {
    throw new ReleasioError(
      "E_CONFIG_INVALID",
      `tag format '${format}' must contain {version} exactly once (found ${parts.length - 1})`,
      { hint: 'e.g. tag_format = "{package}-v{version}"', details: { format } },
    );
  }
  return { prefix: parts[0]!, suffix: parts[1]! };
}

export function formatTag(pattern: TagPattern, version: Version): string {
  return `${pattern.prefix}${formatVersion(version)}${pattern.suffix}`;
}

export interface GitTag {
  name: string;
  /** The commit the tag peels to. */
  commit: string;
  /** Reachable from HEAD. */
  reachable: boolean;
  /** ISO 8601; null unless the tags were listed with their dates (only the changelog shows them). */
  date: string | null;
}

/**
 * The day a release was made, as the changelog and the summaries print it: the UTC date of a tag's date; "" for a
 * date JavaScript cannot represent (git accepts timestamps far outside its range), which prints as no date.
 */
export function releaseDay(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? "" : new Date(time).toISOString().slice(0, 10);
}

export interface ReleaseTag extends GitTag {
  version: Version;
}

const MIN_RELEASE_COMPONENTS = 3;

/**
 * A release tag is the pattern around a version with at least three release components (`v1`, `v1.4`,
 * `latest` are not). As everywhere a version is read (§6.7), the version text may start with one `v` or `V`:
 * `v1.2.3` is a release of a project whose prefix is empty, `rel-v1.5.0` one whose prefix is `rel-`. A prefix
 * that ends in a `v` already stands where that `v` could, so `vv1.2.3` is not a `v` tag.
 */
export function parseReleaseTag(tag: GitTag, pattern: TagPattern): ReleaseTag | null {
  const { name } = tag;
  const { prefix, suffix } = pattern;
  if (name.length <= prefix.length + suffix.length) return null;
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return null;
  const text = name.slice(prefix.length, name.length - suffix.length);
  const start = /[vV]$/.test(prefix) ? /^[0-9]/ : /^[vV]?[0-9]/;
  if (!start.test(text) || /\s/.test(text)) return null;
  const version = tryParseVersion(text);
  if (version === null || version.release.length < MIN_RELEASE_COMPONENTS) return null;
  // Spelled out rather than spread: a repository may hold thousands of tags.
  return { name, commit: tag.commit, reachable: tag.reachable, date: tag.date, version };
}

/**
 * Release tags by descending PEP 440 precedence. Among tags of equal precedence the one spelled
 * `{prefix}{canonical}{suffix}` comes first, then names in code-unit order so the result never depends on
 * the listing order.
 */
export function releaseTags(tags: readonly GitTag[], pattern: TagPattern): ReleaseTag[] {
  const parsed = tags.flatMap((tag) => parseReleaseTag(tag, pattern) ?? []);
  const canonical = (t: ReleaseTag) => (t.name === formatTag(pattern, t.version) ? 0 : 1);
  return parsed.sort(
    (a, b) =>
      compareVersions(b.version, a.version) ||
      canonical(a) - canonical(b) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export interface OtherPrefix {
  /** The prefix the release-looking tags share (may be empty). */
  prefix: string;
  count: number;
  /** The highest of them, to quote in the warning. */
  example: string;
}

/**
 * When no tag matches `pattern`, the prefix that release-looking tags use instead (`2.3.4` or `release-2.3.4` in a
 * project whose prefix is `v`): a history from another tool that would otherwise be planned as a first release.
 * The most common such prefix wins; null when there is none. Tags of the pattern itself (`v1.2.3` when the prefix
 * is empty) are never another prefix. Reachability is not asked: it is only resolved for tags of the pattern,
 * and a hint about the prefix needs none.
 */
export function otherReleasePrefix(tags: readonly GitTag[], pattern: TagPattern): OtherPrefix | null {
  const found = new Map<string, { count: number; highest: ReleaseTag }>();
  for (const tag of tags) {
    if (parseReleaseTag(tag, pattern) !== null) continue;
    // The version starts at a digit that begins a number; everything before it is the prefix.
    for (const start of tag.name.matchAll(/(?<![0-9])[0-9]/g)) {
      const prefix = tag.name.slice(0, start.index);
      if (prefix === pattern.prefix) continue;
      const parsed = parseReleaseTag(tag, { prefix, suffix: pattern.suffix });
      if (parsed === null) continue;
      const seen = found.get(prefix);
      if (seen === undefined) found.set(prefix, { count: 1, highest: parsed });
      else {
        seen.count++;
        if (compareVersions(parsed.version, seen.highest.version) > 0) seen.highest = parsed;
      }
      break;
    }
  }
  let best: OtherPrefix | null = null;
  for (const [prefix, { count, highest }] of found) {
    if (best === null || count > best.count || (count === best.count && prefix < best.prefix))
      best = { prefix, count, example: highest.name };
  }
  return best;
}

export interface PreviousRelease {
  /** The highest reachable tag that qualifies for the run. */
  previous: ReleaseTag | null;
  /** The highest reachable final or post release. */
  previousFinal: ReleaseTag | null;
  /** The highest unreachable qualifying tag above `previous` (any, when there is no previous), for W_UNREACHABLE_TAG. */
  unreachableHigher: ReleaseTag | null;
}

/**
 * Picks the previous release. A stable run considers only final and post releases, so a final release's
 * range folds in the commits of its pre-releases; a pre-release run considers every release tag.
 * Ties keep the input order, so pass the output of `releaseTags` to prefer canonical spellings.
 */
export function selectPreviousRelease(tags: readonly ReleaseTag[], prereleaseRun: boolean): PreviousRelease {
  const ordered = [...tags].sort((a, b) => compareVersions(b.version, a.version));
  const qualifies = (t: ReleaseTag) => prereleaseRun || isFinal(t.version);
  const previous = ordered.find((t) => t.reachable && qualifies(t)) ?? null;
  const previousFinal = ordered.find((t) => t.reachable && isFinal(t.version)) ?? null;
  const candidate = ordered.find((t) => !t.reachable && qualifies(t)) ?? null;
  const unreachableHigher =
    candidate !== null && (previous === null || compareVersions(candidate.version, previous.version) > 0)
      ? candidate
      : null;
  return { previous, previousFinal, unreachableHigher };
}
