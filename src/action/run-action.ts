/**
 * The GitHub Action: inputs → the command's programmatic API, in-process → outputs, job summary, annotations.
 * Tokens are masked before anything could print them and reach commands only through their environment.
 */
import { appendFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { GitRunner } from "../adapters/git/run-git.js";
import type { CommonOptions, HttpFetch, Logger } from "../commands/context.js";
import { errorEnvelope } from "../commands/envelope.js";
import { addMask, annotation } from "../core/ci/workflow-commands.js";
import { type ExitCode, ReleasioError } from "../core/errors.js";
import { COMMAND_RUNNERS } from "./commands.js";
import { type ActionInputs, readInputs } from "./inputs.js";
import { actionOutputs, formatOutputFile, OUTPUT_NAMES, resultOutput } from "./outputs.js";
import { jobSummary } from "./summary.js";

export interface ActionIo {
  env: Record<string, string | undefined>;
  cwd: string;
  /** The step's log (stdout). */
  log: (text: string) => void;
  fetch?: HttpFetch;
}

type Json = Record<string, unknown>;

function actionLogger(io: ActionIo): Logger {
  return {
    info: (message) => io.log(`${message}\n`),
    debug: (message) => {
      if (io.env.RUNNER_DEBUG === "1") io.log(`::debug::${message.replace(/\r?\n/g, "%0A")}\n`);
    },
    warn: (w) => io.log(annotation("warning", w.message, w.code)),
  };
}

/** The environment a command sees: the inputs' tokens exported under the names the commands read. */
function commandEnv(
  inputs: ActionInputs,
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { ...env };
  if (inputs.githubToken !== "") out.GITHUB_TOKEN = inputs.githubToken;
  // An empty pypi-token must not shadow other token sources (§9.2): only a non-empty one is exported.
  if (inputs.pypiToken !== "") out.PYPI_TOKEN = inputs.pypiToken;
  else if (out.PYPI_TOKEN === "") delete out.PYPI_TOKEN;
  return out;
}

/** Release commits need an identity; a fresh runner has none, so a repository-local bot identity is set. */
async function ensureGitIdentity(cwd: string, env: Record<string, string | undefined>): Promise<void> {
  const git = new GitRunner(cwd, env);
  const inside = await git.run(["rev-parse", "--is-inside-work-tree"], { okCodes: [0, 128] });
  if (inside.code !== 0) return;
  const name = await git.run(["config", "user.name"], { okCodes: [0, 1] });
  const email = await git.run(["config", "user.email"], { okCodes: [0, 1] });
  if (name.stdout.trim() === "") await git.run(["config", "--local", "user.name", "github-actions[bot]"]);
  if (email.stdout.trim() === "") {
    await git.run([
      "config",
      "--local",
      "user.email",
      "41898282+github-actions[bot]@users.noreply.github.com",
    ]);
  }
}

function writeOutputs(io: ActionIo, outputs: Record<string, string>): void {
  const file = io.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, formatOutputFile(outputs));
}

function writeSummary(io: ActionIo, markdown: string): void {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, `${markdown}\n`);
}

/** Runs the action; resolves with the step's exit code. Never throws. */
export async function runAction(io: ActionIo): Promise<ExitCode> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(io.env);
  } catch (error) {
    const info = error instanceof ReleasioError ? error : new ReleasioError("E_USAGE", String(error));
    io.log(annotation("error", `${info.message}${info.hint ? ` (${info.hint})` : ""}`, info.code));
    writeOutputs(io, emptyOutputs(errorEnvelope("action", error, [])));
    return 2;
  }
  // Masks first: nothing below may print a token before the runner knows to hide it.
  for (const secret of [inputs.githubToken, inputs.pypiToken]) if (secret) io.log(addMask(secret));
  for (const notice of inputs.notices) io.log(annotation("notice", notice));

  const env = commandEnv(inputs, io.env);
  const cwd = isAbsolute(inputs.workingDirectory)
    ? inputs.workingDirectory
    : join(io.cwd, inputs.workingDirectory);
  const common: CommonOptions & { path: string } = {
    cwd,
    path: ".",
    env,
    logger: actionLogger(io),
    registerSecret: (value) => io.log(addMask(value)),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  };

  let payload: Json;
  let code: ExitCode;
  try {
    if (inputs.execute && MUTATING.has(inputs.command)) await ensureGitIdentity(cwd, env);
    payload = (await COMMAND_RUNNERS[inputs.command](inputs, common)) as unknown as Json;
    code = (payload.exit_code as ExitCode | undefined) ?? 0;
  } catch (error) {
    const envelope = errorEnvelope(inputs.command, error, [], !inputs.execute);
    payload = envelope as unknown as Json;
    code = envelope.exit_code;
    const hint = envelope.error?.hint ? `\nhint: ${envelope.error.hint}` : "";
    io.log(annotation("error", `${envelope.error?.message ?? "failed"}${hint}`, envelope.error?.code));
  }
  const result = resultOutput(payload);
  if (result.truncated) io.log(annotation("warning", result.truncated.message, result.truncated.code));
  writeOutputs(io, actionOutputs(inputs.command, payload, result.json));
  writeSummary(io, jobSummary(inputs.command, payload));
  // The whole object: the result output already is, unless it had to be cut.
  if (inputs.json) io.log(`${result.truncated ? JSON.stringify(payload) : result.json}\n`);
  if (inputs.command === "check-pr" && payload.valid === false) {
    io.log(annotation("error", `invalid PR title: ${problemText(payload)}`, "E_PR_TITLE_INVALID"));
  }
  return code;
}

const MUTATING = new Set(["update", "release-pr", "release", "do-release", "changelog"]);

function problemText(payload: Json): string {
  const problems = Array.isArray(payload.problems) ? (payload.problems as Json[]) : [];
  return problems.map((p) => String(p.message)).join("; ") || "see the log";
}

function emptyOutputs(payload: unknown): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const name of OUTPUT_NAMES) outputs[name] = "";
  outputs.released = "false";
  outputs.result = JSON.stringify(payload);
  return outputs;
}
