/**
 * The Action's inputs (PRODUCT.md §9.2), read from the `INPUT_*` variables the runner sets, and validated before
 * anything runs: an unknown command or a malformed boolean fails naming the input.
 */
import { ReleasioError } from "../core/errors.js";

export const ACTION_COMMANDS = [
  "check",
  "update",
  "release-pr",
  "release",
  "do-release",
  "publish",
  "check-pr",
  "doctor",
  "changelog",
] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** Inputs of the original action that no longer apply: accepted with a notice. */
const RETIRED_INPUTS: Record<string, string> = {
  "python-version":
    "releasio runs on the runner's Node; set up Python with actions/setup-python if your build needs it",
  "releasio-version": "the action runs the releasio version of the tag you reference in `uses:`",
};

export interface ActionInputs {
  command: ActionCommand;
  githubToken: string;
  pypiToken: string;
  workingDirectory: string;
  /** True when mutating commands run with --execute. */
  execute: boolean;
  skipPublish: boolean;
  distDir: string | null;
  requireScope: boolean;
  prerelease: string | null;
  versionOverride: string | null;
  json: boolean;
  /** Notices for inputs that were accepted but have no effect. */
  notices: string[];
}

/** The runner's variable for an input: spaces become `_`, the name is upper-cased, hyphens stay. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/** An input's value as the step gave it, trimmed; "" when it is not set. */
export function inputValue(env: Record<string, string | undefined>, name: string): string {
  return (env[inputVariable(name)] ?? "").trim();
}

function invalid(name: string, value: string, expected: string): ReleasioError {
  return new ReleasioError("E_USAGE", `input '${name}' must be ${expected}; got '${value}'`, {
    hint: `set '${name}' in the step's 'with:' block to ${expected}`,
  });
}

/** `'true'`/`'false'`, or empty when `allowEmpty` (the input's default is empty). */
function boolean(env: Record<string, string | undefined>, name: string, fallback: boolean): boolean;
function boolean(env: Record<string, string | undefined>, name: string, fallback: null): boolean | null;
function boolean(
  env: Record<string, string | undefined>,
  name: string,
  fallback: boolean | null,
): boolean | null {
  const value = inputValue(env, name);
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalid(name, value, fallback === null ? "'true', 'false' or empty" : "'true' or 'false'");
}

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const command = inputValue(env, "command");
  if (!(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new ReleasioError(
      "E_USAGE",
      command === ""
        ? "input 'command' is required"
        : `input 'command' must be one of ${ACTION_COMMANDS.join(", ")}; got '${command}'`,
      {
        hint:
          command === "init"
            ? "'init' is interactive: run 'npx releasio init' locally"
            : `valid commands: ${ACTION_COMMANDS.join(", ")}`,
      },
    );
  }
  const dryRun = boolean(env, "dry-run", null);
  const executeFlag = boolean(env, "execute", null);
  if (dryRun !== null && executeFlag !== null && dryRun === executeFlag) {
    throw new ReleasioError(
      "E_USAGE",
      `inputs 'dry-run: ${dryRun}' and 'execute: ${executeFlag}' contradict each other`,
      { hint: "set only 'dry-run' ('execute' is kept for workflows written for the original action)" },
    );
  }
  // The action executes by default, as the seed's workflows expect; `dry-run: 'true'` or `execute: 'false'` previews.
  const execute = dryRun !== null ? !dryRun : executeFlag !== null ? executeFlag : true;
  const notices = Object.entries(RETIRED_INPUTS)
    .filter(([name]) => inputValue(env, name) !== "")
    .map(([name, why]) => `input '${name}' is no longer used: ${why}`);
  const optional = (name: string) => inputValue(env, name) || null;
  return {
    command: command as ActionCommand,
    githubToken: inputValue(env, "github-token"),
    pypiToken: inputValue(env, "pypi-token"),
    workingDirectory: inputValue(env, "working-directory") || ".",
    execute,
    skipPublish: boolean(env, "skip-publish", false),
    distDir: optional("dist-dir"),
    requireScope: boolean(env, "require-scope", false),
    prerelease: optional("prerelease"),
    versionOverride: optional("version-override"),
    json: boolean(env, "json", false),
    notices,
  };
}
