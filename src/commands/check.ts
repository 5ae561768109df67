/** `check`: preview the next release with every commit and why it counts (§4.1). */
import { tagDate } from "../adapters/git/tags.js";
import type { CommitInfo, PackagePlan } from "../core/plan/types.js";
import { releaseDay } from "../core/version/release-tags.js";
import { contextFrom, refuseExecute } from "./context.js";
import { type Envelope, envelope } from "./envelope.js";
import { gitAtPath, type PlanOptions, planRelease, type RepositoryPlan } from "./plan-release.js";

export type CheckOptions = Omit<PlanOptions, "writing" | "notes">;

export interface CheckPayload extends Envelope, PackagePlan {
  head: string;
  branch: string | null;
  channel: string | null;
  commits: PublicCommit[];
  packages: PackagePlan[];
}

/** A commit as printed in JSON (§4): the fields used only for rendering are left out. */
export type PublicCommit = Omit<CommitInfo, "group" | "co_authors" | "body">;

export function planPayload(command: string, plan: RepositoryPlan, dryRun: boolean): CheckPayload {
  const first = plan.packages[0]!.plan;
  return {
    ...envelope(command, dryRun, plan.warnings.items),
    ...first,
    head: plan.head,
    branch: plan.branch,
    channel: plan.channel?.name ?? null,
    commits: plan.commits.map(publicCommit),
    packages: plan.packages.map((p) => p.plan),
  };
}

// Spelled out rather than copied with a rest pattern: thousands of commits are printed, and objects of one literal
// shape are cheaper to build and to serialise.
export function publicCommit(c: CommitInfo): PublicCommit {
  return {
    sha: c.sha,
    short_sha: c.short_sha,
    subject: c.subject,
    part: c.part,
    author: c.author,
    date: c.date,
    type: c.type,
    scope: c.scope,
    description: c.description,
    breaking: c.breaking,
    breaking_description: c.breaking_description,
    security: c.security,
    bump: c.bump,
    included: c.included,
    reason: c.reason,
    pr: c.pr,
    packages: c.packages,
  };
}

export async function check(options: CheckOptions = {}): Promise<CheckPayload> {
  refuseExecute("check", options);
  // check reports every commit's author.login: with a token and resolve_usernames the forge is asked (§5.5).
  const plan = await planRelease({ ...options, needsLogins: options.needsLogins ?? true });
  return planPayload("check", plan, false);
}

/**
 * The previous release's date for the human summary (§4.1): its tag's day, as the changelog prints it. Planning
 * does not read tag dates (on thousands of tags that costs more than the rest of the listing), so it is asked for
 * this one tag. Null without a previous release, or if git cannot tell.
 */
export async function previousReleaseDate(
  options: CheckOptions,
  plan: Pick<PackagePlan, "previous_tag">,
): Promise<string | null> {
  if (!plan.previous_tag) return null;
  const git = gitAtPath(contextFrom(options), options);
  const date = await tagDate(git, plan.previous_tag).catch(() => null);
  return date === null ? null : releaseDay(date) || null;
}
