/**
 * Hook commands (§6.17): only the exact placeholders below are substituted, each value shell-quoted for the
 * platform; every other brace (`${HOME}`, `awk '{print $1}'`, JSON) is left alone.
 */
import { ReleasioError } from "../errors.js";
import { quotePosix } from "../text/shell-word.js";

export const HOOK_VARIABLES = [
  "version",
  "tag",
  "previous_version",
  "previous_tag",
  "project_path",
  "branch",
  "package",
] as const;
export type HookVariable = (typeof HOOK_VARIABLES)[number];
export type HookValues = Record<HookVariable, string>;

const PLACEHOLDER = new RegExp(`\\{(${HOOK_VARIABLES.join("|")})\\}`, "g");

export function quoteWindows(name: string, value: string): string {
  if (/["%!^&|<>\r\n]/.test(value)) {
    throw new ReleasioError(
      "E_HOOK_UNSAFE_VALUE",
      `cannot pass ${name}='${value}' safely to the shell; use $RELEASIO_${name.toUpperCase()} instead`,
    );
  }
  return `"${value}"`;
}

export function substituteHookCommand(
  command: string,
  values: HookValues,
  platform: "posix" | "windows",
): string {
  return command.replace(PLACEHOLDER, (_whole, name: HookVariable) =>
    platform === "posix" ? quotePosix(values[name]) : quoteWindows(name, values[name]),
  );
}

/** The same values as environment variables: RELEASIO_VERSION, RELEASIO_TAG, … plus RELEASIO_HOOK. */
export function hookEnvironment(hook: string, values: HookValues): Record<string, string> {
  const env: Record<string, string> = { RELEASIO_HOOK: hook };
  for (const name of HOOK_VARIABLES) env[`RELEASIO_${name.toUpperCase()}`] = values[name];
  return env;
}
