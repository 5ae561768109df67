/** §3.4: inside GitHub Actions, errors and warnings are also workflow annotations, and secrets are masked. */
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

  it("each warning doctor check is a warning annotation named by its id", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["doctor", "--json"], { ...actions, PATH: "/nonexistent" });
    const warning = (r.json.checks as { id: string; status: string }[]).filter((c) => c.status === "warn");
    expect(warning.length).toBeGreaterThan(0);
    const titles = r.stderr
      .split("\n")
      .filter((l) => l.startsWith("::warning title="))
      .map((l) => /title=([^:]+)::/.exec(l)?.[1]);
    for (const c of warning) expect(titles).toContain(c.id);
  });

  it("doctor masks the forge token it reads before anything else is printed", async () => {
    const repo = f0();
    repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
    const token = "ghp_secretvalue1234567890";
    const r = await releasio(repo.dir, ["doctor"], { ...actions, GITHUB_TOKEN: token });
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(`::add-mask::${token}`);
    expect(`${r.stdout}${lines.slice(1).join("\n")}`).not.toContain(token);
  });

  it("outside Actions there are none", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["check", "--bogus", "--json"], cleanEnv());
    expect(errorLines(r.stderr)).toEqual([]);
  });
});
