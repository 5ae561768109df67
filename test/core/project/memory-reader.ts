import type { FileReader } from "../../../src/core/project/files.js";

/** An in-memory repository: every file is tracked unless listed in `untracked`. */
export function memoryReader(files: Record<string, string>, untracked: readonly string[] = []): FileReader {
  const skip = new Set(untracked);
  return {
    read: (path) => (Object.hasOwn(files, path) ? (files[path] as string) : null),
    tracked: new Set(Object.keys(files).filter((path) => !skip.has(path))),
  };
}
