/**
 * The release PR description (§6.13): a marker line, the version table, the notes block, the changelog and a
 * footer. Forges cap the description, so an oversized changelog is cut at an entry boundary with a note.
 */
import { fitChangelog } from "../changelog/fit.js";
import type { PackagePlan } from "../plan/types.js";
import { count } from "../text/count.js";
import { NOTES_BEGIN, NOTES_END, NOTES_HELP } from "./notes.js";

export const BODY_MARKER = "<!-- releasio:release-pr schema=1 -->";
export const TRUNCATION_NOTE = "… truncated; see the changelog file in this PR.";

/** Description limits in characters (GitHub's pull request body, GitLab's merge request description). */
export const BODY_LIMITS = { github: 65_536, gitlab: 1_000_000 } as const;

export interface ReleasePrBodyInput {
  packages: readonly PackagePlan[];
  base: string;
  /** The base commit the branch was built on. */
  baseSha: string;
  /** Commits of the range(s) that were analysed. */
  commitsAnalysed: number;
  /** The carried notes (already extracted), or null. */
  notes: string | null;
  /** Maximum body length in characters. */
  limit: number;
}

function versionTable(packages: readonly PackagePlan[]): string {
  const released = packages.filter((p) => p.release_needed);
  const rows = released.map(
    (p) =>
      `| ${p.project ?? p.path} | ${p.first_release || !p.current_version ? "—" : p.current_version} | ${p.next_version ?? "—"} | ${p.bump} |`,
  );
  const firsts = released
    .filter((p) => p.first_release)
    .map((p) => `First release of ${p.project ?? p.path}.`);
  const table = ["| Package | Current | Next | Bump |", "|---|---|---|---|", ...rows].join("\n");
  // A text line right under a table would become a row, hence the blank line before the first-release notes.
  return firsts.length > 0 ? `${table}\n\n${firsts.join("\n")}` : table;
}

function notesBlock(notes: string | null): string {
  const inner = notes?.trim() ? `${NOTES_HELP}\n${notes.trim()}` : NOTES_HELP;
  return `${NOTES_BEGIN}\n${inner}\n${NOTES_END}`;
}

function footer(input: ReleasePrBodyInput): string {
  return (
    "---\n" +
    `<sub>Maintained by releasio: the branch and this description are regenerated on every run from \`${input.base}\` at\n` +
    `\`${input.baseSha.slice(0, 7)}\` (${count(input.commitsAnalysed, "commit")} analysed). Only the notes block is preserved.</sub>\n`
  );
}

export function renderReleasePrBody(input: ReleasePrBodyInput): { body: string; truncated: boolean } {
  const changelog = input.packages
    .filter((p) => p.release_needed)
    .map((p) => p.changelog.trimEnd())
    .join("\n\n");
  const head = `${BODY_MARKER}\n## Release\n\n${versionTable(input.packages)}\n\n${notesBlock(input.notes)}\n\n## Changelog\n\n`;
  const tail = `\n\n${footer(input)}`;
  const fitted = fitChangelog(changelog, input.limit - head.length - tail.length, { note: TRUNCATION_NOTE });
  return { body: `${head}${fitted.text}${tail}`, truncated: fitted.truncated };
}
