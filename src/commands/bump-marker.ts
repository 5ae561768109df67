/**
 * Crash recovery of do-release's uncommitted bump (PRODUCT.md §8: a re-run after a failure at any point
 * converges). Between writing the version bump and committing it the work tree is dirty; a run killed there would
 * leave the re-run refusing the dirty tree. Before writing, do-release records in `.git/releasio-bump.json` the
 * commit it bumps and the sha256 of each file's new content (lock files refreshed afterwards are added once
 * written). A re-run at
 * the same HEAD puts back exactly the files whose content is still byte for byte what releasio wrote (anything
 * else — a user's edit, a post_bump hook's change, a write cut short — stays and the clean-tree check reports it),
 * then bumps afresh. The marker is removed once the release commit exists.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { GitRunner } from "../adapters/git/run-git.js";

interface Marker {
  head: string;
  /** path (relative to the repository root) → sha256 of the content releasio wrote; null until written. */
  files: Record<string, string | null>;
}

const NAME = "releasio-bump.json";

async function markerPath(git: GitRunner): Promise<string> {
  return join((await git.text(["rev-parse", "--absolute-git-dir"])).trim(), NAME);
}

const digest = (file: string) =>
  existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : null;

/** Before writing: the bumped commit and the digest of every file's content about to be written. */
export async function recordBumpStart(
  git: GitRunner,
  head: string,
  writes: readonly { path: string; content: string }[],
): Promise<void> {
  const files = Object.fromEntries(
    writes.map((w) => [w.path, createHash("sha256").update(w.content, "utf8").digest("hex")]),
  );
  const marker: Marker = { head, files };
  writeFileSync(await markerPath(git), `${JSON.stringify(marker)}\n`);
}

/** After writing: the digest of each written file's new content. */
export async function recordBumpWritten(
  git: GitRunner,
  root: string,
  paths: readonly string[],
): Promise<void> {
  const file = await markerPath(git);
  const marker = read(file);
  if (marker === null) return;
  for (const p of paths) marker.files[p] = digest(resolve(root, p));
  writeFileSync(file, `${JSON.stringify(marker)}\n`);
}

/** The release commit exists (or the bump was undone): nothing left to recover. */
export async function clearBumpMarker(git: GitRunner): Promise<void> {
  rmSync(await markerPath(git), { force: true });
}

/** The temporary files of an atomic write cut short (`<file>.releasio-<pid>.tmp`, see write-files.ts). */
function removeTemporaries(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) return;
  const prefix = `${basename(file)}.releasio-`;
  for (const name of readdirSync(dir))
    if (name.startsWith(prefix) && name.endsWith(".tmp")) rmSync(join(dir, name), { force: true });
}

function read(file: string): Marker | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Marker;
    return typeof parsed.head === "string" && parsed.files && typeof parsed.files === "object"
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/**
 * At the start of an executing do-release: undoes an interrupted run's bump where it is provably releasio's own
 * (same HEAD, content identical to what it wrote). Returns the files put back.
 */
export async function recoverInterruptedBump(git: GitRunner): Promise<string[]> {
  const inside = await git.run(["rev-parse", "--is-inside-work-tree"], { okCodes: [0, 128] });
  if (inside.code !== 0) return [];
  const file = await markerPath(git);
  const marker = read(file);
  if (marker === null) return [];
  const head = (
    await git.run(["rev-parse", "-q", "--verify", "HEAD"], { okCodes: [0, 1, 128] })
  ).stdout.trim();
  if (marker.head !== head) {
    // HEAD moved (the release commit was made, or the user committed): the marker no longer applies.
    rmSync(file, { force: true });
    return [];
  }
  const root = (await git.text(["rev-parse", "--show-toplevel"])).trim();
  const restored: string[] = [];
  for (const [path, written] of Object.entries(marker.files)) {
    removeTemporaries(resolve(root, path));
    if (written === null || digest(resolve(root, path)) !== written) continue;
    const tracked = await git.run(["cat-file", "-e", `HEAD:${path}`], { okCodes: [0, 1, 128] });
    await git.run(["reset", "-q", "HEAD", "--", path], { okCodes: [0, 1, 128] });
    if (tracked.code === 0) await git.run(["checkout", "HEAD", "--", path]);
    else rmSync(resolve(root, path), { force: true });
    restored.push(path);
  }
  rmSync(file, { force: true });
  return restored;
}
