/**
 * One streamed `git log -z` pass: a fixed number of NUL-separated fields per commit. Commit messages cannot
 * contain NUL, so the split is exact and no commit is ever lost because of its content.
 */
import type { RawCommit } from "../../core/plan/types.js";
import type { GitRunner } from "./run-git.js";

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
        git
          .failure(args, { stdout: "", stderr: Buffer.concat(stderr).toString("utf8"), code: code ?? 1 })
          .then(reject, reject);
      } else if (failed) reject(failed);
      else resolve(count);
    });
  });
}

/** Where a walk down the plain chain ended, and the commits it read that turned out to lie outside the range. */
export interface ChainEnd {
  /** `base` when the whole range was read (`base` is then reachable), else the first commit not read. */
  end: string;
  /** Commits read before `base` was known, at or below it: not in the range. */
  outside: RawCommit[];
}

/**
 * A walk down the plain chain of commits from `head`: each commit that has exactly one parent, newest first. It may
 * start before the range's base is known (while the tags are still being listed) and read ahead; `readTo` then
 * names the base, `cancel` stops it.
 */
export interface ChainWalk {
  /**
   * The plain chain at the top of `base..head`: passes its commits to `onCommit` until `base` or until the chain
   * ends. The commits passed are then the top of the range exactly if `base` is reachable, and the rest of the
   * range is `base..end`.
   */
  readTo(base: string, onCommit: (commit: RawCommit) => void): Promise<ChainEnd>;
  /** Stops the walk; resolves with the commits it read that `readTo` has not taken (all of them before it). */
  cancel(): Promise<RawCommit[]>;
}

/**
 * Starts a chain walk from `head`; `onRead` sees each commit as soon as it is read (e.g. to parse its message while
 * git goes on). With `base` known, git walks `head` and `base` together, newest first, so that it stops, at the
 * latest, when it comes to `base` by date. A walk started without it reads on until `readTo` names the base; if it
 * has neither met the base nor ended by then, it goes on from where it is as a walk that knows the base.
 */
export function startChainWalk(
  git: GitRunner,
  head: string,
  onRead: (commit: RawCommit) => void,
  base: string | null = null,
): ChainWalk {
  const read: RawCommit[] = [];
  let expected = head;
  let pass: ((commit: RawCommit) => void) | null = null;
  let cancelled = false;
  let finished = false;
  // Until a merge, git has exactly two candidates to show next: the chain's next commit and `base`.
  const walk = streamLog(git, base ? [head, base] : [head], (c) => {
    if (cancelled || c.sha !== expected || c.parents.length !== 1) return STOP;
    onRead(c);
    if (pass) pass(c);
    else read.push(c);
    expected = c.parents[0] as string;
    return expected === base ? STOP : null;
  });
  walk.then(
    () => {
      finished = true;
    },
    () => {},
  );
  const stop = async () => {
    cancelled = true;
    await walk.catch(() => 0);
  };
  return {
    async readTo(target, onCommit) {
      // What was read ahead is the caller's from here on: passed on, or handed back as outside the range.
      const ahead = read.splice(0);
      const at = ahead.findIndex((c) => c.sha === target);
      if (at >= 0) {
        await stop();
        for (const c of ahead.slice(0, at)) onCommit(c);
        return { end: target, outside: ahead.slice(at) };
      }
      for (const c of ahead) onCommit(c);
      if (base === target || finished) {
        pass = onCommit;
        await walk;
        return { end: expected, outside: [] };
      }
      if (expected === target) {
        await stop();
        return { end: target, outside: [] };
      }
      // Read on with the base in git's walk, so that a base off the chain does not let it run to the root.
      await stop();
      return startChainWalk(git, expected, onRead, target).readTo(target, onCommit);
    },
    async cancel() {
      await stop();
      return read;
    },
  };
}

export async function readLog(git: GitRunner, revs: readonly string[]): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  await streamLog(git, revs, (c) => out.push(c));
  return out;
}
