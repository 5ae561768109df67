/** Every failure releasio reports is a ReleasioError: a stable code, an exit code, a message and a hint. */
export type ExitCode = 0 | 1 | 2;

export interface ReleasioErrorOptions {
  hint?: string | null;
  details?: Record<string, unknown> | null;
  exitCode?: ExitCode;
  cause?: unknown;
}

/** Codes whose exit status is 2 (usage or configuration); every other code exits 1. */
const USAGE_CODES = new Set([
  "E_USAGE",
  "E_CONFIG_TOML",
  "E_CONFIG_UNKNOWN_KEY",
  "E_CONFIG_INVALID",
  "E_CONFIG_REMOVED_KEY",
  "E_CONFIG_ENV",
  "E_PROJECT_NOT_FOUND",
  "E_PROJECT_METADATA",
  "E_VERSION_INVALID",
  "E_PRERELEASE_TOKEN",
  "E_VERSION_NOT_INCREASING",
  "E_INSECURE_URL",
  "E_PR_TITLE_MISSING",
]);

export class ReleasioError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint: string | null;
  readonly details: Record<string, unknown> | null;

  constructor(code: string, message: string, options: ReleasioErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ReleasioError";
    this.code = code;
    this.exitCode = options.exitCode ?? (USAGE_CODES.has(code) ? 2 : 1);
    this.hint = options.hint ?? null;
    this.details = options.details ?? null;
  }
}

export function isReleasioError(value: unknown): value is ReleasioError {
  return value instanceof ReleasioError;
}

/** A non-fatal finding, reported in human output and in the JSON `warnings` list. */
export interface Warning {
  code: string;
  message: string;
}
