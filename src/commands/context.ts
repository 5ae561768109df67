/**
 * What a command may touch, passed in explicitly: no hidden globals. The CLI builds this from the process;
 * tests and API users build exactly the world they need.
 */
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { isDirectory } from "../adapters/fs/file-reader.js";
import type { HttpFetch } from "../adapters/http/fetch.js";
import { envSwitch } from "../core/config/env.js";
import { ReleasioError, type Warning } from "../core/errors.js";

export type { HttpFetch };

export interface Logger {
  /** Progress and detail for humans (stderr in the CLI); never results. */
  info(message: string): void;
  /** Extra detail shown with --verbose (git commands, HTTP request lines). */
  debug(message: string): void;
  warn(warning: Warning): void;
}

export interface CommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  /** The current time; the release date is derived from it in UTC. */
  now: () => Date;
  logger: Logger;
  /** The one HTTP client: tests route public hosts to loopback fakes through it. */
  fetch: HttpFetch;
  /**
   * Called with every secret the command obtains at run time (minted index tokens, ID tokens) before it is used,
   * so a host such as the GitHub Action can mask it in logs.
   */
  registerSecret: (value: string) => void;
}

export const silentLogger: Logger = { info() {}, debug() {}, warn() {} };

export interface CommonOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  now?: () => Date;
  logger?: Logger;
  fetch?: HttpFetch;
  registerSecret?: (value: string) => void;
  /** Configuration file to use instead of discovery (`--config`). */
  config?: string | null;
  offline?: boolean;
  allowDirty?: boolean;
  verbose?: boolean;
}

export function contextFrom(options: CommonOptions): CommandContext {
  return {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    now: options.now ?? (() => new Date()),
    logger: options.logger ?? silentLogger,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    registerSecret: options.registerSecret ?? (() => {}),
  };
}

/** `--offline` or `RELEASIO_OFFLINE`: no network access for this run (§3.2). */
export function isOffline(options: { offline?: boolean }, env: Record<string, string | undefined>): boolean {
  return options.offline === true || envSwitch("RELEASIO_OFFLINE", env.RELEASIO_OFFLINE);
}

/**
 * A read-only command asked to execute: a JavaScript caller can pass `execute: true` that the types leave out, and
 * it is refused as the CLI refuses `-x` (§3.2) rather than silently ignored.
 */
export function refuseExecute(command: string, options: object): void {
  if ((options as { execute?: unknown }).execute === true) {
    throw new ReleasioError("E_USAGE", `'${command}' is read-only and does not accept --execute`, {
      hint: `leave execute out: '${command}' changes nothing`,
    });
  }
}

/**
 * The directory a command is pointed at: `path` (the PATH argument) resolved from the working directory, through
 * any symlink to its real path (the repository root git reports is a real path, so paths relative to it, such as a
 * plan's project path, are only right between real paths). A path
 * that does not exist or is not a directory is a usage error (exit 2) before anything runs: otherwise git would
 * be started in a missing directory and the failure would read as a missing git.
 */
export function projectDirectory(cwd: string, path: string | undefined): string {
  const dir = resolve(cwd, path ?? ".");
  if (isDirectory(dir)) return realpathSync(dir);
  const given = path ?? ".";
  throw new ReleasioError(
    "E_USAGE",
    existsSync(dir)
      ? `the project path '${given}' is a file, not a directory (${dir})`
      : `the project path '${given}' does not exist (${dir})`,
    {
      hint: "pass the directory that holds the project's pyproject.toml (PATH is a directory, not a commit or a file), or omit it to use the current directory",
    },
  );
}

/** Collects warnings once each, in order, and forwards them to the logger. */
export class WarningList {
  readonly items: Warning[] = [];
  constructor(private readonly logger: Logger) {}
  add(warning: Warning): void {
    if (this.items.some((w) => w.code === warning.code && w.message === warning.message)) return;
    this.items.push(warning);
    this.logger.warn(warning);
  }
  addAll(warnings: readonly Warning[]): void {
    for (const w of warnings) this.add(w);
  }
}
