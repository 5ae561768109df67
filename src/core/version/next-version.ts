/**
 * The next version of one package (PRODUCT.md §6.8 steps 2–9). The caller has chosen the previous release,
 * computed the bump over its range and applied the 0.x rule; everything else happens here, without I/O.
 */
import { ReleasioError } from "../errors.js";
import type { Bump, PrereleaseToken } from "../plan/types.js";
import {
  baseVersion,
  bumpVersion,
  compareVersions,
  formatVersion,
  isFinal,
  isPlaceholderVersion,
  isPrerelease,
  type Phase,
  type Version,
  versionsEqual,
} from "./pep440.js";
import { tokenPhase } from "./prerelease-token.js";
import type { ReleaseTag } from "./release-tags.js";

export interface NextVersionInput {
  /** D: the version the project declares. */
  declared: Version | null;
  /** t: the effective pre-release token. */
  token: PrereleaseToken | null;
  /** O: `--version`. */
  override: Version | null;
  /** L: the previous release. */
  previous: ReleaseTag | null;
  /** F: the highest reachable final or post release. */
  previousFinal: ReleaseTag | null;
  /** b: the bump over L..HEAD (the whole history when L is null), 0.x rule applied. */
  bump: Bump;
  /** Every reachable release tag of this package. */
  reachable: readonly ReleaseTag[];
  /** Every release tag of this package, reachable or not. */
  all: readonly ReleaseTag[];
  /** First release: does the index have D? null = not checked. */
  declaredOnIndex: boolean | null;
  initialVersion: Version;
  /**
   * HEAD's commit. An override whose release is tagged on HEAD itself was released by an earlier run of the same
   * command: there is nothing left to plan, and a re-run goes on to finish that release.
   */
  head?: string | null;
}

export interface NextVersionResult {
  next: Version | null;
  reason: "commits" | "first-release" | "pending-version" | "override" | null;
  /** No previous release (L is null). */
  firstRelease: boolean;
  /** The version bumped from: L, or D when a first release continues "as if L = D"; null otherwise. */
  baseline: Version | null;
}

type NextReason = NextVersionResult["reason"];

/** A released version that pre-release numbering must respect; a tag, or a declared version found on the index. */
interface Released {
  name: string;
  version: Version;
}

const ZERO: Version = { epoch: 0, release: [0, 0, 0], pre: null, post: null, dev: null, local: null };

export function computeNextVersion(input: NextVersionInput): NextVersionResult {
  const firstRelease = input.previous === null;
  if (input.override !== null) {
    const override = input.override;
    if (
      input.head &&
      input.reachable.some((t) => t.commit === input.head && versionsEqual(t.version, override))
    ) {
      return { next: null, reason: null, firstRelease, baseline: input.previous?.version ?? null };
    }
    return {
      next: fromOverride(input, input.override),
      reason: "override",
      firstRelease,
      baseline: input.previous?.version ?? null,
    };
  }
  const { next, reason, baseline } =
    input.previous === null ? firstReleaseVersion(input) : continuedVersion(input, input.previous);
  return next === null
    ? { next: null, reason: null, firstRelease, baseline }
    : { next, reason, firstRelease, baseline };
}

interface Outcome {
  next: Version | null;
  reason: NextReason;
  baseline: Version | null;
}

/** Whether `v` is a pre-release (or dev release) of `phase`: `2.0.0rc1` of rc, `2.0.0.dev3` of dev. */
function ofPhase(v: Version, phase: ReturnType<typeof tokenPhase>): boolean {
  if (v.post !== null) return false;
  if (phase === "dev") return v.pre === null && v.dev !== null;
  return v.pre?.phase === phase && v.dev === null;
}

/** Step 4: the override must increase; with a token, a final override is the base of the numbered pre-release. */
function fromOverride(input: NextVersionInput, override: Version): Version {
  const previous = input.previous;
  if (previous !== null && compareVersions(override, previous.version) <= 0) {
    throw new ReleasioError(
      "E_VERSION_NOT_INCREASING",
      `--version ${formatVersion(override)} is not greater than the previous release ${formatVersion(previous.version)} (${previous.name})`,
      {
        hint: "pass a version above the previous release, or omit --version to compute it from the commits",
        details: {
          version: formatVersion(override),
          previous: formatVersion(previous.version),
          tag: previous.name,
        },
      },
    );
  }
  const plain = override.pre === null && override.post === null && override.dev === null;
  if (input.token !== null && plain && override.local === null) {
    return numbered(override, input.token, input.reachable, input.all);
  }
  if (input.token !== null && !ofPhase(override, tokenPhase(input.token))) {
    // A numbered version of another kind than the run makes: neither can win silently.
    const version = formatVersion(override);
    const base = formatVersion({ ...override, pre: null, post: null, dev: null, local: null });
    throw new ReleasioError(
      "E_USAGE",
      `--version ${version} is not a ${input.token} pre-release, which this run makes (pre-release token ${input.token})`,
      {
        hint: `pass --version ${base} to number the ${input.token} pre-release, or a version of that kind, or no pre-release token`,
        details: { version, token: input.token },
      },
    );
  }
  // A version tagged on HEAD's history is released already (a pre-release above L, say): it cannot be again.
  const released = input.reachable.find((t) => versionsEqual(t.version, override));
  if (released !== undefined) {
    const version = formatVersion(override);
    throw new ReleasioError(
      "E_VERSION_NOT_INCREASING",
      `--version ${version} is already released: tag ${released.name} is on commit ${released.commit.slice(0, 7)} of HEAD's history`,
      {
        hint: "pass a version that is not tagged yet, or omit --version to compute it from the commits",
        details: { version, tag: released.name, commit: released.commit },
      },
    );
  }
  return padded(override);
}

/** Steps 5, 6 and 8 when a previous release exists. */
function continuedVersion(input: NextVersionInput, previous: ReleaseTag): Outcome {
  const L = previous.version;
  let stable = stableTarget(L, input.previousFinal?.version ?? null, input.bump, input.reachable);
  let reason: NextReason = stable === null ? null : "commits";
  let keep: Version | null = null;
  const D = input.declared;
  // No double bump: a version already written to the project files but not yet tagged is the floor.
  if (D !== null && compareVersions(D, L) > 0 && !isTagged(D, input.all)) {
    reason = stable === null ? "pending-version" : "commits";
    stable = stable === null ? baseVersion(D) : maxVersion(stable, baseVersion(D));
    keep = D;
  }
  if (stable === null) return { next: null, reason: null, baseline: L };
  return { next: finalize(stable, keep, input.token, input.reachable, input.all), reason, baseline: L };
}

/**
 * Step 5: the stable version the commits lead to, or null when they release nothing. After a final release, a
 * pre-release line tagged above it is finalised to its base (`v1.0.0`, `v1.1.0b1` + fix → 1.1.0, not 1.0.1).
 */
function stableTarget(
  previous: Version,
  previousFinal: Version | null,
  bump: Bump,
  reachable: readonly Released[],
): Version | null {
  if (bump === "none") return null;
  if (isFinal(previous)) {
    return reachable
      .filter((t) => isPrerelease(t.version) && compareVersions(t.version, previous) > 0)
      .reduce((s, t) => maxVersion(s, baseVersion(t.version)), bumpVersion(baseVersion(previous), bump));
  }
  // A pre-release line keeps its base unless the commits since the last final release call for more.
  return maxVersion(baseVersion(previous), bumpVersion(previousFinal ?? ZERO, bump));
}

/** Step 7: no previous release. */
function firstReleaseVersion(input: NextVersionInput): Outcome {
  const D = input.declared;
  if (D === null || isPlaceholderVersion(D)) {
    const initial = input.initialVersion;
    return {
      next: finalize(baseVersion(initial), initial, input.token, input.reachable, input.all),
      reason: "first-release",
      baseline: null,
    };
  }
  if (isTagged(D, input.all) || input.declaredOnIndex === true) return continuedFromDeclared(input, D);
  if (matchesKind(D, phaseOf(input.token)))
    return { next: padded(D), reason: "first-release", baseline: null };
  return {
    next: finalize(baseVersion(D), null, input.token, input.reachable, input.all),
    reason: "first-release",
    baseline: null,
  };
}

/** Step 7, D already released: continue as if it were the previous release, reachable like one. */
function continuedFromDeclared(input: NextVersionInput, D: Version): Outcome {
  const released: Released[] = [...input.reachable, { name: formatVersion(D), version: D }];
  const previousFinal = input.previousFinal?.version ?? null;
  if (input.token === null && !isFinal(D)) {
    // A stable run finalises a released pre-release, whatever the commits.
    const base = baseVersion(D);
    const stable =
      input.bump === "none" ? base : maxVersion(base, bumpVersion(previousFinal ?? ZERO, input.bump));
    return {
      next: finalize(stable, null, null, released, input.all),
      reason: input.bump === "none" ? "first-release" : "commits",
      baseline: D,
    };
  }
  const stable = stableTarget(D, previousFinal, input.bump, released);
  if (stable === null) return { next: null, reason: null, baseline: D };
  return { next: finalize(stable, null, input.token, released, input.all), reason: "commits", baseline: D };
}

/**
 * Step 8: number the pre-release when there is a token, then keep `keep` (the declared version) instead when it
 * is of the run's kind and not below the computed version.
 */
function finalize(
  stable: Version,
  keep: Version | null,
  token: PrereleaseToken | null,
  released: readonly Released[],
  all: readonly Released[],
): Version {
  const computed = token === null ? stable : numbered(stable, token, released, all);
  if (keep !== null && matchesKind(keep, phaseOf(token)) && compareVersions(keep, computed) > 0) {
    return padded(keep);
  }
  return padded(computed);
}

/** Phases in precedence order; `final` covers the release itself and its post releases. */
const RANK: Readonly<Record<Phase | "dev" | "final", number>> = { dev: 0, a: 1, b: 2, rc: 3, final: 4 };

/** Where a version with base S stands: its pre-release phase, a bare dev release, or released. */
function standing(v: Version): Phase | "dev" | "final" {
  if (v.pre !== null) return v.pre.phase;
  if (v.post === null && v.dev !== null) return "dev";
  return "final";
}

/**
 * `S` + phase + (1 + the highest number of that phase already tagged for `S`); refuses to sort below a reachable
 * tag, or below `S` itself released anywhere (its tag on another branch: a pre-release of it would come too late).
 */
function numbered(
  stable: Version,
  token: PrereleaseToken,
  released: readonly Released[],
  all: readonly Released[],
): Version {
  const phase = tokenPhase(token);
  const base = padded(baseVersion(stable));
  const ofBase = (r: Released) => versionsEqual(baseVersion(r.version), base);
  const sameBase = released.filter(ofBase);
  const finalAnywhere = all.filter((r) => ofBase(r) && standing(r.version) === "final");
  const above = [...sameBase.filter((r) => RANK[standing(r.version)] > RANK[phase]), ...finalAnywhere].sort(
    (a, b) => compareVersions(b.version, a.version),
  )[0];
  if (above !== undefined) throw regression(base, token, above);
  const numbers = sameBase
    .filter((r) => standing(r.version) === phase)
    .map((r) => (phase === "dev" ? r.version.dev : r.version.pre?.number) ?? 0);
  const n = numbers.length === 0 ? 1 : Math.max(...numbers) + 1;
  return phase === "dev" ? { ...base, dev: n } : { ...base, pre: { phase, number: n } };
}

function regression(base: Version, token: PrereleaseToken, above: Released): ReleasioError {
  const b = formatVersion(base);
  const v = formatVersion(above.version);
  const what =
    standing(above.version) === "final" ? `is already released as ${v}` : `already has pre-release ${v}`;
  return new ReleasioError(
    "E_PRERELEASE_REGRESSION",
    `${b} ${what}; a '${token}' pre-release would sort below it`,
    {
      hint: "continue with the same or a later phase (alpha, beta, rc, then final), or make a stable release",
      details: { base: b, version: v, tag: above.name, token },
    },
  );
}

function phaseOf(token: PrereleaseToken | null): Phase | "dev" | null {
  return token === null ? null : tokenPhase(token);
}

/** The run's kind: final on a stable run, a plain pre-release of the token's phase on a pre-release run. */
function matchesKind(v: Version, phase: Phase | "dev" | null): boolean {
  if (phase === null) return isFinal(v);
  return standing(v) === phase && v.post === null && (phase === "dev" || v.dev === null);
}

function isTagged(v: Version, tags: readonly ReleaseTag[]): boolean {
  return tags.some((t) => versionsEqual(t.version, v));
}

function maxVersion(a: Version, b: Version): Version {
  return compareVersions(a, b) >= 0 ? a : b;
}

/**
 * Release tags need three release components, so a version about to be released is padded (`1.2` → `1.2.0`);
 * the precedence is unchanged.
 */
function padded(v: Version): Version {
  if (v.release.length >= 3) return v;
  return { ...v, release: [...v.release, ...Array.from({ length: 3 - v.release.length }, () => 0)] };
}

/**
 * The 0.x rule (§6.3 rule 6): a breaking change bumps minor when `major_on_zero` is off and the version being bumped
 * (the previous release, else the declared version, else `initial_version`) has major 0.
 */
export function breakingBumpsMinor(
  majorOnZero: boolean,
  previous: Version | null,
  declared: Version | null,
  initial: Version,
): boolean {
  return !majorOnZero && ((previous ?? declared ?? initial).release[0] ?? 0) === 0;
}
