/**
 * Which extra files carry the version (PRODUCT.md §6.15): explicit `version.version_files` entries and, when
 * enabled, package `__version__` files found automatically.
 */

import { readPlainVersion } from "../../edits/plain-version-file.js";
import { findVersionAssignments, type PythonAssignment } from "../../edits/python-assignment.js";
import { versionFileError } from "../../edits/verify-error.js";
import { ReleasioError } from "../errors.js";
import { formatVersion, tryParseVersion } from "../version/pep440.js";
import { type FileReader, repoPath } from "./files.js";

/** One `version.version_files` entry; paths are relative to the project path. */
export type VersionFileSpec =
  | { kind: "path"; path: string }
  | { kind: "pattern"; path: string; pattern: string; count: number }
  | { kind: "toml_key"; path: string; toml_key: string }
  | { kind: "json_key"; path: string; json_key: string };

export interface DetectedVersionFile {
  /** Repository-relative path. */
  path: string;
  /** A Python module with version assignments, or a file holding only the version. */
  format: "python" | "plain";
}

/** Directories that hold no importable package of the project. */
const EXCLUDED_DIRECTORIES = new Set([
  "tests",
  "test",
  "docs",
  "doc",
  "examples",
  "scripts",
  "dist",
  "build",
]);

/** Checked in every package directory, in this order. */
const VERSION_MODULES = ["__version__.py", "_version.py", "__about__.py", "__init__.py", "version.py"];

/** A value written in a file equals the version `current` (canonical) when it is the same PEP 440 version. */
export function sameVersion(value: string, current: string | null): boolean {
  if (current === null) return false;
  if (value === current) return true;
  const parsed = tryParseVersion(value);
  return parsed !== null && formatVersion(parsed) === current;
}

/** The entry's path made repository-relative; one that leaves the repository is refused. */
export function versionFilePath(projectPath: string, spec: VersionFileSpec): string {
  const path = repoPath(projectPath, spec.path);
  if (path === null || path === ".") {
    throw versionFileError(spec.path, "version file paths must be relative and stay inside the repository");
  }
  return path;
}

function isPackageDirectory(name: string): boolean {
  return !name.startsWith(".") && !name.startsWith("_") && !EXCLUDED_DIRECTORIES.has(name);
}

/** Immediate sub-directories of `src/` and top-level directories with a tracked `__init__.py`. */
function packageDirectories(tracked: ReadonlySet<string>, base: string): string[] {
  const prefix = base === "." ? "" : `${base}/`;
  const directories = new Set<string>();
  for (const file of tracked) {
    if (!file.startsWith(prefix)) continue;
    const parts = file.slice(prefix.length).split("/");
    if (parts[0] === "src" && parts.length >= 3 && isPackageDirectory(parts[1] as string)) {
      directories.add(`${prefix}src/${parts[1]}`);
    } else if (parts.length === 2 && parts[1] === "__init__.py" && isPackageDirectory(parts[0] as string)) {
      directories.add(`${prefix}${parts[0]}`);
    }
  }
  return [...directories].sort();
}

/** A tracked package module (`__init__.py`, `_version.py`, …) and its version assignments. */
interface VersionModule {
  path: string;
  assignments: PythonAssignment[];
}

/** The tracked package version modules of the project that assign a version, in detection order. */
function versionModules(reader: FileReader, projectPath: string): VersionModule[] {
  const base = repoPath(projectPath, ".") ?? ".";
  const found: VersionModule[] = [];
  for (const directory of packageDirectories(reader.tracked, base)) {
    for (const module of VERSION_MODULES) {
      const path = `${directory}/${module}`;
      const text = reader.tracked.has(path) ? reader.read(path) : null;
      if (text === null) continue;
      const assignments = findVersionAssignments(text);
      if (assignments.length > 0) found.push({ path, assignments });
    }
  }
  return found;
}

/**
 * The project's own version modules that no release updates: not in `managed` (the declared sources, the
 * `version.version_files` entries and the auto-detected files). A module is the project's own when it holds
 * `current` or lies in the package directory named like the project (`normalizedName` `foo-bar` → `foo_bar`);
 * another package's module with another version (a vendored one) is left alone. Each reports its first assignment,
 * the one its package exposes at run time.
 */
export function unmanagedVersionModules(
  reader: FileReader,
  projectPath: string,
  managed: ReadonlySet<string>,
  current: string,
  normalizedName: string | null,
): { path: string; name: string; value: string }[] {
  const importName = normalizedName?.replaceAll("-", "_") ?? null;
  const own = (module: VersionModule) =>
    module.path.split("/").at(-2) === importName ||
    module.assignments.some((assignment) => sameVersion(assignment.value, current));
  return versionModules(reader, projectPath)
    .filter((module) => !managed.has(module.path) && own(module))
    .map((module) => {
      const first = module.assignments[0] as PythonAssignment;
      return { path: module.path, name: first.name, value: first.value };
    });
}

/** How to bring unmanaged version modules (see `unmanagedVersionModules`) under releasio's care. */
export function unmanagedModulesHint(autoDetect: boolean, current: string): string {
  return autoDetect
    ? `set the module to ${current} (auto-detection updates files holding the current version) or list it in version.version_files`
    : "set version.auto_detect_version_files = true (it updates files holding the current version) or list the module in version.version_files";
}

/**
 * Tracked package version modules with an assignment equal to `current`, plus a tracked `VERSION` at the project
 * root holding `current`. Nothing is detected when no version is declared.
 */
export function detectVersionFiles(
  reader: FileReader,
  projectPath: string,
  current: string | null,
): DetectedVersionFile[] {
  if (current === null) return [];
  const base = repoPath(projectPath, ".") ?? ".";
  const detected: DetectedVersionFile[] = versionModules(reader, projectPath)
    .filter((module) => module.assignments.some((assignment) => sameVersion(assignment.value, current)))
    .map((module) => ({ path: module.path, format: "python" }));
  const versionFile = repoPath(base, "VERSION") ?? "VERSION";
  const text = reader.tracked.has(versionFile) ? reader.read(versionFile) : null;
  const value = text === null ? null : readPlainVersion(text);
  if (value !== null && sameVersion(value, current)) detected.push({ path: versionFile, format: "plain" });
  return detected;
}

export type ResolvedVersionFile =
  | { origin: "explicit"; path: string; spec: VersionFileSpec }
  | { origin: "auto"; path: string; format: DetectedVersionFile["format"] };

/**
 * The explicit entries (each must exist: E_VERSION_FILE otherwise), then the auto-detected files not already
 * listed. Paths are repository-relative.
 */
/** Reads a file a setting names; a refusal of the path (a directory, a symlink out) names the setting too. */
function readSetting(reader: FileReader, path: string, key: string): string | null {
  try {
    return reader.read(path);
  } catch (error) {
    if (!(error instanceof ReleasioError) || error.code !== "E_CONFIG_INVALID") throw error;
    throw new ReleasioError(error.code, `'${key}': ${error.message}`, {
      hint: error.hint,
      details: { ...error.details, key },
      cause: error,
    });
  }
}

export function resolveVersionFiles(
  reader: FileReader,
  projectPath: string,
  specs: readonly VersionFileSpec[],
  autoDetect: boolean,
  current: string | null,
): ResolvedVersionFile[] {
  const explicit = specs.map((spec, i): ResolvedVersionFile => {
    const path = versionFilePath(projectPath, spec);
    if (readSetting(reader, path, `version.version_files[${i}]`) === null) {
      throw versionFileError(
        path,
        "the version file does not exist",
        "fix or remove the version.version_files entry",
      );
    }
    return { origin: "explicit", path, spec };
  });
  const listed = new Set(explicit.map((file) => file.path));
  const detected = autoDetect
    ? detectVersionFiles(reader, projectPath, current)
        .filter((file) => !listed.has(file.path))
        .map((file): ResolvedVersionFile => ({ origin: "auto", ...file }))
    : [];
  return [...explicit, ...detected];
}
