/** Classifying commits against the release rules (§6.3): every commit gets exactly one reason. */
import type { Author, Bump, CommitInfo, RawCommit, Reason } from "../plan/types.js";
import { coAuthors, loginFromEmail, splitMessage } from "./message.js";
import { type ParsedCommit, type ParseOptions, parseHeaderAndBody, splitSquashBody } from "./parse-commit.js";

export interface ClassifyOptions {
  parse: ParseOptions;
  releaseCommitPattern: RegExp;
  includeMergeCommits: boolean;
  /** The skip-release markers, case-insensitive (see `skipMarkerPattern`); null when there are none. */
  skipPattern: RegExp | null;
  scopeRegex: RegExp | null;
  typesMajor: ReadonlySet<string>;
  typesMinor: ReadonlySet<string>;
  typesPatch: ReadonlySet<string>;
  excludeTypes: ReadonlySet<string>;
  includeUnconventional: boolean;
  /** The version being bumped has major 0 and major_on_zero is off: breaking bumps minor. */
  breakingBumpsMinor: boolean;
  /** Security patterns, matched against subject and body; null when [security] is disabled. */
  securityPatterns: readonly RegExp[] | null;
  parseSquashBodies: boolean;
  /** Types that may start a squash-body part: the standard ones plus every configured or parser type. */
  knownTypes: ReadonlySet<string>;
  /** Keep each entry's body (only a `{body}` commit template shows it); default true. */
  keepBody?: boolean;
  /**
   * Author objects shared across the commits of a run (a history has far fewer authors than commits), by email
   * and then name: no key string is built for every commit.
   */
  authorCache?: Map<string, Map<string, Author>>;
  /** Workspace attribution: the packages a commit belongs to; null for a single project. */
  attribute: ((commit: RawCommit) => string[]) | null;
  /**
   * A single project's attribution: its name, to which every commit of its range belongs (one array shared by all
   * of them, never mutated); empty when the project has no name. Not used with `attribute`.
   */
  owners?: string[];
  /**
   * Messages already read (see `readCommitMessage`), shared by every set of options made from one
   * configuration: a caller can read each commit while `git log` is still streaming the next ones.
   */
  messages?: MessageMemo;
}

/** What a commit message says, independent of the bump rules: subject, body, headers, squash parts. */
export interface ReadMessage {
  subject: string;
  author: Author;
  coAuthors: Author[];
  whole: ParsedCommit;
  /** The parts of a squash commit's body (the conventional subject first), or null when it has none. */
  parts: ParsedCommit[] | null;
}

/** Readings by commit object; a Map rather than a WeakMap, which costs more to fill and to collect. */
export type MessageMemo = Map<RawCommit, ReadMessage>;

function test(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}

function typeBump(type: string, options: ClassifyOptions): { bump: Bump; reason: Reason } | null {
  if (options.typesMajor.has(type)) return { bump: "major", reason: "major-type" };
  if (options.typesMinor.has(type)) return { bump: "minor", reason: "minor-type" };
  if (options.typesPatch.has(type)) return { bump: "patch", reason: "patch-type" };
  return null;
}

/** Rules 5–10 of §6.3 for one parsed header. */
function ruleFor(
  parsed: ParsedCommit,
  options: ClassifyOptions,
): { included: boolean; bump: Bump; reason: Reason } {
  if (parsed.type !== null && parsed.scope !== null && options.scopeRegex) {
    options.scopeRegex.lastIndex = 0;
    const m = options.scopeRegex.exec(parsed.scope);
    if (m?.index !== 0) return { included: false, bump: "none", reason: "scope-filtered" };
  }
  if (parsed.breaking) {
    return { included: true, bump: options.breakingBumpsMinor ? "minor" : "major", reason: "breaking" };
  }
  if (parsed.type === null) {
    return { included: options.includeUnconventional, bump: "none", reason: "unconventional" };
  }
  const byType = typeBump(parsed.type, options);
  if (options.excludeTypes.has(parsed.type)) {
    return { included: false, bump: byType?.bump ?? "none", reason: "excluded-type" };
  }
  if (byType) return { included: true, ...byType };
  return { included: true, bump: "none", reason: "no-bump-type" };
}

/** Rules 1–4: exclusions decided before parsing. */
function exclusion(
  raw: RawCommit,
  subject: string,
  options: ClassifyOptions,
  packages: string[],
): Reason | null {
  if (test(options.releaseCommitPattern, subject)) return "release-commit";
  if (raw.parents.length >= 2 && !options.includeMergeCommits) return "merge-commit";
  if (options.skipPattern?.test(raw.message)) return "skip-marker";
  if (options.attribute && packages.length === 0) return "outside-package";
  return null;
}

function isSecurity(subject: string, body: string, options: ClassifyOptions): boolean {
  if (!options.securityPatterns) return false;
  const text = body === "" ? subject : `${subject}\n${body}`;
  return options.securityPatterns.some((p) => test(p, text));
}

function toInfo(
  raw: RawCommit,
  author: Author,
  coAuthorList: Author[],
  packages: string[],
  parsed: ParsedCommit,
  part: number | null,
  pr: number | null,
  excluded: Reason | null,
  options: ClassifyOptions,
): CommitInfo {
  const rule = excluded
    ? { included: false, bump: "none" as Bump, reason: excluded }
    : ruleFor(parsed, options);
  return {
    sha: raw.sha,
    short_sha: raw.sha.slice(0, 7),
    subject: parsed.subject,
    part,
    author,
    date: raw.date,
    type: parsed.type,
    scope: parsed.scope,
    description: parsed.description,
    body: options.keepBody === false ? "" : parsed.body,
    breaking: parsed.breaking,
    breaking_description: parsed.breakingDescription,
    security: isSecurity(parsed.subject, parsed.body, options),
    bump: rule.bump,
    included: rule.included,
    reason: rule.reason,
    pr,
    packages,
    group: parsed.group,
    co_authors: coAuthorList,
  };
}

// Shared by every commit that belongs to no workspace package; never mutated.
const NO_PACKAGES: string[] = [];

function authorOf(raw: RawCommit["author"], cache: ClassifyOptions["authorCache"]): Author {
  let byName = cache?.get(raw.email);
  if (!byName) {
    byName = new Map();
    cache?.set(raw.email, byName);
  }
  let author = byName.get(raw.name);
  if (!author) {
    author = { name: raw.name, email: raw.email, login: loginFromEmail(raw.email) };
    byName.set(raw.name, author);
  }
  return author;
}

/**
 * Reads one commit's message with the parsing rules of `options` (not its bump rules), remembered in
 * `options.messages` when given.
 */
export function readCommitMessage(raw: RawCommit, options: ClassifyOptions): ReadMessage {
  const known = options.messages?.get(raw);
  if (known) return known;
  const { subject, body } = splitMessage(raw.message);
  const whole = parseHeaderAndBody(subject, body, options.parse);
  let parts: ParsedCommit[] | null = null;
  if (options.parseSquashBodies) {
    // The parts stand instead of the subject's entry (§6.4), whether the subject is conventional or not: a squash
    // merge's title usually repeats its first commit. A breaking change the parts do not carry (a `feat!:` title,
    // a footer above the bullets) is never lost to them: the subject then stays, as the first part.
    const pieces = splitSquashBody(body, (t) => options.knownTypes.has(t));
    if (pieces.length > 0) {
      const split = pieces.map((p) => parseHeaderAndBody(p.subject, p.body, options.parse));
      parts = whole.breaking && !split.some((p) => p.breaking) ? [{ ...whole, body: "" }, ...split] : split;
    }
  }
  const read: ReadMessage = {
    subject,
    author: authorOf(raw.author, options.authorCache),
    coAuthors: coAuthors(body),
    whole,
    parts,
  };
  options.messages?.set(raw, read);
  return read;
}

/** Classifies one commit; a split squash commit yields several entries (parts 1..n). */
export function classifyCommit(raw: RawCommit, options: ClassifyOptions): CommitInfo[] {
  const { subject, author, coAuthors: coAuthorList, whole, parts } = readCommitMessage(raw, options);
  const packages = options.attribute ? options.attribute(raw) : (options.owners ?? NO_PACKAGES);
  const excluded = exclusion(raw, subject, options, packages);
  if (parts) {
    return parts.map((parsed, i) =>
      toInfo(raw, author, coAuthorList, packages, parsed, i + 1, whole.pr, excluded, options),
    );
  }
  return [toInfo(raw, author, coAuthorList, packages, whole, null, whole.pr, excluded, options)];
}

export function classifyCommits(raws: readonly RawCommit[], options: ClassifyOptions): CommitInfo[] {
  const out: CommitInfo[] = [];
  for (const raw of raws) for (const c of classifyCommit(raw, options)) out.push(c);
  return out;
}
