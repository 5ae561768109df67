/** Parsing one commit message into a conventional header (§6.4, §6.5). Never throws. */
import { parseGitmoji } from "./gitmoji.js";
import { splitMessage } from "./message.js";

export interface CommitParser {
  pattern: RegExp;
  type: string;
  group: string | null;
  scopeGroup: string | null;
  descriptionGroup: string;
  breaking: boolean;
}

export interface ParseOptions {
  parsers: readonly CommitParser[];
  useConventionalFallback: boolean;
  gitmoji: boolean;
  /** Matched at the start of body lines; null disables footer detection. */
  breakingPattern: RegExp | null;
}

export interface ParsedCommit {
  subject: string;
  body: string;
  /** Null when the commit is unconventional. */
  type: string | null;
  scope: string | null;
  description: string;
  breaking: boolean;
  breakingDescription: string | null;
  /** Section chosen by a custom parser, else null. */
  group: string | null;
  pr: number | null;
}

// Groups: 1 type, 2 scope, 3 bang, 4 description (numbered: no groups object is made for every commit).
const CONVENTIONAL = /^([A-Za-z][A-Za-z0-9-]*)(?:\(([^()\r\n]*)\))?(!)?:[ \t]*(\S.*)$/;
const REVERT = /^Revert "(?<inner>.+)"$/;
const TRAILING_PR = /\(#(\d+)\)\s*$/;
const MERGE_PR = /^Merge pull request #(\d+)/;
const GITLAB_MR = /^See merge request \S+!(\d+)\s*$/m;

export const DEFAULT_BREAKING_PATTERN = /BREAKING[ -]CHANGE:/;

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  parsers: [],
  useConventionalFallback: true,
  gitmoji: true,
  breakingPattern: DEFAULT_BREAKING_PATTERN,
};

interface Header {
  type: string | null;
  scope: string | null;
  description: string;
  breaking: boolean;
  group: string | null;
}

function customHeader(subject: string, parsers: readonly CommitParser[]): Header | null {
  for (const parser of parsers) {
    parser.pattern.lastIndex = 0;
    const m = parser.pattern.exec(subject);
    if (m?.index !== 0) continue;
    const groups = m.groups ?? {};
    const scope = parser.scopeGroup ? (groups[parser.scopeGroup] ?? null) : null;
    const description = groups[parser.descriptionGroup] ?? subject;
    return {
      type: parser.type,
      scope: scope?.trim() ? scope.trim() : null,
      description: description.trim() || subject,
      breaking: parser.breaking,
      group: parser.group,
    };
  }
  return null;
}

/** The conventional header of a subject, or null. Exported for `check-pr`-like callers and tests. */
export function parseConventionalHeader(subject: string): Header | null {
  const m = CONVENTIONAL.exec(subject);
  if (!m) return null;
  const scope = m[2]?.trim();
  return {
    type: m[1]!.toLowerCase(),
    scope: scope ? scope : null,
    description: m[4]!.trim(),
    breaking: m[3] === "!",
    group: null,
  };
}

function parseHeader(subject: string, options: ParseOptions): Header | null {
  const custom = customHeader(subject, options.parsers);
  if (custom) return custom;
  const conventional = options.useConventionalFallback ? parseConventionalHeader(subject) : null;
  if (conventional) return conventional;
  const revert = REVERT.exec(subject);
  if (revert?.groups)
    return { type: "revert", scope: null, description: revert.groups.inner!, breaking: false, group: null };
  if (options.gitmoji) {
    const g = parseGitmoji(subject);
    if (g)
      return { type: g.type, scope: null, description: g.description, breaking: g.breaking, group: null };
  }
  return null;
}

/** The breaking-change footer text: after the match, to the end of its paragraph, whitespace collapsed. */
// The footer pattern anchored at every line start, compiled once per configured pattern: one scan of the body
// instead of splitting it into lines for every commit.
const lineStart = new WeakMap<RegExp, RegExp>();

function atLineStart(pattern: RegExp): RegExp {
  let anchored = lineStart.get(pattern);
  if (!anchored) {
    anchored = new RegExp(`^(?:${pattern.source})`, `${pattern.flags.replace(/[gym]/g, "")}m`);
    lineStart.set(pattern, anchored);
  }
  return anchored;
}

// Where a breaking-change footer's value ends: a blank line, or a line that starts another footer (a token of
// word characters and hyphens followed by `: ` or ` #`).
const NEXT_FOOTER = /\n[ \t]*(?:\n|$)|\n(?=[A-Za-z][A-Za-z0-9-]*(?:: | #)|BREAKING[ -]CHANGE: )/;

// The (usual) answer for a body without the footer; never mutated.
const NO_FOOTER: { readonly found: boolean; readonly text: string | null } = { found: false, text: null };

function breakingFooter(body: string, pattern: RegExp | null): { found: boolean; text: string | null } {
  if (!pattern || body === "") return NO_FOOTER;
  const m = atLineStart(pattern).exec(body);
  if (!m) return NO_FOOTER;
  const rest = body.slice(m.index + m[0].length);
  // The value runs to the end of its paragraph, or to the next footer of the block (`Reviewed-by: …`, `Refs #1`),
  // as the Conventional Commits footer grammar reads it.
  const end = rest.search(NEXT_FOOTER);
  const text = (end < 0 ? rest : rest.slice(0, end)).replace(/\s+/g, " ").trim();
  return { found: true, text: text === "" ? null : text };
}

// Cheap substring tests first: these run for every commit of a range.
function prNumber(subject: string, body: string): { pr: number | null; subject: string } {
  const trailing = subject.includes("(#") ? TRAILING_PR.exec(subject) : null;
  if (trailing) return { pr: Number(trailing[1]), subject: subject.slice(0, trailing.index).trimEnd() };
  const merge = subject.startsWith("Merge pull request #") ? MERGE_PR.exec(subject) : null;
  if (merge) return { pr: Number(merge[1]), subject };
  const mr = body.includes("See merge request ") ? GITLAB_MR.exec(body) : null;
  if (mr) return { pr: Number(mr[1]), subject };
  return { pr: null, subject };
}

/** Parses a subject line and its body (already split). */
export function parseHeaderAndBody(subject: string, body: string, options: ParseOptions): ParsedCommit {
  const { pr, subject: withoutPr } = prNumber(subject, body);
  const header = parseHeader(withoutPr, options);
  const footer = breakingFooter(body, options.breakingPattern);
  if (!header) {
    // Unconventional, yet a breaking-change footer still makes it breaking (§6.5).
    return {
      subject,
      body,
      type: null,
      scope: null,
      description: withoutPr.trim() || subject,
      breaking: footer.found,
      breakingDescription: footer.text,
      group: null,
      pr,
    };
  }
  return {
    subject,
    body,
    type: header.type,
    scope: header.scope,
    description: header.description,
    breaking: header.breaking || footer.found,
    breakingDescription: footer.text,
    group: header.group,
    pr,
  };
}

export function parseCommit(message: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ParsedCommit {
  const { subject, body } = splitMessage(message);
  return parseHeaderAndBody(subject, body, options);
}

/** The types of the Conventional Commits convention (and Angular's), known without configuration. */
export const STANDARD_TYPES: readonly string[] = [
  "feat",
  "fix",
  "docs",
  "style",
  "refactor",
  "perf",
  "test",
  "build",
  "ci",
  "chore",
  "revert",
];

/**
 * Squash-merge bodies (§6.4): lines that parse as conventional headers each start a part; the lines after one, up
 * to the next, are its body. A bullet (`* ` or `- `) starts a part whatever its type (`* wip: x` is a squashed
 * commit of type wip); a line without one only with a known type, so that trailers of the same `word: text` shape
 * (`Resolves: #3`, `Co-authored-by: …`) never do. Returns [] when the body holds no part.
 */
export function splitSquashBody(
  body: string,
  isKnownType: (type: string) => boolean,
): { subject: string; body: string }[] {
  const parts: { subject: string; lines: string[] }[] = [];
  for (const line of body.split("\n")) {
    const bullet = /^\s*[*-]\s+/.exec(line);
    const candidate = (bullet ? line.slice(bullet[0].length) : line).trim();
    const header = parseConventionalHeader(candidate);
    if (header?.type && (bullet || isKnownType(header.type))) parts.push({ subject: candidate, lines: [] });
    else if (parts.length > 0) parts[parts.length - 1]!.lines.push(line);
  }
  return parts.map((p) => ({ subject: p.subject, body: p.lines.join("\n").trim() }));
}
