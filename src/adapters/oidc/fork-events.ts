/**
 * Refuses trusted publishing for untrusted GitHub events (PRODUCT.md §7.3.5, §11.5): pull requests whose head
 * repository is a fork, and `pull_request_target` in every case (PyPI rejects it too).
 */
import { readFile } from "node:fs/promises";
import type { CommandContext } from "../../commands/context.js";
import { forkError } from "../../core/publish/tp-errors.js";

const PULL_REQUEST_EVENTS = new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
]);

interface RepoRef {
  fork?: unknown;
  full_name?: unknown;
}

/** Is the event's pull request from a fork? null when the event file cannot tell. */
async function headIsFork(eventPath: string | undefined): Promise<boolean | null> {
  if (!eventPath) return null;
  let event: { pull_request?: { head?: { repo?: RepoRef | null }; base?: { repo?: RepoRef | null } } };
  try {
    event = JSON.parse(await readFile(eventPath, "utf8"));
  } catch {
    return null;
  }
  const head = event.pull_request?.head?.repo;
  const base = event.pull_request?.base?.repo;
  if (!head) return null;
  const headName = typeof head.full_name === "string" ? head.full_name : null;
  const baseName = typeof base?.full_name === "string" ? base.full_name : null;
  if (headName !== null && baseName !== null && headName !== baseName) return true;
  return head.fork === true && (headName === null || baseName === null || headName !== baseName);
}

/** Throws E_TP_FORK for an event that must never publish; resolves otherwise. */
export async function refuseUntrustedEvent(ctx: CommandContext): Promise<void> {
  const event = ctx.env.GITHUB_EVENT_NAME?.trim();
  if (!event || !PULL_REQUEST_EVENTS.has(event)) return;
  const fork = (await headIsFork(ctx.env.GITHUB_EVENT_PATH)) === true;
  if (event === "pull_request_target") throw forkError(event, fork);
  if (fork) throw forkError(event, true);
}
