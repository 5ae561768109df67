/**
 * The JSON output of every command as valibot schemas: the source of the shipped `schema/output/*.schema.json`
 * files. A compile-time check below keeps them identical to the exported TypeScript payload types.
 */
import * as v from "valibot";
import { ERROR_CODES, type ErrorCode, WARNING_CODES, type WarningCode } from "../core/codes.js";
import type { ChangelogPayload } from "./changelog.js";
import type { CheckPayload } from "./check.js";
import type { CheckPrPayload } from "./check-pr.js";
import type { ConfigSchemaPayload, ConfigShowPayload } from "./config.js";
import type { DoReleasePayload } from "./do-release.js";
import type { DoctorPayload } from "./doctor.js";
import type { InitPayload } from "./init.js";
import type { PublishPayload } from "./publish.js";
import type { ReleasePayload } from "./release.js";
import type { ReleasePrPayload } from "./release-pr.js";
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

const errorCode = v.picklist(Object.keys(ERROR_CODES) as ErrorCode[]);
const warningCode = v.picklist(Object.keys(WARNING_CODES) as WarningCode[]);

const errorSchema = v.strictObject({
  code: errorCode,
  message: v.string(),
  hint: nullableString,
  details: v.nullable(v.record(v.string(), v.unknown())),
});

/**
 * The envelope every output carries (§3.5). It checks the envelope's fields only: a failure also carries the
 * command's payload fields, all null (see `failureSchema`).
 */
export const envelopeSchema = v.object({
  schema: v.literal(1),
  command: v.string(),
  releasio_version: v.string(),
  ok: v.boolean(),
  exit_code: v.union([v.literal(0), v.literal(1), v.literal(2)]),
  dry_run: v.boolean(),
  warnings: v.array(v.strictObject({ code: warningCode, message: v.string() })),
  error: v.nullable(errorSchema),
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

/** `release` (§4.4): the journal, one entry per released package, dists and assets. */
const distStatus = v.picklist(["planned", "uploaded", "already-present", "skipped", "failed"]);

/** One step of the release journal (`release`, `do-release`, `publish`). */
const stepSchema = v.strictObject({
  id: v.string(),
  package: nullableString,
  status: v.picklist(["planned", "done", "skipped", "failed", "not-run"]),
  reason: nullableString,
  message: v.string(),
  duration_ms: v.nullable(v.number()),
});
export const releaseSchema = v.strictObject({
  ...envelopeSchema.entries,
  released: v.boolean(),
  releases: v.array(
    v.strictObject({
      project: v.string(),
      version: v.string(),
      tag: v.string(),
      previous_tag: nullableString,
      previous_version: nullableString,
      commit: v.string(),
      prerelease: v.boolean(),
      status: v.picklist(["planned", "released", "resumed", "already-released", "incomplete", "failed"]),
      release_url: nullableString,
      index_url: nullableString,
      dists: v.array(
        v.strictObject({
          filename: v.string(),
          size: integer,
          sha256: v.string(),
          blake2b_256: v.string(),
          status: distStatus,
          attestation: v.boolean(),
        }),
      ),
      assets: v.array(
        v.strictObject({ name: v.string(), size: integer, sha256: v.string(), status: distStatus }),
      ),
    }),
  ),
  steps: v.array(stepSchema),
  version: nullableString,
  tag: nullableString,
  previous_version: nullableString,
  release_url: nullableString,
});

export const releasePrSchema = v.strictObject({
  ...checkSchema.entries,
  pr: v.nullable(
    v.strictObject({
      action: v.picklist([
        "created",
        "updated",
        "unchanged",
        "closed",
        "none",
        "would-create",
        "would-update",
        "would-close",
      ]),
      number: v.nullable(integer),
      url: nullableString,
      branch: v.string(),
      base: v.string(),
      title: v.string(),
      labels: v.array(v.string()),
      draft: v.boolean(),
      body: v.string(),
    }),
  ),
  pushed: v.boolean(),
  commit: nullableString,
});

export const checkPrSchema = v.strictObject({
  ...envelopeSchema.entries,
  title: nullableString,
  source: v.nullable(v.picklist(["flag", "env", "event"])),
  valid: v.boolean(),
  type: nullableString,
  scope: nullableString,
  breaking: v.boolean(),
  description: nullableString,
  bump,
  problems: v.array(
    v.strictObject({
      code: v.picklist(["empty", "too-long", "format", "type", "scope-required", "scope"]),
      message: v.string(),
    }),
  ),
  allowed_types: v.array(v.string()),
  comment: v.nullable(
    v.strictObject({ action: v.picklist(["created", "updated", "unchanged"]), url: nullableString }),
  ),
});

export const doctorSchema = v.strictObject({
  ...envelopeSchema.entries,
  checks: v.array(
    v.strictObject({
      id: v.string(),
      status: v.picklist(["ok", "warn", "fail", "skip"]),
      message: v.string(),
      hint: nullableString,
    }),
  ),
  trusted_publishing: v.strictObject({
    registry: v.string(),
    audience: nullableString,
    expected: v.strictObject({
      provider: v.picklist(["github", "gitlab"]),
      owner: nullableString,
      repository: nullableString,
      workflow: nullableString,
      environment: nullableString,
    }),
    claims: v.nullable(v.record(v.string(), v.unknown())),
    add_publisher_url: nullableString,
    exchange: v.picklist(["ok", "failed", "not-run"]),
  }),
});

export const initSchema = v.strictObject({
  ...envelopeSchema.entries,
  target: v.string(),
  files: v.array(
    v.strictObject({
      path: v.string(),
      action: v.picklist(["create", "update", "unchanged"]),
      content: v.string(),
    }),
  ),
});

/** `publish` (§4.6): the registry, one entry per dist and the step journal. */
export const publishSchema = v.strictObject({
  ...envelopeSchema.entries,
  registry: v.string(),
  dists: v.array(
    v.strictObject({
      filename: v.string(),
      size: integer,
      sha256: v.string(),
      blake2b_256: v.string(),
      status: v.picklist(["planned", "uploaded", "already-present", "skipped", "failed"]),
      attestation: v.boolean(),
    }),
  ),
  steps: v.array(stepSchema),
});

/** `do-release` (§4.5): the plan (check), the release (journal, releases) and every hook run. */
export const doReleaseSchema = v.strictObject({
  ...checkSchema.entries,
  ...releaseSchema.entries,
  hooks: updateSchema.entries.hooks,
});

/** The success payload's schema per command name; `outputSchema` adds the failure form. */
export const OUTPUT_SCHEMAS = {
  check: checkSchema,
  explain: checkSchema,
  update: updateSchema,
  "release-pr": releasePrSchema,
  "check-pr": checkPrSchema,
  changelog: changelogSchema,
  "config-show": configShowSchema,
  "config-schema": configSchemaSchema,
  release: releaseSchema,
  "do-release": doReleaseSchema,
  doctor: doctorSchema,
  init: initSchema,
  publish: publishSchema,
} as const;

export type OutputKind = keyof typeof OUTPUT_SCHEMAS;

export function isOutputKind(name: string): name is OutputKind {
  return Object.hasOwn(OUTPUT_SCHEMAS, name);
}

/** The fields a command's output carries besides the envelope, in schema order. */
export function payloadFields(kind: OutputKind): string[] {
  return Object.keys(OUTPUT_SCHEMAS[kind].entries).filter((k) => !Object.hasOwn(envelopeSchema.entries, k));
}

/**
 * A command's output on failure: the envelope with ok false and its error, and every payload field present and
 * null (absent values are null, never omitted: §3.5).
 */
export function failureSchema(kind: OutputKind) {
  return v.strictObject({
    ...envelopeSchema.entries,
    ok: v.literal(false),
    exit_code: v.union([v.literal(1), v.literal(2)]),
    error: errorSchema,
    ...Object.fromEntries(payloadFields(kind).map((field) => [field, v.null()])),
  });
}

/** Everything a command may print with --json: its payload, or its failure (the shipped JSON Schema). */
export function outputSchema(kind: OutputKind) {
  return v.union([OUTPUT_SCHEMAS[kind], failureSchema(kind)]);
}

// Compile-time guarantee that the schemas describe exactly the exported payload types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const assertSame = <T extends true>(_: T) => _;
assertSame<Same<v.InferOutput<typeof checkSchema>, CheckPayload>>(true);
assertSame<Same<v.InferOutput<typeof updateSchema>, UpdatePayload>>(true);
assertSame<Same<v.InferOutput<typeof releasePrSchema>, ReleasePrPayload>>(true);
assertSame<Same<v.InferOutput<typeof checkPrSchema>, CheckPrPayload>>(true);
assertSame<Same<v.InferOutput<typeof changelogSchema>, ChangelogPayload>>(true);
assertSame<Same<v.InferOutput<typeof releaseSchema>, ReleasePayload>>(true);
assertSame<Same<v.InferOutput<typeof doReleaseSchema>, DoReleasePayload>>(true);
assertSame<Same<v.InferOutput<typeof configShowSchema>, ConfigShowPayload>>(true);
assertSame<Same<v.InferOutput<typeof doctorSchema>, DoctorPayload>>(true);
assertSame<Same<v.InferOutput<typeof initSchema>, InitPayload>>(true);
assertSame<Same<v.InferOutput<typeof publishSchema>, PublishPayload>>(true);
assertSame<Same<v.InferOutput<typeof configSchemaSchema>["exit_code"], ConfigSchemaPayload["exit_code"]>>(
  true,
);
