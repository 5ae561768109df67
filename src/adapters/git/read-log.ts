/**
 * One streamed `git log -z` pass: a fixed number of NUL-separated fields per commit. Commit messages cannot
 * contain NUL, so the split is exact and no commit is ever lost because of its content.
 */
import type { RawCommit } from "../../core/plan/types.js";
import { type GitRunner, gitFailure } from "./run-git.js";

// %m is `-` for boundary commits (with --boundary) and `>` otherwise.
const FIELDS = 7;
const EMPTY = Buffer.alloc(0);
const FORMAT = "--format=%m%x00%H%x00%P%x00%an%x00%ae%x00%aI%x00%B";

export interface LogOptions {
  /**
   * Also report the boundary commits of a range `A..B` (the excluded parents of its oldest commits). For a
   * range `L..HEAD`, L is a boundary commit exactly when L is reachable from HEAD and not HEAD itself, which
   * answers reachability in the same pass.
   */
  onBoundary?: (sha: string) => void;
}

/**
 * What a commit consumer returns to end the walk early: git is stopped, its further output ignored, and the walk
 * resolves as if it had ended. Anything else goes on.
 */
export const STOP = "stop";

/**
 * Streams the commits of `revs` (e.g. ["v1.0.0..HEAD"] or ["HEAD"]), newest first, to `onCommit`, and resolves
 * with how many it passed.
 */
export function streamLog(
  git: GitRunner,
  revs: readonly string[],
  onCommit: (commit: RawCommit) => unknown,
  options: LogOptions = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ["log", "-z", FORMAT, ...(options.onBoundary ? ["--boundary"] : []), ...revs, "--"];
    // GIT_FLUSH=0: git writes its output in blocks instead of flushing after every commit, which on a pipe would
    // mean one write by git and one read by us per commit.
    const child = git.spawnGit(args, { GIT_FLUSH: "0" });
    const stderr: Buffer[] = [];
    let leftover: Buffer | null = null;
    let fields: string[] = [];
    let count = 0;
    let failed: unknown = null;
    let stopped = false;

    const emit = () => {
      const [mark, sha, parents, name, email, date, message] = fields as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      fields = [];
      try {
        if (mark === "-") {
          options.onBoundary?.(sha);
          return;
        }
        count++;
        const stop = onCommit({
          sha,
          parents: parents === "" ? [] : parents.split(" "),
          author: { name, email },
          date,
          message,
        });
        if (stop === STOP) {
          stopped = true;
          child.kill();
        }
      } catch (e) {
        failed ??= e;
      }
    };
    // Fields are cut at NUL bytes and decoded one by one: a NUL never occurs inside a UTF-8 sequence, and each
    // field becomes a string of its own instead of a slice that would keep a whole chunk of output alive.
    const consume = (chunk: Buffer | null) => {
      const buf: Buffer = leftover && chunk ? Buffer.concat([leftover, chunk]) : (chunk ?? leftover ?? EMPTY);
      let start = 0;
      for (let nul = buf.indexOf(0, start); nul >= 0 && !stopped; nul = buf.indexOf(0, start)) {
        fields.push(buf.toString("utf8", start, nul));
        start = nul + 1;
        if (fields.length === FIELDS) emit();
      }
      leftover = start < buf.length ? buf.subarray(start) : null;
      if (chunk === null) {
        if (leftover !== null || fields.length > 0) fields.push(leftover ? leftover.toString("utf8") : "");
        leftover = null;
        if (fields.length === FIELDS) emit();
      }
    };

    child.stdout.on("data", (b: Buffer) => {
      if (!stopped) consume(b);
    });
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (stopped) {
        if (failed) reject(failed);
        else resolve(count);
        return;
      }
      consume(null);
      if (code !== 0) {
        reject(
          gitFailure(args, { stdout: "", stderr: Buffer.concat(stderr).toString("utf8"), code: code ?? 1 }),
        );
      } else if (failed) reject(failed);
      else resolve(count);
    });
  });
}

/**
 * Reads `base..head` when it is a plain chain: from `head` down, every commit has exactly one parent, until
 * `base`. git walks `head` and `base` together, newest first, so its output starts at once (no range to work
 * out before the first commit) and stops, at the latest, when git comes to `base` by date. Resolves false, having
 * passed some commits, as soon as the history is not such a chain (a merge, a root, or `base` met out of order):
 * the caller drops those and reads the range the general way.
 */
export async function readChain(
  git: GitRunner,
  base: string,
  head: string,
  onCommit: (commit: RawCommit) => void,
): Promise<boolean> {
  let expected = head;
  let reached = false;
  // Until a merge, git has exactly two candidates to show next: the chain's next commit and `base`.
  await streamLog(git, [head, base], (c) => {
    if (c.sha !== expected || c.parents.length !== 1) return STOP;
    onCommit(c);
    expected = c.parents[0] as string;
    reached = expected === base;
    return reached ? STOP : null;
  });
  return reached;
}

export async function readLog(git: GitRunner, revs: readonly string[]): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  await streamLog(git, revs, (c) => out.push(c));
  return out;
}
