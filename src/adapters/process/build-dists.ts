/**
 * Building distributions (PRODUCT.md §7.1): `hooks.build` when set, else `publish.tool` — `auto` = uv when on PATH,
 * else `python -m build` (python3 when python is absent; checked with `python -c "import build"`). Only `*.whl`,
 * `*.tar.gz` and `*.zip` are removed from the dist directory first; builds run with SOURCE_DATE_EPOCH.
 */
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CommandContext } from "../../commands/context.js";
import type { ReleasioConfig } from "../../core/config/schema.js";
import { ReleasioError } from "../../core/errors.js";
import type { HookValues } from "../../core/hooks/substitute.js";
import { findExecutable } from "./find-executable.js";
import { type HookRun, runHooks } from "./hooks.js";
import { runStreamed } from "./run-process.js";

export interface BuildCommand {
  /** `uv`, `build`, `poetry`, `pdm`, `hatch` (for messages). */
  tool: string;
  command: string;
  args: string[];
  /** Where the tool writes its outputs when it has no output option (moved into the dist directory). */
  defaultOutDir: string | null;
}

export interface BuildOptions {
  ctx: CommandContext;
  /** Absolute project directory (the build runs there). */
  projectPath: string;
  /** Absolute dist directory. */
  distDir: string;
  tool: ReleasioConfig["publish"]["tool"];
  /** `hooks.build`, or null. */
  hook: string | null;
  hookValues: HookValues;
  /** The release commit's timestamp (seconds), or null. */
  sourceDateEpoch: number | null;
  /** uv workspace member to build (`uv build --package <name>`), or null. */
  workspacePackage?: string | null;
}

export interface BuildResult {
  tool: string;
  command: string;
  removed: string[];
  /** The `hooks.build` run, when the hook replaced the default build. */
  hooks: HookRun[];
}

const CLEANED = [".whl", ".tar.gz", ".zip"];

async function canImportBuild(python: string, env: Record<string, string | undefined>): Promise<boolean> {
  const { code } = await run(python, ["-c", "import build"], { cwd: process.cwd(), env, onOutput: () => {} });
  return code === 0;
}

/** The build command for a tool setting, or null when `auto` finds no builder (E_BUILD_TOOL_MISSING in preflight). */
export async function chooseBuilder(
  tool: ReleasioConfig["publish"]["tool"],
  env: Record<string, string | undefined>,
  o: { projectPath: string; distDir: string; workspacePackage?: string | null },
): Promise<BuildCommand | null> {
  const pythonBuild = async (): Promise<BuildCommand | null> => {
    for (const name of ["python", "python3"]) {
      const python = findExecutable(name, env);
      if (python === null) continue;
      if (!(await canImportBuild(python, env))) return null;
      return {
        tool: "build",
        command: python,
        args: ["-m", "build", "--outdir", o.distDir],
        defaultOutDir: null,
      };
    }
    return null;
  };
  const uv = (): BuildCommand | null => {
    const exe = findExecutable("uv", env);
    if (exe === null) return null;
    const pkg = o.workspacePackage ? ["--package", o.workspacePackage] : [];
    return { tool: "uv", command: exe, args: ["build", ...pkg, "--out-dir", o.distDir], defaultOutDir: null };
  };
  const simple = (name: "poetry" | "pdm" | "hatch"): BuildCommand | null => {
    const exe = findExecutable(name, env);
    return exe === null
      ? null
      : { tool: name, command: exe, args: ["build"], defaultOutDir: join(o.projectPath, "dist") };
  };
  switch (tool) {
    case "auto":
      return uv() ?? (await pythonBuild());
    case "uv":
      return uv();
    case "build":
    case "twine":
      return pythonBuild();
    default:
      return simple(tool);
  }
}

/** How a builder is named in messages: `uv build`, `python -m build`, `poetry build`. */
export function builderLabel(b: BuildCommand): string {
  return b.tool === "build" ? "python -m build" : `${b.tool} build`;
}

export function missingTool(tool: string): ReleasioError {
  const message =
    tool === "auto"
      ? "no build tool available: uv not on PATH and 'python -m build' unavailable"
      : `no build tool available: ${tool === "build" || tool === "twine" ? "'python -m build'" : tool} is not available`;
  return new ReleasioError("E_BUILD_TOOL_MISSING", message, {
    hint: "install uv (https://docs.astral.sh/uv/) or 'pip install build', set publish.tool, or set hooks.build",
  });
}

/** Removes previous dists (only *.whl, *.tar.gz, *.zip) from the dist directory. */
export async function cleanDistDir(distDir: string): Promise<string[]> {
  await mkdir(distDir, { recursive: true });
  const removed: string[] = [];
  for (const name of await readdir(distDir)) {
    if (!CLEANED.some((e) => name.endsWith(e))) continue;
    await rm(join(distDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

export async function buildDists(o: BuildOptions): Promise<BuildResult> {
  const env = {
    ...o.ctx.env,
    ...(o.sourceDateEpoch === null ? {} : { SOURCE_DATE_EPOCH: String(o.sourceDateEpoch) }),
  };
  let builder: BuildCommand | null = null;
  if (o.hook === null) {
    builder = await chooseBuilder(o.tool, env, o);
    if (builder === null) throw missingTool(o.tool);
  }
  const removed = await cleanDistDir(o.distDir);
  const spinner = progress(o.ctx, builder?.tool ?? "hooks.build");
  try {
    if (o.hook !== null) {
      const hooks = await runHooks("build", [o.hook], o.hookValues, {
        cwd: o.projectPath,
        env: { ...env, RELEASIO_DIST_DIR: o.distDir },
        onOutput: (t) => spinner.output(t),
      }).catch((error: unknown) => {
        if (!(error instanceof ReleasioError) || error.code !== "E_HOOK_FAILED") throw error;
        const code = /exited with (\d+)/.exec(error.message)?.[1] ?? "?";
        throw buildFailed("hooks.build", code, String(error.details?.output_tail ?? ""));
      });
      return { tool: "hooks.build", command: o.hook, removed, hooks };
    }
    const b = builder!;
    const { code, tail } = await run(b.command, b.args, {
      cwd: o.projectPath,
      env,
      onOutput: (t) => spinner.output(t),
    });
    if (code !== 0) throw buildFailed(b.tool, String(code), tail);
    if (b.defaultOutDir !== null && resolve(b.defaultOutDir) !== resolve(o.distDir)) {
      await moveDists(b.defaultOutDir, o.distDir);
    }
    return { tool: b.tool, command: [b.command, ...b.args].join(" "), removed, hooks: [] };
  } finally {
    spinner.stop();
  }
}

async function moveDists(from: string, to: string): Promise<void> {
  for (const name of await readdir(from).catch(() => [] as string[])) {
    if (name.endsWith(".whl") || name.endsWith(".tar.gz")) await rename(join(from, name), join(to, name));
  }
}

function buildFailed(tool: string, code: string, tail: string): ReleasioError {
  const lines = tail.trimEnd().split("\n").slice(-20).join("\n");
  return new ReleasioError(
    "E_BUILD_FAILED",
    `${tool} build failed (exit ${code})${lines ? `\n${lines}` : ""}`,
    {
      hint: "run the build command locally to see the full output",
      details: { tool, exit_code: code, output_tail: lines },
    },
  );
}

/** Build output goes to debug output; a line every 10 s tells humans the build is still running. */
function progress(ctx: CommandContext, tool: string) {
  const started = performance.now();
  ctx.logger.info(`building distributions with ${tool}…`);
  const timer = setInterval(
    () =>
      ctx.logger.info(`still building with ${tool} (${Math.round((performance.now() - started) / 1000)}s)…`),
    10_000,
  );
  timer.unref();
  return {
    output: (text: string) => {
      for (const line of text.split("\n")) if (line.trim() !== "") ctx.logger.debug(line.trimEnd());
    },
    stop: () => clearInterval(timer),
  };
}

/** A build tool's run; one that cannot be started is exit 127 with the reason as its output. */
function run(
  command: string,
  args: readonly string[],
  o: { cwd: string; env: Record<string, string | undefined>; onOutput: (text: string) => void },
): Promise<{ code: number; tail: string }> {
  return runStreamed(command, args, { ...o, tailLines: 40 }).catch((error: Error) => ({
    code: 127,
    tail: error.message,
  }));
}
