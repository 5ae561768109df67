import { describe, expect, it } from "vitest";
import { renderEntry } from "../../../src/core/changelog/render-entry.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";
import {
  applyCommitLookups,
  type CommitForgeInfo,
  commitsToLookUp,
  type LookupConfig,
  lookupNeeds,
  rekeyFirstTimers,
  withCommitLookups,
} from "../../../src/core/plan/commit-lookups.js";
import type { CommitInfo } from "../../../src/core/plan/types.js";
import { changelogOptions, commit, JANE } from "../changelog/commit-factory.js";

const DEFAULTS: LookupConfig = DEFAULT_CONFIG.changelog;
const cfg = (overrides: Partial<LookupConfig> = {}): LookupConfig => ({ ...DEFAULTS, ...overrides });
const ENTRY = { needsLogins: false, rendersEntry: true };
const NOTHING_SHOWN = { needsLogins: false, rendersEntry: false };
const CHECK = { needsLogins: true, rendersEntry: false };

const answers = (entries: Record<string, Partial<CommitForgeInfo>>) =>
  new Map(Object.entries(entries).map(([sha, a]) => [sha, { pr: null, login: null, ...a }]));

describe("whether the forge is asked at all", () => {
  it.each([
    ["the defaults, an entry without authors", cfg(), ENTRY, { prs: false, logins: false }],
    ["use_github_prs, an entry", cfg({ use_github_prs: true }), ENTRY, { prs: true, logins: false }],
    ["show_authors, an entry", cfg({ show_authors: true }), ENTRY, { prs: false, logins: true }],
    [
      "first-time contributors, an entry",
      cfg({ show_first_time_contributors: true }),
      ENTRY,
      { prs: false, logins: true },
    ],
    [
      "a template using {login}",
      cfg({ commit_template: "{description} ({login})" }),
      ENTRY,
      { prs: false, logins: true },
    ],
    [
      "a template without {login}",
      cfg({ commit_template: "{description} - {author}" }),
      ENTRY,
      { prs: false, logins: false },
    ],
    [
      "show_authors without resolve_usernames",
      cfg({ show_authors: true, resolve_usernames: false }),
      ENTRY,
      { prs: false, logins: false },
    ],
    [
      "show_authors, nothing rendered",
      cfg({ show_authors: true }),
      NOTHING_SHOWN,
      { prs: false, logins: false },
    ],
    [
      "use_github_prs, nothing rendered",
      cfg({ use_github_prs: true }),
      NOTHING_SHOWN,
      { prs: false, logins: false },
    ],
    ["check's author.login with the defaults", cfg(), CHECK, { prs: false, logins: true }],
    [
      "check without resolve_usernames",
      cfg({ resolve_usernames: false }),
      CHECK,
      { prs: false, logins: false },
    ],
    ["check with use_github_prs", cfg({ use_github_prs: true }), CHECK, { prs: true, logins: true }],
  ])("%s", (_name, config, demand, expected) => {
    expect(lookupNeeds(config, demand, false)).toEqual(expected);
  });

  it("asks nothing offline, whatever the configuration wants", () => {
    const all = cfg({ use_github_prs: true, show_authors: true });
    expect(lookupNeeds(all, { needsLogins: true, rendersEntry: true }, true)).toEqual({
      prs: false,
      logins: false,
    });
  });
});

describe("which commits are asked about", () => {
  const withPr = commit({ pr: 7 });
  const noreply = commit({ author: { name: "Jo", email: "1+jo@users.noreply.github.com", login: "jo" } });
  const plain = commit();

  it("asks for the PR only of commits whose message names none", () => {
    expect(commitsToLookUp([withPr, noreply, plain], { prs: true, logins: false })).toEqual([
      noreply.sha,
      plain.sha,
    ]);
  });

  it("asks for the login only of authors whose address does not give one", () => {
    expect(commitsToLookUp([withPr, noreply, plain], { prs: false, logins: true })).toEqual([
      withPr.sha,
      plain.sha,
    ]);
  });

  it("asks about each commit once even when it is split into parts", () => {
    const part1 = commit({ part: 1 });
    const part2 = { ...part1, part: 2, description: "second" };
    expect(commitsToLookUp([part1, part2], { prs: true, logins: true })).toEqual([part1.sha]);
  });

  it("asks about nothing when nothing is needed", () => {
    expect(commitsToLookUp([plain], { prs: false, logins: false })).toEqual([]);
  });
});

describe("applying the answers", () => {
  it("fills a missing PR number but never overrides the message's (#N)", () => {
    const own = commit({ pr: 12 });
    const bare = commit();
    const out = applyCommitLookups([own, bare], {
      answers: answers({ [own.sha]: { pr: 99 }, [bare.sha]: { pr: 34 } }),
      needs: { prs: true, logins: false },
    });
    expect(out.map((c) => c.pr)).toEqual([12, 34]);
  });

  it("does not use PR numbers that were not asked for (use_github_prs off)", () => {
    const bare = commit();
    const [out] = applyCommitLookups([bare], {
      answers: answers({ [bare.sha]: { pr: 34, login: "jane" } }),
      needs: { prs: false, logins: true },
    });
    expect(out!.pr).toBeNull();
    expect(out!.author.login).toBe("jane");
  });

  it("keeps a login from a noreply address and leaves untouched commits (and shared authors) as they were", () => {
    const noreply = commit({ author: { name: "Jo", email: "1+jo@users.noreply.github.com", login: "jo" } });
    const other = commit();
    const out = applyCommitLookups([noreply, other], {
      answers: answers({ [noreply.sha]: { login: "someone-else" } }),
      needs: { prs: true, logins: true },
    });
    expect(out[0]).toBe(noreply);
    expect(out[1]).toBe(other);
  });

  it("never mutates the shared author object", () => {
    const a = commit();
    const b = commit();
    const out = applyCommitLookups([a, b], {
      answers: answers({ [a.sha]: { login: "jane" } }),
      needs: { prs: false, logins: true },
    });
    expect(JANE.login).toBeNull();
    expect(out[0]!.author).toEqual({ ...JANE, login: "jane" });
    expect(out[1]!.author).toBe(JANE);
  });

  it("renders PR links and ` by @login` from the answers; a bot's login is never credited", () => {
    const feature = commit({ description: "add export" });
    const bot = commit({
      description: "bump httpx",
      author: { name: "dependabot", email: "49699333+dependabot[bot]@users.noreply.github.com", login: null },
    });
    const filled = applyCommitLookups([feature, bot], {
      answers: answers({
        [feature.sha]: { pr: 12, login: "jane" },
        [bot.sha]: { pr: 13, login: "dependabot[bot]" },
      }),
      needs: { prs: true, logins: true },
    });
    const entry = renderEntry(
      {
        version: "1.1.0",
        tag: "v1.1.0",
        previousTag: "v1.0.0",
        date: "2025-01-02",
        commits: filled,
        forge: { kind: "github", webUrl: "https://github.com/acme/demo" },
        notes: null,
        firstTimeContributors: new Set(),
        dependencies: [],
      },
      changelogOptions({ show_authors: true }),
    );
    expect(entry).toContain("- add export ([#12](https://github.com/acme/demo/pull/12)) by @jane\n");
    expect(entry).toContain("- bump httpx ([#13](https://github.com/acme/demo/pull/13))\n");
  });
});

describe("first-time contributors after logins are learnt", () => {
  const as = (c: CommitInfo, login: string): CommitInfo => ({ ...c, author: { ...c.author, login } });

  it("carries a first-timer found by e-mail over to the login", () => {
    const c = commit();
    const out = rekeyFirstTimers(new Set(["someone-else"]), [c], [as(c, "jane")]);
    expect([...out]).toEqual(["jane"]);
  });

  it("does not make a login a first-timer when it committed before under that login", () => {
    const c = commit();
    expect(rekeyFirstTimers(new Set(["jane"]), [c], [as(c, "jane")]).size).toBe(0);
  });

  it("does not make a login a first-timer when another of its identities committed before", () => {
    const old = commit({ author: { name: "Jane", email: "jane@corp.example", login: null } });
    const fresh = commit();
    const out = rekeyFirstTimers(
      new Set(["jane@corp.example"]),
      [old, fresh],
      [as(old, "jane"), as(fresh, "jane")],
    );
    expect(out.has("jane")).toBe(false);
  });

  it("keeps unchanged authors' verdicts", () => {
    const bob = commit({ author: { name: "Bob", email: "bob@example.org", login: null } });
    const known = commit({ author: { name: "Al", email: "al@example.org", login: null } });
    const out = rekeyFirstTimers(new Set(["al@example.org"]), [bob, known], [bob, known]);
    expect([...out]).toEqual(["bob@example.org"]);
  });

  it("leaves the first-timer set alone when no author changed or nothing is known", () => {
    const c = commit({ pr: null });
    const firsts = new Set(["jane@example.com"]);
    const prsOnly = withCommitLookups([c], firsts, {
      answers: answers({ [c.sha]: { pr: 5 } }),
      needs: { prs: true, logins: false },
      knownAuthors: new Set(),
    });
    expect(prsOnly.firstTimers).toBe(firsts);
    expect(prsOnly.commits[0]!.pr).toBe(5);
    const unknownHistory = withCommitLookups([c], firsts, {
      answers: answers({ [c.sha]: { login: "jane" } }),
      needs: { prs: false, logins: true },
    });
    expect(unknownHistory.firstTimers).toBe(firsts);
  });

  it("re-keys through withCommitLookups when the history is known", () => {
    const c = commit();
    const out = withCommitLookups([c], new Set(["jane@example.com"]), {
      answers: answers({ [c.sha]: { login: "jane" } }),
      needs: { prs: false, logins: true },
      knownAuthors: new Set(["jane"]),
    });
    expect(out.firstTimers.size).toBe(0);
  });
});
