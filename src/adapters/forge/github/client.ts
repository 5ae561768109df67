/**
 * The Octokit client of the GitHub adapter (PRODUCT.md §6.20 "Resilience"): @octokit/rest with
 * @octokit/plugin-retry (5xx answers and transport failures, 3 retries, jittered backoff) and
 * @octokit/plugin-throttling (primary and secondary rate limits waited out within a 5-minute budget, then
 * E_FORGE_RATE_LIMIT; write pacing), over the thin transport (concurrency cap, timeout, redirects, counting).
 */
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import type { Logger } from "../../../commands/context.js";
import { ReleasioError } from "../../../core/errors.js";
import type { HttpFetch } from "../../http/fetch.js";

export interface GitHubClientOptions {
  apiUrl: string;
  token: string;
  /** The transport's fetch. */
  fetch: HttpFetch;
  logger: Logger;
  /** Base of the 5xx/transport retry backoff (tests shorten it). */
  retryBaseMs?: number;
  /** Real milliseconds per second of `retry-after`/`x-ratelimit-reset` (tests shorten it; the budget is not). */
  rateLimitUnitMs?: number;
  /** Total rate-limit waiting allowed over the client's life, in the API's seconds × 1000. */
  maxRateLimitWaitMs?: number;
  random?: () => number;
}

export const GITHUB_API_VERSION = "2022-11-28";

/**
 * A request option naming a function that opens the request body afresh: a streamed upload cannot be replayed,
 * so every attempt (retry or rate-limit wait) reopens it.
 */
export const OPEN_BODY = "releasioOpenBody";
export type OpenBody = () => ReadableStream<Uint8Array>;

/** Registered before the retry and throttling plugins, so its hook runs once per attempt. */
function freshBodies(octokit: Pick<Octokit, "hook">) {
  octokit.hook.before("request", (options) => {
    const open = options.request?.[OPEN_BODY] as OpenBody | undefined;
    // The options object is shared by every hook layer and re-parsed per attempt: set the body on it.
    if (open) (options as { data?: unknown }).data = open();
  });
  return {};
}

const ResilientOctokit = Octokit.plugin(freshBodies, retry, throttling);
export type GitHubClient = InstanceType<typeof ResilientOctokit>;

/**
 * The delay before a retry: the plugin's own growing step (1, 4, 9 for retries 1–3) times the base, jittered to
 * 50–100 % so that parallel jobs hit by one outage do not retry in lockstep.
 */
export function retryDelayMs(pluginStep: number, baseMs: number, random: () => number): number {
  return Math.max(1, Math.round(pluginStep * baseMs * (0.5 + random() / 2)));
}

/**
 * Write pacing for the throttling plugin. Its defaults space every write 1 s apart and every content-creating
 * write (pull requests, releases, comments) 3 s apart, which GitHub recommends for *many* writes; a release
 * makes a handful. A token bucket keeps that rate for long runs but lets the first `burst` writes through at once.
 */
function pacing(burst: number, everyMs: number): Bottleneck.Group {
  return new Bottleneck.Group({
    maxConcurrent: 1,
    reservoir: burst,
    reservoirIncreaseAmount: 1,
    reservoirIncreaseInterval: everyMs,
    reservoirIncreaseMaximum: burst,
  });
}

interface GiveUp {
  retryAfterSeconds: number;
  at: number;
}

function resetTime(error: unknown, giveUp: GiveUp): string {
  const headers = (error as { response?: { headers?: Record<string, string | undefined> } }).response
    ?.headers;
  const reset = Number(headers?.["x-ratelimit-reset"]);
  const ms = Number.isFinite(reset) && reset > 0 ? reset * 1000 : giveUp.at + giveUp.retryAfterSeconds * 1000;
  return new Date(ms).toISOString();
}

export function createGitHubClient(o: GitHubClientOptions): GitHubClient {
  const retryBaseMs = o.retryBaseMs ?? 500;
  const maxWaitMs = o.maxRateLimitWaitMs ?? 5 * 60 * 1000;
  const random = o.random ?? Math.random;
  let waitedMs = 0;
  /** Requests (by their hook options object) whose rate limit exceeded the budget. */
  const gaveUp = new WeakMap<object, GiveUp>();

  const onLimit =
    (kind: string) =>
    (retryAfterSeconds: number, options: { method: string; url: string }): boolean => {
      const ms = retryAfterSeconds * 1000;
      if (waitedMs + ms > maxWaitMs) {
        gaveUp.set(options, { retryAfterSeconds, at: Date.now() });
        return false;
      }
      waitedMs += ms;
      o.logger.debug(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: waiting ${retryAfterSeconds}s`,
      );
      return true;
    };

  const octokit = new ResilientOctokit({
    baseUrl: o.apiUrl.replace(/\/+$/, ""),
    userAgent: "releasio",
    request: { fetch: o.fetch },
    log: { debug() {}, info() {}, warn() {}, error() {} },
    retry: {
      retries: 3,
      // Only 5xx answers and transport failures (Octokit reports those as 500) are retried; 429 and rate-limited
      // 403s are the throttling plugin's.
      doNotRetry: Array.from({ length: 100 }, (_, i) => 400 + i),
      // The delay is computed in milliseconds by `retryRequest` below.
      retryAfterBaseValue: 1,
    },
    throttle: {
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
      retryAfterBaseValue: o.rateLimitUnitMs ?? 1000,
      fallbackSecondaryRateRetryAfter: 60,
      write: pacing(10, 1000),
      notifications: pacing(5, 3000),
    },
  });

  // The retry plugin takes no delay function: its error hook asks the public `octokit.retry.retryRequest` to
  // schedule a retry after a growing step (in `retryAfterBaseValue` units, here 1 ms). Scaling that step here
  // adds the jitter and the configurable base (client.test.ts fails if the plugin stops asking it).
  const schedule = octokit.retry.retryRequest;
  octokit.retry.retryRequest = (error, retries, retryAfter) =>
    schedule(error, retries, retryDelayMs(retryAfter, retryBaseMs, random));

  // Octokit's constructor takes no default headers; `auth` would send `token …`, the spec wants `Bearer`.
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${o.token}`,
    "x-github-api-version": GITHUB_API_VERSION,
  };
  octokit.hook.before("request", (options) => {
    Object.assign(options.headers, headers);
  });
  // Registered last, so outside the throttling plugin: a limit beyond the budget is E_FORGE_RATE_LIMIT.
  octokit.hook.error("request", (error, options) => {
    const giveUp = gaveUp.get(options);
    if (giveUp === undefined) throw error;
    throw new ReleasioError(
      "E_FORGE_RATE_LIMIT",
      `GitHub rate limit exhausted; resets at ${resetTime(error, giveUp)}`,
      {
        hint: "re-run after the reset time; fewer concurrent jobs using the same token help",
      },
    );
  });
  return octokit;
}
