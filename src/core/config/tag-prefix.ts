/**
 * `version.tag_prefix` must start a tag name git accepts: `refs/tags/<prefix><version>` follows the rules of
 * `git check-ref-format`, checked here without git so that the configuration is refused when it loads.
 */
import type { KeyRule } from "./rules.js";

const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

function shown(char: string): string {
  if (char === " ") return "a space";
  return /[\x00-\x1f\x7f]/.test(char) ? "a control character" : `'${char}'`;
}

/** Why `refs/tags/<prefix>1.0.0` is not a valid git ref name, or null when it is. */
export function tagPrefixProblem(prefix: string): string | null {
  const name = `${prefix}1.0.0`;
  const forbidden = FORBIDDEN.exec(name)?.[0];
  if (forbidden !== undefined) return `contains ${shown(forbidden)}`;
  for (const sequence of ["..", "@{", "//"]) if (name.includes(sequence)) return `contains '${sequence}'`;
  if (name.startsWith("/")) return "starts with '/'";
  const part = name.split("/").find((p) => p.startsWith(".") || p.endsWith(".lock"));
  if (part !== undefined) return `has a path part '${part}' that starts with '.' or ends with '.lock'`;
  return null;
}

export const tagPrefixRule: KeyRule = (value) => {
  if (typeof value !== "string") return [];
  const problem = tagPrefixProblem(value);
  if (problem === null) return [];
  return [
    {
      problem: `does not form a valid git tag name (refs/tags/${value}1.0.0 ${problem})`,
      hint: 'use letters, digits and - _ . / (e.g. tag_prefix = "v"); git check-ref-format lists the rules',
    },
  ];
};
