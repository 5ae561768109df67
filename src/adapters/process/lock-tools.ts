/**
 * Lock files (§6.16). uv.lock is refreshed with `uv lock` when uv is on PATH (otherwise the planner already
 * edited the project's own entries structurally); either way no third-party pin may change.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PackageState, RepositoryPlan } from "../../commands/plan-release.js";
import { parseLockVersions } from "../../core/changelog/dependencies.js";
import { ReleasioError } from "../../core/errors.js";
import { findExecutable } from "./find-executable.js";
import { runProcess } from "./run-process.js";

function changedPins(before: string, after: string, own: readonly string[]): string[] {
  const a = parseLockVersions("uv.lock", before);
  const b = parseLockVersions("uv.lock", after);
  const changes: string[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (own.includes(name)) continue;
    if (a.get(name) !== b.get(name))
      changes.push(`${name} ${a.get(name) ?? "(none)"} → ${b.get(name) ?? "(removed)"}`);
  }
  return changes;
}

/** Returns the lock files this step changed (relative paths). */
export async function refreshLockFiles(plan: RepositoryPlan, pkg: PackageState): Promise<string[]> {
  if (!plan.config.version.update_lock_file || !pkg.metadata) return [];
  const dir = pkg.plan.path === "." ? "" : `${pkg.plan.path}/`;
  const lockPath = `${dir}uv.lock`;
  const file = join(plan.root, lockPath);
  const uv = findExecutable("uv", plan.ctx.env);
  if (!uv || !existsSync(file)) return [];
  const original = plan.reader.read(lockPath) ?? readFileSync(file, "utf8");
  const result = await runProcess(uv, ["lock"], { cwd: join(plan.root, pkg.plan.path), env: plan.ctx.env });
  if (result.code !== 0) {
    writeFileSync(file, original);
    throw new ReleasioError(
      "E_LOCK_TOOL",
      `uv lock failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-5).join(" | ")}`,
    );
  }
  const refreshed = readFileSync(file, "utf8");
  const own = pkg.metadata.normalizedName ? [pkg.metadata.normalizedName] : [];
  const changes = changedPins(original, refreshed, own);
  if (changes.length > 0) {
    writeFileSync(file, original);
    throw new ReleasioError(
      "E_LOCK_PIN_CHANGED",
      `${lockPath}: refreshing changed pinned versions (${changes.slice(0, 5).join(", ")}); restored the original file`,
    );
  }
  return refreshed === original || pkg.edits.some((e) => e.path === lockPath) ? [] : [lockPath];
}
