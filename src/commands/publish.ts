/**
 * `publish` (PRODUCT.md §4.6): upload pre-built distributions, like a standalone PyPI upload action. Needs neither
 * git nor a configuration file (`[publish]` settings apply when one is found; flags win). Steps: `validate-dists`,
 * `resolve-credentials`, `check-index`, `upload:<file>`…, `verify-index`.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { resolveCredentials } from "../adapters/index/credentials.js";
import type { IndexCredentials } from "../adapters/index/credentials-port.js";
import { type RegistryInfo, resolveRegistry } from "../adapters/index/registry.js";
import { attestationDecision, createAttester, sigstoreIdTokenSource } from "../adapters/sigstore/attester.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError } from "../core/errors.js";
import { formatStep, Journal, type Step } from "../steps/journal.js";
import {
  checkIndexStep,
  type DistInfo,
  type PreparedDist,
  type PublishStepInputs,
  uploadOrder,
  uploadSteps,
  validateDistsStep,
  verifyIndexStep,
} from "../steps/publish-steps.js";
import { offlineSkippedWarning } from "../steps/release-steps.js";
import {
  type CommandContext,
  type CommonOptions,
  contextFrom,
  isOffline,
  projectDirectory,
  WarningList,
} from "./context.js";
import { type Envelope, envelope } from "./envelope.js";
import { refuseOfflineExecute } from "./preconditions.js";
import { readConfigOnly } from "./read-config.js";

export type { DistInfo };

export interface PublishOptions extends CommonOptions {
  /** Project path (default `.`): where the configuration is looked up and `publish.dist_dir` is resolved. */
  path?: string;
  execute?: boolean;
  /** `--dist-dir`, relative to the working directory. */
  distDir?: string | null;
  /** `--registry URL|pypi|testpypi`. */
  registry?: string | null;
  /** `--check-url`: a simple index for existence checks and verification. */
  checkUrl?: string | null;
  trustedPublishing?: "auto" | "always" | "never" | null;
  attestations?: "auto" | "on" | "off" | null;
  skipExisting?: boolean;
  /** `--no-verify`: publish.verify_after_upload = false. */
  verify?: boolean;
  /** Test seam: waits between retries and verification polls. */
  sleep?: (ms: number) => Promise<void>;
}

export interface PublishPayload extends Envelope {
  registry: string;
  dists: DistInfo[];
  steps: Step[];
}

const TRUSTED: Record<"auto" | "always" | "never", ReleasioConfig["publish"]["trusted_publishing"]> = {
  auto: true,
  always: "required",
  never: false,
};
const ATTEST: Record<"auto" | "on" | "off", ReleasioConfig["publish"]["attestations"]> = {
  auto: "auto",
  on: true,
  off: false,
};

/** `[publish]` with the flags applied (flags win over files and environment). */
export function publishSettings(
  base: ReleasioConfig["publish"],
  o: PublishOptions,
): ReleasioConfig["publish"] {
  return {
    ...base,
    ...(o.checkUrl ? { check_url: o.checkUrl } : {}),
    ...(o.trustedPublishing ? { trusted_publishing: TRUSTED[o.trustedPublishing] } : {}),
    ...(o.attestations ? { attestations: ATTEST[o.attestations] } : {}),
    ...(o.skipExisting ? { skip_existing: true } : {}),
    ...(o.verify === false ? { verify_after_upload: false } : {}),
  };
}

export async function publish(options: PublishOptions = {}): Promise<PublishPayload> {
  const ctx = contextFrom(options);
  const execute = options.execute === true;
  // Offline, only a dry run is left: it plans without asking the index (§3.2).
  const offline = isOffline(options, ctx.env);
  refuseOfflineExecute("publish", execute, offline, "index upload");
  const warnings = new WarningList(ctx.logger);
  const projectPath = projectDirectory(ctx.cwd, options.path);
  const loaded = await readConfigOnly({ ...options, cwd: ctx.cwd, env: ctx.env, path: options.path ?? "." });
  warnings.addAll(loaded.warnings);
  const settings = publishSettings(loaded.config.publish, options);
  const registry = resolveRegistry(settings, ctx.env, options.registry ?? null);
  const distDir = options.distDir
    ? resolve(ctx.cwd, options.distDir)
    : resolve(projectPath, settings.dist_dir);
  const journal = new Journal((step) => ctx.logger.info(formatStep(step)));
  const inputs: PublishStepInputs = {
    ctx,
    journal,
    pkg: null,
    registry,
    publish: settings,
    distDir,
    project: null,
    version: null,
    execute,
    warnings,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
  let dists: PreparedDist[] = [];
  try {
    dists = await validateDistsStep(inputs);
    const project = dists[0]?.facts.metadata?.headers.find(([n]) => n.toLowerCase() === "name")?.[1] ?? null;
    let credentials: IndexCredentials | null = null;
    await journal.run("resolve-credentials", null, async () => {
      const resolution = await resolveCredentials(ctx, settings, registry, { execute, project });
      warnings.addAll(resolution.warnings);
      credentials = resolution.credentials;
      return execute
        ? { status: "done", message: resolution.why }
        : { status: "planned", message: resolution.why };
    });
    if (offline) {
      await journal.run("check-index", null, async () => {
        warnings.add(offlineSkippedWarning(`${registry.label} for files already there`));
        return { status: "planned", message: `would check ${registry.label} for the files` };
      });
    } else await checkIndexStep(inputs, dists);
    const attester = credentials
      ? await attesterFor(ctx, settings, registry, credentials, execute, warnings)
      : null;
    await uploadSteps(inputs, dists, { credentials, attester });
    await verifyIndexStep(inputs, dists);
  } catch (error) {
    const planned = [
      "validate-dists",
      "resolve-credentials",
      "check-index",
      ...uploadOrder(dists).map((d) => `upload:${d.info.filename}`),
      "verify-index",
    ];
    const recorded = new Set(journal.steps.map((s) => s.id));
    journal.notRun(
      planned.filter((id) => !recorded.has(id)),
      null,
    );
    throw withJournal(error, journal.steps, dists);
  }
  return {
    ...envelope("publish", !execute, warnings.items),
    registry: registry.uploadUrl,
    dists: dists.map((d) => ({ ...d.info })),
    steps: journal.steps,
  };
}

/** The attester when attestations apply (trusted publishing, PyPI/TestPyPI, public repository), else null. */
async function attesterFor(
  ctx: CommandContext,
  publish: ReleasioConfig["publish"],
  registry: RegistryInfo,
  credentials: IndexCredentials,
  execute: boolean,
  warnings: WarningList,
) {
  const trustedPublishing = credentials.kind === "trusted-publishing";
  const idToken = trustedPublishing ? sigstoreIdTokenSource(ctx) : null;
  const decision = attestationDecision(publish, {
    trustedPublishing,
    registry,
    visibility: trustedPublishing ? await repositoryVisibility(ctx) : null,
    sigstoreIdentity: idToken !== null,
  });
  if (decision.warning) warnings.add(decision.warning);
  if (!decision.sign || !execute || idToken === null) return null;
  return createAttester(ctx, {
    fulcioUrl: publish.fulcio_url,
    rekorUrl: publish.rekor_url,
    idToken,
    allowHttpLocalhost: publish.allow_http_localhost,
  });
}

/** The repository's visibility from the CI: the GitHub event payload, or GitLab's CI_PROJECT_VISIBILITY. */
async function repositoryVisibility(ctx: CommandContext): Promise<"public" | "private" | "internal" | null> {
  const gitlab = ctx.env.CI_PROJECT_VISIBILITY?.trim();
  if (gitlab === "public" || gitlab === "private" || gitlab === "internal") return gitlab;
  const path = ctx.env.GITHUB_EVENT_PATH?.trim();
  if (!path) return null;
  try {
    const event = JSON.parse(await readFile(path, "utf8")) as {
      repository?: { visibility?: unknown; private?: unknown };
    };
    const v = event.repository?.visibility;
    if (v === "public" || v === "private" || v === "internal") return v;
    if (typeof event.repository?.private === "boolean")
      return event.repository.private ? "private" : "public";
  } catch {
    // No readable event payload: visibility unknown.
  }
  return null;
}

/** Adds the journal and the dists to a failure so the error output shows what was done and what remains. */
function withJournal(error: unknown, steps: Step[], dists: PreparedDist[]): unknown {
  if (!(error instanceof ReleasioError)) return error;
  return new ReleasioError(error.code, error.message, {
    hint: error.hint,
    exitCode: error.exitCode,
    cause: error.cause,
    details: {
      ...(error.details ?? {}),
      steps: steps.map((s) => ({ ...s })),
      dists: dists.map((d) => ({ ...d.info })),
    },
  });
}
