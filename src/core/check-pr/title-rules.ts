/**
 * PR title validation (§4.7): the title must be a conventional-commit header that releasio would classify the
 * way the author means it. Rules are evaluated in a fixed order and every violation is reported.
 */
import type { ReleasioConfig } from "../config/schema.js";
import type { Bump } from "../plan/types.js";
import { allowedTypes } from "./allowed-types.js";

export type TitleProblemCode = "empty" | "too-long" | "format" | "type" | "scope-required" | "scope";

export interface TitleProblem {
  code: TitleProblemCode;
  message: string;
}

export interface TitleVerdict {
  title: string;
  valid: boolean;
  type: string | null;
  scope: string | null;
  breaking: boolean;
  description: string | null;
  bump: Bump;
  problems: TitleProblem[];
  allowedTypes: string[];
}

export interface TitleRuleOptions {
  /** `--require-scope` (or `check_pr.require_scope`). */
  requireScope?: boolean;
  /** The 0.x rule applies: a breaking title bumps minor (see `titleBump`). */
  breakingBumpsMinor?: boolean;
}

export const TITLE_FORMAT =
  /^(?<type>[A-Za-z][A-Za-z0-9-]*)(\((?<scope>[^()\r\n]+)\))?(?<breaking>!)?: (?<description>\S.*)$/;

/**
 * The bump a valid title implies when squash-merged; `breakingBumpsMinor` is the 0.x rule (§6.3 rule 6: the
 * version being bumped has major 0 and `major_on_zero` is off), which the caller decides from the project.
 */
export function titleBump(
  config: ReleasioConfig,
  type: string,
  breaking: boolean,
  breakingBumpsMinor = false,
): Bump {
  if (breaking) return breakingBumpsMinor ? "minor" : "major";
  const c = config.commits;
  const table: [readonly string[], Bump][] = [
    [c.types_major, "major"],
    [c.types_minor, "minor"],
    [c.types_patch, "patch"],
  ];
  for (const [types, bump] of table) if (types.includes(type)) return bump;
  return "none";
}

export function checkTitle(
  config: ReleasioConfig,
  raw: string,
  options: TitleRuleOptions = {},
): TitleVerdict {
  const title = raw.trim();
  const allowed = allowedTypes(config);
  const problems: TitleProblem[] = [];
  const verdict = (fields: Partial<TitleVerdict>): TitleVerdict => ({
    title,
    valid: problems.length === 0,
    type: null,
    scope: null,
    breaking: false,
    description: null,
    bump: "none",
    problems,
    allowedTypes: allowed,
    ...fields,
  });

  if (title === "") {
    problems.push({ code: "empty", message: "the title is empty" });
    return verdict({});
  }
  const max = config.check_pr.max_length;
  const length = [...title].length;
  if (length > max) {
    problems.push({
      code: "too-long",
      message: `the title is ${length} characters long; the limit is ${max} (check_pr.max_length)`,
    });
  }
  const m = TITLE_FORMAT.exec(title);
  if (!m?.groups) {
    problems.push({
      code: "format",
      message:
        "the title must be a conventional commit header 'type(scope)!: description' with exactly one space after the colon",
    });
    return verdict({});
  }
  const type = m.groups.type!.toLowerCase();
  const scope = m.groups.scope?.trim() ?? null;
  const breaking = m.groups.breaking === "!";
  const description = m.groups.description!;
  if (!allowed.includes(type)) {
    problems.push({
      code: "type",
      message: `unknown type '${m.groups.type}'; allowed types: ${allowed.join(", ")}`,
    });
  }
  if (scope === null && (options.requireScope || config.check_pr.require_scope)) {
    problems.push({ code: "scope-required", message: "a scope is required, e.g. 'feat(api): …'" });
  }
  const scopes = config.check_pr.allowed_scopes;
  if (scope !== null && scopes.length > 0 && !scopes.includes(scope)) {
    problems.push({
      code: "scope",
      message: `scope '${scope}' is not allowed; allowed scopes: ${scopes.join(", ")}`,
    });
  }
  return verdict({
    valid: problems.length === 0,
    type,
    scope,
    breaking,
    description,
    bump:
      problems.length === 0 ? titleBump(config, type, breaking, options.breakingBumpsMinor === true) : "none",
  });
}

/** Three titles that pass the configured rules, for the error output. */
export function titleExamples(config: ReleasioConfig, options: TitleRuleOptions = {}): string[] {
  const scopes = config.check_pr.allowed_scopes;
  const needScope = options.requireScope || config.check_pr.require_scope || scopes.length > 0;
  const scope = needScope ? `(${scopes[0] ?? "api"})` : "";
  const minor = config.commits.types_minor[0] ?? "feat";
  const patch = config.commits.types_patch[0] ?? "fix";
  return [
    `${minor}${scope}: add an export command`,
    `${patch}${scope}: handle empty input files`,
    `${minor}${scope}!: drop support for Python 3.8`,
  ];
}

export const TITLE_FORMAT_HELP = "type(scope)!: description   (scope and ! are optional)";
