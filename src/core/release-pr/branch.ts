/** The release PR's head branch (§4.3): one per base branch, so channels get their own PR. */
import type { ReleasioConfig } from "../config/schema.js";

/** `release_pr.branch` for the default branch, `<release_pr.branch>-<base with / → ->` for any other base. */
export function releasePrBranch(config: ReleasioConfig, base: string): string {
  if (base === config.default_branch) return config.release_pr.branch;
  return `${config.release_pr.branch}-${base.replace(/\//g, "-")}`;
}
