/** `changelog`: regenerate the whole changelog from history, in one `git log` pass (§4.10). */
import { writeFilesAtomically } from "../adapters/fs/write-files.js";
import { blobIds, readBlobs } from "../adapters/git/blobs.js";
import { streamLog } from "../adapters/git/read-log.js";
import { requireGitCliff, runGitCliff } from "../adapters/process/git-cliff.js";
import {
  type DependencyChange,
  diffDependencies,
  LOCK_KINDS,
  type LockKind,
  parseLockVersions,
  releaseLockComparisons,
} from "../core/changelog/dependencies.js";
import { renderDocument, withUnreleasedSection } from "../core/changelog/document.js";
import { splitPreamble } from "../core/changelog/insert-entry.js";
import { authorKey, renderEntry } from "../core/changelog/render-entry.js";
import { classifyCommit } from "../core/commits/classify.js";
import { classifyOptions } from "../core/commits/rules.js";
import { ReleasioError } from "../core/errors.js";
import { commitsOfReleaseRanges, UNRELEASED } from "../core/plan/release-history.js";
import type { Author, CommitInfo } from "../core/plan/types.js";
import { projectFile } from "../core/project/files.js";
import { formatVersion, isFinal, versionsEqual } from "../core/version/pep440.js";
import { releaseDay, releaseTagPattern, releaseTags } from "../core/version/release-tags.js";
import { type Envelope, envelope } from "./envelope.js";
import { dependencyChanges, type PlanOptions, type ProjectState, readProject } from "./plan-release.js";
import { checkCleanTree } from "./preconditions.js";

export interface ChangelogOptions
  extends Omit<PlanOptions, "version" | "prerelease" | "notes" | "writing" | "preflight"> {
  execute?: boolean;
  /** Write the document to this file (`-` = stdout) instead of the configured changelog. */
  output?: string | null;
  prereleases?: boolean;
  unreleased?: boolean;
}

export interface ChangelogPayload extends Envelope {
  /** The file written, or with `--execute` the changelog that already held this document; null otherwise. */
  path: string | null;
  written: boolean;
  releases: { version: string; tag: string; date: string; commits: number }[];
  content: string;
}

/** A commit of the history: its graph edges and its classified entries (several for a split squash commit). */
interface ClassifiedNode {
  sha: string;
  parents: readonly string[];
  infos: CommitInfo[];
}

export async function changelog(options: ChangelogOptions = {}): Promise<ChangelogPayload> {
  const execute = options.execute === true;
  const rewritesChangelog = execute && !options.output;
  const state = await readProject({
    ...options,
    tagDates: true,
    ...(rewritesChangelog ? { preflight: (s) => checkCleanTree(s, true, options.allowDirty === true) } : {}),
  });
  const { config, git, root, head } = state;
  if (execute && !options.output && !config.changelog.enabled) {
    throw new ReleasioError(
      "E_USAGE",
      "changelog.enabled is false, so 'changelog --execute' has no file to write",
      {
        hint: "set changelog.enabled = true, or write the document elsewhere with -o FILE",
      },
    );
  }
  const changelogPath = projectFile(state.projectPath, config.changelog.path);
  const cliff = config.changelog.engine === "git-cliff";
  // A missing or too old git-cliff fails before the history is read.
  if (cliff) await requireGitCliff({ cwd: root, env: state.ctx.env, warnings: state.warnings });

  // One pass over the whole history serves every entry, and tells which tags are reachable from HEAD. Each
  // commit is classified as it arrives, while git is still writing the rest, and only what rendering needs is
  // kept.
  const rules = {
    ...classifyOptions(config, { breakingBumpsMinor: false }),
    keepBody: config.changelog.commit_template?.includes("{body}") ?? false,
  };
  // git-cliff renders the entries itself, but the releases and their commits are still releasio's (§6.12).
  const commits: ClassifiedNode[] = [];
  await streamLog(git, [head], (c) =>
    commits.push({ sha: c.sha, parents: c.parents, infos: cliff ? [] : classifyCommit(c, rules) }),
  );
  const inHistory = new Set<string>();
  for (const c of commits) inHistory.add(c.sha);
  // Oldest first, one tag per version: of tags with the same canonical version, `releaseTags` puts the one
  // spelled canonically first (§6.2 rule 4), and it alone gets the entry.
  const tags = releaseTags(state.rawTags, releaseTagPattern(config.version))
    .filter((t) => inHistory.has(t.commit) && (options.prereleases || isFinal(t.version)))
    .filter((t, i, all) => i === 0 || !versionsEqual(all[i - 1]!.version, t.version))
    .reverse();
  const releases: ChangelogPayload["releases"] = [];
  const entries: string[] = [];
  /**
   * With `--unreleased`, what takes the place of the file's own Unreleased section: the native entry, or nothing
   * with git-cliff, whose output carries the section itself.
   */
  let unreleased: string | null = null;

  if (cliff) {
    // The same releases as the native engine, for the JSON; git-cliff renders them in one run: up to the newest
    // listed release (the whole history when nothing follows it, or with --unreleased), with the skipped
    // pre-release tags' commits folded into the final release after them (--ignore-tags).
    const byRelease = commitsOfReleaseRanges(commits, tags, head);
    commits.length = 0;
    for (let i = tags.length - 1; i >= 0; i--) {
      const tag = tags[i]!;
      const date = tag.date === null ? "" : releaseDay(tag.date);
      releases.push({
        version: formatVersion(tag.version),
        tag: tag.name,
        date,
        commits: byRelease.get(tag.name)?.length ?? 0,
      });
    }
    const newest = tags[tags.length - 1];
    const upTo = options.unreleased || !newest || newest.commit === head ? null : newest.commit;
    const skipped = options.prereleases
      ? []
      : releaseTags(state.rawTags, releaseTagPattern(config.version))
          .filter((t) => inHistory.has(t.commit) && !isFinal(t.version))
          .map((t) => t.name);
    if (options.unreleased || newest) {
      const out = await runGitCliff({
        cwd: root,
        env: state.ctx.env,
        config: config.changelog.cliff_config,
        projectPath: state.projectPath,
        tag: null,
        range: upTo,
        includePath: null,
        ignoreTags: skipped,
        warnings: state.warnings,
      });
      entries.push(`${out}\n`);
      if (options.unreleased) unreleased = "";
    }
  } else {
    // Each entry covers `previous listed release..tag` (§4.10), so a commit can be in several entries: a fix
    // released on a maintenance branch and merged later is also in the next release of the branch it joins.
    const byRelease = commitsOfReleaseRanges(commits, tags, head);
    // From here each release's commits are held only by its group, and let go once its entry is rendered.
    commits.length = 0;
    inHistory.clear();
    const firstTimers = config.changelog.show_first_time_contributors
      ? firstTimersByRelease(byRelease, [...tags.map((t) => t.name), UNRELEASED])
      : new Map<string, Set<string>>();
    const dependencies = config.changelog.include_dependency_updates
      ? await dependenciesByRelease(state, tags)
      : new Map<string, DependencyChange[]>();
    const render = (
      release: string,
      name: string,
      version: string,
      previousTag: string | null,
      date: string,
      nodes: readonly ClassifiedNode[],
    ) =>
      renderEntry(
        {
          version,
          tag: name,
          previousTag,
          date,
          commits: nodes.flatMap((n) => n.infos),
          forge: state.forge,
          notes: null,
          firstTimeContributors: firstTimers.get(release) ?? new Set(),
          dependencies: dependencies.get(release) ?? [],
        },
        config.changelog,
      );
    const newest = tags[tags.length - 1];
    if (options.unreleased) {
      const raws = byRelease.get(UNRELEASED) ?? [];
      byRelease.delete(UNRELEASED);
      // Like `check`: the working tree's lock file against the newest release's.
      if (config.changelog.include_dependency_updates && newest) {
        const exclude = state.metadata?.normalizedName ? [state.metadata.normalizedName] : [];
        const changes = await dependencyChanges(git, state.reader, state.projectPath, newest.commit, exclude);
        dependencies.set(UNRELEASED, changes);
      }
      const entry = render(UNRELEASED, head, "Unreleased", newest?.name ?? null, "", raws);
      unreleased = entry.replace(/^## .*\n/, "## [Unreleased]\n");
    }
    for (let i = tags.length - 1; i >= 0; i--) {
      const tag = tags[i]!;
      const raws = byRelease.get(tag.name) ?? [];
      byRelease.delete(tag.name);
      const version = formatVersion(tag.version);
      const date = tag.date === null ? "" : releaseDay(tag.date);
      entries.push(render(tag.name, tag.name, version, tags[i - 1]?.name ?? null, date, raws));
      releases.push({ version, tag: tag.name, date, commits: raws.length });
    }
  }

  const existing = state.reader.read(changelogPath);
  // The preamble is the text before the first version heading (§4.10), so it holds the file's Unreleased section:
  // kept verbatim without --unreleased (§6.11), replaced by the regenerated one with it, never added twice.
  const preamble = splitPreamble(existing, config.changelog.header);
  const content = renderDocument(
    unreleased === null ? preamble : withUnreleasedSection(preamble, unreleased),
    entries,
  );
  let path: string | null = null;
  let written = false;
  if (options.output && options.output !== "-") {
    path = options.output;
    try {
      writeFilesAtomically(state.ctx.cwd, [{ path: options.output, content, original: null }]);
    } catch (error) {
      // The file is the flag's, not the configuration's: a refusal names the flag and its fix.
      if (!(error instanceof ReleasioError) || error.code !== "E_CONFIG_INVALID") throw error;
      throw new ReleasioError("E_USAGE", `-o ${error.message}`, {
        hint: "name the file to write, e.g. -o CHANGELOG.new.md, or -o - for stdout",
        details: error.details,
        cause: error,
      });
    }
    written = true;
  } else if (execute && !options.output) {
    // A file that already reads exactly so is left alone: `path` names it and `written` stays false.
    path = changelogPath;
    if (content !== existing) {
      writeFilesAtomically(root, [{ path: changelogPath, content, original: existing }]);
      written = true;
    }
  }
  return {
    ...envelope("changelog", !execute && !written, state.warnings.items),
    path,
    written,
    releases,
    content,
  };
}

/**
 * The Dependencies section of every release but the first (§6.10), by tag name: the first lock file present at
 * the release against the same file at the release before. Which files exist where is asked in one `git cat-file`
 * pass, and each distinct file content is read once, in a second, and reduced to its pins as it arrives.
 */
async function dependenciesByRelease(
  state: ProjectState,
  tags: readonly { name: string; commit: string }[],
): Promise<Map<string, DependencyChange[]>> {
  const { git, projectPath, metadata } = state;
  const paths = LOCK_KINDS.map((kind) => projectFile(projectPath, kind));
  const ids = await blobIds(
    git,
    tags.flatMap((tag) => paths.map((path) => ({ rev: tag.commit, path }))),
  );
  const present = tags.map((_, i) => {
    const files = new Map<LockKind, string>();
    LOCK_KINDS.forEach((kind, k) => {
      const id = ids[i * LOCK_KINDS.length + k];
      if (id) files.set(kind, id);
    });
    return files;
  });
  const comparisons = releaseLockComparisons(present);
  // Content id → the kinds it is read as (the same content could be two kinds of file).
  const wanted = new Map<string, Set<LockKind>>();
  for (const c of comparisons) {
    if (!c) continue;
    for (const id of [c.before, c.after]) {
      if (id !== null) wanted.set(id, (wanted.get(id) ?? new Set()).add(c.kind));
    }
  }
  const pins = new Map<string, Map<string, string>>();
  const key = (kind: LockKind, id: string) => `${kind}\0${id}`;
  const releaseOf = new Map<string, string>();
  comparisons.forEach((c, i) => {
    if (c) releaseOf.set(c.after, releaseOf.get(c.after) ?? tags[i]!.name);
  });
  await readBlobs(git, [...wanted.keys()], (id, text) => {
    for (const kind of wanted.get(id) ?? []) {
      try {
        pins.set(key(kind, id), parseLockVersions(kind, text));
      } catch (error) {
        if (!(error instanceof ReleasioError)) throw error;
        const at = releaseOf.get(id);
        throw new ReleasioError(
          error.code,
          `${projectFile(projectPath, kind)}${at ? ` at ${at}` : ""}: ${error.message.replace(/^[^:]*: /, "")}`,
          {
            hint: "fix the file in a later release, or set changelog.include_dependency_updates = false to regenerate the changelog without Dependencies sections",
            cause: error,
          },
        );
      }
    }
  });
  const exclude = metadata?.normalizedName ? [metadata.normalizedName] : [];
  const out = new Map<string, DependencyChange[]>();
  comparisons.forEach((c, i) => {
    if (!c) return;
    const before = c.before === null ? new Map<string, string>() : pins.get(key(c.kind, c.before))!;
    out.set(tags[i]!.name, diffDependencies(before, pins.get(key(c.kind, c.after))!, exclude));
  });
  return out;
}

/**
 * The first-time contributors of every release (§6.10), from the one pass: an author is new in the first entry
 * (oldest first) that lists one of their commits, unless that is the first release; an entry that lists them
 * again (a merged maintenance fix) does not badge them twice. `releases` are the group names, oldest first.
 * Commits of one author share an `Author` object, so a commit costs one Set lookup.
 */
function firstTimersByRelease(
  byRelease: ReadonlyMap<string, readonly ClassifiedNode[]>,
  releases: readonly string[],
): Map<string, Set<string>> {
  const seenAuthors = new Set<Author>();
  const seenKeys = new Set<string>();
  const out = new Map<string, Set<string>>();
  releases.forEach((release, index) => {
    const firsts = new Set<string>();
    for (const node of byRelease.get(release) ?? []) {
      for (const { author } of node.infos) {
        if (seenAuthors.has(author)) continue;
        seenAuthors.add(author);
        const key = authorKey(author);
        if (seenKeys.has(key)) continue;
        seenKeys.add(key);
        if (index > 0) firsts.add(key);
      }
    }
    out.set(release, firsts);
  });
  return out;
}
