/** The human `check` summary: its commit table at any length and with any characters. */
import { afterAll, describe, expect, it } from "vitest";
import { formatPlan } from "../../src/cli/format-plan.js";
import { colors } from "../../src/cli/style.js";
import type { CheckPayload, PublicCommit } from "../../src/commands/check.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

async function payload(...messages: string[]): Promise<CheckPayload> {
  const repo = f0();
  repo.commits(...messages);
  const run = await releasio(repo.dir, ["check", "--json"], cleanEnv());
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as CheckPayload;
}

/** The commit table's rows (the lines between the header row and the first blank line). */
function tableRows(text: string): string[] {
  const lines = text.split("\n");
  const head = lines.findIndex((l) => /^ {2}SHA +TYPE/.test(l));
  const end = lines.indexOf("", head);
  return lines.slice(head + 1, end);
}

describe("the commit table", () => {
  it("lists every commit of a range longer than a function call takes arguments", async () => {
    const p = await payload("fix: one");
    const one = p.commits[0] as PublicCommit;
    const many = 200_000;
    const commits = Array.from({ length: many }, (_, i) => ({
      ...one,
      short_sha: i.toString(16).padStart(7, "0"),
    }));
    const text = formatPlan({ ...p, commits }, false, colors(false));
    expect(text).toContain(`Commits: 1 in range (${many} entries), ${many} included, 0 ignored`);
    const rows = tableRows(text);
    expect(rows).toHaveLength(many);
    expect(rows[0]).toBe(`  0000000  fix${" ".repeat(10)}patch  one`);
    expect(rows.at(-1)).toBe(`  ${(many - 1).toString(16).padStart(7, "0")}  fix${" ".repeat(10)}patch  one`);
  });

  it("aligns its columns by characters: a scope outside the Basic Multilingual Plane is as wide as it looks", async () => {
    const p = await payload("feat(🚀): launch", "fix(io): read", "fix(𝒳𝒴): math");
    const rows = tableRows(formatPlan(p, false, colors(false)));
    expect(rows).toHaveLength(3);
    // The BUMP column starts at the same character in every row, whatever the width of the scopes in UTF-16.
    const bumpColumn = (row: string) => [...row.slice(0, row.search(/ (patch|minor) /) + 1)].length;
    expect(new Set(rows.map(bumpColumn)).size).toBe(1);
    expect(rows.find((r) => r.includes("launch"))).toMatch(
      /^ {2}[0-9a-f]{7} {2}feat {2}🚀 {6}minor {2}launch$/u,
    );
  });
});
