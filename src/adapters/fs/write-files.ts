/**
 * Writes a set of files as one change: each through a temporary file and a rename; if any write fails, the
 * files already written are restored to their original content (or removed when they did not exist) and no
 * temporary file is left behind. Every target is checked before the first write (PRODUCT.md §11.3): a symlink is
 * written at its real file inside the repository, and a symlink leaving it, a directory or a path that cannot be
 * created is refused, so a refusal changes nothing.
 */
import { chmodSync, mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { ReleasioError } from "../../core/errors.js";
import { type FileTarget, fileTarget, toPosix } from "./file-reader.js";

export interface FileWrite {
  /** Relative to the root. */
  path: string;
  content: string;
  /** The content before the change; null when the file is new. */
  original: string | null;
}

/** Why a file-system call failed, by errno, and what to do about it. */
const REASONS: Readonly<Record<string, [reason: string, hint: string]>> = {
  EACCES: ["permission denied", "make the file and its directory writable"],
  EPERM: [
    "operation not permitted",
    "make the file writable (check its permissions and attributes, e.g. chattr -i)",
  ],
  EROFS: ["the file system is read-only", "run releasio in a writable checkout"],
  ENOSPC: ["no space left on the device", "free some disk space"],
  EDQUOT: ["the disk quota is exceeded", "free some disk space"],
  EISDIR: ["it is a directory", "point the configuration at a file"],
  ENOTDIR: ["a directory on its path is a file", "point the configuration at a file inside a directory"],
};

function writeError(path: string, code: string, error: Error, unrestored: readonly string[]): ReleasioError {
  const [reason, hint] = REASONS[code] ?? [error.message, "fix the file system problem"];
  const outcome =
    unrestored.length === 0
      ? "the files already written were restored"
      : `could not restore ${unrestored.join(", ")} (check them with git status)`;
  return new ReleasioError("E_WRITE_FAILED", `cannot write ${path}: ${reason} (${code}); ${outcome}`, {
    hint: `${hint}, then re-run`,
    details: { file: path, errno: code },
    cause: error,
  });
}

/** Writes `file` through a temporary file next to it, keeping the mode of the file it replaces. */
function atomicWrite(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.releasio-${process.pid}.tmp`;
  try {
    const mode = statSync(file, { throwIfNoEntry: false })?.mode;
    writeFileSync(tmp, content, "utf8");
    if (mode !== undefined) chmodSync(tmp, mode & 0o7777);
    renameSync(tmp, file);
  } catch (error) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // The write's own failure is the one to report.
    }
    throw error;
  }
}

/** The target of each write, all checked before anything is written. */
function targetsOf(root: string, writes: readonly FileWrite[]): FileTarget[] {
  return writes.map((w) => {
    const target = fileTarget(root, w.path);
    if (!target.creatable) {
      throw new ReleasioError(
        "E_CONFIG_INVALID",
        `${w.path} cannot be created: a directory on its path is a file`,
        {
          hint: "point the configuration at a path whose directories are directories",
          details: { file: w.path },
        },
      );
    }
    return target;
  });
}

/**
 * Writes every file or none. Returns the repository-relative POSIX paths of the files written, which differ from
 * the requested paths for symlinks (their real files are written).
 */
export function writeFilesAtomically(root: string, writes: readonly FileWrite[]): string[] {
  const targets = targetsOf(root, writes);
  let done = 0;
  try {
    for (; done < writes.length; done++) atomicWrite(targets[done]!.real, writes[done]!.content);
  } catch (error) {
    const unrestored: string[] = [];
    for (let i = done - 1; i >= 0; i--) {
      const { original, path } = writes[i]!;
      try {
        if (original === null) rmSync(targets[i]!.real, { force: true });
        else atomicWrite(targets[i]!.real, original);
      } catch {
        unrestored.push(path);
      }
    }
    const errno = (error as NodeJS.ErrnoException | null)?.code;
    if (typeof errno !== "string") throw error;
    throw writeError(writes[done]!.path, errno, error as Error, unrestored);
  }
  const realRoot = realpathSync(root);
  return targets.map((t) => toPosix(relative(realRoot, t.real)));
}
