/**
 * Asking the forge about the range's commits while planning (§5.5 `use_github_prs`, `resolve_usernames`): one
 * batched lookup when something will use the answer, none otherwise. A failed lookup never fails planning: it
 * becomes W_FORGE_LOOKUP_FAILED and the entry keeps what the commit messages say.
 */
import { openForge } from "../adapters/forge/open-forge.js";
import type { Forge } from "../adapters/forge/port.js";
import type { ReleasioConfig } from "../core/config/schema.js";
import {
  type CommitLookups,
  commitsToLookUp,
  type LookupDemand,
  lookupNeeds,
} from "../core/plan/commit-lookups.js";
import type { CommitInfo } from "../core/plan/types.js";
import { count } from "../core/text/count.js";
import type { CommandContext, WarningList } from "./context.js";

export const FORGE_NAMES = { github: "GitHub", gitlab: "GitLab" } as const;

export interface CommitLookupInput {
  ctx: CommandContext;
  config: ReleasioConfig;
  /** The URL of the configured remote (`git.remote`), which names the forge repository. */
  remoteUrl: string | null;
  warnings: WarningList;
  offline: boolean;
  demand: LookupDemand;
  /** The range's commits as the messages describe them. */
  commits: readonly CommitInfo[];
  /** Author keys with a commit before the previous release (when first-time contributors are shown). */
  knownAuthors?: ReadonlySet<string> | null;
  /** The forge to ask; undefined opens one from the configuration (no token or remote → no lookup). */
  forge?: Forge | null;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The forge's answers for the commits that need them; null when nothing is asked (or the lookup failed). */
export async function lookUpCommits(input: CommitLookupInput): Promise<CommitLookups | null> {
  const { ctx, config } = input;
  const needs = lookupNeeds(config.changelog, input.demand, input.offline);
  const shas = commitsToLookUp(input.commits, needs);
  if (shas.length === 0) return null;
  const forge =
    input.forge !== undefined
      ? input.forge
      : await openForge(ctx, config, input.remoteUrl, { required: false });
  if (forge === null) {
    ctx.logger.debug("commit lookups skipped: no forge repository or token");
    return null;
  }
  const asked = [needs.prs ? "pull requests" : null, needs.logins ? "author logins" : null]
    .filter(Boolean)
    .join(" and ");
  try {
    ctx.logger.debug(`looking up ${asked} of ${count(shas.length, "commit")} on ${forge.repository.path}`);
    return { answers: await forge.lookupCommits(shas), needs, knownAuthors: input.knownAuthors ?? null };
  } catch (error) {
    input.warnings.add({
      code: "W_FORGE_LOOKUP_FAILED",
      message: `could not look up ${asked} of ${count(shas.length, "commit")} on ${FORGE_NAMES[forge.repository.kind]}: ${reason(error)}; the changelog uses what the commit messages say`,
    });
    return null;
  }
}
