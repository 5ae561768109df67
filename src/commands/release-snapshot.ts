/**
 * `release` on a snapshot channel (`publish_only = true`, PRODUCT.md §6.19): publishes `S.devN` to the index
 * without a release commit, a tag, a forge release or an advisory. The version is written into the project files
 * of the working tree for the build only and restored afterwards (also on failure), so the tree ends clean and
 * nothing is committed or pushed: a `contents: read` token is enough.
 */

import { openForge } from "../adapters/forge/open-forge.js";
import type { Forge } from "../adapters/forge/port.js";
import { writeFilesAtomically } from "../adapters/fs/write-files.js";
import { planVersionEdits } from "../core/project/plan-edits.js";
import { decideSnapshot } from "../core/release/snapshot.js";
import { count } from "../core/text/count.js";
import { snapshotPreflight } from "../steps/release-preflight.js";
import { recordStepsNotRun, releaseSteps, runReleaseSteps } from "../steps/release-steps.js";
import type { RepositoryPlan } from "./plan-release.js";
import {
  finishHint,
  prepareRelease,
  type ReleaseInfo,
  type ReleaseOptions,
  type ReleasePayload,
  releasePayload,
} from "./release.js";

/** Commits on HEAD's first-parent line since the previous release (all of them without one). */
async function firstParentCount(state: RepositoryPlan, previousTag: string | null): Promise<number> {
  const previous = previousTag ? state.rawTags.find((t) => t.name === previousTag)?.commit : undefined;
  const range = previous ? `${previous}..${state.head}` : state.head;
  return Number.parseInt((await state.git.text(["rev-list", "--first-parent", "--count", range])).trim(), 10);
}

/** The snapshot version in the project's version sources (and version files), as whole-file writes. */
function stampedFiles(state: RepositoryPlan, version: string) {
  const metadata = state.packages[0]!.metadata!;
  const plan = planVersionEdits({
    reader: state.reader,
    metadata,
    versionFiles: state.config.version.version_files,
    autoDetect: state.config.version.auto_detect_version_files,
    from: metadata.declaredVersion,
    to: version,
    // The lock file does not take part in the build; it stays as committed.
    updateLockFile: false,
  });
  state.warnings.addAll(plan.warnings);
  return plan.edits
    .filter((e) => e.before !== e.after)
    .map((e) => ({ path: e.path, content: e.after, original: e.before }));
}

export async function snapshotRelease(
  state: RepositoryPlan,
  options: ReleaseOptions,
): Promise<ReleasePayload> {
  const { ctx, config, warnings } = state;
  const execute = options.execute === true;
  const channel = state.channel!;
  const p = state.packages[0]!.plan;
  const decision = decideSnapshot({
    releaseNeeded: p.release_needed,
    nextVersion: p.next_version,
    firstParentCount: p.release_needed ? await firstParentCount(state, p.previous_tag) : 0,
    previousTag: p.previous_tag,
    declaresVersion: (state.metadata?.declaredVersion ?? null) !== null,
    channel: channel.name,
  });
  if (decision.kind === "nothing") {
    ctx.logger.info(`Nothing to release: ${decision.why}`);
    return releasePayload(execute, [], [], warnings.items);
  }

  // One optional forge read (the repository's visibility decides attestations); never a write.
  const remoteUrl = state.remoteUrl;
  const forge: Forge | null =
    options.forge !== undefined
      ? options.forge
      : await openForge(ctx, config, remoteUrl, { required: false, remoteName: config.git.remote }).catch(
          () => null,
        );
  const prepared = await prepareRelease(
    state,
    null,
    { version: decision.version, tag: "", scope: { plan: p, commits: state.commits } },
    options,
  );
  const { run, journal, publishingPreflight } = prepared;
  run.snapshot = true;
  run.forge = forge;
  ctx.logger.info(
    `Snapshot ${run.target.project} ${decision.version} (${decision.base}, ${count(decision.number, "commit")} since ${p.previous_tag ?? "the start"})`,
  );

  const writes = execute ? stampedFiles(state, decision.version) : [];
  try {
    await journal.run("preflight", run.target.package, () =>
      snapshotPreflight(run, { branch: state.branch, publishing: publishingPreflight }),
    );
    writeFilesAtomically(state.root, writes);
    try {
      await runReleaseSteps(journal, releaseSteps(), run);
    } finally {
      // Never committed: the working tree ends as it started, whatever happened.
      writeFilesAtomically(
        state.root,
        writes.map((w) => ({ path: w.path, content: w.original, original: w.content })),
      );
    }
  } catch (error) {
    recordStepsNotRun(journal, run.target.package);
    throw finishHint(error, state.head, journal.steps, execute);
  }
  const info = prepared.info("planned");
  const present = info.dists.length > 0 && info.dists.every((d) => d.status === "already-present");
  const status: ReleaseInfo["status"] = !execute ? "planned" : present ? "already-released" : "released";
  // No tag exists: `releases[0].tag` is "" (the schema wants a string) and the top-level `tag` null.
  return { ...releasePayload(execute, [{ ...info, status }], journal.steps, warnings.items), tag: null };
}
