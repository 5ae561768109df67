/** Repository-level questions answered through the git CLI. */
import { ReleasioError } from "../../core/errors.js";
import { redactUrlCredentials } from "../../core/text/redact.js";
import { type GitResult, GitRunner, gitFailure } from "./run-git.js";

export async function openRepository(
  cwd: string,
  env: Record<string, string | undefined>,
  trace: ((l: string) => void) | null = null,
) {
  const probe = new GitRunner(cwd, env, trace);
  const args = ["rev-parse", "--show-toplevel"];
  const top = await probe.run(args, { okCodes: [128] });
  if (top.code !== 0) throw await repositoryRefused(probe, args, top);
  return new GitRunner(top.stdout.trim(), env, trace);
}

/**
 * Why git would not open the repository at `cwd`. Only git's "not a git repository" answer means there is none
 * (E_NOT_A_REPO); git refusing one that is there (dubious ownership, a broken configuration, a bare repository)
 * is E_GIT with git's own words.
 */
export async function repositoryRefused(
  probe: GitRunner,
  args: readonly string[],
  result: GitResult,
): Promise<ReleasioError> {
  const { cwd } = probe;
  const { stderr } = result;
  if (/^fatal: not a git repository/m.test(stderr)) {
    return new ReleasioError("E_NOT_A_REPO", `${cwd} is not inside a git repository`, {
      hint: "run 'git init' or pass the project path",
    });
  }
  if (/detected dubious ownership/.test(stderr)) {
    // The repository belongs to another user (a CI container's checkout, typically): git names the way out.
    const path = /git config --global --add safe\.directory (.+)$/m.exec(stderr)?.[1]?.trim() ?? cwd;
    const failure = gitFailure(args, result);
    return new ReleasioError("E_GIT", failure.message, {
      hint: `if you trust the repository, run 'git config --global --add safe.directory ${path}'`,
      details: failure.details,
    });
  }
  if (/must be run in a work tree/.test(stderr)) {
    return new ReleasioError(
      "E_GIT",
      `${cwd} is a bare repository (or inside one): releasio needs a working tree with the project's files`,
      { hint: "run releasio in a clone with a working tree ('git clone <repository> <dir>')" },
    );
  }
  return probe.failure(args, result);
}

/**
 * Files with uncommitted changes (staged, unstaged, or untracked and not ignored), each once: a path can be listed
 * twice (`git rm --cached a`: deleted from the index and untracked).
 */
export async function dirtyFiles(git: GitRunner): Promise<string[]> {
  const out = await git.text(["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const files = new Set<string>();
  const items = out.split("\0");
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.length < 4) continue;
    files.add(item.slice(3));
    if (item[0] === "R" || item[0] === "C") i++; // renames carry the old path as the next item
  }
  return [...files];
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
      // Whether a release tag is in the shallow history was not asked: the full history is fetched either way.
      `the clone is shallow and fetching its full history and tags from ${redactUrlCredentials(remote)} failed: ${redactUrlCredentials(detail)}`,
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
 * shallow, the HEAD commit and the checked-out branch. The branch is HEAD's full ref name: `--abbrev-ref` would
 * shorten `refs/heads/main` to `heads/main` when a tag is also called `main`; with ambiguity warnings off, HEAD
 * itself is read first, so a branch called `HEAD` (`refs/heads/HEAD`) is a branch too.
 */
export async function probeRepository(
  cwd: string,
  env: Record<string, string | undefined>,
  trace: ((l: string) => void) | null = null,
): Promise<RepositoryProbe> {
  const probe = new GitRunner(cwd, env, trace);
  const args = [
    ...["-c", "core.warnAmbiguousRefs=false", "rev-parse", "--show-toplevel", "--is-shallow-repository"],
    ...["HEAD", "--symbolic-full-name", "HEAD"],
  ];
  const r = await probe.run(args, { okCodes: [128] });
  const [root, shallow, head, ref] = r.stdout.split("\n");
  if (!root) throw await repositoryRefused(probe, args, r);
  const git = new GitRunner(root, env, trace);
  if (r.code !== 0 || !head || !/^[0-9a-f]{40,64}$/.test(head)) throw await unbornHead(git);
  return {
    git,
    head,
    shallow: shallow === "true",
    branch: ref?.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : null,
  };
}

/** HEAD names no commit: the repository has none, or the checked-out branch has none yet (`--orphan`). */
async function unbornHead(git: GitRunner): Promise<ReleasioError> {
  const [ref, any] = await Promise.all([
    git.run(["symbolic-ref", "-q", "HEAD"], { okCodes: [1, 128] }),
    git.run(["rev-list", "-n", "1", "--all"], { okCodes: [128] }),
  ]);
  const branch = ref.code === 0 ? ref.stdout.trim().replace(/^refs\/heads\//, "") : "";
  // Where the repository is and the branch to be born: a diagnosis still checks what needs no commit.
  const details = { root: git.cwd, branch: branch === "" ? null : branch };
  if (branch !== "" && any.stdout.trim() !== "") {
    return new ReleasioError("E_EMPTY_REPO", `the branch '${branch}' has no commits yet`, {
      hint: "commit something first, or check out a branch that has commits",
      details,
    });
  }
  return new ReleasioError("E_EMPTY_REPO", "the repository has no commits yet", {
    hint: "commit something first",
    details,
  });
}
