/** The git-cliff changelog engine (§6.12): an installed git-cliff, never a silent fallback. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ReleasioError } from "../../core/errors.js";
import { projectFile } from "../../core/project/files.js";
import { findExecutable } from "./find-executable.js";
import { runProcess } from "./run-process.js";

export interface GitCliffRun {
  cwd: string;
  env: Record<string, string | undefined>;
  /** `changelog.cliff_config`; null = cliff.toml in the project path, else pyproject.toml with [tool.git-cliff]. */
  config: string | null;
  projectPath: string;
  /** The new tag; null when regenerating the whole changelog. */
  tag: string | null;
  /** `<previous tag>..<release commit>`, the release commit alone, or null for the whole history. */
  range: string | null;
  includePath: string | null;
}

function configFile(run: GitCliffRun): string | null {
  if (run.config) return run.config;
  const cliff = projectFile(run.projectPath, "cliff.toml");
  if (existsSync(join(run.cwd, cliff))) return cliff;
  const pyproject = projectFile(run.projectPath, "pyproject.toml");
  const pyprojectFile = join(run.cwd, pyproject);
  if (existsSync(pyprojectFile) && /^\[tool\.git-cliff/m.test(readFileSync(pyprojectFile, "utf8")))
    return pyproject;
  return null;
}

export function requireGitCliff(env: Record<string, string | undefined>): string {
  const exe = findExecutable("git-cliff", env);
  if (!exe) {
    throw new ReleasioError(
      "E_CLIFF_MISSING",
      "changelog.engine is 'git-cliff' but git-cliff was not found on PATH",
      {
        hint: 'install git-cliff >= 2.0 or set changelog.engine = "native"',
      },
    );
  }
  return exe;
}

export async function runGitCliff(run: GitCliffRun): Promise<string> {
  const exe = requireGitCliff(run.env);
  const args: string[] = [];
  const config = configFile(run);
  if (config) args.push("--config", config);
  if (run.tag) args.push("--tag", run.tag);
  args.push("--strip", "all");
  if (run.includePath) args.push("--include-path", `${run.includePath}/**`);
  if (run.range) args.push(run.range);
  const result = await runProcess(exe, args, { cwd: run.cwd, env: run.env });
  if (result.code !== 0) {
    throw new ReleasioError(
      "E_CLIFF_FAILED",
      `git-cliff failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-5).join(" | ")}`,
    );
  }
  return result.stdout.trim();
}
