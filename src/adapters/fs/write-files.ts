/**
 * Writes a set of files as one change: each through a temporary file and a rename; if any write fails, the
 * files already written are restored to their original content (or removed when they did not exist).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export interface FileWrite {
  /** Relative to the root. */
  path: string;
  content: string;
  /** The content before the change; null when the file is new. */
  original: string | null;
}

function atomicWrite(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.releasio-${process.pid}.tmp`;
  writeFileSync(tmp, content, "utf8");
  renameSync(tmp, file);
}

export function writeFilesAtomically(root: string, writes: readonly FileWrite[]): void {
  const done: FileWrite[] = [];
  try {
    for (const w of writes) {
      atomicWrite(resolve(root, w.path), w.content);
      done.push(w);
    }
  } catch (error) {
    for (const w of done.reverse()) {
      if (w.original === null) rmSync(resolve(root, w.path), { force: true });
      else atomicWrite(resolve(root, w.path), w.original);
    }
    throw error;
  }
}
