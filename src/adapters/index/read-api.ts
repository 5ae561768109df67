/** Read-only questions to a package index's JSON API. */
import type { HttpFetch } from "../http/fetch.js";
import { unreachable } from "../http/network-error.js";

/**
 * Does the index know this release? `released` is true/false from a 200/404 answer, or null when the question could
 * not be answered; `problem` then says why (`HTTP 503 from pypi.org`, `cannot reach pypi.org: …`).
 */
export async function askIndexForRelease(
  fetch: HttpFetch,
  apiBase: string,
  name: string,
  version: string,
  timeoutMs = 5000,
): Promise<{ released: boolean | null; problem: string | null }> {
  const url = `${apiBase}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status === 200) return { released: true, problem: null };
    if (response.status === 404) return { released: false, problem: null };
    return { released: null, problem: `HTTP ${response.status} from ${new URL(url).host}` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    return {
      released: null,
      problem: timedOut
        ? `${new URL(url).host} did not answer within ${timeoutMs / 1000} s`
        : unreachable(url, error),
    };
  }
}
