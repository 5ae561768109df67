/**
 * PEP 440 versions: the lenient input grammar (including SemVer spellings), the canonical rendering,
 * the full ordering and the bump of a base version (PRODUCT.md §6.7).
 */
import { ReleasioError } from "../errors.js";

export type Phase = "a" | "b" | "rc";

export interface Version {
  epoch: number;
  release: readonly number[];
  pre: { phase: Phase; number: number } | null;
  post: number | null;
  dev: number | null;
  /** Canonical local label (lower case, `.`-separated), without the `+`. */
  local: string | null;
}

const SEP = "[-_.]?";
const PRE_LABEL = "alpha|a|beta|b|preview|pre|c|rc";
const POST_LABEL = "post|rev|r";

/**
 * The public part of the grammar, built piece by piece so each optional segment reads on its own line.
 * The `-N` post spelling is a separate alternative because it admits no label and requires the hyphen.
 */
const PUBLIC_PARTS = [
  "v?",
  "(?:(?<epoch>[0-9]+)!)?",
  "(?<release>[0-9]+(?:\\.[0-9]+)*)",
  `(?:${SEP}(?<preLabel>${PRE_LABEL})${SEP}(?<preNumber>[0-9]+)?)?`,
  `(?:-(?<implicitPost>[0-9]+)|${SEP}(?<postLabel>${POST_LABEL})${SEP}(?<postNumber>[0-9]+)?)?`,
  `(?:${SEP}(?<devLabel>dev)${SEP}(?<devNumber>[0-9]+)?)?`,
  "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
].join("");

// No `u` flag on purpose: with it, case-insensitive matching would let non-ASCII letters such as
// U+017F (long s) stand for ASCII ones.
const FULL = new RegExp(`^${PUBLIC_PARTS}$`, "i");
const LEADING = new RegExp(`^${PUBLIC_PARTS}`, "i");

const PRE_PHASES: Readonly<Record<string, Phase>> = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc",
};

const HINT = "use PEP 440, e.g. 1.2.0, 1.2.0b1, 1.2.0.post1";

/** Parses with the §6.7 grammar; throws `E_VERSION_INVALID` naming `where` when given. */
export function parseVersion(input: string, where?: string): Version {
  const result = parse(input);
  if (typeof result !== "string") return result;
  const place = where === undefined ? "" : ` (${where})`;
  throw new ReleasioError("E_VERSION_INVALID", `'${input}' is not a valid version${place}: ${result}`, {
    hint: HINT,
    details: { input, where: where ?? null },
  });
}

export function tryParseVersion(input: string): Version | null {
  const result = parse(input);
  return typeof result === "string" ? null : result;
}

// The common case, a bare release such as 1.2.0: what the full grammar would read, without its groups object.
const PLAIN_RELEASE = /^[0-9]+(?:\.[0-9]+)*$/;

/** Returns the version, or the reason it is invalid. */
function parse(input: string): Version | string {
  // The types ask for a string; a JavaScript caller may pass anything else.
  if (typeof input !== "string") return `a version is text, not ${input === null ? "null" : typeof input}`;
  const text = input.trim();
  if (text === "") return "the version is empty";
  try {
    if (PLAIN_RELEASE.test(text)) {
      return {
        epoch: 0,
        release: text.split(".").map(toNumber),
        pre: null,
        post: null,
        dev: null,
        local: null,
      };
    }
    const m = FULL.exec(text);
    if (m === null) return explainMismatch(text);
    const g = m.groups ?? {};
    return {
      epoch: g["epoch"] === undefined ? 0 : toNumber(g["epoch"]),
      release: (g["release"] ?? "").split(".").map(toNumber),
      pre:
        g["preLabel"] === undefined
          ? null
          : { phase: PRE_PHASES[g["preLabel"].toLowerCase()]!, number: optionalNumber(g["preNumber"]) },
      post:
        g["implicitPost"] !== undefined
          ? toNumber(g["implicitPost"])
          : g["postLabel"] === undefined
            ? null
            : optionalNumber(g["postNumber"]),
      dev: g["devLabel"] === undefined ? null : optionalNumber(g["devNumber"]),
      local: g["local"] === undefined ? null : canonicalLocal(g["local"]),
    };
  } catch (error) {
    if (error instanceof TooLarge) return `the number '${error.digits}' is too large`;
    throw error;
  }
}

function explainMismatch(text: string): string {
  const m = LEADING.exec(text);
  if (m === null) return "it must start with a release number such as 1.2.0";
  return `unexpected '${text.slice(m[0].length)}' after '${m[0]}'`;
}

class TooLarge extends Error {
  constructor(readonly digits: string) {
    super(digits);
  }
}

// Components beyond 2^53 would lose precision and could not be rendered back, so they are refused.
function toNumber(digits: string): number {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new TooLarge(digits);
  return value;
}

function optionalNumber(digits: string | undefined): number {
  return digits === undefined ? 0 : toNumber(digits);
}

function canonicalLocal(local: string): string {
  return local
    .toLowerCase()
    .split(/[-_.]/)
    .map((segment) => (/^[0-9]+$/.test(segment) ? stripLeadingZeros(segment) : segment))
    .join(".");
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=[0-9])/, "");
}

/** Canonical rendering: epoch only when non-zero, `aN`/`bN`/`rcN`, `.postN`, `.devN`, normalised local. */
export function formatVersion(v: Version): string {
  let out = v.epoch === 0 ? "" : `${v.epoch}!`;
  out += v.release.join(".");
  if (v.pre !== null) out += `${v.pre.phase}${v.pre.number}`;
  if (v.post !== null) out += `.post${v.post}`;
  if (v.dev !== null) out += `.dev${v.dev}`;
  if (v.local !== null) out += `+${canonicalLocal(v.local)}`;
  return out;
}

export function normalizeVersion(input: string, where?: string): string {
  return formatVersion(parseVersion(input, where));
}

const PHASE_RANK: Readonly<Record<Phase, number>> = { a: 0, b: 1, rc: 2 };

/**
 * The pre/post/dev part sorts like PEP 440: a bare `.devN` sorts below every pre-release of its release, no
 * pre-release sorts above all of them, no post below any post, no dev above any dev. Compared field by field, without
 * building keys: sorting thousands of tags compares versions many times.
 */
function preRank(v: Version): number {
  return v.pre !== null ? PHASE_RANK[v.pre.phase] : v.post === null && v.dev !== null ? -1 : 3;
}

function compareSuffixes(a: Version, b: Version): number {
  return (
    Math.sign(preRank(a) - preRank(b)) ||
    Math.sign((a.pre?.number ?? 0) - (b.pre?.number ?? 0)) ||
    Math.sign((a.post ?? -1) - (b.post ?? -1)) ||
    (a.dev === b.dev ? 0 : a.dev === null ? 1 : b.dev === null ? -1 : Math.sign(a.dev - b.dev))
  );
}

/** Release numbers compare as if padded with zeros: 1.2 equals 1.2.0 and sorts below 1.2.0.1. */
function compareReleases(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const NUMERIC = /^[0-9]+$/;

/** Numeric segments compare as integers (of any size) and above alphanumeric ones. */
function compareLocalSegments(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) {
    const x = stripLeadingZeros(a);
    const y = stripLeadingZeros(b);
    if (x.length !== y.length) return Math.sign(x.length - y.length);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocal(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const x = canonicalLocal(a).split(".");
  const y = canonicalLocal(b).split(".");
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = compareLocalSegments(x[i]!, y[i]!);
    if (d !== 0) return d;
  }
  return Math.sign(x.length - y.length);
}

/** Full PEP 440 ordering, local labels included: negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  return compareReleases(a.release, b.release) || compareSuffixes(a, b) || compareLocal(a.local, b.local);
}

export function versionsEqual(a: Version, b: Version): boolean {
  return compareVersions(a, b) === 0;
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== null || v.dev !== null;
}

/** Final or post release. */
export function isFinal(v: Version): boolean {
  return !isPrerelease(v);
}

export function baseVersion(v: Version): Version {
  return { epoch: v.epoch, release: [...v.release], pre: null, post: null, dev: null, local: null };
}

const BUMPED_INDEX: Readonly<Record<"major" | "minor" | "patch", number>> = { major: 0, minor: 1, patch: 2 };

/** Bumps the base of `v`, padded to three components; everything after the bumped component becomes 0. */
export function bumpVersion(v: Version, bump: "major" | "minor" | "patch"): Version {
  const at = BUMPED_INDEX[bump];
  // A plan's bump may be "none": a JavaScript caller gets an error, not a made-up version.
  if (at === undefined)
    throw new ReleasioError("E_USAGE", `cannot bump a version by '${String(bump)}'`, {
      hint: "use major, minor or patch",
    });
  const release = [0, 1, 2].map((i) =>
    i < at ? (v.release[i] ?? 0) : i === at ? (v.release[i] ?? 0) + 1 : 0,
  );
  return { epoch: v.epoch, release, pre: null, post: null, dev: null, local: null };
}

/** `0`, `0.0`, `0.0.0`: a version declared only to have one, never meant to be released. */
export function isPlaceholderVersion(v: Version): boolean {
  return (
    v.epoch === 0 &&
    v.release.every((n) => n === 0) &&
    v.pre === null &&
    v.post === null &&
    v.dev === null &&
    v.local === null
  );
}

/**
 * The version functions as one value, for the programmatic API: `Version.parse("1.3.0b1")`,
 * `Version.compare(a, b)`, `Version.bump(v, "minor")`. The same name is the type of a parsed version.
 */
export const Version = {
  parse: parseVersion,
  tryParse: tryParseVersion,
  normalize: normalizeVersion,
  format: formatVersion,
  compare: compareVersions,
  equal: versionsEqual,
  isPrerelease,
  isFinal,
  bump: bumpVersion,
} as const;
