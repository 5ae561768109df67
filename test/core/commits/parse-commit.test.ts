import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PARSE_OPTIONS,
  parseCommit,
  splitSquashBody,
} from "../../../src/core/commits/parse-commit.js";

describe("conventional headers", () => {
  it.each([
    ["feat: add export", "feat", null, "add export", false],
    ["fix(api): handle null", "fix", "api", "handle null", false],
    ["feat(api)!: drop v1", "feat", "api", "drop v1", true],
    ["feat!: redo", "feat", null, "redo", true],
    ["FEAT: upper", "feat", null, "upper", false],
    ["feat:add x", "feat", null, "add x", false],
    ["feat(api/v2): z", "feat", "api/v2", "z", false],
    ["feat(a, b): several scopes", "feat", "a, b", "several scopes", false],
    ["feat(): empty scope", "feat", null, "empty scope", false],
    ["feat2: x", "feat2", null, "x", false],
    ["build-deps: y", "build-deps", null, "y", false],
  ])("%s → type %s, scope %s", (subject, type, scope, description, breaking) => {
    const p = parseCommit(subject);
    expect([p.type, p.scope, p.description, p.breaking]).toEqual([type, scope, description, breaking]);
  });

  it.each([
    "Updated readme",
    "WIP",
    "feat : spaced",
    "feat(x: unbalanced",
    "",
    ": nothing",
    "1feat: digit first",
  ])("%j is unconventional", (subject) => {
    const p = parseCommit(subject);
    expect(p.type).toBeNull();
    expect(p.description).toBe(subject.trim());
  });
});

describe("breaking changes", () => {
  it.each([
    ["fix: x\n\nBREAKING CHANGE: y", true, "y"],
    ["fix: x\n\nBREAKING-CHANGE: the config\nformat changed\n\nother", true, "the config format changed"],
    ["fix: x\n\nbreaking change: y", false, null],
    ["fix: x\n\nthis is not a BREAKING CHANGE: y", false, null],
    ["fix: BREAKING CHANGE: in subject", false, null],
    ["feat!: x\n\nBREAKING CHANGE: why", true, "why"],
    ["feat!: x", true, null],
    ["Rework storage\n\nBREAKING CHANGE: new format", true, "new format"],
    ["Rework storage\n\nnot a BREAKING CHANGE: here", false, null],
    [
      "feat: x\n\nBREAKING CHANGE: config format\nchanged\nReviewed-by: Z <z@example.org>\nSigned-off-by: A <a@example.org>",
      true,
      "config format changed",
    ],
    ["fix: x\n\nRefs #12\nBREAKING CHANGE: drops py3.8\nRefs #13", true, "drops py3.8"],
    ["fix: x\n\nBREAKING CHANGE: see the notes: they say why", true, "see the notes: they say why"],
  ])("%j → breaking %s", (message, breaking, description) => {
    const p = parseCommit(message);
    expect(p.breaking).toBe(breaking);
    expect(p.breakingDescription).toBe(description);
  });
});

describe("pull request numbers", () => {
  it("takes a trailing (#N) and removes it from the description", () => {
    const p = parseCommit("feat: add export (#12)");
    expect([p.pr, p.description, p.subject]).toEqual([12, "add export", "feat: add export (#12)"]);
  });
  it("reads merge subjects and GitLab merge request lines", () => {
    expect(parseCommit("Merge pull request #5 from acme/feature").pr).toBe(5);
    expect(parseCommit("feat: x\n\nSee merge request group/demo!42").pr).toBe(42);
  });
});

describe("reverts and Gitmoji", () => {
  it('reads Revert "feat: x" as a revert', () => {
    const p = parseCommit('Revert "feat: x"');
    expect([p.type, p.description]).toEqual(["revert", "feat: x"]);
  });
  it.each([
    ["✨ add dark mode", "feat", false],
    [":sparkles: add dark mode", "feat", false],
    [":bug: fix entry point", "fix", false],
    ["🐛 fix", "fix", false],
    [":boom: redo", "breaking", true],
    ["⚡️ faster", "perf", false],
    ["♻️ tidy", "refactor", false],
    [":memo: docs", "docs", false],
  ])("%s → %s", (subject, type, breaking) => {
    const p = parseCommit(subject);
    expect([p.type, p.breaking]).toEqual([type, breaking]);
  });
  it("reads reverts and Gitmoji without the conventional fallback, but not conventional headers", () => {
    const noFallback = { ...DEFAULT_PARSE_OPTIONS, useConventionalFallback: false };
    expect(parseCommit('Revert "feat: x"', noFallback)).toMatchObject({
      type: "revert",
      description: "feat: x",
    });
    expect(parseCommit(":bug: fix entry point", noFallback)).toMatchObject({
      type: "fix",
      description: "fix entry point",
    });
    expect(parseCommit("fix: y", noFallback).type).toBeNull();
  });
  it("ignores Gitmoji when disabled", () => {
    const p = parseCommit("✨ add", {
      parsers: [],
      useConventionalFallback: true,
      gitmoji: false,
      breakingPattern: null,
    });
    expect(p.type).toBeNull();
  });
});

describe("custom parsers", () => {
  const parser = {
    pattern: /^:sparkles:\s*(?<description>.+)$/,
    type: "feat",
    group: "✨ Features",
    scopeGroup: null,
    descriptionGroup: "description",
    breaking: false,
  };
  it("are tried before the conventional fallback", () => {
    const p = parseCommit(":sparkles: shiny", {
      parsers: [parser],
      useConventionalFallback: true,
      gitmoji: true,
      breakingPattern: null,
    });
    expect([p.type, p.description, p.group]).toEqual(["feat", "shiny", "✨ Features"]);
  });
  it("leave non-matching commits unconventional without the fallback", () => {
    const p = parseCommit("fix: y", {
      parsers: [parser],
      useConventionalFallback: false,
      gitmoji: true,
      breakingPattern: null,
    });
    expect(p.type).toBeNull();
  });
});

describe("squash bodies", () => {
  const known = (t: string) => ["feat", "fix", "docs"].includes(t);
  it("split bullets that parse as conventional headers into parts", () => {
    expect(splitSquashBody("* feat: a\n  more about a\n* fix: b\n- docs(x): c\nResolves: #1", known)).toEqual(
      [
        { subject: "feat: a", body: "more about a" },
        { subject: "fix: b", body: "" },
        { subject: "docs(x): c", body: "Resolves: #1" },
      ],
    );
    expect(splitSquashBody("just prose\n* not a header\nNote: prose", known)).toEqual([]);
    // A bullet is a squashed commit whatever its type; a bare line of an unknown type is a trailer or prose.
    expect(splitSquashBody("* wip: a\nResolves: #3\nwip: prose", known)).toEqual([
      { subject: "wip: a", body: "Resolves: #3\nwip: prose" },
    ]);
  });
});

describe("robustness", () => {
  it("never throws and always keeps a description, whatever the message", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (message) => {
        const p = parseCommit(message);
        expect(typeof p.description).toBe("string");
        expect(typeof p.subject).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
  it("copes with a 10,000-line body", () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `line ${i} BREAKING CHANGE: not at start`).join(
      "\n",
    );
    const p = parseCommit(`feat: big\n\n${body}\nBREAKING CHANGE: at start`);
    expect(p.breaking).toBe(true);
    expect(p.breakingDescription).toBe("at start");
  });
});
