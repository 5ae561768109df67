/** Acceptance scenarios 34–45 (PRODUCT.md §13, Commits): every commit reported, parsed and classified. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, type TestRepo, tempDir } from "../support/repo.js";
import {
  commitBySubject,
  commitsOf,
  env,
  fixture,
  json,
  sectionCount,
  sectionEntries,
  warningCodes,
} from "./helpers-b.js";

afterAll(cleanupRepos);

const check = (repo: TestRepo, extra: Record<string, string> = {}, args: string[] = []) =>
  json(repo.dir, "check", ["check", ...args], env(extra));

const SPARKLES_PARSER = `[[commits.commit_parsers]]
pattern = '^:sparkles:\\s*(?P<description>.+)$'
type = "feat"
group = "✨ Features"
`;

describe("Commits", () => {
  it("34: every commit of the range is reported once with the reason that decided it", async () => {
    const repo = fixture();
    repo.commits("feat: a", "WIP", "fix(x): b");
    repo.checkout("docs-branch", true);
    const docs = repo.commit("docs: c");
    repo.checkout("main").merge("docs-branch");
    repo.commits("feat: d [skip release]", "chore(release): prepare demo v1.0.1");

    const r = await check(repo);
    expect(r.code).toBe(0);
    const commits = commitsOf(r);
    expect(commits).toHaveLength(7);
    expect(Object.fromEntries(commits.map((c) => [c.subject, c.reason]))).toEqual({
      "feat: a": "minor-type",
      WIP: "unconventional",
      "fix(x): b": "patch-type",
      "Merge branch 'docs-branch'": "merge-commit",
      "docs: c": "no-bump-type",
      "feat: d [skip release]": "skip-marker",
      "chore(release): prepare demo v1.0.1": "release-commit",
    });
    const c = commitBySubject(r, "docs: c");
    expect([c.sha, c.type, c.included, c.part]).toEqual([docs, "docs", true, null]);
    // Newest first, in git's own order.
    expect(commits.map((k) => k.sha)).toEqual(repo.git("rev-list", "v1.0.0..HEAD").trim().split("\n"));
    // One project: every commit of its range is attributed to it.
    expect(commits.map((k) => k.packages)).toEqual(commits.map(() => ["demo"]));
    expect(r.json.next_version).toBe("1.1.0");

    const human = await releasio(repo.dir, ["check"], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Commits: 7 in range, 4 included, 3 ignored");
  });

  describe("35: skip markers", () => {
    it("35: a commit marked [SKIP RELEASE] in any case leaves nothing to release", async () => {
      const repo = fixture();
      repo.commit("feat: x [SKIP RELEASE]");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ release_needed: false, next_version: null, tag: null, bump: "none" });
      expect(commitBySubject(r, "feat: x [SKIP RELEASE]")).toMatchObject({
        reason: "skip-marker",
        included: false,
        bump: "none",
      });
    });

    it("35: a skip marker in the body excludes the commit", async () => {
      const repo = fixture();
      repo.commit("fix: y\n\n[no release]");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.release_needed).toBe(false);
      expect(commitBySubject(r, "fix: y")).toMatchObject({ reason: "skip-marker", included: false });
    });
  });

  it("36: a custom parser in Python regex syntax shares the Features section with conventional feats", async () => {
    const repo = fixture({ config: SPARKLES_PARSER });
    repo.commits(":sparkles: add dark mode", "feat: add export");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ next_version: "1.1.0", bump: "minor" });
    expect(commitBySubject(r, ":sparkles: add dark mode")).toMatchObject({
      type: "feat",
      description: "add dark mode",
      reason: "minor-type",
    });
    const entry = r.json.changelog as string;
    expect(sectionCount(entry, "✨ Features")).toBe(1);
    expect(sectionEntries(entry, "✨ Features")?.sort()).toEqual(["- add dark mode", "- add export"]);
  });

  it("37: without the conventional fallback only the custom parsers classify commits", async () => {
    const repo = fixture({ config: `[commits]\nuse_conventional_fallback = false\n\n${SPARKLES_PARSER}` });
    repo.commit("fix: y");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ release_needed: false, next_version: null });
    expect(commitBySubject(r, "fix: y")).toMatchObject({
      type: null,
      reason: "unconventional",
      bump: "none",
    });
  });

  describe("38: breaking custom parsers", () => {
    const parser = (flag: string) => `[[commits.commit_parsers]]
pattern = '^:boom:\\s*(?P<description>.+)$'
type = "refactor"
${flag}
`;

    it.each([
      ["1.0.0", "2.0.0"],
      ["0.4.0", "0.5.0"],
    ])("38: a parser with breaking = true takes %s to %s", async (from, to) => {
      const repo = fixture({ version: from, config: parser("breaking = true") });
      repo.commit(":boom: redo");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe(to);
      expect(commitBySubject(r, ":boom: redo")).toMatchObject({
        type: "refactor",
        description: "redo",
        breaking: true,
        reason: "breaking",
      });
    });

    it("38: breaking_indicator behaves like breaking = true and is reported as deprecated", async () => {
      const repo = fixture({ config: parser('breaking_indicator = ":boom:"') });
      repo.commit(":boom: redo");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("2.0.0");
      expect(commitBySubject(r, ":boom: redo")).toMatchObject({ type: "refactor", breaking: true });
      expect(warningCodes(r)).toContain("W_CONFIG_DEPRECATED_KEY");
    });
  });

  it.each([
    ["✨ add dark mode", "true", "1.1.0", "feat", "add dark mode", "minor-type"],
    [":bug: fix entry point", "true", "1.0.1", "fix", "fix entry point", "patch-type"],
    ["✨ add dark mode", "false", null, null, "✨ add dark mode", "unconventional"],
  ])(
    "39: the built-in Gitmoji parser reads %j (gitmoji = %s)",
    async (subject, gitmoji, next, type, description, reason) => {
      const repo = fixture();
      repo.commit(subject);
      const r = await check(repo, { RELEASIO_COMMITS_GITMOJI: gitmoji });
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe(next);
      expect(commitBySubject(r, subject)).toMatchObject({ type, description, reason });
    },
  );

  it("40: scope_regex keeps matching and scope-less commits; human counts and JSON agree", async () => {
    const repo = fixture();
    repo.commits("feat(api): a", "fix(core): b", "feat: c");
    const extra = { RELEASIO_COMMITS_SCOPE_REGEX: "^api$" };
    const r = await check(repo, extra);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ next_version: "1.1.0", bump: "minor" });
    expect(commitBySubject(r, "fix(core): b")).toMatchObject({
      reason: "scope-filtered",
      included: false,
      bump: "none",
    });
    const included = commitsOf(r).filter((c) => c.included);
    expect(included.map((c) => c.description).sort()).toEqual(["a", "c"]);
    expect(sectionEntries(r.json.changelog as string, "✨ Features")?.sort()).toEqual([
      "- **api:** a",
      "- c",
    ]);
    expect(r.json.changelog).not.toMatch(/- (\*\*core:\*\* )?b\b/);

    const human = await releasio(repo.dir, ["check"], env(extra));
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Commits: 3 in range, 2 included, 1 ignored");
  });

  it("41: lenient headers are conventional; unknown types are listed under Other without a bump", async () => {
    const repo = fixture();
    repo.commits("feat:add x", "FEAT: y", "feat(api/v2): z", "Updated readme", "feat2: x");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(r.json.next_version).toBe("1.1.0");
    expect(commitBySubject(r, "feat:add x")).toMatchObject({
      type: "feat",
      description: "add x",
      bump: "minor",
    });
    expect(commitBySubject(r, "FEAT: y")).toMatchObject({ type: "feat", description: "y", bump: "minor" });
    expect(commitBySubject(r, "feat(api/v2): z")).toMatchObject({
      type: "feat",
      scope: "api/v2",
      bump: "minor",
    });
    expect(commitBySubject(r, "Updated readme")).toMatchObject({ type: null, reason: "unconventional" });
    expect(commitBySubject(r, "feat2: x")).toMatchObject({
      type: "feat2",
      bump: "none",
      included: true,
      reason: "no-bump-type",
    });
    const other = sectionEntries(r.json.changelog as string, "📝 Other");
    expect(other?.sort()).toEqual(["- Updated readme", "- x"]);
  });

  describe("42: squash bodies", () => {
    const message = "Big PR (#9)\n\n* feat: a\n* fix: b";

    it("42: with parse_squash_bodies each conventional bullet is its own part", async () => {
      const repo = fixture();
      const sha = repo.commit(message);
      const r = await check(repo, { RELEASIO_COMMITS_PARSE_SQUASH_BODIES: "true" });
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ bump: "minor", next_version: "1.1.0" });
      const parts = commitsOf(r).sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
      expect(parts.map((c) => [c.sha, c.part, c.type, c.description, c.pr])).toEqual([
        [sha, 1, "feat", "a", 9],
        [sha, 2, "fix", "b", 9],
      ]);
      const human = await releasio(
        repo.dir,
        ["check"],
        env({ RELEASIO_COMMITS_PARSE_SQUASH_BODIES: "true" }),
      );
      expect(human.stdout).toContain("Commits: 1 in range (2 entries), 2 included, 0 ignored");
    });

    it("42: by default the squash commit is one unconventional item", async () => {
      const repo = fixture();
      const sha = repo.commit(message);
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(commitsOf(r)).toHaveLength(1);
      expect(commitsOf(r)[0]).toMatchObject({ sha, part: null, reason: "unconventional", pr: 9 });
      expect(r.json.release_needed).toBe(false);
    });
  });

  it("43: a git revert subject is type revert, bumps nothing and is listed under Reverts", async () => {
    const repo = fixture();
    repo.commits('Revert "feat: x"', "fix: y");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(r.json.next_version).toBe("1.0.1");
    expect(commitBySubject(r, 'Revert "feat: x"')).toMatchObject({
      type: "revert",
      description: "feat: x",
      bump: "none",
      included: true,
    });
    expect(sectionEntries(r.json.changelog as string, "⏪ Reverts")).toEqual(["- feat: x"]);
  });

  describe("44: merge workflow", () => {
    const merged = () => {
      const repo = fixture();
      repo.checkout("io", true);
      repo.commit("feat(io): parquet");
      repo.checkout("main").merge("io");
      return repo;
    };

    it("44: a --no-ff merge releases the merged feat and excludes the merge commit", async () => {
      const repo = merged();
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("1.1.0");
      expect(commitBySubject(r, "feat(io): parquet")).toMatchObject({ reason: "minor-type", included: true });
      expect(commitBySubject(r, "Merge branch 'io'")).toMatchObject({
        reason: "merge-commit",
        included: false,
      });
      expect(r.json.changelog).not.toContain("Merge branch");
    });

    it("44: include_merge_commits lists the merge commit under Other", async () => {
      const repo = merged();
      const r = await check(repo, { RELEASIO_COMMITS_INCLUDE_MERGE_COMMITS: "true" });
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("1.1.0");
      expect(commitBySubject(r, "Merge branch 'io'")).toMatchObject({
        included: true,
        reason: "unconventional",
      });
      expect(sectionEntries(r.json.changelog as string, "📝 Other")).toEqual(["- Merge branch 'io'"]);
    });
  });

  describe("45: arbitrary messages", () => {
    /** Commits `message` byte for byte: no cleanup, empty messages allowed. */
    const commitVerbatim = (repo: TestRepo, message: string) => {
      const file = join(tempDir("releasio-msg-"), "message");
      writeFileSync(file, message);
      repo.git("commit", "-q", "--allow-empty", "--allow-empty-message", "--cleanup=verbatim", "-F", file);
    };

    const expectAllReported = async (repo: TestRepo, count: number) => {
      const r = await check(repo);
      expect(r.code).toBe(0);
      const commits = commitsOf(r);
      const shas = repo.git("rev-list", "v1.0.0..HEAD").trim().split("\n");
      expect(commits).toHaveLength(count);
      expect(commits.map((c) => c.sha)).toEqual(shas);
      for (const c of commits) {
        expect(c.subject).not.toContain("\n");
        // The subject is the first line that is not blank (as git's %s skips blank lines before it), without
        // surrounding whitespace.
        const lines = repo.git("log", "-1", "--format=%B", c.sha).split("\n");
        const stored = lines.find((line) => !/^[ \t\r]*$/.test(line)) ?? "";
        if (/^[\x20-\x7e]*$/.test(stored)) expect(c.subject).toBe(stored.trim());
      }
    };

    it("45: a 10,000-line body and separator-like text are reported and parsed", async () => {
      const repo = fixture({ origin: false });
      const body = Array.from({ length: 10_000 }, (_, i) => `line ${i} \x1e\x1f|%x00|`).join("\n");
      const messages = [
        `feat: huge\n\n${body}`,
        "fix: separators NUL-free \x1e\x1f\x01\x02\n\ncommit 0123456789abcdef0123456789abcdef01234567\nAuthor: x <y>\n",
        "---\n\n\n",
        "#not a comment\n# neither\n",
        "",
        "🎉 ünïcödé — 漢字 \u200b\u202e",
        "\r\n\r\nfeat: after blank lines",
        " !",
        "   fix: indented subject  ",
      ];
      for (const m of messages) commitVerbatim(repo, m);
      await expectAllReported(repo, messages.length);
    });

    it("45: property: any history of arbitrary messages is fully reported and parsing never throws", async () => {
      const message = fc
        .oneof(
          fc.string({ unit: "binary", maxLength: 120 }),
          fc.string({ unit: "grapheme", maxLength: 80 }),
          fc
            .tuple(
              fc.constantFrom("feat", "fix", "FEAT", "chore(release)", "Revert", "Merge", ":boom:", "✨"),
              fc.constantFrom(": ", "!: ", "(x): ", "", " "),
              fc.string({ maxLength: 40 }),
              fc.constantFrom("", "\n\nBREAKING CHANGE: y", "\n\n* feat: a\n* fix: b", "\n\n[skip release]"),
            )
            .map((parts) => parts.join("")),
        )
        .map((m) => m.replaceAll("\0", ""));
      await fc.assert(
        fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 5 }), async (messages) => {
          const repo = fixture({ origin: false });
          for (const m of messages) commitVerbatim(repo, m);
          await expectAllReported(repo, messages.length);
        }),
        { numRuns: 8 },
      );
    });
  });
});
