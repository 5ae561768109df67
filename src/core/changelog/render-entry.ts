/** The native changelog entry (§6.10): one renderer for CHANGELOG.md, the release PR and the forge release. */
import type { CommitInfo } from "../plan/types.js";
import { commitLines } from "./commit-line.js";
import { type DependencyChange, formatDependencyChange } from "./dependencies.js";
import { releaseUrl } from "./links.js";
import type { ChangelogOptions, ForgeLinks } from "./options.js";
import { planSections } from "./sections.js";

export { authorKey } from "./commit-line.js";

export interface EntryInput {
  version: string;
  tag: string;
  /** Null for a first release: the heading then links the tag's tree instead of a comparison. */
  previousTag: string | null;
  /** `YYYY-MM-DD` (UTC), formatted by the caller; "" for an undated entry such as `Unreleased`. */
  date: string;
  /** Newest first; only `included` commits are listed, in this order within each section. */
  commits: readonly CommitInfo[];
  forge: ForgeLinks | null;
  /** The release PR's notes block, placed right after the heading when non-empty. */
  notes: string | null;
  /** Author keys (login, else lower-cased email) of first-time contributors; empty on a first release. */
  firstTimeContributors: ReadonlySet<string>;
  dependencies: readonly DependencyChange[];
}

function heading(input: EntryInput, options: ChangelogOptions): string {
  const date = input.date === "" ? "" : ` - ${input.date}`;
  if (!options.links || input.forge === null) return `## [${input.version}]${date}`;
  return `## [${input.version}](${releaseUrl(input.forge, input.previousTag, input.tag)})${date}`;
}

/** Notes are free text: line endings, edge blank lines and runs of blank lines are normalised. */
function notesBlock(notes: string | null): string | null {
  if (notes === null) return null;
  const text = notes
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text === "" ? null : text;
}

/** The entry's Markdown, ending with exactly one newline. */
export function renderEntry(input: EntryInput, options: ChangelogOptions): string {
  const context = {
    forge: input.forge,
    options,
    // Nobody is new to a project's first release.
    firstTimers: input.previousTag === null ? new Set<string>() : input.firstTimeContributors,
  };
  const blocks = [heading(input, options)];
  const notes = notesBlock(input.notes);
  if (notes !== null) blocks.push(notes);

  const included = input.commits.filter((commit) => commit.included);
  const dependencies = input.dependencies.filter((change) => formatDependencyChange(change) !== null);
  for (const section of planSections(included, dependencies, options)) {
    const lines = [
      ...section.commits.flatMap((commit) => commitLines(commit, context)),
      ...section.dependencies.map((change) => formatDependencyChange(change)!),
    ];
    blocks.push(`### ${section.title}\n\n${lines.join("\n")}`);
  }
  return `${blocks.join("\n\n")}\n`;
}
