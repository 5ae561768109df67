/** Which configuration keys a document sets, for reporting where each effective value came from. */
import { configKeys } from "./keys.js";
import { DEPRECATED_ALIASES } from "./legacy-keys.js";
import { hasPath, splitDotted } from "./tree.js";

/**
 * The dotted keys a document sets, deprecated aliases reported as the key they now set. Scalars and lists are
 * reported one by one; lists of tables and maps (`branches`, `commits.commit_parsers`) as a whole.
 */
export function writtenKeys(raw: unknown): string[] {
  const keys = configKeys()
    .filter((k) => k.kind !== "table" && hasPath(raw, splitDotted(k.path)))
    .map((k) => k.path);
  for (const { alias, target } of DEPRECATED_ALIASES) {
    if (hasPath(raw, splitDotted(alias)) && !keys.includes(target)) keys.push(target);
  }
  return keys;
}

/** `{ key: "file:<label>" }` for every key the document sets. */
export function fileOrigins(raw: unknown, label: string): Record<string, string> {
  return Object.fromEntries(writtenKeys(raw).map((key) => [key, `file:${label}`]));
}
