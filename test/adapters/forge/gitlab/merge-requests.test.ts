import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitLab, startFakeGitLab } from "../../../support/fake-gitlab.js";
import { forgeOn } from "./setup.js";

const PROJECT = "group/sub/demo";
const ENCODED = "/projects/group%2Fsub%2Fdemo";
const input = {
  title: "chore(release): prepare demo v1.1.0",
  body: "<!-- releasio:release-pr schema=1 -->\n## Release",
  head: "releasio/release",
  base: "main",
  draft: false,
  labels: ["release"],
};

let fake: FakeGitLab;
beforeEach(async () => {
  fake = await startFakeGitLab({
    host: "gitlab.example",
    projects: [{ path: PROJECT, defaultBranch: "trunk" }],
  });
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

describe("GitLab forge: project and merge requests", () => {
  it("describes the repository of a nested-group project on a self-managed host", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    expect(forge.repository).toEqual({
      kind: "gitlab",
      path: PROJECT,
      webUrl: "https://gitlab.example/group/sub/demo",
      apiUrl: "https://gitlab.example/api/v4",
    });
    expect(forge.capabilities).toEqual({ draftReleases: false, advisories: false });
    expect(await forge.getRepository()).toEqual({ defaultBranch: "trunk", visibility: "private" });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${ENCODED}`]);
    expect(forge.calls).toBe(1);
  });

  it("creates a merge request with comma-joined labels, in one request", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const cr = await forge.createChangeRequest({ ...input, labels: ["release", "bot"] });
    expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${ENCODED}/merge_requests`]);
    expect(fake.calls[0]!.body).toEqual({
      source_branch: "releasio/release",
      target_branch: "main",
      title: input.title,
      description: input.body,
      labels: "release,bot",
    });
    expect(cr).toEqual({
      number: 1,
      url: "https://gitlab.example/group/sub/demo/-/merge_requests/1",
      title: input.title,
      body: input.body,
      head: "releasio/release",
      base: "main",
      labels: ["release", "bot"],
      draft: false,
      state: "open",
      author: "release-bot",
      mergeCommit: null,
    });
    expect(fake.state.labels.map((l) => l.name)).toEqual(["release", "bot"]);
  });

  it("finds the open merge request by source and target branch, and null when there is none", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    expect(await forge.findOpenChangeRequest("releasio/release", "main")).toBeNull();
    await forge.createChangeRequest(input);
    const found = await forge.findOpenChangeRequest("releasio/release", "main");
    expect(found?.number).toBe(1);
    expect(await forge.findOpenChangeRequest("releasio/release", "beta")).toBeNull();
    expect(fake.calls[0]!.query).toMatchObject({
      source_branch: "releasio/release",
      target_branch: "main",
      state: "opened",
    });
  });

  it("keeps GitLab's Draft: prefix out of the title and in GitLab across title edits", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const cr = await forge.createChangeRequest({ ...input, draft: true });
    expect(fake.state.mergeRequests[0]!.title).toBe(`Draft: ${input.title}`);
    expect(cr).toMatchObject({ title: input.title, draft: true });
    const fresh = forgeOn(fake, PROJECT).forge; // knows nothing about the draft flag yet
    const updated = await fresh.updateChangeRequest(1, { title: "chore(release): prepare demo v1.2.0" });
    expect(fake.state.mergeRequests[0]!.title).toBe("Draft: chore(release): prepare demo v1.2.0");
    expect(updated).toMatchObject({ title: "chore(release): prepare demo v1.2.0", draft: true });
  });

  it("updates only the given fields with PUT", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    const cr = await forge.updateChangeRequest(1, { body: "new body" });
    const put = fake.calls.at(-1)!;
    expect(`${put.method} ${put.path}`).toBe(`PUT ${ENCODED}/merge_requests/1`);
    expect(put.body).toEqual({ description: "new body" });
    expect(cr).toMatchObject({ title: input.title, body: "new body" });
  });

  it("adds missing labels with add_labels, creating them, and makes no request for none", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest({ ...input, labels: [] });
    await forge.addLabels(1, []);
    expect(fake.calls).toHaveLength(1);
    await forge.addLabels(1, ["release", "autorelease: pending"]);
    expect(fake.calls.at(-1)!.body).toEqual({ add_labels: "release,autorelease: pending" });
    expect(fake.state.mergeRequests[0]!.labels).toEqual(["release", "autorelease: pending"]);
    expect(fake.state.labels.map((l) => l.name)).toEqual(["release", "autorelease: pending"]);
  });

  it("closes with a comment first, then state_event=close", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    await forge.closeChangeRequest(1, "Nothing to release since v1.0.0; closing.");
    expect(fake.calls.slice(1).map((c) => `${c.method} ${c.path}`)).toEqual([
      `POST ${ENCODED}/merge_requests/1/notes`,
      `PUT ${ENCODED}/merge_requests/1`,
    ]);
    expect(fake.calls.at(-1)!.body).toEqual({ state_event: "close" });
    expect(fake.state.notes.map((n) => n.body)).toEqual(["Nothing to release since v1.0.0; closing."]);
    expect(fake.state.mergeRequests[0]!.state).toBe("closed");
    expect(await forge.findOpenChangeRequest(input.head, input.base)).toBeNull();
  });

  it("keeps one sticky comment: created, then updated when different, else left alone", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    fake.state.notes.push({
      project: PROJECT,
      mr: 1,
      id: 900,
      body: "looks good",
      system: false,
      author: "x",
    });
    const marker = "<!-- releasio:check-pr -->";
    const first = await forge.upsertComment(1, marker, `${marker}\n✓ valid`);
    expect(first.action).toBe("created");
    expect(first.url).toMatch(/^https:\/\/gitlab\.example\/group\/sub\/demo\/-\/merge_requests\/1#note_\d+$/);
    expect(await forge.upsertComment(1, marker, `${marker}\n✓ valid`)).toEqual({
      action: "unchanged",
      url: first.url,
    });
    expect(await forge.upsertComment(1, marker, "✗ invalid")).toEqual({ action: "updated", url: first.url });
    const sticky = fake.state.notes.filter((n) => n.body.startsWith(marker));
    expect(sticky.map((n) => n.body)).toEqual([`${marker}\n✗ invalid`]);
    expect(fake.state.notes).toHaveLength(2);
  });

  it("finds the merged merge request that produced a merge commit", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    const sha = "a".repeat(40);
    expect(await forge.findMergedChangeRequest(sha)).toBeNull();
    fake.mergeRequest(1, sha);
    const cr = await forge.findMergedChangeRequest(sha);
    expect(cr).toMatchObject({ number: 1, state: "merged", mergeCommit: sha });
    expect(fake.calls.at(-1)!.path).toBe(`${ENCODED}/repository/commits/${sha}/merge_requests`);
  });

  it("looks up the commits inside a merged branch one by one, after one page of merged requests", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const [a, b, c] = ["1".repeat(40), "2".repeat(40), "3".repeat(40)];
    fake.addMergeRequest({
      iid: 7,
      state: "merged",
      author: "alice",
      commits: [a!],
      merge_commit_sha: "f".repeat(40),
    });
    fake.addMergeRequest({ iid: 8, state: "opened", author: "bob", commits: [b!] });
    const found = await forge.lookupCommits([a!, b!, c!, a!]);
    expect([...found.entries()]).toEqual([
      [a, { pr: 7, login: "alice" }],
      [b, { pr: null, login: null }],
      [c, { pr: null, login: null }],
    ]);
    // One page of recently merged requests (none produced these commits), then one request per commit.
    expect(forge.calls).toBe(4);
    expect(fake.calls[0]!.path).toBe(`${ENCODED}/merge_requests`);
    expect(fake.calls[0]!.query).toMatchObject({ state: "merged", page: "1", per_page: "100" });
  });

  it("answers squash and merge commits from the list of merged requests, a hundred a page", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const sha = (i: number) => i.toString(16).padStart(40, "0");
    // 150 merged requests: squash commits (with and without a merge commit) and plain merge commits.
    for (let i = 1; i <= 150; i++) {
      fake.addMergeRequest({
        iid: i,
        state: "merged",
        author: `dev${i}`,
        merge_commit_sha: i % 3 === 0 ? null : sha(1000 + i),
        squash_commit_sha: i % 3 === 0 || i % 3 === 1 ? sha(i) : null,
      });
    }
    // Request i produced sha(1000 + i) when it made a merge commit without squashing, else sha(i).
    const wanted = Array.from({ length: 150 }, (_, k) => ((k + 1) % 3 === 2 ? sha(1001 + k) : sha(k + 1)));
    const found = await forge.lookupCommits([...wanted, "e".repeat(40)]);
    expect(found.get(sha(1))).toEqual({ pr: 1, login: "dev1" });
    expect(found.get(sha(3))).toEqual({ pr: 3, login: "dev3" });
    expect(found.get(sha(1002))).toEqual({ pr: 2, login: "dev2" });
    for (const [k, s] of wanted.entries()) expect(found.get(s)?.pr).toBe(k + 1);
    expect(found.get("e".repeat(40))).toEqual({ pr: null, login: null });
    // Two pages of merged requests answer all 150; only the unknown commit is asked on its own.
    expect(forge.calls).toBe(3);
    expect(fake.calls.map((c) => `${c.path}?page=${c.query.page}`)).toEqual([
      `${ENCODED}/merge_requests?page=1`,
      `${ENCODED}/merge_requests?page=2`,
      `${ENCODED}/repository/commits/${"e".repeat(40)}/merge_requests?page=1`,
    ]);
  });

  it("pages through notes with x-next-page", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.createChangeRequest(input);
    for (let i = 0; i < 130; i++)
      fake.state.notes.push({
        project: PROJECT,
        mr: 1,
        id: 1000 + i,
        body: `n${i}`,
        system: false,
        author: "x",
      });
    fake.state.notes.push({
      project: PROJECT,
      mr: 1,
      id: 2000,
      body: "<!-- m -->\nold",
      system: false,
      author: "release-bot",
    });
    expect((await forge.upsertComment(1, "<!-- m -->", "new")).action).toBe("updated");
    const pages = fake.calls.filter((c) => c.method === "GET" && c.path.endsWith("/notes"));
    expect(pages.map((c) => c.query.page)).toEqual(["1", "2"]);
  });
});

describe("GitLab forge on gitlab.com", () => {
  it("encodes a two-level project path", async () => {
    const com = await startFakeGitLab();
    try {
      const { forge } = forgeOn(com, "group/demo");
      expect(forge.repository.webUrl).toBe("https://gitlab.com/group/demo");
      await forge.createChangeRequest(input);
      expect(com.calls[0]!.path).toBe("/projects/group%2Fdemo/merge_requests");
      expect(com.violations).toEqual([]);
    } finally {
      await com.close();
    }
  });
});
