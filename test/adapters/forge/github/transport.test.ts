import { describe, expect, test } from "vitest";
import { createTransport } from "../../../../src/adapters/forge/github/transport.js";
import type { HttpFetch } from "../../../../src/adapters/http/fetch.js";
import type { Logger } from "../../../../src/commands/context.js";

function transport(fetch: HttpFetch, extra: { timeoutMs?: number } = {}) {
  const lines: string[] = [];
  const logger: Logger = { info: () => {}, debug: (m) => lines.push(m), warn: () => {} };
  const t = createTransport({ fetch, logger, forgeName: "GitHub", ...extra });
  return { t, lines };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("the thin transport", () => {
  test("a transport failure is E_NETWORK naming the host, sent once (retrying is the retry plugin's)", async () => {
    let n = 0;
    const { t, lines } = transport(async () => {
      n++;
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    });
    await expect(t.fetch("https://api.github.com/repos/a/b")).rejects.toMatchObject({
      code: "E_NETWORK",
      message: "cannot reach api.github.com: fetch failed: ECONNREFUSED",
    });
    expect(n).toBe(1);
    expect(t.calls).toBe(1);
    expect(lines).toEqual(["GitHub GET /repos/a/b failed: fetch failed: ECONNREFUSED"]);
  });

  test("5xx and rate-limit answers are returned as they are, not waited on", async () => {
    const answers = [json(503, {}), json(429, {}, { "retry-after": "60" }), json(403, {})];
    const { t, lines } = transport(async () => answers.shift()!);
    for (const status of [503, 429, 403])
      expect((await t.fetch("https://api.github.com/x")).status).toBe(status);
    expect(t.calls).toBe(3);
    expect(lines).toEqual(["GitHub GET /x 503", "GitHub GET /x 429", "GitHub GET /x 403"]);
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
    expect(t.calls).toBe(3);
  });

  test("a request that hangs times out as a transport failure", async () => {
    const { t } = transport(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
      { timeoutMs: 5 },
    );
    await expect(t.fetch("https://api.github.com/x")).rejects.toMatchObject({ code: "E_NETWORK" });
    expect(t.calls).toBe(1);
  });

  test("a streamed body gets no timeout (its duration depends on its size)", async () => {
    let signal: AbortSignal | undefined | null;
    const { t } = transport(async (_url, init) => {
      signal = init?.signal;
      return json(201, {});
    });
    const body = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    await t.fetch("https://uploads.github.com/x", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(signal).toBeUndefined();
  });
});
