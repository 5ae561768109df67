import { afterAll, describe, expect, it } from "vitest";
import { streamLog } from "../../../src/adapters/git/read-log.js";
import { GitRunner, gitFailure } from "../../../src/adapters/git/run-git.js";
import { rejected } from "../../support/caught.js";
import { cleanupRepos, f0, fakeGitDir } from "../../support/repo.js";

afterAll(cleanupRepos);

describe("a failing git command", () => {
  it("names the command and git's first lines, without blank ones", async () => {
    const repo = f0({ origin: false });
    const git = new GitRunner(repo.dir, process.env);
    const error = await rejected(git.run(["ls-remote", "origin", "refs/tags/v1.0.0"]));
    expect(error.code).toBe("E_GIT");
    expect(error.message).toMatch(
      /^git ls-remote origin refs\/tags\/v1\.0\.0 failed \(exit 128\): fatal: 'origin' does not appear to be a git repository \| fatal: Could not read from remote repository\. \| Please make sure/,
    );
    expect(error.message).not.toMatch(/\|\s*\|/);
    expect(error.message).not.toMatch(/\|\s*$/);
  });

  it("a missing remote gets the command that adds it", async () => {
    const repo = f0({ origin: false });
    const git = new GitRunner(repo.dir, process.env);
    const error = await rejected(git.run(["ls-remote", "upstream"]));
    expect(error.hint).toBe(
      "add the remote with 'git remote add upstream <url>', or set git.remote to one that exists",
    );
  });

  it("a path or URL that is not a repository gets no such hint, and its credentials are never shown", () => {
    const error = gitFailure(["ls-remote", "https://user:s3cret@example.invalid/x.git"], {
      stdout: "",
      stderr: "fatal: 'https://user:s3cret@example.invalid/x.git' does not appear to be a git repository\n",
      code: 128,
    });
    expect(error.hint).toBeNull();
    expect(error.message).not.toContain("s3cret");
  });
});

describe("a git older than releasio supports", () => {
  const onPath = (dir: string) => ({ ...process.env, PATH: `${dir}:${process.env.PATH ?? ""}` });

  it("is E_GIT_MISSING naming its version when a command fails, with git's words in the details", async () => {
    const repo = f0({ origin: false });
    const git = new GitRunner(repo.dir, onPath(fakeGitDir("2.20.1")));
    const error = await rejected(git.run(["status", "--porcelain"]));
    expect(error.code).toBe("E_GIT_MISSING");
    expect(error.message).toBe("git 2.20.1 is not usable; releasio needs git >= 2.25");
    expect(error.hint).toBe("upgrade git to 2.25 or later");
    expect(error.details).toMatchObject({ git_version: "2.20.1", exit_code: 129 });
    expect(String(error.details?.git_error)).toContain("error: unknown option");
  });

  it("is E_GIT_MISSING when a streamed log fails", async () => {
    const repo = f0({ origin: false });
    const git = new GitRunner(repo.dir, onPath(fakeGitDir("2.17.0")));
    const error = await rejected(streamLog(git, ["HEAD"], () => {}));
    expect(error.code).toBe("E_GIT_MISSING");
    expect(error.message).toContain("git 2.17.0 is not usable");
  });

  it("a supported git that fails is E_GIT with its own words", async () => {
    const repo = f0({ origin: false });
    const git = new GitRunner(repo.dir, onPath(fakeGitDir("2.43.0")));
    const error = await rejected(git.run(["status", "--porcelain"]));
    expect(error.code).toBe("E_GIT");
    expect(error.message).toContain("failed (exit 129): error: unknown option");
  });
});
