/**
 * The forge release body (PRODUCT.md §6.14): the changelog section of the version, then Contributors, Assets,
 * Installation and the full-changelog link, each only when enabled and non-empty.
 */
import { sameVersion, versionSections } from "../changelog/version-headings.js";

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

export function renderReleaseBody(input: ReleaseBodyInput): string {
  const blocks: string[] = [];
  const notes = input.notes.trim();
  if (notes !== "") blocks.push(notes);
  if (input.contributors && input.contributors.length > 0) {
    const lines = input.contributors.map((c) => `- ${c.label}${c.firstTime ? " (first contribution)" : ""}`);
    blocks.push(["### Contributors", "", ...lines].join("\n"));
  }
  if (input.assets && input.assets.length > 0) {
    const lines = input.assets.map((a) => `- \`${a.name}\` — sha256 \`${a.sha256}\``);
    blocks.push(["### Assets", "", ...lines].join("\n"));
  }
  if (input.installation) blocks.push(installation(input.installation));
  if (input.compareUrl) blocks.push(`**Full changelog**: ${input.compareUrl}`);
  return `${blocks.join("\n\n")}\n`;
}
