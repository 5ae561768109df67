/**
 * Commit type names (the bump lists, excluded and extra types, parser types) and release PR labels: an empty name,
 * a type padded with whitespace or written with capitals, would silently match nothing, so it is E_CONFIG_INVALID with the fixed list.
 */
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../src/core/config/validate.js";
import type { ReleasioError } from "../../../src/core/errors.js";
import { FILE, problemsOf } from "./rejected.js";

/** The list the hint leaves, e.g. `…, leaving ["feat"]`. */
function leftList(hint: string | null): unknown {
  const m = /, leaving (\[.*\])$/.exec(hint ?? "");
  return m ? JSON.parse(m[1]!) : undefined;
}

describe("a bad name in a list is E_CONFIG_INVALID naming the item", () => {
  it.each([
    [
      "commits",
      "types_minor",
      ["feat "],
      0,
      "must not start or end with whitespace (a commit type never does)",
      'remove the whitespace around "feat"',
      ["feat"],
    ],
    ["commits", "types_minor", [""], 0, "must not be empty", "remove the empty type", []],
    [
      "commits",
      "types_minor",
      ["Feat", "fix"],
      0,
      "must be lower case (commit types are matched lower-cased: 'Feat:' is feat)",
      'write "feat"',
      ["feat", "fix"],
    ],
    ["changelog", "exclude_types", ["CHORE"], 0, "must be lower case", 'write "chore"', ["chore"]],
    [
      "check_pr",
      "extra_types",
      ["my type"],
      0,
      "must be one word (a commit type has no spaces)",
      'write "my-type"',
      ["my-type"],
    ],
    [
      "commits",
      "types_major",
      ["\tbreaking"],
      0,
      "must not start or end",
      'remove the whitespace around "breaking"',
      ["breaking"],
    ],
    ["commits", "types_patch", ["fix", " "], 1, "must not be blank", "remove the empty type", ["fix"]],
    [
      "changelog",
      "exclude_types",
      ["chore\n"],
      0,
      "must not start or end",
      'remove the whitespace around "chore"',
      ["chore"],
    ],
    ["check_pr", "extra_types", ["wip", ""], 1, "must not be empty", "remove the empty type", ["wip"]],
    ["release_pr", "labels", [""], 0, "must not be empty", "remove the empty label", []],
    [
      "release_pr",
      "labels",
      ["release", "  "],
      1,
      "must not be blank",
      "remove the empty label",
      ["release"],
    ],
    [
      "release_pr",
      "labels",
      [" release"],
      0,
      "must not start or end with whitespace (a forge trims it)",
      'write "release"',
      ["release"],
    ],
    [
      "release_pr",
      "labels",
      ["release", "needs review, release"],
      1,
      "must not contain a comma (GitLab reads labels as a comma-separated list)",
      'write "needs review release"',
      ["release", "needs review release"],
    ],
    [
      "release_pr",
      "labels",
      ["automated release of this project made by the release bot"],
      0,
      "is 57 characters long; GitHub takes labels of at most 50",
      'write "automated release of this project made by the rele"',
      ["automated release of this project made by the rele"],
    ],
  ])("%s.%s = %j", (table, key, value, index, problem, fix, left) => {
    const [first] = problemsOf({ [table]: { [key]: value } });
    const dotted = `${table}.${key}[${index}]`;
    expect(first?.code).toBe("E_CONFIG_INVALID");
    expect(first?.key).toBe(dotted);
    expect(first?.message.startsWith(`${FILE}: '${dotted}' ${problem}`)).toBe(true);
    expect(first?.message.endsWith(`; got ${JSON.stringify(value[index])}`)).toBe(true);
    expect(first?.hint?.startsWith(fix)).toBe(true);
    expect(leftList(first?.hint ?? null)).toEqual(left);
    // The list the hint leaves is valid.
    expect(() => validateConfig({ [table]: { [key]: left } }, FILE)).not.toThrow();
  });

  it("reports every bad item of a list", () => {
    const problems = problemsOf({ commits: { types_minor: ["feat", "", " fix "] } });
    expect(problems.map((p) => p.key)).toEqual(["commits.types_minor[1]", "commits.types_minor[2]"]);
    for (const p of problems) expect(leftList(p.hint)).toEqual(["feat", "fix"]);
  });

  it("names the deprecated alias it was written as", () => {
    const [first] = problemsOf({ github: { release_pr_labels: [""] } });
    expect(first?.key).toBe("github.release_pr_labels[0]");
    expect(first?.message).toContain("must not be empty");
  });

  it("a custom parser's type must not be padded either", () => {
    const [first] = problemsOf({ commits: { commit_parsers: [{ pattern: "^docs", type: "docs " }] } });
    expect(first?.key).toBe("commits.commit_parsers[0].type");
    expect(first?.message).toBe(
      `${FILE}: 'commits.commit_parsers[0].type' must not start or end with whitespace (a commit type never does); got "docs "`,
    );
    expect(first?.hint).toBe('write type = "docs"');
  });

  it("a custom parser's type must be one word, as the bump lists' are", () => {
    const [first] = problemsOf({ commits: { commit_parsers: [{ pattern: "^docs", type: "my docs" }] } });
    expect(first?.message).toContain("must be one word");
    expect(first?.hint).toBe('write type = "my-docs"');
  });

  it("a custom parser's type must be lower case, as the bump lists' are", () => {
    const [first] = problemsOf({ commits: { commit_parsers: [{ pattern: "^docs", type: "Docs" }] } });
    expect(first?.key).toBe("commits.commit_parsers[0].type");
    expect(first?.message).toContain("must be lower case");
    expect(first?.hint).toBe('write type = "docs"');
  });

  it("is reported from the environment as E_CONFIG_ENV", () => {
    try {
      validateConfig({ commits: { types_minor: ["feat "] } }, FILE, {
        origins: { "commits.types_minor": "env:RELEASIO_COMMITS_TYPES_MINOR" },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as ReleasioError).code).toBe("E_CONFIG_ENV");
      expect((error as ReleasioError).message).toContain(
        "RELEASIO_COMMITS_TYPES_MINOR: 'commits.types_minor[0]'",
      );
    }
  });
});

describe("good names are accepted", () => {
  it.each([
    [{ commits: { types_minor: ["feat", "feature"], types_patch: ["fix"], types_major: ["breaking"] } }],
    [{ commits: { types_minor: [] } }],
    [{ changelog: { exclude_types: ["chore", "ci"] } }],
    [{ check_pr: { extra_types: ["wip"] } }],
    [{ release_pr: { labels: ["release", "needs review", "autorelease: pending"] } }],
    [{ release_pr: { labels: [] } }],
    [{ commits: { commit_parsers: [{ pattern: "^docs", type: "docs" }] } }],
  ])("%j", (raw) => {
    expect(() => validateConfig(raw, FILE)).not.toThrow();
  });
});
