/** Read-only questions to a package index's JSON API. */
import type { HttpFetch } from "../http/fetch.js";

/**
 * Does the index know this release? true/false from a 200/404 answer; null when the question could not be
 * answered (timeout, network failure, other status).
 */
export async function indexHasRelease(
  fetch: HttpFetch,
  apiBase: string,
  name: string,
  version: string,
  timeoutMs = 5000,
): Promise<boolean | null> {
  const url = `${apiBase}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
  try {
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    return null;
  } catch {
    return null;
  }
}
