import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClassifyOptions,
  classifyCommit,
  classifyCommits,
  type MessageMemo,
  readCommitMessage,
} from "../../../src/core/commits/classify.js";
import { DEFAULT_PARSE_OPTIONS } from "../../../src/core/commits/parse-commit.js";
import { skipMarkerPattern } from "../../../src/core/commits/rules.js";
import type { RawCommit } from "../../../src/core/plan/types.js";

const options = (over: Partial<ClassifyOptions> = {}): ClassifyOptions => ({
  parse: DEFAULT_PARSE_OPTIONS,
  releaseCommitPattern: /^chore\(release\):/,
  includeMergeCommits: false,
  skipPattern: skipMarkerPattern(["[skip release]", "[release skip]", "[no release]"]),
  scopeRegex: null,
  typesMajor: new Set(),
  typesMinor: new Set(["feat"]),
  typesPatch: new Set(["fix", "perf"]),
  excludeTypes: new Set(),
  includeUnconventional: true,
  breakingBumpsMinor: false,
  securityPatterns: null,
  parseSquashBodies: false,
  knownTypes: new Set(["feat", "fix", "docs", "perf", "chore"]),
  attribute: null,
  ...over,
});

let n = 0;
const raw = (message: string, parents = 1, email = "dev@example.org"): RawCommit => ({
  sha: (++n).toString(16).padStart(40, "0"),
  parents: Array.from({ length: parents }, (_, i) => `p${i}`),
  author: { name: "Dev", email },
  date: "2025-01-01T00:00:00+00:00",
  message,
});

describe("every commit gets exactly one reason (§6.3)", () => {
  it.each([
    ["feat: a", "minor-type", true, "minor"],
    ["WIP", "unconventional", true, "none"],
    ["fix(x): b", "patch-type", true, "patch"],
    ["docs: c", "no-bump-type", true, "none"],
    ["feat: d [skip release]", "skip-marker", false, "none"],
    ["fix: y\n\n[NO RELEASE]", "skip-marker", false, "none"],
    ["chore(release): prepare demo v1.0.1", "release-commit", false, "none"],
    ["feat(api)!: drop v1", "breaking", true, "major"],
    ["refactor: e", "no-bump-type", true, "none"],
    ["feat2: x", "no-bump-type", true, "none"],
    ["Rework storage\n\nBREAKING CHANGE: new format", "breaking", true, "major"],
    ["Rework storage [skip release]\n\nBREAKING CHANGE: new format", "skip-marker", false, "none"],
    ["chore(release): 2.0.0\n\nBREAKING CHANGE: new format", "release-commit", false, "none"],
  ])("%j → %s", (message, reason, included, bump) => {
    const [c] = classifyCommit(raw(message), options());
    expect([c!.reason, c!.included, c!.bump]).toEqual([reason, included, bump]);
  });

  it("merge commits are excluded unless include_merge_commits", () => {
    expect(classifyCommit(raw("Merge branch 'x'", 2), options())[0]!.reason).toBe("merge-commit");
    expect(
      classifyCommit(raw("Merge branch 'x'", 2), options({ includeMergeCommits: true }))[0]!.reason,
    ).toBe("unconventional");
  });

  it("a release commit is recognised before anything else, even with a skip marker", () => {
    expect(classifyCommit(raw("chore(release): prepare [skip release]"), options())[0]!.reason).toBe(
      "release-commit",
    );
  });

  it("scope_regex filters scoped commits and keeps scope-less ones", () => {
    const o = options({ scopeRegex: /^api$/ });
    const [a, b, c] = classifyCommits([raw("feat(api): a"), raw("fix(core): b"), raw("feat: c")], o);
    expect([a!.reason, b!.reason, c!.reason]).toEqual(["minor-type", "scope-filtered", "minor-type"]);
  });

  it("breaking commits bump minor on 0.x unless major_on_zero", () => {
    expect(classifyCommit(raw("feat!: x"), options({ breakingBumpsMinor: true }))[0]!.bump).toBe("minor");
  });

  it("excluded types leave the changelog but keep their bump; a breaking one is still listed", () => {
    const o = options({ excludeTypes: new Set(["chore", "fix"]) });
    const [fix] = classifyCommit(raw("fix: hidden"), o);
    expect([fix!.reason, fix!.included, fix!.bump]).toEqual(["excluded-type", false, "patch"]);
    const [breaking] = classifyCommit(raw("chore!: drop py38"), o);
    expect([breaking!.reason, breaking!.included]).toEqual(["breaking", true]);
  });

  it("custom type lists decide the bump", () => {
    const o = options({ typesMajor: new Set(["perf"]), typesPatch: new Set(["fix", "docs"]) });
    expect(classifyCommit(raw("perf: x"), o)[0]!.bump).toBe("major");
    expect(classifyCommit(raw("docs: x"), o)[0]!.bump).toBe("patch");
  });

  it("an unconventional commit with a breaking footer is breaking, even without include_unconventional", () => {
    const [c] = classifyCommit(
      raw("Rework storage\n\nBREAKING CHANGE: new format"),
      options({ includeUnconventional: false, breakingBumpsMinor: true }),
    );
    expect(c).toMatchObject({
      type: null,
      reason: "breaking",
      included: true,
      bump: "minor",
      breaking_description: "new format",
    });
    const [merge] = classifyCommit(raw("Merge branch 'x'\n\nBREAKING CHANGE: y", 2), options());
    expect([merge!.reason, merge!.bump]).toEqual(["merge-commit", "none"]);
  });

  it("unconventional commits are left out when include_unconventional is off", () => {
    const [c] = classifyCommit(raw("Update README.md"), options({ includeUnconventional: false }));
    expect([c!.reason, c!.included]).toEqual(["unconventional", false]);
  });

  it("security patterns mark commits", () => {
    const o = options({ securityPatterns: [/^fix\(security\)/i, /CVE-\d{4}-\d+/i] });
    expect(classifyCommit(raw("fix(security): escape html (CVE-2025-1234)"), o)[0]!.security).toBe(true);
    expect(classifyCommit(raw("fix: typo"), o)[0]!.security).toBe(false);
  });

  it("logins come from noreply addresses", () => {
    expect(
      classifyCommit(raw("feat: x", 1, "123+jane@users.noreply.github.com"), options())[0]!.author.login,
    ).toBe("jane");
    expect(classifyCommit(raw("feat: x", 1, "jane@example.org"), options())[0]!.author.login).toBeNull();
  });
});

describe("squash bodies", () => {
  it("stand instead of a conventional subject too, and never split on trailers", () => {
    const commit = raw(
      "fix(api): handle empty pages (#12)\n\nResolves: #11\nCo-authored-by: A <a@example.com>\n\n* feat: pages of any size\n* wip: try it",
    );
    const parts = classifyCommit(commit, options({ parseSquashBodies: true }));
    expect(parts.map((p) => [p.part, p.type, p.description, p.pr, p.reason])).toEqual([
      [1, "feat", "pages of any size", 12, "minor-type"],
      [2, "wip", "try it", 12, "no-bump-type"],
    ]);
    const trailersOnly = classifyCommit(
      raw("fix: x\n\nResolves: #11\nSigned-off-by: B <b@x.org>"),
      options({ parseSquashBodies: true }),
    );
    expect(trailersOnly.map((p) => [p.part, p.type, p.bump])).toEqual([[null, "fix", "patch"]]);
  });

  it("keep a breaking subject whose parts do not carry the breaking change, as the first part", () => {
    const title = classifyCommit(
      raw("feat!: new API (#12)\n\n* feat: a\n* fix: b"),
      options({ parseSquashBodies: true }),
    );
    expect(title.map((p) => [p.part, p.type, p.description, p.breaking, p.bump])).toEqual([
      [1, "feat", "new API", true, "major"],
      [2, "feat", "a", false, "minor"],
      [3, "fix", "b", false, "patch"],
    ]);
    const footer = classifyCommit(
      raw("Big PR (#9)\n\nBREAKING CHANGE: the config moved\n\n* feat: a"),
      options({ parseSquashBodies: true }),
    );
    expect(footer.map((p) => [p.part, p.type, p.breaking, p.breaking_description])).toEqual([
      [1, null, true, "the config moved"],
      [2, "feat", false, null],
    ]);
    const carried = classifyCommit(
      raw("feat!: new API (#12)\n\n* feat!: a\n* fix: b"),
      options({ parseSquashBodies: true }),
    );
    expect(carried.map((p) => [p.part, p.description, p.breaking])).toEqual([
      [1, "a", true],
      [2, "b", false],
    ]);
  });

  it("split into parts sharing the PR number when enabled", () => {
    const commit = raw("Big PR (#9)\n\n* feat: a\n* fix: b");
    const parts = classifyCommit(commit, options({ parseSquashBodies: true }));
    expect(parts.map((p) => [p.part, p.type, p.pr, p.sha])).toEqual([
      [1, "feat", 9, commit.sha],
      [2, "fix", 9, commit.sha],
    ]);
    const whole = classifyCommit(commit, options());
    expect(whole.map((p) => [p.part, p.reason])).toEqual([[null, "unconventional"]]);
  });
});

describe("no commit is ever lost", () => {
  it("classifies every arbitrary message into exactly one entry (without squash parsing)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 30 }), (messages) => {
        const raws = messages.map((m) => raw(m));
        const out = classifyCommits(raws, options());
        expect(out.map((c) => c.sha)).toEqual(raws.map((r) => r.sha));
      }),
      { numRuns: 300 },
    );
  });
});

describe("messages read ahead (while git log streams)", () => {
  it("are read once and shared by options with other bump rules", () => {
    const messages: MessageMemo = new Map();
    const commit = raw("feat!: drop py38\n\nCo-authored-by: Ann <ann@example.org>");
    const read = readCommitMessage(commit, options({ messages }));
    expect(messages.get(commit)).toBe(read);
    expect(readCommitMessage(commit, options({ messages, breakingBumpsMinor: true }))).toBe(read);

    const [major] = classifyCommit(commit, options({ messages }));
    const [minor] = classifyCommit(commit, options({ messages, breakingBumpsMinor: true }));
    expect([major!.bump, minor!.bump]).toEqual(["major", "minor"]);
    expect(major!.co_authors).toEqual([{ name: "Ann", email: "ann@example.org", login: null }]);
    expect(major!.author).toBe(read.author);
  });

  it("classify exactly as messages read on the spot (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 120 }), { maxLength: 20 }),
        fc.boolean(),
        (texts, squash) => {
          const raws = texts.map((t) => raw(t));
          const messages: MessageMemo = new Map();
          for (const r of raws) readCommitMessage(r, options({ messages, parseSquashBodies: squash }));
          const ahead = classifyCommits(raws, options({ messages, parseSquashBodies: squash }));
          const onTheSpot = classifyCommits(raws, options({ parseSquashBodies: squash }));
          expect(ahead).toEqual(onTheSpot);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("package attribution", () => {
  it("a single project owns every commit of its range, whatever the commit", () => {
    const infos = classifyCommits(
      [raw("feat: a"), raw("WIP"), raw("Merge branch 'x'", 2), raw("docs: b [skip release]")],
      options({ owners: ["demo"] }),
    );
    expect(infos.map((c) => c.packages)).toEqual([["demo"], ["demo"], ["demo"], ["demo"]]);
    expect(infos.map((c) => c.reason)).toEqual([
      "minor-type",
      "unconventional",
      "merge-commit",
      "skip-marker",
    ]);
  });

  it("a project without a name attributes commits to no package, and none is outside a package", () => {
    const [info] = classifyCommit(raw("fix: a"), options({ owners: [] }));
    expect([info?.packages, info?.reason]).toEqual([[], "patch-type"]);
  });

  it("workspace attribution decides alone: a commit touching no package is outside every package", () => {
    const [inside] = classifyCommit(raw("fix: a"), options({ owners: ["root"], attribute: () => ["core"] }));
    const [outside] = classifyCommit(raw("fix: b"), options({ owners: ["root"], attribute: () => [] }));
    expect([inside?.packages, inside?.reason]).toEqual([["core"], "patch-type"]);
    expect([outside?.packages, outside?.reason]).toEqual([[], "outside-package"]);
  });
});
