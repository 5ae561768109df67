/**
 * What the index holds for a release (PRODUCT.md §7.5): the JSON API (`/pypi/<name>/<version>/json`) for PyPI and
 * TestPyPI, the simple index (`check_url`, PEP 503/691) for other indexes. Same-origin redirects are followed by hand
 * (the JSON API redirects non-normalised names); anything else is an unanswered question (null).
 */
import { normalizePackageName } from "../../core/project/package-name.js";
import type { HttpFetch } from "../http/fetch.js";
import type { RegistryInfo } from "./registry.js";

/** filename → sha256 of the files the index lists for the release; null when the index could not be read. */
export type IndexListing = Map<string, string | null> | null;

const MAX_REDIRECTS = 5;

export interface ObserveOptions {
  fetch: HttpFetch;
  registry: RegistryInfo;
  name: string;
  version: string;
  /** Read retries on network errors and 5xx/429 (`publish.retries`). */
  retries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** True when the index can be asked at all (a JSON API or a simple index). */
export function canObserve(registry: RegistryInfo): boolean {
  return registry.jsonApiBase !== null || registry.simpleUrl !== null;
}

export async function observeRelease(o: ObserveOptions): Promise<IndexListing> {
  const norm = normalizePackageName(o.name);
  if (o.registry.jsonApiBase !== null) {
    const url = `${o.registry.jsonApiBase}/pypi/${encodeURIComponent(norm)}/${encodeURIComponent(o.version)}/json`;
    const res = await get(o, url, "application/json");
    if (res === null) return null;
    if (res.status === 404) return new Map();
    if (res.status !== 200) return null;
    try {
      const json = JSON.parse(res.text) as {
        urls?: Array<{ filename?: string; digests?: { sha256?: string } }>;
      };
      return new Map(
        (json.urls ?? []).map((u) => [String(u.filename), u.digests?.sha256?.toLowerCase() ?? null]),
      );
    } catch {
      return null;
    }
  }
  if (o.registry.simpleUrl === null) return null;
  const res = await get(
    o,
    `${o.registry.simpleUrl}${encodeURIComponent(norm)}/`,
    "application/vnd.pypi.simple.v1+json, text/html;q=0.2",
  );
  if (res === null) return null;
  if (res.status === 404) return new Map();
  if (res.status !== 200) return null;
  return res.contentType.includes("json") ? simpleJson(res.text) : simpleHtml(res.text);
}

function simpleJson(text: string): IndexListing {
  try {
    const json = JSON.parse(text) as { files?: Array<{ filename?: string; hashes?: { sha256?: string } }> };
    return new Map(
      (json.files ?? []).map((f) => [String(f.filename), f.hashes?.sha256?.toLowerCase() ?? null]),
    );
  } catch {
    return null;
  }
}

/** PEP 503 anchors: `<a href="…#sha256=<hex>">filename</a>`. */
function simpleHtml(text: string): IndexListing {
  const out = new Map<string, string | null>();
  for (const m of text.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>([^<]*)<\/a>/gi)) {
    const sha = /#sha256=([0-9a-f]{64})/i.exec(m[1]!)?.[1]?.toLowerCase() ?? null;
    out.set(m[2]!.trim(), sha);
  }
  return out;
}

interface ReadAnswer {
  status: number;
  text: string;
  contentType: string;
}

async function get(o: ObserveOptions, start: string, accept: string): Promise<ReadAnswer | null> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = o.retries ?? 2;
  for (let attempt = 0; ; attempt++) {
    const answer = await getOnce(o, start, accept).catch(() => null);
    const transient = answer === null || answer.status >= 500 || answer.status === 429;
    if (!transient || attempt >= retries) return answer;
    await sleep(Math.min(8000, 500 * 2 ** attempt));
  }
}

async function getOnce(o: ObserveOptions, start: string, accept: string): Promise<ReadAnswer | null> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await o.fetch(url, {
      headers: { Accept: accept, "Cache-Control": "no-cache" },
      redirect: "manual",
      signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
    });
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get("location");
      await res.body?.cancel();
      if (!location) return null;
      const next = new URL(location, url);
      // Only same-origin redirects: a read must never be steered to another host.
      if (next.origin !== new URL(url).origin) return null;
      url = next.toString();
      continue;
    }
    return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") ?? "" };
  }
  return null;
}
