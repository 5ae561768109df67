import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitLab, startFakeGitLab } from "./fake-gitlab.js";

let fake: FakeGitLab;
beforeEach(async () => {
  fake = await startFakeGitLab({ host: "gitlab.example", projects: [{ path: "group/sub/demo" }] });
});
afterEach(() => fake.close());

const API = "https://gitlab.example/api/v4/projects/group%2Fsub%2Fdemo";
const token = { "PRIVATE-TOKEN": "glpat-maintainer" };
const json = { ...token, "Content-Type": "application/json" };
const mr = { source_branch: "a", target_branch: "main", title: "t" };

async function call(url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fake.fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("fake GitLab", () => {
  it("accepts a well-formed request and records it", async () => {
    const created = await call(`${API}/merge_requests`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(mr),
    });
    expect(created.status).toBe(201);
    expect(fake.calls).toEqual([
      {
        method: "POST",
        path: "/projects/group%2Fsub%2Fdemo/merge_requests",
        query: {},
        body: mr,
        token: "PRIVATE-TOKEN",
      },
    ]);
    expect(fake.violations).toEqual([]);
  });

  it.each([
    [
      "no token",
      `${API}/merge_requests`,
      { method: "POST", body: JSON.stringify(mr) },
      401,
      "no PRIVATE-TOKEN",
    ],
    [
      "a form body",
      `${API}/merge_requests`,
      {
        method: "POST",
        headers: { ...token, "Content-Type": "application/x-www-form-urlencoded" },
        body: "title=t",
      },
      400,
      "instead of application/json",
    ],
    [
      "a missing required parameter",
      `${API}/merge_requests`,
      { method: "POST", headers: json, body: JSON.stringify({ source_branch: "a", target_branch: "main" }) },
      400,
      "title is missing",
    ],
    [
      "labels as an array",
      `${API}/merge_requests`,
      { method: "POST", headers: json, body: JSON.stringify({ ...mr, labels: ["a", "b"] }) },
      400,
      "labels must be a string",
    ],
    [
      "an unknown parameter",
      `${API}/merge_requests`,
      { method: "POST", headers: json, body: JSON.stringify({ ...mr, body: "GitHub's name" }) },
      400,
      "body is not a parameter",
    ],
    [
      "an unencoded nested project path",
      "https://gitlab.example/api/v4/projects/group/sub/demo/merge_requests",
      { headers: token },
      404,
      "unknown endpoint",
    ],
    [
      "a release link without a URL",
      `${API}/releases`,
      {
        method: "POST",
        headers: json,
        body: JSON.stringify({ tag_name: "v1", assets: { links: [{ name: "x" }] } }),
      },
      400,
      "assets[links][url] is invalid",
    ],
  ] as const)(
    "refuses a request with %s and records a violation",
    async (_what, url, init, status, violation) => {
      const answer = await call(url, init as RequestInit);
      expect(answer.status).toBe(status);
      expect(fake.violations).toHaveLength(1);
      expect(fake.violations[0]).toContain(violation);
      expect(fake.state.mergeRequests).toEqual([]);
    },
  );

  it("refuses descriptions over GitLab's limits: 1,000,000 characters for a release, 1,048,576 for a merge request", async () => {
    const post = (path: string, body: object) =>
      call(`${API}/${path}`, { method: "POST", headers: json, body: JSON.stringify(body) });
    const release = (description: string) => post("releases", { tag_name: "v1", ref: "main", description });
    const refused = await release("é".repeat(1_000_001));
    expect(refused).toEqual({
      status: 400,
      body: { message: { description: ["is too long (maximum is 1000000 characters)"] } },
    });
    // Characters, not bytes: a million two-byte characters fit.
    expect((await release("é".repeat(1_000_000))).status).toBe(201);
    expect((await post("merge_requests", { ...mr, description: "x".repeat(1_048_577) })).status).toBe(400);
    const opened = await post("merge_requests", { ...mr, description: "x".repeat(1_048_576) });
    expect(opened.status).toBe(201);
    const iid = (opened.body as { iid: number }).iid;
    const edit = await call(`${API}/merge_requests/${iid}`, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ description: "x".repeat(1_048_577) }),
    });
    expect(edit.status).toBe(400);
  });

  it("answers an unknown token with 401 and a job token on merge requests with 401", async () => {
    expect((await call(`${API}/merge_requests`, { headers: { "PRIVATE-TOKEN": "nope" } })).status).toBe(401);
    expect((await call(`${API}/merge_requests`, { headers: { "JOB-TOKEN": "job-token" } })).status).toBe(401);
    expect((await call(`${API}/releases/v1`, { headers: { "JOB-TOKEN": "job-token" } })).status).toBe(404);
    expect(fake.violations).toEqual([]);
  });

  it("stores generic package files with their sha256 and pages lists", async () => {
    for (const name of ["a", "b", "c"]) {
      const put = await call(`${API}/packages/generic/demo/v1.0.0/${name}.txt?select=package_file`, {
        method: "PUT",
        headers: token,
        body: name,
      });
      expect(put.status).toBe(201);
    }
    expect(fake.state.packageFiles.map((f) => f.size)).toEqual([1, 1, 1]);
    const id = fake.state.packages[0]!.id;
    const page = await fake.fetch(`${API}/packages/${id}/package_files?per_page=2`, { headers: token });
    expect(page.headers.get("x-next-page")).toBe("2");
    expect(((await page.json()) as unknown[]).length).toBe(2);
    const bad = await call(`${API}/packages/generic/demo/v1..0/x.txt`, {
      method: "PUT",
      headers: token,
      body: "x",
    });
    expect(bad.status).toBe(400);
  });

  it("serves faults once each, in order", async () => {
    fake.failNext({ status: 503 });
    fake.failNext({ status: 429, retryAfter: 3 });
    expect((await call(API, { headers: token })).status).toBe(503);
    const limited = await fake.fetch(API, { headers: token });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    fake.failNext({ drop: true });
    await expect(fake.fetch(API, { headers: token })).rejects.toThrow();
    expect((await call(API, { headers: token })).status).toBe(200);
  });

  it("merges a merge request and associates its merge commit", async () => {
    await call(`${API}/merge_requests`, { method: "POST", headers: json, body: JSON.stringify(mr) });
    fake.mergeRequest(1, "b".repeat(40));
    const found = await call(`${API}/repository/commits/${"b".repeat(40)}/merge_requests`, {
      headers: token,
    });
    expect(found.body).toMatchObject([{ iid: 1, state: "merged", merge_commit_sha: "b".repeat(40) }]);
  });
});
