/**
 * `do-release` end to end (PRODUCT.md §4.5, scenarios 17, 61, 66, 104–110): real git with a bare origin, the fake
 * GitHub API and the fake index, the CLI in-process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { doRelease } from "../../src/commands/do-release.js";
import { doReleaseSchema, envelopeSchema } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo, tempDir } from "../support/repo.js";
import {
  BUILD_HOOK,
  closeFakes,
  forgeWrites,
  type GitHubWorld,
  githubWorld,
  HATCH_BUILD_SYSTEM,
  preReceiveHook,
  remoteRefs,
  remoteTags,
  withIndex,
} from "./release-fixtures.js";

afterAll(cleanupRepos);
afterEach(closeFakes);

const SKIP = ["--skip-publish"];

/** F0 + the given commits (default `feat: add export`), pushed; `config` goes into `.releasio.toml`. */
async function world(options: { config?: string; subjects?: string[]; buildable?: boolean } = {}) {
  const repo = f0();
  const subjects = options.subjects ?? ["feat: add export"];
  for (const [i, subject] of subjects.entries()) {
    repo.commit(subject, {
      files: {
        [`src/demo/m${i}.py`]: `x = ${i}\n`,
        ...(i === 0 && options.config ? { ".releasio.toml": options.config } : {}),
        ...(i === 0 && options.buildable
          ? { "pyproject.toml": PYPROJECT("1.0.0", "demo", HATCH_BUILD_SYSTEM), ".gitignore": "dist/\n" }
          : {}),
      },
    });
  }
  repo.push();
  return githubWorld(repo);
}

async function run(w: GitHubWorld, args: string[], env: Record<string, string | undefined> = {}) {
  const result = await releasio(w.repo.dir, ["do-release", ...args, "--json"], { ...w.env, ...env }, w.fetch);
  const raw = JSON.parse(result.stdout) as Record<string, unknown>;
  if (raw.ok === true) return { ...result, json: v.parse(doReleaseSchema, raw), error: null };
  const failed = v.parse(envelopeSchema, raw);
  return { ...result, json: null, error: failed.error! };
}

async function ok(w: GitHubWorld, args: string[], env: Record<string, string | undefined> = {}) {
  const r = await run(w, args, env);
  if (r.json === null)
    throw new Error(`do-release failed: ${r.error?.code}: ${r.error?.message}\n${r.stderr}`);
  return { ...r, json: r.json };
}

/** Everything a run could change: local refs, the work tree (tracked and untracked files), the remote's refs. */
function snapshot(repo: TestRepo) {
  return {
    refs: repo.git("for-each-ref", "--format=%(objectname) %(refname)"),
    head: repo.head(),
    status: repo.git("status", "--porcelain", "--untracked-files=all"),
    pyproject: repo.read("pyproject.toml"),
    remote: remoteRefs(repo),
  };
}

function stepIds(steps: { id: string }[]) {
  return steps.map((s) => s.id);
}

/** The object a remote ref names, peeled to the commit. */
function remoteCommit(repo: TestRepo, ref: string): string {
  return repo.git("--git-dir", repo.origin!, "rev-parse", `${ref}^{commit}`).trim();
}

describe("do-release dry run (scenarios 104, 66)", () => {
  it("previews demo 1.0.0 → 1.1.0 with every step and changes nothing: no file, ref, hook or write request", async () => {
    const w = await world({ config: '[hooks]\npre_bump = ["touch hooked.txt"]\n' });
    const before = snapshot(w.repo);
    const human = await releasio(w.repo.dir, ["do-release", ...SKIP], w.env, w.fetch);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain("demo 1.0.0 → 1.1.0 (tag v1.1.0)");
    const r = await ok(w, SKIP);
    expect(r.json).toMatchObject({
      command: "do-release",
      dry_run: true,
      released: false,
      next_version: "1.1.0",
      tag: "v1.1.0",
      previous_tag: "v1.0.0",
      hooks: [],
    });
    expect(stepIds(r.json.steps)).toEqual([
      "preflight",
      "pre-bump-hook",
      "write-files",
      "post-bump-hook",
      "commit",
      "pre-release-hook",
      "build",
      "validate-dists",
      "check-index",
      "create-tag",
      "push",
      "create-draft-release",
      "upload-assets",
      "verify-index",
      "publish-release",
      "security-advisory",
      "post-release-hook",
    ]);
    const by = Object.fromEntries(r.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({
      preflight: "done",
      "pre-bump-hook": "planned",
      "write-files": "planned",
      commit: "planned",
      "create-tag": "planned",
      push: "planned",
      "publish-release": "planned",
      build: "skipped",
    });
    expect(r.json.releases[0]).toMatchObject({ version: "1.1.0", tag: "v1.1.0", status: "planned" });
    expect(r.json.steps.find((s) => s.id === "create-tag")?.message).toBe(
      "would create annotated tag v1.1.0 on the release commit",
    );
    expect(snapshot(w.repo)).toEqual(before);
    expect(w.repo.exists("hooked.txt")).toBe(false);
    expect(forgeWrites(w.fake)).toEqual([]);
  });
});

describe("do-release dry run with publishing on (scenario 66)", () => {
  it("plans the build and uploads; nothing is built, uploaded, tagged or written", async () => {
    const base = await world({ config: `[hooks]\nbuild = "${BUILD_HOOK}"\n`, buildable: true });
    const w = await withIndex(base);
    const before = snapshot(w.repo);
    const r = await ok(w, []);
    const by = Object.fromEntries(r.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({ build: "planned", "validate-dists": "planned", "verify-index": "planned" });
    expect(snapshot(w.repo)).toEqual(before);
    expect(w.repo.exists("dist")).toBe(false);
    expect(w.index.uploads).toEqual([]);
    expect(forgeWrites(w.fake)).toEqual([]);
  });
});

describe("do-release --execute", () => {
  it("scenario 105: one release commit and the tag land together; the release is published and the files are on the index", async () => {
    const base = await world({
      config: `[hooks]\nbuild = "${BUILD_HOOK}"\n[publish]\nretries = 1\n`,
      buildable: true,
    });
    const w = await withIndex(base);
    // Record each receive: both refs must arrive in ONE push.
    preReceiveHook(
      w.repo,
      `cat >> "${join(w.repo.origin!, "received.log")}"\necho --- >> "${join(w.repo.origin!, "received.log")}"`,
    );
    const original = w.repo.head();
    const r = await ok(w, ["-x"]);
    expect(r.json.released, r.stderr).toBe(true);
    expect(r.json.releases[0]).toMatchObject({ version: "1.1.0", tag: "v1.1.0", status: "released" });

    const head = w.repo.head();
    expect(w.repo.git("rev-parse", "HEAD^").trim()).toBe(original);
    expect(remoteCommit(w.repo, "refs/heads/main")).toBe(head);
    expect(remoteCommit(w.repo, "refs/tags/v1.1.0")).toBe(head);
    expect(r.json.releases[0]!.commit).toBe(head);
    expect(w.repo.git("log", "-1", "--format=%s").trim()).toMatch(/^chore\(release\): /);
    expect(w.repo.git("show", "--name-only", "--format=", "HEAD").trim().split("\n").sort()).toEqual([
      "CHANGELOG.md",
      "pyproject.toml",
    ]);
    expect(w.repo.git("show", "HEAD:pyproject.toml")).toContain('version = "1.1.0"');
    expect(w.repo.status()).toBe("");
    const receives = readFileSync(join(w.repo.origin!, "received.log"), "utf8")
      .split("---\n")
      .filter(Boolean);
    expect(receives).toHaveLength(1);
    expect(receives[0]).toContain("refs/heads/main");
    expect(receives[0]).toContain("refs/tags/v1.1.0");

    expect(w.fake.state.releases).toHaveLength(1);
    expect(w.fake.state.releases[0]).toMatchObject({ tag_name: "v1.1.0", draft: false });
    expect(w.index.files.map((f) => f.filename).sort()).toEqual([
      "demo-1.1.0-py3-none-any.whl",
      "demo-1.1.0.tar.gz",
    ]);
    const by = Object.fromEntries(r.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({ commit: "done", "create-tag": "done", push: "done", "verify-index": "done" });

    // a re-run at the tagged HEAD only observes: already released, no commit, no write anywhere
    w.fake.resetCalls();
    const uploads = w.index.uploads.length;
    const again = await ok(w, ["-x"]);
    expect(again.json.releases[0]!.status).toBe("already-released");
    expect(again.json.released).toBe(false);
    expect(w.repo.head()).toBe(head);
    expect(forgeWrites(w.fake)).toEqual([]);
    expect(w.index.uploads.length).toBe(uploads);
  });

  it("the release commit uses release_pr.commit_message; uncommitted changes allowed by --allow-dirty stay out of it", async () => {
    const w = await world({
      config: '[release_pr]\ncommit_message = "chore(release): ship {project} {version}"\n',
    });
    w.repo.write("src/demo/m0.py", "x = 'edited'\n");
    w.repo.write("notes.txt", "scratch\n");
    await ok(w, ["-x", ...SKIP, "--allow-dirty"]);
    expect(w.repo.git("log", "-1", "--format=%s").trim()).toBe("chore(release): ship demo 1.1.0");
    expect(w.repo.git("show", "--name-only", "--format=", "HEAD").trim().split("\n").sort()).toEqual([
      "CHANGELOG.md",
      "pyproject.toml",
    ]);
    expect(w.repo.read("src/demo/m0.py")).toBe("x = 'edited'\n");
    expect(w.repo.status()).toBe(" M src/demo/m0.py\n?? notes.txt\n");
  });

  it("scenario 110: the release body lists the commits since v1.0.0 and not the release commit", async () => {
    const w = await world({ subjects: ["feat: add export", "fix: handle empty input"] });
    await ok(w, ["-x", ...SKIP]);
    const body = w.fake.state.releases[0]!.body;
    expect(body).toContain("add export");
    expect(body).toContain("handle empty input");
    expect(body).not.toContain("prepare");
    expect(body).not.toContain("chore(release)");
  });

  it("--version and --prerelease choose the version; --skip-publish tags and announces without the index", async () => {
    const w = await world();
    const r = await ok(w, ["-x", ...SKIP, "--version", "2.0.0"]);
    expect(r.json.tag).toBe("v2.0.0");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v2.0.0"]);
    expect(w.repo.read("pyproject.toml")).toContain('version = "2.0.0"');
    expect(r.json.steps.find((s) => s.id === "build")).toMatchObject({
      status: "skipped",
      reason: "disabled",
    });

    const pre = await world();
    const rc = await ok(pre, ["-x", ...SKIP, "--prerelease", "rc"]);
    expect(rc.json.releases[0]).toMatchObject({ version: "1.1.0rc1", tag: "v1.1.0rc1", prerelease: true });
    expect(pre.fake.state.releases[0]).toMatchObject({ prerelease: true, make_latest: "false" });
  });
});

describe("a refused push undoes the local release (scenarios 106, 107)", () => {
  it("scenario 106: a protected main → E_PUSH_REJECTED recommending the release-PR flow; nothing is left behind", async () => {
    const w = await world();
    preReceiveHook(
      w.repo,
      'while read old new ref; do\n  if [ "$ref" = refs/heads/main ]; then echo "protected branch hook declined" >&2; exit 1; fi\ndone\nexit 0',
    );
    const original = w.repo.head();
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_PUSH_REJECTED");
    expect(r.error?.hint).toContain("use the release PR flow");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(remoteCommit(w.repo, "refs/heads/main")).toBe(original);
    expect(w.repo.git("tag", "--list").trim()).toBe("v1.0.0");
    expect(w.repo.head()).toBe(original);
    expect(w.repo.status()).toBe("");
    expect(forgeWrites(w.fake)).toEqual([]);
  });

  it("the rollback keeps uncommitted changes allowed by --allow-dirty (git reset --keep)", async () => {
    const w = await world();
    preReceiveHook(w.repo, 'echo "GH006: Protected branch update failed for refs/heads/main." >&2\nexit 1');
    const original = w.repo.head();
    w.repo.write("src/demo/m0.py", "x = 'edited'\n");
    const r = await run(w, ["-x", ...SKIP, "--allow-dirty"]);
    expect(r.error?.code).toBe("E_PUSH_REJECTED");
    expect(w.repo.head()).toBe(original);
    expect(w.repo.read("src/demo/m0.py")).toBe("x = 'edited'\n");
    expect(w.repo.read("pyproject.toml")).toContain('version = "1.0.0"');
    expect(w.repo.status()).toBe(" M src/demo/m0.py\n");
  });

  it("scenario 107: the remote moves after the preflight → E_PUSH_REJECTED saying it moved; nothing pushed", async () => {
    const other = join(tempDir(), "other");
    // The pre_release hook runs after the preflight: another clone pushes to main meanwhile.
    const w = await world({
      config: `[hooks]\npre_release = ["git clone -q ../origin.git ${other} && git -C ${other} -c user.name=o -c user.email=o@example.org commit -q --allow-empty -m 'docs: other' && git -C ${other} push -q origin HEAD:main"]\n`,
    });
    const original = w.repo.head();
    const r = await run(w, ["-x", ...SKIP], { HOME: tempDir() });
    expect(r.code, r.stderr).toBe(1);
    expect(r.error?.code).toBe("E_PUSH_REJECTED");
    expect(r.error?.hint).toContain("origin/main moved; re-run on the new tip");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(w.repo.git("tag", "--list").trim()).toBe("v1.0.0");
    expect(w.repo.head()).toBe(original);
    expect(w.repo.status()).toBe("");
  });

  it("scenario 107: origin/main ahead before the run → E_BRANCH_DIVERGED and nothing changed", async () => {
    const w = await world();
    const other = join(tempDir(), "other");
    w.repo.git("clone", "-q", w.repo.origin!, other);
    w.repo.git(
      "-C",
      other,
      "-c",
      "user.name=o",
      "-c",
      "user.email=o@example.org",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "docs: x",
    );
    w.repo.git("-C", other, "push", "-q", "origin", "HEAD:main");
    const remoteBefore = remoteRefs(w.repo);
    const before = snapshot(w.repo);
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_BRANCH_DIVERGED");
    expect(r.error?.message).toBe("main is 1 commit behind origin/main; pull and re-run");
    expect(w.repo.head()).toBe(before.head);
    expect(w.repo.status()).toBe("");
    expect(w.repo.git("tag", "--list").trim()).toBe("v1.0.0");
    expect(remoteRefs(w.repo)).toBe(remoteBefore);
    expect(forgeWrites(w.fake)).toEqual([]);
  });
});

describe("do-release hooks (scenario 108)", () => {
  it("pre_bump gets {version} {previous_version}, pre_release sees RELEASIO_TAG, a failing post_release only warns", async () => {
    const w = await world({
      config: [
        "[hooks]",
        'pre_bump = ["echo {version} {previous_version} > pre.txt", "grep -q \'\\"1.0.0\\"\' pyproject.toml"]',
        'post_bump = ["grep -q \'\\"1.1.0\\"\' pyproject.toml"]',
        "pre_release = ['test \"$RELEASIO_TAG\" = v1.1.0']",
        'post_release = ["exit 3"]',
        "",
      ].join("\n"),
    });
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.code).toBe(0);
    expect(w.repo.read("pre.txt")).toBe("1.1.0 1.0.0\n");
    expect(r.json.hooks.map((h) => [h.hook, h.exit_code])).toEqual([
      ["pre_bump", 0],
      ["pre_bump", 0],
      ["post_bump", 0],
      ["pre_release", 0],
      ["post_release", 3],
    ]);
    expect(r.json.warnings.map((x) => x.code)).toContain("W_HOOK_FAILED");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v1.1.0"]);
    // the hook's untracked output is not part of the release commit
    expect(w.repo.git("show", "--name-only", "--format=", "HEAD")).not.toContain("pre.txt");
  });

  it("a failing pre_bump → exit 1 E_HOOK_FAILED, nothing modified", async () => {
    const w = await world({ config: '[hooks]\npre_bump = ["exit 4"]\n' });
    const before = snapshot(w.repo);
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_HOOK_FAILED");
    expect(snapshot(w.repo)).toEqual(before);
    expect(forgeWrites(w.fake)).toEqual([]);
  });

  it("a failing post_bump puts the files back; nothing is committed", async () => {
    const w = await world({ config: '[hooks]\npost_bump = ["exit 5"]\n' });
    const before = snapshot(w.repo);
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.error?.code).toBe("E_HOOK_FAILED");
    expect(snapshot(w.repo)).toEqual(before);
  });

  it("a failing pre_release leaves the local release commit; the re-run goes on from it without a second commit", async () => {
    const w = await world({ config: '[hooks]\npre_release = ["test \\"$BREAK\\" != 1"]\n' });
    const original = w.repo.head();
    const first = await run(w, ["-x", ...SKIP], { BREAK: "1" });
    expect(first.error?.code).toBe("E_HOOK_FAILED");
    expect(first.error?.hint).toContain("re-run the same command to finish");
    const commit = w.repo.head();
    expect(w.repo.git("rev-parse", "HEAD^").trim()).toBe(original);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);

    const second = await ok(w, ["-x", ...SKIP]);
    expect(second.json.releases[0]!.status).toBe("resumed");
    const by = Object.fromEntries(second.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({ "write-files": "skipped", commit: "skipped", push: "done" });
    expect(w.repo.head()).toBe(commit);
    expect(remoteCommit(w.repo, "refs/heads/main")).toBe(commit);
    expect(remoteCommit(w.repo, "refs/tags/v1.1.0")).toBe(commit);
  });
});

describe("do-release resume (scenario 109)", () => {
  it("push done, upload failed → the re-run at the tagged HEAD completes like release; no second commit or tag", async () => {
    const base = await world({
      config: `[hooks]\nbuild = "${BUILD_HOOK}"\n[publish]\nretries = 1\n`,
      buildable: true,
    });
    const w = await withIndex(base);
    // the first file's both attempts (publish.retries = 1) answer 503
    w.index.failNext({ path: /^\/legacy\/?$/, method: "POST", status: 503, times: 2 });
    const first = await run(w, ["-x"]);
    expect(first.code).toBe(1);
    const steps = (first.error?.details?.steps ?? []) as { id: string; status: string }[];
    expect(steps.find((s) => s.id === "push")?.status).toBe("done");
    expect(steps.find((s) => s.status === "failed")?.id).toMatch(/^upload:/);
    const tagged = w.repo.head();
    expect(remoteCommit(w.repo, "refs/tags/v1.1.0")).toBe(tagged);

    const second = await ok(w, ["-x"]);
    expect(second.json.command).toBe("do-release");
    expect(second.json.releases[0]!.status).toBe("resumed");
    const by = Object.fromEntries(second.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({ "create-tag": "skipped", "push-tag": "skipped", "publish-release": "done" });
    expect(w.repo.head()).toBe(tagged);
    expect(remoteCommit(w.repo, "refs/heads/main")).toBe(tagged);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v1.1.0"]);
    expect(w.fake.state.releases).toHaveLength(1);
    expect(w.fake.state.releases[0]!.draft).toBe(false);
    expect(w.index.files).toHaveLength(2);
  });
});

describe("re-running the same command with --version", () => {
  it.each([
    ["2.0.0", "v2.0.0"],
    ["1.1.0rc1", "v1.1.0rc1"],
  ])(
    "--version %s: push done, upload failed → the same command again resumes the release",
    async (version, tag) => {
      const base = await world({
        config: `[hooks]\nbuild = "${BUILD_HOOK}"\n[publish]\nretries = 1\n`,
        buildable: true,
      });
      const w = await withIndex(base);
      w.index.failNext({ path: /^\/legacy\/?$/, method: "POST", status: 503, times: 2 });
      const first = await run(w, ["-x", "--version", version]);
      expect(first.code).toBe(1);
      expect(first.error?.hint).toContain("re-run the same command");
      const tagged = w.repo.head();
      expect(remoteCommit(w.repo, `refs/tags/${tag}`)).toBe(tagged);

      const second = await ok(w, ["-x", "--version", version]);
      expect(second.json.releases[0]!.status).toBe("resumed");
      expect(w.repo.head()).toBe(tagged);
      expect(remoteTags(w.repo)).toEqual(["v1.0.0", tag]);
      expect(w.index.files).toHaveLength(2);
    },
  );

  it("check --version of the version tagged on HEAD itself says it is released, and plans nothing", async () => {
    const w = await world();
    await ok(w, ["-x", ...SKIP, "--version", "2.0.0"]);
    const r = await releasio(w.repo.dir, ["check", "--json", "--version", "2.0.0"], w.env, w.fetch);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ release_needed: false, next_version: null, previous_tag: "v2.0.0" });
  });
});

describe("nothing to do, or refused before anything is written", () => {
  it("scenario 17: nothing releasable → exit 0, no file change, no push, no write request", async () => {
    const w = await world({ subjects: ["docs: a", "chore: b", "ci: c"] });
    const before = snapshot(w.repo);
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ release_needed: false, released: false, releases: [], steps: [] });
    expect(snapshot(w.repo)).toEqual(before);
    expect(forgeWrites(w.fake)).toEqual([]);
  });

  it('scenario 61: version_files = ["missing.py"] → exit 1 E_VERSION_FILE before writing or pushing anything', async () => {
    const w = await world({ config: '[version]\nversion_files = ["missing.py"]\n' });
    const before = snapshot(w.repo);
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_VERSION_FILE");
    expect(snapshot(w.repo)).toEqual(before);
    expect(forgeWrites(w.fake)).toEqual([]);
  });

  it("--help shows the flags and examples", async () => {
    const w = await world();
    const r = await releasio(w.repo.dir, ["do-release", "--help"], w.env, w.fetch);
    expect(r.code).toBe(0);
    for (const flag of ["--execute", "--skip-publish", "--dist-dir", "--version", "--prerelease"])
      expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain("releasio do-release -x --version 2.0.0");
  });

  it("off the release branch → E_WRONG_BRANCH before anything, even with something to release", async () => {
    const w = await world();
    w.repo.checkout("feature", true);
    const before = snapshot(w.repo);
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_WRONG_BRANCH");
    expect(snapshot(w.repo)).toEqual(before);
    const dry = await ok(w, SKIP);
    expect(dry.json.warnings.map((x) => x.code)).toContain("W_NOT_RELEASE_BRANCH");
  });

  it("execute preconditions come first: a dirty tree is E_DIRTY_TREE even with nothing to release", async () => {
    const w = await world({ subjects: ["docs: a"] });
    w.repo.write("scratch.txt", "x\n");
    const r = await run(w, ["-x"]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_DIRTY_TREE");
  });
});

describe("--offline (PRODUCT.md §3.2)", () => {
  /** The built world with origin at GitHub, which git may not reach: any remote access fails at once. */
  async function unreachableWorld() {
    const base = await world({ config: `[hooks]\nbuild = "${BUILD_HOOK}"\n`, buildable: true });
    const w = await withIndex(base);
    w.repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
    return { ...w, env: { ...w.env, GIT_ALLOW_PROTOCOL: "file" } };
  }

  it("a dry run contacts nothing: the network checks are skipped with W_OFFLINE_SKIPPED, every step is planned, exit 0", async () => {
    const w = await unreachableWorld();
    const before = snapshot(w.repo);
    const r = await ok(w, ["--offline"]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ dry_run: true, released: false, next_version: "1.1.0", tag: "v1.1.0" });
    const by = Object.fromEntries(r.json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({
      preflight: "done",
      commit: "planned",
      build: "planned",
      "check-index": "planned",
      "create-tag": "planned",
      push: "planned",
      "create-draft-release": "planned",
      "verify-index": "planned",
      "publish-release": "planned",
    });
    const skipped = r.json.warnings.filter((x) => x.code === "W_OFFLINE_SKIPPED").map((x) => x.message);
    expect(skipped).toEqual([
      "offline: did not check whether origin already has tag v1.1.0 (git ls-remote)",
      "offline: did not check access to github repository acme/demo or its release v1.1.0",
      "offline: did not check permission to push v1.1.0 to origin (git push --dry-run)",
      "offline: did not check the credentials for PyPI",
    ]);
    expect(w.fake.calls).toEqual([]);
    expect(w.index.calls).toEqual([]);
    expect(snapshot(w.repo)).toEqual(before);

    // RELEASIO_OFFLINE=1 is the same switch; the human output names what was not checked.
    const human = await releasio(w.repo.dir, ["do-release"], { ...w.env, RELEASIO_OFFLINE: "1" }, w.fetch);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toContain("warning[W_OFFLINE_SKIPPED]: offline: did not check whether origin");
    expect(human.stdout).toContain("demo 1.0.0 → 1.1.0 (tag v1.1.0)");
    expect(w.fake.calls).toEqual([]);
  });

  it("the API's doRelease({ offline: true }) plans the same dry run without the network", async () => {
    const w = await unreachableWorld();
    const payload = await doRelease({ cwd: w.repo.dir, env: w.env, fetch: w.fetch, offline: true });
    expect(payload).toMatchObject({ ok: true, dry_run: true, tag: "v1.1.0" });
    expect(payload.warnings.map((x) => x.code)).toContain("W_OFFLINE_SKIPPED");
    expect(w.fake.calls).toEqual([]);
  });

  it("--execute --offline is refused before anything is read or written: E_USAGE naming --offline, exit 2", async () => {
    const w = await unreachableWorld();
    const before = snapshot(w.repo);
    for (const [args, env] of [
      [["-x", "--offline"], {}],
      [["-x"], { RELEASIO_OFFLINE: "1" }],
    ] as const) {
      const r = await run(w, [...args], env);
      expect(r.code).toBe(2);
      expect(r.error?.code).toBe("E_USAGE");
      expect(r.error?.message).toContain("--offline");
      expect(r.error?.hint).toContain("drop --offline");
      expect(r.error?.hint).not.toContain("re-run the same command");
    }
    expect(snapshot(w.repo)).toEqual(before);
    expect(w.fake.calls).toEqual([]);
    expect(w.index.calls).toEqual([]);
  });
});

describe('forge = "none"', () => {
  it("releases without a forge: commit, tag and push, the forge release steps skipped as disabled", async () => {
    const repo = f0();
    repo.commit("chore: no forge", {
      files: { ".releasio.toml": 'forge = "none"\n[publish]\nenabled = false\n' },
    });
    repo.commit("feat: a feature");
    repo.push();
    const r = await releasio(
      repo.dir,
      ["do-release", "--execute", "--json"],
      cleanEnv({ RELEASIO_OFFLINE: "" }),
    );
    expect(r.code, JSON.stringify(r.json.error)).toBe(0);
    const steps = r.json.steps as { id: string; status: string; reason: string | null; message: string }[];
    const step = (id: string) => steps.find((s) => s.id === id);
    expect(step("push")?.status).toBe("done");
    for (const id of ["create-draft-release", "publish-release"]) {
      expect(step(id)).toMatchObject({ status: "skipped", reason: "disabled", message: 'forge = "none"' });
    }
    expect(repo.git("ls-remote", "--tags", "origin").trim()).toMatch(/refs\/tags\/v1\.1\.0$/m);
  });
});
