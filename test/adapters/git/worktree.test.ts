import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GitRunner } from "../../../src/adapters/git/run-git.js";
import { commitWorktree, withDetachedWorktree } from "../../../src/adapters/git/worktree.js";
import { cleanupRepos, f0 } from "../../support/repo.js";

afterAll(cleanupRepos);

function snapshot(repo: ReturnType<typeof f0>) {
  return {
    head: repo.head(),
    branch: repo.git("symbolic-ref", "--short", "HEAD").trim(),
    status: repo.status(),
    branches: repo.git("branch", "--list").trim(),
    index: repo.git("ls-files", "--stage"),
  };
}

describe("a detached worktree", () => {
  it("commits on the given base without touching the user's tree, index, HEAD or branches", async () => {
    const repo = f0();
    repo.commit("feat: local only");
    repo.write("dirty.txt", "untracked\n");
    const before = snapshot(repo);
    const git = new GitRunner(repo.dir, process.env);
    let dir = "";
    const result = await withDetachedWorktree(git, "refs/remotes/origin/main", async (wt) => {
      dir = wt.dir;
      expect((await wt.git.text(["rev-parse", "HEAD"])).trim()).toBe(
        repo.git("rev-parse", "origin/main").trim(),
      );
      writeFileSync(join(wt.dir, "pyproject.toml"), "changed\n");
      writeFileSync(join(wt.dir, "CHANGELOG.md"), "# Changelog\n");
      writeFileSync(join(wt.dir, "stray.txt"), "left untracked\n");
      return commitWorktree(wt, ["CHANGELOG.md"], "chore(release): prepare demo v1.1.0");
    });
    expect(snapshot(repo)).toEqual(before);
    expect(existsSync(dir)).toBe(false);
    expect(repo.git("worktree", "list").trim().split("\n")).toHaveLength(1);
    // The commit exists as an object only: base + one commit with releasio's files and the tracked change.
    expect(repo.git("rev-parse", `${result.sha}^`).trim()).toBe(repo.git("rev-parse", "origin/main").trim());
    expect(repo.git("log", "-1", "--format=%s%n%an <%ae>", result.sha).trim()).toBe(
      "chore(release): prepare demo v1.1.0\nTest User <test@example.org>",
    );
    expect(repo.git("show", "--name-only", "--format=", result.sha).trim().split("\n").sort()).toEqual([
      "CHANGELOG.md",
      "pyproject.toml",
    ]);
    expect(repo.git("rev-parse", `${result.sha}^{tree}`).trim()).toBe(result.tree);
  });

  it("is removed when the work fails", async () => {
    const repo = f0();
    const git = new GitRunner(repo.dir, process.env);
    let dir = "";
    await expect(
      withDetachedWorktree(git, "HEAD", async (wt) => {
        dir = wt.dir;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(existsSync(dir)).toBe(false);
    expect(repo.git("worktree", "list").trim().split("\n")).toHaveLength(1);
    expect(
      readdirSync(join(repo.dir, ".git")).includes("worktrees")
        ? readdirSync(join(repo.dir, ".git", "worktrees"))
        : [],
    ).toEqual([]);
  });

  it("commits with a fallback identity when the repository has none", async () => {
    const repo = f0();
    repo.git("config", "--unset", "user.name");
    repo.git("config", "--unset", "user.email");
    const env: Record<string, string | undefined> = {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GITHUB_ACTIONS: "true",
    };
    delete env.GIT_AUTHOR_NAME;
    delete env.GIT_AUTHOR_EMAIL;
    delete env.GIT_COMMITTER_NAME;
    delete env.GIT_COMMITTER_EMAIL;
    delete env.EMAIL;
    const git = new GitRunner(repo.dir, env);
    const { sha } = await withDetachedWorktree(git, "HEAD", async (wt) => {
      writeFileSync(join(wt.dir, "pyproject.toml"), "changed\n");
      return commitWorktree(wt, [], "chore(release): x");
    });
    expect(repo.git("log", "-1", "--format=%an", sha).trim()).toBe("github-actions[bot]");
  });
});
