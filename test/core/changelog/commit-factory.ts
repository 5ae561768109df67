import type { ChangelogOptions } from "../../../src/core/changelog/options.js";
import { DEFAULT_SECTION_HEADERS, DEFAULT_SECTION_ORDER } from "../../../src/core/changelog/options.js";
import { DEFAULT_IGNORE_AUTHORS } from "../../../src/core/config/schema.js";
import type { Author, CommitInfo } from "../../../src/core/plan/types.js";

let counter = 0;

export const JANE: Author = { name: "Jane Doe", email: "jane@example.com", login: null };

/** An included commit; the subject is rebuilt from type, scope and description unless given. */
export function commit(fields: Partial<CommitInfo> = {}): CommitInfo {
  counter += 1;
  const sha = fields.sha ?? `${counter.toString(16).padStart(7, "0")}${"e".repeat(33)}`;
  const type = fields.type === undefined ? "feat" : fields.type;
  const scope = fields.scope ?? null;
  const description = fields.description ?? `change ${counter}`;
  const header = type === null ? description : `${type}${scope ? `(${scope})` : ""}: ${description}`;
  return {
    sha,
    short_sha: sha.slice(0, 7),
    subject: header,
    part: null,
    author: JANE,
    date: "2024-05-01T12:00:00Z",
    type,
    scope,
    description,
    body: "",
    breaking: false,
    breaking_description: null,
    security: false,
    bump: "minor",
    included: true,
    reason: type === null ? "unconventional" : "minor-type",
    pr: null,
    packages: [],
    group: null,
    co_authors: [],
    ...fields,
  };
}

export const BOTS: string[] = [...DEFAULT_IGNORE_AUTHORS];

/** The `[changelog]` defaults of the product, with `overrides` applied (section titles merged key by key). */
export function changelogOptions(
  overrides: Partial<Omit<ChangelogOptions, "section_headers">> & {
    section_headers?: Record<string, string>;
  } = {},
): ChangelogOptions {
  const { section_headers, ...rest } = overrides;
  return {
    section_order: [...DEFAULT_SECTION_ORDER],
    links: true,
    show_authors: false,
    show_commit_hash: false,
    commit_template: null,
    show_first_time_contributors: false,
    first_contributor_badge: "🎉 First contribution!",
    ignore_authors: [...BOTS],
    ...rest,
    section_headers: { ...DEFAULT_SECTION_HEADERS, ...section_headers },
  };
}
