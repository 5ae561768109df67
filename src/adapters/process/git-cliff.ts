/** The git-cliff changelog engine (§6.12): an installed git-cliff ≥ 2.0, never a silent fallback. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ReleasioError, type Warning } from "../../core/errors.js";
import { projectFile } from "../../core/project/files.js";
import { findExecutable } from "./find-executable.js";
import { runProcess } from "./run-process.js";

/** Where a run's warnings go; the same object for the whole run, so it also tells runs apart. */
export interface GitCliffWarnings {
  add(warning: Warning): void;
}

export interface GitCliffRun {
  cwd: string;
  env: Record<string, string | undefined>;
  /** `changelog.cliff_config`; null = cliff.toml in the project path, else pyproject.toml with [tool.git-cliff]. */
  config: string | null;
  projectPath: string;
  /** The new tag; null when regenerating the whole changelog. */
  tag: string | null;
  /** `<previous tag>..<release commit>`, a commit alone (its whole history), or null for the whole history. */
  range: string | null;
  includePath: string | null;
  /** Tags whose commits git-cliff folds into the next tag's entry (`--ignore-tags`), e.g. skipped pre-releases. */
  ignoreTags?: readonly string[];
  /** The run's warnings: the built-in-default-config warning goes here. */
  warnings: GitCliffWarnings;
}

/** The oldest git-cliff whose command line releasio uses. */
const MIN_MAJOR = 2;

/** Files git-cliff finds on its own in its working directory when no `--config` is given. */
const DISCOVERED = ["cliff.toml", ".cliff.toml", ".config/cliff.toml"];

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

/** Whether git-cliff, given no `--config`, would still read a configuration of the user's (§5.5). */
function findsOwnConfig(run: GitCliffRun): boolean {
  if (run.env.GIT_CLIFF_CONFIG || run.env.GIT_CLIFF_CONFIG_URL) return true;
  return DISCOVERED.some((file) => existsSync(join(run.cwd, file)));
}

/** `git-cliff 2.14.2` → `2.14.2`; null for any other answer. */
export function parseGitCliffVersion(output: string): { text: string; major: number } | null {
  const match = /^git-cliff[ \t]+v?((\d+)\.\d+\S*)/m.exec(output);
  return match ? { text: match[1]!, major: Number(match[2]) } : null;
}

function missing(message: string): ReleasioError {
  return new ReleasioError("E_CLIFF_MISSING", message, {
    hint: 'install git-cliff >= 2.0 or set changelog.engine = "native"',
  });
}

/** The executable checked per run (keyed by the run's warning list), so `--version` is asked once. */
const checked = new WeakMap<GitCliffWarnings, Promise<string>>();

/**
 * The git-cliff on PATH, once its `--version` shows it is ≥ 2.0: absent or older is `E_CLIFF_MISSING`. Asked once
 * per run; an answer that names no version is not held against it (the run itself reports a broken program).
 */
export function requireGitCliff(run: Pick<GitCliffRun, "cwd" | "env" | "warnings">): Promise<string> {
  let found = checked.get(run.warnings);
  if (!found) {
    found = checkGitCliff(run.cwd, run.env);
    checked.set(run.warnings, found);
  }
  return found;
}

async function checkGitCliff(cwd: string, env: Record<string, string | undefined>): Promise<string> {
  const exe = findExecutable("git-cliff", env);
  if (!exe) throw missing("changelog.engine is 'git-cliff' but git-cliff was not found on PATH");
  const result = await runProcess(exe, ["--version"], { cwd, env });
  const version = result.code === 0 ? parseGitCliffVersion(result.stdout) : null;
  if (version && version.major < MIN_MAJOR) {
    throw missing(
      `changelog.engine is 'git-cliff' but the git-cliff on PATH (${exe}) is version ${version.text}; releasio needs git-cliff >= ${MIN_MAJOR}.0`,
    );
  }
  return exe;
}

/** A `--ignore-tags` pattern matching exactly these tag names. */
function exactly(tags: readonly string[]): string {
  return `^(?:${tags.map((t) => t.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&")).join("|")})$`;
}

export async function runGitCliff(run: GitCliffRun): Promise<string> {
  const exe = await requireGitCliff(run);
  const args: string[] = [];
  const config = configFile(run);
  if (config) args.push("--config", config);
  else if (!findsOwnConfig(run)) {
    run.warnings.add({
      code: "W_CLIFF_DEFAULT_CONFIG",
      message: `no ${projectFile(run.projectPath, "cliff.toml")}, no [tool.git-cliff] in ${projectFile(run.projectPath, "pyproject.toml")} and changelog.cliff_config is unset: git-cliff uses its built-in default configuration`,
    });
  }
  if (run.tag) args.push("--tag", run.tag);
  args.push("--strip", "all");
  if (run.includePath) args.push("--include-path", `${run.includePath}/**`);
  if (run.ignoreTags && run.ignoreTags.length > 0) args.push("--ignore-tags", exactly(run.ignoreTags));
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
