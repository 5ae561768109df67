/**
 * A value of the wrong shape where a list belongs gets a hint whose fix is itself valid: a list of tables for
 * `commits.commit_parsers`, a list of strings elsewhere.
 */
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../../src/core/config/validate.js";
import { FILE, failure } from "./rejected.js";

/** The `key = value` the hint proposes, read as TOML under `table`, validated like a file. */
function proposedFixIsValid(hint: string, table: string): void {
  const assignment = /(\w+ = .*)$/.exec(hint)?.[1];
  expect(assignment, hint).toBeDefined();
  const doc = parse(`[${table}]\n${assignment}\n`);
  expect(() => validateConfig(doc, FILE)).not.toThrow();
}

describe("commits.commit_parsers of the wrong shape", () => {
  it.each([
    ["a string", "x", 'got "x"'],
    ["a number", 5, "got 5"],
    ["a boolean", true, "got true"],
  ])("%s: the hint shows a list of tables with the required keys", (_, value, got) => {
    const error = failure({ commits: { commit_parsers: value } });
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${FILE}: 'commits.commit_parsers' must be an array of tables; ${got}`);
    expect(error.hint).toBe(
      'a list of tables is expected: write commit_parsers = [{ pattern = "^docs", type = "docs" }]',
    );
    proposedFixIsValid(error.hint!, "commits");
  });

  it("a single table (written [commits.commit_parsers]) is told to use [[…]]", () => {
    const error = failure({ commits: { commit_parsers: { pattern: "^x", type: "x" } } });
    expect(error.message).toContain("must be an array of tables");
    expect(error.hint).toBe(
      'a list of tables is expected, even of one: write [[commits.commit_parsers]] instead of [commits.commit_parsers], or commit_parsers = [{ pattern = "^docs", type = "docs" }]',
    );
    proposedFixIsValid(error.hint!, "commits");
  });

  it("an item that is not a table gets the table form", () => {
    const error = failure({ commits: { commit_parsers: ["x"] } });
    expect(error.message).toBe(`${FILE}: 'commits.commit_parsers[0]' must be a table; got "x"`);
    expect(error.hint).toBe('each item is a table: write { pattern = "^docs", type = "docs" }');
  });
});

describe("lists of strings", () => {
  it.each([
    ["commits", "types_minor", "feat"],
    ["release_pr", "labels", "release"],
    ["version", "version_files", "VERSION"],
  ])("%s.%s = %j: the hint wraps the value in a list", (table, key, value) => {
    const error = failure({ [table]: { [key]: value } });
    expect(error.hint).toBe(
      `a list is expected, even of one item: write ${key} = [${JSON.stringify(value)}]`,
    );
    proposedFixIsValid(error.hint!, table);
  });

  it("a long value is not repeated in the hint", () => {
    const error = failure({ commits: { types_minor: "f".repeat(10_000) } });
    expect(error.hint).toBe('a list is expected, even of one item: write types_minor = ["…"]');
  });
});
