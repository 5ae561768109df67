/** One commit as a changelog list item (§6.10): default text or `commit_template`, credit, badge, breaking note. */
import type { Author, CommitInfo } from "../plan/types.js";
import { renderTemplate } from "../text/template.js";
import { commitUrl, pullLabel, pullUrl } from "./links.js";
import type { ChangelogOptions, ForgeLinks } from "./options.js";

export interface CommitLineContext {
  forge: ForgeLinks | null;
  options: ChangelogOptions;
  /** Author keys (see {@link authorKey}) to mark as first-time contributors. */
  firstTimers: ReadonlySet<string>;
}

/** How first-time contributors are recognised: the forge login if known, else the lower-cased email. */
export function authorKey(author: Author): string {
  return author.login ? author.login : author.email.toLowerCase();
}

/** Bots are matched by login or by name: a commit's login is not always resolved. */
// The lower-cased ignore list, computed once per list rather than once per commit.
const lowered = new WeakMap<readonly string[], ReadonlySet<string>>();

export function isIgnored(author: Author, ignoreAuthors: readonly string[]): boolean {
  let set = lowered.get(ignoreAuthors);
  if (!set) {
    set = new Set(ignoreAuthors.map((a) => a.toLowerCase()));
    lowered.set(ignoreAuthors, set);
  }
  return (author.login !== null && set.has(author.login.toLowerCase())) || set.has(author.name.toLowerCase());
}

function credit(author: Author): string {
  return author.login ? `@${author.login}` : author.name.trim();
}

function linked(text: string, url: string | null): string {
  return url === null ? text : `[${text}](${url})`;
}

/** The short hash, linked to the commit when links are on. */
function commitRef(commit: CommitInfo, context: CommitLineContext): string {
  const links = context.options.links ? context.forge : null;
  return linked(commit.short_sha, links && commitUrl(links, commit.sha));
}

function defaultText(commit: CommitInfo, context: CommitLineContext, credited: boolean): string {
  const { forge, options } = context;
  const links = options.links ? forge : null;
  // A commit with an empty message is named by its short hash, which it then does not repeat.
  const unnamed = commit.description === "";
  let text = unnamed
    ? commitRef(commit, context)
    : commit.scope
      ? `**${commit.scope}:** ${commit.description}`
      : commit.description;
  if (commit.pr !== null) {
    text += ` (${linked(pullLabel(forge, commit.pr), links && pullUrl(links, commit.pr))})`;
  }
  if (options.show_commit_hash && !unnamed) text += ` (${commitRef(commit, context)})`;
  const name = credited ? credit(commit.author) : "";
  if (options.show_authors && name !== "") text += ` by ${name}`;
  return text;
}

/** Template output may span lines: they become continuation lines of the same list item. */
function templateText(
  commit: CommitInfo,
  context: CommitLineContext,
  credited: boolean,
  template: string,
): string {
  const forge = context.options.links ? context.forge : null;
  const text = renderTemplate(template, {
    description: commit.description,
    scope: commit.scope ?? "",
    type: commit.type ?? "",
    author: credited ? commit.author.name : "",
    login: credited ? (commit.author.login ?? "") : "",
    hash: commit.sha,
    short_hash: commit.short_sha,
    body: commit.body,
    pr: commit.pr === null ? "" : String(commit.pr),
    pr_url: forge && commit.pr !== null ? pullUrl(forge, commit.pr) : "",
    commit_url: forge ? commitUrl(forge, commit.sha) : "",
    breaking: commit.breaking ? "BREAKING" : "",
  });
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "")
    .join("\n  ");
}

function comparable(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\s.!]+$/, "")
    .trim()
    .toLowerCase();
}

/** The breaking note is worth a line only when it says more than the description already does. */
function breakingNote(commit: CommitInfo): string | null {
  if (!commit.breaking || commit.breaking_description === null) return null;
  const note = commit.breaking_description.replace(/\s+/g, " ").trim();
  if (note === "" || comparable(note) === comparable(commit.description)) return null;
  return note;
}

/** The item's lines: `- <text>[ <badge>]`, then the indented breaking note when it adds information. */
export function commitLines(commit: CommitInfo, context: CommitLineContext): string[] {
  const { options } = context;
  // Crediting matters only where authors show; the check runs for every commit of a whole-history changelog.
  const showsAuthors =
    options.show_authors || options.show_first_time_contributors || options.commit_template !== null;
  const credited = showsAuthors && !isIgnored(commit.author, options.ignore_authors);
  let text =
    options.commit_template === null
      ? defaultText(commit, context, credited)
      : templateText(commit, context, credited, options.commit_template);
  // A template that renders nothing (an empty message through `{description}`) still names the commit.
  if (text === "") text = commitRef(commit, context);
  const firstTimer =
    options.show_first_time_contributors && credited && context.firstTimers.has(authorKey(commit.author));
  if (firstTimer && options.first_contributor_badge !== "") {
    text += ` ${options.first_contributor_badge}`;
  }
  const note = breakingNote(commit);
  return note === null ? [`- ${text}`] : [`- ${text}`, `  ${note}`];
}
