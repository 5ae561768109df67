/**
 * A simulated GitHub Actions runner around `runAction` (PRODUCT.md §9): a repository whose `origin` is
 * `https://github.com/acme/demo.git` (rewritten by git's `url.<bare>.insteadOf` to a local bare repository), the
 * fake GitHub, the fake index with trusted publishing, the fake OIDC issuer and the fake Sigstore behind one
 * routed fetch, the runner's GITHUB_* variables, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY.
 * Shared by the end-to-end loop and the secrets suite.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ActionIo, runAction } from "../../src/action/run-action.js";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { cleanEnv } from "../support/cli.js";
import type { SampleDists } from "../support/dists.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { type FakeOidcIssuer, githubClaims, startFakeOidcIssuer } from "../support/fake-oidc.js";
import { createTrustedPublishing, type TrustedPublishingHandler } from "../support/fake-pypi-oidc.js";
import { type FakeSigstore, startFakeSigstore } from "../support/fake-sigstore.js";
import { mergeRoutes } from "../support/loopback.js";
import { f0, type TestRepo, tempDir } from "../support/repo.js";

export const REMOTE = "https://github.com/acme/demo.git";

export interface ActionsWorld {
  repo: TestRepo;
  github: FakeGitHub;
  index: FakeIndex;
  issuer: FakeOidcIssuer;
  sigstore: FakeSigstore;
  tp: TrustedPublishingHandler;
  fetch: HttpFetch;
  /** The runner's environment (GITHUB_*, ACTIONS_ID_TOKEN_*), without inputs. */
  runner: Record<string, string | undefined>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** `environment` claim of the ID token and of the registered publisher (the seed's `environment: release`). */
  environment?: string | null;
  /** Tokens the fake index accepts. */
  indexTokens?: string[];
  /** The remote URL the checkout has (default REMOTE; may embed credentials). */
  remote?: string;
}

/** F0 on a bare origin reached as github.com, with every fake started. */
export async function actionsWorld(options: WorldOptions = {}): Promise<ActionsWorld> {
  const repo = f0();
  const remote = options.remote ?? REMOTE;
  repo.git("config", `url.${repo.origin!}.insteadOf`, remote);
  repo.git("remote", "set-url", "origin", remote);
  const environment = options.environment === undefined ? "release" : options.environment;
  const github = await startFakeGitHub({ bare: repo.origin! });
  const issuer = await startFakeOidcIssuer({
    claims: githubClaims(environment ? { environment } : {}),
  });
  const sigstore = await startFakeSigstore({ issuer });
  const tp = createTrustedPublishing({
    issuer,
    publishers: [
      { owner: "acme", repository: "demo", workflow: "release.yml", environment, project: "demo" },
    ],
    existingProjects: ["demo"],
  });
  const index = await startFakeIndex({
    trustedPublishing: tp,
    projects: { demo: {} },
    tokens: options.indexTokens ?? [],
  });
  const fetch = mergeRoutes(github.routes, index.routes, issuer.routes, sigstore.routes);
  const runner = cleanEnv({
    RELEASIO_OFFLINE: undefined,
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_REPOSITORY: "acme/demo",
    GITHUB_REPOSITORY_OWNER: "acme",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: "https://api.github.com",
    GITHUB_GRAPHQL_URL: "https://api.github.com/graphql",
    GITHUB_WORKFLOW: "Release",
    GITHUB_WORKFLOW_REF: "acme/demo/.github/workflows/release.yml@refs/heads/main",
    GITHUB_REF: "refs/heads/main",
    GITHUB_REF_NAME: "main",
    GITHUB_REF_TYPE: "branch",
    GITHUB_RUN_ID: "4004",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_ACTOR: "octocat",
    GITHUB_WORKSPACE: repo.dir,
    RUNNER_OS: "Linux",
    RUNNER_TEMP: tempDir("releasio-runner-"),
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
  });
  return {
    repo,
    github,
    index,
    issuer,
    sigstore,
    tp,
    fetch,
    runner,
    async close() {
      await github.close();
      await index.close();
      await sigstore.close();
      await issuer.close();
    },
  };
}

/** `.releasio.toml` for a publishing project: the build hook copies prebuilt dists; Sigstore on the fake. */
export function publishingConfig(w: ActionsWorld, dists: SampleDists, publish: string[] = []): string {
  return [
    "[hooks]",
    `build = "mkdir -p dist && cp ${dists.wheel} ${dists.sdist} dist/"`,
    "[publish]",
    "allow_http_localhost = true",
    `fulcio_url = "${w.sigstore.fulcioUrl}"`,
    `rekor_url = "${w.sigstore.rekorUrl}"`,
    ...publish,
    "",
  ].join("\n");
}

export interface ActionRun {
  code: number;
  log: string;
  outputs: Record<string, string>;
  summary: string;
  /** The raw GITHUB_OUTPUT file. */
  outputFile: string;
}

/** Parses the heredoc format of GITHUB_OUTPUT back into values. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

/** One step `uses: releasio` with these inputs, for this event (`GITHUB_EVENT_NAME` + payload file). */
export async function actionStep(
  w: ActionsWorld,
  inputs: Record<string, string>,
  event: { name: string; payload: Record<string, unknown> },
  extraEnv: Record<string, string | undefined> = {},
  /** Sees every log write as it happens (to order it against requests). */
  tap?: (text: string) => void,
): Promise<ActionRun> {
  const files = tempDir("releasio-step-");
  const output = join(files, "output");
  const summary = join(files, "summary");
  const eventPath = join(files, "event.json");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  writeFileSync(eventPath, JSON.stringify(event.payload));
  const sha = w.repo.head();
  const env: Record<string, string | undefined> = {
    ...w.runner,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: sha,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    ...extraEnv,
  };
  // The runner sets every declared input, with action.yml's defaults for those the workflow leaves out.
  const defaults: Record<string, string> = {
    "github-token": FAKE_GITHUB_TOKEN,
    "pypi-token": "",
    "working-directory": ".",
    "dry-run": "",
    execute: "",
    "skip-publish": "false",
    "dist-dir": "",
    "require-scope": "false",
    prerelease: "",
    "version-override": "",
    json: "false",
  };
  for (const [name, value] of Object.entries({ ...defaults, ...inputs }))
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  let log = "";
  const io: ActionIo = {
    env,
    cwd: w.repo.dir,
    log: (t) => {
      log += t;
      tap?.(t);
    },
    fetch: w.fetch,
  };
  const code = await runAction(io);
  const outputFile = readFileSync(output, "utf8");
  return { code, log, outputs: parseOutputs(outputFile), summary: readFileSync(summary, "utf8"), outputFile };
}

/** A `push` event payload for the current HEAD of main. */
export function pushEvent(
  w: ActionsWorld,
  before: string,
): { name: string; payload: Record<string, unknown> } {
  const after = w.repo.head();
  return {
    name: "push",
    payload: {
      ref: "refs/heads/main",
      before,
      after,
      repository: { full_name: "acme/demo", name: "demo", owner: { login: "acme" }, fork: false },
      head_commit: { id: after },
      pusher: { name: "octocat" },
    },
  };
}

/** A `pull_request` event payload. */
export function pullRequestEvent(
  number: number,
  title: string,
  head = "feature",
): {
  name: string;
  payload: Record<string, unknown>;
} {
  const repository = { full_name: "acme/demo", name: "demo", owner: { login: "acme" }, fork: false };
  return {
    name: "pull_request",
    payload: {
      action: "opened",
      number,
      pull_request: {
        number,
        title,
        body: "",
        draft: false,
        head: { ref: head, sha: "b".repeat(40), repo: repository },
        base: { ref: "main", sha: "c".repeat(40), repo: repository },
      },
      repository,
    },
  };
}

/**
 * The reviewer squash-merges the release PR on GitHub: one commit on main with the PR title (and number), the
 * bare repository updated, the fake told. Returns the merge commit.
 */
export function squashMerge(w: ActionsWorld, number: number): string {
  const pr = w.github.state.pulls.find((p) => p.number === number);
  if (!pr) throw new Error(`no pull request #${number}`);
  const bare = w.repo.origin!;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: bare, encoding: "utf8" }).trim();
  const tree = git("rev-parse", `refs/heads/${pr.head}^{tree}`);
  const parent = git("rev-parse", "refs/heads/main");
  const sha = execFileSync("git", ["commit-tree", tree, "-p", parent, "-m", `${pr.title} (#${number})`], {
    cwd: bare,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Ada Lovelace",
      GIT_AUTHOR_EMAIL: "ada@example.org",
      GIT_COMMITTER_NAME: "GitHub",
      GIT_COMMITTER_EMAIL: "noreply@github.com",
    },
  }).trim();
  git("update-ref", "refs/heads/main", sha, parent);
  w.github.mergePull(number, sha);
  // actions/checkout with fetch-depth: 0 on the next push
  w.repo.git("fetch", "-q", "--tags", "origin");
  w.repo.git("reset", "-q", "--hard", "origin/main");
  return sha;
}

/** Every file under a directory (the repository's work tree and .git), for secret scans. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.isFile() && st.size < 5_000_000) out.push(path);
  }
  return out;
}
