/**
 * Forge lookups while planning (PRODUCT.md §5.5 `use_github_prs` / `resolve_usernames`, §4.1 step 3, §4.3 step 5,
 * scenarios 47, 50, 82): PR numbers and author logins come from one batched GraphQL query when something shows them,
 * no request otherwise, and a failed lookup is a warning. Real git with a bare `origin`, the fake GitHub routed.
 */
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_SCHEMAS } from "../../src/commands/output-schemas.js";
import { releasio } from "../support/cli.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { cleanupRepos, f0, type TestRepo } from "../support/repo.js";
import { strictFakes } from "../support/strict-fakes.js";
import { onlineEnv, warningCodes } from "./helpers-a.js";

type Kind = "check" | "update" | "release-pr";
type Payload<K extends Kind> = v.InferOutput<(typeof OUTPUT_SCHEMAS)[K]>;

const fakes = strictFakes<FakeGitHub>();
afterAll(cleanupRepos);

const ENV = {
  GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
  RELEASIO_GITHUB_OWNER: "acme",
  RELEASIO_GITHUB_REPO: "demo",
  // Never fall back to a `gh` login of the machine running the tests.
  CI: "true",
};
const WEB = "https://github.com/acme/demo";

async function fake(repo: TestRepo, options: Parameters<typeof startFakeGitHub>[0] = {}) {
  const f = await startFakeGitHub({ bare: repo.origin!, ...options });
  fakes.push(f);
  return f;
}

/** `releasio <command> <args> --json` against the fake; exit 0 and a payload valid against the schema. */
async function run<K extends Kind>(
  kind: K,
  repo: TestRepo,
  github: FakeGitHub,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
) {
  const result = await releasio(
    repo.dir,
    [kind, ...args, "--json"],
    { ...onlineEnv(ENV), ...env },
    github.fetch,
  );
  if (result.code !== 0)
    throw new Error(`${kind} failed (${result.code}): ${result.stdout}\n${result.stderr}`);
  return { ...result, payload: v.parse(OUTPUT_SCHEMAS[kind], result.json) as Payload<K> };
}

const graphqlCalls = (github: FakeGitHub) => github.calls.filter((c) => c.path === "/graphql");

/** F0 with a committed `.releasio.toml`, pushed so the fake can read the commits. */
function configured(toml: string | null): TestRepo {
  const repo = f0();
  if (toml !== null) {
    repo.write(".releasio.toml", toml);
    repo.commit("chore: configure releasio");
  }
  return repo;
}

/** A merged PR whose (squash) merge produced `sha`. */
function mergedPull(github: FakeGitHub, number: number, sha: string): void {
  github.state.pulls.push({
    number,
    title: `PR ${number}`,
    body: "",
    head: `topic-${number}`,
    base: "main",
    state: "closed",
    merged: true,
    merge_commit_sha: sha,
    draft: false,
    labels: [],
    user: "jane",
  });
}

const JANE = { name: "Jane Doe", email: "jane@corp.example" };
const BOB = { name: "Bob Builder", email: "bob@example.org" };
// A bot recognised only by the login the forge returns (its name and address match nothing in ignore_authors).
const RENOVATE = { name: "Renovate Bot", email: "bot@renovateapp.com" };
const DEPENDABOT = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };

describe("use_github_prs (§6.4, scenario 47)", () => {
  it("links the forge's PR for commits without (#N); a (#N) in the message wins", async () => {
    const repo = configured("[changelog]\nuse_github_prs = true\n");
    const feature = repo.commit("feat: add export");
    const fix = repo.commit("fix(api): handle null (#7)");
    repo.push();
    const github = await fake(repo);
    mergedPull(github, 5, feature);
    mergedPull(github, 8, fix);
    const { payload } = await run("update", repo, github);
    expect(payload.changelog).toContain(`- add export ([#5](${WEB}/pull/5))\n`);
    expect(payload.changelog).toContain(`- **api:** handle null ([#7](${WEB}/pull/7))\n`);
    expect(payload.commits.find((c) => c.sha === feature)?.pr).toBe(5);
    expect(payload.commits.find((c) => c.sha === fix)?.pr).toBe(7);
    expect(graphqlCalls(github)).toHaveLength(1);
    expect(github.calls).toHaveLength(1);
  });

  it("leaves a commit without a PR anywhere without a link", async () => {
    const repo = configured("[changelog]\nuse_github_prs = true\n");
    repo.commit("feat: direct push");
    repo.push();
    const github = await fake(repo);
    const { payload } = await run("update", repo, github);
    expect(payload.changelog).toContain("- direct push\n");
  });
});

describe("show_authors with logins from the forge (scenario 50)", () => {
  it("credits @login from the lookup, the name when unknown, and never a bot", async () => {
    const repo = configured("[changelog]\nshow_authors = true\n");
    repo.commit("feat: add export", { author: JANE });
    repo.commit("fix: handle null", { author: BOB });
    repo.commit("fix(deps): bump httpx", { author: DEPENDABOT });
    repo.commit("fix(deps): bump rich", { author: RENOVATE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane", [RENOVATE.email]: "renovate[bot]" } });
    const { payload } = await run("update", repo, github);
    expect(payload.changelog).toContain("- add export by @jane\n");
    expect(payload.changelog).toContain("- handle null by Bob Builder\n");
    expect(payload.changelog).toContain("- **deps:** bump httpx\n");
    expect(payload.changelog).toContain("- **deps:** bump rich\n");
    expect(payload.commits.find((c) => c.author.email === JANE.email)?.author.login).toBe("jane");
    expect(graphqlCalls(github)).toHaveLength(1);
  });

  it("keeps a returning author found by login from getting the first-contribution badge", async () => {
    const repo = f0({ tag: null });
    // Jane's earlier commit used her noreply address; her new one uses her work address.
    repo.commit("feat: early work", {
      author: { name: "Jane Doe", email: "1+jane@users.noreply.github.com" },
    });
    repo.tag("v1.0.0");
    repo.write(".releasio.toml", "[changelog]\nshow_first_time_contributors = true\n");
    repo.commit("chore: configure releasio");
    repo.commit("feat: add export", { author: JANE });
    repo.commit("fix: handle null", { author: BOB });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane", [BOB.email]: "bob" } });
    const { payload } = await run("update", repo, github);
    expect(payload.changelog).toContain("- add export\n");
    expect(payload.changelog).toContain("- handle null 🎉 First contribution!\n");
  });
});

describe("request budget (§4.3 step 5, scenario 82)", () => {
  it("release-pr -x with 80 commits and use_github_prs: ≤ 6 API requests, one GraphQL batch", async () => {
    const repo = configured("[changelog]\nuse_github_prs = true\nshow_authors = true\n");
    const shas = repo.emptyCommits(80, (i) => `feat: feature ${i}`);
    repo.push();
    const github = await fake(repo);
    mergedPull(github, 41, shas[3]!);
    const { payload } = await run("release-pr", repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("created");
    expect(payload.pr?.body).toContain(`- feature 3 ([#41](${WEB}/pull/41))`);
    expect(github.calls.length).toBeLessThanOrEqual(6);
    expect(graphqlCalls(github)).toHaveLength(1);
  });
});

describe("no request when nothing uses the answer", () => {
  it.each([
    ["--offline", ["--offline"], {}],
    ["RELEASIO_OFFLINE=1", [], { RELEASIO_OFFLINE: "1" }],
  ])("asks nothing %s, even with use_github_prs and show_authors", async (_name, args, env) => {
    const repo = configured("[changelog]\nuse_github_prs = true\nshow_authors = true\n");
    repo.commit("feat: add export", { author: JANE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane" } });
    for (const kind of ["check", "update"] as const) {
      const { payload } = await run(kind, repo, github, args, env);
      expect(payload.changelog).toContain("- add export by Jane Doe\n");
    }
    expect(github.calls).toEqual([]);
  });

  it("update and release-pr (dry run) with the default configuration make no lookup", async () => {
    const repo = configured(null);
    repo.commit("feat: add export", { author: JANE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane" } });
    await run("update", repo, github);
    expect(github.calls).toEqual([]);
    await run("release-pr", repo, github);
    expect(graphqlCalls(github)).toEqual([]);
  });

  it("check with the default configuration asks once for author.login (§5.5: check's author.login)", async () => {
    const repo = configured(null);
    repo.commit("feat: add export", { author: JANE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane" } });
    const { payload } = await run("check", repo, github);
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /graphql"]);
    expect(payload.commits.find((c) => c.author.email === JANE.email)?.author.login).toBe("jane");
    // The entry does not show authors, so its text is unchanged.
    expect(payload.changelog).toContain("- add export\n");
  });

  it("check asks nothing with resolve_usernames = false, or without a token", async () => {
    const repo = configured("[changelog]\nresolve_usernames = false\n");
    repo.commit("feat: add export", { author: JANE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane" } });
    const { payload } = await run("check", repo, github);
    expect(payload.commits[0]?.author.login).toBeNull();
    expect(github.calls).toEqual([]);

    const other = configured(null);
    other.commit("feat: add export", { author: JANE });
    other.push();
    const second = await fake(other);
    await run("check", other, second, [], { GITHUB_TOKEN: undefined, GH_TOKEN: undefined });
    expect(second.calls).toEqual([]);
  });

  it("asks nothing when there is nothing to release (update), even with show_authors", async () => {
    const repo = configured("[changelog]\nshow_authors = true\nuse_github_prs = true\n");
    repo.commit("docs: typo", { author: JANE });
    repo.push();
    const github = await fake(repo);
    const { payload } = await run("update", repo, github);
    expect(payload.release_needed).toBe(false);
    expect(github.calls).toEqual([]);
  });
});

describe("a failed lookup is a warning (W_FORGE_LOOKUP_FAILED)", () => {
  const failures = [
    [
      "403",
      {
        status: 403,
        body: {
          message: "Resource not accessible by integration",
          documentation_url: "https://docs.github.com",
        },
      },
    ],
    [
      "a GraphQL error",
      {
        status: 200,
        body: { data: null, errors: [{ type: "FORBIDDEN", message: "Resource not accessible" }] },
      },
    ],
  ] as const;

  it.each(failures)("%s: exit 0, the entry still rendered from the messages", async (_name, answer) => {
    const repo = configured("[changelog]\nuse_github_prs = true\nshow_authors = true\n");
    repo.commit("feat: add export (#12)", { author: JANE });
    repo.push();
    const github = await fake(repo, { users: { [JANE.email]: "jane" } });
    github.failNext({ method: "POST", path: /graphql/, ...answer });
    const { payload, stderr } = await run("update", repo, github);
    expect(warningCodes(payload)).toContain("W_FORGE_LOOKUP_FAILED");
    expect(payload.changelog).toContain(`- add export ([#12](${WEB}/pull/12)) by Jane Doe\n`);
    expect(stderr).toContain("W_FORGE_LOOKUP_FAILED");
    expect(`${JSON.stringify(payload)}${stderr}`).not.toContain(FAKE_GITHUB_TOKEN);
  });

  it("release-pr -x still opens the PR", async () => {
    const repo = configured("[changelog]\nuse_github_prs = true\n");
    repo.commit("feat: add export");
    repo.push();
    const github = await fake(repo);
    github.failNext({ method: "POST", path: /graphql/, ...failures[0][1] });
    const { payload } = await run("release-pr", repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("created");
    expect(warningCodes(payload)).toContain("W_FORGE_LOOKUP_FAILED");
    expect(payload.pr?.body).toContain("- add export\n");
  });
});
