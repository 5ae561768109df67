import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGitLabForge } from "../../../../src/adapters/forge/gitlab/gitlab-forge.js";
import { silentLogger } from "../../../../src/commands/context.js";
import { isReleasioError, type ReleasioError } from "../../../../src/core/errors.js";
import { type FakeGitLab, startFakeGitLab } from "../../../support/fake-gitlab.js";
import { forgeOn } from "./setup.js";

const PROJECT = "group/sub/demo";
const input = {
  title: "t",
  body: "b",
  head: "releasio/release",
  base: "main",
  draft: false,
  labels: ["release"],
};

let fake: FakeGitLab;
beforeEach(async () => {
  fake = await startFakeGitLab({
    host: "gitlab.example",
    projects: [{ path: PROJECT }],
    tokens: {
      "glpat-maintainer": { header: "PRIVATE-TOKEN", username: "release-bot", role: "maintainer" },
      "glpat-reporter": { header: "PRIVATE-TOKEN", username: "reader", role: "reporter" },
      "job-token": { header: "JOB-TOKEN", username: "ci-user", role: "developer" },
    },
  });
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

async function failure(promise: Promise<unknown>): Promise<ReleasioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isReleasioError(error)) throw new Error(`expected a ReleasioError, got ${String(error)}`);
  return error;
}

describe("GitLab forge: retries and rate limits", () => {
  it("retries a 5xx with jittered exponential backoff and succeeds", async () => {
    const { forge, sleeps } = forgeOn(fake, PROJECT);
    fake.failNext({ status: 502 });
    fake.failNext({ status: 503 });
    expect((await forge.getRepository()).defaultBranch).toBe("main");
    expect(sleeps).toEqual([500, 1000]);
    expect(forge.calls).toBe(3);
  });

  it("retries a dropped connection", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    fake.failNext({ drop: true });
    await forge.createChangeRequest(input);
    expect(fake.state.mergeRequests).toHaveLength(1);
  });

  it("gives up after 3 retries of a 5xx with E_FORGE_API", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    for (let i = 0; i < 4; i++) fake.failNext({ status: 500 });
    const error = await failure(forge.getRepository());
    expect(error.code).toBe("E_FORGE_API");
    expect(error.message).toBe("GET /projects/group%2Fsub%2Fdemo failed: 500 Internal Server Error");
    expect(forge.calls).toBe(4);
  });

  it("gives up on an unreachable host after 3 retries with E_NETWORK", async () => {
    const forge = createGitLabForge({
      projectPath: PROJECT,
      apiUrl: "https://unrouted.example/api/v4",
      serverUrl: "https://unrouted.example",
      token: { header: "PRIVATE-TOKEN", value: "glpat-maintainer" },
      fetch: fake.fetch,
      logger: silentLogger,
      sleep: async () => {},
    });
    const error = await failure(forge.getRepository());
    expect(error.code).toBe("E_NETWORK");
    expect(error.message).toMatch(/^cannot reach unrouted\.example: /);
    expect(forge.calls).toBe(4);
  });

  it("waits out a 429 for retry-after and continues", async () => {
    const { forge, sleeps, info } = forgeOn(fake, PROJECT);
    fake.failNext({ status: 429, retryAfter: 7 }, { method: "POST" });
    await forge.createChangeRequest(input);
    expect(sleeps).toEqual([7000]);
    expect(info).toEqual(["GitLab rate limit reached; waiting 7 s"]);
    expect(fake.state.mergeRequests).toHaveLength(1);
  });

  it("stops waiting after 5 minutes in total with E_FORGE_RATE_LIMIT", async () => {
    const { forge, sleeps } = forgeOn(fake, PROJECT);
    fake.failNext({ status: 429, retryAfter: 200 });
    fake.failNext({ status: 429, retryAfter: 200 });
    const error = await failure(forge.getRepository());
    expect(error.code).toBe("E_FORGE_RATE_LIMIT");
    expect(error.message).toBe("GitLab rate limit exhausted; resets at 2026-11-25T12:03:20.000Z");
    expect(sleeps).toEqual([200_000]);
  });
});

describe("GitLab forge: errors", () => {
  it("translates a 403 into E_FORGE_PERMISSION naming the scope and role to grant", async () => {
    const { forge } = forgeOn(fake, PROJECT, { header: "PRIVATE-TOKEN", value: "glpat-reporter" });
    const error = await failure(forge.createChangeRequest(input));
    expect(error.code).toBe("E_FORGE_PERMISSION");
    expect(error.message).toBe("the token cannot create merge requests on group/sub/demo (403)");
    expect(error.hint).toBe(
      "give the token the `api` scope and at least the Developer role on group/sub/demo",
    );
  });

  it("explains that CI_JOB_TOKEN cannot manage merge requests", async () => {
    const { forge } = forgeOn(fake, PROJECT, { header: "JOB-TOKEN", value: "job-token" });
    const error = await failure(forge.createChangeRequest(input));
    expect(error.code).toBe("E_FORGE_AUTH");
    expect(error.hint).toContain("CI_JOB_TOKEN cannot manage merge requests");
    expect(error.hint).toContain("GITLAB_TOKEN");
    expect(fake.calls[0]!.token).toBe("JOB-TOKEN");
  });

  it("translates a 401 into E_FORGE_AUTH without showing the token", async () => {
    const { forge } = forgeOn(fake, PROJECT, { header: "PRIVATE-TOKEN", value: "glpat-revoked-secret" });
    const error = await failure(forge.getRepository());
    expect(error.code).toBe("E_FORGE_AUTH");
    expect(error.message).toBe("GitLab rejected the token (401) on GET /projects/group%2Fsub%2Fdemo");
    expect(JSON.stringify([error.message, error.hint, error.details])).not.toContain("glpat-revoked-secret");
  });

  it("translates a 404 into E_FORGE_NOT_FOUND naming the project", async () => {
    const { forge } = forgeOn(fake, "group/other");
    const error = await failure(forge.getRepository());
    expect(error.code).toBe("E_FORGE_NOT_FOUND");
    expect(error.message).toBe(
      "project group/other not found or not visible to this token (404 on GET /projects/group%2Fother)",
    );
  });

  it("names a missing merge request in a 404", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const error = await failure(forge.updateChangeRequest(42, { body: "x" }));
    expect(error.code).toBe("E_FORGE_NOT_FOUND");
    expect(error.message).toContain("404 Merge Request Not Found in project group/sub/demo");
  });

  it("translates a 409 into E_FORGE_API with GitLab's message", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    const error = await failure(forge.createChangeRequest(input));
    expect(error.code).toBe("E_FORGE_API");
    expect(error.message).toBe(
      "POST /projects/group%2Fsub%2Fdemo/merge_requests failed: 409 Another open merge request already exists for this source branch: !1",
    );
  });

  it("translates a 400 into E_FORGE_API with GitLab's field messages", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const error = await failure(forge.createChangeRequest({ ...input, body: "x".repeat(1_048_577) }));
    expect(error.code).toBe("E_FORGE_API");
    expect(error.message).toBe(
      "POST /projects/group%2Fsub%2Fdemo/merge_requests failed: 400 description is too long (maximum is 1048576 characters)",
    );
  });

  it("keeps at most 4 requests in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const counting = createGitLabForge({
      projectPath: PROJECT,
      apiUrl: fake.apiUrl,
      serverUrl: fake.serverUrl,
      token: { header: "PRIVATE-TOKEN", value: "glpat-maintainer" },
      fetch: async (url, init) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await fake.fetch(url, init);
        } finally {
          inFlight -= 1;
        }
      },
      logger: silentLogger,
    });
    const shas = Array.from({ length: 12 }, (_, i) => i.toString(16).padStart(40, "0"));
    const found = await counting.lookupCommits(shas);
    expect(found.size).toBe(12);
    // One page of merged requests (empty here), then one request per commit.
    expect(counting.calls).toBe(13);
    expect(most).toBeLessThanOrEqual(4);
  });

  it("prints request lines on debug, never headers or the token", async () => {
    const { forge, debug } = forgeOn(fake, PROJECT);
    await forge.findOpenChangeRequest("releasio/release", "main");
    expect(debug).toEqual([
      "GET https://gitlab.example/api/v4/projects/group%2Fsub%2Fdemo/merge_requests?source_branch=releasio%2Frelease&target_branch=main&state=opened → 200",
    ]);
    expect(debug.join("\n")).not.toContain("glpat-maintainer");
  });

  it("refuses an http API URL except on loopback", () => {
    const make = (apiUrl: string) =>
      createGitLabForge({
        projectPath: PROJECT,
        apiUrl,
        serverUrl: apiUrl.replace(/\/api\/v4$/, ""),
        token: { header: "PRIVATE-TOKEN", value: "x" },
        fetch: fake.fetch,
        logger: silentLogger,
      });
    expect(() => make("http://gitlab.example/api/v4")).toThrow(
      expect.objectContaining({ code: "E_INSECURE_URL" }),
    );
    expect(make(`${fake.origin}/api/v4/`).repository.apiUrl).toBe(`${fake.origin}/api/v4`);
  });

  it("talks to a loopback http fake directly", async () => {
    const forge = createGitLabForge({
      projectPath: PROJECT,
      apiUrl: `${fake.origin}/api/v4`,
      serverUrl: fake.origin,
      token: { header: "PRIVATE-TOKEN", value: "glpat-maintainer" },
      fetch: (url, init) => fetch(url, init),
      logger: silentLogger,
    });
    expect((await forge.getRepository()).visibility).toBe("private");
  });
});
