/**
 * Finding and reading the configuration file (PRODUCT.md §5.1): `--config`/`RELEASIO_CONFIG`, else the first of
 * `.releasio.toml`, `releasio.toml`, `pyproject.toml` with `[tool.releasio]` from the start directory up to the
 * repository root. Exactly one file is used; values then take environment overrides, and the caller applies flags.
 */
import { readFile, readlink, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { applyEnvOverrides } from "../../core/config/env.js";
import type { ReleasioConfig } from "../../core/config/schema.js";
import { markFloats } from "../../core/config/toml-float.js";
import { configTomlHint } from "../../core/config/toml-hint.js";
import { validateConfig } from "../../core/config/validate.js";
import { fileOrigins } from "../../core/config/written-keys.js";
import { ReleasioError, type Warning } from "../../core/errors.js";
import { parseToml } from "../../edits/toml-value.js";
import { findProjectDir, unreadableFile } from "./file-reader.js";

export { applyFlagOverrides } from "../../core/config/flags.js";

export interface LoadConfigOptions {
  /** Where discovery starts (the command's PATH). */
  cwd: string;
  /** Discovery never looks above this directory. */
  repoRoot: string;
  env: Record<string, string | undefined>;
  /**
   * `--config FILE`; when absent, `RELEASIO_CONFIG` from `env` is used. A relative name is taken from `cwd`: the
   * command line passes it resolved from the directory it was run in.
   */
  configFile?: string | null;
}

export interface LoadedConfig {
  config: ReleasioConfig;
  /** The file used: relative to the repository root (POSIX separators), or absolute when outside it. */
  file: string | null;
  /** Dotted key → `file:<path>` or `env:RELEASIO_X` for every value not at its default. */
  origins: Record<string, string>;
  warnings: Warning[];
}

const CANDIDATES = [".releasio.toml", "releasio.toml", "pyproject.toml"] as const;
const NO_FILE_LABEL = "(built-in defaults)";

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function labelOf(path: string, repoRoot: string): string {
  if (!isInside(repoRoot, path)) return path;
  return relative(repoRoot, path).split(sep).join("/");
}

/** The line and column (1-based) of the first byte that is not valid UTF-8, or null when the text is valid. */
function invalidUtf8At(bytes: Buffer): { line: number; column: number } | null {
  const text = bytes.toString("utf8");
  const roundTrip = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length && bytes[offset] === roundTrip[offset]) offset++;
  if (offset === bytes.length && roundTrip.length === bytes.length) return null;
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
  return { line, column: [...bytes.subarray(lineStart, offset).toString("utf8")].length + 1 };
}

async function readText(path: string, label: string): Promise<string | null> {
  try {
    const bytes = await readFile(path);
    // TOML is UTF-8: an invalid byte is refused, never read as U+FFFD.
    const invalid = invalidUtf8At(bytes);
    if (invalid !== null) {
      const { line, column } = invalid;
      throw new ReleasioError(
        "E_CONFIG_TOML",
        `invalid TOML in ${label} at line ${line}, column ${column}: the file is not valid UTF-8`,
        { hint: `save ${label} as UTF-8`, details: { file: label, line, column } },
      );
    }
    const text = bytes.toString("utf8");
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch (error) {
    if (error instanceof ReleasioError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      // A symlink to nothing names a configuration that is not there: refused, never passed over for the next one.
      const link = await readlink(path).catch(() => null);
      if (link === null) return null;
      throw new ReleasioError(
        "E_CONFIG_INVALID",
        `${label}: cannot be read: it is a symlink to ${link}, which does not exist`,
        {
          hint: `create ${link}, or remove the symlink ${label}`,
          details: { file: label, errno: code },
        },
      );
    }
    // Unreadable is not invalid TOML (a directory named like a configuration file included): the file, the
    // reason and how to make it readable (exit 2), never passed over for the next candidate.
    throw unreadableFile(label, error);
  }
}

/** Parses a configuration file; `prefix` is where releasio's keys start (`tool.releasio` in pyproject.toml). */
function parseConfigToml(
  text: string,
  label: string,
  prefix: readonly string[] = [],
): Record<string, unknown> {
  const doc = parseToml(
    text,
    (detail, { line, column, hint }) =>
      new ReleasioError("E_CONFIG_TOML", `invalid TOML in ${label} at ${detail}`, {
        hint: configTomlHint(text, line, hint, prefix),
        details: { file: label, line, column },
      }),
    true,
  );
  return markFloats(doc) as Record<string, unknown>;
}

const PYPROJECT_PREFIX = ["tool", "releasio"] as const;

/** The releasio table of a parsed `pyproject.toml`, or undefined when it has none. */
function releasioTable(doc: Record<string, unknown>): unknown {
  const tool = doc["tool"];
  if (tool === null || typeof tool !== "object" || Array.isArray(tool)) return undefined;
  return Object.hasOwn(tool, "releasio") ? (tool as Record<string, unknown>)["releasio"] : undefined;
}

interface FoundFile {
  path: string;
  label: string;
  raw: unknown;
  /** Set when the file is a `pyproject.toml` without a `[tool.releasio]` table. */
  noTable?: true;
}

/** Reads one file: a `pyproject.toml` through its `[tool.releasio]` table, any other file at the top level. */
async function readConfigFile(path: string, label: string): Promise<FoundFile | null> {
  const text = await readText(path, label);
  if (text === null) return null;
  const pyproject = basename(path) === "pyproject.toml";
  const doc = parseConfigToml(text, label, pyproject ? PYPROJECT_PREFIX : []);
  if (!pyproject) return { path, label, raw: doc };
  const table = releasioTable(doc);
  return table === undefined ? { path, label, raw: {}, noTable: true } : { path, label, raw: table };
}

async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

async function discover(cwd: string, repoRoot: string): Promise<FoundFile | null> {
  const root = await realOrResolved(repoRoot);
  let dir = await realOrResolved(cwd);
  const bounded = isInside(root, dir);
  for (;;) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (name !== "pyproject.toml") {
        const found = await readConfigFile(path, labelOf(path, root));
        if (found !== null) return found;
        continue;
      }
      const label = labelOf(path, root);
      const text = await readText(path, label);
      if (text === null) continue;
      const table = releasioTable(parseConfigToml(text, label, PYPROJECT_PREFIX));
      if (table !== undefined) return { path, label, raw: table };
    }
    const parent = dirname(dir);
    if (!bounded || dir === root || parent === dir) return null;
    dir = parent;
  }
}

async function explicitFile(
  configFile: string | null | undefined,
  options: LoadConfigOptions,
  root: string,
): Promise<FoundFile | null> {
  const fromEnv = options.env["RELEASIO_CONFIG"];
  const chosen = configFile ?? (fromEnv !== undefined && fromEnv.trim() !== "" ? fromEnv : null);
  if (chosen === null) return null;
  const path = resolve(options.cwd, chosen);
  const directory = await isDirectory(path);
  const found = directory ? null : await readConfigFile(path, labelOf(path, root));
  if (found !== null) return found;
  // The full path is added when the name given does not say it already.
  const where = chosen === path ? "" : ` (${path})`;
  const problem = directory ? `is a directory, not a configuration file${where}` : `file not found${where}`;
  const files = "an existing .releasio.toml, releasio.toml or pyproject.toml";
  if (configFile === undefined || configFile === null) {
    throw new ReleasioError(
      "E_CONFIG_ENV",
      `environment variable RELEASIO_CONFIG: ${problem}; got '${chosen}'`,
      {
        hint: `point RELEASIO_CONFIG at ${files}, or unset it to discover the file`,
      },
    );
  }
  throw new ReleasioError("E_USAGE", `--config ${chosen}: ${problem}`, { hint: `pass ${files}` });
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** The problems of an error, as listed in its details (itself alone when it lists none). */
function problemsOf(error: ReleasioError): unknown[] {
  const listed = error.details?.["problems"];
  return Array.isArray(listed)
    ? listed
    : [{ code: error.code, key: "", message: error.message, hint: error.hint }];
}

/**
 * Runs `step` (reading the environment overrides); when it fails, the file's own problems are reported with its
 * own, first, so that a bad variable never hides a bad file.
 */
function withFileProblems<T>(
  step: () => T,
  table: Record<string, unknown>,
  label: string,
  projectPath: string,
): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof ReleasioError)) throw error;
    try {
      validateConfig(table, label, { projectPath });
    } catch (fileError) {
      if (!(fileError instanceof ReleasioError)) throw fileError;
      const problems = [...problemsOf(fileError), ...problemsOf(error)];
      throw new ReleasioError(fileError.code, fileError.message, {
        hint: fileError.hint,
        details: { file: label, problems },
      });
    }
    throw error;
  }
}

/**
 * The project path the configuration's project-relative paths start from, relative to the (real) repository root:
 * the nearest directory at or above `cwd` with a project file, else `cwd` itself; `.` when `cwd` is outside.
 */
async function projectPathOf(cwd: string, root: string): Promise<string> {
  const start = await realOrResolved(cwd);
  if (!isInside(root, start)) return ".";
  return findProjectDir(root, start) ?? (relative(root, start).split(sep).join("/") || ".");
}

/**
 * A `pyproject.toml` named with `--config` or `RELEASIO_CONFIG` is used even without a `[tool.releasio]` table
 * (discovery skips such a file silently): nothing in it configures releasio, which is said.
 */
function noTableWarning(label: string): Warning {
  return {
    code: "W_CONFIG_NO_TABLE",
    message: `${label} has no [tool.releasio] table: the built-in defaults apply; add [tool.releasio] to configure releasio there`,
  };
}

/**
 * Loads the effective configuration: the discovered (or given) file, then `RELEASIO_*` overrides, validated
 * together. Throws E_CONFIG_TOML, E_CONFIG_UNKNOWN_KEY, E_CONFIG_INVALID, E_CONFIG_REMOVED_KEY or E_CONFIG_ENV.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const root = await realOrResolved(options.repoRoot);
  const projectPath = await projectPathOf(options.cwd, root);
  const found =
    (await explicitFile(options.configFile, options, root)) ??
    (await discover(options.cwd, options.repoRoot));
  const label = found?.label ?? NO_FILE_LABEL;
  const raw = found?.raw ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) validateConfig(raw, label);
  const table = raw as Record<string, unknown>;
  const env = withFileProblems(() => applyEnvOverrides(table, options.env), table, label, projectPath);
  const origins = { ...fileOrigins(table, label), ...env.origins };
  const validated = validateConfig(env.raw, label, { origins, written: table, projectPath });
  return {
    config: validated.config,
    file: found?.label ?? null,
    origins,
    warnings: [...(found?.noTable ? [noTableWarning(label)] : []), ...env.warnings, ...validated.warnings],
  };
}
