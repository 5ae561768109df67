import { afterEach, describe, expect, test } from "vitest";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, secondaryRateLimit, startFakeGitHub } from "./fake-github.js";
import { cleanupRepos, TestRepo } from "./repo.js";

const fakes: FakeGitHub[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
  cleanupRepos();
});

async function fake(options: Parameters<typeof startFakeGitHub>[0] = {}) {
  const f = await startFakeGitHub(options);
  fakes.push(f);
  return f;
}

const HEADERS = {
  authorization: `Bearer ${FAKE_GITHUB_TOKEN}`,
  accept: "application/vnd.github+json",
  "x-github-api-version": "2022-11-28",
  "content-type": "application/json",
};

function call(
  f: FakeGitHub,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
) {
  const h = Object.fromEntries(
    Object.entries({ ...HEADERS, ...headers }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return f.fetch(`https://api.github.com${path}`, {
    method,
    headers: h,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("request validation", () => {
  test("a body field the API does not have is answered 422 and recorded", async () => {
    const f = await fake();
    const res = await call(f, "POST", "/repos/acme/demo/pulls", {
      title: "t",
      head: "x",
      base: "main",
      labels: ["release"],
    });
    expect(res.status).toBe(422);
    expect(f.violations).toEqual([
      "POST api.github.com/repos/acme/demo/pulls: request body has unknown field 'labels'",
    ]);
    expect(f.state.pulls).toEqual([]);
  });

  test("a body of the wrong type is answered 422 and recorded", async () => {
    const f = await fake();
    const res = await call(f, "POST", "/repos/acme/demo/releases", { tag_name: "v1", draft: "yes" });
    expect(res.status).toBe(422);
    expect(f.violations[0]).toContain("/draft must be boolean");
  });

  test("a release or pull request body past GitHub's length limit is refused as GitHub refuses it", async () => {
    const f = await fake();
    const release = await call(f, "POST", "/repos/acme/demo/releases", {
      tag_name: "v1",
      draft: true,
      body: "x".repeat(125_001),
    });
    expect(release.status).toBe(422);
    expect(JSON.stringify(await release.json())).toContain("body is too long (maximum is 125000 characters)");
    const fits = await call(f, "POST", "/repos/acme/demo/releases", {
      tag_name: "v1",
      draft: true,
      body: "x".repeat(125_000),
    });
    expect(fits.status).toBe(201);
    expect(f.state.releases).toHaveLength(1);
    expect(f.violations).toEqual([]);
  });

  test.each([
    ["a missing Authorization", { authorization: undefined }, 401, "missing Authorization"],
    ["a wrong Accept", { accept: "text/html" }, 415, "Accept 'text/html'"],
    ["a missing API version", { "x-github-api-version": undefined }, 400, "X-GitHub-Api-Version"],
  ])("%s is refused and recorded", async (_name, headers, status, violation) => {
    const f = await fake();
    const res = await call(f, "GET", "/repos/acme/demo", undefined, headers);
    expect(res.status).toBe(status);
    expect(f.violations.join("\n")).toContain(violation);
  });

  test("unknown endpoints and unknown query parameters are recorded", async () => {
    const f = await fake();
    expect((await call(f, "GET", "/repos/acme/demo/nonsense")).status).toBe(404);
    expect((await call(f, "GET", "/repos/acme/demo/pulls?bogus=1")).status).toBe(422);
    expect((await call(f, "GET", "/repos/acme/demo/pulls?state=merged")).status).toBe(422);
    expect(f.violations).toHaveLength(3);
  });

  test("a wrong token is a plain 401 (a scenario, not a client bug)", async () => {
    const f = await fake();
    const res = await call(f, "GET", "/repos/acme/demo", undefined, { authorization: "Bearer ghp_wrong" });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe("Bad credentials");
    expect(f.violations).toEqual([]);
  });
});

describe("response validation", () => {
  test("a response that does not match GitHub's schema is recorded", async () => {
    const f = await fake();
    f.failNext({ path: /^\/repos\/acme\/demo$/, status: 200, body: { name: 42 } });
    await call(f, "GET", "/repos/acme/demo");
    expect(f.violations.length).toBeGreaterThan(0);
    expect(f.violations[0]).toMatch(/^GET api\.github\.com\/repos\/acme\/demo: response 200 /);
  });

  test("every normal answer validates", async () => {
    const f = await fake();
    for (const path of [
      "/repos/acme/demo",
      "/repos/acme/demo/pulls",
      "/repos/acme/demo/releases",
      "/repos/acme/demo/labels",
      "/repos/acme/demo/security-advisories",
    ]) {
      expect((await call(f, "GET", path)).status).toBe(200);
    }
    expect(f.violations).toEqual([]);
  });
});

describe("behaviour", () => {
  test("lists paginate with Link headers on the public host", async () => {
    const f = await fake();
    for (let i = 1; i <= 5; i++) f.state.labels.push(`l${i}`);
    const res = await call(f, "GET", "/repos/acme/demo/labels?per_page=2");
    expect(((await res.json()) as unknown[]).length).toBe(2);
    expect(res.headers.get("link")).toContain(
      '<https://api.github.com/repos/acme/demo/labels?per_page=2&page=2>; rel="next"',
    );
    expect(res.headers.get("link")).toContain('page=3>; rel="last"');
  });

  test("permissions are simulated with GitHub's messages", async () => {
    const f = await fake({ permissions: { contents: "read", actionsCanCreatePullRequests: false } });
    const release = await call(f, "POST", "/repos/acme/demo/releases", { tag_name: "v1" });
    expect(release.status).toBe(403);
    expect(((await release.json()) as { message: string }).message).toBe(
      "Resource not accessible by integration",
    );
    const pull = await call(f, "POST", "/repos/acme/demo/pulls", { title: "t", head: "x", base: "main" });
    expect(((await pull.json()) as { message: string }).message).toBe(
      "GitHub Actions is not permitted to create or approve pull requests.",
    );
    expect(f.violations).toEqual([]);
  });

  test("with a bare repository, a pull request needs its head branch to exist; GraphQL resolves noreply authors", async () => {
    const repo = TestRepo.create({ origin: true });
    repo.commit("feat: one", {
      files: { "a.txt": "1" },
      author: { name: "Ann", email: "1234+ann@users.noreply.github.com" },
    });
    repo.git("push", "origin", "HEAD:refs/heads/main");
    const sha = repo.git("rev-parse", "HEAD").trim();
    const f = await fake({ bare: repo.origin! });
    expect(
      (await call(f, "POST", "/repos/acme/demo/pulls", { title: "t", head: "missing", base: "main" })).status,
    ).toBe(422);
    repo.git("push", "origin", "HEAD:refs/heads/releasio/release");
    expect(
      (
        await call(f, "POST", "/repos/acme/demo/pulls", {
          title: "t",
          head: "releasio/release",
          base: "main",
        })
      ).status,
    ).toBe(201);
    f.mergePull(1, sha);
    const query = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { c0: object(oid: "${sha}") { ... on Commit { oid } } c1: object(oid: "${"f".repeat(40)}") { ... on Commit { oid } } } }`;
    const res = await call(f, "POST", "/graphql", { query, variables: { owner: "acme", name: "demo" } });
    const data = (await res.json()) as { data: { repository: Record<string, unknown> } };
    expect(data.data.repository.c0).toEqual({
      oid: sha,
      associatedPullRequests: { nodes: [{ number: 1, merged: true }] },
      author: { user: { login: "ann" } },
    });
    expect(data.data.repository.c1).toBeNull();
    expect(f.violations).toEqual([]);
  });

  test("injected faults: secondary rate limit, 5xx, dropped connection; every call is counted", async () => {
    const f = await fake();
    f.failNext(secondaryRateLimit(/\/pulls$/));
    f.failNext({ method: "GET", path: /^\/repos\/acme\/demo$/, status: 502 });
    f.failNext({ method: "GET", path: /\/releases$/, dropConnection: true });
    const limited = await call(f, "GET", "/repos/acme/demo/pulls");
    expect(limited.status).toBe(403);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await call(f, "GET", "/repos/acme/demo")).status).toBe(502);
    await expect(call(f, "GET", "/repos/acme/demo/releases")).rejects.toThrow();
    expect((await call(f, "GET", "/repos/acme/demo/pulls")).status).toBe(200);
    expect(f.calls.map((c) => c.status)).toEqual([403, 502, -1, 200]);
    expect(f.writeCalls()).toEqual([]);
    expect(f.violations).toEqual([]);
  });
});

test("publishing a release whose tag is not on the remote creates it at target_commitish, as GitHub does", async () => {
  const repo = TestRepo.create({ origin: true });
  repo.commit("feat: one", { files: { "a.txt": "1" } });
  repo.git("push", "origin", "HEAD:refs/heads/main");
  const sha = repo.git("rev-parse", "HEAD").trim();
  const f = await fake({ bare: repo.origin! });
  const draft = (await (
    await call(f, "POST", "/repos/acme/demo/releases", {
      tag_name: "v1.0.0",
      target_commitish: sha,
      draft: true,
    })
  ).json()) as { id: number };
  expect(repo.git("ls-remote", "--tags", "origin").trim()).toBe("");
  expect((await call(f, "PATCH", `/repos/acme/demo/releases/${draft.id}`, { draft: false })).status).toBe(
    200,
  );
  expect(repo.git("ls-remote", "--tags", "origin")).toContain(`${sha}\trefs/tags/v1.0.0`);
  expect(f.violations).toEqual([]);
});
