/** Read-only view of the repository's files, relative POSIX paths from the repository root. */
export interface FileReader {
  read(path: string): string | null;
  tracked: ReadonlySet<string>;
}

/**
 * Joins a project path and a path relative to it into a normalised repository-relative path, or null when the
 * result is absolute or leaves the repository.
 */
export function repoPath(projectPath: string, relative: string): string | null {
  if (relative.startsWith("/") || /^[A-Za-z]:[\\/]/.test(relative)) return null;
  const parts: string[] = [];
  for (const part of `${projectPath}/${relative}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? "." : parts.join("/");
}

/** The project path itself followed by each parent up to the repository root (`.`). */
export function selfAndParents(projectPath: string): string[] {
  const start = repoPath(projectPath, ".") ?? ".";
  const chain = [start];
  let current = start;
  while (current !== ".") {
    const slash = current.lastIndexOf("/");
    current = slash < 0 ? "." : current.slice(0, slash);
    chain.push(current);
  }
  return chain;
}

/**
 * A file of the project, relative to the repository root and normalised: `projectFile(".", "uv.lock")` is
 * `uv.lock`, `projectFile("pkg", "../CHANGELOG.md")` is `CHANGELOG.md`. A path the configuration could not have
 * accepted (absolute, or leaving the repository) is joined as given.
 */
export function projectFile(projectPath: string, file: string): string {
  return repoPath(projectPath, file) ?? (projectPath === "." ? file : `${projectPath}/${file}`);
}
