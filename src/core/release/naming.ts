/** The release's name (`release.name_format`) and the `make_latest` decision of §6.14. */
import { renderTemplate } from "../text/template.js";
import { compareVersions, isFinal, type Version } from "../version/pep440.js";

export interface ReleaseNameValues {
  project: string;
  package: string;
  version: string;
  tag: string;
  previous_version: string;
  previous_tag: string;
}

export function releaseName(format: string, values: ReleaseNameValues): string {
  return renderTemplate(format, { ...values }).trim();
}

/**
 * `make_latest` is true only for a final release that is the highest final release among all release tags
 * (so publishing a 1.0.x patch after 2.0.0 does not move "latest" back).
 */
export function makeLatest(version: Version, releaseTagVersions: readonly Version[]): boolean {
  if (!isFinal(version)) return false;
  return releaseTagVersions.every((v) => !isFinal(v) || compareVersions(v, version) <= 0);
}
