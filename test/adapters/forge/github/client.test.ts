import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createGitHubClient, retryDelayMs } from "../../../../src/adapters/forge/github/client.js";
import { createGitHubForge } from "../../../../src/adapters/forge/github/github-forge.js";
import { createTransport } from "../../../../src/adapters/forge/github/transport.js";
import type { HttpFetch } from "../../../../src/adapters/http/fetch.js";
import type { Logger } from "../../../../src/commands/context.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const REPO = {
  default_branch: "main",
  private: false,
  visibility: "public",
  permissions: { push: true },
};

/** A forge over a scripted fetch, with the plugins' waits shortened to milliseconds. */
function forgeOver(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const lines: string[] = [];
  const logger: Logger = { info: () => {}, debug: (m) => lines.push(m), warn: () => {} };
  const seen: string[] = [];
  const fetch: HttpFetch = async (url, init) => {
    seen.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
    return answer(url, init);
  };
  const forge = createGitHubForge({
    owner: "a",
    repo: "b",
    apiUrl: "https://api.github.com",
    uploadsUrl: "https://uploads.github.com",
    serverUrl: "https://github.com",
    token: "ghs_test",
    fetch,
    logger,
    retryBaseMs: 1,
    rateLimitUnitMs: 1,
  });
  return { forge, lines, seen };
}

const waits = (lines: string[]) => lines.filter((l) => l.includes("rate limit on"));

describe("retries (@octokit/plugin-retry)", () => {
  test("transport failures are retried 3 times, then E_NETWORK naming the host", async () => {
    const { forge, seen } = forgeOver(() => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    });
    await expect(forge.getRepository()).rejects.toMatchObject({
      code: "E_NETWORK",
      message: "cannot reach api.github.com: fetch failed: ECONNREFUSED",
    });
    expect(seen).toHaveLength(4);
    expect(forge.calls).toBe(4);
  });

  test("a 5xx is retried until it passes", async () => {
    const answers = [json(502, {}), json(500, {}), json(200, REPO)];
    const { forge, seen } = forgeOver(() => answers.shift()!);
    expect(await forge.getRepository()).toMatchObject({ defaultBranch: "main" });
    expect(seen).toHaveLength(3);
  });

  test.each([400, 404, 409, 422, 429])("a plain %i is not retried", async (status) => {
    const { forge, seen } = forgeOver(() => json(status, { message: "no" }));
    await expect(forge.getRepository()).rejects.toMatchObject({ code: expect.stringMatching(/^E_FORGE_/) });
    expect(seen).toHaveLength(1);
  });

  test("every failed attempt draws a jitter for the plugin's growing backoff", async () => {
    let draws = 0;
    const transport = createTransport({
      fetch: async () => json(503, {}),
      logger: { info: () => {}, debug: () => {}, warn: () => {} },
      forgeName: "GitHub",
    });
    const client = createGitHubClient({
      apiUrl: "https://api.github.com",
      token: "t",
      fetch: transport.fetch,
      logger: { info: () => {}, debug: () => {}, warn: () => {} },
      retryBaseMs: 1,
      random: () => {
        draws++;
        return 0.5;
      },
    });
    await expect(client.request("GET /repos/a/b")).rejects.toMatchObject({ status: 503 });
    expect(transport.calls).toBe(4);
    expect(draws).toBe(4); // one per failed answer; the last is not waited on
  });

  test("the delay is the plugin's step times the base, jittered to 50–100 %", () => {
    expect(retryDelayMs(1, 500, () => 0)).toBe(250);
    expect(retryDelayMs(1, 500, () => 1)).toBe(500);
    expect(retryDelayMs(4, 500, () => 0.5)).toBe(1500);
    expect(retryDelayMs(9, 500, () => 0)).toBe(2250);
    expect(retryDelayMs(1, 0, () => 0)).toBe(1);
  });
});

describe("rate limits (@octokit/plugin-throttling)", () => {
  test("a primary rate limit waits until x-ratelimit-reset, then succeeds", async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    const answers = [
      json(
        403,
        { message: "API rate limit exceeded for installation ID 1." },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      ),
      json(200, REPO),
    ];
    const { forge, lines, seen } = forgeOver(() => answers.shift()!);
    expect(await forge.getRepository()).toMatchObject({ defaultBranch: "main" });
    expect(seen).toHaveLength(2);
    expect(waits(lines)).toEqual([
      expect.stringMatching(/^GitHub primary rate limit on GET .*: waiting 3[01]s$/),
    ]);
  });

  test("a limit beyond 5 minutes of waiting in total is E_FORGE_RATE_LIMIT with the reset time", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const { forge, lines, seen } = forgeOver(() =>
      json(
        429,
        { message: "API rate limit exceeded" },
        { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
      ),
    );
    await expect(forge.getRepository()).rejects.toMatchObject({
      code: "E_FORGE_RATE_LIMIT",
      message: `GitHub rate limit exhausted; resets at ${new Date(reset * 1000).toISOString()}`,
    });
    expect(seen).toHaveLength(1);
    expect(waits(lines)).toEqual([]);
  });

  test("secondary limits without retry-after wait a minute each, up to the 5-minute budget", async () => {
    const { forge, lines, seen } = forgeOver(() =>
      json(403, { message: "You have exceeded a secondary rate limit." }),
    );
    await expect(
      forge.createChangeRequest({ title: "t", body: "", head: "h", base: "main", draft: false, labels: [] }),
    ).rejects.toMatchObject({
      code: "E_FORGE_RATE_LIMIT",
    });
    expect(seen).toHaveLength(6);
    expect(waits(lines)).toHaveLength(5);
    expect(waits(lines).every((l) => l.endsWith("waiting 60s"))).toBe(true);
  });

  test("a secondary 429 with retry-after is waited out by the throttling plugin alone", async () => {
    const answers = [
      json(429, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "2" }),
      json(200, REPO),
    ];
    const { forge, lines, seen } = forgeOver(() => answers.shift()!);
    expect(await forge.getRepository()).toMatchObject({ defaultBranch: "main" });
    expect(seen).toHaveLength(2);
    expect(waits(lines)).toEqual([
      expect.stringMatching(/^GitHub secondary rate limit on GET .*: waiting 2s$/),
    ]);
  });

  test("a plain 403 is a permission error, not waited on", async () => {
    const { forge, lines, seen } = forgeOver(() =>
      json(403, { message: "Resource not accessible by integration" }),
    );
    await expect(forge.getRepository()).rejects.toMatchObject({ code: "E_FORGE_PERMISSION" });
    expect(seen).toHaveLength(1);
    expect(waits(lines)).toEqual([]);
  });
});

test("an upload answered 5xx is re-sent with the whole file read afresh", async () => {
  const dir = mkdtempSync(join(tmpdir(), "releasio-client-"));
  dirs.push(dir);
  const path = join(dir, "demo.whl");
  writeFileSync(path, "wheel bytes");
  const bodies: string[] = [];
  let uploads = 0;
  const { forge } = forgeOver(async (url, init) => {
    if (!url.startsWith("https://uploads.github.com/")) return json(500, {});
    bodies.push(await new Response(init?.body).text());
    uploads++;
    if (uploads < 3) return json(502, {});
    return json(201, { id: 7, name: "demo.whl", size: 11, browser_download_url: "https://x/demo.whl" });
  });
  const release = {
    id: "1",
    tag: "v1",
    name: "",
    body: "",
    draft: true,
    prerelease: false,
    url: "",
    assets: [],
  };
  const asset = await forge.uploadAsset(
    release,
    { name: "demo.whl", path, size: 11, sha256: "0".repeat(64), contentType: "application/octet-stream" },
    "v1",
  );
  expect(asset).toMatchObject({ id: "7", name: "demo.whl" });
  expect(bodies).toEqual(["wheel bytes", "wheel bytes", "wheel bytes"]);
});
