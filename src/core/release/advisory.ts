/** The draft security advisory of a release (PRODUCT.md §8): built from the release's security commits. */
import type { CommitInfo } from "../plan/types.js";

/** A draft security advisory; the forge port takes it as is (`AdvisoryInput`). */
export interface AdvisoryDraft {
  summary: string;
  description: string;
  severity: "low" | "medium" | "high" | "critical";
  cveId: string | null;
  packageName: string;
  vulnerableRange: string;
  patchedVersions: string;
}

const CVE = /CVE-\d{4}-\d{4,}/gi;

export function advisorySummary(project: string, version: string): string {
  return `Security fixes in ${project} ${version}`;
}

/** The CVE ids named by the commits, upper-cased, in first-seen order. */
export function cveIds(commits: readonly CommitInfo[]): string[] {
  const ids = new Set<string>();
  for (const c of commits)
    for (const m of `${c.subject}\n${c.body}`.matchAll(CVE)) ids.add(m[0].toUpperCase());
  return [...ids];
}

export function advisoryInput(
  project: string,
  version: string,
  severity: AdvisoryDraft["severity"],
  securityCommits: readonly CommitInfo[],
): AdvisoryDraft {
  const ids = cveIds(securityCommits);
  const lines = securityCommits.map((c) => `- ${c.subject} (${c.short_sha})`);
  const description = [
    `${project} ${version} fixes the following security issues:`,
    "",
    ...lines,
    ...(ids.length > 0 ? ["", `CVE ids: ${ids.join(", ")}`] : []),
    "",
    `Upgrade to ${project} ${version} or later.`,
  ].join("\n");
  return {
    summary: advisorySummary(project, version),
    description,
    severity,
    cveId: ids.length === 1 ? ids[0]! : null,
    packageName: project,
    vulnerableRange: `< ${version}`,
    patchedVersions: version,
  };
}
