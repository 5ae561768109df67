/** Title and commit message of the release PR: the `release_pr.*` templates (§6.13). */
import type { ReleasioConfig } from "../config/schema.js";
import type { PackagePlan } from "../plan/types.js";
import { renderTemplate } from "../text/template.js";

export interface ReleasePrText {
  title: string;
  commitMessage: string;
}

/** Values of the release_pr placeholders for the released packages (the first one names the release). */
export function releasePrValues(packages: readonly PackagePlan[], base: string): Record<string, string> {
  const released = packages.filter((p) => p.release_needed);
  const first = released[0] ?? packages[0];
  return {
    project: first?.project ?? "",
    version: first?.next_version ?? "",
    tag: first?.tag ?? "",
    previous_version: first?.previous_version ?? "",
    base,
    packages: released.map((p) => `${p.project ?? p.path} ${p.next_version ?? ""}`.trim()).join(", "),
  };
}

export function releasePrText(
  config: ReleasioConfig,
  packages: readonly PackagePlan[],
  base: string,
): ReleasePrText {
  const values = releasePrValues(packages, base);
  return {
    title: renderTemplate(config.release_pr.title, values).trim(),
    commitMessage: renderTemplate(config.release_pr.commit_message, values).trim(),
  };
}
