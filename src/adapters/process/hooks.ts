/** Running configured hooks through the platform shell, sequentially, output streamed to the logger. */
import { ReleasioError } from "../../core/errors.js";
import { type HookValues, hookEnvironment, substituteHookCommand } from "../../core/hooks/substitute.js";
import { withoutRepositoryLocation } from "../git/run-git.js";
import { runStreamed } from "./run-process.js";

export interface HookRun {
  hook: string;
  command: string;
  exit_code: number;
  duration_ms: number;
}

export interface HookOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  onOutput: (chunk: string) => void;
  /** post_release failures are warnings; every other hook failure stops the command. */
  failureIsWarning?: boolean;
  onWarning?: (message: string) => void;
  platform?: NodeJS.Platform;
}

function shellFor(platform: NodeJS.Platform, command: string): [string, string[]] {
  return platform === "win32" ? ["cmd.exe", ["/d", "/s", "/c", command]] : ["/bin/sh", ["-c", command]];
}

function runOne(
  command: string,
  options: HookOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; tail: string }> {
  const [shell, args] = shellFor(options.platform ?? process.platform, command);
  return runStreamed(shell, args, {
    cwd: options.cwd,
    env,
    onOutput: options.onOutput,
    tailLines: TAIL_LINES,
  });
}

/** How much of a failing command's output its error quotes (§3.7). */
const TAIL_LINES = 20;

export async function runHooks(
  hook: string,
  commands: readonly string[],
  values: HookValues,
  options: HookOptions,
): Promise<HookRun[]> {
  const runs: HookRun[] = [];
  const platform = (options.platform ?? process.platform) === "win32" ? "windows" : "posix";
  // A hook runs in the project's working tree: its git commands see that repository, as releasio's own do.
  const env = { ...withoutRepositoryLocation(options.env), ...hookEnvironment(hook, values) };
  for (const [i, raw] of commands.entries()) {
    const command = substituteHookCommand(raw, values, platform);
    const started = performance.now();
    const { code, tail } = await runOne(command, options, env);
    runs.push({ hook, command, exit_code: code, duration_ms: Math.round(performance.now() - started) });
    if (code !== 0) {
      const message = `hook ${hook} command ${i + 1} exited with ${code}: ${raw}`;
      if (options.failureIsWarning) {
        options.onWarning?.(message);
        continue;
      }
      // The error carries the end of the command's output (§3.7): the output itself is not shown with -q or --json.
      const lines = tail.trimEnd().split("\n").slice(-TAIL_LINES).join("\n");
      throw new ReleasioError("E_HOOK_FAILED", lines === "" ? message : `${message}\n${lines}`, {
        details: { output_tail: tail },
      });
    }
  }
  return runs;
}
