/**
 * "A release that survives any failure" (PRODUCT.md §8, §12, scenarios 93, 94): the built CLI runs as a child
 * process against loopback fakes (no host routing: the fakes are configured as `github.api_url` and a loopback
 * `publish.registry`), is SIGKILLed as soon as it reports step N on stderr (`-v` prints the journal live), and
 * is then re-run without faults. Every run must converge: one tag at the release commit, one published release,
 * one asset per name, each dist exactly once on the index, nothing uploaded twice, and a last re-run that
 * reports `already-released` without a single write request.
 * In-process runs add injected 5xx answers, secondary rate limits and dropped connections at each forge/index
 * step, and two releases started at once from two clones of the same merged release commit.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { doReleaseSchema, releaseSchema } from "../../src/commands/output-schemas.js";
import { PYPI_TEST_TOKEN, remoteTags } from "../acceptance/release-fixtures.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupDists, type SampleDists, sampleDists } from "../support/dists.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { cleanupRepos, f0, PYPROJECT, TestRepo, tempDir } from "../support/repo.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "releasio.js");
const BUILT_CLI = join(ROOT, "dist", "cli", "cli.js");

const CHANGELOG = `# Changelog

## [1.1.0](https://github.com/acme/demo/compare/v1.0.0...v1.1.0) - 2026-11-25

### ✨ Features

- add export

## [1.0.0] - 2026-01-01

- first
`;

let dists: SampleDists;
beforeAll(() => {
  if (!existsSync(BUILT_CLI))
    throw new Error(`${BUILT_CLI} is missing: this suite runs the built CLI; run \`npm run build\` first`);
  dists = sampleDists("demo", "1.1.0");
});
afterAll(() => {
  cleanupRepos();
  cleanupDists();
});

const opened: Array<{ close(): Promise<void> }> = [];
const githubFakes: FakeGitHub[] = [];
afterEach(async () => {
  for (const fake of githubFakes.splice(0)) expect(fake.violations).toEqual([]);
  for (const f of opened.splice(0)) await f.close();
});

/** Write requests to the fake GitHub (the GraphQL author lookup is a POST but only reads). */
const forgeWrites = (fake: FakeGitHub) => fake.writeCalls().filter((c) => !c.path.endsWith("/graphql"));

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

interface World {
  repo: TestRepo;
  github: FakeGitHub;
  index: FakeIndex;
  env: Record<string, string | undefined>;
  /** The commit the release must be tagged at (null for do-release: the commit it makes). */
  releaseCommit: string | null;
}

/** The last step: its line is printed only once its hook has run. */
const HOOK_STEP = "post-release-hook";

/**
 * The post_release hook waits (up to 5 s) until this file exists. A run killed after an earlier step removes it
 * until the kill is sent, so the few milliseconds of local work after the last forge step cannot outrun the
 * kill on a loaded machine.
 */
const GATE_ENV = "DEMO_RELEASE_GATE";
const GATED_HOOK = `i=0; while [ ! -e "$${GATE_ENV}" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done; echo released {version}`;

/**
 * F0, a `feat` carrying `.releasio.toml` (loopback forge and index, a build hook copying prebuilt dists, one
 * asset, a post-release hook) and, for `release`, the merged release PR's commit; pushed.
 */
async function world(command: "release" | "do-release"): Promise<World> {
  const repo = f0();
  const github = await startFakeGitHub({ bare: repo.origin!, loopbackApi: true });
  githubFakes.push(github);
  opened.push(github);
  const index = await startFakeIndex({ tokens: [PYPI_TEST_TOKEN] });
  opened.push(index);
  const config = [
    "[github]",
    `api_url = "${github.origin}/api/v3"`,
    `uploads_url = "${github.origin}/api/uploads"`,
    "[hooks]",
    `build = "mkdir -p dist && cp ${dists.wheel} ${dists.sdist} dist/"`,
    `post_release = [${JSON.stringify(GATED_HOOK)}]`,
    "[release]",
    'assets = ["dist/*.whl"]',
    "[publish]",
    `registry = "${index.origin}/legacy/"`,
    `check_url = "${index.origin}/simple/"`,
    "allow_http_localhost = true",
    "retries = 0",
    "",
  ].join("\n");
  repo.commit("feat: add export", {
    files: { "src/demo/export.py": "x = 1\n", ".releasio.toml": config, ".gitignore": "dist/\n" },
  });
  if (command === "release")
    repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0"), "CHANGELOG.md": CHANGELOG },
    });
  repo.push();
  const gate = join(tempDir("releasio-gate-"), "open");
  writeFileSync(gate, "");
  const env = cleanEnv({
    [GATE_ENV]: gate,
    GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
    RELEASIO_GITHUB_OWNER: "acme",
    RELEASIO_GITHUB_REPO: "demo",
    PYPI_TOKEN: PYPI_TEST_TOKEN,
    RELEASIO_OFFLINE: undefined,
  });
  return { repo, github, index, env, releaseCommit: command === "release" ? repo.head() : null };
}

interface ChildRun {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

const STEP_LINE = /^[✓↷] (\S+)(?: \[[^\]]*\])? (?:done|skipped)/;

/**
 * Runs `node bin/releasio.js <args>`; with `killAfter`, SIGKILLs it as soon as that step's line is printed (the
 * hook's gate stays shut until then).
 */
function runChild(cwd: string, args: string[], env: Record<string, string | undefined>, killAfter?: string) {
  const gate = env[GATE_ENV]!;
  if (killAfter !== undefined && killAfter !== HOOK_STEP) rmSync(gate, { force: true });
  const openGate = () => writeFileSync(gate, "");
  return new Promise<ChildRun>((resolve, reject) => {
    const clean = Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { cwd, env: clean });
    let stdout = "";
    let stderr = "";
    let pending = "";
    let killed = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      stderr += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const id = STEP_LINE.exec(line)?.[1];
        if (killAfter !== undefined && id === killAfter && !killed) {
          killed = child.kill("SIGKILL");
          openGate();
        }
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      openGate();
      resolve({ code, killed, stdout, stderr });
    });
  });
}

/** The error of a failed `--json` run, for failure messages. */
function errorOf(r: { stdout: string; stderr: string }): string {
  try {
    const error = (JSON.parse(r.stdout) as { error?: { code: string; message: string; hint?: string } })
      .error;
    if (error) return `${error.code}: ${error.message}${error.hint ? ` (${error.hint})` : ""}`;
  } catch {
    // not JSON: fall back to the end of stderr
  }
  return r.stderr.slice(-600);
}

const releaseArgs = (command: string) => [command, "-x", "-v", "--json"];

/** Everything that must hold once a release converged; returns the problems found (empty = converged). */
function convergence(w: World): string[] {
  const problems: string[] = [];
  const tags = remoteTags(w.repo);
  if (tags.join(",") !== "v1.0.0,v1.1.0") problems.push(`origin tags ${tags.join(",")}`);
  const tagged = execFileSync("git", ["rev-parse", "v1.1.0^{commit}"], {
    cwd: w.repo.origin!,
    encoding: "utf8",
  }).trim();
  const expected =
    w.releaseCommit ??
    execFileSync("git", ["rev-parse", "refs/heads/main"], { cwd: w.repo.origin!, encoding: "utf8" }).trim();
  if (tagged !== expected) problems.push(`v1.1.0 at ${tagged}, expected ${expected}`);
  const releases = w.github.state.releases;
  if (releases.length !== 1) problems.push(`${releases.length} GitHub releases`);
  if (releases[0]?.draft !== false) problems.push("the release is not published");
  const assets = (releases[0]?.assets ?? []).map((a) => a.name);
  if (assets.join(",") !== dists.wheelName) problems.push(`assets ${assets.join(",")}`);
  const ok = (status: number) => status >= 200 && status < 300;
  const created = w.github.calls.filter(
    (c) => c.method === "POST" && /\/releases$/.test(c.path) && ok(c.status),
  );
  if (created.length !== 1) problems.push(`${created.length} release creations`);
  const assetUploads = w.github.calls.filter(
    (c) => c.method === "POST" && /\/assets$/.test(c.path) && ok(c.status),
  );
  if (assetUploads.length !== 1) problems.push(`${assetUploads.length} asset uploads`);
  const files = w.index.files.map((f) => `${f.filename}:${f.sha256}`).sort();
  const want = [
    `${dists.wheelName}:${sha256(dists.wheel)}`,
    `${dists.sdistName}:${sha256(dists.sdist)}`,
  ].sort();
  if (files.join(",") !== want.join(",")) problems.push(`index files ${files.join(",")}`);
  const accepted = w.index.uploads.filter((u) => u.status === 200).map((u) => u.filename);
  if (accepted.length !== 2 || new Set(accepted).size !== 2)
    problems.push(`accepted uploads ${accepted.join(",")}`);
  return problems;
}

/** A last re-run must skip everything (`already-released`) and write nothing; returns the problems found. */
async function finalRerun(w: World, command: string): Promise<string[]> {
  const writesBefore = forgeWrites(w.github).length;
  const uploadsBefore = w.index.uploads.length;
  const r = await runChild(w.repo.dir, releaseArgs(command), w.env);
  const problems: string[] = [];
  if (r.code !== 0) problems.push(`final re-run exit ${r.code}: ${r.stderr.slice(-400)}`);
  else {
    const raw = JSON.parse(r.stdout) as unknown;
    const json = command === "release" ? v.parse(releaseSchema, raw) : v.parse(doReleaseSchema, raw);
    const status = json.releases.map((x) => x.status).join(",");
    if (status !== "already-released") problems.push(`final re-run status ${status}`);
  }
  if (forgeWrites(w.github).length !== writesBefore) problems.push("final re-run wrote to GitHub");
  if (w.index.uploads.length !== uploadsBefore) problems.push("final re-run uploaded");
  return problems;
}

/** Runs `work` over `items` with at most `limit` at a time (each case owns its repository and fakes). */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

const summary: Array<{ command: string; cases: number; converged: number }> = [];
afterAll(() => {
  for (const s of summary)
    console.info(
      `kill-and-rerun ${s.command}: ${s.converged}/${s.cases} kill points converged (${Math.round((100 * s.converged) / Math.max(s.cases, 1))} %)`,
    );
});

describe.each(["release", "do-release"] as const)("SIGKILL after each step of %s, then re-run", (command) => {
  it("every kill point converges to one complete release with nothing duplicated (scenario 94)", async () => {
    // A reference run gives the journal's step ids (preflight … post-release-hook).
    const reference = await world(command);
    const first = await runChild(reference.repo.dir, releaseArgs(command), reference.env);
    expect(first.code, first.stderr).toBe(0);
    const steps = (JSON.parse(first.stdout) as { steps: { id: string; status: string }[] }).steps;
    expect(
      steps.every((s) => s.status === "done" || s.status === "skipped"),
      first.stderr,
    ).toBe(true);
    expect(convergence(reference)).toEqual([]);
    expect(await finalRerun(reference, command)).toEqual([]);
    const ids = steps.map((s) => s.id);
    expect(ids[0]).toBe("preflight");
    expect(ids.at(-1)).toBe(HOOK_STEP);

    const only = process.env.CHAOS_ONLY?.split(",");
    const points = only ? ids.filter((id) => only.includes(id)) : ids;
    const results = await pool(points, 3, async (step) => {
      const w = await world(command);
      const killedRun = await runChild(w.repo.dir, releaseArgs(command), w.env, step);
      const problems: string[] = [];
      if (!killedRun.killed && killedRun.code !== 0)
        problems.push(
          `the run to kill exited ${killedRun.code} before ${step}: ${killedRun.stderr.slice(-400)}`,
        );
      const rerun = await runChild(w.repo.dir, releaseArgs(command), w.env);
      if (rerun.code !== 0) problems.push(`re-run exit ${rerun.code}: ${errorOf(rerun)}`);
      else {
        problems.push(...convergence(w));
        problems.push(...(await finalRerun(w, command)));
      }
      expect(w.github.violations).toEqual([]);
      return { step, killed: killedRun.killed, problems };
    });

    const converged = results.filter((r) => r.problems.length === 0).length;
    summary.push({ command, cases: results.length, converged });
    expect(results.filter((r) => !r.killed && r.step !== ids.at(-1)).map((r) => r.step)).toEqual([]);
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
    expect(converged).toBe(points.length);
  }, 400_000);
});

describe("an interrupted do-release bump is undone only where it is releasio's own", () => {
  it("killed after write-files, then the user edits CHANGELOG.md: the re-run keeps the edit and refuses the tree", async () => {
    const w = await world("do-release");
    const killed = await runChild(w.repo.dir, releaseArgs("do-release"), w.env, "write-files");
    expect(killed.killed).toBe(true);
    const changelog = join(w.repo.dir, "CHANGELOG.md");
    expect(existsSync(changelog)).toBe(true); // write-files reported done before the kill
    const edited = `${readFileSync(changelog, "utf8")}\nmy own note\n`;
    writeFileSync(changelog, edited);
    const rerun = await runChild(w.repo.dir, releaseArgs("do-release"), w.env);
    expect(rerun.code).toBe(1);
    expect(errorOf(rerun)).toMatch(/^E_DIRTY_TREE: .*CHANGELOG\.md/);
    expect(readFileSync(changelog, "utf8")).toBe(edited);
    expect(remoteTags(w.repo)).toEqual(["v1.0.0"]);
    expect(forgeWrites(w.github)).toEqual([]);
  }, 60_000);
});

/** An in-process run of the same CLI (plain fetch: the configured URLs are loopback). */
async function inProcess(w: World, command: string) {
  const r = await releasio(w.repo.dir, [command, "-x", "--json"], w.env);
  return { code: r.code, stdout: r.stdout, stderr: r.stderr };
}

const SECONDARY_LIMIT = {
  status: 403,
  headers: { "retry-after": "1", "x-ratelimit-remaining": "4999" },
  body: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
  },
};
const SERVER_ERROR = { status: 502, body: { message: "Server Error" } };

type GitHubFault = Parameters<FakeGitHub["failNext"]>[0];
type IndexFault = Parameters<FakeIndex["failNext"]>[0];

const GITHUB_STEPS: Array<[string, { method: string; path: RegExp }]> = [
  ["repository read (preflight)", { method: "GET", path: /^\/repos\/acme\/demo$/ }],
  ["release lookup", { method: "GET", path: /^\/repos\/acme\/demo\/releases(\/tags\/[^/]+)?$/ }],
  ["draft creation", { method: "POST", path: /^\/repos\/acme\/demo\/releases$/ }],
  ["asset upload", { method: "POST", path: /\/releases\/\d+\/assets$/ }],
  ["publication", { method: "PATCH", path: /^\/repos\/acme\/demo\/releases\/\d+$/ }],
];
const GITHUB_KINDS: Array<[string, Omit<GitHubFault, "path" | "method">]> = [
  ["502", SERVER_ERROR],
  ["secondary rate limit", SECONDARY_LIMIT],
  ["dropped connection", { dropConnection: true }],
];
const INDEX_FAULTS: Array<[string, IndexFault]> = [
  ["upload 503", { path: /^\/legacy\/?$/, method: "POST", status: 503 }],
  ["upload 503 twice", { path: /^\/legacy\/?$/, method: "POST", status: 503, times: 2 }],
  ["upload reset mid-body", { path: /^\/legacy\/?$/, method: "POST", resetMidBody: true }],
  ["simple index 500 (check-index)", { path: /^\/simple\//, method: "GET", status: 500 }],
  ["simple index reset (verify-index)", { path: /^\/simple\//, method: "GET", resetMidBody: true, times: 2 }],
];

const faultSummary = { cases: 0, absorbed: 0, rerun: 0, converged: 0 };
afterAll(() => {
  if (faultSummary.cases > 0)
    console.info(
      `fault injection: ${faultSummary.converged}/${faultSummary.cases} converged (${faultSummary.absorbed} absorbed by retries, ${faultSummary.rerun} after a re-run)`,
    );
});

/** One faulted run, a re-run if it failed, then the convergence checks and the idle re-run. */
async function faultCase(inject: (w: World) => void): Promise<{ absorbed: boolean; problems: string[] }> {
  const w = await world("release");
  inject(w);
  const first = await inProcess(w, "release");
  const problems: string[] = [];
  // A fault that outlasts one run (`times` > the run's retries) fails the re-run too: re-run like an operator
  // re-running the job, a bounded number of times.
  let last = first;
  for (let attempt = 0; last.code !== 0 && attempt < 3; attempt++) {
    if (last.code !== 1) problems.push(`exit ${last.code} (expected 1 with a journal): ${errorOf(last)}`);
    last = await inProcess(w, "release");
  }
  if (last.code !== 0) problems.push(`re-runs still fail: ${errorOf(last)}`);
  if (problems.length === 0) problems.push(...convergence(w), ...(await finalRerun(w, "release")));
  expect(w.github.violations).toEqual([]);
  faultSummary.cases++;
  if (first.code === 0) faultSummary.absorbed++;
  else faultSummary.rerun++;
  if (problems.length === 0) faultSummary.converged++;
  return { absorbed: first.code === 0, problems };
}

describe("injected faults at each forge and index step converge (scenario 93, §12)", () => {
  for (const [where, rule] of GITHUB_STEPS)
    for (const [kind, fault] of GITHUB_KINDS)
      it(`GitHub ${where}: ${kind} → absorbed by retries, or a re-run converges`, async () => {
        const r = await faultCase((w) => w.github.failNext({ ...rule, ...fault }));
        expect(r.problems).toEqual([]);
      }, 60_000);

  for (const [what, fault] of INDEX_FAULTS)
    it(`index ${what} → absorbed by retries, or a re-run converges`, async () => {
      const r = await faultCase((w) => w.index.failNext(fault));
      expect(r.problems).toEqual([]);
    }, 60_000);

  it("a persistent 502 on publication fails with the journal; the re-run publishes the one draft", async () => {
    const r = await faultCase((w) =>
      w.github.failNext({
        method: "PATCH",
        path: /^\/repos\/acme\/demo\/releases\/\d+$/,
        ...SERVER_ERROR,
        times: 6,
      }),
    );
    expect(r.absorbed).toBe(false);
    expect(r.problems).toEqual([]);
  }, 60_000);
});

describe("two releases started at once on two clones of the merged release commit", () => {
  it("exactly one complete release; the loser converges or fails cleanly, nothing duplicated", async () => {
    const w = await world("release");
    const clone = TestRepo.create({ origin: false });
    clone.git("remote", "add", "origin", w.repo.origin!);
    clone.git("fetch", "-q", "--tags", "origin");
    clone.git("reset", "-q", "--hard", "origin/main");
    clone.git("branch", "-q", "--set-upstream-to=origin/main");
    expect(clone.head()).toBe(w.repo.head());
    const [a, b] = await Promise.all([
      runChild(w.repo.dir, releaseArgs("release"), w.env),
      runChild(clone.dir, releaseArgs("release"), w.env),
    ]);
    const outcomes = [a, b].map((r) => r.code);
    console.info(
      `two concurrent releases: exit codes ${outcomes.join(", ")}${[a, b]
        .filter((r) => r.code !== 0)
        .map((r) => `; loser: ${errorOf(r)}`)
        .join("")}`,
    );
    // At least one wins; a loser fails with a journal (exit 1), never a crash.
    expect(outcomes).toContain(0);
    for (const r of [a, b]) {
      expect([0, 1]).toContain(r.code);
      if (r.code === 1) expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(false);
    }
    // Whatever happened, a re-run from either clone converges and nothing is duplicated.
    for (const dir of [w.repo.dir, clone.dir]) {
      const rerun = await runChild(dir, releaseArgs("release"), w.env);
      expect(rerun.code, rerun.stderr).toBe(0);
    }
    expect(convergence(w)).toEqual([]);
    expect(await finalRerun(w, "release")).toEqual([]);
  }, 120_000);
});
