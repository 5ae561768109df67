import { describe, expect, test } from "vitest";
import { createTransport } from "../../../../src/adapters/forge/github/transport.js";
import type { HttpFetch } from "../../../../src/adapters/http/fetch.js";
import { silentLogger } from "../../../../src/commands/context.js";

/** A transport whose sleeps are recorded instead of waited. */
function transport(fetch: HttpFetch, extra: { maxRateLimitWaitMs?: number; timeoutMs?: number } = {}) {
  const slept: number[] = [];
  const t = createTransport({
    fetch,
    logger: silentLogger,
    forgeName: "GitHub",
    sleep: async (ms) => {
      slept.push(ms);
    },
    now: () => Date.parse("2026-01-01T00:00:00Z"),
    ...extra,
  });
  return { t, slept };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("resilience", () => {
  test("transport failures are retried 3 times with growing jittered backoff, then E_NETWORK", async () => {
    let n = 0;
    const { t, slept } = transport(async () => {
      n++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    });
    await expect(t.fetch("https://api.github.com/repos/a/b")).rejects.toMatchObject({
      code: "E_NETWORK",
      message: "cannot reach api.github.com: fetch failed: ECONNREFUSED",
    });
    expect(n).toBe(4);
    expect(t.calls).toBe(4);
    expect(slept).toHaveLength(3);
    expect(slept[0]).toBeGreaterThanOrEqual(250);
    expect(slept[0]).toBeLessThanOrEqual(500);
    expect(slept[2]).toBeGreaterThanOrEqual(1000);
    expect(slept[2]).toBeLessThanOrEqual(2000);
  });

  test("a primary rate limit waits until x-ratelimit-reset, then succeeds", async () => {
    const reset = Date.parse("2026-01-01T00:00:30Z") / 1000;
    const answers = [
      json(
        403,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      ),
      json(200, {}),
    ];
    const { t, slept } = transport(async () => answers.shift()!);
    expect((await t.fetch("https://api.github.com/x")).status).toBe(200);
    expect(slept).toEqual([31_000]);
  });

  test("limits beyond 5 minutes of waiting in total are E_FORGE_RATE_LIMIT with the reset time", async () => {
    const reset = Date.parse("2026-01-01T01:00:00Z") / 1000;
    const { t, slept } = transport(async () =>
      json(
        429,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      ),
    );
    await expect(t.fetch("https://api.github.com/x")).rejects.toMatchObject({
      code: "E_FORGE_RATE_LIMIT",
      message: "GitHub rate limit exhausted; resets at 2026-01-01T01:00:00.000Z",
    });
    expect(slept).toEqual([]);
  });

  test("secondary limits without retry-after wait a minute each, up to the 5-minute budget", async () => {
    const { t, slept } = transport(async () =>
      json(403, { message: "You have exceeded a secondary rate limit." }),
    );
    await expect(t.fetch("https://api.github.com/x")).rejects.toMatchObject({ code: "E_FORGE_RATE_LIMIT" });
    expect(slept).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
  });

  test("a plain 403 is returned to the caller, not waited on", async () => {
    const { t, slept } = transport(async () =>
      json(403, { message: "Resource not accessible by integration" }),
    );
    expect((await t.fetch("https://api.github.com/x")).status).toBe(403);
    expect(slept).toEqual([]);
  });

  test("at most 4 requests are in flight", async () => {
    let active = 0;
    let peak = 0;
    const { t } = transport(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
      return json(200, {});
    });
    await Promise.all(Array.from({ length: 12 }, () => t.fetch("https://api.github.com/x")));
    expect(peak).toBe(4);
    expect(t.calls).toBe(12);
  });

  test("redirects are followed through the same client; the token is dropped for another host", async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const { t } = transport(async (url, init) => {
      seen.push({ url, auth: new Headers(init?.headers).get("authorization") });
      if (url.endsWith("/old"))
        return new Response(null, { status: 301, headers: { location: "/repos/a/new" } });
      if (url.endsWith("/new"))
        return new Response(null, { status: 302, headers: { location: "https://objects.example/blob" } });
      expect(init?.redirect).toBe("manual");
      return json(200, {});
    });
    await t.fetch("https://api.github.com/repos/a/old", { headers: { authorization: "Bearer t0k3n" } });
    expect(seen).toEqual([
      { url: "https://api.github.com/repos/a/old", auth: "Bearer t0k3n" },
      { url: "https://api.github.com/repos/a/new", auth: "Bearer t0k3n" },
      { url: "https://objects.example/blob", auth: null },
    ]);
  });

  test("a request that hangs times out and counts as a transport failure", async () => {
    const { t } = transport(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
      { timeoutMs: 5 },
    );
    await expect(t.fetch("https://api.github.com/x")).rejects.toMatchObject({ code: "E_NETWORK" });
    expect(t.calls).toBe(4);
  });
});
