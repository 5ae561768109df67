/** Detection rules of `init` (§4.8) over facts the command has read: refs, tags and lock files. */
import type { BuildTool } from "./settings.js";

/** `refs/remotes/<remote>/HEAD` → its branch; else `main`, else `master`, else the current branch, else `main`. */
export function detectDefaultBranch(input: {
  remoteHead: string | null;
  remote: string;
  localBranches: readonly string[];
  current: string | null;
}): string {
  const prefix = `refs/remotes/${input.remote}/`;
  if (input.remoteHead?.startsWith(prefix)) return input.remoteHead.slice(prefix.length);
  for (const name of ["main", "master"]) if (input.localBranches.includes(name)) return name;
  return input.current ?? "main";
}

const RELEASE_LIKE = /^(.*?)(\d+\.\d+(?:\.\d+)*(?:[-.]?(?:a|b|rc|alpha|beta|dev|post)\.?\d*)*)$/i;

/** The most common prefix of release-looking tags (`v1.2.0` → `v`, `1.2.0` → ``); `v` when there are none. */
export function detectTagPrefix(tags: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const tag of tags) {
    const m = RELEASE_LIKE.exec(tag);
    if (!m) continue;
    const prefix = m[1]!;
    // Per-package tags (`pkg-v1.0.0`) belong to workspaces, not to the single-project prefix.
    if (prefix !== "" && prefix !== "v" && prefix !== "V" && prefix !== "release-") continue;
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best = "v";
  let bestCount = 0;
  for (const [prefix, count] of counts) {
    if (count > bestCount) {
      best = prefix;
      bestCount = count;
    }
  }
  return best;
}

const LOCK_FILES: ReadonlyArray<readonly [string, BuildTool]> = [
  ["uv.lock", "uv"],
  ["poetry.lock", "poetry"],
  ["pdm.lock", "pdm"],
];

export function detectBuildTool(present: (file: string) => boolean): BuildTool {
  for (const [file, tool] of LOCK_FILES) if (present(file)) return tool;
  return "auto";
}
