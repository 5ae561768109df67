/**
 * What `release` does for one package (PRODUCT.md §4.4 step 1), from the plan and the tag state:
 * resume a release whose tag is at HEAD, report one already released elsewhere, release a pending one, or nothing.
 */

export type ReleaseDecision =
  /** The tag of the declared version points at HEAD: every step runs observe-first. */
  | { kind: "resume"; version: string; tag: string }
  /** The tag exists on another commit: nothing to do (the forge/index state may still be incomplete). */
  | { kind: "already-released"; version: string; tag: string; commit: string }
  /** A pending release (or a forced one): release it at HEAD. */
  | { kind: "release"; version: string; tag: string; forced: boolean }
  /** The tag exists but predates the release commit of its version (or sits off the branch): a wrong tag. */
  | { kind: "conflict"; version: string; tag: string; commit: string }
  /** Nothing to release; `why` is said to the user. */
  | { kind: "nothing"; why: string };

export interface DecisionInput {
  /** Canonical declared version V; null when the project declares none. */
  declared: string | null;
  /** The tag V would get (`v1.1.0`); null without a declared version. */
  declaredTag: string | null;
  /** Commit the declared tag points at, null when untagged. */
  declaredTagCommit: string | null;
  head: string;
  /**
   * A release commit lies between the declared tag and HEAD (or the tag is not on HEAD's history): the tag was
   * not made from the release commit, so it is a conflict rather than an earlier release.
   */
  releaseCommitAfterTag: boolean;
  /** The plan's pending release (release commit in range, V untagged and above the previous release). */
  pending: { version: string; tag: string } | null;
  /** Version and tag the plan would release at HEAD (SCM-versioned projects, `--force`). */
  next: { version: string; tag: string } | null;
  /** V is greater than the previous release. */
  declaredAbovePrevious: boolean;
  /** The project has no declared version (SCM versioning): the plan's next version is released. */
  scmVersioned: boolean;
  force: boolean;
}

export function decideRelease(input: DecisionInput): ReleaseDecision {
  const { declared, declaredTag } = input;
  if (declared !== null && declaredTag !== null && input.declaredTagCommit !== null) {
    const at = { version: declared, tag: declaredTag, commit: input.declaredTagCommit };
    if (input.declaredTagCommit === input.head)
      return { kind: "resume", version: declared, tag: declaredTag };
    return input.releaseCommitAfterTag ? { kind: "conflict", ...at } : { kind: "already-released", ...at };
  }
  if (input.pending) return { kind: "release", ...input.pending, forced: false };
  if (input.scmVersioned && input.next) return { kind: "release", ...input.next, forced: false };
  if (declared !== null && declaredTag !== null && input.declaredAbovePrevious) {
    if (input.force) return { kind: "release", version: declared, tag: declaredTag, forced: true };
    return {
      kind: "nothing",
      why: `${declaredTag} is untagged but no release commit is in the release range (was the version edited by hand?); pass --force to release it anyway`,
    };
  }
  return { kind: "nothing", why: "no pending release: the declared version is already released" };
}
