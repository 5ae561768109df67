/**
 * Tags are read once per run: one `for-each-ref` listing, plus one `--merged HEAD` listing for reachability
 * (git before 2.41 cannot mark reachability inside one listing).
 */
import type { GitTag } from "../../core/version/release-tags.js";
import type { GitRunner } from "./run-git.js";

const FORMAT =
  "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)";

export async function listTags(git: GitRunner, head = "HEAD"): Promise<GitTag[]> {
  const [all, merged] = await Promise.all([
    git.text(["for-each-ref", FORMAT, "refs/tags"]),
    git.text(["for-each-ref", "--format=%(refname:strip=2)", "--merged", head, "refs/tags"]),
  ]);
  const reachable = new Set(merged.split("\n").filter((l) => l !== ""));
  const tags: GitTag[] = [];
  for (const line of all.split("\n")) {
    if (line === "") continue;
    const [name, type, object, peeledType, peeled, date] = line.split("\0") as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // Annotated tags peel to their target; lightweight tags point at the commit directly. Tags of trees or
    // blobs are not release tags.
    const commit = type === "commit" ? object : peeledType === "commit" ? peeled : null;
    if (commit === null) continue;
    tags.push({ name, commit, reachable: reachable.has(name), date });
  }
  return tags;
}
