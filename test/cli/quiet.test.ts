/** §3.2: `-q` prints only warnings, errors and the final result line, for every command. */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

function demo() {
  const repo = f0();
  repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
  repo.commits("feat: add greeting", "fix: typo");
  return repo;
}

describe("-q: only warnings, errors and the final result line", () => {
  it("doctor -q prints the checks that warn or fail and the summary line, never an ok check", async () => {
    const repo = demo();
    const full = await releasio(repo.dir, ["doctor"], cleanEnv());
    const quiet = await releasio(repo.dir, ["doctor", "-q"], cleanEnv());
    expect(quiet.code).toBe(full.code);
    expect(full.stdout).toMatch(/^ok {3}git\.repository/m);
    expect(quiet.stdout).not.toMatch(/^ok /m);
    expect(quiet.stdout).not.toContain("Trusted publisher for");
    const lines = quiet.stdout.trimEnd().split("\n");
    const summary = full.stdout.trimEnd().split("\n").at(-1);
    expect(lines.at(-1)).toBe(summary);
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(WARN|FAIL) |^ {7}hint: /);
    expect(lines.some((l) => l.startsWith("WARN "))).toBe(true);
    expect(quiet.stdout.length).toBeLessThan(full.stdout.length);
  });

  it("release-pr -q (dry run) prints one line: what it would do, with the PR title", async () => {
    const repo = demo();
    const env = cleanEnv({ GITHUB_TOKEN: "ghp_test" });
    const full = await releasio(repo.dir, ["release-pr"], env);
    const quiet = await releasio(repo.dir, ["release-pr", "-q"], env);
    expect(quiet.code).toBe(full.code);
    expect(full.stdout.split("\n").length).toBeGreaterThan(3);
    expect(quiet.stdout).toMatch(/^DRY-RUN: would create the release PR \(.*1\.1\.0.*\)\n$/);
    for (const line of quiet.stderr.split("\n").filter((l) => l !== ""))
      expect(line).toMatch(/^(warning\[|error\[| {2}hint: |::)/);
  });

  it("check-pr -q prints the verdict; an invalid title adds its problems and the error", async () => {
    const repo = demo();
    const valid = await releasio(
      repo.dir,
      ["check-pr", "-q", "--title", "feat(api): add export"],
      cleanEnv(),
    );
    expect(valid.code).toBe(0);
    expect(valid.stdout).toBe("Valid PR title: feat(api): add export (bump: minor)\n");
    const full = await releasio(repo.dir, ["check-pr", "--title", "Add export"], cleanEnv());
    const invalid = await releasio(repo.dir, ["check-pr", "-q", "--title", "Add export"], cleanEnv());
    expect(invalid.code).toBe(1);
    expect(full.stdout).toContain("Expected format:");
    expect(invalid.stdout).not.toContain("Expected format:");
    expect(invalid.stdout).toMatch(/^Invalid PR title: Add export\n {2}- \[format\] /);
    expect(invalid.stderr).toMatch(/^error\[E_PR_TITLE_INVALID\]: /);
  });

  it("init -q prints one line: the files it would write, then those it wrote, then that it is configured", async () => {
    const repo = demo();
    const dry = await releasio(repo.dir, ["init", "--yes", "-q"], cleanEnv());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe(
      "DRY-RUN: would update pyproject.toml, would create .github/workflows/release.yml\n",
    );
    expect(dry.stderr).toBe("");
    const done = await releasio(repo.dir, ["init", "--yes", "-x", "-q"], cleanEnv());
    expect(done.stdout).toBe("updated pyproject.toml, created .github/workflows/release.yml\n");
    const again = await releasio(repo.dir, ["init", "--yes", "-q"], cleanEnv());
    expect(again.stdout).toBe("releasio is already configured in pyproject.toml\n");
  });

  it("do-release -q and release -q print the result lines without the journal of steps", async () => {
    const repo = demo();
    const env = cleanEnv({ RELEASIO_PUBLISH_ENABLED: "false", RELEASIO_RELEASE_ENABLED: "false" });
    const full = await releasio(repo.dir, ["do-release"], env);
    const quiet = await releasio(repo.dir, ["do-release", "-q"], env);
    expect(quiet.code).toBe(full.code);
    expect(full.stdout).toMatch(/^✓ preflight/m);
    expect(quiet.stdout).toBe("DRY-RUN: would release demo 1.1.0 (v1.1.0); pass --execute to release\n");
    const release = await releasio(repo.dir, ["release", "-q"], env);
    expect(release.stdout).not.toMatch(/preflight/);
    expect(release.stdout.trimEnd().split("\n")).toHaveLength(1);
  });
});
