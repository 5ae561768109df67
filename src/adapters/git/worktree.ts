/**
 * A temporary detached worktree: release-pr analyses and commits the release on the remote base without touching
 * the user's working tree, index or branches. The worktree is always removed, also when the work fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitRunner } from "./run-git.js";

export interface Worktree {
  /** The worktree's directory (the repository root inside it). */
  dir: string;
  git: GitRunner;
}

/** Runs `work` in a detached worktree at `rev` and removes the worktree afterwards, whatever happens. */
export async function withDetachedWorktree<T>(
  git: GitRunner,
  rev: string,
  work: (worktree: Worktree) => Promise<T>,
): Promise<T> {
  const parent = mkdtempSync(join(tmpdir(), "releasio-worktree-"));
  const dir = join(parent, "tree");
  try {
    await git.run(["worktree", "add", "--detach", "--quiet", dir, rev]);
    return await work({ dir, git: new GitRunner(dir, git.env, git.trace) });
  } finally {
    await git.run(["worktree", "remove", "--force", dir], { okCodes: [128] }).catch(() => {});
    rmSync(parent, { recursive: true, force: true });
    // Drops the administrative entry when `worktree remove` could not (e.g. the directory was already gone).
    await git.run(["worktree", "prune"], { okCodes: [128] }).catch(() => {});
  }
}

/** The committer identity CI runners lack: the repository's own is used whenever one is configured. */
async function fallbackIdentity(git: GitRunner): Promise<string[]> {
  const email = await git.run(["config", "user.email"], { okCodes: [1] });
  if (email.stdout.trim() !== "") return [];
  const bot = git.env.GITHUB_ACTIONS === "true";
  const name = bot ? "github-actions[bot]" : "releasio";
  const mail = bot ? "41898282+github-actions[bot]@users.noreply.github.com" : "releasio@localhost";
  return ["-c", `user.name=${name}`, "-c", `user.email=${mail}`];
}

export interface CommitResult {
  sha: string;
  tree: string;
}

/**
 * Commits `paths` (the files releasio wrote, new ones included) plus every tracked file changed since (hooks),
 * with `message`. Untracked files the hooks left behind are not added. The user's commit hooks are not run:
 * they belong to the user's checkout, not to a generated commit.
 */
export async function commitWorktree(
  worktree: Worktree,
  paths: readonly string[],
  message: string,
  options: { allowEmpty?: boolean; sign?: boolean } = {},
): Promise<CommitResult> {
  const { git } = worktree;
  if (paths.length > 0) await git.run(["add", "--", ...paths]);
  await git.run(["add", "-u"]);
  const identity = await fallbackIdentity(git);
  await git.run(
    [
      ...identity,
      "commit",
      "--quiet",
      "--no-verify",
      ...(options.allowEmpty ? ["--allow-empty"] : []),
      // `git.sign_commits`: sign with the user's git signing setup (gpg, ssh or x509).
      ...(options.sign ? ["-S"] : []),
      "-F",
      "-",
    ],
    { input: message.endsWith("\n") ? message : `${message}\n` },
  );
  const out = await git.text(["rev-parse", "HEAD", "HEAD^{tree}"]);
  const [sha, tree] = out.trim().split("\n");
  return { sha: sha!, tree: tree! };
}
