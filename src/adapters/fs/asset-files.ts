/**
 * Matching `release.assets` globs on disk (PRODUCT.md §11.3). Walks from each glob's static base inside the
 * repository; a symlink whose real path leaves the repository is refused, never read.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { ReleasioError } from "../../core/errors.js";
import type { AssetGlob } from "../../core/release/asset-globs.js";
import { digestFile } from "../index/digests.js";
import { ATTESTATION_SUFFIX } from "../sigstore/attester.js";
import { isInside } from "./file-reader.js";

export interface MatchedAsset {
  name: string;
  /** Absolute path. */
  path: string;
  /** Repository-relative POSIX path. */
  relativePath: string;
  size: number;
  sha256: string;
  contentType: string;
}

const CONTENT_TYPES: [RegExp, string][] = [
  [/\.whl$/, "application/zip"],
  [/\.zip$/, "application/zip"],
  [/\.(tar\.gz|tgz)$/, "application/gzip"],
  [/\.json$/, "application/json"],
  [/\.(txt|md|sha256)$/, "text/plain"],
];

function contentType(name: string): string {
  return CONTENT_TYPES.find(([re]) => re.test(name))?.[1] ?? "application/octet-stream";
}

/** Every file under `dir` (repository-relative POSIX paths); symlinked directories are not followed. */
function walk(root: string, dir: string, out: string[]): void {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === ".git") continue;
    const rel = dir === "" ? e.name : `${dir}/${e.name}`;
    if (e.isDirectory()) walk(root, rel, out);
    else out.push(rel);
  }
}

export interface AssetMatch {
  files: MatchedAsset[];
  /** Patterns that matched no file (a warning, not an error). */
  unmatched: string[];
}

/** Resolves the globs to files (sorted by name, duplicates once) with their digests. */
export async function matchAssets(root: string, globs: readonly AssetGlob[]): Promise<AssetMatch> {
  const realRoot = realpathSync(root);
  const seen = new Map<string, MatchedAsset>();
  const unmatched: string[] = [];
  for (const glob of globs) {
    const candidates: string[] = [];
    walk(root, glob.base, candidates);
    // Attestations releasio saves next to the dists during upload are its own by-products (they are published on
    // the index): matching them would make a re-run try to add new assets to an already published release.
    const hits = candidates.filter((p) => glob.regex.test(p) && !p.endsWith(ATTESTATION_SUFFIX));
    if (hits.length === 0) unmatched.push(glob.pattern);
    for (const rel of hits) {
      if (seen.has(rel)) continue;
      const path = join(root, ...rel.split("/"));
      // Checked for every file: a symlinked directory on the glob's base leads outside as surely as a link.
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        throw new ReleasioError("E_CONFIG_INVALID", `release asset ${rel} is a dangling symlink`, {
          hint: "remove the link or the pattern that matches it",
        });
      }
      if (!isInside(realRoot, real)) {
        throw new ReleasioError(
          "E_CONFIG_INVALID",
          `release asset ${rel} is a symlink to a file outside the repository; it is not uploaded`,
          { hint: "assets must be files inside the repository; remove the link", exitCode: 1 },
        );
      }
      if (!statSync(path).isFile()) continue;
      const digests = await digestFile(path);
      const name = rel.slice(rel.lastIndexOf("/") + 1);
      seen.set(rel, {
        name,
        path,
        relativePath: rel,
        size: digests.size,
        sha256: digests.sha256,
        contentType: contentType(name),
      });
    }
  }
  const files = [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) {
      throw new ReleasioError("E_CONFIG_INVALID", `two release assets are named ${f.name}`, {
        hint: "asset names must be unique on a release; narrow the release.assets globs",
        exitCode: 1,
      });
    }
    names.add(f.name);
  }
  return { files, unmatched };
}
