/**
 * The thin HTTP layer under the GitHub client (PRODUCT.md §6.20 "Resilience"): what @octokit/plugin-retry and
 * @octokit/plugin-throttling do not do. At most 4 requests in flight (the throttling plugin's own cap is 10 and
 * shared by every client in the process), a per-request timeout, redirects followed by hand through the context's
 * fetch (routed tests never leak to a real host; the token is dropped when the host changes), every HTTP request
 * counted and its line logged at debug level (method, path, status; never headers). Transport failures become
 * E_NETWORK naming the host; retrying them and 5xx answers, and waiting out rate limits, is the plugins' job.
 */
import type { Logger } from "../../../commands/context.js";
import type { HttpFetch } from "../../http/fetch.js";
import { networkError, networkReason } from "../../http/network-error.js";

export interface TransportOptions {
  fetch: HttpFetch;
  logger: Logger;
  /** Forge name for messages: "GitHub". */
  forgeName: string;
  maxConcurrent?: number;
  /** Per-request timeout for replayable requests (streamed uploads have none: their duration depends on size). */
  timeoutMs?: number;
}

export interface Transport {
  fetch: HttpFetch;
  /** HTTP requests sent so far (retries and redirect hops included). */
  readonly calls: number;
}

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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;

export function createTransport(o: TransportOptions): Transport {
  const run = limiter(o.maxConcurrent ?? 4);
  const timeoutMs = o.timeoutMs ?? 60 * 1000;
  let calls = 0;

  const fetchOnce: HttpFetch = (url, init) =>
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
        o.logger.debug(`${o.forgeName} ${line} failed: ${networkReason(error)}`);
        // Octokit wraps this as a status-500 RequestError: the retry plugin retries it, and the error
        // translation finds this ReleasioError as its cause.
        throw networkError(target, error, {
          hint: "check the network connection and the forge's status page, then re-run",
        });
      }
    });

  /** Follows redirects by hand through the same client, dropping credentials when the host changes. */
  const following: HttpFetch = async (url, init) => {
    let current = url;
    let currentInit: RequestInit = { ...init, redirect: "manual" };
    for (let hop = 0; ; hop++) {
      const res = await fetchOnce(current, currentInit);
      const location = res.headers.get("location");
      if (!REDIRECTS.has(res.status) || location === null || hop >= MAX_HOPS) return res;
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

  return {
    fetch: following,
    get calls() {
      return calls;
    },
  };
}
