import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createGitHubForge } from "../../../../src/adapters/forge/github/github-forge.js";
import type { Forge } from "../../../../src/adapters/forge/port.js";
import type { Logger } from "../../../../src/commands/context.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../../../support/fake-github.js";
import { strictFakes } from "../../../support/strict-fakes.js";

const fakes = strictFakes<FakeGitHub>();
const dirs: string[] = [];

afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(
  options: Parameters<typeof startFakeGitHub>[0] = {},
  client: { repo?: string; token?: string } = {},
) {
  const fake = await startFakeGitHub(options);
  fakes.push(fake);
  const lines: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m),
    debug: (m) => lines.push(m),
    warn: (w) => lines.push(w.message),
  };
  const forge = createGitHubForge({
    owner: options.owner ?? "acme",
    repo: client.repo ?? options.repo ?? "demo",
    apiUrl: "https://api.github.com",
    uploadsUrl: "https://uploads.github.com",
    serverUrl: "https://github.com",
    token: client.token ?? FAKE_GITHUB_TOKEN,
    fetch: fake.fetch,
    logger,
    retryBaseMs: 1,
    rateLimitUnitMs: 1,
  });
  return { fake, forge, lines };
}

function file(name: string, content: string) {
  const dir = mkdtempSync(join(tmpdir(), "releasio-assets-"));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return {
    name,
    path,
    size: Buffer.byteLength(content),
    sha256: createHash("sha256").update(content).digest("hex"),
    contentType: "application/octet-stream",
  };
}

const input = {
  title: "chore(release): prepare demo v1.1.0",
  body: "body",
  head: "releasio/release",
  base: "main",
  draft: false,
};

describe("pull requests", () => {
  test("creates a pull request with labels, finds it open, updates it and closes it with a comment", async () => {
    const { fake, forge } = await setup();
    const created = await forge.createChangeRequest({ ...input, labels: ["release"] });
    expect(created).toMatchObject({
      number: 1,
      state: "open",
      head: "releasio/release",
      base: "main",
      labels: ["release"],
    });
    expect(created.url).toBe("https://github.com/acme/demo/pull/1");
    expect(created.author).toBe("github-actions[bot]");
    expect(fake.state.labels).toEqual(["release"]);

    const found = await forge.findOpenChangeRequest("releasio/release", "main");
    expect(found?.number).toBe(1);
    expect(await forge.findOpenChangeRequest("releasio/release", "beta")).toBeNull();

    const updated = await forge.updateChangeRequest(1, { body: "new body" });
    expect(updated.body).toBe("new body");
    expect(updated.title).toBe(input.title);

    await forge.closeChangeRequest(1, "Nothing to release since v1.0.0; closing.");
    expect(fake.state.pulls[0]?.state).toBe("closed");
    expect(fake.state.comments.map((c) => c.body)).toEqual(["Nothing to release since v1.0.0; closing."]);
    expect(await forge.findOpenChangeRequest("releasio/release", "main")).toBeNull();
  });

  test("adding labels creates the missing ones and keeps existing ones", async () => {
    const { fake, forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    await forge.addLabels(1, ["release", "autorelease: pending"]);
    await forge.addLabels(1, ["release"]);
    expect(fake.state.labels).toEqual(["release", "autorelease: pending"]);
    expect(fake.state.pulls[0]?.labels).toEqual(["release", "autorelease: pending"]);
  });

  test("a merged pull request is found by its merge commit", async () => {
    const { fake, forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    const sha = "a".repeat(40);
    fake.mergePull(1, sha);
    const merged = await forge.findMergedChangeRequest(sha);
    expect(merged).toMatchObject({ number: 1, state: "merged", mergeCommit: sha });
    expect(await forge.findMergedChangeRequest("b".repeat(40))).toBeNull();
  });

  test("the sticky comment is created once, then edited, then left alone — never two", async () => {
    const { fake, forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    const marker = "<!-- releasio:check-pr -->";
    expect((await forge.upsertComment(1, marker, `${marker}\nfirst`)).action).toBe("created");
    expect((await forge.upsertComment(1, marker, `${marker}\nsecond`)).action).toBe("updated");
    const same = await forge.upsertComment(1, marker, `${marker}\nsecond`);
    expect(same.action).toBe("unchanged");
    expect(same.url).toMatch(/^https:\/\/github\.com\/acme\/demo\/pull\/1#issuecomment-\d+$/);
    expect(fake.state.comments).toHaveLength(1);
    expect(fake.state.comments[0]?.body).toBe(`${marker}\nsecond`);
  });

  test("the sticky comment is found beyond the first page of comments", async () => {
    const { fake, forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    for (let i = 0; i < 120; i++) fake.state.comments.push({ id: 5000 + i, issue: 1, body: `noise ${i}` });
    fake.state.comments.push({ id: 6000, issue: 1, body: "<!-- m -->\nold" });
    fake.resetCalls();
    expect((await forge.upsertComment(1, "<!-- m -->", "<!-- m -->\nnew")).action).toBe("updated");
    expect(fake.calls.filter((c) => c.method === "GET")).toHaveLength(2);
    expect(fake.state.comments.filter((c) => c.body.startsWith("<!-- m -->"))).toHaveLength(1);
  });
});

describe("releases", () => {
  test("a draft is found by listing (GET by tag hides drafts), across pages", async () => {
    const { fake, forge } = await setup();
    const draft = await forge.createDraftRelease({
      tag: "v1.1.0",
      name: "demo 1.1.0",
      body: "notes",
      prerelease: false,
      commit: "c".repeat(40),
    });
    expect(draft.draft).toBe(true);
    for (let i = 0; i < 150; i++) {
      fake.state.releases.push({
        id: 10_000 + i,
        tag_name: `v0.0.${i}`,
        name: "",
        body: "",
        draft: false,
        prerelease: false,
        make_latest: null,
        target_commitish: "main",
        assets: [],
      });
    }
    const found = await forge.findRelease("v1.1.0");
    expect(found).toMatchObject({ id: draft.id, tag: "v1.1.0", draft: true, body: "notes" });
    expect(await forge.findRelease("v9.9.9")).toBeNull();
  });

  test("assets stream to the uploads host with their digest, are listed and deleted", async () => {
    const { fake, forge } = await setup();
    const draft = await forge.createDraftRelease({
      tag: "v1.1.0",
      name: "demo 1.1.0",
      body: "",
      prerelease: false,
      commit: "c".repeat(40),
    });
    const f = file("demo-1.1.0.tar.gz", "sdist bytes");
    const asset = await forge.uploadAsset(draft, f, "v1.1.0");
    expect(asset).toMatchObject({ name: f.name, size: f.size, sha256: f.sha256 });
    expect(asset.url).toBe("https://github.com/acme/demo/releases/download/v1.1.0/demo-1.1.0.tar.gz");
    const upload = fake.calls.find((c) => c.method === "POST" && c.path.endsWith("/assets"));
    expect(upload?.host).toBe("uploads.github.com");
    expect(fake.state.releases[0]?.assets[0]?.sha256).toBe(f.sha256);
    expect(await forge.listAssets(draft, "v1.1.0")).toEqual([asset]);
    expect(await forge.listAssets(null, "v1.1.0")).toEqual([asset]);
    await forge.deleteAsset(draft, asset);
    expect(await forge.listAssets(draft, "v1.1.0")).toEqual([]);
  });

  test("an upload whose connection drops is retried from the file", async () => {
    const { fake, forge } = await setup();
    const draft = await forge.createDraftRelease({
      tag: "v1.1.0",
      name: "n",
      body: "",
      prerelease: false,
      commit: "c".repeat(40),
    });
    fake.failNext({ method: "POST", path: /\/assets$/, dropConnection: true });
    const f = file("demo.whl", "wheel bytes");
    const asset = await forge.uploadAsset(draft, f, "v1.1.0");
    expect(asset.sha256).toBe(f.sha256);
    expect(fake.state.releases[0]?.assets).toHaveLength(1);
  });

  test("publishing sets draft false and make_latest as a string", async () => {
    const { fake, forge } = await setup();
    const release = {
      tag: "v1.1.0",
      name: "demo 1.1.0",
      body: "notes",
      prerelease: false,
      commit: "c".repeat(40),
    };
    const draft = await forge.createDraftRelease(release);
    const published = await forge.publishRelease(draft, { ...release, makeLatest: true, assets: [] });
    expect(published).toMatchObject({
      draft: false,
      url: "https://github.com/acme/demo/releases/tag/v1.1.0",
    });
    expect(fake.state.releases[0]).toMatchObject({ draft: false, make_latest: "true" });

    const pre = { ...release, tag: "v1.2.0b1", prerelease: true };
    const preDraft = await forge.createDraftRelease(pre);
    await forge.publishRelease(preDraft, { ...pre, makeLatest: false, assets: [] });
    expect(fake.state.releases[1]).toMatchObject({ draft: false, prerelease: true, make_latest: "false" });
  });

  test("a duplicate release is an E_FORGE_API error carrying GitHub's messages", async () => {
    const { forge } = await setup();
    const release = { tag: "v1.1.0", name: "n", body: "", prerelease: false, commit: "c".repeat(40) };
    await forge.createDraftRelease(release);
    await expect(forge.createDraftRelease(release)).rejects.toMatchObject({
      code: "E_FORGE_API",
      message:
        "POST /repos/acme/demo/releases failed: 422 Validation Failed: Release tag_name already_exists",
    });
  });
});

describe("advisories and commit lookups", () => {
  test("advisories are listed by summary and created with the pip package", async () => {
    const { fake, forge } = await setup();
    expect(await forge.listAdvisorySummaries()).toEqual([]);
    const { url } = await forge.createAdvisory({
      summary: "Security fixes in demo 1.1.0",
      description: "- fix: escape input (CVE-2026-0001)",
      severity: "high",
      cveId: "CVE-2026-0001",
      packageName: "demo",
      vulnerableRange: "< 1.1.0",
      patchedVersions: "1.1.0",
    });
    expect(url).toMatch(/^https:\/\/github\.com\/acme\/demo\/security\/advisories\/GHSA-/);
    expect(fake.state.advisories[0]).toMatchObject({
      severity: "high",
      cve_id: "CVE-2026-0001",
      vulnerabilities: [
        {
          package: { ecosystem: "pip", name: "demo" },
          vulnerable_version_range: "< 1.1.0",
          patched_versions: "1.1.0",
        },
      ],
    });
    expect(await forge.listAdvisorySummaries()).toEqual(["Security fixes in demo 1.1.0"]);
  });

  test("commit lookups are batched: one GraphQL request per 100 commits", async () => {
    const { fake, forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    const shas = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(40, "0"));
    fake.mergePull(1, shas[3]!);
    fake.resetCalls();
    const before = forge.calls;
    const result = await forge.lookupCommits(shas);
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /graphql", "POST /graphql"]);
    expect(result.get(shas[3]!)).toEqual({ pr: 1, login: null });
    expect(result.size).toBe(150);
    expect(forge.calls - before).toBe(2);
  });
});

describe("failures", () => {
  test.each([
    [
      "createChangeRequest",
      { pull_requests: "read" as const },
      (f: Forge) => f.createChangeRequest({ ...input, labels: [] }),
      "pull-requests: write",
    ],
    [
      "createDraftRelease",
      { contents: "read" as const },
      (f: Forge) =>
        f.createDraftRelease({ tag: "v1", name: "", body: "", prerelease: false, commit: "c".repeat(40) }),
      "contents: write",
    ],
    [
      "createAdvisory",
      { security_events: "read" as const },
      (f: Forge) =>
        f.createAdvisory({
          summary: "s",
          description: "d",
          severity: "low",
          cveId: null,
          packageName: "demo",
          vulnerableRange: "< 1.0.0",
          patchedVersions: "1.0.0",
        }),
      "security-events: write",
    ],
  ])("a missing permission for %s names it", async (_name, permissions, act, permission) => {
    const { forge } = await setup({ permissions });
    const error = await act(forge).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_FORGE_PERMISSION", exitCode: 1 });
    expect((error as Error).message).toMatch(/^the token cannot .* on acme\/demo \(403\)$/);
    expect((error as { hint: string }).hint).toContain(`permissions: ${permission}`);
  });

  test("Actions not allowed to create pull requests → hint to enable the repository setting", async () => {
    const { forge } = await setup({ permissions: { actionsCanCreatePullRequests: false } });
    const error = await forge.createChangeRequest({ ...input, labels: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_FORGE_PERMISSION" });
    expect((error as { hint: string }).hint).toContain(
      '"Allow GitHub Actions to create and approve pull requests"',
    );
  });

  test("a secondary rate limit is waited out and the request succeeds", async () => {
    const { fake, forge } = await setup();
    const { secondaryRateLimit } = await import("../../../support/fake-github.js");
    fake.failNext(secondaryRateLimit(/\/pulls$/));
    const created = await forge.createChangeRequest({ ...input, labels: [] });
    expect(created.number).toBe(1);
    expect(fake.calls.map((c) => c.status)).toEqual([403, 201]);
    expect(forge.calls).toBe(2);
  });

  test("5xx answers are retried", async () => {
    const { fake, forge } = await setup();
    fake.failNext({ path: /^\/repos\/acme\/demo$/, status: 502, times: 2 });
    expect(await forge.getRepository()).toMatchObject({ defaultBranch: "main", visibility: "public" });
    expect(fake.calls.map((c) => c.status)).toEqual([502, 502, 200]);
  });

  test("persistent 5xx becomes E_FORGE_API after 3 retries", async () => {
    const { fake, forge } = await setup();
    fake.failNext({
      path: /^\/repos\/acme\/demo$/,
      status: 503,
      times: 10,
      body: { message: "Service Unavailable" },
    });
    await expect(forge.getRepository()).rejects.toMatchObject({
      code: "E_FORGE_API",
      message: "GET /repos/acme/demo failed: 503 Service Unavailable",
    });
    expect(fake.calls).toHaveLength(4);
  });

  test("an unknown repository is E_FORGE_NOT_FOUND; a bad token is E_FORGE_AUTH", async () => {
    const { forge } = await setup({ repo: "other" }, { repo: "demo" });
    await expect(forge.getRepository()).rejects.toMatchObject({
      code: "E_FORGE_NOT_FOUND",
      message: "repository acme/demo not found or not visible to this token",
    });
    const { forge: badToken } = await setup({}, { token: "ghp_other000000000000000000000000000000" });
    const error = await badToken.getRepository().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "E_FORGE_AUTH", message: "GitHub rejected the token (401)" });
  });

  test("-v logs each request line without headers or the token", async () => {
    const { forge, lines } = await setup();
    await forge.getRepository();
    expect(lines).toEqual(["GitHub GET /repos/acme/demo 200"]);
    expect(lines.join("\n")).not.toContain(FAKE_GITHUB_TOKEN);
  });
});

describe("more failures", () => {
  test("an asset upload without contents: write names that permission", async () => {
    const { fake, forge } = await setup();
    const draft = await forge.createDraftRelease({
      tag: "v1",
      name: "",
      body: "",
      prerelease: false,
      commit: "c".repeat(40),
    });
    fake.failNext({
      method: "POST",
      path: /\/assets$/,
      status: 403,
      body: {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    const error = await forge.uploadAsset(draft, file("a.whl", "x"), "v1.1.0").catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "E_FORGE_PERMISSION",
      hint: "grant the token 'contents: write' (in a workflow: permissions: contents: write)",
    });
  });

  test("labels without pull-requests: write name that permission", async () => {
    const { forge } = await setup({ permissions: { pull_requests: "read" } });
    await expect(forge.addLabels(1, ["release"])).rejects.toMatchObject({
      code: "E_FORGE_PERMISSION",
      hint: expect.stringContaining("pull-requests: write"),
    });
  });

  test("a 404 below the repository is E_FORGE_API with the request line", async () => {
    const { forge } = await setup();
    await expect(forge.updateChangeRequest(42, { title: "x" })).rejects.toMatchObject({
      code: "E_FORGE_API",
      message: "PATCH /repos/acme/demo/pulls/42 failed: 404 Not Found",
    });
  });

  test("an already existing pull request is E_FORGE_API with GitHub's message", async () => {
    const { forge } = await setup();
    await forge.createChangeRequest({ ...input, labels: [] });
    await expect(forge.createChangeRequest({ ...input, labels: [] })).rejects.toMatchObject({
      code: "E_FORGE_API",
      message:
        "POST /repos/acme/demo/pulls failed: 422 Validation Failed: A pull request already exists for acme:releasio/release.",
    });
  });

  test("GraphQL errors without data are E_FORGE_API", async () => {
    const { fake, forge } = await setup();
    fake.failNext({
      path: /^\/graphql$/,
      status: 200,
      body: { data: null, errors: [{ message: "Something went wrong" }] },
    });
    await expect(forge.lookupCommits(["a".repeat(40)])).rejects.toMatchObject({
      code: "E_FORGE_API",
      message: "POST /graphql failed: Something went wrong",
    });
  });

  test("a transport failure after retries is E_NETWORK naming the host", async () => {
    const { fake, forge } = await setup();
    fake.failNext({ path: /^\/repos\/acme\/demo$/, dropConnection: true, times: 4 });
    await expect(forge.getRepository()).rejects.toMatchObject({
      code: "E_NETWORK",
      message: expect.stringMatching(/^cannot reach api\.github\.com: /),
    });
  });
});

test("an upload hit by a secondary rate limit is re-sent from the file after the wait", async () => {
  const { fake, forge } = await setup();
  const { secondaryRateLimit } = await import("../../../support/fake-github.js");
  const draft = await forge.createDraftRelease({
    tag: "v1",
    name: "",
    body: "",
    prerelease: false,
    commit: "c".repeat(40),
  });
  fake.failNext({ ...secondaryRateLimit(/\/assets$/), method: "POST" });
  const f = file("demo.whl", "wheel");
  expect((await forge.uploadAsset(draft, f, "v1.1.0")).sha256).toBe(f.sha256);
  expect(fake.calls.filter((c) => c.path.endsWith("/assets")).map((c) => c.status)).toEqual([403, 201]);
});
