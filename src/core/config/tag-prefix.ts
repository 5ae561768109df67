/**
 * `version.tag_prefix` must start a tag name git accepts: `refs/tags/<prefix><version>` follows the rules of
 * `git check-ref-format`, checked here without git so that the configuration is refused when it loads.
 */
import { MAX_REF_PART_BYTES, refNameProblem } from "../git/ref-name.js";
import type { KeyRule } from "./rules.js";

/** Why `refs/tags/<prefix>1.0.0` is not a valid git ref name, or null when it is. */
export function tagPrefixProblem(prefix: string): string | null {
  return refNameProblem(`${prefix}1.0.0`);
}

/** The longest prefix quoted inside the problem; the value itself is shown (shortened) after "got". */
const MAX_PREFIX_SHOWN = 40;

export const tagPrefixRule: KeyRule = (value) => {
  if (typeof value !== "string") return [];
  const problem = tagPrefixProblem(value);
  if (problem === null) return [];
  const shown = value.length <= MAX_PREFIX_SHOWN && !/[\x00-\x1f\x7f]/.test(value) ? value : "<prefix>";
  const tooLong = problem.startsWith("has a path part of");
  return [
    {
      problem: `does not form a valid git tag name (refs/tags/${shown}1.0.0 ${problem})`,
      hint: tooLong
        ? `shorten the prefix: its last part (after any '/') and the version must fit in ${MAX_REF_PART_BYTES} bytes (e.g. tag_prefix = "v")`
        : 'use letters, digits and - _ . / (e.g. tag_prefix = "v"); git check-ref-format lists the rules',
    },
  ];
};
