/**
 * Lock files (§6.16). uv.lock is refreshed with `uv lock` when uv is on PATH (otherwise the planner already
 * edited the project's own entries structurally); either way no third-party pin may change.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ReleasioError } from "../../core/errors.js";
import { projectFile } from "../../core/project/files.js";
import { checkLockPins } from "../../edits/uv-lock.js";
import { findExecutable } from "./find-executable.js";
import { runProcess } from "./run-process.js";

export interface LockRefresh {
  /** Repository root, absolute. */
  root: string;
  /** Project path relative to the root ("." for the root). */
  projectPath: string;
  env: Record<string, string | undefined>;
  /** The project's own normalised name: its entry may change, no other may. */
  ownName: string | null;
  /** uv.lock as it was before releasio edited anything. */
  original: string | null;
  /** Whether the planned edits already rewrote uv.lock (structurally). */
  alreadyEdited: boolean;
}

/** Runs `uv lock` when uv is on PATH and the project has a uv.lock; returns the lock files it changed. */
export async function refreshLockFiles(r: LockRefresh): Promise<string[]> {
  const lockPath = projectFile(r.projectPath, "uv.lock");
  const file = join(r.root, lockPath);
  const uv = findExecutable("uv", r.env);
  if (!uv || !existsSync(file)) return [];
  const original = r.original ?? readFileSync(file, "utf8");
  const result = await runProcess(uv, ["lock"], { cwd: join(r.root, r.projectPath), env: r.env });
  if (result.code !== 0) {
    writeFileSync(file, original);
    throw new ReleasioError(
      "E_LOCK_TOOL",
      `uv lock failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-5).join(" | ")}`,
    );
  }
  const refreshed = readFileSync(file, "utf8");
  try {
    checkLockPins(original, refreshed, lockPath, r.ownName ? [r.ownName] : []);
  } catch (error) {
    writeFileSync(file, original);
    throw error;
  }
  return refreshed === original || r.alreadyEdited ? [] : [lockPath];
}
