/** The demo's stand-ins (scripts/demo-fakes.ts): they start on loopback, answer on the URLs the demo configures, and close. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "smol-toml";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { startDemoFakes } from "../../scripts/demo-fakes.js";
import { configSchema } from "../../src/core/config/schema.js";

const dir = mkdtempSync(join(tmpdir(), "releasio-demo-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("demo stand-ins", () => {
  it("serve GitHub (REST and uploads), the index's trusted-publishing audience, and close", async () => {
    const bare = join(dir, "origin.git");
    execFileSync("git", ["init", "-q", "--bare", "-b", "main", bare]);
    const fakes = await startDemoFakes({ bare, project: "demo" });
    try {
      const config = v.parse(configSchema, parse(fakes.configToml));
      expect(config.github.api_url).toBe(fakes.urls.githubApi);
      expect(config.publish.allow_http_localhost).toBe(true);
      for (const url of Object.values(fakes.urls)) expect(new URL(url).hostname).toBe("127.0.0.1");

      const headers = {
        authorization: `Bearer ${fakes.forgeEnv.GITHUB_TOKEN}`,
        accept: "application/vnd.github+json",
        "x-github-api-version": "2022-11-28",
      };
      const repo = await fetch(`${fakes.urls.githubApi}/repos/acme/demo`, { headers });
      expect(repo.status).toBe(200);
      expect(((await repo.json()) as { full_name: string }).full_name).toBe("acme/demo");
      // No release 999 exists: the uploads surface answers 404 like GitHub, not "wrong host".
      const upload = await fetch(
        `${fakes.urls.githubUploads}/repos/acme/demo/releases/999/assets?name=a.txt`,
        {
          method: "POST",
          headers: { ...headers, "content-type": "text/plain" },
          body: "a\n",
        },
      );
      expect(upload.status).toBe(404);
      expect(fakes.github.calls.map((c) => c.host)).toEqual(["api.github.com", "uploads.github.com"]);
      expect(fakes.github.violations).toEqual([]);

      const audience = await fetch(`${new URL(fakes.urls.registry).origin}/_/oidc/audience`);
      expect(await audience.json()).toEqual({ audience: "pypi" });
      expect(fakes.actionsEnv.ACTIONS_ID_TOKEN_REQUEST_URL).toBe(fakes.issuer.requestUrl);
    } finally {
      await fakes.close();
    }
    await expect(fetch(`${fakes.urls.githubApi}/repos/acme/demo`)).rejects.toThrow();
  });
});
