/**
 * The resilient HTTP layer under a forge client (PRODUCT.md §6.20 "Resilience"): at most 4 requests in flight,
 * 5xx and transport failures retried 3 times with jittered exponential backoff, rate limits (429, rate-limited 403)
 * waited out for `retry-after` / `x-ratelimit-reset` up to 5 minutes in total, every request counted and its line
 * logged at debug level (method, path, status; never headers). It wraps the context's fetch, so routed tests apply.
 */
import type { Logger } from "../../../commands/context.js";
import { ReleasioError } from "../../../core/errors.js";
import type { HttpFetch } from "../../http/fetch.js";

export interface TransportOptions {
  fetch: HttpFetch;
  logger: Logger;
  /** Forge name for messages: "GitHub". */
  forgeName: string;
  maxConcurrent?: number;
  retries?: number;
  /** First backoff step; doubled per attempt, jittered to 50–100 %. */
  retryBaseMs?: number;
  /** Total rate-limit waiting allowed over the client's life. */
  maxRateLimitWaitMs?: number;
  /** Per-request timeout for replayable requests (streamed uploads have none: their duration depends on size). */
  timeoutMs?: number;
  /** Wait used for a secondary rate limit that names no `retry-after`. */
  secondaryFallbackMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Thrown for a request whose body cannot be replayed (a streamed upload) after its rate limit was waited out:
 * the caller re-sends it with a fresh body.
 */
export class RateLimitWaited extends Error {
  constructor() {
    super("rate limit waited out; send the request again");
    this.name = "RateLimitWaited";
  }
}

export interface Transport {
  fetch: HttpFetch;
  /** HTTP requests sent so far (retries included). */
  readonly calls: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A counting semaphore: `run` waits for a free slot. */
function limiter(max: number) {
  let active = 0;
  const queue: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}

/** A body that can be sent again unchanged (streams cannot). */
function replayable(body: RequestInit["body"]): boolean {
  return body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const code =
    cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : null;
  const causeMessage = cause instanceof Error ? cause.message : null;
  return [error.message, code ?? causeMessage].filter(Boolean).join(": ");
}

interface RateLimit {
  waitMs: number;
  resetAt: number | null;
}

/** How long a 429 / rate-limited 403 asks us to wait, or null when the response is not a rate limit. */
async function rateLimit(res: Response, now: number, secondaryFallbackMs: number): Promise<RateLimit | null> {
  if (res.status !== 429 && res.status !== 403) return null;
  const retryAfter = res.headers.get("retry-after");
  const remaining = res.headers.get("x-ratelimit-remaining");
  const reset = Number(res.headers.get("x-ratelimit-reset"));
  const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    const ms = Math.max(Number(retryAfter), 1) * 1000;
    return { waitMs: ms, resetAt: resetAt ?? now + ms };
  }
  if (remaining === "0" && resetAt !== null) return { waitMs: Math.max(resetAt - now, 0) + 1000, resetAt };
  let message = "";
  try {
    message = await res.clone().text();
  } catch {
    message = "";
  }
  if (/secondary rate limit|abuse detection/i.test(message)) {
    return { waitMs: secondaryFallbackMs, resetAt: now + secondaryFallbackMs };
  }
  if (res.status === 429) return { waitMs: secondaryFallbackMs, resetAt: now + secondaryFallbackMs };
  return null;
}

export function createTransport(o: TransportOptions): Transport {
  const run = limiter(o.maxConcurrent ?? 4);
  const retries = o.retries ?? 3;
  const base = o.retryBaseMs ?? 500;
  const maxWait = o.maxRateLimitWaitMs ?? 5 * 60 * 1000;
  const fallback = o.secondaryFallbackMs ?? 60 * 1000;
  const timeoutMs = o.timeoutMs ?? 60 * 1000;
  const sleep = o.sleep ?? defaultSleep;
  const now = o.now ?? Date.now;
  let calls = 0;
  let waited = 0;

  const backoff = (attempt: number) => sleep(base * 2 ** attempt * (0.5 + Math.random() / 2));

  const fetchOnce = async (url: string, init: RequestInit | undefined): Promise<Response> =>
    run(async () => {
      calls++;
      const method = (init?.method ?? "GET").toUpperCase();
      const target = new URL(url);
      const line = `${method} ${target.pathname}${target.search}`;
      try {
        const signal = init?.signal ?? (replayable(init?.body) ? AbortSignal.timeout(timeoutMs) : undefined);
        const res = await o.fetch(url, signal ? { ...init, signal } : init);
        o.logger.debug(`${o.forgeName} ${line} ${res.status}`);
        return res;
      } catch (error) {
        o.logger.debug(`${o.forgeName} ${line} failed: ${describeFailure(error)}`);
        throw error;
      }
    });

  /** Follows redirects by hand through the same client, dropping credentials when the host changes. */
  const following: HttpFetch = async (url, init) => {
    let current = url;
    let currentInit: RequestInit = { ...init, redirect: "manual" };
    for (let hop = 0; ; hop++) {
      const res = await resilient(current, currentInit);
      const location = res.headers.get("location");
      if (![301, 302, 303, 307, 308].includes(res.status) || location === null || hop >= 5) return res;
      await res.body?.cancel().catch(() => undefined);
      const next = new URL(location, current);
      const headers = new Headers(currentInit.headers);
      if (next.host !== new URL(current).host) headers.delete("authorization");
      const keepBody = res.status === 307 || res.status === 308;
      currentInit = {
        ...currentInit,
        headers,
        ...(keepBody ? {} : { method: currentInit.method === "HEAD" ? "HEAD" : "GET", body: undefined }),
      };
      current = next.toString();
    }
  };

  const resilient: HttpFetch = async (url, init) => {
    const canRetry = replayable(init?.body);
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetchOnce(url, init);
      } catch (error) {
        if (canRetry && attempt < retries) {
          await backoff(attempt);
          continue;
        }
        throw new ReleasioError("E_NETWORK", `cannot reach ${new URL(url).host}: ${describeFailure(error)}`, {
          hint: "check the network connection and the forge's status page, then re-run",
          cause: error,
        });
      }
      const limit = await rateLimit(res, now(), fallback);
      if (limit !== null) {
        if (waited + limit.waitMs > maxWait) {
          const at = limit.resetAt === null ? "an unknown time" : new Date(limit.resetAt).toISOString();
          throw new ReleasioError(
            "E_FORGE_RATE_LIMIT",
            `${o.forgeName} rate limit exhausted; resets at ${at}`,
            {
              hint: "re-run after the reset time; fewer concurrent jobs using the same token help",
            },
          );
        }
        waited += limit.waitMs;
        await res.body?.cancel().catch(() => undefined);
        await sleep(limit.waitMs);
        if (!canRetry) throw new RateLimitWaited();
        attempt--; // waiting out a limit is not a failed attempt
        continue;
      }
      if (res.status >= 500 && canRetry && attempt < retries) {
        await res.body?.cancel().catch(() => undefined);
        await backoff(attempt);
        continue;
      }
      return res;
    }
  };

  return {
    fetch: following,
    get calls() {
      return calls;
    },
  };
}
