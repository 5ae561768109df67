/** Repository-level questions answered through the git CLI. */
import { ReleasioError } from "../../core/errors.js";
import { redactUrlCredentials } from "../../core/text/redact.js";
import { GitRunner } from "./run-git.js";

export async function openRepository(
  cwd: string,
  env: Record<string, string | undefined>,
  trace: ((l: string) => void) | null = null,
) {
  const probe = new GitRunner(cwd, env, trace);
  const top = await probe.run(["rev-parse", "--show-toplevel"], { okCodes: [128] });
  if (top.code !== 0) {
    throw new ReleasioError("E_NOT_A_REPO", `${cwd} is not inside a git repository`, {
      hint: "run 'git init' or pass the project path",
    });
  }
  return new GitRunner(top.stdout.trim(), env, trace);
}

/** Files with uncommitted changes (staged, unstaged, or untracked and not ignored). */
export async function dirtyFiles(git: GitRunner): Promise<string[]> {
  const out = await git.text(["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const files: string[] = [];
  const items = out.split("\0");
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.length < 4) continue;
    files.push(item.slice(3));
    if (item[0] === "R" || item[0] === "C") i++; // renames carry the old path as the next item
  }
  return files;
}

export async function trackedFiles(git: GitRunner): Promise<Set<string>> {
  const out = await git.text(["ls-files", "-z"]);
  return new Set(out.split("\0").filter((f) => f !== ""));
}

/** Every remote's fetch URL, by remote name, from one `git config` call. */
export async function remoteUrls(git: GitRunner): Promise<Map<string, string>> {
  const r = await git.run(["config", "--get-regexp", "^remote\\..*\\.url$"], { okCodes: [1] });
  const urls = new Map<string, string>();
  for (const line of r.stdout.split("\n")) {
    const m = /^remote\.(.+)\.url (.*)$/.exec(line);
    if (m && !urls.has(m[1]!)) urls.set(m[1]!, m[2]!);
  }
  return urls;
}

export async function isAncestor(git: GitRunner, ancestor: string, descendant: string): Promise<boolean> {
  const r = await git.run(["merge-base", "--is-ancestor", ancestor, descendant], { okCodes: [1] });
  return r.code === 0;
}

/** A file's content at a revision, or null when it does not exist there. */
export async function showFile(git: GitRunner, rev: string, path: string): Promise<string | null> {
  const r = await git.run(["show", `${rev}:${path}`], { okCodes: [128] });
  return r.code === 0 ? r.stdout : null;
}

/** Shallow clones are deepened once from the remote, tags included (§6.2 rule 5). */
export async function deepenShallowClone(git: GitRunner, remote: string): Promise<void> {
  const r = await git.run(["fetch", "--unshallow", "--tags", remote], { okCodes: [1, 128] });
  if (r.code !== 0) {
    const detail = r.stderr.trim().split("\n").slice(0, 2).join(" | ");
    throw new ReleasioError(
      "E_SHALLOW_CLONE",
      `the clone is shallow and no release tag is reachable; fetching more history failed: ${redactUrlCredentials(detail)}`,
      { hint: "use actions/checkout with fetch-depth: 0" },
    );
  }
}

export interface RepositoryProbe {
  git: GitRunner;
  head: string;
  shallow: boolean;
  /** The checked-out branch; null when HEAD is detached. */
  branch: string | null;
}

/**
 * One `rev-parse` answers the questions every command asks first: the repository root, whether the clone is
 * shallow, the HEAD commit and the checked-out branch.
 */
export async function probeRepository(
  cwd: string,
  env: Record<string, string | undefined>,
  trace: ((l: string) => void) | null = null,
): Promise<RepositoryProbe> {
  const probe = new GitRunner(cwd, env, trace);
  const r = await probe.run(
    ["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD", "--abbrev-ref", "HEAD"],
    {
      okCodes: [128],
    },
  );
  const [root, shallow, head, branch] = r.stdout.split("\n");
  if (!root) {
    throw new ReleasioError("E_NOT_A_REPO", `${cwd} is not inside a git repository`, {
      hint: "run 'git init' or pass the project path",
    });
  }
  if (r.code !== 0 || !head || !/^[0-9a-f]{40,64}$/.test(head)) {
    throw new ReleasioError("E_EMPTY_REPO", "the repository has no commits yet", {
      hint: "commit something first",
    });
  }
  return {
    git: new GitRunner(root, env, trace),
    head,
    shallow: shallow === "true",
    branch: branch && branch !== "HEAD" ? branch : null,
  };
}
