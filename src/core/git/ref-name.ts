/**
 * Git ref names checked without git: the rules of `git check-ref-format` (and of `git branch` for branch names),
 * plus the file system's limit on a path part, since git stores a ref (and its `.lock` file) as a file.
 */

/** The longest path part of a ref, in UTF-8 bytes: git writes `<part>.lock` within a 255-byte file name. */
export const MAX_REF_PART_BYTES = 250;

const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/** The longest path part quoted in a problem. */
const MAX_PART_SHOWN = 40;

function shownChar(char: string): string {
  if (char === " ") return "a space";
  return /[\x00-\x1f\x7f]/.test(char) ? "a control character" : `'${char}'`;
}

function shownPart(part: string): string {
  const clipped = part.length > MAX_PART_SHOWN ? `${part.slice(0, MAX_PART_SHOWN - 1)}…` : part;
  return `'${clipped}'`;
}

/**
 * Why `name`, the part of a ref after `refs/heads/` or `refs/tags/`, does not make a valid ref name, or null when
 * it does. The problem says what is wrong without repeating the whole name (which may be long).
 */
export function refNameProblem(name: string): string | null {
  if (name === "") return "is empty";
  const forbidden = FORBIDDEN.exec(name)?.[0];
  if (forbidden !== undefined) return `contains ${shownChar(forbidden)}`;
  for (const sequence of ["..", "@{"]) if (name.includes(sequence)) return `contains '${sequence}'`;
  if (name.startsWith("/")) return "starts with '/'";
  if (name.endsWith("/")) return "ends with '/'";
  if (name.includes("//")) return "contains '//'";
  if (name.endsWith(".")) return "ends with '.'";
  const parts = name.split("/");
  const dotted = parts.find((p) => p.startsWith("."));
  if (dotted !== undefined) return `has a path part ${shownPart(dotted)} that starts with '.'`;
  const locked = parts.find((p) => p.endsWith(".lock"));
  if (locked !== undefined) return `has a path part ${shownPart(locked)} that ends with '.lock'`;
  for (const part of parts) {
    const bytes = Buffer.byteLength(part, "utf8");
    if (bytes > MAX_REF_PART_BYTES) {
      return `has a path part of ${bytes} bytes (at most ${MAX_REF_PART_BYTES}: git stores each part as a file name)`;
    }
  }
  return null;
}

/**
 * Why `name` is not a branch name git accepts (`refs/heads/<name>`, as `git branch` checks it), or null when it
 * is one. `HEAD` and `@` (which means HEAD) are refused, and so is a leading `-` (it would read as an option).
 */
export function branchNameProblem(name: string): string | null {
  if (name.startsWith("-")) return "starts with '-'";
  if (name === "HEAD" || name === "@") return `is '${name}', which git reserves for the current commit`;
  return refNameProblem(name);
}

/**
 * A branch name git accepts made from `name` by replacing what git refuses (`feature branch` → `feature-branch`),
 * or null when nothing usable is left.
 */
export function sanitizeBranchName(name: string): string | null {
  const cleaned = name
    .replace(/[\x00-\x20\x7f~^:?*[\\]+/g, "-")
    .replace(/@\{/g, "@-")
    .replace(/\.{2,}/g, ".")
    .replace(/\/{2,}/g, "/")
    .split("/")
    .map((part) =>
      part
        .replace(/^\.+/, "")
        .replace(/(\.lock)+$/, "")
        .replace(/^-+/, ""),
    )
    .filter((part) => part !== "")
    .join("/")
    .replace(/^-+/, "")
    .replace(/[-.]+$/, "");
  return cleaned !== "" && branchNameProblem(cleaned) === null ? cleaned : null;
}
