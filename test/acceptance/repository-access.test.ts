/**
 * Opening the repository (PRODUCT.md §3.1, §3.3, §3.7, §6.2): the branch HEAD is on, what git refusing a repository
 * is reported as, the repository-location variables of the environment, offline shallow clones and unborn branches.
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliResult } from "../support/cli.js";
import { cleanupRepos, fakeGitDir, type TestRepo, tempDir } from "../support/repo.js";
import { env, errorCode, fixture, json, warningCodes } from "./helpers-b.js";

afterAll(cleanupRepos);

interface ErrorJson {
  error: { code: string; message: string; hint: string | null };
}
const errorOf = (r: CliResult) => (r.json as unknown as ErrorJson).error;
const planOf = (r: CliResult) =>
  r.json as unknown as {
    next_version: string | null;
    previous_tag: string | null;
    commits: { subject: string }[];
  };

/** F0 with a `feat:` commit since v1.0.0. */
function featRepo(): TestRepo {
  const repo = fixture();
  repo.commit("feat: new thing");
  return repo;
}

describe("the branch HEAD is on (§3.3)", () => {
  it("a tag with the branch's name does not turn main into heads/main", async () => {
    const repo = featRepo();
    repo.git("tag", "main", "HEAD~1");
    const result = await json(repo.dir, "update", ["update"]);
    expect(result.code).toBe(0);
    expect(warningCodes(result)).not.toContain("W_NOT_RELEASE_BRANCH");
    const executed = await json(repo.dir, "update", ["update", "-x"]);
    expect(executed.code).toBe(0);
  });

  it("a branch called HEAD is that branch, not a detached HEAD", async () => {
    const repo = featRepo();
    repo.git("update-ref", "refs/heads/HEAD", repo.git("rev-parse", "refs/heads/main").trim());
    repo.git("symbolic-ref", "HEAD", "refs/heads/HEAD");
    const result = await json(repo.dir, "update", ["update"]);
    const warning = (
      result.json as unknown as { warnings: { code: string; message: string }[] }
    ).warnings.find((w) => w.code === "W_NOT_RELEASE_BRANCH");
    expect(warning?.message).toContain("current branch is 'HEAD'");
    expect(warning?.message).not.toContain("detached");
  });
});

describe("git refusing the repository (§3.7)", () => {
  it("only git's 'not a git repository' is E_NOT_A_REPO", async () => {
    const result = await json(tempDir(), "check", ["check"]);
    expect(errorCode(result)).toBe("E_NOT_A_REPO");
  });

  it("a corrupt .git/config is E_GIT with git's words, not E_NOT_A_REPO", async () => {
    const repo = featRepo();
    writeFileSync(
      join(repo.dir, ".git/config"),
      `${readFileSync(join(repo.dir, ".git/config"), "utf8")}[[[\n`,
    );
    const result = await json(repo.dir, "check", ["check"]);
    expect(result.code).toBe(1);
    const error = errorOf(result);
    expect(error.code).toBe("E_GIT");
    expect(error.message).toMatch(/bad config line \d+ in file \.git\/config/);
    expect(error.hint ?? "").not.toContain("git init");
  });

  it("a bare repository says releasio needs a working tree", async () => {
    const repo = featRepo();
    const result = await json(repo.origin!, "check", ["check"]);
    expect(result.code).toBe(1);
    const error = errorOf(result);
    expect(error.code).toBe("E_GIT");
    expect(error.message).toContain("bare repository");
    expect(error.message).toContain("working tree");
    expect(error.hint ?? "").not.toContain("git init");
  });

  it("a git older than 2.25 is E_GIT_MISSING naming the version found, and nothing is written", async () => {
    const repo = featRepo();
    const before = readFileSync(join(repo.dir, "pyproject.toml"), "utf8");
    const path = `${fakeGitDir("2.20.1")}:${process.env.PATH ?? ""}`;
    const result = await json(repo.dir, "update", ["update", "--execute"], env({ PATH: path }));
    expect(result.code).toBe(1);
    const error = errorOf(result);
    expect(error.code).toBe("E_GIT_MISSING");
    expect(error.message).toBe("git 2.20.1 is not usable; releasio needs git >= 2.25");
    expect(error.hint).toBe("upgrade git to 2.25 or later");
    expect(readFileSync(join(repo.dir, "pyproject.toml"), "utf8")).toBe(before);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(
    "a repository of another user is E_GIT naming git config --add safe.directory",
    async () => {
      const repo = featRepo();
      const chownAll = (path: string): void => {
        chownSync(path, 12345, 12345);
        if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownAll(join(path, entry));
      };
      chownAll(repo.dir);
      const home = tempDir();
      const result = await json(repo.dir, "check", ["check"], env({ HOME: home, GIT_CONFIG_NOSYSTEM: "1" }));
      const error = errorOf(result);
      expect(error.code).toBe("E_GIT");
      expect(error.message).toContain("dubious ownership");
      expect(error.hint).toContain(`git config --global --add safe.directory ${repo.dir}`);
    },
  );
});

describe("the repository-location variables of the environment (§3.1)", () => {
  it("GIT_DIR and GIT_WORK_TREE of another repository do not change which history PATH's project is planned from", async () => {
    const repo = featRepo();
    const other = fixture({ origin: false });
    other.commit("feat!: drop everything");
    const outside = tempDir();
    const environment = env({
      GIT_DIR: join(other.dir, ".git"),
      GIT_WORK_TREE: other.dir,
      GIT_INDEX_FILE: join(other.dir, ".git/index"),
      GIT_CEILING_DIRECTORIES: outside,
    });
    const result = await json(outside, "update", ["update", repo.dir, "-x", "--allow-dirty"], environment);
    expect(result.code).toBe(0);
    expect(planOf(result).next_version).toBe("1.1.0");
    expect(readFileSync(join(repo.dir, "pyproject.toml"), "utf8")).toContain('version = "1.1.0"');
    expect(readFileSync(join(other.dir, "pyproject.toml"), "utf8")).toContain('version = "1.0.0"');
  });
});

describe("offline shallow clones (§3.2, §6.2)", () => {
  function shallowClone(build: (repo: TestRepo) => void): string {
    const repo = fixture();
    build(repo);
    repo.push();
    const dir = join(tempDir(), "clone");
    execFileSync("git", ["clone", "-q", "--depth", "2", `file://${repo.origin}`, dir]);
    return dir;
  }

  it("fetches nothing and fails with E_SHALLOW_CLONE when no release tag is in the clone", async () => {
    const dir = shallowClone((repo) => {
      for (let i = 1; i <= 5; i++) repo.commit(`fix: change ${i}`);
    });
    const depth = execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    const result = await json(dir, "check", ["check"], env({ RELEASIO_OFFLINE: "1" }));
    const error = errorOf(result);
    expect(error.code).toBe("E_SHALLOW_CLONE");
    expect(error.message).toBe(
      "the clone is shallow and no release tag is reachable from HEAD in it; --offline forbids fetching more history",
    );
    expect(error.hint).toContain("fetch-depth: 0");
    expect(error.hint).toContain("--offline");
    // Nothing was fetched: the clone is as shallow as it was.
    expect(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: dir, encoding: "utf8" }).trim()).toBe(
      depth,
    );
    expect(
      execFileSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: dir, encoding: "utf8" }),
    ).toBe("true\n");
  });

  it("--offline does the same without RELEASIO_OFFLINE", async () => {
    const dir = shallowClone((repo) => {
      for (let i = 1; i <= 5; i++) repo.commit(`fix: change ${i}`);
    });
    const result = await json(dir, "check", ["check", "--offline"], env({ RELEASIO_OFFLINE: undefined }));
    expect(errorCode(result)).toBe("E_SHALLOW_CLONE");
  });

  it("a pre-release tag without a final one is named as such", async () => {
    const dir = shallowClone((repo) => {
      for (let i = 1; i <= 3; i++) repo.commit(`fix: change ${i}`);
      repo.tag("v1.1.0rc1");
      repo.commit("fix: after the candidate");
    });
    const result = await json(dir, "check", ["check"]);
    const error = errorOf(result);
    expect(error.code).toBe("E_SHALLOW_CLONE");
    expect(error.message).toContain("only pre-release tags are reachable from HEAD in it (v1.1.0rc1)");
    expect(error.message).not.toContain("no release tag is reachable");
  });

  it("plans from a final release the shallow clone holds", async () => {
    const dir = shallowClone((repo) => {
      repo.commit("fix: before");
      repo.tag("v1.0.1");
      repo.commit("feat: after");
    });
    const result = await json(dir, "check", ["check"]);
    expect(result.code).toBe(0);
    expect(planOf(result).previous_tag).toBe("v1.0.1");
    expect(planOf(result).next_version).toBe("1.1.0");
    expect(warningCodes(result)).not.toContain("W_SHALLOW_DEEPENED");
  });

  it("doctor says an offline run fetches nothing", async () => {
    const dir = shallowClone((repo) => {
      repo.commit("fix: a");
    });
    const result = await json(dir, "doctor", ["doctor"]);
    const checks = (result.json as unknown as { checks: { id: string; message: string }[] }).checks;
    expect(checks.find((c) => c.id === "git.shallow")?.message).toContain("releasio fetches nothing");
  });

  it("online, an unreachable remote's message says the fetch failed, not that no tag is reachable", async () => {
    const dir = shallowClone((repo) => {
      repo.commit("fix: a");
      repo.tag("v1.1.0rc1");
      repo.commit("fix: b");
    });
    execFileSync("git", ["remote", "set-url", "origin", `file://${join(tempDir(), "gone.git")}`], {
      cwd: dir,
    });
    const result = await json(dir, "check", ["check"], env({ RELEASIO_OFFLINE: undefined }));
    const error = errorOf(result);
    expect(error.code).toBe("E_SHALLOW_CLONE");
    expect(error.message).toMatch(
      /^the clone is shallow and fetching its full history and tags from origin failed: /,
    );
  });
});

describe("an unborn branch (§3.7 E_EMPTY_REPO)", () => {
  it("in a repository with commits names the branch", async () => {
    const repo = featRepo();
    repo.git("checkout", "-q", "--orphan", "fresh");
    const result = await json(repo.dir, "check", ["check"]);
    const error = errorOf(result);
    expect(error.code).toBe("E_EMPTY_REPO");
    expect(error.message).toBe("the branch 'fresh' has no commits yet");
  });

  it("in a repository without commits says so", async () => {
    const dir = join(tempDir(), "empty");
    mkdirSync(dir);
    execFileSync("git", ["init", "-q", dir]);
    const result = await json(dir, "check", ["check"]);
    expect(errorOf(result).message).toBe("the repository has no commits yet");
  });
});
