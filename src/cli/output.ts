/** Where text goes: results to stdout, everything for humans to stderr; --json keeps stdout for the JSON alone. */

import type { HttpFetch } from "../adapters/http/fetch.js";
import type { Logger } from "../commands/context.js";
import type { ErrorInfo } from "../commands/envelope.js";
import { annotation } from "../core/ci/workflow-commands.js";
import type { Warning } from "../core/errors.js";
import { escapeLine, escapeTerminal, escapeText } from "../core/text/control.js";
import type { Colors } from "./style.js";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  isTty: boolean;
  cwd: string;
  /** The HTTP client for every network call; tests route public hosts to loopback fakes through it. */
  fetch?: HttpFetch;
}

export interface OutputMode {
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  c: Colors;
}

export function inActions(env: Record<string, string | undefined>): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/**
 * Every output goes through this on its way to the terminal (§11): JSON on stdout as it is, human text with its
 * control characters escaped, except its line structure and, when colour is on, releasio's colours. The fields of
 * the text were escaped where they entered it (`escapeLine`, `escapeText`); this catches what was not.
 */
export function terminalIo(io: Io, json: boolean, colors: boolean): Io {
  return {
    ...io,
    stdout: json ? io.stdout : (text) => io.stdout(escapeTerminal(text, colors)),
    stderr: (text) => io.stderr(escapeTerminal(text, colors)),
  };
}

/** Error codes whose message is a text of several lines by design; every other message is one line. */
const MULTILINE_MESSAGES = new Set(["E_TP_EXCHANGE", "E_HOOK_FAILED", "E_BUILD_FAILED"]);

/** A warning or error message for a terminal: one line (a file name's newline shows as `\n`), unless by design. */
function messageText(code: string, message: string): string {
  return MULTILINE_MESSAGES.has(code) ? escapeText(message) : escapeLine(message);
}

export function formatWarning(w: Warning, c: Colors): string {
  return `${c.yellow(`warning[${escapeLine(w.code)}]`)}: ${messageText(w.code, w.message)}`;
}

/** An error as reported: its code (or, for a failing doctor check, the check's id), message and hint. */
interface Problem {
  code: string;
  message: string;
  hint: string | null;
}
type Reported = Problem & Pick<ErrorInfo, "details">;

function isProblem(value: unknown): value is Problem {
  const p = value as Partial<Problem> | null;
  return typeof p?.code === "string" && typeof p.message === "string";
}

/** The error, or every problem it reports together (all those of a configuration file: §5.2), the first first. */
function problemsOf(error: Reported): Problem[] {
  const problems = error.details?.problems;
  return Array.isArray(problems) && problems.length > 0 && problems.every(isProblem) ? problems : [error];
}

export function printError(io: Io, mode: OutputMode, error: Reported): void {
  for (const problem of problemsOf(error)) {
    const code = escapeLine(problem.code);
    io.stderr(`${mode.c.red(`error[${code}]`)}: ${messageText(problem.code, problem.message)}\n`);
    if (problem.hint) io.stderr(`  hint: ${escapeText(problem.hint)}\n`);
    annotateError(io, problem);
  }
}

/**
 * Inside GitHub Actions, an error is also a workflow annotation on stderr (§3.4), with `--json` too: its stdout
 * holds the JSON alone, and the annotation is what the run's page shows.
 */
export function annotateErrors(io: Io, error: Reported): void {
  for (const problem of problemsOf(error)) annotateError(io, problem);
}

function annotateError(io: Io, problem: Problem): void {
  annotateProblem(io, "error", problem);
}

/** Inside GitHub Actions, a problem (e.g. a failing or warning doctor check, titled by its id) as an annotation. */
export function annotateProblem(io: Io, level: "error" | "warning", problem: Problem): void {
  if (!inActions(io.env)) return;
  const text = problem.hint ? `${problem.message} (${problem.hint})` : problem.message;
  io.stderr(annotation(level, text, problem.code));
}

export function cliLogger(io: Io, mode: OutputMode): Logger {
  return {
    info(message) {
      if (!mode.quiet) io.stderr(`${escapeText(message)}\n`);
    },
    debug(message) {
      // -q wins over --verbose (and over explain's verbosity): only warnings, errors and the result.
      if (mode.verbose && !mode.quiet) io.stderr(`${mode.c.dim(escapeText(message))}\n`);
    },
    warn(w) {
      io.stderr(`${formatWarning(w, mode.c)}\n`);
      if (inActions(io.env)) io.stderr(annotation("warning", w.message, w.code));
    },
  };
}
