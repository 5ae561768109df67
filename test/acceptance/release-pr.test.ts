/**
 * release-pr acceptance scenarios (PRODUCT.md §13, 17 and 66–82): real git with a bare `origin`, the fake GitHub
 * routed through the HTTP client, every JSON output validated against the shipped schema.
 */
import { execFileSync } from "node:child_process";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_SCHEMAS } from "../../src/commands/output-schemas.js";
import { type CliResult, releasio } from "../support/cli.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { startFakeGitLab } from "../support/fake-gitlab.js";
import { cleanupRepos, f0, type TestRepo } from "../support/repo.js";
import { strictFakes } from "../support/strict-fakes.js";
import { onlineEnv, refsSnapshot, treeSnapshot, warningCodes } from "./helpers-a.js";

type Payload = v.InferOutput<(typeof OUTPUT_SCHEMAS)["release-pr"]>;

const fakes = strictFakes<FakeGitHub>();
afterAll(cleanupRepos);

const ENV = {
  GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
  RELEASIO_GITHUB_OWNER: "acme",
  RELEASIO_GITHUB_REPO: "demo",
};

async function fake(
  repo: TestRepo,
  options: Parameters<typeof startFakeGitHub>[0] = {},
): Promise<FakeGitHub> {
  const f = await startFakeGitHub({ bare: repo.origin!, ...options });
  fakes.push(f);
  return f;
}

/** A successful run: exit 0 and a payload valid against the release-pr schema. */
async function ok(
  repo: TestRepo,
  github: FakeGitHub,
  args: string[],
  env: Record<string, string | undefined> = {},
) {
  const result = await releasio(
    repo.dir,
    ["release-pr", ...args, "--json"],
    onlineEnv({ ...ENV, ...env }),
    github.fetch,
  );
  if (result.code !== 0)
    throw new Error(`release-pr failed (${result.code}): ${result.stdout}\n${result.stderr}`);
  return { ...result, payload: v.parse(OUTPUT_SCHEMAS["release-pr"], result.json) as Payload };
}

const envelopeOnly = v.looseObject({
  ok: v.literal(false),
  exit_code: v.union([v.literal(1), v.literal(2)]),
  error: v.strictObject({
    code: v.string(),
    message: v.string(),
    hint: v.nullable(v.string()),
    details: v.nullable(v.record(v.string(), v.unknown())),
  }),
});

/** A failed run: the bare error envelope. */
async function failing(
  repo: TestRepo,
  github: FakeGitHub | null,
  args: string[],
  env: Record<string, string | undefined> = {},
) {
  const result: CliResult = await releasio(
    repo.dir,
    ["release-pr", ...args, "--json"],
    onlineEnv({ ...ENV, ...env }),
    github?.fetch,
  );
  const json = v.parse(envelopeOnly, result.json);
  return { ...result, json };
}

/** Method, path and the query parameters that select (paging left out). */
const calls = (github: FakeGitHub) =>
  github.calls.map((c) => {
    const query = decodeURIComponent(c.query).replace(/&?per_page=\d+/, "");
    return `${c.method} ${c.path}${query ? `?${query}` : ""}`;
  });

function remoteBranch(repo: TestRepo, branch: string): string | null {
  try {
    return execFileSync("git", ["--git-dir", repo.origin!, "rev-parse", `refs/heads/${branch}`], {
      encoding: "utf8",
    }).trim();
  } catch {
    return null;
  }
}

function originGit(repo: TestRepo, ...args: string[]): string {
  return execFileSync("git", ["--git-dir", repo.origin!, ...args], { encoding: "utf8" }).trim();
}

/** F0 + `feat: add export`, pushed. */
function withFeature(): TestRepo {
  const repo = f0();
  repo.commit("feat: add export");
  repo.push("HEAD:refs/heads/main");
  return repo;
}

describe("dry run (scenarios 66, 70)", () => {
  it("prints title, branch, base, labels, draft flag and body; no fetch, no branch, no API write", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const before = {
      tree: treeSnapshot(repo),
      refs: refsSnapshot(repo),
      origin: originGit(repo, "for-each-ref"),
    };
    const { payload } = await ok(repo, github, []);
    expect(payload.dry_run).toBe(true);
    expect(payload.pr).toMatchObject({
      action: "would-create",
      number: null,
      title: "chore(release): prepare demo v1.1.0",
      branch: "releasio/release",
      base: "main",
      labels: ["release"],
      draft: false,
    });
    expect(payload.pr!.body).toContain("| demo | 1.0.0 | 1.1.0 | minor |");
    expect(payload.pr!.body).toContain("### ✨ Features");
    expect(payload.pushed).toBe(false);
    expect(payload.commit).toBeNull();
    expect(github.writeCalls()).toEqual([]);
    expect(calls(github)).toEqual([
      "GET /repos/acme/demo/pulls?head=acme:releasio/release&base=main&state=open",
    ]);
    expect({
      tree: treeSnapshot(repo),
      refs: refsSnapshot(repo),
      origin: originGit(repo, "for-each-ref"),
    }).toEqual(before);

    const human = await releasio(repo.dir, ["release-pr"], onlineEnv(ENV), github.fetch);
    expect(human.code).toBe(0);
    for (const line of [
      "Title: chore(release): prepare demo v1.1.0",
      "Branch: releasio/release",
      "Base: main",
      "Labels: release",
      "Draft: no",
      "<!-- releasio:release-pr schema=1 -->",
    ])
      expect(human.stdout).toContain(line);
    expect(github.writeCalls()).toEqual([]);
  });

  it("works on a dirty tree and another branch with warnings (scenarios 67, 68)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    repo.checkout("feature", true);
    repo.write("untracked.txt", "x\n");
    const { payload } = await ok(repo, github, []);
    expect(warningCodes(payload)).toEqual(expect.arrayContaining(["W_DIRTY_TREE", "W_NOT_RELEASE_BRANCH"]));
    expect(payload.pr?.base).toBe("main");
  });
});

describe("execute-mode preconditions (scenarios 67, 68)", () => {
  it("refuses a dirty tree with E_DIRTY_TREE, even with nothing to release", async () => {
    const repo = f0();
    const github = await fake(repo);
    repo.write("untracked.txt", "x\n");
    const { code, json } = await failing(repo, github, ["-x"]);
    expect(code).toBe(1);
    expect(json.error.code).toBe("E_DIRTY_TREE");
    expect(github.calls).toEqual([]);
  });

  it("proceeds on a dirty tree with --allow-dirty without touching it", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    repo.write("untracked.txt", "x\n");
    const { payload } = await ok(repo, github, ["-x", "--allow-dirty"]);
    expect(payload.pr?.action).toBe("created");
    expect(repo.read("untracked.txt")).toBe("x\n");
  });

  it("refuses a branch that is not a release branch with E_WRONG_BRANCH naming main", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    repo.checkout("feature", true);
    const { code, json } = await failing(repo, github, ["-x"]);
    expect(code).toBe(1);
    expect(json.error.code).toBe("E_WRONG_BRANCH");
    expect(json.error.message).toContain("main");
    expect(github.calls).toEqual([]);
  });

  it("resolves a detached HEAD through GITHUB_REF when HEAD is in origin/main", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    repo.git("fetch", "-q", "origin");
    repo.git("checkout", "-q", "--detach", "HEAD");
    const env = { GITHUB_REF: "refs/heads/main", GITHUB_REF_NAME: "main" };
    const { payload } = await ok(repo, github, ["-x"], env);
    expect(payload.pr?.action).toBe("created");
    const detached = await failing(repo, github, ["-x"]);
    expect(detached.json.error.code).toBe("E_DETACHED_HEAD");
  });
});

describe("create, refresh, unchanged (scenarios 71–74)", () => {
  it("creates the PR from the remote base without touching the user's checkout (71)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    repo.commit("feat: local only, not pushed");
    const before = { tree: treeSnapshot(repo), refs: refsSnapshot(repo).replace(/^refs\/remotes.*$/gm, "") };
    const head = repo.head();
    const { payload, stdout } = await ok(repo, github, ["-x"]);
    expect(payload.pr).toMatchObject({
      action: "created",
      number: 1,
      url: "https://github.com/acme/demo/pull/1",
      branch: "releasio/release",
      base: "main",
    });
    expect(payload.pushed).toBe(true);
    const tip = remoteBranch(repo, "releasio/release")!;
    expect(payload.commit).toBe(tip);
    expect(originGit(repo, "rev-parse", `${tip}^`)).toBe(originGit(repo, "rev-parse", "refs/heads/main"));
    expect(originGit(repo, "log", "-1", "--format=%s", tip)).toBe("chore(release): prepare demo v1.1.0");
    expect(originGit(repo, "show", "--name-only", "--format=", tip).split("\n").sort()).toEqual([
      "CHANGELOG.md",
      "pyproject.toml",
    ]);
    expect(originGit(repo, "show", `${tip}:pyproject.toml`)).toContain('version = "1.1.0"');
    // The local-only commit is not part of the release: the plan came from origin/main.
    expect(originGit(repo, "show", `${tip}:CHANGELOG.md`)).not.toContain("local only");
    expect(calls(github)).toEqual([
      "GET /repos/acme/demo/pulls?head=acme:releasio/release&base=main&state=open",
      "POST /repos/acme/demo/pulls",
      "POST /repos/acme/demo/issues/1/labels",
    ]);
    expect(github.state.pulls[0]).toMatchObject({
      head: "releasio/release",
      base: "main",
      labels: ["release"],
      draft: false,
    });
    expect(github.state.pulls[0]!.body).toBe(payload.pr!.body);
    expect(repo.head()).toBe(head);
    expect(repo.git("branch", "--list", "releasio/release").trim()).toBe("");
    expect(treeSnapshot(repo)).toEqual(before.tree);
    expect(repo.git("worktree", "list").trim().split("\n")).toHaveLength(1);
    // The fake's default token login is github-actions[bot]: its PRs start no workflows.
    expect(warningCodes(payload)).toContain("W_GITHUB_TOKEN_NO_CI");

    const human = await releasio(repo.dir, ["release-pr", "-x"], onlineEnv(ENV), github.fetch);
    expect(human.stdout).toContain("PR #1 is up to date: https://github.com/acme/demo/pull/1");
    expect(stdout).toContain('"action":"created"');
  });

  it("opens the release PR at the version a Release-As footer on the base asks for", async () => {
    const repo = withFeature();
    repo.commit("chore: release 2.0.0\n\nRelease-As: 2.0.0");
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo, { tokenLogin: "release-bot" });
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr).toMatchObject({ action: "created", title: "chore(release): prepare demo v2.0.0" });
    expect(warningCodes(payload)).toContain("W_RELEASE_AS");
    const tip = remoteBranch(repo, "releasio/release")!;
    expect(originGit(repo, "show", `${tip}:pyproject.toml`)).toContain('version = "2.0.0"');
    expect(originGit(repo, "show", `${tip}:CHANGELOG.md`)).toContain("## [2.0.0]");
  });

  it("prints the Created anchor", async () => {
    const repo = withFeature();
    const github = await fake(repo, { tokenLogin: "release-bot" });
    const human = await releasio(repo.dir, ["release-pr", "-x"], onlineEnv(ENV), github.fetch);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Created PR #1: https://github.com/acme/demo/pull/1");
    expect(human.stderr).not.toContain("W_GITHUB_TOKEN_NO_CI");
    expect(human.stderr).not.toContain(FAKE_GITHUB_TOKEN);
  });

  it("rebuilds the branch on the new base tip, patches the body and re-adds a removed label (72)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    github.state.pulls[0]!.labels = [];
    repo.commit("feat: second feature");
    repo.push("HEAD:refs/heads/main");
    github.resetCalls();
    const { payload, stdout } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("updated");
    expect(payload.pushed).toBe(true);
    const tip = remoteBranch(repo, "releasio/release")!;
    expect(originGit(repo, "rev-parse", `${tip}^`)).toBe(repo.head());
    expect(github.state.pulls[0]!.body).toContain("second feature");
    expect(github.state.pulls[0]!.labels).toEqual(["release"]);
    expect(calls(github)).toEqual([
      "GET /repos/acme/demo/pulls?head=acme:releasio/release&base=main&state=open",
      "PATCH /repos/acme/demo/pulls/1",
      "POST /repos/acme/demo/issues/1/labels",
    ]);
    expect(github.calls.length).toBeLessThanOrEqual(6);
    expect(stdout).toContain('"action":"updated"');
    const human = await releasio(repo.dir, ["release-pr", "-x"], onlineEnv(ENV), github.fetch);
    expect(human.stdout).toContain("PR #1 is up to date");
  });

  it("pushes nothing and patches nothing when nothing changed, within 2 API requests (73)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    const tip = remoteBranch(repo, "releasio/release");
    github.resetCalls();
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("unchanged");
    expect(payload.pushed).toBe(false);
    expect(payload.commit).toBe(tip);
    expect(remoteBranch(repo, "releasio/release")).toBe(tip);
    expect(github.writeCalls()).toEqual([]);
    expect(github.calls.length).toBeLessThanOrEqual(2);
  });

  it("keeps the notes block across refreshes and folds it into the changelog entry (74)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    const pull = github.state.pulls[0]!;
    pull.body = pull.body.replace(
      "<!-- releasio:notes:end -->",
      "Highlights: faster\n<!-- releasio:notes:end -->",
    );
    repo.commit("fix: a fix");
    repo.push("HEAD:refs/heads/main");
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("updated");
    expect(github.state.pulls[0]!.body).toContain("Highlights: faster\n<!-- releasio:notes:end -->");
    const tip = remoteBranch(repo, "releasio/release")!;
    const changelog = originGit(repo, "show", `${tip}:CHANGELOG.md`);
    expect(changelog).toMatch(/## \[1\.1\.0\][^\n]*\n\nHighlights: faster\n\n### /);
    expect(payload.changelog).toMatch(/^## \[1\.1\.0\][^\n]*\n\nHighlights: faster\n/);
  });

  it("warns about foreign commits on the old branch and replaces them (W_RELEASE_PR_OVERWRITTEN)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    repo.git("fetch", "-q", "origin", "releasio/release");
    repo.checkout("FETCH_HEAD");
    const foreign = repo.commit("docs: hand edit on the release branch");
    repo.push("HEAD:refs/heads/releasio/release");
    repo.checkout("main");
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pushed).toBe(true);
    const warning = payload.warnings.find((w) => w.code === "W_RELEASE_PR_OVERWRITTEN");
    expect(warning?.message).toContain(foreign);
    expect(originGit(repo, "rev-parse", `${remoteBranch(repo, "releasio/release")}^`)).toBe(repo.head());
  });
});

describe("nothing to release, pending release (scenarios 17, 75, 76)", () => {
  it("does nothing without releasable commits: no push, no PR (17)", async () => {
    const repo = f0();
    repo.commits("docs: a", "chore: b", "ci: c");
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo);
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("none");
    expect(payload.pushed).toBe(false);
    expect(remoteBranch(repo, "releasio/release")).toBeNull();
    expect(github.writeCalls()).toEqual([]);
    expect(repo.status()).toBe("");
  });

  it("closes a stale release PR with a comment (75)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    repo.write(".releasio.toml", "[commits]\ntypes_minor = []\n");
    repo.commit("chore: no minor types");
    repo.push("HEAD:refs/heads/main");
    github.resetCalls();
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("closed");
    expect(payload.pr?.number).toBe(1);
    expect(github.state.pulls[0]!.state).toBe("closed");
    expect(github.state.comments.map((c) => c.body)).toEqual(["Nothing to release since v1.0.0; closing."]);
    expect(calls(github)).toEqual([
      "GET /repos/acme/demo/pulls?head=acme:releasio/release&base=main&state=open",
      "POST /repos/acme/demo/issues/1/comments",
      "PATCH /repos/acme/demo/pulls/1",
    ]);
  });

  it("reports would-close in a dry run", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    repo.write(".releasio.toml", "[commits]\ntypes_minor = []\n");
    repo.commit("chore: no minor types");
    github.resetCalls();
    const { payload } = await ok(repo, github, []);
    expect(payload.pr?.action).toBe("would-close");
    expect(github.writeCalls()).toEqual([]);
  });

  it("does nothing while the merged release is pending (76)", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    // Squash-merge the release PR: its commit on top of main.
    const tip = remoteBranch(repo, "releasio/release")!;
    repo.git("fetch", "-q", "origin", "releasio/release");
    repo.git("merge", "-q", "--squash", tip);
    const merge = repo.commit("chore(release): prepare demo v1.1.0 (#1)", { allowEmpty: true });
    repo.push("HEAD:refs/heads/main");
    github.mergePull(1, merge);
    github.resetCalls();
    const { payload, stdout } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("none");
    expect(payload.pending_release?.version).toBe("1.1.0");
    expect(github.writeCalls()).toEqual([]);
    const human = await releasio(repo.dir, ["release-pr", "-x"], onlineEnv(ENV), github.fetch);
    expect(human.stdout).toContain(
      `release demo 1.1.0 is pending (release commit ${merge.slice(0, 7)}): run 'releasio release'`,
    );
    expect(stdout).toContain('"pending_release"');
    const check = await releasio(repo.dir, ["check", "--json"], onlineEnv(ENV), github.fetch);
    expect((check.json.pending_release as { version: string }).version).toBe("1.1.0");
  });
});

describe("preflight (scenario 77)", () => {
  it("fails with E_FORGE_AUTH without a token and pushes nothing", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const { code, json } = await failing(repo, github, ["-x"], {
      GITHUB_TOKEN: undefined,
      GH_TOKEN: undefined,
      CI: "true",
    });
    expect(code).toBe(1);
    expect(json.error.code).toBe("E_FORGE_AUTH");
    expect(remoteBranch(repo, "releasio/release")).toBeNull();
    expect(github.calls).toEqual([]);
  });

  it("fails with E_REMOTE when the repository cannot be determined", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const { code, json } = await failing(repo, github, ["-x"], {
      RELEASIO_GITHUB_OWNER: undefined,
      RELEASIO_GITHUB_REPO: undefined,
    });
    expect(code).toBe(1);
    expect(json.error.code).toBe("E_REMOTE");
    expect(remoteBranch(repo, "releasio/release")).toBeNull();
  });
});

describe("inside GitHub Actions", () => {
  it("the token is masked with ::add-mask:: before anything else is printed", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const result = await releasio(
      repo.dir,
      ["release-pr", "-x", "--json", "-v"],
      onlineEnv({ ...ENV, GITHUB_ACTIONS: "true" }),
      github.fetch,
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split("\n");
    const mask = lines.indexOf(`::add-mask::${FAKE_GITHUB_TOKEN}`);
    expect(mask).toBeGreaterThanOrEqual(0);
    // Nothing about the forge is printed before the runner knows to hide the token.
    const firstForgeLine = lines.findIndex((l) => /GitHub|api\.github/.test(l));
    expect(firstForgeLine === -1 || firstForgeLine > mask).toBe(true);
    expect(result.stdout).not.toContain("add-mask");
  });
});

describe("--offline", () => {
  it("release-pr -x --offline is refused before anything is read: no request, nothing pushed", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const { code, json } = await failing(repo, github, ["-x", "--offline"]);
    expect(code).toBe(2);
    expect(json.error).toMatchObject({
      code: "E_USAGE",
      message:
        "'release-pr --execute' needs the network (push of the release branch, pull request) but --offline forbids network access",
    });
    expect(remoteBranch(repo, "releasio/release")).toBeNull();
    expect(github.calls).toEqual([]);
  });
});

describe('forge = "none"', () => {
  it("release-pr -x is a usage error saying that no release PR is kept, and nothing is pushed", async () => {
    const repo = withFeature();
    const github = await fake(repo);
    const { code, json } = await failing(repo, github, ["-x"], { RELEASIO_FORGE: "none" });
    expect(code).toBe(2);
    expect(json.error).toMatchObject({
      code: "E_USAGE",
      message: 'forge = "none" disables release pull requests',
    });
    expect(remoteBranch(repo, "releasio/release")).toBeNull();
    expect(github.calls).toEqual([]);
  });
});

describe("channels, drafts and configured names (scenario 81, scenario 8)", () => {
  it("proposes a beta pre-release on its own branch into beta (81)", async () => {
    const repo = f0();
    repo.write(
      ".releasio.toml",
      '[branches.beta]\nmatch = "beta"\nprerelease = true\nprerelease_token = "beta"\n',
    );
    repo.commit("chore: channels");
    repo.push("HEAD:refs/heads/main");
    repo.checkout("beta", true);
    repo.commit("feat: beta feature");
    repo.push("HEAD:refs/heads/beta");
    const github = await fake(repo);
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.next_version).toBe("1.1.0b1");
    expect(payload.pr).toMatchObject({ action: "created", branch: "releasio/release-beta", base: "beta" });
    expect(github.state.pulls[0]).toMatchObject({ head: "releasio/release-beta", base: "beta" });
    expect(remoteBranch(repo, "releasio/release-beta")).not.toBeNull();
  });

  it("opens a draft with configured labels and branch", async () => {
    const repo = f0();
    repo.write(
      ".releasio.toml",
      '[release_pr]\ndraft = true\nlabels = ["release", "autorelease: pending"]\nbranch = "rel"\n',
    );
    repo.commit("feat: x");
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo);
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr).toMatchObject({
      branch: "rel",
      draft: true,
      labels: ["release", "autorelease: pending"],
    });
    expect(github.state.pulls[0]).toMatchObject({
      head: "rel",
      draft: true,
      labels: ["release", "autorelease: pending"],
    });
  });
});

describe("hooks in the worktree (scenario 69)", () => {
  it("runs pre_bump/post_bump there and commits tracked files they modified, never untracked ones", async () => {
    const repo = f0();
    repo.write("VERSION_NOTE.txt", "old\n");
    repo.write(
      ".releasio.toml",
      '[hooks]\npre_bump = ["echo {branch} {version} > VERSION_NOTE.txt"]\npost_bump = ["echo stray > stray.txt"]\n',
    );
    repo.commit("chore: hooks");
    repo.commit("feat: $(touch pwned)");
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo);
    await ok(repo, github, ["-x"]);
    const tip = remoteBranch(repo, "releasio/release")!;
    expect(originGit(repo, "show", `${tip}:VERSION_NOTE.txt`)).toBe("main 1.1.0");
    expect(originGit(repo, "show", "--name-only", "--format=", tip).split("\n").sort()).toEqual([
      "CHANGELOG.md",
      "VERSION_NOTE.txt",
      "pyproject.toml",
    ]);
    expect(repo.exists("pwned")).toBe(false);
    expect(repo.exists("stray.txt")).toBe(false);
    expect(repo.read("VERSION_NOTE.txt")).toBe("old\n");
  });
});

describe("large ranges (scenario 82)", () => {
  it("truncates the body at an entry boundary; CHANGELOG.md stays complete", async () => {
    const repo = f0();
    repo.emptyCommits(3000, (i) => `feat: feature number ${i} with a longer description to fill the body`);
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo);
    const { payload } = await ok(repo, github, ["-x"]);
    const body = github.state.pulls[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("… truncated; see the changelog file in this PR.");
    const changelog = originGit(repo, "show", `${remoteBranch(repo, "releasio/release")}:CHANGELOG.md`);
    expect(changelog).toContain("feature number 0 with");
    expect(changelog).toContain("feature number 2999 with");
    expect(payload.pr?.body).toBe(body);
    expect(github.calls.length).toBeLessThanOrEqual(6);
  }, 120_000);

  it("stays within 6 API requests for 80 commits with use_github_prs, GraphQL batched once", async () => {
    const repo = f0();
    repo.write(".releasio.toml", "[changelog]\nuse_github_prs = true\nshow_authors = true\n");
    repo.commit("chore: config");
    repo.emptyCommits(80, (i) => `feat: feature ${i}`);
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo);
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.action).toBe("created");
    expect(github.calls.length).toBeLessThanOrEqual(6);
    expect(github.calls.filter((c) => c.path === "/graphql").length).toBeLessThanOrEqual(1);
  });
});

/** Points `origin` at `url` while git itself still talks to the local bare repository (url.<bare>.insteadOf). */
function remoteUrl(repo: TestRepo, url: string): void {
  repo.git("remote", "set-url", "origin", url);
  repo.git("config", `url.${repo.origin}.insteadOf`, url);
}

describe("remotes, GHES and GitLab (scenarios 78–80)", () => {
  it.each([
    "git@github.com:acme/my.lib.git",
    "ssh://git@github.com/acme/my.lib",
    "https://x-access-token:SECRET@github.com/acme/my.lib.git",
  ])("finds acme/my.lib from %s and never prints the credentials (78)", async (url) => {
    const repo = withFeature();
    remoteUrl(repo, url);
    const github = await fake(repo, { repo: "my.lib" });
    const env = { RELEASIO_GITHUB_OWNER: undefined, RELEASIO_GITHUB_REPO: undefined };
    const result = await ok(repo, github, ["-x", "-v"], env);
    expect(result.payload.pr).toMatchObject({
      action: "created",
      url: "https://github.com/acme/my.lib/pull/1",
    });
    expect(calls(github)[0]).toBe(
      "GET /repos/acme/my.lib/pulls?head=acme:releasio/release&base=main&state=open",
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain("SECRET");
    expect(remoteBranch(repo, "releasio/release")).not.toBeNull();
  });

  it("sends every call to a GitHub Enterprise host and links to it (79)", async () => {
    const repo = withFeature();
    repo.write(".releasio.toml", '[github]\napi_url = "https://ghe.example/api/v3"\n');
    repo.commit("chore: ghes");
    repo.push("HEAD:refs/heads/main");
    const github = await fake(repo, { host: "ghe.example" });
    const { payload } = await ok(repo, github, ["-x"]);
    expect(payload.pr?.url).toBe("https://ghe.example/acme/demo/pull/1");
    expect(github.calls.every((c) => c.host === "ghe.example")).toBe(true);
    expect(github.calls.length).toBeGreaterThan(0);
  });

  it("opens a GitLab merge request with comma-joined labels and refreshes it with PUT (80)", async () => {
    const repo = withFeature();
    repo.write(".releasio.toml", 'forge = "gitlab"\n');
    repo.commit("chore: gitlab");
    repo.push("HEAD:refs/heads/main");
    remoteUrl(repo, "https://gitlab.example/group/sub/demo.git");
    const gitlab = await startFakeGitLab({ host: "gitlab.example", projects: [{ path: "group/sub/demo" }] });
    try {
      const env = onlineEnv({ GITLAB_TOKEN: "glpat-maintainer", GITHUB_TOKEN: undefined });
      const first = await releasio(repo.dir, ["release-pr", "-x", "--json"], env, gitlab.fetch);
      expect(first.code).toBe(0);
      const created = v.parse(OUTPUT_SCHEMAS["release-pr"], first.json);
      expect(created.pr?.action).toBe("created");
      const post = gitlab.calls.find((c) => c.method === "POST" && c.path.endsWith("/merge_requests"));
      expect(post?.path).toBe("/projects/group%2Fsub%2Fdemo/merge_requests");
      expect((post?.body as { labels?: string } | undefined)?.labels).toBe("release");
      repo.commit("fix: later");
      repo.push("HEAD:refs/heads/main");
      const second = await releasio(repo.dir, ["release-pr", "-x", "--json"], env, gitlab.fetch);
      expect(second.code).toBe(0);
      expect(v.parse(OUTPUT_SCHEMAS["release-pr"], second.json).pr?.action).toBe("updated");
      expect(gitlab.calls.some((c) => c.method === "PUT" && /merge_requests\/1$/.test(c.path))).toBe(true);
      expect(gitlab.state.mergeRequests[0]!.description).toContain("later");
      expect(gitlab.violations).toEqual([]);
    } finally {
      await gitlab.close();
    }
  });
});
