/**
 * The JSON output of every command as valibot schemas: the source of the shipped `schema/output/*.schema.json`
 * files. A compile-time check below keeps them identical to the exported TypeScript payload types.
 */
import * as v from "valibot";
import type { ChangelogPayload } from "./changelog.js";
import type { CheckPayload } from "./check.js";
import type { ConfigSchemaPayload, ConfigShowPayload } from "./config.js";
import type { UpdatePayload } from "./update.js";

const nullableString = v.nullable(v.string());
const integer = v.pipe(v.number(), v.safeInteger());
const bump = v.picklist(["major", "minor", "patch", "none"]);
const reason = v.picklist([
  "breaking",
  "major-type",
  "minor-type",
  "patch-type",
  "no-bump-type",
  "unconventional",
  "excluded-type",
  "skip-marker",
  "release-commit",
  "merge-commit",
  "scope-filtered",
  "outside-package",
]);

export const envelopeSchema = v.strictObject({
  schema: v.literal(1),
  command: v.string(),
  releasio_version: v.string(),
  ok: v.boolean(),
  exit_code: v.union([v.literal(0), v.literal(1), v.literal(2)]),
  dry_run: v.boolean(),
  warnings: v.array(v.strictObject({ code: v.string(), message: v.string() })),
  error: v.nullable(
    v.strictObject({
      code: v.string(),
      message: v.string(),
      hint: nullableString,
      details: v.nullable(v.record(v.string(), v.unknown())),
    }),
  ),
});

export const commitSchema = v.strictObject({
  sha: v.string(),
  short_sha: v.string(),
  subject: v.string(),
  part: v.nullable(integer),
  author: v.strictObject({ name: v.string(), email: v.string(), login: nullableString }),
  date: v.string(),
  type: nullableString,
  scope: nullableString,
  description: v.string(),
  breaking: v.boolean(),
  breaking_description: nullableString,
  security: v.boolean(),
  bump,
  included: v.boolean(),
  reason,
  pr: v.nullable(integer),
  packages: v.array(v.string()),
});

const planFields = {
  project: nullableString,
  path: v.string(),
  current_version: nullableString,
  previous_version: nullableString,
  previous_tag: nullableString,
  next_version: nullableString,
  tag: nullableString,
  bump,
  release_needed: v.boolean(),
  release_reason: v.nullable(
    v.picklist(["commits", "first-release", "pending-version", "override", "dependency"]),
  ),
  first_release: v.boolean(),
  prerelease: v.strictObject({
    token: v.nullable(v.picklist(["alpha", "beta", "rc", "dev"])),
    source: v.nullable(v.picklist(["flag", "channel", "config"])),
  }),
  pending_release: v.nullable(v.strictObject({ version: v.string(), tag: v.string(), commit: v.string() })),
  range: v.strictObject({ from: nullableString, to: v.string() }),
  changelog: v.string(),
  files: v.array(
    v.strictObject({
      path: v.string(),
      kind: v.picklist(["pyproject", "setup-cfg", "setup-py", "version-file", "lock-file", "changelog"]),
      from: nullableString,
      to: nullableString,
    }),
  ),
};
export const packagePlanSchema = v.strictObject(planFields);

export const checkSchema = v.strictObject({
  ...envelopeSchema.entries,
  ...planFields,
  head: v.string(),
  branch: nullableString,
  channel: nullableString,
  commits: v.array(commitSchema),
  packages: v.array(packagePlanSchema),
});

export const updateSchema = v.strictObject({
  ...checkSchema.entries,
  applied: v.boolean(),
  written: v.array(v.string()),
  hooks: v.array(
    v.strictObject({
      hook: v.string(),
      command: v.string(),
      exit_code: integer,
      duration_ms: v.number(),
    }),
  ),
});

export const changelogSchema = v.strictObject({
  ...envelopeSchema.entries,
  path: nullableString,
  written: v.boolean(),
  releases: v.array(
    v.strictObject({ version: v.string(), tag: v.string(), date: v.string(), commits: integer }),
  ),
  content: v.string(),
});

export const configShowSchema = v.strictObject({
  ...envelopeSchema.entries,
  files: v.array(v.string()),
  config: v.record(v.string(), v.unknown()),
  origins: v.record(v.string(), v.string()),
});

export const configSchemaSchema = v.strictObject({
  ...envelopeSchema.entries,
  json_schema: v.record(v.string(), v.unknown()),
});

/** Output schema per command name (also used for error envelopes, which carry only the envelope). */
export const OUTPUT_SCHEMAS = {
  check: checkSchema,
  explain: checkSchema,
  update: updateSchema,
  changelog: changelogSchema,
  "config-show": configShowSchema,
  "config-schema": configSchemaSchema,
} as const;

// Compile-time guarantee that the schemas describe exactly the exported payload types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertSame = <T extends true>(_: T) => _;
assertSame<Same<v.InferOutput<typeof checkSchema>, CheckPayload>>(true);
assertSame<Same<v.InferOutput<typeof updateSchema>, UpdatePayload>>(true);
assertSame<Same<v.InferOutput<typeof changelogSchema>, ChangelogPayload>>(true);
assertSame<Same<v.InferOutput<typeof configShowSchema>, ConfigShowPayload>>(true);
assertSame<Same<v.InferOutput<typeof configSchemaSchema>["exit_code"], ConfigSchemaPayload["exit_code"]>>(
  true,
);
