import { describe, expect, it } from "vitest";
import { allowedTypes } from "../../../src/core/check-pr/allowed-types.js";
import { checkTitle, titleExamples } from "../../../src/core/check-pr/title-rules.js";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../../../src/core/config/schema.js";

function config(change: (c: ReleasioConfig) => void = () => {}): ReleasioConfig {
  const c = structuredClone(DEFAULT_CONFIG) as ReleasioConfig;
  change(c);
  return c;
}

const codes = (title: string, c = config(), requireScope = false) =>
  checkTitle(c, title, { requireScope }).problems.map((p) => p.code);

describe("a valid PR title", () => {
  it("is parsed into type, scope, breaking flag, description and bump (scenario 118)", () => {
    expect(checkTitle(config(), "feat(api)!: redesign")).toMatchObject({
      valid: true,
      type: "feat",
      scope: "api",
      breaking: true,
      description: "redesign",
      bump: "major",
      problems: [],
    });
  });

  it("accepts an upper-case type and reports it lower-cased", () => {
    expect(checkTitle(config(), "FEAT: upper")).toMatchObject({ valid: true, type: "feat", bump: "minor" });
  });

  it("is trimmed first", () => {
    expect(checkTitle(config(), "  fix: x  ")).toMatchObject({ title: "fix: x", valid: true, bump: "patch" });
  });

  it("implies the bump of the configured type tables", () => {
    expect(checkTitle(config(), "refactor: x").bump).toBe("none");
    const c = config((c) => {
      c.commits.types_major = ["epic"];
    });
    expect(checkTitle(c, "epic: x").bump).toBe("major");
  });
});

describe("the rules, in order (scenario 119)", () => {
  it("rejects an empty title and nothing else", () => {
    expect(codes("   ")).toEqual(["empty"]);
  });

  it("rejects a title without the conventional format", () => {
    expect(codes("Updated the code")).toEqual(["format"]);
    expect(codes("feat:add")).toEqual(["format"]);
    expect(codes("feat:  two spaces")).toEqual(["format"]);
    expect(codes("feat(): empty scope")).toEqual(["format"]);
  });

  it("rejects a title longer than check_pr.max_length", () => {
    expect(codes(`feat: ${"x".repeat(95)}`)).toEqual(["too-long"]);
    expect(codes(`feat: ${"x".repeat(94)}`)).toEqual([]);
    const c = config((c) => {
      c.check_pr.max_length = 10;
    });
    expect(codes("feat: abcde", c)).toEqual(["too-long"]);
  });

  it("reports every violation, the first one first", () => {
    expect(codes(`unknown: ${"x".repeat(100)}`)).toEqual(["too-long", "type"]);
  });

  it("rejects an unknown type and lists the allowed ones", () => {
    const verdict = checkTitle(config(), "unknown: x");
    expect(verdict.valid).toBe(false);
    expect(verdict.problems[0]!.message).toContain("feat, fix, docs");
  });
});

describe("scopes (scenario 120)", () => {
  it("requires a scope with --require-scope or check_pr.require_scope", () => {
    expect(codes("feat: x", config(), true)).toEqual(["scope-required"]);
    expect(codes("feat(api): x", config(), true)).toEqual([]);
    const c = config((c) => {
      c.check_pr.require_scope = true;
    });
    expect(codes("feat: x", c)).toEqual(["scope-required"]);
  });

  it("limits scopes to check_pr.allowed_scopes when set", () => {
    const c = config((c) => {
      c.check_pr.allowed_scopes = ["api"];
    });
    expect(codes("feat(cli): x", c)).toEqual(["scope"]);
    expect(codes("feat(api): x", c)).toEqual([]);
    expect(codes("feat: x", c)).toEqual([]);
  });
});

describe("allowed types (scenario 122)", () => {
  it("are the standard types by default", () => {
    expect(allowedTypes(config())).toEqual([
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
    ]);
  });

  it("include configured bump types, custom parser types and extra types", () => {
    const c = config((c) => {
      c.commits.types_patch = ["hotfix"];
      c.commits.commit_parsers = [
        {
          pattern: "^JIRA-\\d+",
          type: "ticket",
          group: null,
          scope_group: null,
          description_group: "description",
          breaking: false,
        } as unknown as ReleasioConfig["commits"]["commit_parsers"][number],
      ];
      c.check_pr.extra_types = ["Deps"];
    });
    expect(allowedTypes(c)).toEqual(expect.arrayContaining(["hotfix", "ticket", "deps"]));
    expect(checkTitle(c, "hotfix: x")).toMatchObject({ valid: true, bump: "patch" });
    expect(checkTitle(c, "ticket: x").valid).toBe(true);
    expect(checkTitle(c, "deps: bump x").valid).toBe(true);
  });
});

describe("examples", () => {
  it("are three titles that pass the configured rules", () => {
    for (const c of [
      config(),
      config((c) => {
        c.check_pr.allowed_scopes = ["cli"];
      }),
    ]) {
      const examples = titleExamples(c, { requireScope: true });
      expect(examples).toHaveLength(3);
      for (const e of examples) expect(checkTitle(c, e, { requireScope: true }).valid).toBe(true);
    }
  });
});
