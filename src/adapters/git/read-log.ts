/**
 * One streamed `git log -z` pass: a fixed number of NUL-separated fields per commit. Commit messages cannot
 * contain NUL, so the split is exact and no commit is ever lost because of its content.
 */
import { StringDecoder } from "node:string_decoder";
import type { RawCommit } from "../../core/plan/types.js";
import { type GitRunner, gitFailure } from "./run-git.js";

const FIELDS = 6;
const FORMAT = "--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%B";

/** Streams the commits of `revs` (e.g. ["v1.0.0..HEAD"] or ["HEAD"]), newest first, to `onCommit`. */
export function streamLog(
  git: GitRunner,
  revs: readonly string[],
  onCommit: (commit: RawCommit) => void,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = git.spawnGit(["log", "-z", FORMAT, ...revs, "--"]);
    const decoder = new StringDecoder("utf8");
    const stderr: Buffer[] = [];
    let pending = "";
    let fields: string[] = [];
    let count = 0;
    let failed: unknown = null;

    const emit = () => {
      const [sha, parents, name, email, date, message] = fields as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      fields = [];
      count++;
      try {
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
    const consume = (text: string, final: boolean) => {
      pending += text;
      let start = 0;
      for (let nul = pending.indexOf("\0", start); nul >= 0; nul = pending.indexOf("\0", start)) {
        // Between commits git -z also writes a NUL: a record's first field is then "\n"-free and follows it.
        fields.push(pending.slice(start, nul));
        start = nul + 1;
        if (fields.length === FIELDS) emit();
        else if (fields.length === 1 && fields[0] === "") fields = [];
      }
      pending = pending.slice(start);
      if (final && (pending !== "" || fields.length > 0)) {
        fields.push(pending);
        pending = "";
        if (fields.length === FIELDS) emit();
      }
    };

    child.stdout.on("data", (b: Buffer) => consume(decoder.write(b), false));
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      consume(decoder.end(), true);
      if (code !== 0) {
        reject(
          gitFailure(["log", ...revs], {
            stdout: "",
            stderr: Buffer.concat(stderr).toString("utf8"),
            code: code ?? 1,
          }),
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
