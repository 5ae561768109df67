/**
 * Command-line flags that set configuration keys (`--allow-dirty`, `--registry`, …): the highest precedence
 * (PRODUCT.md §5.1). The caller parses its options; this checks each value like a file value and records where it
 * came from.
 */
import * as v from "valibot";
import { ReleasioError } from "../errors.js";
import { issueFindings, quoted } from "./findings.js";
import { configKey } from "./keys.js";
import { KEY_RULES } from "./rules.js";
import type { ReleasioConfig } from "./schema.js";
import { setPath, splitDotted, type Table } from "./tree.js";

/** `publish.dist_dir` → `--dist-dir`, unless the caller names the flag. */
function flagName(key: string, names: Readonly<Record<string, string>>): string {
  const named = names[key];
  if (named !== undefined) return named.startsWith("-") ? named : `--${named}`;
  return `--${(key.split(".").pop() ?? key).replaceAll("_", "-")}`;
}

/** A flag's value as quoted in a message: credentials in URLs are removed (§11), a long value is shortened. */
function shown(value: unknown): string {
  return quoted(typeof value === "string" ? value : JSON.stringify(value));
}

/**
 * Sets dotted keys from command-line values, in place, and records `flag:--<name>` origins (also in place).
 * Undefined values are skipped. `flagNames` maps a key to its flag when the flag is not named after the key
 * (e.g. `{ "publish.enabled": "--skip-publish" }`). Returns the same configuration object.
 * Throws E_USAGE for a value of the wrong type and E_INSECURE_URL for an http index URL.
 */
export function applyFlagOverrides(
  config: ReleasioConfig,
  overrides: Readonly<Record<string, unknown>>,
  origins: Record<string, string>,
  flagNames: Readonly<Record<string, string>> = {},
): ReleasioConfig {
  const allowHttpLocalhost = overrides["publish.allow_http_localhost"] ?? config.publish.allow_http_localhost;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const flag = flagName(key, flagNames);
    const known = configKey(key);
    if (known === null || known.kind === "table") {
      throw new ReleasioError("E_USAGE", `${flag}: '${key}' is not a configuration key that a flag can set`);
    }
    const parsed = v.safeParse(known.declared, value);
    if (!parsed.success) {
      const [first] = issueFindings(parsed.issues, known.declared, value, []);
      throw new ReleasioError(
        "E_USAGE",
        `${flag}: ${first?.problem ?? "is not valid"}; got '${shown(value)}'`,
        {
          details: { key, flag },
        },
      );
    }
    const [finding] =
      KEY_RULES[key]?.(parsed.output, { allowHttpLocalhost: allowHttpLocalhost === true }) ?? [];
    if (finding !== undefined) {
      const insecure = finding.code === "E_INSECURE_URL";
      const message = insecure
        ? `${flag}: '${shown(value)}' ${finding.problem}`
        : `${flag}: ${finding.problem}; got '${shown(value)}'`;
      throw new ReleasioError(insecure ? "E_INSECURE_URL" : "E_USAGE", message, {
        hint: finding.hint ?? null,
        details: { key, flag },
      });
    }
    setPath(config as unknown as Table, splitDotted(key), parsed.output);
    origins[key] = `flag:${flag}`;
  }
  return config;
}
