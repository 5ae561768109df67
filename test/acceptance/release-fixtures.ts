/**
 * Shared setup of the release acceptance tests (`release`, `do-release`): a test repository with its bare
 * origin behind the fake GitHub (and, for publishing, the fake index), the environment releasio runs with, and
 * the observations the tests make on the remote and the fakes.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { cleanEnv } from "../support/cli.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { mergeRoutes } from "../support/loopback.js";
import type { TestRepo } from "../support/repo.js";

/** An API token the fake index accepts (never a real one). */
export const PYPI_TEST_TOKEN = "pypi-AgEIcHlwaS5vcmcCJGZha2UtdG9rZW4tZm9yLXJlbGVhc2UtdGVzdHM";
/** The `hooks.build` that builds the sdist and wheel offline with the system Python. */
export const BUILD_HOOK = "/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist .";
/** A `[build-system]` table for PYPROJECT's `extra`. */
export const HATCH_BUILD_SYSTEM =
  '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';

export interface GitHubWorld {
  repo: TestRepo;
  fake: FakeGitHub;
  env: Record<string, string | undefined>;
  /** The HTTP client releasio gets: the fake GitHub's routes (and the fake index's, after `withIndex`). */
  fetch: FakeGitHub["fetch"];
}

/** Fakes started by a test; `closeFakes` (in afterEach) checks the GitHub fakes saw no invalid request. */
const started: { github: FakeGitHub[]; index: FakeIndex[] } = { github: [], index: [] };

export async function closeFakes(): Promise<void> {
  for (const fake of started.github.splice(0)) {
    expect(fake.violations).toEqual([]);
    await fake.close();
  }
  for (const index of started.index.splice(0)) await index.close();
}

/**
 * The fake GitHub on the repository's bare origin, and an environment naming it `acme/demo`. Online: releasing
 * needs the network (an offline `--execute` is refused), and the fakes stand in for it.
 */
export async function githubWorld(
  repo: TestRepo,
  options: Parameters<typeof startFakeGitHub>[0] = {},
): Promise<GitHubWorld> {
  const fake = await startFakeGitHub({ bare: repo.origin!, ...options });
  started.github.push(fake);
  const env = cleanEnv({
    GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
    RELEASIO_GITHUB_OWNER: "acme",
    RELEASIO_GITHUB_REPO: "demo",
    RELEASIO_OFFLINE: undefined,
  });
  return { repo, fake, env, fetch: fake.fetch };
}

/** Adds the fake index (accepting PYPI_TEST_TOKEN) behind the same routed fetch as the fake GitHub. */
export async function withIndex(w: GitHubWorld): Promise<GitHubWorld & { index: FakeIndex }> {
  const index = await startFakeIndex({ tokens: [PYPI_TEST_TOKEN] });
  started.index.push(index);
  const routed = mergeRoutes(w.fake.routes, index.routes);
  return {
    ...w,
    fetch: routed,
    env: { ...w.env, PYPI_TOKEN: PYPI_TEST_TOKEN, RELEASIO_OFFLINE: undefined },
    index,
  };
}

/** The tags of the bare origin. */
export function remoteTags(repo: TestRepo): string[] {
  return execFileSync("git", ["tag", "--list"], { cwd: repo.origin!, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

/** Every ref of the bare origin with its object, one `sha ref` line each. */
export function remoteRefs(repo: TestRepo): string {
  return execFileSync("git", ["for-each-ref", "--format=%(objectname) %(refname)"], {
    cwd: repo.origin!,
    encoding: "utf8",
  });
}

/** Write requests to the fake GitHub (the GraphQL author lookup is a POST but only reads). */
export function forgeWrites(fake: FakeGitHub) {
  return fake.writeCalls().filter((c) => c.path !== "/graphql");
}

/** Installs a `pre-receive` hook (a POSIX shell script body) in the bare origin. */
export function preReceiveHook(repo: TestRepo, script: string): void {
  const file = join(repo.origin!, "hooks", "pre-receive");
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
}
