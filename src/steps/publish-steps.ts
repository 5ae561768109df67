/**
 * The publishing steps shared by `publish` and `release` (PRODUCT.md §7–§8): `validate-dists`, `check-index`,
 * `upload:<file>` and `verify-index`, each observing before it acts, recorded on a Journal.
 */
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DistAttester, IndexCredentials } from "../adapters/index/credentials-port.js";
import { digestFile, type FileDigests } from "../adapters/index/digests.js";
import { canObserve, type IndexListing, observeRelease } from "../adapters/index/observer.js";
import { readDist } from "../adapters/index/read-dist.js";
import type { RegistryInfo } from "../adapters/index/registry.js";
import { type Presence, uploadFile } from "../adapters/index/uploader.js";
import type { CommandContext, WarningList } from "../commands/context.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import { ReleasioError } from "../core/errors.js";
import type { DistFilename } from "../core/publish/dist-filename.js";
import { indexConflict } from "../core/publish/index-answers.js";
import { uploadFormFields } from "../core/publish/upload-form.js";
import { type DistFacts, distInvalidError, validateDists } from "../core/publish/validate.js";
import { formatBytes } from "../core/text/bytes.js";
import { count } from "../core/text/count.js";
import type { Journal, StepOutcome } from "./journal.js";

export type DistStatus = "planned" | "uploaded" | "already-present" | "skipped" | "failed";

export interface DistInfo {
  filename: string;
  size: number;
  sha256: string;
  blake2b_256: string;
  status: DistStatus;
  attestation: boolean;
}

/** A dist ready to upload: what was read, parsed and hashed, plus its reported state. */
export interface PreparedDist {
  path: string;
  facts: DistFacts;
  parsed: DistFilename;
  digests: FileDigests;
  info: DistInfo;
}

export interface PublishStepInputs {
  ctx: CommandContext;
  journal: Journal;
  /** The package label of the steps (workspaces), or null. */
  pkg: string | null;
  registry: RegistryInfo;
  publish: ReleasioConfig["publish"];
  /** Absolute dist directory. */
  distDir: string;
  /** Expected project name and release version; null = taken from the dists (standalone publish). */
  project: string | null;
  version: string | null;
  execute: boolean;
  warnings: WarningList;
  /** Suffix of the E_VERIFY_TIMEOUT message (release: the forge release stays a draft). */
  verifyTimeoutNote?: string;
  /** Test seam for backoff waits. */
  sleep?: (ms: number) => Promise<void>;
}

const DIST_EXTENSIONS = [".whl", ".tar.gz"];

/** The dist files of a directory (every `*.whl` and `*.tar.gz`); other files are mentioned and ignored. */
export async function listDists(dir: string, ctx: CommandContext): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const dists = names.filter((n) => DIST_EXTENSIONS.some((e) => n.endsWith(e))).sort();
  const ignored = names.filter((n) => !dists.includes(n) && !n.endsWith(".publish.attestation"));
  if (ignored.length > 0) ctx.logger.info(`ignoring non-distribution files in ${dir}: ${ignored.join(", ")}`);
  return dists.map((n) => join(dir, n));
}

/** `validate-dists`: read, hash and check every dist; E_DIST_MISSING / E_DIST_INVALID. */
export async function validateDistsStep(i: PublishStepInputs): Promise<PreparedDist[]> {
  let prepared: PreparedDist[] = [];
  await i.journal.run("validate-dists", i.pkg, async () => {
    const paths = await listDists(i.distDir, i.ctx);
    if (paths.length === 0) {
      throw new ReleasioError(
        "E_DIST_MISSING",
        `no distributions for ${i.project ?? "the project"}${i.version ? ` ${i.version}` : ""} in ${i.distDir}`,
        { hint: "build first (uv build / python -m build) or pass --dist-dir" },
      );
    }
    const facts = await Promise.all(paths.map((p) => readDist(p)));
    const result = validateDists(facts, {
      project: i.project,
      version: i.version,
      pypiLike: i.registry.name !== null,
    });
    i.warnings.addAll(result.warnings);
    if (result.problems.length > 0 && i.publish.validate_before_publish)
      throw distInvalidError(result.problems);
    // Without validation, a file whose name or metadata cannot be read still cannot be uploaded.
    const usable = result.dists.filter((d) => d.facts.metadata !== null);
    if (usable.length < facts.length) throw distInvalidError(result.problems);
    prepared = await Promise.all(
      usable.map(async ({ facts: f, parsed }) => {
        const path = paths.find((p) => p.endsWith(f.filename))!;
        const digests = await digestFile(path);
        return {
          path,
          facts: f,
          parsed,
          digests,
          info: {
            filename: f.filename,
            size: digests.size,
            sha256: digests.sha256,
            blake2b_256: digests.blake2b_256,
            status: "planned" as const,
            attestation: false,
          },
        };
      }),
    );
    const verb = result.problems.length > 0 ? "read (validation disabled)" : "validated";
    return { status: "done", message: `${verb} ${count(prepared.length, "file")}` };
  });
  return prepared;
}

function releaseOf(dists: readonly PreparedDist[]): { name: string; version: string } {
  const first = dists[0]!;
  const meta = first.facts.metadata;
  const name = meta?.headers.find(([n]) => n.toLowerCase() === "name")?.[1] ?? first.parsed.name;
  return { name, version: first.parsed.version };
}

function observe(i: PublishStepInputs, dists: readonly PreparedDist[]): Promise<IndexListing> {
  const { name, version } = releaseOf(dists);
  return observeRelease({
    fetch: i.ctx.fetch,
    registry: i.registry,
    name,
    version,
    retries: i.publish.retries,
    ...(i.sleep ? { sleep: i.sleep } : {}),
  });
}

/**
 * `check-index`: what the index already has. Identical → `already-present`; same name with other content →
 * E_INDEX_CONFLICT, or a warning and `skipped` with skip_existing.
 */
export async function checkIndexStep(i: PublishStepInputs, dists: PreparedDist[]): Promise<void> {
  await i.journal.run("check-index", i.pkg, async () => {
    if (!i.publish.check_existing_version) {
      return { status: "skipped", reason: "disabled", message: "publish.check_existing_version = false" };
    }
    if (!canObserve(i.registry)) {
      i.warnings.add({
        code: "W_NO_INDEX_CHECK",
        message: `${i.registry.label} has no read URL: existing files cannot be checked before uploading (set publish.check_url to its simple index)`,
      });
      return { status: "skipped", reason: "not-applicable", message: "no read URL for this index" };
    }
    const listing = await observe(i, dists);
    if (listing === null) {
      i.warnings.add({
        code: "W_INDEX_UNCHECKED",
        message: `could not read ${i.registry.label} to check for existing files; uploading anyway (identical files are accepted again)`,
      });
      return { status: "skipped", reason: "not-applicable", message: "index not readable" };
    }
    let present = 0;
    for (const d of dists) {
      if (!listing.has(d.info.filename)) continue;
      const remote = listing.get(d.info.filename) ?? null;
      if (remote === d.info.sha256) {
        d.info.status = "already-present";
        present++;
        continue;
      }
      if (!i.publish.skip_existing)
        throw indexConflict(i.registry.label, d.info.filename, remote, d.info.sha256);
      d.info.status = "skipped";
      i.warnings.add({
        code: "W_FILE_EXISTS",
        message: `${d.info.filename} exists on ${i.registry.label} with other content (sha256 ${remote ?? "unknown"}); skipped (publish.skip_existing)`,
      });
    }
    const todo = dists.filter((d) => d.info.status === "planned").length;
    return { status: "done", message: `${present} already present, ${todo} to upload` };
  });
}

export interface UploadDeps {
  credentials: IndexCredentials | null;
  /** Signs PEP 740 attestations (trusted publishing only), or null. */
  attester: DistAttester | null;
}

/** Upload order: wheels first, the sdist last (installers never see a release with only an sdist to build). */
export function uploadOrder(dists: readonly PreparedDist[]): PreparedDist[] {
  return [...dists].sort((a, b) => Number(a.parsed.kind === "sdist") - Number(b.parsed.kind === "sdist"));
}

/** One `upload:<file>` step per dist, in upload order. */
export async function uploadSteps(
  i: PublishStepInputs,
  dists: PreparedDist[],
  deps: UploadDeps,
): Promise<void> {
  for (const d of uploadOrder(dists)) {
    try {
      await i.journal.run(`upload:${d.info.filename}`, i.pkg, async () => {
        if (d.info.status === "already-present") {
          return {
            status: "skipped",
            reason: "already-done",
            message: "identical file already on the index",
          };
        }
        if (d.info.status === "skipped") {
          return {
            status: "skipped",
            reason: "not-applicable",
            message: "exists with other content (skip_existing)",
          };
        }
        if (!i.execute) {
          return {
            status: "planned",
            message: `would upload ${formatBytes(d.info.size)} to ${i.registry.label}`,
          };
        }
        if (deps.credentials === null)
          throw new ReleasioError("E_CREDENTIALS_MISSING", "no credentials to upload with");
        return await uploadOne(i, d, deps, deps.credentials, dists);
      });
    } catch (error) {
      d.info.status = "failed";
      throw error;
    }
  }
}

async function uploadOne(
  i: PublishStepInputs,
  d: PreparedDist,
  deps: UploadDeps,
  credentials: IndexCredentials,
  all: readonly PreparedDist[],
): Promise<StepOutcome> {
  let attestations: Record<string, unknown>[] | null = null;
  if (deps.attester) {
    const attestation = await deps.attester.attest({ filename: d.info.filename, sha256: d.info.sha256 });
    attestations = [attestation];
    await writeFile(`${d.path}.publish.attestation`, `${JSON.stringify(attestation)}\n`);
    d.info.attestation = true;
  }
  const fields = uploadFormFields({
    dist: d.parsed,
    metadata: d.facts.metadata!,
    sha256: d.info.sha256,
    blake2b_256: d.info.blake2b_256,
    attestations,
  });
  const presence = canObserve(i.registry)
    ? async (): Promise<Presence> => {
        const listing = await observe(i, all);
        if (listing === null) return null;
        if (!listing.has(d.info.filename)) return { state: "absent" };
        const sha = listing.get(d.info.filename) ?? null;
        return sha === d.info.sha256 ? { state: "present" } : { state: "different", sha256: sha };
      }
    : null;
  const progress = progressReporter(i.ctx, d.info.filename);
  const outcome = await uploadFile(
    { path: d.path, filename: d.info.filename, size: d.info.size, sha256: d.info.sha256, fields },
    {
      fetch: i.ctx.fetch,
      url: i.registry.uploadUrl,
      index: i.registry.label,
      credentials,
      retries: i.publish.retries,
      skipExisting: i.publish.skip_existing,
      presence,
      onProgress: progress,
      onRetry: (attempt, reason, wait) =>
        i.ctx.logger.info(
          `upload of ${d.info.filename} failed (attempt ${attempt}: ${reason}); retrying in ${Math.round(wait / 100) / 10}s`,
        ),
      ...(i.sleep ? { sleep: i.sleep } : {}),
    },
  );
  d.info.status = outcome.status;
  if (outcome.status === "skipped") {
    i.warnings.add({
      code: "W_FILE_EXISTS",
      message: `${d.info.filename}: ${outcome.message}; skipped (publish.skip_existing)`,
    });
    return { status: "skipped", reason: "not-applicable", message: outcome.message };
  }
  if (outcome.status === "already-present")
    return { status: "skipped", reason: "already-done", message: outcome.message };
  return { status: "done", message: outcome.message };
}

/** Progress lines for large files: every 10 % with the rate (the logger decides where they go). */
function progressReporter(ctx: CommandContext, filename: string): (sent: number, total: number) => void {
  const started = performance.now();
  let nextTenth = 1;
  return (sent, total) => {
    if (total < 8 * 1024 * 1024) return;
    const tenth = Math.floor((sent / total) * 10);
    if (tenth < nextTenth) return;
    nextTenth = tenth + 1;
    const seconds = Math.max((performance.now() - started) / 1000, 0.001);
    ctx.logger.info(
      `uploading ${filename}: ${tenth * 10}% (${formatBytes(sent)} of ${formatBytes(total)}, ${formatBytes(sent / seconds)}/s)`,
    );
  };
}

/** `verify-index`: poll until every uploaded or already-present file is listed with its sha256. */
export async function verifyIndexStep(i: PublishStepInputs, dists: PreparedDist[]): Promise<void> {
  await i.journal.run("verify-index", i.pkg, async () => {
    if (!i.publish.verify_after_upload) {
      return { status: "skipped", reason: "disabled", message: "publish.verify_after_upload = false" };
    }
    if (!canObserve(i.registry)) {
      return { status: "skipped", reason: "not-applicable", message: "no read URL for this index" };
    }
    const expected = dists.filter((d) => d.info.status === "uploaded" || d.info.status === "already-present");
    if (!i.execute)
      return { status: "planned", message: `would wait for ${expected.length} files on ${i.registry.label}` };
    if (expected.length === 0)
      return { status: "skipped", reason: "not-applicable", message: "nothing to verify" };
    const sleep = i.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const deadline = performance.now() + i.publish.verify_timeout * 1000;
    let missing = expected;
    for (let round = 0; ; round++) {
      const listing = await observe(i, dists);
      if (listing !== null) missing = expected.filter((d) => listing.get(d.info.filename) !== d.info.sha256);
      if (missing.length === 0) {
        return {
          status: "done",
          message: `${count(expected.length, "file")} visible on ${i.registry.label}`,
        };
      }
      const left = deadline - performance.now();
      if (left <= 0) break;
      await sleep(Math.min(left, Math.min(10_000, 500 * 2 ** round)));
    }
    throw new ReleasioError(
      "E_VERIFY_TIMEOUT",
      `${missing.length} of ${expected.length} files not visible on ${i.registry.label} after ${i.publish.verify_timeout}s; ${i.verifyTimeoutNote ?? "re-run to finish"}`,
      {
        hint: "index caches can lag; raise publish.verify_timeout or re-run later",
        details: { missing: missing.map((d) => d.info.filename) },
      },
    );
  });
}
