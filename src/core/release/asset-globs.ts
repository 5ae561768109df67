/**
 * `release.assets` globs (PRODUCT.md §11.3): relative to the project path, confined to the repository. `..` escapes
 * and absolute paths are configuration errors; matching files on disk (and refusing symlinks that leave the
 * repository) is the adapter's part.
 */
import { ReleasioError } from "../errors.js";
import { escapeRegExp } from "../text/escape-regexp.js";

export interface AssetGlob {
  /** The pattern as configured. */
  pattern: string;
  /** The pattern joined to the project path and normalised, relative to the repository root (POSIX). */
  path: string;
  /** The directory to start walking from (the leading segments without wildcards), "" for the root. */
  base: string;
  /** Matches repository-relative POSIX paths. */
  regex: RegExp;
}

const WILDCARD = /[*?[]/;

function isAbsolute(pattern: string): boolean {
  return /^([/\\]|[A-Za-z]:)/.test(pattern) || pattern.startsWith("~");
}

/** Normalises `a/./b/../c`; null when the path climbs above its start. */
function normalize(segments: readonly string[]): string[] | null {
  const out: string[] = [];
  for (const s of segments) {
    if (s === "" || s === ".") continue;
    if (s === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(s);
  }
  return out;
}

function segmentSource(segment: string): string {
  let src = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "*") src += "[^/]*";
    else if (ch === "?") src += "[^/]";
    else if (ch === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) src += "\\[";
      else {
        const body = segment
          .slice(i + 1, close)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        src += `[${body}]`;
        i = close;
      }
    } else src += escapeRegExp(ch);
  }
  return src;
}

/** A glob over POSIX paths: `**` spans directories, `*` and `?` stay within one, `[abc]` is a class. */
export function globRegExp(path: string): RegExp {
  const segments = path.split("/");
  let src = "^";
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "**") src += last ? ".*" : "(?:[^/]+/)*";
    else src += segmentSource(segment) + (last ? "" : "/");
  });
  return new RegExp(`${src}$`);
}

/**
 * Validates and compiles the asset globs; an absolute pattern or one that climbs out of the repository is
 * `E_CONFIG_INVALID` (exit 2), naming the file the key came from.
 */
export function compileAssetGlobs(
  patterns: readonly string[],
  projectPath: string,
  source: string,
): AssetGlob[] {
  return patterns.map((pattern) => {
    const refuse = (problem: string) =>
      new ReleasioError("E_CONFIG_INVALID", `${source}: 'release.assets' ${problem}; got '${pattern}'`, {
        hint: "asset globs are relative to the project path and must stay inside the repository",
      });
    if (pattern.trim() === "") throw refuse("entries must not be empty");
    if (isAbsolute(pattern)) throw refuse("must be relative, not an absolute path");
    const base = projectPath === "." ? [] : projectPath.split("/");
    const joined = normalize([...base, ...pattern.replace(/\\/g, "/").split("/")]);
    if (joined === null || joined.length === 0) throw refuse("must not escape the repository with '..'");
    const firstWild = joined.findIndex((s) => WILDCARD.test(s));
    const staticPart = firstWild === -1 ? joined.slice(0, -1) : joined.slice(0, firstWild);
    const path = joined.join("/");
    return { pattern, path, base: staticPart.join("/"), regex: globRegExp(path) };
  });
}
