/**
 * One streamed `git log -z` pass: a fixed number of NUL-separated fields per commit. Commit messages cannot
 * contain NUL, so the split is exact and no commit is ever lost because of its content.
 */
import type { RawCommit } from "../../core/plan/types.js";
import { type GitRunner, gitFailure } from "./run-git.js";

// %m is `-` for boundary commits (with --boundary) and `>` otherwise.
const FIELDS = 7;
const EMPTY = Buffer.alloc(0);
const BOUNDARY_MARK = 0x2d; // "-"
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
    const child = git.spawnGit(args);
    const stderr: Buffer[] = [];
    let leftover: Buffer | null = null;
    let count = 0;
    let failed: unknown = null;
    let stopped = false;
    // The record being read: which field comes next, and the fields cut so far.
    let field = 0;
    let boundary = false;
    let sha = "";
    let parents = "";
    let name = "";
    let email = "";
    let date = "";

    const emit = (message: string) => {
      try {
        if (boundary) {
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
    // Each field is decoded on its own, so that it becomes a string of its own instead of a slice that would keep
    // a whole chunk of output alive. Hashes and dates are ASCII: decoded as Latin-1, which costs less than UTF-8.
    const take = (buf: Buffer, start: number, end: number) => {
      switch (field) {
        case 0:
          boundary = buf[start] === BOUNDARY_MARK;
          break;
        case 1:
          sha = buf.toString("latin1", start, end);
          break;
        case 2:
          parents = buf.toString("latin1", start, end);
          break;
        case 3:
          name = buf.toString("utf8", start, end);
          break;
        case 4:
          email = buf.toString("utf8", start, end);
          break;
        case 5:
          date = buf.toString("latin1", start, end);
          break;
        default:
          emit(buf.toString("utf8", start, end));
      }
      field = field === FIELDS - 1 ? 0 : field + 1;
    };
    // Fields are cut at NUL bytes: a NUL never occurs inside a UTF-8 sequence.
    const consume = (chunk: Buffer | null) => {
      if (stopped) return;
      const buf: Buffer = leftover && chunk ? Buffer.concat([leftover, chunk]) : (chunk ?? leftover ?? EMPTY);
      let start = 0;
      for (let nul = buf.indexOf(0, start); nul >= 0 && !stopped; nul = buf.indexOf(0, start)) {
        take(buf, start, nul);
        start = nul + 1;
      }
      leftover = start < buf.length ? buf.subarray(start) : null;
      // The last record ends with the output, not with a NUL.
      if (chunk === null && !stopped && (leftover !== null || field > 0)) take(buf, start, buf.length);
    };

    child.stdout.on("data", (b: Buffer) => consume(b));
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
 * Reads the plain chain of commits at the top of `base..head`: from `head` down, each commit that has exactly one
 * parent, until `base` or until the chain ends. git walks `head` and `base` together, newest first, so its output
 * starts at once (no range to work out before the first commit) and stops, at the latest, when git comes to `base`
 * by date. Resolves with where the chain ends: `base` when the whole range was read (`base` is then reachable),
 * else the first commit not read — a merge, a root, or `head` itself when `base` comes first by date. The commits
 * passed are then the top of the range exactly if `base` is reachable, and the rest of the range is `base..end`.
 */
export async function readChain(
  git: GitRunner,
  base: string,
  head: string,
  onCommit: (commit: RawCommit) => void,
): Promise<string> {
  let expected = head;
  // Until a merge, git has exactly two candidates to show next: the chain's next commit and `base`.
  await streamLog(git, [head, base], (c) => {
    if (c.sha !== expected || c.parents.length !== 1) return STOP;
    onCommit(c);
    expected = c.parents[0] as string;
    return expected === base ? STOP : null;
  });
  return expected;
}

export async function readLog(git: GitRunner, revs: readonly string[]): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  await streamLog(git, revs, (c) => out.push(c));
  return out;
}
