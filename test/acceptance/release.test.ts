/**
 * `release` end to end (PRODUCT.md §4.4, §8, scenarios 83–86, 93–99, 101, 102): real git with a bare origin, the
 * fake GitHub API, and the CLI in-process. A merged release PR is simulated by committing
 * `chore(release): prepare demo v1.1.0` (pyproject 1.1.0 + CHANGELOG.md) and pushing it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { envelopeSchema, releaseSchema } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupDists, sampleDists } from "../support/dists.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { githubClaims, startFakeOidcIssuer } from "../support/fake-oidc.js";
import { createTrustedPublishing } from "../support/fake-pypi-oidc.js";
import { startFakeSigstore } from "../support/fake-sigstore.js";
import { mergeRoutes } from "../support/loopback.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo } from "../support/repo.js";
import { strictFakes } from "../support/strict-fakes.js";
import { remoteTags, forgeWrites as writes } from "./release-fixtures.js";

afterAll(() => {
  cleanupRepos();
  cleanupDists();
});

const fakes = strictFakes<FakeGitHub>();

const CHANGELOG = `# Changelog

## [1.1.0](https://github.com/acme/demo/compare/v1.0.0...v1.1.0) - 2026-11-25

### ✨ Features

- add export

## [1.0.0] - 2026-01-01

- first
`;

interface World {
  repo: TestRepo;
  fake: FakeGitHub;
  env: Record<string, string | undefined>;
}

/** F0, a `feat`, then the merged release PR's commit, pushed; `config` goes into `.releasio.toml`. */
async function mergedReleasePr(
  options: {
    config?: string;
    version?: string;
    files?: Record<string, string>;
    fake?: Parameters<typeof startFakeGitHub>[0];
    /** The feat's subject (default `feat: add export`). */
    subject?: string;
    /** Leave CHANGELOG.md out of the release commit (the body then uses the rendered entry). */
    noChangelog?: boolean;
  } = {},
): Promise<World> {
  const repo = f0();
  repo.commit(options.subject ?? "feat: add export", {
    files: { "src/demo/export.py": "x = 1\n", ...(options.files ?? {}) },
    author: { name: "Ada Lovelace", email: "ada@example.org" },
  });
  const version = options.version ?? "1.1.0";
  repo.commit(`chore(release): prepare demo v${version}`, {
    files: {
      "pyproject.toml": PYPROJECT(version),
      ...(options.noChangelog ? {} : { "CHANGELOG.md": CHANGELOG.replaceAll("1.1.0", version) }),
      ...(options.config ? { ".releasio.toml": options.config } : {}),
    },
  });
  return pushedWorld(repo, options.fake);
}

/** `repo` pushed to its origin, a fake GitHub serving it as acme/demo, and a token for it. */
async function pushedWorld(repo: TestRepo, options?: Parameters<typeof startFakeGitHub>[0]): Promise<World> {
  repo.push();
  const fake = await startFakeGitHub({ bare: repo.origin!, ...(options ?? {}) });
  fakes.push(fake);
  const env = cleanEnv({
    GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
    RELEASIO_GITHUB_OWNER: "acme",
    RELEASIO_GITHUB_REPO: "demo",
    RELEASIO_OFFLINE: undefined,
  });
  return { repo, fake, env };
}

async function run(w: World, args: string[]) {
  const result = await releasio(w.repo.dir, ["release", ...args, "--json"], w.env, w.fake.fetch);
  const raw = JSON.parse(result.stdout) as Record<string, unknown>;
  if (raw.ok === true) return { ...result, json: v.parse(releaseSchema, raw), error: null };
  const failed = v.parse(envelopeSchema, raw);
  return { ...result, json: null, error: failed.error! };
}

async function ok(w: World, args: string[]) {
  const r = await run(w, args);
  if (r.json === null) throw new Error(`release failed: ${r.error?.code}: ${r.error?.message}\n${r.stderr}`);
  return { ...r, json: r.json };
}

const SKIP = ["--skip-publish"];

const ASSETS = '[release]\nassets = ["dist/*.whl", "dist/*.txt"]\n';

/** Files the assets globs match (untracked build outputs, ignored by git so the tree stays clean). */
function writeAssets(repo: TestRepo): void {
  mkdirSync(join(repo.dir, "dist"), { recursive: true });
  writeFileSync(join(repo.dir, "dist", "demo-1.1.0-py3-none-any.whl"), "wheel bytes\n");
  writeFileSync(join(repo.dir, "dist", "SHA256SUMS.txt"), "sums\n");
  writeFileSync(join(repo.dir, ".git", "info", "exclude"), "dist/\n");
}

describe("release decisions", () => {
  it("scenario 83: nothing pending (HEAD after v1.0.0, pyproject 1.0.0) → released false, exit 0, no write", async () => {
    const repo = f0();
    repo.commit("docs: readme");
    const w = await pushedWorld(repo);
    const { fake } = w;
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.code).toBe(0);
    expect(r.json.released).toBe(false);
    expect(r.json.releases.map((x) => x.status)).toEqual(["already-released"]);
    // v1.0.0 has no GitHub release: the release is reported incomplete, with the commit to finish it at.
    expect(r.json.warnings.find((x) => x.code === "W_INCOMPLETE_RELEASE")?.message).toContain(
      repo.git("rev-parse", "v1.0.0^{commit}").trim(),
    );
    expect(writes(fake)).toEqual([]);
    // Only docs since v1.0.0: nothing awaits a release, so nothing more is said.
    expect(r.stderr).toContain("demo 1.0.0 is already released (v1.0.0 on ");
    expect(r.stderr).not.toContain("is planned");
  });

  it("scenario 83: releasable commits without a release commit → already released, and the way to release them", async () => {
    const repo = f0();
    repo.commit("fix: handle a");
    const w = await pushedWorld(repo);
    const { fake } = w;
    const r = await ok(w, SKIP);
    expect(r.json.released).toBe(false);
    expect(r.json.releases.map((x) => x.status)).toEqual(["already-released"]);
    expect(r.stderr).toContain(
      "; 1.0.1 is planned from the commits since v1.0.0: 'releasio release-pr' opens its release pull request, 'releasio do-release' releases it at once",
    );
    expect(writes(fake)).toEqual([]);
  });

  it("scenario 84: a dry run after a merged release PR plans every step and writes nothing", async () => {
    const w = await mergedReleasePr();
    const r = await ok(w, SKIP);
    expect(r.json.dry_run).toBe(true);
    expect(r.json.released).toBe(false);
    expect(r.json.releases[0]).toMatchObject({
      version: "1.1.0",
      tag: "v1.1.0",
      status: "planned",
      previous_tag: "v1.0.0",
    });
    const byId = Object.fromEntries(r.json.steps.map((s) => [s.id, s.status]));
    expect(byId).toMatchObject({
      preflight: "done",
      "create-tag": "planned",
      "push-tag": "planned",
      "create-draft-release": "planned",
      "publish-release": "planned",
      build: "skipped",
    });
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(w.repo.git("tag", "--list").trim().split("\n")).toEqual(["v1.0.0"]);
    expect(writes(w.fake)).toEqual([]);
  });

  it("without a release commit nothing is released unless --force, and the message says so", async () => {
    const repo = f0();
    repo.commit("feat: bump by hand", { files: { "pyproject.toml": PYPROJECT("1.1.0") } });
    const w = await pushedWorld(repo);
    const { fake } = w;
    const plain = await releasio(repo.dir, ["release", "-x", ...SKIP], w.env, fake.fetch);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("pass --force");
    expect(remoteTags(repo)).toEqual(["v1.0.0"]);
    const forced = await ok(w, ["-x", ...SKIP, "--force"]);
    expect(forced.json.released).toBe(true);
    expect(remoteTags(repo)).toContain("v1.1.0");
  });

  it("scenario 95: tag v1.1.0 on another commit → E_TAG_CONFLICT in preflight, nothing written", async () => {
    const w = await mergedReleasePr();
    w.repo.git("tag", "-a", "v1.1.0", "-m", "wrong", "HEAD~1");
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_TAG_CONFLICT");
    expect(r.error?.message).toMatch(/tag v1\.1\.0 already exists on [0-9a-f]{40} \(expected [0-9a-f]{40}\)/);
    expect(writes(w.fake)).toEqual([]);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
  });

  it("a release commit not on origin/main → E_NOT_PUSHED before any write", async () => {
    const w = await mergedReleasePr();
    w.repo.commit("docs: local only");
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.error?.code).toBe("E_NOT_PUSHED");
    expect(r.error?.message).toContain("is not on origin/main; push it before releasing");
    expect(writes(w.fake)).toEqual([]);
  });
});

describe("release with --skip-publish", () => {
  it("scenario 98/86: tags, pushes, creates and publishes the release; body and flags as specified", async () => {
    const w = await mergedReleasePr({ fake: { users: { "ada@example.org": "ada-l" } } });
    // The Contributors section asks the forge for logins.
    const r = await releasio(w.repo.dir, ["release", "-x", ...SKIP], w.env, w.fake.fetch);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Created and pushed tag v1.1.0");
    expect(r.stdout).toMatch(
      /Released demo 1\.1\.0: https:\/\/github\.com\/acme\/demo\/releases\/tag\/v1\.1\.0/,
    );
    expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v1.1.0"]);
    const tagType = execFileSync("git", ["cat-file", "-t", "v1.1.0"], {
      cwd: w.repo.origin!,
      encoding: "utf8",
    });
    expect(tagType.trim()).toBe("tag");
    expect(w.fake.state.releases).toHaveLength(1);
    const rel = w.fake.state.releases[0]!;
    expect(rel).toMatchObject({
      tag_name: "v1.1.0",
      name: "demo v1.1.0",
      draft: false,
      prerelease: false,
      make_latest: "true",
    });
    expect(rel.body).toContain("### ✨ Features\n\n- add export");
    expect(rel.body).not.toContain("## [1.1.0]");
    expect(rel.body).toContain("### Contributors\n\n- @ada-l (first contribution)\n\n**Full changelog**");
    expect(rel.body).toContain("**Full changelog**: https://github.com/acme/demo/compare/v1.0.0...v1.1.0");
    expect(rel.body).not.toContain("### Installation");
    // no index call at all
    expect(w.fake.calls.every((c) => c.host.endsWith("github.com"))).toBe(true);
  });

  it("an entry longer than GitHub takes for a release body is cut between entries, and the release is made", async () => {
    const repo = f0();
    repo.commit("feat: add export", { files: { "src/demo/export.py": "x = 1\n" } });
    const items = Array.from(
      { length: 6_000 },
      (_, i) => `- feature ${i} of a first release of a long history`,
    );
    const changelog = `# Changelog\n\n## [1.1.0] - 2026-11-25\n\n### ✨ Features\n\n${items.join("\n")}\n\n## [1.0.0] - 2026-01-01\n\n- first\n`;
    repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0"), "CHANGELOG.md": changelog },
    });
    const w = await pushedWorld(repo);
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.json.releases[0]).toMatchObject({ version: "1.1.0", status: "released" });
    const body = w.fake.state.releases[0]!.body;
    expect(changelog.length).toBeGreaterThan(200_000);
    expect(body.length).toBeLessThanOrEqual(125_000);
    expect(body).toContain(
      "… truncated to the forge's limit of 125,000 characters for a release; the whole entry is in CHANGELOG.md.",
    );
    const kept = body.split("\n").filter((l) => l.startsWith("- feature "));
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept).toEqual(items.slice(0, kept.length));
    expect(body).toContain("**Full changelog**: https://github.com/acme/demo/compare/v1.0.0...v1.1.0");
  });

  it("--offline: a dry run contacts nothing and warns W_OFFLINE_SKIPPED; --execute --offline is E_USAGE, exit 2", async () => {
    const w = await mergedReleasePr({ fake: { users: { "ada@example.org": "ada-l" } } });
    w.repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
    // git may not reach GitHub: any ls-remote, fetch or push would fail at once.
    const offline = { ...w.env, GIT_ALLOW_PROTOCOL: "file" };
    const dry = await releasio(
      w.repo.dir,
      ["release", "--offline", ...SKIP, "--json"],
      offline,
      w.fake.fetch,
    );
    expect(dry.code, dry.stdout).toBe(0);
    const json = v.parse(releaseSchema, dry.json);
    expect(json.releases[0]).toMatchObject({ version: "1.1.0", tag: "v1.1.0", status: "planned" });
    const by = Object.fromEntries(json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({
      preflight: "done",
      "create-tag": "planned",
      "push-tag": "planned",
      "create-draft-release": "planned",
      "publish-release": "planned",
    });
    expect(json.warnings.filter((x) => x.code === "W_OFFLINE_SKIPPED").map((x) => x.message)).toEqual([
      "offline: did not check whether origin already has tag v1.1.0 (git ls-remote)",
      "offline: did not check access to github repository acme/demo or its release v1.1.0",
      "offline: did not check permission to push v1.1.0 to origin (git push --dry-run)",
    ]);
    const human = await releasio(
      w.repo.dir,
      ["release", ...SKIP],
      { ...offline, RELEASIO_OFFLINE: "1" },
      w.fake.fetch,
    );
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toContain("warning[W_OFFLINE_SKIPPED]");
    expect(human.stderr).not.toContain("re-run the same command");

    const refused = await releasio(
      w.repo.dir,
      ["release", "-x", "--offline", ...SKIP],
      offline,
      w.fake.fetch,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("error[E_USAGE]: 'release --execute' needs the network");
    expect(refused.stderr).toContain("drop --offline");
    expect(refused.stderr).not.toContain("re-run the same command");
    expect(w.fake.calls).toEqual([]);
    expect(w.repo.git("tag", "--list").trim().split("\n")).toEqual(["v1.0.0"]);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
  });

  it("a dry run that fails in preflight has no 're-run … to finish' hint: there is nothing to finish", async () => {
    const w = await mergedReleasePr();
    // origin has v1.1.0 on another commit; the local clone does not know it.
    w.repo.git("push", "-q", "origin", "HEAD~1:refs/tags/v1.1.0");
    const r = await run(w, SKIP);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_TAG_CONFLICT");
    expect(r.error?.hint ?? "").not.toContain("re-run the same command");
    const x = await run(w, ["-x", ...SKIP]);
    expect(x.error?.code).toBe("E_TAG_CONFLICT");
    expect(x.error?.hint).toContain("re-run the same command at");
  });

  it("scenario 86: 1.1.0rc1 → prerelease true, make_latest false; release.draft = true leaves a draft", async () => {
    const pre = await mergedReleasePr({ version: "1.1.0rc1" });
    const a = await ok(pre, ["-x", ...SKIP]);
    expect(a.json.releases[0]).toMatchObject({ version: "1.1.0rc1", prerelease: true, status: "released" });
    expect(pre.fake.state.releases[0]).toMatchObject({
      prerelease: true,
      make_latest: "false",
      draft: false,
    });

    const draft = await mergedReleasePr({ config: "[release]\ndraft = true\n" });
    const b = await ok(draft, ["-x", ...SKIP]);
    expect(draft.fake.state.releases[0]!.draft).toBe(true);
    expect(b.json.steps.find((s) => s.id === "publish-release")).toMatchObject({
      status: "skipped",
      reason: "disabled",
    });
  });

  it("a re-run after success skips every step, says already-released, and makes no write request", async () => {
    const w = await mergedReleasePr({ config: ASSETS });
    writeAssets(w.repo);
    await ok(w, ["-x", ...SKIP]);
    w.fake.resetCalls();
    const again = await ok(w, ["-x", ...SKIP]);
    expect(again.code).toBe(0);
    expect(again.json.released).toBe(false);
    expect(again.json.releases[0]!.status).toBe("already-released");
    expect(again.json.steps.filter((s) => s.id !== "preflight").every((s) => s.status === "skipped")).toBe(
      true,
    );
    expect(writes(w.fake)).toEqual([]);
  });

  it("scenario 101: a feat landed after the release commit → W_LATE_COMMITS naming it; the release proceeds", async () => {
    const w = await mergedReleasePr();
    w.repo.commit("feat: late arrival");
    w.repo.push();
    const r = await ok(w, ["-x", ...SKIP]);
    const late = r.json.warnings.find((x) => x.code === "W_LATE_COMMITS");
    expect(late?.message).toContain("feat: late arrival");
    expect(r.json.released).toBe(true);
    expect(w.fake.state.releases[0]!.body).not.toContain("late arrival");
  });
});

describe("release assets (scenario 99)", () => {
  it("an escaping pattern is a configuration error (exit 2) before anything is written", async () => {
    const w = await mergedReleasePr({ config: '[release]\nassets = ["dist/*.whl", "../secret.txt"]\n' });
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(2);
    expect(r.error?.code).toBe("E_CONFIG_INVALID");
    expect(r.error?.message).toContain("../secret.txt");
    expect(writes(w.fake)).toEqual([]);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
  });

  it("a symlink in dist/ pointing at /etc/passwd is refused", async () => {
    const w = await mergedReleasePr({ config: '[release]\nassets = ["dist/*"]\n' });
    writeAssets(w.repo);
    symlinkSync("/etc/passwd", join(w.repo.dir, "dist", "passwd"));
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.message).toContain("dist/passwd is a symlink to a file outside the repository");
    expect(w.fake.state.releases.flatMap((x) => x.assets).map((a) => a.name)).not.toContain("passwd");
  });

  it("uploads each asset once with its digest in the body; a re-run skips identical assets", async () => {
    const w = await mergedReleasePr({ config: ASSETS });
    writeAssets(w.repo);
    const r = await ok(w, ["-x", ...SKIP]);
    const rel = w.fake.state.releases[0]!;
    expect(rel.assets.map((a) => a.name).sort()).toEqual(["SHA256SUMS.txt", "demo-1.1.0-py3-none-any.whl"]);
    expect(rel.body).toMatch(/### Assets\n\n- `SHA256SUMS\.txt` — sha256 `[0-9a-f]{64}`/);
    expect(r.json.releases[0]!.assets.map((a) => a.status)).toEqual(["uploaded", "uploaded"]);
  });

  it("a published release missing an asset → E_RELEASE_IMMUTABLE", async () => {
    const w = await mergedReleasePr({ config: ASSETS });
    writeAssets(w.repo);
    await ok(w, ["-x", ...SKIP]);
    writeFileSync(join(w.repo.dir, "dist", "demo-1.1.0.tar.gz.txt"), "more\n");
    const r = await run(w, ["-x", ...SKIP]);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe("E_RELEASE_IMMUTABLE");
    expect(r.error?.message).toBe(
      "release v1.1.0 is published and immutable; asset demo-1.1.0.tar.gz.txt cannot be added",
    );
  });
});

describe("API call budget", () => {
  it("a release with two assets makes at most 8 API calls", async () => {
    const w = await mergedReleasePr({ config: ASSETS });
    writeAssets(w.repo);
    await ok(w, ["-x", ...SKIP]);
    const calls = w.fake.calls.map((c) => `${c.method} ${c.path}`);
    expect(calls.length, calls.join("\n")).toBeLessThanOrEqual(8);
    console.info(`release with two assets: ${calls.length} API calls\n  ${calls.join("\n  ")}`);
  });
});

const INJECTED = { message: "injected failure", documentation_url: "https://docs.github.com/rest" };

describe("a re-run after a failure at every forge step converges (fake GitHub)", () => {
  const faults: [string, { method: string; path: RegExp }, string][] = [
    ["repository read", { method: "GET", path: /^\/repos\/acme\/demo$/ }, "preflight"],
    ["release listing", { method: "GET", path: /^\/repos\/acme\/demo\/releases$/ }, "preflight"],
    ["draft creation", { method: "POST", path: /^\/repos\/acme\/demo\/releases$/ }, "create-draft-release"],
    ["second asset upload", { method: "POST", path: /\/releases\/\d+\/assets$/ }, "upload-assets"],
    ["publication", { method: "PATCH", path: /^\/repos\/acme\/demo\/releases\/\d+$/ }, "publish-release"],
  ];
  for (const [what, rule, step] of faults) {
    it(`a failing ${what} fails ${step}; the re-run finishes with one tag, one release, one upload per asset`, async () => {
      const w = await mergedReleasePr({ config: ASSETS });
      writeAssets(w.repo);
      if (what === "second asset upload") {
        // let the first upload through, fail the second
        const original = w.fake.fetch;
        let seen = 0;
        w.fake.fetch = async (url, init) => {
          if ((init?.method ?? "GET") === "POST" && /\/assets/.test(String(url)) && ++seen === 2)
            w.fake.failNext({ ...rule, status: 422, body: INJECTED });
          return original(url, init);
        };
      } else w.fake.failNext({ ...rule, status: 422, body: INJECTED });
      const first = await releasio(w.repo.dir, ["release", "-x", ...SKIP], w.env, w.fake.fetch);
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(new RegExp(`✗ ${step} failed`));
      expect(first.stderr).toContain(`re-run the same command at ${w.repo.head()} to finish`);

      const second = await ok(w, ["-x", ...SKIP]);
      expect(second.json.released).toBe(true);
      expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v1.1.0"]);
      expect(w.fake.state.releases).toHaveLength(1);
      expect(w.fake.state.releases[0]!.draft).toBe(false);
      expect(w.fake.state.releases[0]!.assets.map((a) => a.name).sort()).toEqual([
        "SHA256SUMS.txt",
        "demo-1.1.0-py3-none-any.whl",
      ]);
      const uploads = w.fake.calls.filter(
        (c) => c.method === "POST" && c.path.endsWith("/assets") && c.status < 300,
      );
      expect(uploads).toHaveLength(2);
      const created = w.fake.calls.filter(
        (c) => c.method === "POST" && c.path.endsWith("/releases") && c.status < 300,
      );
      expect(created).toHaveLength(1);
    });
  }

  it("a failing pre_release hook stops before the tag; the re-run releases", async () => {
    const w = await mergedReleasePr({ config: '[hooks]\npre_release = ["test \\"$BREAK\\" != 1"]\n' });
    const first = await releasio(
      w.repo.dir,
      ["release", "-x", ...SKIP],
      { ...w.env, BREAK: "1" },
      w.fake.fetch,
    );
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("error[E_HOOK_FAILED]");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(writes(w.fake)).toEqual([]);
    await ok(w, ["-x", ...SKIP]);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0", "v1.1.0"]);
    expect(w.fake.state.releases.map((r) => r.draft)).toEqual([false]);
  });
});

describe("release with publishing (fake index, API token)", () => {
  const TOKEN = "pypi-AgEIcHlwaS5vcmcCJGZha2UtdG9rZW4tZm9yLXJlbGVhc2UtdGVzdHM";
  const BUILD = "/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist .";
  const HATCH = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
  const indexes: FakeIndex[] = [];
  afterEach(async () => {
    for (const index of indexes.splice(0)) await index.close();
  });

  /** A merged release PR of a buildable project, the fake GitHub and the fake index behind one routed fetch. */
  async function publishing(config = "") {
    const w = await mergedReleasePr({
      config: `[hooks]\nbuild = "${BUILD}"\n[publish]\nretries = 1\n${config}`,
      files: { ".gitignore": "dist/\n" },
    });
    // the release commit's pyproject must be buildable
    w.repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0", "demo", HATCH) },
    });
    w.repo.push();
    const index = await startFakeIndex({ tokens: [TOKEN] });
    indexes.push(index);
    const events: string[] = [];
    const tagRef = join(w.repo.origin!, "refs", "tags", "v1.1.0");
    const routed = mergeRoutes(w.fake.routes, index.routes);
    const hooks: { before: ((method: string, url: URL) => void) | null } = { before: null };
    const fetch: typeof w.fake.fetch = async (url, init) => {
      if (existsSync(tagRef) && !events.includes("tag v1.1.0")) events.push("tag v1.1.0");
      const u = new URL(String(url));
      hooks.before?.(init?.method ?? "GET", u);
      const res = await routed(url, init);
      events.push(`${init?.method ?? "GET"} ${u.host}${u.pathname} ${res.status}`);
      return res;
    };
    const world: World = { ...w, env: { ...w.env, PYPI_TOKEN: TOKEN, RELEASIO_OFFLINE: undefined } };
    const go = (args: string[]) => releasio(w.repo.dir, ["release", ...args, "--json"], world.env, fetch);
    return { ...world, index, events, go, hooks };
  }

  it("release.include_installation = false leaves the Installation section out of a published release", async () => {
    const p = await publishing("[release]\ninclude_installation = false\n");
    const json = v.parse(releaseSchema, JSON.parse((await p.go(["-x"])).stdout));
    expect(json.released).toBe(true);
    expect(p.index.files).toHaveLength(2);
    expect(p.fake.state.releases[0]!.body).not.toContain("### Installation");
  });

  it("publish.verify_after_upload = false publishes without polling the index", async () => {
    const p = await publishing("verify_after_upload = false\n");
    const json = v.parse(releaseSchema, JSON.parse((await p.go(["-x"])).stdout));
    expect(json.released).toBe(true);
    expect(json.steps.find((s) => s.id === "verify-index")).toMatchObject({
      status: "skipped",
      reason: "disabled",
    });
    const firstUpload = p.events.findIndex((e) => /^POST upload\.pypi\.org\/legacy\/ 200/.test(e));
    expect(p.events.slice(firstUpload).some((e) => /^GET pypi\.org\/pypi\/demo/.test(e))).toBe(false);
  });

  it("publish.skip_existing = true skips, with a warning, a file the index holds with other content", async () => {
    const p = await publishing("skip_existing = true\n");
    p.index.addFile({
      project: "demo",
      version: "1.1.0",
      filename: "demo-1.1.0.tar.gz",
      content: Buffer.from("someone else's sdist"),
    });
    const json = v.parse(releaseSchema, JSON.parse((await p.go(["-x"])).stdout));
    expect(json.released).toBe(true);
    expect(json.releases[0]!.dists.find((d) => d.filename === "demo-1.1.0.tar.gz")?.status).toBe("skipped");
    expect(json.warnings.length).toBeGreaterThan(0);
    expect(p.fake.state.releases[0]!.draft).toBe(false);
  });

  it("scenario 85 (token): build, validate, tag, draft, uploads, verification, then publication, in that order", async () => {
    const p = await publishing();
    const r = await p.go(["-x"]);
    const json = v.parse(releaseSchema, JSON.parse(r.stdout));
    expect(json.released, r.stderr).toBe(true);
    expect(json.releases[0]!.index_url).toBe("https://pypi.org/project/demo/1.1.0/");
    expect(json.releases[0]!.dists.map((d) => [d.filename, d.status])).toEqual([
      ["demo-1.1.0-py3-none-any.whl", "uploaded"],
      ["demo-1.1.0.tar.gz", "uploaded"],
    ]);
    expect(p.index.files.map((f) => f.filename).sort()).toEqual([
      "demo-1.1.0-py3-none-any.whl",
      "demo-1.1.0.tar.gz",
    ]);
    const uploads = p.index.uploads.filter((u) => u.status === 200);
    expect(uploads.map((u) => [u.fields.sha256_digest?.length, u.fields.blake2_256_digest?.length])).toEqual([
      [64, 64],
      [64, 64],
    ]);
    const order = (pattern: RegExp) => p.events.findIndex((e) => pattern.test(e));
    const tag = order(/^tag v1\.1\.0$/);
    const draft = order(/^POST api\.github\.com\/repos\/acme\/demo\/releases 201/);
    const firstUpload = order(/^POST upload\.pypi\.org\/legacy\/ 200/);
    const publish = order(/^PATCH api\.github\.com\/repos\/acme\/demo\/releases\/\d+ 200/);
    expect(tag).toBeGreaterThan(-1);
    expect(tag).toBeLessThan(draft);
    expect(draft).toBeLessThan(firstUpload);
    expect(p.events.slice(firstUpload, publish).some((e) => /^GET pypi\.org\/pypi\/demo/.test(e))).toBe(true);
    expect(firstUpload).toBeLessThan(publish);
    const rel = p.fake.state.releases[0]!;
    expect(rel).toMatchObject({ draft: false, make_latest: "true" });
    expect(rel.body).toContain("### Installation\n\n```sh\npip install demo==1.1.0\nuv add demo==1.1.0\n```");
    expect(JSON.stringify(json)).not.toContain(TOKEN);

    // a re-run after success, even from a checkout without dist/, builds nothing and writes nothing
    rmSync(join(p.repo.dir, "dist"), { recursive: true, force: true });
    p.fake.resetCalls();
    const uploadsBefore = p.index.uploads.length;
    const again = v.parse(releaseSchema, JSON.parse((await p.go(["-x"])).stdout));
    expect(again.releases[0]!.status).toBe("already-released");
    expect(again.steps.filter((s) => s.id !== "preflight").every((s) => s.status === "skipped")).toBe(true);
    expect(existsSync(join(p.repo.dir, "dist"))).toBe(false);
    expect(p.index.uploads.length).toBe(uploadsBefore);
    expect(writes(p.fake)).toEqual([]);
  });

  it("scenario 84 (publishing on): the dry run plans build and upload steps; nothing is built, tagged or uploaded", async () => {
    const p = await publishing();
    const r = await p.go([]);
    const json = v.parse(releaseSchema, JSON.parse(r.stdout));
    const by = Object.fromEntries(json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({
      build: "planned",
      "validate-dists": "planned",
      "check-index": "planned",
      "create-tag": "planned",
      "push-tag": "planned",
      "verify-index": "planned",
      "publish-release": "planned",
    });
    expect(existsSync(join(p.repo.dir, "dist"))).toBe(false);
    expect(p.index.uploads).toEqual([]);
    expect(writes(p.fake)).toEqual([]);
    expect(remoteTags(p.repo)).toEqual(["v1.0.0"]);
  });

  it("an earlier release missing from the index is W_INCOMPLETE_RELEASE naming the commit to finish at", async () => {
    const p = await publishing();
    await p.go(["-x", "--skip-publish"]);
    const released = p.repo.head();
    p.repo.commit("docs: later");
    p.repo.push();
    const r = v.parse(releaseSchema, JSON.parse((await p.go(["-x"])).stdout));
    expect(r.releases[0]!.status).toBe("already-released");
    const warning = r.warnings.find((w) => w.code === "W_INCOMPLETE_RELEASE");
    expect(warning?.message).toContain("demo 1.1.0 is not on the index");
    expect(warning?.message).toContain(released);
    expect(p.index.uploads).toEqual([]);
  });

  it("--dist-dir: nothing is built; the given dists are validated in preflight and uploaded", async () => {
    const p = await publishing();
    const dists = sampleDists("demo", "1.1.0");
    const r = await p.go(["-x", "--dist-dir", dists.dir]);
    const json = v.parse(releaseSchema, JSON.parse(r.stdout));
    expect(json.released, r.stderr).toBe(true);
    expect(json.steps.find((s) => s.id === "build")).toMatchObject({ status: "skipped" });
    expect(existsSync(join(p.repo.dir, "dist"))).toBe(false);
    expect(p.index.files.map((f) => f.filename).sort()).toEqual([dists.wheelName, dists.sdistName].sort());
  });

  it("scenario 93: the second upload fails with 503 on every retry; the re-run uploads only it and publishes", async () => {
    const p = await publishing();
    // the sdist is uploaded second: fail both of its attempts (publish.retries = 1)
    let posts = 0;
    p.hooks.before = (method, url) => {
      if (method === "POST" && url.host === "upload.pypi.org" && ++posts === 2)
        p.index.failNext({ path: /^\/legacy\/?$/, method: "POST", status: 503, times: 2 });
    };
    const first = await p.go(["-x"]);
    p.hooks.before = null;
    expect(first.code).toBe(1);
    const failed = v.parse(envelopeSchema, JSON.parse(first.stdout));
    const steps = (failed.error?.details?.steps ?? []) as { id: string; status: string }[];
    expect(steps.find((s) => s.status === "failed")?.id).toBe("upload:demo-1.1.0.tar.gz");
    expect(p.fake.state.releases[0]!.draft).toBe(true);

    const second = await p.go(["-x"]);
    const json = v.parse(releaseSchema, JSON.parse(second.stdout));
    const by = Object.fromEntries(json.steps.map((s) => [s.id, s.status]));
    expect(by).toMatchObject({
      "create-tag": "skipped",
      "push-tag": "skipped",
      "create-draft-release": "skipped",
      "upload:demo-1.1.0-py3-none-any.whl": "skipped",
      "upload:demo-1.1.0.tar.gz": "done",
      "verify-index": "done",
      "publish-release": "done",
    });
    expect(json.releases[0]!.status).toBe("resumed");
    expect(p.fake.state.releases).toHaveLength(1);
    expect(p.fake.state.releases[0]!.draft).toBe(false);
    expect(p.index.uploads.filter((u) => u.status === 200).map((u) => u.filename)).toEqual([
      "demo-1.1.0-py3-none-any.whl",
      "demo-1.1.0.tar.gz",
    ]);
  });

  it("scenario 96: a lagging JSON API → E_VERIFY_TIMEOUT, the release stays a draft; a later re-run publishes it", async () => {
    const p = await publishing("verify_timeout = 2\n");
    p.index.jsonApiLag(60_000);
    const first = await p.go(["-x"]);
    expect(first.code).toBe(1);
    const failed = v.parse(envelopeSchema, JSON.parse(first.stdout));
    expect(failed.error?.code).toBe("E_VERIFY_TIMEOUT");
    expect(failed.error?.message).toContain("the forge release stays a draft");
    expect(p.fake.state.releases[0]!.draft).toBe(true);
    p.index.jsonApiLag(0);
    const second = await p.go(["-x"]);
    const json = v.parse(releaseSchema, JSON.parse(second.stdout));
    expect(json.released).toBe(true);
    expect(p.fake.state.releases[0]!.draft).toBe(false);
    expect(p.index.uploads.filter((u) => u.status === 200)).toHaveLength(2);
  });
});

describe("release with trusted publishing and attestations (scenario 85)", () => {
  const BUILD = "/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist .";
  const HATCH = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it("scenario 87: publisher not found → E_TP_EXCHANGE in preflight, before any tag push or upload", async () => {
    const issuer = await startFakeOidcIssuer({ claims: githubClaims() });
    closers.push(() => issuer.close());
    const tp = createTrustedPublishing({ issuer, publishers: [], existingProjects: ["demo"] });
    const index = await startFakeIndex({ trustedPublishing: tp, projects: { demo: {} } });
    closers.push(() => index.close());
    const w = await mergedReleasePr({
      config: `[hooks]\nbuild = "${BUILD}"\n`,
      files: { ".gitignore": "dist/\n" },
    });
    const env = {
      ...w.env,
      RELEASIO_OFFLINE: undefined,
      GITHUB_ACTIONS: "true",
      ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
    };
    const r = await releasio(
      w.repo.dir,
      ["release", "-x", "--json"],
      env,
      mergeRoutes(w.fake.routes, index.routes, issuer.routes),
    );
    expect(r.code).toBe(1);
    const failed = v.parse(envelopeSchema, JSON.parse(r.stdout));
    expect(failed.error?.code).toBe("E_TP_EXCHANGE");
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(writes(w.fake)).toEqual([]);
    expect(index.uploads).toEqual([]);
    const steps = (failed.error?.details?.steps ?? []) as { id: string; status: string }[];
    expect(steps.find((s) => s.status === "failed")?.id).toBe("preflight");
  });

  it("exchanges before the tag, signs each file, uploads with digests and attestations, then publishes", async () => {
    const issuer = await startFakeOidcIssuer({ claims: githubClaims() });
    closers.push(() => issuer.close());
    const sigstore = await startFakeSigstore({ issuer });
    closers.push(() => sigstore.close());
    const tp = createTrustedPublishing({
      issuer,
      publishers: [{ owner: "acme", repository: "demo", workflow: "release.yml", project: "demo" }],
      existingProjects: ["demo"],
    });
    const index = await startFakeIndex({ trustedPublishing: tp, projects: { demo: {} } });
    closers.push(() => index.close());
    const w = await mergedReleasePr({
      config: [
        "[hooks]",
        `build = "${BUILD}"`,
        "[publish]",
        "allow_http_localhost = true",
        `fulcio_url = "${sigstore.fulcioUrl}"`,
        `rekor_url = "${sigstore.rekorUrl}"`,
        "",
      ].join("\n"),
      files: { ".gitignore": "dist/\n" },
    });
    w.repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0", "demo", HATCH) },
    });
    w.repo.push();
    const events: string[] = [];
    const tagRef = join(w.repo.origin!, "refs", "tags", "v1.1.0");
    const routed = mergeRoutes(w.fake.routes, index.routes, issuer.routes, sigstore.routes);
    const fetch: typeof w.fake.fetch = async (url, init) => {
      if (existsSync(tagRef) && !events.includes("tag v1.1.0")) events.push("tag v1.1.0");
      const u = new URL(String(url));
      const res = await routed(url, init);
      const audience = u.searchParams.get("audience");
      events.push(
        `${init?.method ?? "GET"} ${u.host}${u.pathname}${audience ? ` audience=${audience}` : ""} ${res.status}`,
      );
      return res;
    };
    const env = {
      ...w.env,
      RELEASIO_OFFLINE: undefined,
      GITHUB_ACTIONS: "true",
      ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
    };
    const r = await releasio(w.repo.dir, ["release", "-x", "--json"], env, fetch);
    const raw = JSON.parse(r.stdout) as { ok: boolean; error?: unknown };
    expect(raw.ok, `${JSON.stringify(raw.error)}\n${r.stderr}`).toBe(true);
    const json = v.parse(releaseSchema, raw);
    expect(json.released).toBe(true);
    expect(json.releases[0]!.index_url).toBe("https://pypi.org/project/demo/1.1.0/");
    expect(r.stderr).not.toContain(issuer.requestToken);

    const at = (re: RegExp) => events.findIndex((e) => re.test(e));
    const pypiToken = at(/audience=pypi 200/);
    const mint = at(/^POST (upload\.)?pypi\.org\/_\/oidc\/mint-token 200/);
    const tag = at(/^tag v1\.1\.0$/);
    const draft = at(/^POST api\.github\.com\/repos\/acme\/demo\/releases 201/);
    const sigstoreToken = at(/audience=sigstore 200/);
    const upload = at(/^POST upload\.pypi\.org\/legacy\/ 200/);
    const publish = at(/^PATCH api\.github\.com\/repos\/acme\/demo\/releases\/\d+ 200/);
    expect(
      [pypiToken, mint, tag, draft, sigstoreToken, upload, publish].every((i) => i >= 0),
      events.join("\n"),
    ).toBe(true);
    expect(pypiToken).toBeLessThan(mint);
    expect(mint).toBeLessThan(tag);
    expect(tag).toBeLessThan(draft);
    expect(draft).toBeLessThan(sigstoreToken);
    expect(sigstoreToken).toBeLessThan(upload);
    expect(upload).toBeLessThan(publish);
    expect(events.filter((e) => /mint-token 200/.test(e))).toHaveLength(1);
    const accepted = index.uploads.filter((u) => u.status === 200);
    expect(accepted).toHaveLength(2);
    for (const u of accepted) {
      expect(u.fields.sha256_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(u.fields.blake2_256_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(u.fields.attestations ?? "[]")).toHaveLength(1);
    }
    expect(index.files.every((f) => f.uploadedWith === "trusted-publishing")).toBe(true);
    expect(w.fake.state.releases[0]).toMatchObject({ draft: false, make_latest: "true" });
    const afterPublish = events.slice(publish + 1).filter((e) => !/^GET/.test(e));
    expect(afterPublish).toEqual([]);
  });
});

describe("security advisories (scenario 102)", () => {
  const SECURITY = "[security]\nenabled = true\n";

  it("a CVE fix gets a Security section and one draft advisory; a re-run does not duplicate it", async () => {
    const w = await mergedReleasePr({
      config: SECURITY,
      subject: "fix(security): escape html (CVE-2025-1234)",
      noChangelog: true,
    });
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.json.released).toBe(true);
    expect(w.fake.state.releases[0]!.body).toContain("### 🔒 Security");
    expect(w.fake.state.advisories).toHaveLength(1);
    const advisory = w.fake.state.advisories[0]!;
    expect(advisory).toMatchObject({
      summary: "Security fixes in demo 1.1.0",
      severity: "medium",
      cve_id: "CVE-2025-1234",
    });
    expect(JSON.stringify(advisory.vulnerabilities)).toContain('"vulnerable_version_range":"< 1.1.0"');
    await ok(w, ["-x", ...SKIP]);
    expect(w.fake.state.advisories).toHaveLength(1);
  });

  it("security.severity sets the advisory's severity", async () => {
    const w = await mergedReleasePr({
      config: '[security]\nenabled = true\nseverity = "high"\n',
      subject: "fix(security): escape html (CVE-2025-1234)",
      noChangelog: true,
    });
    await ok(w, ["-x", ...SKIP]);
    expect(w.fake.state.advisories.map((a) => a.severity)).toEqual(["high"]);
  });

  it("security.auto_create_advisory = false lists the fix but creates no advisory", async () => {
    const w = await mergedReleasePr({
      config: "[security]\nenabled = true\nauto_create_advisory = false\n",
      subject: "fix(security): escape html (CVE-2025-1234)",
      noChangelog: true,
    });
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.json.released).toBe(true);
    expect(w.fake.state.releases[0]!.body).toContain("### 🔒 Security");
    expect(w.fake.state.advisories).toEqual([]);
    expect(w.fake.calls.some((c) => c.path.includes("security-advisories"))).toBe(false);
  });

  it("a 403 on the advisory is W_ADVISORY_FAILED; the release succeeds with exit 0", async () => {
    const w = await mergedReleasePr({
      config: SECURITY,
      subject: "fix(security): escape html (CVE-2025-1234)",
    });
    w.fake.failNext({
      method: "POST",
      path: /security-advisories$/,
      status: 403,
      body: {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest",
      },
    });
    const r = await ok(w, ["-x", ...SKIP]);
    expect(r.code).toBe(0);
    expect(r.json.released).toBe(true);
    expect(r.json.warnings.map((x) => x.code)).toContain("W_ADVISORY_FAILED");
    expect(w.fake.state.releases[0]!.draft).toBe(false);
  });
});
