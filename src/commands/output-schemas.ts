/**
 * The JSON output of every command as zod schemas: the source of the shipped `schema/output/*.schema.json`
 * files. A compile-time check below keeps them identical to the exported TypeScript payload types.
 */
import { z } from "zod";
import type { ChangelogPayload } from "./changelog.js";
import type { CheckPayload } from "./check.js";
import type { ConfigSchemaPayload, ConfigShowPayload } from "./config.js";
import type { UpdatePayload } from "./update.js";

const nullableString = z.string().nullable();
const bump = z.enum(["major", "minor", "patch", "none"]);
const reason = z.enum([
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

export const envelopeSchema = z.strictObject({
  schema: z.literal(1),
  command: z.string(),
  releasio_version: z.string(),
  ok: z.boolean(),
  exit_code: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  dry_run: z.boolean(),
  warnings: z.array(z.strictObject({ code: z.string(), message: z.string() })),
  error: z
    .strictObject({
      code: z.string(),
      message: z.string(),
      hint: nullableString,
      details: z.record(z.string(), z.unknown()).nullable(),
    })
    .nullable(),
});

export const commitSchema = z.strictObject({
  sha: z.string(),
  short_sha: z.string(),
  subject: z.string(),
  part: z.number().int().nullable(),
  author: z.strictObject({ name: z.string(), email: z.string(), login: nullableString }),
  date: z.string(),
  type: nullableString,
  scope: nullableString,
  description: z.string(),
  breaking: z.boolean(),
  breaking_description: nullableString,
  security: z.boolean(),
  bump,
  included: z.boolean(),
  reason,
  pr: z.number().int().nullable(),
  packages: z.array(z.string()),
});

const planFields = {
  project: nullableString,
  path: z.string(),
  current_version: nullableString,
  previous_version: nullableString,
  previous_tag: nullableString,
  next_version: nullableString,
  tag: nullableString,
  bump,
  release_needed: z.boolean(),
  release_reason: z
    .enum(["commits", "first-release", "pending-version", "override", "dependency"])
    .nullable(),
  first_release: z.boolean(),
  prerelease: z.strictObject({
    token: z.enum(["alpha", "beta", "rc", "dev"]).nullable(),
    source: z.enum(["flag", "channel", "config"]).nullable(),
  }),
  pending_release: z.strictObject({ version: z.string(), tag: z.string(), commit: z.string() }).nullable(),
  range: z.strictObject({ from: nullableString, to: z.string() }),
  changelog: z.string(),
  files: z.array(
    z.strictObject({
      path: z.string(),
      kind: z.enum(["pyproject", "setup-cfg", "setup-py", "version-file", "lock-file", "changelog"]),
      from: nullableString,
      to: nullableString,
    }),
  ),
};
export const packagePlanSchema = z.strictObject(planFields);

export const checkSchema = envelopeSchema.extend({
  ...planFields,
  head: z.string(),
  branch: nullableString,
  channel: nullableString,
  commits: z.array(commitSchema),
  packages: z.array(packagePlanSchema),
});

export const updateSchema = checkSchema.extend({
  applied: z.boolean(),
  written: z.array(z.string()),
  hooks: z.array(
    z.strictObject({
      hook: z.string(),
      command: z.string(),
      exit_code: z.number().int(),
      duration_ms: z.number(),
    }),
  ),
});

export const changelogSchema = envelopeSchema.extend({
  path: nullableString,
  written: z.boolean(),
  releases: z.array(
    z.strictObject({ version: z.string(), tag: z.string(), date: z.string(), commits: z.number().int() }),
  ),
  content: z.string(),
});

export const configShowSchema = envelopeSchema.extend({
  files: z.array(z.string()),
  config: z.record(z.string(), z.unknown()),
  origins: z.record(z.string(), z.string()),
});

export const configSchemaSchema = envelopeSchema.extend({ json_schema: z.record(z.string(), z.unknown()) });

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
assertSame<Same<z.infer<typeof checkSchema>, CheckPayload>>(true);
assertSame<Same<z.infer<typeof updateSchema>, UpdatePayload>>(true);
assertSame<Same<z.infer<typeof changelogSchema>, ChangelogPayload>>(true);
assertSame<Same<z.infer<typeof configShowSchema>, ConfigShowPayload>>(true);
assertSame<Same<z.infer<typeof configSchemaSchema>["exit_code"], ConfigSchemaPayload["exit_code"]>>(true);
