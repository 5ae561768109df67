/** `config show` and `config schema` (§4.11). */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { stringify } from "smol-toml";
import { applyFlagOverrides } from "../core/config/flags.js";
import { configJsonSchema } from "../core/config/json-schema.js";
import type { ReleasioConfig, VersionFileSpec } from "../core/config/schema.js";
import { ReleasioError } from "../core/errors.js";
import { didYouMean } from "../core/text/did-you-mean.js";
import { redactUrlCredentials } from "../core/text/redact.js";
import { type CommonOptions, contextFrom, isOffline } from "./context.js";
import { type Envelope, envelope } from "./envelope.js";
import { readConfigOnly } from "./read-config.js";

export interface ConfigShowPayload extends Envelope {
  files: string[];
  config: Record<string, unknown>;
  origins: Record<string, string>;
}

/** TOML cannot hold null: keys whose value is null are left out of the rendering. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

/**
 * A `version.version_files` entry as the configuration takes it (§5.5): a plain path, or the table of its form.
 * The loaded entry also records which form it is (`kind`), which is not a key of the file.
 */
function writtenVersionFile(entry: VersionFileSpec): string | Record<string, string | number> {
  switch (entry.kind) {
    case "path":
      return entry.path;
    case "pattern":
      return { path: entry.path, pattern: entry.pattern, count: entry.count };
    case "toml_key":
      return { path: entry.path, toml_key: entry.toml_key };
    case "json_key":
      return { path: entry.path, json_key: entry.json_key };
  }
}

/**
 * The effective configuration in the form a configuration file takes: what `config show` prints loads back as
 * the same configuration, and its JSON validates against the configuration's JSON Schema.
 */
function writtenForm(config: ReleasioConfig): Record<string, unknown> {
  return {
    ...config,
    version: { ...config.version, version_files: config.version.version_files.map(writtenVersionFile) },
  };
}

/** The configuration as shown: every string with the credentials of its URLs removed (§11). */
function redacted(value: unknown): unknown {
  if (typeof value === "string") return redactUrlCredentials(value);
  if (Array.isArray(value)) return value.map(redacted);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v)]));
  }
  return value;
}

/** The human rendering of `config show`: the origins of non-default values, then the configuration as TOML. */
export function configToml(payload: ConfigShowPayload): string {
  const originLines = Object.entries(payload.origins).map(([k, o]) => `# ${k}: ${o}`);
  const head = originLines.length
    ? `${originLines.join("\n")}\n\n`
    : `# all values are defaults${payload.files.length ? "" : " (no configuration file found)"}\n\n`;
  return `${head}${stringify(withoutNulls(payload.config) as Record<string, unknown>)}\n`;
}

export async function configShow(options: CommonOptions & { path?: string }): Promise<ConfigShowPayload> {
  // The environment shown is checked as every command checks it: RELEASIO_OFFLINE=maybe is an error here too.
  isOffline(options, contextFrom(options).env);
  const loaded = await readConfigOnly(options);
  for (const w of loaded.warnings) options.logger?.warn(w);
  // The flags that set a key are shown like any other source (`flag:--allow-dirty`).
  const origins = { ...loaded.origins };
  const config = applyFlagOverrides(
    loaded.config,
    { allow_dirty: options.allowDirty === true ? true : undefined },
    origins,
  );
  return {
    ...envelope("config", false, loaded.warnings),
    files: loaded.file ? [loaded.file] : [],
    config: redacted(writtenForm(config)) as Record<string, unknown>,
    origins,
  };
}

export interface ConfigSchemaPayload extends Envelope {
  json_schema: object;
}

export function configSchema(): ConfigSchemaPayload {
  return { ...envelope("config", false, []), json_schema: configJsonSchema("top-level") };
}

/**
 * `config <word>` where the subcommand belongs: E_USAGE naming it and the subcommands. A word that names an
 * existing path is told the `config show` command that shows its configuration.
 */
export function unknownConfigSubcommand(word: string, cwd: string): ReleasioError {
  const suggestion = didYouMean(word, ["show", "schema"]);
  const hint = existsSync(resolve(cwd, word))
    ? `to show the configuration of '${word}', run 'releasio config show ${word}'`
    : suggestion
      ? `did you mean 'releasio config ${suggestion}'?`
      : "run 'releasio config show [PATH]' or 'releasio config schema'";
  return new ReleasioError(
    "E_USAGE",
    `unknown config subcommand '${word}' (the subcommands are show and schema)`,
    { hint, details: { subcommand: word, subcommands: ["show", "schema"] } },
  );
}
