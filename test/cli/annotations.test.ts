/** §3.4: inside GitHub Actions, errors are also workflow annotations, in human and --json output alike. */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

const actions = cleanEnv({ GITHUB_ACTIONS: "true" });
const errorLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("::error"));

describe("error annotations inside GitHub Actions", () => {
  it("a usage error with --json: the JSON alone on stdout, the annotation on stderr", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["check", "--bogus", "--json"], actions);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: "E_USAGE" });
    expect(errorLines(r.stderr)).toEqual([
      "::error title=E_USAGE::unknown option '--bogus' for 'check' (run 'releasio check --help')",
    ]);
    expect(errorLines(r.stdout)).toEqual([]);
  });

  it("an invalid PR title is an error annotation, with --json too", async () => {
    const repo = f0();
    for (const json of [[], ["--json"]]) {
      const r = await releasio(repo.dir, ["check-pr", "--title", "Add export", ...json], actions);
      expect(r.code).toBe(1);
      const lines = errorLines(r.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^::error title=E_PR_TITLE_INVALID::/);
    }
  });

  it("each failing doctor check is an error annotation named by its id", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["doctor", "--json"], { ...actions, PATH: "/nonexistent" });
    const failing = (r.json.checks as { id: string; status: string }[]).filter((c) => c.status === "fail");
    expect(failing.length).toBeGreaterThan(0);
    expect(errorLines(r.stderr).map((l) => /title=([^:]+)::/.exec(l)?.[1])).toEqual(failing.map((c) => c.id));
  });

  it("outside Actions there are none", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["check", "--bogus", "--json"], cleanEnv());
    expect(errorLines(r.stderr)).toEqual([]);
  });
});
