/** The `result` output within GitHub's 1 MB limit on an output. */
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { RESULT_LIMIT_BYTES, resultOutput } from "../../src/action/outputs.js";
import { changelogSchema, checkSchema } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

async function checkPayload() {
  const repo = f0();
  repo.commits("feat: add export", "fix: handle null");
  const run = await releasio(repo.dir, ["check", "--json"], cleanEnv());
  return v.parse(checkSchema, JSON.parse(run.stdout));
}

describe("resultOutput", () => {
  it("is the JSON object as it is when it fits", async () => {
    const payload = await checkPayload();
    expect(resultOutput(payload)).toEqual({ json: JSON.stringify(payload), truncated: null });
  });

  it("keeps the newest commits that fit, and says how many of them it holds", async () => {
    const payload = await checkPayload();
    const one = payload.commits[0]!;
    const commits = Array.from({ length: 20_000 }, (_, i) => ({ ...one, subject: `feat: feature ${i}` }));
    const { json, truncated } = resultOutput({ ...payload, commits });
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(RESULT_LIMIT_BYTES);
    const result = v.parse(checkSchema, JSON.parse(json));
    expect(result.commits.length).toBeGreaterThan(1000);
    expect(result.commits).toEqual(commits.slice(0, result.commits.length));
    // Nearly full: one more commit would not have fitted.
    expect(Buffer.byteLength(json) + Buffer.byteLength(JSON.stringify(one)) + 1).toBeGreaterThan(
      RESULT_LIMIT_BYTES - 200,
    );
    expect(result.changelog).toBe(payload.changelog);
    expect(truncated?.message).toBe(
      `the result output holds ${result.commits.length} of its 20000 commits: GitHub caps an output at 1 MB; the command's --json output in a step of its own holds all of it`,
    );
    expect(result.warnings.at(-1)).toEqual(truncated);
  });

  it("cuts a regenerated changelog between entries when it alone is too large", () => {
    const entries = Array.from(
      { length: 30_000 },
      (_, i) => `## [1.${i}.0] - 2026-01-01\n\n- change number ${i} "quoted" and \\ escaped`,
    );
    const payload = {
      schema: 1,
      command: "changelog",
      releasio_version: "0.1.0",
      ok: true,
      exit_code: 0,
      dry_run: true,
      warnings: [],
      error: null,
      path: "CHANGELOG.md",
      written: false,
      releases: [],
      content: `# Changelog\n\n${entries.join("\n\n")}\n`,
    };
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(RESULT_LIMIT_BYTES);
    const { json, truncated } = resultOutput(payload);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(RESULT_LIMIT_BYTES);
    const result = v.parse(changelogSchema, JSON.parse(json));
    const kept = result.content.slice(0, result.content.lastIndexOf("\n\n"));
    expect(payload.content.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(100_000);
    expect(
      result.content.endsWith("… cut to fit the result output; the command's --json output holds all of it."),
    ).toBe(true);
    expect(truncated?.message).toContain("the result output holds its changelog text cut between entries");
  });
});
