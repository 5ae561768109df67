/**
 * Forge lookups of commits (PRODUCT.md §5.5 `use_github_prs` / `resolve_usernames`, §6.4): whether the forge is
 * asked at all, about which commits, and how its answers fill `pr` and `author.login` before the entry is
 * rendered. The request itself belongs to the command layer; everything here is pure.
 */
import { authorKey } from "../changelog/commit-line.js";
import type { ReleasioConfig } from "../config/schema.js";
import type { CommitInfo } from "./types.js";

/** What the forge knows about one commit (the forge port answers with it: `CommitLookup`). */
export interface CommitForgeInfo {
  pr: number | null;
  login: string | null;
}

/** Who will use the answers. */
export interface LookupDemand {
  /**
   * The caller shows author logins beyond the changelog entry: `check`'s `author.login` in every commit, a
   * release body's Contributors section.
   */
  needsLogins: boolean;
  /**
   * The caller shows PR numbers beyond the changelog entry; by default as `needsLogins` (`check` reports both),
   * false for a Contributors section, which names people only.
   */
  needsPrs?: boolean;
  /** A native changelog entry is rendered (a release is needed and the engine is native). */
  rendersEntry: boolean;
}

/** What the forge is asked for; neither → no request at all. */
export interface LookupNeeds {
  prs: boolean;
  logins: boolean;
}

export type LookupConfig = Pick<
  ReleasioConfig["changelog"],
  "use_github_prs" | "resolve_usernames" | "show_authors" | "show_first_time_contributors" | "commit_template"
>;

/** The entry's text names authors by login: ` by @login`, first-timer badges (keyed by login), `{login}`. */
export function entryShowsLogins(changelog: LookupConfig): boolean {
  return (
    changelog.show_authors ||
    changelog.show_first_time_contributors ||
    (changelog.commit_template?.includes("{login}") ?? false)
  );
}

/**
 * `use_github_prs` asks for the PR of every commit whose message names none; `resolve_usernames` asks for logins
 * only where something shows them (§5.5). Offline, nothing is asked.
 */
export function lookupNeeds(changelog: LookupConfig, demand: LookupDemand, offline: boolean): LookupNeeds {
  if (offline) return { prs: false, logins: false };
  return {
    prs: changelog.use_github_prs && (demand.rendersEntry || (demand.needsPrs ?? demand.needsLogins)),
    logins:
      changelog.resolve_usernames &&
      (demand.needsLogins || (demand.rendersEntry && entryShowsLogins(changelog))),
  };
}

/** The SHAs to ask about, each once, in range order: commits lacking something the forge is asked for. */
export function commitsToLookUp(commits: readonly CommitInfo[], needs: LookupNeeds): string[] {
  if (!needs.prs && !needs.logins) return [];
  const shas = new Set<string>();
  for (const c of commits) {
    if ((needs.prs && c.pr === null) || (needs.logins && c.author.login === null)) shas.add(c.sha);
  }
  return [...shas];
}

/** The forge's answers, with what they may be used for. */
export interface CommitLookups {
  answers: ReadonlyMap<string, CommitForgeInfo>;
  needs: LookupNeeds;
  /**
   * Author keys (login, else lower-cased e-mail) with a commit reachable from the previous release; given when
   * first-time contributors are shown, so that a login learnt here can be checked against them.
   */
  knownAuthors?: ReadonlySet<string> | null;
}

/**
 * Fills `pr` where the message names none (the message wins, §6.4) and `author.login` where the address did not
 * give one. Commits keep their order; untouched commits (and their shared author objects) are returned as is.
 */
export function applyCommitLookups(commits: readonly CommitInfo[], lookups: CommitLookups): CommitInfo[] {
  const { answers, needs } = lookups;
  return commits.map((c) => {
    const answer = answers.get(c.sha);
    if (!answer) return c;
    const pr = needs.prs && c.pr === null && answer.pr !== null ? answer.pr : c.pr;
    const login = needs.logins && c.author.login === null ? answer.login : null;
    if (pr === c.pr && login === null) return c;
    return { ...c, pr, author: login === null ? c.author : { ...c.author, login } };
  });
}

/**
 * First-time contributors were found by the identities git knows (a noreply login, else the e-mail). A login
 * learnt from the forge re-keys an author: that login is a first-timer only when it is not a known author itself
 * and every commit of the range now credited to it came from an identity that was not known either.
 */
export function rekeyFirstTimers(
  known: ReadonlySet<string>,
  before: readonly CommitInfo[],
  after: readonly CommitInfo[],
): Set<string> {
  const verdict = new Map<string, boolean>();
  before.forEach((c, i) => {
    const key = authorKey(after[i]?.author ?? c.author);
    const fresh = !known.has(key) && !known.has(authorKey(c.author));
    verdict.set(key, (verdict.get(key) ?? true) && fresh);
  });
  return new Set([...verdict].filter(([, fresh]) => fresh).map(([key]) => key));
}

/** The commits with the forge's answers applied, and the first-timer keys that match them. */
export function withCommitLookups(
  commits: readonly CommitInfo[],
  firstTimers: ReadonlySet<string>,
  lookups: CommitLookups,
): { commits: CommitInfo[]; firstTimers: ReadonlySet<string> } {
  const filled = applyCommitLookups(commits, lookups);
  const known = lookups.knownAuthors;
  const changed = known && filled.some((c, i) => c.author !== commits[i]!.author);
  return {
    commits: filled,
    firstTimers: changed ? rekeyFirstTimers(known, commits, filled) : firstTimers,
  };
}
