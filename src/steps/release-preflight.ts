/**
 * Release preflight (PRODUCT.md §4.4 step 2): everything that can fail is checked before anything irreversible —
 * tag name, tag conflicts (local and remote), the release commit on the remote branch, forge access and the
 * existing release, a `git push --dry-run` of the tag, and the publishing preflight (credentials, exchange).
 * The observations it makes are kept for the steps, so a release costs no repeated API call.
 */

import { fetchRefs, push } from "../adapters/git/remote-refs.js";
import { isAncestor } from "../adapters/git/repository.js";
import { ReleasioError } from "../core/errors.js";
import type { StepOutcome } from "./journal.js";
import {
  localTagCommit,
  observeRelease,
  offlineSkipped,
  type ReleaseRun,
  remoteTagCommit,
  tagConflict,
} from "./release-steps.js";

export interface PreflightOptions {
  /** The branch being released from (execute: HEAD must be on `<remote>/<branch>`). */
  branch: string | null;
  /** Publishing preflight (credentials, token exchange, --dist-dir validation); null when publishing is off. */
  publishing: ((r: ReleaseRun) => Promise<void>) | null;
}

async function checkTagName(r: ReleaseRun): Promise<void> {
  const ok = await r.git.run(["check-ref-format", `refs/tags/${r.target.tag}`], { okCodes: [1] });
  if (ok.code !== 0) {
    throw new ReleasioError("E_CONFIG_INVALID", `'${r.target.tag}' is not a valid git tag name`, {
      hint: "check version.tag_prefix (or packages.tag_format): git check-ref-format refuses the rendered tag",
    });
  }
}

/** HEAD must already be on the remote branch: a release never tags a commit nobody else can see (E_NOT_PUSHED). */
async function checkPushed(r: ReleaseRun, branch: string | null): Promise<void> {
  if (!branch) return;
  const tracking = `refs/remotes/${r.remote}/${branch}`;
  await fetchRefs(r.git, r.remote, [`+refs/heads/${branch}:${tracking}`], { auth: r.auth }).catch(() => {});
  const contained = await isAncestor(r.git, r.target.commit, tracking).catch(() => false);
  if (!contained) {
    throw new ReleasioError(
      "E_NOT_PUSHED",
      `commit ${r.target.commit.slice(0, 7)} is not on ${r.remote}/${branch}; push it before releasing`,
      { hint: `git push ${r.remote} HEAD:${branch}, then re-run` },
    );
  }
}

/** Best-effort permission check: a dry-run push of the tag (skipped when the remote already has it). */
async function checkPushPermission(r: ReleaseRun): Promise<void> {
  const { tag, commit } = r.target;
  try {
    // The forge said so already (GitHub's `permissions.push` of the token, e.g. a `contents: read` job).
    if (r.observed.repository?.canPush === false) {
      throw new ReleasioError("E_FORGE_PERMISSION", "the repository grants this token read access only");
    }
    await push(r.git, r.remote, [`${commit}:refs/tags/${tag}`], { dryRun: true, auth: r.auth, tag });
  } catch (error) {
    if (!(error instanceof ReleasioError) || error.code !== "E_FORGE_PERMISSION") throw error;
    if (r.execute) {
      throw new ReleasioError(
        "E_FORGE_PERMISSION",
        `the token cannot push tags to ${r.remote} (${error.message})`,
        {
          hint: "grant `permissions: contents: write` to the job (or use a token with write access)",
        },
      );
    }
    r.warn({
      code: "W_PUSH_NOT_PERMITTED",
      message: `a dry-run push of ${tag} to ${r.remote} was refused; the real run would fail without contents: write`,
    });
  }
}

export async function releasePreflight(r: ReleaseRun, options: PreflightOptions): Promise<StepOutcome> {
  const { tag, commit } = r.target;
  await checkTagName(r);
  if (r.execute) await checkPushed(r, options.branch);

  r.observed.localTag = await localTagCommit(r.git, tag);
  if (r.observed.localTag !== null && r.observed.localTag !== commit)
    throw tagConflict(tag, r.observed.localTag, commit, "local");
  if (r.offline) offlineSkipped(r, `whether ${r.remote} already has tag ${tag} (git ls-remote)`);
  r.observed.remoteTag = await remoteTagCommit(r);
  if (r.observed.remoteTag !== null && r.observed.remoteTag !== commit)
    throw tagConflict(tag, r.observed.remoteTag, commit, `${r.remote}'s`);

  if (r.release.enabled || r.advisory) {
    if (!r.forge) {
      if (r.execute) {
        throw new ReleasioError(
          "E_REMOTE",
          `cannot determine the forge repository from remote '${r.remote}'`,
          {
            hint: "set github.owner/github.repo or gitlab.project, or set release.enabled = false",
          },
        );
      }
    } else if (r.offline) {
      r.observed.release = null;
      offlineSkipped(
        r,
        `access to ${r.forge.repository.kind} repository ${r.forge.repository.path}${r.release.enabled ? ` or its release ${tag}` : ""}`,
      );
    } else {
      r.observed.repository = await r.forge.getRepository();
      if (r.release.enabled) await observeRelease(r);
    }
  }
  if (r.offline) offlineSkipped(r, `permission to push ${tag} to ${r.remote} (git push --dry-run)`);
  else if (r.observed.remoteTag === null) await checkPushPermission(r);
  if (options.publishing) await options.publishing(r);
  const seen = [
    r.observed.localTag ? `local tag ${tag}` : null,
    r.observed.remoteTag ? `${r.remote}/${tag}` : null,
    r.observed.release ? `${r.observed.release.draft ? "draft " : ""}release` : null,
  ].filter((s): s is string => s !== null);
  return {
    status: "done",
    message: seen.length > 0 ? `checks passed; found ${seen.join(", ")}` : "checks passed",
  };
}

/**
 * Preflight of a snapshot release (§6.19): HEAD on the remote branch, one best-effort forge read (the visibility
 * attestations depend on) and the publishing preflight. No tag, no push and no forge write is checked, because
 * none is made: a `contents: read` token is enough.
 */
export async function snapshotPreflight(r: ReleaseRun, options: PreflightOptions): Promise<StepOutcome> {
  if (r.execute) await checkPushed(r, options.branch);
  if (r.forge && r.offline)
    offlineSkipped(r, `the visibility of ${r.forge.repository.kind} repository ${r.forge.repository.path}`);
  else if (r.forge) r.observed.repository = await r.forge.getRepository().catch(() => undefined);
  if (options.publishing) await options.publishing(r);
  return { status: "done", message: `checks passed; snapshot ${r.target.version} needs no tag` };
}
