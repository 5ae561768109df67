/**
 * Files of many revisions at once, through `git cat-file`: one process answers which blob each `rev:path` names,
 * and one streams the contents of the blobs asked for, each handed over as soon as it is read.
 */
import type { GitRunner } from "./run-git.js";

/**
 * The blob that each `rev:path` names, in the order asked; null where the path does not exist at that revision
 * (or names no file). One `git cat-file --batch-check` for all of them.
 */
export async function blobIds(
  git: GitRunner,
  specs: readonly { rev: string; path: string }[],
): Promise<(string | null)[]> {
  // A name with a line break cannot be asked for on cat-file's input, which is one name per line.
  const askable = specs.map(({ rev, path }) => (/[\r\n]/.test(rev + path) ? null : `${rev}:${path}`));
  const asked = askable.filter((name): name is string => name !== null);
  if (asked.length === 0) return specs.map(() => null);
  const out = await git.text(["cat-file", "--batch-check=%(objecttype) %(objectname)"], {
    input: `${asked.join("\n")}\n`,
  });
  // One line per name asked: `blob <oid>`, `tree <oid>`, or `<name> missing` (or `ambiguous`).
  const lines = out.split("\n");
  let next = 0;
  return askable.map((name) => {
    if (name === null) return null;
    const line = lines[next++] ?? "";
    return line.startsWith("blob ") && !line.endsWith(" missing") ? line.slice(5) : null;
  });
}

/**
 * Streams the contents of `oids` (blobs) through one `git cat-file --batch`, passing each to `onBlob` (decoded
 * as UTF-8) as soon as it has been read whole: only one blob is held at a time.
 */
export function readBlobs(
  git: GitRunner,
  oids: readonly string[],
  onBlob: (oid: string, content: string) => void,
): Promise<void> {
  if (oids.length === 0) return Promise.resolve();
  const args = ["cat-file", "--batch"];
  return new Promise((resolve, reject) => {
    const child = git.spawnGit(args, {}, `${oids.join("\n")}\n`);
    const stderr: Buffer[] = [];
    let pending: Buffer = Buffer.alloc(0);
    // The blob being read: its id and size, or null while a header line is expected.
    let current: { oid: string; size: number } | null = null;
    let failed: unknown = null;
    const consume = () => {
      for (;;) {
        if (current === null) {
          const eol = pending.indexOf(0x0a);
          if (eol < 0) return;
          const header = pending.toString("utf8", 0, eol).split(" ");
          pending = pending.subarray(eol + 1);
          // `<oid> blob <size>`; a name that is not a blob (`<oid> missing`) has no content to skip.
          if (header.length === 3) current = { oid: header[0]!, size: Number(header[2]) };
          continue;
        }
        // The content is followed by one line feed.
        if (pending.length < current.size + 1) return;
        const content = pending.toString("utf8", 0, current.size);
        pending = pending.subarray(current.size + 1);
        const { oid } = current;
        current = null;
        try {
          onBlob(oid, content);
        } catch (e) {
          failed ??= e;
        }
      }
    };
    child.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      consume();
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (failed) reject(failed);
      else if (code !== 0) {
        git
          .failure(args, { stdout: "", stderr: Buffer.concat(stderr).toString("utf8"), code: code ?? 1 })
          .then(reject, reject);
      } else resolve();
    });
  });
}
