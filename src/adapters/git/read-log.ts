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

/** Streams the commits of `revs` (e.g. ["v1.0.0..HEAD"] or ["HEAD"]), newest first, to `onCommit`. */
export function streamLog(
  git: GitRunner,
  revs: readonly string[],
  onCommit: (commit: RawCommit) => void,
  options: LogOptions = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const args = ["log", "-z", FORMAT, ...(options.onBoundary ? ["--boundary"] : []), ...revs, "--"];
    const child = git.spawnGit(args);
    const stderr: Buffer[] = [];
    let leftover: Buffer | null = null;
    let fields: string[] = [];
    let count = 0;
    let failed: unknown = null;

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
        onCommit({
          sha,
          parents: parents === "" ? [] : parents.split(" "),
          author: { name, email },
          date,
          message,
        });
      } catch (e) {
        failed ??= e;
      }
    };
    // Fields are cut at NUL bytes and decoded one by one: a NUL never occurs inside a UTF-8 sequence, and each
    // field becomes a string of its own instead of a slice that would keep a whole chunk of output alive.
    const consume = (chunk: Buffer | null) => {
      const buf: Buffer = leftover && chunk ? Buffer.concat([leftover, chunk]) : (chunk ?? leftover ?? EMPTY);
      let start = 0;
      for (let nul = buf.indexOf(0, start); nul >= 0; nul = buf.indexOf(0, start)) {
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

    child.stdout.on("data", (b: Buffer) => consume(b));
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
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

export async function readLog(git: GitRunner, revs: readonly string[]): Promise<RawCommit[]> {
  const out: RawCommit[] = [];
  await streamLog(git, revs, (c) => out.push(c));
  return out;
}
