/**
 * GitLab acceptance scenarios (PRODUCT.md §13, 80): a nested-group project on a self-managed host, real git with a
 * bare origin standing in for `https://gitlab.example/group/sub/demo.git` (through git's `insteadOf`), the fake
 * GitLab routed through the HTTP client, every JSON output validated against the shipped schema.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { envelopeSchema, OUTPUT_SCHEMAS, releaseSchema } from "../../src/commands/output-schemas.js";
import { releasio } from "../support/cli.js";
import { type FakeGitLab, startFakeGitLab } from "../support/fake-gitlab.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo } from "../support/repo.js";
import { strictFakes } from "../support/strict-fakes.js";
import { onlineEnv } from "./helpers-a.js";

const REMOTE = "https://gitlab.example/group/sub/demo.git";
const ENCODED = "/projects/group%2Fsub%2Fdemo";
const ENV = { GITLAB_TOKEN: "glpat-maintainer" };

const fakes = strictFakes<FakeGitLab>();
afterAll(cleanupRepos);

/** F0 with `forge = "gitlab"`, a `feat:` commit, and origin's URL set to the GitLab one (git still uses the bare). */
function gitlabRepo(): TestRepo {
  const repo = f0();
  repo.commit("feat: add export", {
    files: { "pyproject.toml": PYPROJECT("1.0.0", "demo", '\n[tool.releasio]\nforge = "gitlab"\n') },
  });
  repo.push("HEAD:refs/heads/main");
  repo.git("config", `url.${repo.origin!}.insteadOf`, REMOTE);
  repo.git("remote", "set-url", "origin", REMOTE);
  return repo;
}

async function releasePr(repo: TestRepo, gitlab: FakeGitLab) {
  const result = await releasio(repo.dir, ["release-pr", "-x", "--json"], onlineEnv(ENV), gitlab.fetch);
  if (result.code !== 0)
    throw new Error(`release-pr failed (${result.code}): ${result.stdout}\n${result.stderr}`);
  return v.parse(OUTPUT_SCHEMAS["release-pr"], result.json);
}

describe("GitLab merge requests (scenario 80)", () => {
  it("creates the release MR with POST and comma-joined labels, and refreshes it with PUT", async () => {
    const repo = gitlabRepo();
    const gitlab = await startFakeGitLab({ host: "gitlab.example", projects: [{ path: "group/sub/demo" }] });
    fakes.push(gitlab);

    const created = await releasePr(repo, gitlab);
    expect(created.pr).toMatchObject({
      action: "created",
      number: 1,
      url: "https://gitlab.example/group/sub/demo/-/merge_requests/1",
      branch: "releasio/release",
      base: "main",
      labels: ["release"],
    });
    const post = gitlab.calls.find((c) => c.method === "POST");
    expect(post?.path).toBe(`${ENCODED}/merge_requests`);
    expect(post?.body).toMatchObject({
      source_branch: "releasio/release",
      target_branch: "main",
      title: "chore(release): prepare demo v1.1.0",
      labels: "release",
    });
    expect(gitlab.calls[0]).toMatchObject({
      method: "GET",
      path: `${ENCODED}/merge_requests`,
      query: { source_branch: "releasio/release", target_branch: "main", state: "opened" },
    });
    expect(gitlab.calls.every((c) => c.token === "PRIVATE-TOKEN")).toBe(true);

    repo.commit("fix: handle empty export");
    repo.push("HEAD:refs/heads/main");
    const before = gitlab.calls.length;
    const refreshed = await releasePr(repo, gitlab);
    expect(refreshed.pr).toMatchObject({ action: "updated", number: 1 });
    const writes = gitlab.calls.slice(before).filter((c) => c.method !== "GET");
    expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT ${ENCODED}/merge_requests/1`]);
    expect(gitlab.state.mergeRequests).toHaveLength(1);
    expect(gitlab.state.mergeRequests[0]!.description).toContain("handle empty export");
  });
});

describe("check-pr --comment on GitLab (§4.7)", () => {
  it("creates one sticky note on the merge request and leaves it alone on a re-run", async () => {
    const repo = gitlabRepo();
    const gitlab = await startFakeGitLab({ host: "gitlab.example", projects: [{ path: "group/sub/demo" }] });
    fakes.push(gitlab);
    gitlab.addMergeRequest({ iid: 4, source_branch: "feature", target_branch: "main" });
    const env = onlineEnv({
      ...ENV,
      CI_MERGE_REQUEST_TITLE: "feat: add import",
      CI_MERGE_REQUEST_IID: "4",
      CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main",
    });
    const run = async () => {
      const result = await releasio(repo.dir, ["check-pr", "--comment", "--json"], env, gitlab.fetch);
      expect(result.code).toBe(0);
      return v.parse(OUTPUT_SCHEMAS["check-pr"], result.json);
    };
    const first = await run();
    expect(first.comment).toEqual({
      action: "created",
      url: expect.stringMatching(
        /^https:\/\/gitlab\.example\/group\/sub\/demo\/-\/merge_requests\/4#note_\d+$/,
      ),
    });
    expect((await run()).comment?.action).toBe("unchanged");
    expect(gitlab.state.notes).toHaveLength(1);
    expect(gitlab.state.notes[0]!.body.split("\n")[0]).toBe("<!-- releasio:check-pr -->");
    expect(gitlab.state.notes[0]!.body).toContain("bumps 1.0.0 → 1.1.0");
  });
});

/** F0, a `feat`, then the merged release MR's commit (pyproject 1.1.0 + CHANGELOG.md), pushed to the GitLab remote. */
function mergedReleaseMr(config: string): TestRepo {
  const repo = f0();
  repo.commit("feat: add export", { files: { "src/demo/export.py": "x = 1\n" } });
  repo.commit("chore(release): prepare demo v1.1.0", {
    files: {
      "pyproject.toml": PYPROJECT("1.1.0"),
      "CHANGELOG.md":
        "# Changelog\n\n## [1.1.0] - 2026-11-25\n\n### ✨ Features\n\n- add export\n\n## [1.0.0] - 2026-01-01\n\n- first\n",
      ".releasio.toml": config,
    },
  });
  repo.push();
  repo.git("config", `url.${repo.origin!}.insteadOf`, REMOTE);
  repo.git("remote", "set-url", "origin", REMOTE);
  mkdirSync(join(repo.dir, "dist"), { recursive: true });
  writeFileSync(join(repo.dir, "dist", "demo-1.1.0-py3-none-any.whl"), "wheel bytes\n");
  writeFileSync(join(repo.dir, "dist", "SHA256SUMS.txt"), "sums\n");
  writeFileSync(join(repo.dir, ".git", "info", "exclude"), "dist/\n");
  return repo;
}

async function release(repo: TestRepo, gitlab: FakeGitLab, env: Record<string, string>) {
  const result = await releasio(
    repo.dir,
    ["release", "-x", "--skip-publish", "--json"],
    onlineEnv(env),
    gitlab.fetch,
  );
  const raw = JSON.parse(result.stdout) as Record<string, unknown>;
  if (raw.ok !== true) {
    const failed = v.parse(envelopeSchema, raw);
    throw new Error(`release failed: ${failed.error?.code}: ${failed.error?.message}\n${result.stderr}`);
  }
  return v.parse(releaseSchema, raw);
}

describe("GitLab releases (scenario 103, without the index part)", () => {
  it.each([
    ["GITLAB_TOKEN", { GITLAB_TOKEN: "glpat-maintainer" }],
    ["CI_JOB_TOKEN", { CI_JOB_TOKEN: "job-token" }],
  ] as const)(
    "pushes the tag, uploads to the package registry, then creates the release with links (%s); a re-run duplicates nothing",
    async (_name, env) => {
      const repo = mergedReleaseMr('forge = "gitlab"\n[release]\nassets = ["dist/*.whl", "dist/*.txt"]\n');
      const gitlab = await startFakeGitLab({
        host: "gitlab.example",
        projects: [{ path: "group/sub/demo" }],
      });
      fakes.push(gitlab);

      const first = await release(repo, gitlab, env);
      expect(first.releases[0]).toMatchObject({
        tag: "v1.1.0",
        status: "released",
        release_url: "https://gitlab.example/group/sub/demo/-/releases/v1.1.0",
      });
      const status = Object.fromEntries(first.steps.map((s) => [s.id, s.status]));
      expect(status).toMatchObject({
        "push-tag": "done",
        "create-draft-release": "skipped",
        "upload-assets": "done",
        "publish-release": "done",
      });
      const tags = execFileSync("git", ["tag", "--list"], { cwd: repo.origin!, encoding: "utf8" });
      expect(tags.split("\n").filter(Boolean)).toEqual(["v1.0.0", "v1.1.0"]);
      const writes = gitlab.calls.filter((c) => c.method !== "GET").map((c) => `${c.method} ${c.path}`);
      expect([...writes].sort()).toEqual([
        `POST ${ENCODED}/releases`,
        `PUT ${ENCODED}/packages/generic/demo/v1.1.0/SHA256SUMS.txt`,
        `PUT ${ENCODED}/packages/generic/demo/v1.1.0/demo-1.1.0-py3-none-any.whl`,
      ]);
      expect(writes.at(-1)).toBe(`POST ${ENCODED}/releases`);
      const rel = gitlab.state.releases[0]!;
      expect(rel).toMatchObject({ tag_name: "v1.1.0", name: "demo v1.1.0" });
      expect(rel.description).toContain("- add export");
      expect(rel.description).toMatch(/### Assets\n\n- `SHA256SUMS\.txt` — sha256 `[0-9a-f]{64}`/);
      expect(rel.links.map((l) => [l.name, l.link_type]).sort()).toEqual([
        ["SHA256SUMS.txt", "package"],
        ["demo-1.1.0-py3-none-any.whl", "package"],
      ]);
      expect(
        rel.links.every((l) =>
          l.url.startsWith(`https://gitlab.example/api/v4${ENCODED}/packages/generic/demo/v1.1.0/`),
        ),
      ).toBe(true);

      const before = gitlab.calls.length;
      const again = await release(repo, gitlab, env);
      expect(again.releases[0]!.status).toBe("already-released");
      expect(gitlab.calls.slice(before).filter((c) => c.method !== "GET")).toEqual([]);
      expect(gitlab.state.releases).toHaveLength(1);
      expect(gitlab.state.packageFiles).toHaveLength(2);
    },
  );
});
