/**
 * Tags are read once per run with one `for-each-ref` listing. Reachability from HEAD is asked separately and
 * only for the tags that can matter: git answers `--merged` for a few named refs by walking just past them,
 * while asking it for every tag walks the whole history.
 */
import type { GitTag } from "../../core/version/release-tags.js";
import type { GitRunner } from "./run-git.js";

const FORMAT =
  "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)";

/** Every tag that points at a commit (directly or through an annotated tag); `reachable` is not yet known (false). */
export async function listTags(git: GitRunner): Promise<GitTag[]> {
  const all = await git.text(["for-each-ref", FORMAT, "refs/tags"]);
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
    tags.push({ name, commit, reachable: false, date });
  }
  return tags;
}

/** The names among `names` whose tags are reachable from `head`: one `for-each-ref --merged` for the batch. */
export async function reachableTagNames(
  git: GitRunner,
  head: string,
  names: readonly string[],
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const out = await git.text([
    "for-each-ref",
    "--format=%(refname:strip=2)",
    "--merged",
    head,
    ...names.map((n) => `refs/tags/${n}`),
  ]);
  return new Set(out.split("\n").filter((l) => l !== ""));
}
