/**
 * The forge release body (PRODUCT.md §6.14): the changelog section of the version, then Contributors, Assets,
 * Installation and the full-changelog link, each only when enabled and non-empty.
 */
import { fitChangelog } from "../changelog/fit.js";
import { sameVersion, versionSections } from "../changelog/version-headings.js";

/**
 * The longest release description a forge accepts, in characters: GitHub refuses a longer body with a 422, which
 * would leave a tagged release without its forge release. GitLab bounds a release's description by its text-size
 * limit, 1,000,000 characters (a merge request's by 1,048,576).
 */
export const RELEASE_BODY_LIMITS = { github: 125_000, gitlab: 1_000_000 } as const;

export interface Contributor {
  /** `@login` when the login is known, else the author's name. */
  label: string;
  firstTime: boolean;
}

export type KnownIndex = "pypi" | "testpypi";

export interface ReleaseBodyInput {
  /** The section text without its heading line. */
  notes: string;
  /** Null when the section is disabled. */
  contributors: readonly Contributor[] | null;
  assets: readonly { name: string; sha256: string }[] | null;
  /** Null when disabled, nothing is published, or the index is not PyPI/TestPyPI. */
  installation: { project: string; version: string; index: KnownIndex } | null;
  compareUrl: string | null;
  /** The forge's limit in characters (see RELEASE_BODY_LIMITS); none when absent. */
  limit?: number;
  /** Where the whole entry can be read when the notes are cut (the changelog file); null when nowhere. */
  changelogFile?: string | null;
}

/**
 * The body of the `## <version>` section of a changelog document, without the heading line; null when the
 * document has no section for the version.
 */
export function changelogSection(document: string, version: string): string | null {
  const lines = document.replace(/\r\n?/g, "\n").split("\n");
  const section = versionSections(lines).find((s) => sameVersion(s.version, version));
  if (!section) return null;
  return lines
    .slice(section.start + 1, section.end)
    .join("\n")
    .trim();
}

/** A rendered entry without its first (heading) line. */
export function entryWithoutHeading(entry: string): string {
  const lines = entry.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((l) => /^ {0,3}##\s/.test(l));
  return (first === -1 ? lines : lines.slice(first + 1)).join("\n").trim();
}

const INDEX_OPTION: Record<KnownIndex, string> = {
  pypi: "",
  testpypi: " -i https://test.pypi.org/simple/",
};

function installation(i: NonNullable<ReleaseBodyInput["installation"]>): string {
  const spec = `${i.project}==${i.version}`;
  return [
    "### Installation",
    "",
    "```sh",
    `pip install${INDEX_OPTION[i.index]} ${spec}`,
    `uv add${INDEX_OPTION[i.index]} ${spec}`,
    "```",
  ].join("\n");
}

function contributorsBlock(contributors: readonly Contributor[], shown = contributors.length): string {
  const lines = contributors
    .slice(0, shown)
    .map((c) => `- ${c.label}${c.firstTime ? " (first contribution)" : ""}`);
  if (shown < contributors.length) lines.push(`- … and ${contributors.length - shown} more`);
  return ["### Contributors", "", ...lines].join("\n");
}

function joinBlocks(blocks: readonly string[]): string {
  return `${blocks.filter((b) => b !== "").join("\n\n")}\n`;
}

/**
 * The blocks after the notes, within `room` characters when that is possible: only the list of contributors can
 * give way (to a count of the others); assets, installation and the link stay whole.
 */
function tailBlocks(input: ReleaseBodyInput, room: number): string[] {
  const rest: string[] = [];
  if (input.assets && input.assets.length > 0) {
    const lines = input.assets.map((a) => `- \`${a.name}\` — sha256 \`${a.sha256}\``);
    rest.push(["### Assets", "", ...lines].join("\n"));
  }
  if (input.installation) rest.push(installation(input.installation));
  if (input.compareUrl) rest.push(`**Full changelog**: ${input.compareUrl}`);
  const contributors = input.contributors ?? [];
  if (contributors.length === 0) return rest;
  let shown = contributors.length;
  const fits = (n: number) => joinBlocks([contributorsBlock(contributors, n), ...rest]).length <= room;
  if (!fits(shown)) {
    // The most contributors that fit, found by halving: each try renders the block once.
    let low = 0;
    let high = shown;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(mid)) low = mid;
      else high = mid - 1;
    }
    shown = low;
  }
  return [contributorsBlock(contributors, shown), ...rest];
}

export function renderReleaseBody(input: ReleaseBodyInput): string {
  const notes = input.notes.trim();
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  const whole = joinBlocks([notes, ...tailBlocks(input, Number.POSITIVE_INFINITY)]);
  if (whole.length <= limit) return whole;
  // The notes give way first, cut between entries; the rest keeps at most half of the limit.
  const note = `… truncated to the forge's limit of ${limit.toLocaleString("en-US")} characters for a release${
    input.changelogFile ? `; the whole entry is in ${input.changelogFile}` : ""
  }.`;
  const tail = tailBlocks(input, Math.floor(limit / 2));
  const room = limit - joinBlocks(tail).length - 2;
  const fitted = notes === "" ? "" : fitChangelog(notes, room, { note }).text;
  return joinBlocks([fitted, ...tail]);
}
