/** The repository's files as the pure core sees them: read on demand, relative POSIX paths. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { FileReader } from "../../core/project/files.js";

export function diskReader(root: string, tracked: ReadonlySet<string>): FileReader {
  const cache = new Map<string, string | null>();
  return {
    tracked,
    read(path: string): string | null {
      if (cache.has(path)) return cache.get(path)!;
      let text: string | null = null;
      try {
        text = readFileSync(join(root, path), "utf8");
      } catch {
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
