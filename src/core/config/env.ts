/**
 * `RELEASIO_*` environment overrides (PRODUCT.md §5.3). The variable names are generated from the schema: every
 * scalar key and every list of scalars, named `RELEASIO_` + the dotted path upper-cased with `.` → `_`.
 */
import * as v from "valibot";
import { ReleasioError, type Warning } from "../errors.js";
import { didYouMean } from "../text/did-you-mean.js";
import { type ConfigProblem, issueFindings, quoted } from "./findings.js";
import { type ConfigKey, configKeys, envNameOf, type SchemaNode, unionOptions, unwrap } from "./keys.js";
import { DEPRECATED_ALIASES } from "./legacy-keys.js";
import { cloneTree, isTable, setPath, splitDotted, type Table } from "./tree.js";

/** Variables that are read by releasio but are not configuration keys. */
export const NON_CONFIG_ENV: readonly string[] = ["RELEASIO_CONFIG", "RELEASIO_OFFLINE", "RELEASIO_DEBUG"];

/** Variables releasio sets for hooks (§6.17); never read as configuration. */
export const HOOK_ENV: readonly string[] = [
  "RELEASIO_VERSION",
  "RELEASIO_TAG",
  "RELEASIO_PREVIOUS_VERSION",
  "RELEASIO_PREVIOUS_TAG",
  "RELEASIO_PROJECT_PATH",
  "RELEASIO_BRANCH",
  "RELEASIO_PACKAGE",
  "RELEASIO_HOOK",
  "RELEASIO_DIST_DIR",
];

const PREFIX = "RELEASIO_";

function overridableKeys(): ConfigKey[] {
  return configKeys().filter((k) => k.kind === "scalar" || k.kind === "list");
}

/** Every configuration override variable, in schema order. */
export function envVariableNames(): string[] {
  return overridableKeys().map((k) => envNameOf(k.path));
}

const BOOLEAN_SPELLINGS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  yes: true,
  no: false,
};

/**
 * A switch variable such as RELEASIO_OFFLINE: off when unset or empty, else a boolean spelling (true, 1, yes; false,
 * 0, no). Any other value is E_CONFIG_ENV: a typo must not silently mean "off" (§5.3).
 */
export function envSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined || value.trim() === "") return false;
  const on = BOOLEAN_SPELLINGS[value.trim().toLowerCase()];
  if (on !== undefined) return on;
  throw new ReleasioError(
    "E_CONFIG_ENV",
    `environment variable ${name}: expected 1, true or yes (or 0, false, no); got '${quoted(value)}'`,
    { hint: `set ${name}=1 to turn it on, or unset it`, details: { variable: name, value } },
  );
}

type Conversion = { value: unknown } | { problem: string };

function acceptsBoolean(node: SchemaNode): boolean {
  const inner = unwrap(node);
  if (inner.type === "boolean") return true;
  return unionOptions(inner).some(acceptsBoolean);
}

function toList(text: string): string[] {
  if (text.trimStart().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed;
    } catch {
      // Not JSON: `[skip release],[no release]` is a comma-separated list that happens to start with a bracket.
    }
  }
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Turns the text of a variable into a value of the key's type; the schema then checks it like a file value. */
function convert(key: ConfigKey, text: string): Conversion {
  const node = key.node;
  if (node.type === "array") return { value: toList(text) };
  const spelled = BOOLEAN_SPELLINGS[text.trim().toLowerCase()];
  if (node.type === "boolean") {
    return spelled === undefined
      ? { problem: "must be true or false (also 1/0, yes/no)" }
      : { value: spelled };
  }
  if (node.type === "number") {
    return /^\s*[+-]?\d+\s*$/.test(text) ? { value: Number(text) } : { problem: "must be an integer" };
  }
  if (acceptsBoolean(node) && spelled !== undefined) return { value: spelled };
  return { value: text };
}

export interface EnvOverrides {
  /** The document with the overrides applied (a copy; the input is not changed). */
  raw: Record<string, unknown>;
  /** Dotted key → `env:RELEASIO_X` for every key set from the environment. */
  origins: Record<string, string>;
  warnings: Warning[];
}

/** `RELEASIO_TAG_PREFIX` → `RELEASIO_VERSION_TAG_PREFIX`: the one known variable that ends with the same key. */
function sameKeyElsewhere(name: string, known: readonly string[]): string | null {
  const key = name.replace(/^RELEASIO_/, "");
  const matches = known.filter((k) => k.endsWith(`_${key}`));
  return matches.length === 1 ? matches[0]! : null;
}

function unknownVariableWarning(name: string, known: readonly string[]): Warning {
  const alias = DEPRECATED_ALIASES.find((a) => envNameOf(a.alias) === name);
  const suggestion =
    alias !== undefined
      ? envNameOf(alias.target)
      : (didYouMean(name, known) ?? sameKeyElsewhere(name, known));
  const tail = suggestion === null ? "" : `; did you mean ${suggestion}?`;
  return { code: "W_UNKNOWN_ENV", message: `unknown environment variable ${name} is ignored${tail}` };
}

/**
 * Applies `RELEASIO_*` overrides to a configuration document. Empty values count as unset; invalid values throw
 * E_CONFIG_ENV listing every bad variable; unknown `RELEASIO_*` variables are warnings with a suggestion.
 */
export function applyEnvOverrides(
  raw: Record<string, unknown>,
  env: Record<string, string | undefined>,
): EnvOverrides {
  const byName = new Map(overridableKeys().map((k) => [envNameOf(k.path), k] as const));
  const ignored = new Set([...NON_CONFIG_ENV, ...HOOK_ENV]);
  const known = [...byName.keys(), ...NON_CONFIG_ENV];
  const doc: Table = isTable(raw) ? cloneTree(raw) : {};
  const origins: Record<string, string> = {};
  const warnings: Warning[] = [];
  const problems: ConfigProblem[] = [];

  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(PREFIX) || ignored.has(name)) continue;
    const text = env[name];
    const key = byName.get(name);
    if (key === undefined) {
      warnings.push(unknownVariableWarning(name, known));
      continue;
    }
    if (text === undefined || text.trim() === "") continue;
    const fail = (problem: string): void => {
      const message = `environment variable ${name}: ${problem}; got '${quoted(text)}'`;
      problems.push({ code: "E_CONFIG_ENV", key: key.path, message, hint: null });
    };
    const converted = convert(key, text);
    if ("problem" in converted) {
      fail(converted.problem);
      continue;
    }
    const checked = v.safeParse(key.declared, converted.value);
    if (!checked.success) {
      const [first] = issueFindings(checked.issues, key.declared, converted.value, []);
      fail(first?.problem ?? "is not a valid value");
      continue;
    }
    if (setPath(doc, splitDotted(key.path), converted.value)) origins[key.path] = `env:${name}`;
  }

  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ReleasioError("E_CONFIG_ENV", first.message, { details: { problems } });
  }
  return { raw: doc, origins, warnings };
}
