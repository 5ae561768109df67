/**
 * Tags are read once per run with one `for-each-ref` listing, and annotated tags peeled with one `cat-file`
 * batch. Reachability from HEAD is asked separately and
 * only for the tags that can matter: git answers `--merged` for a few named refs by walking just past them,
 * while asking it for every tag walks the whole history.
 */
import type { GitTag } from "../../core/version/release-tags.js";
import type { GitRunner } from "./run-git.js";

// Only the refs and their objects' types: asking for dates makes git read every tagged object, which on thousands
// of tags takes several times as long; annotated tags are peeled afterwards, in one batch.
const FORMAT = "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)";
// A tag's date: an annotated tag's own, else its commit's (GitTag.date). An annotated tag without a tagger line
// (made by old git or by conversion tools) has no date of its own: its commit's is given next to it.
const DATE = "%(creatordate:iso-strict)%00%(*committerdate:iso-strict)";
const WITH_DATES = `${FORMAT}%00${DATE}`;

export interface ListTagsOptions {
  /** Also read each tag's date (the changelog's release dates); otherwise `date` is null. */
  dates?: boolean;
}

function rows(listing: string): string[][] {
  return listing
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\0"));
}

/** What annotated tag objects peel to (through tags of tags), in one `cat-file` batch: SHA → [type, SHA]. */
async function peel(git: GitRunner, tagObjects: readonly string[]): Promise<Map<string, [string, string]>> {
  const peeled = new Map<string, [string, string]>();
  if (tagObjects.length === 0) return peeled;
  const out = await git.text(["cat-file", "--batch-check=%(objecttype) %(objectname)"], {
    input: `${tagObjects.map((sha) => `${sha}^{}`).join("\n")}\n`,
  });
  const lines = out.split("\n");
  tagObjects.forEach((sha, i) => {
    const [type, object] = (lines[i] ?? "").split(" ");
    if (type && object && object !== "missing") peeled.set(sha, [type, object]);
  });
  return peeled;
}

/**
 * Every tag that points at a commit (directly or through an annotated tag); `reachable` is not yet known (false).
 * Tags of trees or blobs are not release tags.
 */
export async function listTags(git: GitRunner, options: ListTagsOptions = {}): Promise<GitTag[]> {
  const listed = rows(await git.text(["for-each-ref", options.dates ? WITH_DATES : FORMAT, "refs/tags"]));
  const peeled = await peel(
    git,
    listed.filter(([, type]) => type === "tag").map(([, , object]) => object!),
  );
  const tags: GitTag[] = [];
  for (const [name, type, object, own, commitDate] of listed) {
    if (name === undefined || object === undefined) continue;
    const [targetType, target] = type === "tag" ? (peeled.get(object) ?? []) : [type, object];
    if (targetType === "commit" && target) {
      tags.push({ name, commit: target, reachable: false, date: own || commitDate || null });
    }
  }
  return tags;
}

/** One tag's date, as the listing with dates gives it (ISO 8601); null when there is no such tag. */
export async function tagDate(git: GitRunner, name: string): Promise<string | null> {
  const out = await git.text(["for-each-ref", `--format=${DATE}`, `refs/tags/${name}`]);
  const [own, commitDate] = out.trim().split("\0");
  return own || commitDate || null;
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
