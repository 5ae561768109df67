/** The envelope every JSON result carries (§3.5). */
import { type ErrorCode, type ExitCode, ReleasioError, type Warning } from "../core/errors.js";
import { releasioVersion } from "../version.js";
import { isOutputKind, payloadFields } from "./output-schemas.js";

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint: string | null;
  details: Record<string, unknown> | null;
}

export interface Envelope {
  schema: 1;
  command: string;
  releasio_version: string;
  ok: boolean;
  exit_code: ExitCode;
  dry_run: boolean;
  warnings: Warning[];
  error: ErrorInfo | null;
}

export function envelope(
  command: string,
  dryRun: boolean,
  warnings: readonly Warning[],
  exitCode: ExitCode = 0,
): Envelope {
  return {
    schema: 1,
    command,
    releasio_version: releasioVersion(),
    ok: exitCode === 0,
    exit_code: exitCode,
    dry_run: dryRun,
    warnings: [...warnings],
    error: null,
  };
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof ReleasioError) {
    return { code: error.code, message: error.message, hint: error.hint, details: error.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "E_INTERNAL", message, hint: "this is a bug in releasio; please report it", details: null };
}

/**
 * The output of a failed command: the envelope with the error, and every payload field of the command's output
 * schema (`kind`, the command's name unless it has several outputs, e.g. `config-show`) present and null.
 */
export function errorEnvelope(
  command: string,
  error: unknown,
  warnings: readonly Warning[],
  dryRun = false,
  kind: string = command,
): Envelope {
  const exit: ExitCode = error instanceof ReleasioError ? error.exitCode : 1;
  const absent = isOutputKind(kind) ? payloadFields(kind).map((field) => [field, null]) : [];
  return {
    ...envelope(command, dryRun, warnings, exit),
    error: errorInfo(error),
    ...Object.fromEntries(absent),
  };
}
