/**
 * The release engine (PRODUCT.md §4.4 step 3, §8): the release steps as data, each observing the world before it
 * applies anything, so a re-run after a failure at any step converges without duplicating tags, releases, assets
 * or files. A dry run walks the same steps and reports `planned`/`skipped` from the same observations.
 *
 * `release` runs `releaseSteps()`; `do-release` puts its own steps (bump, commit) in front and replaces
 * `push-tag` with its atomic branch-and-tag push (`releaseSteps({ push })`).
 */
import type {
  Forge,
  ForgeRelease,
  ReleaseAsset,
  ReleaseInput,
  RepositoryInfo,
} from "../adapters/forge/port.js";
import { type AssetMatch, type MatchedAsset, matchAssets } from "../adapters/fs/asset-files.js";
import { lsRemote, push } from "../adapters/git/remote-refs.js";
import type { GitRunner } from "../adapters/git/run-git.js";
import { type HookOptions, type HookRun, runHooks } from "../adapters/process/hooks.js";
import { ReleasioError, type Warning } from "../core/errors.js";
import type { HookValues } from "../core/hooks/substitute.js";
import type { AdvisoryDraft } from "../core/release/advisory.js";
import type { AssetGlob } from "../core/release/asset-globs.js";
import { snapshotSkips } from "../core/release/snapshot.js";
import { count } from "../core/text/count.js";
import type { Journal, StepOutcome } from "./journal.js";

/** What is being released. */
export interface ReleaseTarget {
  project: string;
  /** The journal's package column: null for a single project. */
  package: string | null;
  version: string;
  tag: string;
  previousTag: string | null;
  previousVersion: string | null;
  /** The commit the tag names (HEAD). */
  commit: string;
  prerelease: boolean;
  /** `release.name_format`, rendered. */
  name: string;
  makeLatest: boolean;
  /** `git.tag_message`, rendered. */
  tagMessage: string;
  signTag: boolean;
}

/** One dist as the JSON payload reports it (§4.4). */
export interface DistInfo {
  filename: string;
  size: number;
  sha256: string;
  blake2b_256: string;
  status: "planned" | "uploaded" | "already-present" | "skipped" | "failed";
  attestation: boolean;
}

/**
 * The publishing steps (build, validation, index observation, uploads, verification), supplied by the publish
 * steps. Null when publishing is off (`--skip-publish`, `publish.enabled = false`).
 */
export interface PublishingPart {
  /** The project page of the version on the index (`https://pypi.org/project/demo/1.1.0/`), null if unknown. */
  indexUrl: string | null;
  /** Every file of the version already on the index (an irreversible step is then no longer pending there). */
  complete(run: ReleaseRun): Promise<boolean>;
  build(run: ReleaseRun): Promise<StepOutcome>;
  validate(run: ReleaseRun): Promise<StepOutcome>;
  checkIndex(run: ReleaseRun): Promise<StepOutcome>;
  /** The files to upload, known once `validate-dists` ran. */
  files(): string[];
  upload(run: ReleaseRun, filename: string): Promise<StepOutcome>;
  verify(run: ReleaseRun): Promise<StepOutcome>;
  dists(): DistInfo[];
}

/** What the steps have seen so far; `undefined` = not observed yet (preflight fills most of it). */
export interface Observations {
  repository?: RepositoryInfo;
  localTag?: string | null;
  remoteTag?: string | null;
  release?: ForgeRelease | null;
  assets?: AssetMatch;
  /** Assets stored on the forge for this tag after `upload-assets` (links for forges without drafts). */
  forgeAssets?: ReleaseAsset[];
  pending?: boolean;
}

export interface AssetReport {
  name: string;
  size: number;
  sha256: string;
  status: DistInfo["status"];
}

export interface ReleaseRun {
  execute: boolean;
  target: ReleaseTarget;
  git: GitRunner;
  remote: string;
  /** Environment giving git the forge token for one command (empty for local remotes). */
  auth: Record<string, string>;
  forge: Forge | null;
  /** `disabledBy`: the setting that turns forge releases off (`release.enabled = false` by default). */
  release: { enabled: boolean; leaveDraft: boolean; disabledBy?: string };
  root: string;
  assetGlobs: readonly AssetGlob[];
  hooks: {
    preRelease: readonly string[];
    postRelease: readonly string[];
    values: HookValues;
    options: HookOptions;
  };
  publishing: PublishingPart | null;
  /** Why publishing is off, for the journal (`--skip-publish`, `publish.enabled = false`). */
  publishingOff: string;
  advisory: AdvisoryDraft | null;
  /** Why no advisory is made (`security.enabled = false`, no security commits). */
  advisoryOff: string;
  /** The release body for the given asset list (§6.14). */
  body(assets: readonly { name: string; sha256: string }[]): string;
  warn(warning: Warning): void;
  observed: Observations;
  /** Ids of steps that applied (`done`) or, in a dry run, would (`planned`). */
  changed: string[];
  hookRuns: HookRun[];
  assetReports: AssetReport[];
  /**
   * A snapshot release of a `publish_only` channel (§6.19): built and published to the index only; the tag and
   * forge steps are skipped (`snapshotSkips`) and nothing is pushed. `target.tag` is then empty.
   */
  snapshot?: boolean;
  /**
   * `--offline` (a dry run only: an offline `--execute` is refused up front): nothing that needs the network is
   * asked (remote refs, forge, index); each check left out is a W_OFFLINE_SKIPPED warning.
   */
  offline?: boolean;
}

export interface ReleaseStep {
  id: string;
  run(r: ReleaseRun): Promise<StepOutcome>;
  /** Replaced, when reached, by the steps it returns (`upload:<file>` once the dists are known). */
  expand?(r: ReleaseRun): ReleaseStep[];
}

const short = (sha: string) => sha.slice(0, 7);
const skipped = (reason: "already-done" | "disabled" | "not-applicable", message: string): StepOutcome => ({
  status: "skipped",
  reason,
  message,
});
const planned = (message: string): StepOutcome => ({ status: "planned", message });
const done = (message: string): StepOutcome => ({ status: "done", message });

/** The warning of an offline run that leaves out what needs the network, naming it (§3.2). */
export function offlineSkippedWarning(what: string, action: "check" | "post" = "check"): Warning {
  return { code: "W_OFFLINE_SKIPPED", message: `offline: did not ${action} ${what}` };
}

export function offlineSkipped(r: ReleaseRun, what: string): void {
  r.warn(offlineSkippedWarning(what));
}

/** The commit a local tag names, or null. */
export async function localTagCommit(git: GitRunner, tag: string): Promise<string | null> {
  const r = await git.run(["rev-parse", "-q", "--verify", `refs/tags/${tag}^{commit}`], {
    okCodes: [1, 128],
  });
  return r.code === 0 ? r.stdout.trim() : null;
}

export async function remoteTagCommit(r: ReleaseRun): Promise<string | null> {
  if (r.offline) return null;
  // The peeled `^{}` line (the commit of an annotated tag) is only listed when asked for by name.
  const ref = `refs/tags/${r.target.tag}`;
  const refs = await lsRemote(r.git, r.remote, [ref, `${ref}^{}`], r.auth);
  return refs.get(ref) ?? null;
}

export function tagConflict(tag: string, found: string, expected: string, where: string): ReleasioError {
  return new ReleasioError("E_TAG_CONFLICT", `tag ${tag} already exists on ${found} (expected ${expected})`, {
    hint: `the ${where} tag names another commit: delete it if it is wrong, or release at ${short(found)}`,
  });
}

/** The forge release of the tag (drafts included), observed once per run. */
export async function observeRelease(r: ReleaseRun): Promise<ForgeRelease | null> {
  if (r.observed.release === undefined)
    r.observed.release = r.forge && !r.offline ? await r.forge.findRelease(r.target.tag) : null;
  return r.observed.release;
}

async function observeAssets(r: ReleaseRun): Promise<AssetMatch> {
  if (!r.observed.assets) {
    r.observed.assets = await matchAssets(r.root, r.assetGlobs);
    for (const pattern of r.observed.assets.unmatched) {
      r.warn({ code: "W_ASSET_NO_MATCH", message: `release.assets pattern '${pattern}' matched no file` });
    }
  }
  return r.observed.assets;
}

/**
 * Is an irreversible step still to do? (§6.17: on a resumed release `pre_release` and `build` run only then.)
 * The tag on the remote, a published forge release and every file on the index mean the release is complete.
 */
export async function irreversiblePending(r: ReleaseRun): Promise<boolean> {
  if (r.observed.pending !== undefined) return r.observed.pending;
  let pending = true;
  if (r.snapshot) {
    // No tag and no forge release: the index alone says whether the snapshot is out.
    r.observed.pending = r.publishing !== null && !(await r.publishing.complete(r));
    return r.observed.pending;
  }
  if (r.observed.remoteTag === undefined) r.observed.remoteTag = await remoteTagCommit(r);
  if (r.observed.remoteTag === r.target.commit) {
    const release = r.release.enabled && r.forge ? await observeRelease(r) : null;
    // A published forge release proves the index was verified (publication comes after verify-index).
    if (release !== null && !release.draft) pending = false;
    else if (r.release.enabled && r.forge && (release === null || !r.release.leaveDraft)) pending = true;
    else pending = r.publishing !== null && !(await r.publishing.complete(r));
  }
  r.observed.pending = pending;
  return pending;
}

const preReleaseHook: ReleaseStep = {
  id: "pre-release-hook",
  async run(r) {
    const commands = r.hooks.preRelease;
    if (commands.length === 0) return skipped("not-applicable", "no pre_release hooks");
    if (!(await irreversiblePending(r))) return skipped("already-done", "nothing irreversible is pending");
    if (!r.execute) return planned(`would run ${count(commands.length, "pre_release command")}`);
    r.hookRuns.push(...(await runHooks("pre_release", commands, r.hooks.values, r.hooks.options)));
    return done(`ran ${count(commands.length, "command")}`);
  },
};

/** build, validate-dists, check-index: delegated to the publishing part, only while something is pending. */
function publishingStep(
  id: string,
  body: (p: PublishingPart, r: ReleaseRun) => Promise<StepOutcome>,
): ReleaseStep {
  return {
    id,
    async run(r) {
      if (!r.publishing) return skipped("disabled", r.publishingOff);
      if (!(await irreversiblePending(r))) return skipped("already-done", "the release is complete");
      return body(r.publishing, r);
    },
  };
}

const uploads: ReleaseStep = {
  id: "upload:*",
  run: async () => skipped("not-applicable", "no dists"),
  expand(r) {
    const p = r.publishing;
    if (!p) return [];
    return p.files().map((file) => ({ id: `upload:${file}`, run: (run: ReleaseRun) => p.upload(run, file) }));
  },
};

const verifyIndex: ReleaseStep = {
  id: "verify-index",
  async run(r) {
    if (!r.publishing) return skipped("disabled", r.publishingOff);
    return r.publishing.verify(r);
  },
};

const createTag: ReleaseStep = {
  id: "create-tag",
  async run(r) {
    const { tag, commit } = r.target;
    if (r.observed.localTag === undefined) r.observed.localTag = await localTagCommit(r.git, tag);
    const local = r.observed.localTag;
    if (local === commit) return skipped("already-done", `tag ${tag} already exists on ${short(commit)}`);
    if (local !== null) throw tagConflict(tag, local, commit, "local");
    if (!r.execute) return planned(`would create annotated tag ${tag} on ${short(commit)}`);
    await r.git.run([
      "tag",
      "-a",
      ...(r.target.signTag ? ["-s"] : []),
      "-m",
      r.target.tagMessage,
      tag,
      commit,
    ]);
    r.observed.localTag = commit;
    return done(`created annotated${r.target.signTag ? ", signed" : ""} tag ${tag} on ${short(commit)}`);
  },
};

const pushTag: ReleaseStep = {
  id: "push-tag",
  async run(r) {
    const { tag, commit } = r.target;
    if (r.observed.remoteTag === undefined) r.observed.remoteTag = await remoteTagCommit(r);
    const remote = r.observed.remoteTag;
    if (remote === commit) return skipped("already-done", `${r.remote} already has ${tag}`);
    if (remote !== null) throw tagConflict(tag, remote, commit, `${r.remote}'s`);
    if (!r.execute) return planned(`would push ${tag} to ${r.remote}`);
    await push(r.git, r.remote, [`refs/tags/${tag}:refs/tags/${tag}`], { auth: r.auth, tag });
    r.observed.remoteTag = commit;
    return done(`pushed ${tag} to ${r.remote}`);
  },
};

function releaseInput(r: ReleaseRun, body: string): ReleaseInput {
  const t = r.target;
  return { tag: t.tag, name: t.name, body, prerelease: t.prerelease, commit: t.commit };
}

/** Forge steps share their "not wanted here" answers. */
function forgeOff(r: ReleaseRun): StepOutcome | null {
  if (!r.release.enabled) return skipped("disabled", r.release.disabledBy ?? "release.enabled = false");
  if (!r.forge) return skipped("not-applicable", "no forge is configured");
  return null;
}

const createDraftRelease: ReleaseStep = {
  id: "create-draft-release",
  async run(r) {
    const off = forgeOff(r);
    if (off) return off;
    const forge = r.forge!;
    if (!forge.capabilities.draftReleases)
      return skipped(
        "not-applicable",
        `${forge.repository.kind} has no draft releases: created when published`,
      );
    const existing = await observeRelease(r);
    if (existing)
      return skipped("already-done", `${existing.draft ? "draft " : ""}release ${r.target.tag} exists`);
    if (!r.execute) return planned(`would create draft release '${r.target.name}'`);
    const assets = r.assetGlobs.length > 0 ? (await observeAssets(r)).files : [];
    const release = await forge.createDraftRelease(releaseInput(r, r.body(assets)));
    r.observed.release = release;
    return done(`created draft release ${release.url}`);
  },
};

function sameContent(asset: ReleaseAsset, file: MatchedAsset): boolean {
  return asset.sha256 !== null ? asset.sha256 === file.sha256 : asset.size === file.size;
}

function immutable(tag: string, name: string): ReleasioError {
  return new ReleasioError(
    "E_RELEASE_IMMUTABLE",
    `release ${tag} is published and immutable; asset ${name} cannot be added`,
    {
      hint: "attach assets while the release is a draft; publish a new version to ship different files",
    },
  );
}

const uploadAssets: ReleaseStep = {
  id: "upload-assets",
  async run(r) {
    if (r.assetGlobs.length === 0) return skipped("not-applicable", "no release.assets");
    const off = forgeOff(r);
    if (off) return off;
    const forge = r.forge!;
    const release = forge.capabilities.draftReleases ? await observeRelease(r) : null;
    if (!r.execute && ((forge.capabilities.draftReleases && !release) || r.offline))
      return planned(`would upload the files matching ${r.assetGlobs.map((g) => g.pattern).join(", ")}`);
    const { files } = await observeAssets(r);
    if (files.length === 0) return skipped("not-applicable", "no file matched release.assets");
    const existing = release ? release.assets : await forge.listAssets(null, r.target.tag);
    const published = release !== null && !release.draft;
    const work: { file: MatchedAsset; replace: ReleaseAsset | null }[] = [];
    const kept: ReleaseAsset[] = [];
    for (const file of files) {
      const found = existing.find((a) => a.name === file.name) ?? null;
      if (found && sameContent(found, file)) {
        kept.push(found);
        r.assetReports.push({
          name: file.name,
          size: file.size,
          sha256: file.sha256,
          status: "already-present",
        });
        continue;
      }
      if (published) throw immutable(r.target.tag, file.name);
      work.push({ file, replace: found });
    }
    r.observed.forgeAssets = kept;
    if (work.length === 0) return skipped("already-done", `${count(kept.length, "asset")} already attached`);
    const names = work.map((w) => w.file.name).join(", ");
    if (!r.execute) {
      for (const { file } of work)
        r.assetReports.push({ name: file.name, size: file.size, sha256: file.sha256, status: "planned" });
      return planned(`would upload ${names}`);
    }
    for (const { file, replace } of work) {
      if (replace) await forge.deleteAsset(release, replace);
      const asset = await forge.uploadAsset(
        release,
        {
          name: file.name,
          path: file.path,
          size: file.size,
          sha256: file.sha256,
          contentType: file.contentType,
        },
        r.target.tag,
      );
      kept.push(asset);
      r.assetReports.push({ name: file.name, size: file.size, sha256: file.sha256, status: "uploaded" });
    }
    return done(`uploaded ${names}`);
  },
};

const publishRelease: ReleaseStep = {
  id: "publish-release",
  async run(r) {
    const off = forgeOff(r);
    if (off) return off;
    const forge = r.forge!;
    const release = await observeRelease(r);
    const latest = r.target.makeLatest ? "true" : "false";
    if (forge.capabilities.draftReleases) {
      if (release && !release.draft) return skipped("already-done", `release ${r.target.tag} is published`);
      if (r.release.leaveDraft) return skipped("disabled", "release.draft = true: the release stays a draft");
      if (!r.execute) return planned(`would publish the release (make_latest ${latest})`);
      if (!release) throw new ReleasioError("E_INTERNAL", `no draft release for ${r.target.tag} to publish`);
      const published = await forge.publishRelease(release, {
        ...releaseInput(r, release.body),
        makeLatest: r.target.makeLatest,
        assets: release.assets,
      });
      r.observed.release = published;
      return done(`published ${published.url} (make_latest ${latest})`);
    }
    if (release) return skipped("already-done", `release ${r.target.tag} exists`);
    if (r.release.leaveDraft)
      return skipped("disabled", `release.draft = true: ${forge.repository.kind} has no drafts`);
    if (!r.execute) return planned(`would create the release (make_latest ${latest})`);
    const assets = r.observed.forgeAssets ?? (await forge.listAssets(null, r.target.tag));
    const files = r.assetGlobs.length > 0 ? (await observeAssets(r)).files : [];
    const created = await forge.publishRelease(null, {
      ...releaseInput(r, r.body(files)),
      makeLatest: r.target.makeLatest,
      assets,
    });
    r.observed.release = created;
    return done(`created release ${created.url}`);
  },
};

const securityAdvisory: ReleaseStep = {
  id: "security-advisory",
  async run(r) {
    const advisory = r.advisory;
    if (!advisory) return skipped("disabled", r.advisoryOff);
    const failed = (why: string): StepOutcome => {
      r.warn({
        code: "W_ADVISORY_FAILED",
        message: `the security advisory '${advisory.summary}' was not created: ${why}`,
      });
      return skipped("not-applicable", `advisory not created: ${why}`);
    };
    if (!r.forge?.capabilities.advisories)
      return failed(`${r.forge?.repository.kind ?? "this forge"} has no repository security advisories`);
    if (r.offline && !r.execute) {
      offlineSkipped(r, `whether ${r.forge.repository.path} already has the advisory '${advisory.summary}'`);
      return planned(`would create draft advisory '${advisory.summary}'`);
    }
    try {
      const summaries = await r.forge.listAdvisorySummaries();
      if (summaries.includes(advisory.summary))
        return skipped("already-done", `advisory '${advisory.summary}' exists`);
      if (!r.execute) return planned(`would create draft advisory '${advisory.summary}'`);
      const created = await r.forge.createAdvisory(advisory);
      return done(`created draft advisory ${created.url}`);
    } catch (error) {
      return failed(error instanceof Error ? error.message : String(error));
    }
  },
};

const postReleaseHook: ReleaseStep = {
  id: "post-release-hook",
  async run(r) {
    const commands = r.hooks.postRelease;
    if (commands.length === 0) return skipped("not-applicable", "no post_release hooks");
    if (r.changed.length === 0) return skipped("already-done", "the release was already complete");
    if (!r.execute) return planned(`would run ${count(commands.length, "post_release command")}`);
    const runs = await runHooks("post_release", commands, r.hooks.values, {
      ...r.hooks.options,
      failureIsWarning: true,
      onWarning: (message) => r.warn({ code: "W_HOOK_FAILED", message }),
    });
    r.hookRuns.push(...runs);
    return done(`ran ${count(commands.length, "command")}`);
  },
};

/** After a failed preflight, every release step is recorded as not run, so the journal shows what remains. */
export function recordStepsNotRun(journal: Journal, pkg: string | null): void {
  if (journal.steps.at(-1)?.id !== "preflight") return;
  journal.notRun(
    releaseSteps()
      .filter((s) => !s.expand)
      .map((s) => s.id),
    pkg,
  );
}

/** The release steps in order; `push` replaces `push-tag` (do-release's atomic push of branch and tag). */
export function releaseSteps(options: { push?: ReleaseStep } = {}): ReleaseStep[] {
  return [
    preReleaseHook,
    publishingStep("build", (p, r) => p.build(r)),
    publishingStep("validate-dists", (p, r) => p.validate(r)),
    publishingStep("check-index", (p, r) => p.checkIndex(r)),
    createTag,
    options.push ?? pushTag,
    createDraftRelease,
    uploadAssets,
    uploads,
    verifyIndex,
    publishRelease,
    securityAdvisory,
    postReleaseHook,
  ];
}

/**
 * Runs the steps through the journal. A failure marks the remaining steps `not-run` and is rethrown; the caller
 * reports the journal and how to finish.
 */
export async function runReleaseSteps(
  journal: Journal,
  steps: readonly ReleaseStep[],
  r: ReleaseRun,
): Promise<void> {
  const queue = [...steps];
  while (queue.length > 0) {
    const step = queue.shift()!;
    if (step.expand) {
      queue.unshift(...step.expand(r));
      continue;
    }
    const notForSnapshot = r.snapshot ? snapshotSkips(step.id) : null;
    try {
      const outcome = await journal.run(step.id, r.target.package, () =>
        notForSnapshot !== null ? Promise.resolve(skipped("not-applicable", notForSnapshot)) : step.run(r),
      );
      if (outcome && outcome.status !== "skipped") r.changed.push(step.id);
    } catch (error) {
      journal.notRun(
        queue.filter((s) => !s.expand).map((s) => s.id),
        r.target.package,
      );
      throw error;
    }
  }
}
