/** Runs the CLI in-process with captured output, as a user would call it. */

import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { run } from "../../src/cli/main.js";
import type { ExitCode } from "../../src/core/errors.js";

export interface CliResult {
  code: ExitCode;
  stdout: string;
  stderr: string;
  /** The parsed stdout when --json was passed. */
  json: Record<string, unknown> & { [key: string]: unknown };
}

/** A minimal environment: no forge tokens, no CI variables, the PATH without node_modules/.bin. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const path = (process.env.PATH ?? "")
    .split(":")
    .filter((p) => !p.includes("node_modules"))
    .join(":");
  return { PATH: path, HOME: process.env.HOME, RELEASIO_OFFLINE: "1", ...extra };
}

/** Runs `node <args>` in `cwd` as a separate process, in the clean environment; output decoded as UTF-8. */
export function runNodeSync(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, args, { cwd, env: cleanEnv(), encoding: "utf8" });
}

export async function releasio(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = cleanEnv(),
  fetch?: HttpFetch,
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  {
    const code = await run(args, {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      env,
      isTty: false,
      cwd,
      ...(fetch ? { fetch } : {}),
    });
    let json: CliResult["json"] = {};
    if (args.includes("--json")) json = JSON.parse(stdout) as CliResult["json"];
    return { code, stdout, stderr, json };
  }
}
