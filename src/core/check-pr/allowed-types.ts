/** The commit types a PR title may use (§4.7 rule 4). */
import { STANDARD_TYPES } from "../commits/parse-commit.js";
import type { ReleasioConfig } from "../config/schema.js";

/** Standard types, the configured bump types, custom parser types and `check_pr.extra_types`, each once. */
export function allowedTypes(config: ReleasioConfig): string[] {
  const c = config.commits;
  const all = [
    ...STANDARD_TYPES,
    ...c.types_major,
    ...c.types_minor,
    ...c.types_patch,
    ...c.commit_parsers.map((p) => p.type),
    ...config.check_pr.extra_types,
  ].map((t) => t.toLowerCase());
  return [...new Set(all)];
}
