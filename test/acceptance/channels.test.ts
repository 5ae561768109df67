/**
 * Channels (PRODUCT.md §6.19, §9.2, scenarios 26, 81, 86): snapshot releases of a `publish_only` channel — the
 * seed's TestPyPI workflow run as written with only `contents: read` — pre-release channels through release-pr and
 * release, and maintenance branches whose releases never move "latest". Real git with a bare origin, the fake
 * GitHub, the fake index (TestPyPI hosts) with trusted publishing and the fake Sigstore, the CLI in-process.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envelopeSchema, releasePrSchema, releaseSchema } from "../../src/commands/output-schemas.js";
import { releasio } from "../support/cli.js";
import { cleanupDists } from "../support/dists.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { type FakeOidcIssuer, githubClaims, startFakeOidcIssuer } from "../support/fake-oidc.js";
import { createTrustedPublishing } from "../support/fake-pypi-oidc.js";
import { type FakeSigstore, startFakeSigstore } from "../support/fake-sigstore.js";
import { mergeRoutes } from "../support/loopback.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo } from "../support/repo.js";
import {
  BUILD_HOOK,
  closeFakes,
  forgeWrites,
  type GitHubWorld,
  githubWorld,
  HATCH_BUILD_SYSTEM,
  remoteRefs,
  remoteTags,
} from "./release-fixtures.js";

afterAll(() => {
  cleanupRepos();
  cleanupDists();
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await closeFakes();
  for (const close of closers.splice(0)) await close();
});

const SNAPSHOT_CHANNEL =
  '[branches.develop]\nmatch = "develop"\nprerelease = true\nprerelease_token = "dev"\npublish_only = true\n';

/** The seed's TestPyPI workflow: push to develop, `command: release`, RELEASIO_PUBLISH_REGISTRY = TestPyPI. */
const TESTPYPI = "https://test.pypi.org/legacy/";

interface TestPyPiWorld extends GitHubWorld {
  index: FakeIndex;
  issuer: FakeOidcIssuer;
  sigstore: FakeSigstore;
  go(args: string[]): ReturnType<typeof releasio>;
}

/**
 * F0 (buildable), a `develop` branch with `commits` on it, pushed; the fake GitHub with only `contents: read`;
 * TestPyPI (fake index on test.pypi.org with trusted publishing, audience `testpypi`) and the fake Sigstore.
 */
async function testPyPiWorld(config: string, commits: string[]): Promise<TestPyPiWorld> {
  const repo = f0();
  repo.commit("build: hatchling", {
    files: {
      "pyproject.toml": PYPROJECT("1.0.0", "demo", HATCH_BUILD_SYSTEM),
      ".gitignore": "dist/\n",
      ".releasio.toml": `[hooks]\nbuild = "${BUILD_HOOK}"\n${config}`,
    },
  });
  repo.git("tag", "-f", "-a", "v1.0.0", "-m", "Release v1.0.0");
  repo.push("HEAD:refs/heads/main", "--tags", "-f");
  repo.checkout("develop", true);
  for (const [i, subject] of commits.entries())
    repo.commit(subject, { files: { [`src/demo/m${i}.py`]: `x = ${i}\n` } });
  repo.push("HEAD:refs/heads/develop");
  const w = await githubWorld(repo, { permissions: { contents: "read" } });
  const issuer = await startFakeOidcIssuer({
    claims: githubClaims({
      ref: "refs/heads/develop",
      workflow_ref: "acme/demo/.github/workflows/test-release.yml@refs/heads/develop",
      job_workflow_ref: "acme/demo/.github/workflows/test-release.yml@refs/heads/develop",
    }),
  });
  closers.push(() => issuer.close());
  const sigstore = await startFakeSigstore({ issuer });
  closers.push(() => sigstore.close());
  const tp = createTrustedPublishing({
    issuer,
    audience: "testpypi",
    publishers: [{ owner: "acme", repository: "demo", workflow: "test-release.yml", project: "demo" }],
    existingProjects: ["demo"],
  });
  const index = await startFakeIndex({
    trustedPublishing: tp,
    projects: { demo: {} },
    hosts: { upload: "test.pypi.org", read: "test.pypi.org" },
  });
  closers.push(() => index.close());
  const fetch = mergeRoutes(w.fake.routes, index.routes, issuer.routes, sigstore.routes);
  const env = {
    ...w.env,
    RELEASIO_OFFLINE: undefined,
    RELEASIO_PUBLISH_REGISTRY: TESTPYPI,
    GITHUB_ACTIONS: "true",
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
  };
  const go = (args: string[]) => releasio(repo.dir, ["release", ...args, "--json"], env, fetch);
  return { ...w, env, fetch, index, issuer, sigstore, go };
}

function parseOk(r: { stdout: string; stderr: string }) {
  const raw = JSON.parse(r.stdout) as { ok: boolean; error?: unknown };
  expect(raw.ok, `${JSON.stringify(raw.error)}\n${r.stderr}`).toBe(true);
  return v.parse(releaseSchema, raw);
}

function parseFailed(r: { stdout: string }) {
  const failed = v.parse(envelopeSchema, JSON.parse(r.stdout));
  expect(failed.ok).toBe(false);
  return failed.error!;
}

const stepStatus = (steps: { id: string; status: string; reason: string | null }[], id: string) => {
  const s = steps.find((x) => x.id === id);
  return s ? `${s.status}${s.reason ? `:${s.reason}` : ""}` : "absent";
};

describe("snapshot channel: the seed's TestPyPI workflow as written (§6.19, §9.2)", () => {
  it("publishes 1.1.0.devN (N = first-parent commits since v1.0.0) with trusted publishing and attestations, no forge write, no tag, tree clean", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["feat: add export", "fix: edge case", "docs: readme"]);
    const refsBefore = remoteRefs(w.repo);
    const r = await w.go(["-x"]);
    const json = parseOk(r);
    expect(r.code).toBe(0);
    expect(json.released).toBe(true);
    expect(json.version).toBe("1.1.0.dev3");
    expect(json.tag).toBeNull();
    expect(json.release_url).toBeNull();
    expect(json.previous_version).toBe("1.0.0");
    const rel = json.releases[0]!;
    expect(rel).toMatchObject({ status: "released", tag: "", prerelease: true, previous_tag: "v1.0.0" });
    expect(rel.index_url).toBe("https://test.pypi.org/project/demo/1.1.0.dev3/");
    expect(rel.dists.map((d) => [d.filename, d.status, d.attestation]).sort()).toEqual([
      ["demo-1.1.0.dev3-py3-none-any.whl", "uploaded", true],
      ["demo-1.1.0.dev3.tar.gz", "uploaded", true],
    ]);
    for (const id of ["create-tag", "push-tag", "create-draft-release", "publish-release"])
      expect(stepStatus(json.steps, id), id).toBe("skipped:not-applicable");
    for (const id of ["build", "validate-dists", "check-index", "verify-index"])
      expect(stepStatus(json.steps, id), id).toBe("done");

    // TestPyPI: audience testpypi, one trusted-publishing exchange, one attestation per file.
    const audiences = w.issuer.issued.map((i) => i.audience);
    expect(audiences.filter((a) => a === "testpypi")).toHaveLength(1);
    expect(audiences.filter((a) => a !== "testpypi" && a !== "sigstore")).toEqual([]);
    expect(w.index.files.map((f) => [f.version, f.uploadedWith, f.attestations?.length])).toEqual([
      ["1.1.0.dev3", "trusted-publishing", 1],
      ["1.1.0.dev3", "trusted-publishing", 1],
    ]);
    expect(w.index.calls.every((c) => c.host === "test.pypi.org")).toBe(true);
    // No write to the repository at all (contents: read suffices); no tag, no ref moved.
    expect(w.fake.writeCalls()).toEqual([]);
    expect(w.fake.state.releases).toEqual([]);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(remoteRefs(w.repo)).toBe(refsBefore);
    expect(w.repo.git("tag", "--list").trim()).toBe("v1.0.0");
    // The version was written for the build only: the tree ends clean and unchanged.
    expect(w.repo.status()).toBe("");
    expect(w.repo.read("pyproject.toml")).toContain('version = "1.0.0"');
    expect(r.stderr).not.toContain(w.issuer.requestToken);

    // A rerun at the same commit converges: the files are on the index.
    const again = parseOk(await w.go(["-x"]));
    expect(again.released).toBe(false);
    expect(again.releases[0]!.status).toBe("already-released");
    expect(w.index.uploads.filter((u) => u.status === 200)).toHaveLength(2);
    expect(w.fake.writeCalls()).toEqual([]);
    expect(w.repo.status()).toBe("");
  });

  it("a fresh checkout rerun (no dists on disk) rebuilds, finds every file already present and uploads nothing", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["feat: add export"]);
    parseOk(await w.go(["-x"]));
    w.repo.git("clean", "-fdxq");
    const again = parseOk(await w.go(["-x"]));
    expect(again.releases[0]!.status).toBe("already-released");
    expect(again.releases[0]!.dists.map((d) => d.status)).toEqual(["already-present", "already-present"]);
    expect(w.index.uploads.filter((u) => u.status === 200)).toHaveLength(2);
    expect(w.repo.status()).toBe("");
  });

  it("the next commit on develop publishes the next snapshot number; merges count once on the first-parent line", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["feat: add export"]);
    expect(parseOk(await w.go(["-x"])).version).toBe("1.1.0.dev1");
    w.repo.checkout("topic", true);
    w.repo.commit("fix: one", { files: { "src/demo/t1.py": "a = 1\n" } });
    w.repo.commit("fix: two", { files: { "src/demo/t2.py": "a = 2\n" } });
    w.repo.checkout("develop");
    w.repo.merge("topic");
    w.repo.push("HEAD:refs/heads/develop");
    expect(parseOk(await w.go(["-x"])).version).toBe("1.1.0.dev2");
    expect(w.index.files.map((f) => f.version).sort()).toEqual([
      "1.1.0.dev1",
      "1.1.0.dev1",
      "1.1.0.dev2",
      "1.1.0.dev2",
    ]);
  });

  it("a dry run plans the snapshot without building, uploading or writing any file", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["feat: add export"]);
    const json = parseOk(await w.go([]));
    expect(json.dry_run).toBe(true);
    expect(json.version).toBe("1.1.0.dev1");
    expect(json.releases[0]!.status).toBe("planned");
    expect(stepStatus(json.steps, "build")).toBe("planned");
    expect(stepStatus(json.steps, "create-tag")).toBe("skipped:not-applicable");
    expect(w.index.uploads).toEqual([]);
    expect(existsSync(join(w.repo.dir, "dist"))).toBe(false);
    expect(w.repo.status()).toBe("");
  });

  it("nothing releasable since the previous release → released false, exit 0, nothing built", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["docs: readme", "chore: tidy"]);
    const r = await w.go(["-x"]);
    const json = parseOk(r);
    expect(r.code).toBe(0);
    expect(json.released).toBe(false);
    expect(json.releases).toEqual([]);
    expect(w.index.uploads).toEqual([]);
  });

  it("a failed build restores the project files: the tree ends clean, nothing is uploaded", async () => {
    const w = await testPyPiWorld(SNAPSHOT_CHANNEL, ["feat: add export"]);
    // A build hook that fails after seeing the stamped version.
    w.repo.commit("build: failing build", {
      files: {
        ".releasio.toml": `[hooks]\nbuild = "grep -q 1.1.0.dev2 pyproject.toml && exit 3"\n${SNAPSHOT_CHANNEL}`,
      },
    });
    w.repo.push("HEAD:refs/heads/develop");
    const r = await w.go(["-x"]);
    expect(r.code).toBe(1);
    const error = parseFailed(r);
    expect(error.hint).toContain(`re-run the same command at ${w.repo.head()}`);
    const steps = (error.details?.steps ?? []) as { id: string; status: string }[];
    expect(steps.find((s) => s.status === "failed")?.id).toBe("build");
    expect(w.repo.status()).toBe("");
    expect(w.repo.read("pyproject.toml")).toContain('version = "1.0.0"');
    expect(w.index.uploads).toEqual([]);
  });

  it("without a channel covering develop → E_WRONG_BRANCH whose hint names the snapshot channel configuration", async () => {
    const w = await testPyPiWorld("", ["feat: add export"]);
    const r = await w.go(["-x"]);
    expect(r.code).toBe(1);
    const error = parseFailed(r);
    expect(error.code).toBe("E_WRONG_BRANCH");
    expect(error.hint).toContain(
      '[branches.develop] with match = "develop", prerelease = true, prerelease_token = "dev", publish_only = true',
    );
    expect(w.index.calls).toEqual([]);
    expect(w.fake.writeCalls()).toEqual([]);
  });

  it("an ordinary channel with only contents: read: a pending release stops in preflight with E_FORGE_PERMISSION before any tag or upload", async () => {
    const w = await testPyPiWorld(
      '[branches.develop]\nmatch = "develop"\nprerelease = true\nprerelease_token = "dev"\n',
      ["feat: add export"],
    );
    w.repo.commit("chore(release): prepare demo v1.1.0.dev1", {
      files: { "pyproject.toml": PYPROJECT("1.1.0.dev1", "demo", HATCH_BUILD_SYSTEM) },
    });
    w.repo.push("HEAD:refs/heads/develop");
    const r = await w.go(["-x"]);
    expect(r.code).toBe(1);
    const error = parseFailed(r);
    expect(error.code, error.message).toBe("E_FORGE_PERMISSION");
    expect(error.hint).toContain("contents: write");
    const steps = (error.details?.steps ?? []) as { id: string; status: string }[];
    expect(steps.find((s) => s.status === "failed")?.id).toBe("preflight");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(w.repo.git("tag", "--list").trim()).toBe("v1.0.0");
    expect(w.index.uploads).toEqual([]);
    expect(forgeWrites(w.fake)).toEqual([]);
  });
});

/** F0 plus a `.releasio.toml` on main, a `beta` branch with a feat; the fake GitHub. */
async function betaWorld(): Promise<GitHubWorld & { repo: TestRepo }> {
  const repo = f0();
  repo.commit("chore: configure channels", {
    files: {
      ".releasio.toml":
        '[branches.beta]\nmatch = "beta"\nprerelease = true\nprerelease_token = "beta"\n[branches.maint]\nmatch = "1.x"\n',
      "pyproject.toml": PYPROJECT("1.2.0"),
    },
  });
  repo.git("tag", "-a", "v1.2.0", "-m", "Release v1.2.0");
  repo.push();
  repo.checkout("beta", true);
  repo.commit("feat: beta feature", { files: { "src/demo/beta.py": "b = 1\n" } });
  repo.push("HEAD:refs/heads/beta");
  return githubWorld(repo);
}

describe("pre-release channel (scenarios 26, 81, 86)", () => {
  it("release-pr on beta proposes 1.3.0b1 on releasio/release-beta into beta; after the merge release tags v1.3.0b1 as a pre-release, not latest", async () => {
    const w = await betaWorld();
    const pr = await releasio(w.repo.dir, ["release-pr", "-x", "--json"], w.env, w.fetch);
    const prJson = v.parse(releasePrSchema, JSON.parse(pr.stdout));
    expect(pr.code, pr.stderr).toBe(0);
    expect(prJson.pr).toMatchObject({ action: "created", branch: "releasio/release-beta", base: "beta" });
    expect(prJson.next_version).toBe("1.3.0b1");
    expect(prJson.channel).toBe("beta");
    const opened = w.fake.state.pulls[0]!;
    expect(opened).toMatchObject({ head: "releasio/release-beta", base: "beta", state: "open" });

    // Merge the release PR on the remote (fast-forward beta to the PR branch) and release from beta's tip.
    w.repo.git("fetch", "-q", "origin", "releasio/release-beta");
    w.repo.git("merge", "-q", "--ff-only", "FETCH_HEAD");
    w.repo.push("HEAD:refs/heads/beta");
    w.fake.mergePull(opened.number, w.repo.head());
    const r = await releasio(w.repo.dir, ["release", "-x", "--skip-publish", "--json"], w.env, w.fetch);
    const json = parseOk(r);
    expect(json.released).toBe(true);
    expect(json.tag).toBe("v1.3.0b1");
    expect(json.releases[0]!.prerelease).toBe(true);
    expect(remoteTags(w.repo).sort()).toEqual(["v1.0.0", "v1.2.0", "v1.3.0b1"]);
    expect(w.fake.state.releases).toHaveLength(1);
    expect(w.fake.state.releases[0]).toMatchObject({
      tag_name: "v1.3.0b1",
      prerelease: true,
      draft: false,
      make_latest: "false",
    });
  });
});

describe("maintenance branch (§6.19)", () => {
  it("1.x releases 1.4.1 from v1.4.0 while v2.0.0 exists on main: not latest; main still continues from v2.0.0", async () => {
    const repo = f0();
    repo.commit("chore: configure channels", {
      files: { ".releasio.toml": '[branches.maint]\nmatch = "1.x"\n', "pyproject.toml": PYPROJECT("1.4.0") },
    });
    repo.git("tag", "-a", "v1.4.0", "-m", "Release v1.4.0");
    repo.git("branch", "1.x");
    repo.commit("feat!: new api", { files: { "pyproject.toml": PYPROJECT("2.0.0") } });
    repo.git("tag", "-a", "v2.0.0", "-m", "Release v2.0.0");
    repo.commit("feat: after two", { files: { "src/demo/two.py": "t = 2\n" } });
    repo.push();
    repo.checkout("1.x");
    repo.commit("fix: backport", { files: { "src/demo/fix.py": "f = 1\n" } });
    repo.commit("chore(release): prepare demo v1.4.1", { files: { "pyproject.toml": PYPROJECT("1.4.1") } });
    repo.push("HEAD:refs/heads/1.x");
    const w = await githubWorld(repo);

    const r = await releasio(repo.dir, ["release", "-x", "--skip-publish", "--json"], w.env, w.fetch);
    const json = parseOk(r);
    expect(json.released).toBe(true);
    expect(json.releases[0]).toMatchObject({
      version: "1.4.1",
      tag: "v1.4.1",
      previous_tag: "v1.4.0",
      previous_version: "1.4.0",
      prerelease: false,
    });
    expect(w.fake.state.releases[0]).toMatchObject({
      tag_name: "v1.4.1",
      prerelease: false,
      make_latest: "false",
    });

    repo.checkout("main");
    const check = await releasio(repo.dir, ["check", "--json"], w.env, w.fetch);
    const plan = JSON.parse(check.stdout) as { previous_version: string | null; next_version: string | null };
    expect(plan.previous_version).toBe("2.0.0");
    expect(plan.next_version).toBe("2.1.0");
  });
});
