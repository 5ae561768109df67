/**
 * Security rules (PRODUCT.md §11, scenarios 69, 99, 117):
 * (a) a full Actions run (release-pr, then release publishing through trusted publishing with attestations) leaks
 *     no secret — input tokens, ID tokens, minted tokens, the ID-token request token, credentials embedded in the
 *     remote URL — into the log, GITHUB_OUTPUT, the job summary, the JSON or the repository's files, in any
 *     encoding; and every `::add-mask::` precedes the first request that carries its secret;
 * (b) commit messages, PR titles and branch names with shell metacharacters are never executed;
 * (c) `release.assets` patterns that leave the repository are refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { envelopeSchema } from "../../src/commands/output-schemas.js";
import { PYPI_TEST_TOKEN, remoteTags } from "../acceptance/release-fixtures.js";
import {
  type ActionsWorld,
  actionStep,
  actionsWorld,
  filesUnder,
  publishingConfig,
  pullRequestEvent,
  pushEvent,
  squashMerge,
} from "../e2e/actions-world.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupDists, type SampleDists, sampleDists } from "../support/dists.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo } from "../support/repo.js";
import { expectNoSecrets, secretForms } from "../support/secrets.js";

let dists: SampleDists;
beforeAll(() => {
  dists = sampleDists("demo", "1.1.0");
});
afterAll(() => {
  cleanupRepos();
  cleanupDists();
});
const closers: Array<() => Promise<void>> = [];
const githubFakes: FakeGitHub[] = [];
afterEach(async () => {
  for (const fake of githubFakes.splice(0)) expect(fake.violations).toEqual([]);
  for (const close of closers.splice(0)) await close();
});

/** Credentials a checkout may carry in its remote URL (never printed by releasio). */
const REMOTE_SECRET = "ghp_remoteEmbeddedSecret0123456789abcd";

describe("(a) no secret leaks from a full Actions run; masks come first (scenario 117)", () => {
  it("release-pr then release with trusted publishing, attestations and a pypi-token input", async () => {
    const w: ActionsWorld = await actionsWorld({
      indexTokens: [PYPI_TEST_TOKEN],
      remote: `https://x-access-token:${REMOTE_SECRET}@github.com/acme/demo.git`,
    });
    githubFakes.push(w.github);
    closers.push(() => w.close());

    // One timeline of log lines and requests, to see which came first.
    const timeline: Array<{ kind: "log"; text: string } | { kind: "request"; text: string }> = [];
    const routed = w.fetch;
    w.fetch = async (url, init) => {
      const headers = new Headers(init?.headers);
      const parts = [String(url), ...[...headers.entries()].map(([k, value]) => `${k}: ${value}`)];
      const body = init?.body;
      if (typeof body === "string") parts.push(body);
      else if (body instanceof Uint8Array) parts.push(Buffer.from(body).toString("latin1"));
      timeline.push({ kind: "request", text: parts.join("\n") });
      return routed(url, init);
    };
    const tap = (text: string) => timeline.push({ kind: "log", text });

    const before = w.repo.head();
    w.repo.commit("feat: add export", {
      files: {
        "src/demo/export.py": "x = 1\n",
        ".releasio.toml": publishingConfig(w, dists, ["trusted_publishing = true"]),
        ".gitignore": "dist/\n",
      },
    });
    w.repo.push();
    const inputs = { "github-token": FAKE_GITHUB_TOKEN, "pypi-token": PYPI_TEST_TOKEN, json: "true" };
    const pr = await actionStep(w, { ...inputs, command: "release-pr" }, pushEvent(w, before), {}, tap);
    expect(pr.code, pr.log).toBe(0);
    const merged = w.repo.head();
    squashMerge(w, Number(pr.outputs["pr-number"]));
    const rel = await actionStep(
      w,
      { ...inputs, command: "release", "dry-run": "false" },
      pushEvent(w, merged),
      { RUNNER_DEBUG: "1" },
      tap,
    );
    expect(rel.code, rel.log).toBe(0);
    expect(rel.outputs.released).toBe("true");
    expect(w.index.files.every((f) => f.uploadedWith === "trusted-publishing")).toBe(true);

    const idTokens = w.issuer.issued.map((t) => t.jwt);
    const minted = w.tp.minted.map((m) => m.token);
    expect(idTokens.length).toBeGreaterThanOrEqual(2); // audience pypi, then sigstore
    expect(minted.length).toBeGreaterThanOrEqual(1);
    const secrets = [
      FAKE_GITHUB_TOKEN,
      PYPI_TEST_TOKEN,
      REMOTE_SECRET,
      w.issuer.requestToken,
      ...idTokens,
      // the signature part of a JWT alone (claims may be printed, the signature never)
      ...idTokens.map((jwt) => jwt.split(".")[2]!),
      ...minted,
    ];

    const repoFiles = filesUnder(w.repo.dir).filter((f) => !f.includes(`${join(w.repo.dir, ".git")}/`));
    // `::add-mask::` lines are consumed by the runner (never shown): everything else of the log is scanned.
    const shown = (log: string) =>
      log
        .split("\n")
        .filter((line) => !line.startsWith("::add-mask::"))
        .join("\n");
    const texts = [
      shown(pr.log),
      pr.outputFile,
      pr.summary,
      shown(rel.log),
      rel.outputFile,
      rel.summary,
      ...repoFiles.map((f) => readFileSync(f, "latin1")),
      // releasio must not store the forge token in git's configuration (§11.6)
      readFileSync(join(w.repo.dir, ".git", "config"), "utf8").replaceAll(
        `https://x-access-token:${REMOTE_SECRET}@github.com/acme/demo.git`,
        "(the checkout's remote, set by the test)",
      ),
      // the forge saw no secret in what releasio wrote there (PR and release bodies)
      JSON.stringify(w.github.state),
    ];
    expectNoSecrets(texts, secrets);
    expect(rel.log).toContain("::debug::"); // debug output was on and was scanned too

    // Every secret that was used is masked before the first request carrying it.
    const maskLine = (secret: string) =>
      timeline.findIndex((e) => e.kind === "log" && e.text.split("\n").includes(`::add-mask::${secret}`));
    const firstUse = (secret: string) =>
      timeline.findIndex(
        (e) =>
          e.kind === "request" &&
          secretForms(secret).some((f) => f.form !== "url-encoded" && e.text.includes(f.value)),
      );
    const report: string[] = [];
    for (const [name, secret] of [
      ["github-token", FAKE_GITHUB_TOKEN],
      ["pypi-token", PYPI_TEST_TOKEN],
      ...idTokens.map((t, i) => [`ID token #${i}`, t] as const),
      ...minted.map((t, i) => [`minted token #${i}`, t] as const),
    ] as const) {
      const use = firstUse(secret);
      const mask = maskLine(secret);
      if (use === -1) continue; // never sent (the pypi token: trusted publishing won)
      if (mask === -1 || mask > use) report.push(`${name}: mask at ${mask}, first use at ${use}`);
    }
    expect(report).toEqual([]);
    expect(maskLine(FAKE_GITHUB_TOKEN)).toBeGreaterThanOrEqual(0);
    expect(maskLine(PYPI_TEST_TOKEN)).toBeGreaterThanOrEqual(0);
  }, 120_000);
});

/** Files a shell would have created had it been given repository text. */
function pwned(...dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.startsWith("pwned"))
          .map((n) => join(dir, n))
      : [],
  );
}

const HOOKS = [
  "[hooks]",
  'pre_bump = ["echo pre-bump {branch} {version}"]',
  'post_bump = ["echo post-bump {branch} {version}"]',
  'pre_release = ["echo pre-release {tag} {branch}"]',
  'post_release = ["echo post-release {tag} {branch}"]',
  "",
].join("\n");

const HOSTILE = [
  "feat: $(touch pwned)",
  "fix: `touch pwned2`",
  "feat: semi; touch pwned3",
  "fix: it's 'quoted' \"twice\" $HOME",
];

async function hostileRepo(): Promise<{
  repo: TestRepo;
  fake: FakeGitHub;
  env: Record<string, string | undefined>;
}> {
  const repo = f0();
  for (const [i, subject] of HOSTILE.entries())
    repo.commit(subject, {
      files: { [`src/demo/m${i}.py`]: `x = ${i}\n`, ...(i === 0 ? { ".releasio.toml": HOOKS } : {}) },
    });
  repo.push();
  const fake = await startFakeGitHub({ bare: repo.origin! });
  githubFakes.push(fake);
  closers.push(() => fake.close());
  const env = cleanEnv({
    GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
    RELEASIO_GITHUB_OWNER: "acme",
    RELEASIO_GITHUB_REPO: "demo",
  });
  return { repo, fake, env };
}

/** Releasing needs the network: an offline `--execute` of release or do-release is refused. */
const online = (env: Record<string, string | undefined>) => ({ ...env, RELEASIO_OFFLINE: undefined });

describe("(b) shell metacharacters in repository text never execute (scenario 69)", () => {
  it("release-pr, the merged release, and check-pr with `feat: $(id)` create no pwned file", async () => {
    const { repo, fake, env } = await hostileRepo();
    const pr = await releasio(repo.dir, ["release-pr", "-x", "--json"], online(env), fake.fetch);
    expect(pr.code, pr.stderr).toBe(0);
    const body = fake.state.pulls[0]!.body;
    expect(body).toContain("$(touch pwned)");
    expect(body).toContain("`touch pwned2`");
    // merge: the release PR's tree on main, then release
    const head = fake.state.pulls[0]!.head;
    repo.git("fetch", "-q", "origin", head);
    repo.git("merge", "-q", "--ff-only", "FETCH_HEAD");
    repo.push();
    fake.mergePull(fake.state.pulls[0]!.number, repo.head());
    const rel = await releasio(
      repo.dir,
      ["release", "-x", "--skip-publish", "--json"],
      online(env),
      fake.fetch,
    );
    expect(rel.code, rel.stderr).toBe(0);
    expect(rel.stderr).toContain("pre-release v1.1.0 main");
    expect(rel.stderr).toContain("post-release v1.1.0 main");
    expect(fake.state.releases[0]!.body).toContain("$(touch pwned)");

    const check = await releasio(
      repo.dir,
      ["check-pr", "--title", "feat: $(touch pwned4) `touch pwned5`", "--json"],
      env,
      fake.fetch,
    );
    expect([0, 1]).toContain(check.code);
    expect(pwned(repo.dir, process.cwd(), join(repo.dir, ".."))).toEqual([]);
  }, 60_000);

  it("update on a branch named feat/it's, then do-release: hooks print the literal values, nothing executes", async () => {
    const { repo, fake, env } = await hostileRepo();
    // `update` runs the bump hooks on any branch: the branch name reaches the hook as one quoted word
    repo.git("switch", "-q", "-c", "feat/it's");
    const run = await releasio(repo.dir, ["update", "-x", "--json"], env, fake.fetch);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toContain("pre-bump feat/it's 1.1.0");
    expect(run.stderr).toContain("post-bump feat/it's 1.1.0");
    expect(pwned(repo.dir, process.cwd())).toEqual([]);
    repo.git("checkout", "-q", "--", ".");
    repo.git("clean", "-fdq");
    repo.git("switch", "-q", "main");
    const dr = await releasio(
      repo.dir,
      ["do-release", "-x", "--skip-publish", "--json"],
      online(env),
      fake.fetch,
    );
    expect(dr.code, dr.stdout + dr.stderr).toBe(0);
    expect(dr.stderr).toContain("pre-bump main 1.1.0");
    expect(dr.stderr).toContain("post-release v1.1.0 main");
    expect(remoteTags(repo)).toEqual(["v1.0.0", "v1.1.0"]);
    expect(pwned(repo.dir, process.cwd(), join(repo.dir, ".."))).toEqual([]);
  }, 60_000);

  it("through the action: a release PR titled `feat: $(id)` and hostile commits stay text", async () => {
    const w = await actionsWorld();
    githubFakes.push(w.github);
    closers.push(() => w.close());
    const before = w.repo.head();
    for (const [i, subject] of HOSTILE.entries())
      w.repo.commit(subject, {
        files: { [`src/demo/m${i}.py`]: `x = ${i}\n`, ...(i === 0 ? { ".releasio.toml": HOOKS } : {}) },
      });
    w.repo.push();
    const pr = await actionStep(w, { command: "release-pr" }, pushEvent(w, before));
    expect(pr.code, pr.log).toBe(0);
    const check = await actionStep(
      w,
      { command: "check-pr" },
      pullRequestEvent(9, "feat: $(touch pwned6)", "feat/it's"),
    );
    expect(check.outputs.valid).toBe("true");
    const merged = w.repo.head();
    squashMerge(w, Number(pr.outputs["pr-number"]));
    const rel = await actionStep(w, { command: "release", "skip-publish": "true" }, pushEvent(w, merged));
    expect(rel.code, rel.log).toBe(0);
    expect(w.github.state.releases[0]!.body).toContain("$(touch pwned)");
    expect(w.github.state.pulls[0]!.body).toContain("`touch pwned2`");
    expect(pwned(w.repo.dir, process.cwd(), join(w.repo.dir, ".."))).toEqual([]);
  }, 60_000);
});

describe("(c) release assets never leave the repository (scenario 99)", () => {
  async function merged(assets: string) {
    const repo = f0();
    repo.commit("feat: add export", { files: { "src/demo/export.py": "x = 1\n", ".gitignore": "dist/\n" } });
    repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0"), ".releasio.toml": `[release]\nassets = ${assets}\n` },
    });
    repo.push();
    const fake = await startFakeGitHub({ bare: repo.origin! });
    githubFakes.push(fake);
    closers.push(() => fake.close());
    const env = cleanEnv({
      GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
      RELEASIO_GITHUB_OWNER: "acme",
      RELEASIO_GITHUB_REPO: "demo",
    });
    mkdirSync(join(repo.dir, "dist"), { recursive: true });
    writeFileSync(join(repo.dir, "dist", "demo-1.1.0-py3-none-any.whl"), "wheel\n");
    writeFileSync(join(repo.dir, "..", "secret.txt"), "top secret\n");
    const go = () =>
      releasio(repo.dir, ["release", "-x", "--skip-publish", "--json"], online(env), fake.fetch);
    return { repo, fake, go };
  }

  for (const pattern of ["../secret.txt", "/etc/passwd", "dist/../../secret.txt", "/etc/*"])
    it(`the pattern ${pattern} → exit 2 naming it, before anything is written`, async () => {
      const m = await merged(`["dist/*.whl", "${pattern}"]`);
      const r = await m.go();
      expect(r.code).toBe(2);
      const error = v.parse(envelopeSchema, JSON.parse(r.stdout)).error!;
      expect(error.code).toBe("E_CONFIG_INVALID");
      expect(error.message).toContain(pattern);
      expect(remoteTags(m.repo)).toEqual(["v1.0.0"]);
      expect(m.fake.writeCalls().filter((c) => c.path !== "/graphql")).toEqual([]);
    });

  it("a symlink in dist/ to /etc/passwd is refused and never uploaded", async () => {
    const m = await merged('["dist/*"]');
    symlinkSync("/etc/passwd", join(m.repo.dir, "dist", "passwd.whl"));
    const r = await m.go();
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain("dist/passwd.whl is a symlink to a file outside the repository");
    const uploaded = m.fake.state.releases.flatMap((x) => x.assets).map((a) => a.name);
    expect(uploaded).not.toContain("passwd.whl");
    expect(JSON.stringify(m.fake.state)).not.toContain("root:x:0:0");
  });
});
