/**
 * Tags are read once per run with one `for-each-ref` listing, and annotated tags peeled by reading their objects in
 * one `cat-file` batch. Reachability from HEAD is asked separately and
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
// Reading the dates reads the tag objects anyway: the listing then also names what each points at (one level).
const WITH_DATES = `${FORMAT}%00%(*objecttype)%00%(*objectname)%00${DATE}`;

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

/** Git peels tags of tags without limit; no real tag chain is this long. */
const MAX_TAG_CHAIN = 10;

/** An annotated tag being peeled: the tag object it starts from, and the tag object it has come to. */
interface Peeling {
  from: string;
  at: string;
}

/**
 * What annotated tag objects peel to (through tags of tags): SHA → [type, SHA]. Each round reads the tag objects in
 * one buffered `cat-file --batch`, whose headers name what they point at: cheaper for git than resolving `sha^{}`
 * name by name. A tag of a tag takes another round; an object is read once, however many chains pass through it.
 */
async function peel(git: GitRunner, start: readonly Peeling[]): Promise<Map<string, [string, string]>> {
  const peeled = new Map<string, [string, string]>();
  // Each tag object read so far, with what it points at (null: missing, or not a tag).
  const read = new Map<string, [string, string] | null>();
  let pending = [...new Map(start.map((p) => [p.from, p])).values()];
  for (let round = 0; pending.length > 0 && round < MAX_TAG_CHAIN; round++) {
    const unread = [...new Set(pending.map((p) => p.at))].filter((sha) => !read.has(sha));
    if (unread.length > 0) {
      const input = `${unread.join("\n")}\n`;
      const targets = tagTargets(
        await git.text(["cat-file", "--batch", "--buffer"], { input, encoding: "latin1" }),
      );
      for (const sha of unread) read.set(sha, targets.get(sha) ?? null);
    }
    const next: Peeling[] = [];
    for (const p of pending) {
      const target = read.get(p.at);
      if (!target) continue;
      if (target[0] === "tag") next.push({ from: p.from, at: target[1] });
      else peeled.set(p.from, target);
    }
    pending = next;
  }
  return peeled;
}

/**
 * The targets named by the tag objects of a `cat-file --batch` output (decoded one character per byte, so that the
 * sizes in its headers are offsets): tag SHA → [type, SHA]. Missing objects and other kinds are left out.
 */
function tagTargets(batch: string): Map<string, [string, string]> {
  const targets = new Map<string, [string, string]>();
  let at = 0;
  while (at < batch.length) {
    const eol = batch.indexOf("\n", at);
    if (eol < 0) break;
    // `<sha> <type> <size>`, or `<name> missing` (no content follows).
    const [sha, type, size] = batch.slice(at, eol).split(" ");
    at = eol + 1;
    if (sha === undefined || size === undefined) continue;
    const end = at + Number(size);
    if (type === "tag") {
      const object = /^object ([0-9a-f]+)\ntype ([a-z]+)\n/.exec(batch.slice(at, Math.min(end, at + 200)));
      if (object) targets.set(sha, [object[2]!, object[1]!]);
    }
    // The content ends with a newline of its own.
    at = end + 1;
  }
  return targets;
}

/**
 * Every tag that points at a commit (directly or through an annotated tag); `reachable` is not yet known (false).
 * Tags of trees or blobs are not release tags.
 */
export async function listTags(git: GitRunner, options: ListTagsOptions = {}): Promise<GitTag[]> {
  const listed = rows(await git.text(["for-each-ref", options.dates ? WITH_DATES : FORMAT, "refs/tags"]));
  // Annotated tags the listing did not peel (without dates), and tags of tags (with them: from the inner tag, which
  // the listing names).
  const peeled = await peel(
    git,
    listed
      .filter(([, type, , pointsTo]) => type === "tag" && (pointsTo === undefined || pointsTo === "tag"))
      .map(([, , object, pointsTo, pointee]) => ({
        from: object!,
        at: pointsTo === "tag" && pointee ? pointee : object!,
      })),
  );
  const tags: GitTag[] = [];
  for (const [name, type, object, pointsTo, pointee, own, commitDate] of listed) {
    if (name === undefined || object === undefined) continue;
    const [targetType, target] =
      type !== "tag" ? [type, object] : (peeled.get(object) ?? (pointsTo ? [pointsTo, pointee] : []));
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
