/** The repository's files as the pure core sees them: read on demand, relative POSIX paths. */
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ReleasioError } from "../../core/errors.js";
import type { FileReader } from "../../core/project/files.js";

/** Whether `path` is `root` or below it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The file behind a path releasio reads or writes. */
export interface FileTarget {
  /** Absolute path of the real file: a symlink's target, never the link itself. */
  real: string;
  exists: boolean;
  /** False when the file is missing and cannot be created: a directory on its way is a file. */
  creatable: boolean;
}

function refused(path: string, problem: string, hint: string): ReleasioError {
  return new ReleasioError("E_CONFIG_INVALID", `${path} ${problem}`, { hint, details: { file: path } });
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Why a file could not be read, by errno. */
const READ_REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a directory, not a file",
  EIO: "an input/output error occurred",
};

const PROJECT_FILE_NAMES = new Set(["pyproject.toml", "setup.cfg", "setup.py"]);

/**
 * The error for a file releasio needs but cannot read (exit 2, PRODUCT.md §3.6): E_PROJECT_METADATA for the
 * project's own files (pyproject.toml, setup.cfg, setup.py), E_CONFIG_INVALID for a configuration file. `label`
 * names the file as the user knows it (relative to the repository root).
 */
export function unreadableFile(label: string, error: unknown): ReleasioError {
  const errno = errnoOf(error) ?? "";
  const reason = READ_REASONS[errno] ?? (error instanceof Error ? error.message : String(error));
  const code = PROJECT_FILE_NAMES.has(basename(label)) ? "E_PROJECT_METADATA" : "E_CONFIG_INVALID";
  const hint =
    errno === "EISDIR"
      ? `replace the directory ${label} with the file, or remove it`
      : `make ${label} readable by the user running releasio (e.g. chmod u+r ${label}), then re-run`;
  return new ReleasioError(code, `${label}: cannot be read: ${reason}${errno === "" ? "" : ` (${errno})`}`, {
    hint,
    details: { file: label, ...(errno === "" ? {} : { errno }) },
    cause: error,
  });
}

/**
 * Where `path` (relative to `root`) really is, under the rules of PRODUCT.md §11.3: a path that goes through a
 * symlink must end inside the repository, a dangling symlink is refused, and an existing target must be a regular
 * file. Refusals are E_CONFIG_INVALID naming the path, before anything is read or written.
 */
export function fileTarget(root: string, path: string): FileTarget {
  const notAFile = () =>
    refused(
      path,
      "is a directory, not a file",
      "point the setting that names it at a file (e.g. docs/CHANGELOG.md rather than docs), or remove the directory",
    );
  if (path === "" || /[/\\]$/.test(path) || [".", ".."].includes(basename(path))) throw notAFile();
  const absolute = resolve(root, path);
  // The nearest existing ancestor (or the path itself) and the names below it that do not exist yet.
  let existing = absolute;
  const missing: string[] = [];
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch (error) {
      const code = errnoOf(error);
      if ((code !== "ENOENT" && code !== "ENOTDIR") || dirname(existing) === existing) throw error;
      missing.unshift(basename(existing));
      existing = dirname(existing);
    }
  }
  let realExisting: string;
  try {
    realExisting = realpathSync(existing);
  } catch (error) {
    const code = errnoOf(error);
    if (code !== "ENOENT" && code !== "ELOOP") throw error;
    const link = lstatSync(existing).isSymbolicLink() ? ` -> ${readlinkSync(existing)}` : "";
    throw refused(
      path,
      `goes through a symlink that leads nowhere (${relative(root, existing) || existing}${link}: ${code})`,
      "remove the symlink or create the file it points to",
    );
  }
  const real = join(realExisting, ...missing);
  const realRoot = realpathSync(root);
  // A path inside the repository whose real path is not went through a symlink (a path given outside it, such as
  // `changelog --output`, is the caller's choice).
  if (isInside(root, absolute) && !isInside(realRoot, real)) {
    throw refused(
      path,
      `resolves through a symlink to ${real}, outside the repository; releasio neither reads nor writes it`,
      "replace the symlink with the file itself, or point it at a file inside the repository",
    );
  }
  const stats = statSync(realExisting);
  if (missing.length > 0) return { real, exists: false, creatable: stats.isDirectory() };
  if (!stats.isFile()) throw notAFile();
  return { real, exists: true, creatable: true };
}

/**
 * Reads the files in `root` through {@link fileTarget}: a symlink is read at its target (refused when that leaves
 * the repository), so the plan sees what a write will change. A missing or unreadable file reads as null.
 */
export function diskReader(root: string, tracked: ReadonlySet<string>): FileReader {
  const cache = new Map<string, string | null>();
  return {
    tracked,
    read(path: string): string | null {
      if (cache.has(path)) return cache.get(path)!;
      let text: string | null = null;
      try {
        const target = fileTarget(root, path);
        text = target.exists ? readFileSync(target.real, "utf8") : null;
      } catch (error) {
        if (error instanceof ReleasioError) throw error;
        // A project file that exists but cannot be read is an error, never a project without metadata.
        const errno = errnoOf(error);
        if (errno !== "ENOENT" && errno !== "ENOTDIR" && PROJECT_FILE_NAMES.has(basename(path))) {
          throw unreadableFile(path, error);
        }
        text = null;
      }
      cache.set(path, text);
      return text;
    },
  };
}

const PROJECT_FILES = ["pyproject.toml", "setup.cfg", "setup.py"];

/**
 * The project path: the nearest directory at or above `start` (never above the repository root) holding a
 * project file. Returns a POSIX path relative to the root ("." for the root), or null when none exists.
 */
export function findProjectDir(root: string, start: string): string | null {
  let dir = start;
  for (;;) {
    if (PROJECT_FILES.some((f) => existsSync(join(dir, f)))) return toPosix(relative(root, dir)) || ".";
    if (dir === root || !relative(root, dir) || relative(root, dir).startsWith("..")) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
