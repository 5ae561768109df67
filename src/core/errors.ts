/** Every failure releasio reports is a ReleasioError: a stable code, an exit code, a message and a hint. */
import { ERROR_CODES, type ErrorCode, type WarningCode } from "./codes.js";

export type { ErrorCode, WarningCode } from "./codes.js";
export type ExitCode = 0 | 1 | 2;

export interface ReleasioErrorOptions {
  hint?: string | null;
  details?: Record<string, unknown> | null;
  exitCode?: ExitCode;
  cause?: unknown;
}

export class ReleasioError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  readonly hint: string | null;
  readonly details: Record<string, unknown> | null;

  constructor(code: ErrorCode, message: string, options: ReleasioErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ReleasioError";
    this.code = code;
    this.exitCode = options.exitCode ?? ERROR_CODES[code].exit;
    this.hint = options.hint ?? null;
    this.details = options.details ?? null;
  }
}

export function isReleasioError(value: unknown): value is ReleasioError {
  return value instanceof ReleasioError;
}

/** A non-fatal finding, reported in human output and in the JSON `warnings` list. */
export interface Warning {
  code: WarningCode;
  message: string;
}
