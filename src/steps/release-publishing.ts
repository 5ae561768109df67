/**
 * The publishing part of a release run: `build` (§7.1, through the one builder in build-dists.ts) and the publish
 * steps of `publish-steps.ts` (`validate-dists`, `check-index`, `upload:<file>`, `verify-index`) adapted to the
 * release engine, plus the publishing preflight (credentials resolved and, for trusted publishing, exchanged before
 * any tag exists).
 */
import { join, resolve } from "node:path";
import { resolveCredentials } from "../adapters/index/credentials.js";
import type { IndexCredentials } from "../adapters/index/credentials-port.js";
import type { RegistryInfo } from "../adapters/index/registry.js";
import {
  type BuildCommand,
  buildDists,
  builderLabel,
  chooseBuilder,
  missingTool,
} from "../adapters/process/build-dists.js";
import { attestationDecision, createAttester, sigstoreIdTokenSource } from "../adapters/sigstore/attester.js";
import type { CommandContext, WarningList } from "../commands/context.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { Journal, type StepOutcome } from "./journal.js";
import {
  checkIndexStep,
  type PreparedDist,
  type PublishStepInputs,
  uploadSteps,
  validateDistsStep,
  verifyIndexStep,
} from "./publish-steps.js";
import { offlineSkipped, type PublishingPart, type ReleaseRun } from "./release-steps.js";

export interface ReleasePublishingOptions {
  ctx: CommandContext;
  warnings: WarningList;
  publish: ReleasioConfig["publish"];
  registry: RegistryInfo;
  /** Repository root and project path (relative, POSIX). */
  root: string;
  projectPath: string;
  project: string;
  version: string;
  /** `--dist-dir` (relative to the working directory): nothing is built. */
  distDir: string | null;
  /** `hooks.build`, replacing the default build. */
  buildHook: string | null;
  /** Visibility of the repository (attestations are skipped for private ones). */
  visibility: () => Promise<"public" | "private" | "internal" | null>;
  sleep?: (ms: number) => Promise<void>;
}

/** Converts the outcome a publish step recorded on its own journal into the engine's outcome. */
async function captured(id: string, run: (journal: Journal) => Promise<unknown>): Promise<StepOutcome> {
  const journal = new Journal();
  await run(journal);
  const step = journal.steps.find((s) => s.id === id) ?? journal.steps[0];
  if (!step) return { status: "skipped", reason: "not-applicable", message: "" };
  if (step.status === "skipped") {
    const reason =
      step.reason === "already-done" || step.reason === "disabled" ? step.reason : "not-applicable";
    return { status: "skipped", reason, message: step.message };
  }
  return { status: step.status === "planned" ? "planned" : "done", message: step.message };
}

export interface ReleasePublishing {
  part: PublishingPart;
  preflight: (r: ReleaseRun) => Promise<void>;
}

export function releasePublishing(o: ReleasePublishingOptions): ReleasePublishing {
  const projectDir = o.projectPath === "." ? o.root : join(o.root, o.projectPath);
  const distDir = o.distDir ? resolve(o.ctx.cwd, o.distDir) : resolve(projectDir, o.publish.dist_dir);
  let dists: PreparedDist[] = [];
  let credentials: IndexCredentials | null = null;
  let builder: BuildCommand | null = null;
  const inputs = (execute: boolean, journal: Journal): PublishStepInputs => ({
    ctx: o.ctx,
    journal,
    pkg: null,
    registry: o.registry,
    publish: o.publish,
    distDir,
    project: o.project,
    version: o.version,
    execute,
    warnings: o.warnings,
    verifyTimeoutNote: "the forge release stays a draft — re-run to finish",
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });

  const attester = async (execute: boolean) => {
    if (!credentials || !execute) return null;
    const trustedPublishing = credentials.kind === "trusted-publishing";
    const idToken = trustedPublishing ? sigstoreIdTokenSource(o.ctx) : null;
    const decision = attestationDecision(o.publish, {
      trustedPublishing,
      registry: o.registry,
      visibility: trustedPublishing ? await o.visibility() : null,
      sigstoreIdentity: idToken !== null,
    });
    if (decision.warning) o.warnings.add(decision.warning);
    if (!decision.sign || idToken === null) return null;
    return createAttester(o.ctx, {
      fulcioUrl: o.publish.fulcio_url,
      rekorUrl: o.publish.rekor_url,
      idToken,
      allowHttpLocalhost: o.publish.allow_http_localhost,
    });
  };

  const part: PublishingPart = {
    indexUrl: o.registry.jsonApiBase ? `${o.registry.jsonApiBase}/project/${o.project}/${o.version}/` : null,
    async complete(r) {
      // Offline (a dry run) the index is not asked: nothing counts as published there.
      if (r.offline && !r.execute) return false;
      // The release is only complete on the index when every dist of the version is there; without dists on
      // disk (a fresh checkout) the index listing decides.
      const journal = new Journal();
      if (dists.length === 0) {
        try {
          dists = await validateDistsStep(inputs(false, journal));
        } catch {
          return false;
        }
      }
      await checkIndexStep(inputs(r.execute, journal), dists).catch(() => undefined);
      return dists.length > 0 && dists.every((d) => d.info.status === "already-present");
    },
    async build(r) {
      if (o.distDir)
        return { status: "skipped", reason: "not-applicable", message: `using the dists in ${o.distDir}` };
      const label = o.buildHook ? "hooks.build" : builder ? builderLabel(builder) : "build";
      if (!r.execute)
        return { status: "planned", message: `would build with ${label} into ${o.publish.dist_dir}` };
      if (!o.buildHook && !builder) throw missingTool(o.publish.tool);
      const epoch = (await r.git.text(["show", "-s", "--format=%ct", r.target.commit])).trim();
      const result = await buildDists({
        ctx: o.ctx,
        projectPath: projectDir,
        distDir,
        tool: o.publish.tool,
        hook: o.buildHook,
        hookValues: r.hooks.values,
        sourceDateEpoch: Number(epoch),
      });
      r.hookRuns.push(...result.hooks);
      return { status: "done", message: `built with ${label}` };
    },
    async validate(r) {
      if (!r.execute && !o.distDir) return { status: "planned", message: "would validate the built dists" };
      return captured("validate-dists", async (j) => {
        dists = await validateDistsStep(inputs(r.execute, j));
      });
    },
    async checkIndex(r) {
      if (dists.length === 0 || (r.offline && !r.execute))
        return { status: "planned", message: `would check ${o.registry.label} for the files` };
      return captured("check-index", (j) => checkIndexStep(inputs(r.execute, j), dists));
    },
    files: () => dists.map((d) => d.info.filename),
    async upload(r, filename) {
      const d = dists.find((x) => x.info.filename === filename)!;
      const signer = await attester(r.execute);
      return captured(`upload:${filename}`, (j) =>
        uploadSteps(inputs(r.execute, j), [d], { credentials, attester: signer }),
      );
    },
    async verify(r) {
      if (dists.length === 0 || (r.offline && !r.execute))
        return {
          status: r.execute ? "skipped" : "planned",
          ...(r.execute ? { reason: "not-applicable" as const } : {}),
          message: r.execute ? "no dists" : `would wait for the files on ${o.registry.label}`,
        } as StepOutcome;
      return captured("verify-index", (j) => verifyIndexStep(inputs(r.execute, j), dists));
    },
    dists: () => dists.map((d) => ({ ...d.info })),
  };

  return {
    part,
    async preflight(r) {
      if (!o.distDir && !o.buildHook) {
        builder = await chooseBuilder(o.publish.tool, o.ctx.env, { projectPath: projectDir, distDir });
        if (!builder) throw missingTool(o.publish.tool);
      }
      // Offline (a dry run): trusted publishing would ask the index for its audience, so nothing is resolved.
      if (r.offline && !r.execute) offlineSkipped(r, `the credentials for ${o.registry.label}`);
      else {
        const resolution = await resolveCredentials(o.ctx, o.publish, o.registry, {
          execute: r.execute,
          exchangeNow: r.execute,
          project: o.project,
        });
        o.warnings.addAll(resolution.warnings);
        credentials = resolution.credentials;
      }
      // With --dist-dir the dists exist already: validate them and observe the index now (§4.4 step 2).
      if (o.distDir) {
        const journal = new Journal();
        dists = await validateDistsStep(inputs(r.execute, journal));
        if (r.offline && !r.execute)
          offlineSkipped(r, `which files of ${o.project} ${o.version} ${o.registry.label} already has`);
        else await checkIndexStep(inputs(r.execute, journal), dists);
      }
    },
  };
}
