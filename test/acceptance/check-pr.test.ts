/** check-pr acceptance scenarios (PRODUCT.md §13, 118–122) and the sticky `--comment`. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { OUTPUT_SCHEMAS } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../support/fake-github.js";
import { cleanupRepos, f0, type TestRepo, tempDir } from "../support/repo.js";
import { strictFakes } from "../support/strict-fakes.js";
import { onlineEnv, warningCodes } from "./helpers-a.js";

type Payload = v.InferOutput<(typeof OUTPUT_SCHEMAS)["check-pr"]>;

afterAll(cleanupRepos);
const fakes = strictFakes<FakeGitHub>();

let shared: TestRepo | null = null;
/** One F0 repository for the read-only cases. */
function repo(): TestRepo {
  shared ??= f0();
  return shared;
}

/** `check-pr --json` with the payload validated against the schema; valid titles exit 0, invalid ones 1. */
async function checkPr(args: string[], env: Record<string, string | undefined> = {}, cwd = repo().dir) {
  const result = await releasio(cwd, ["check-pr", ...args, "--json"], cleanEnv(env));
  const payload = v.parse(OUTPUT_SCHEMAS["check-pr"], result.json) as Payload;
  expect(result.code).toBe(payload.exit_code);
  expect(payload.ok).toBe(payload.exit_code === 0);
  return { ...result, payload };
}

function configured(toml: string): TestRepo {
  const r = f0();
  r.write(".releasio.toml", toml);
  r.commit("chore: config");
  return r;
}

describe("valid titles (scenario 118)", () => {
  it("reports type, scope, breaking and the implied bump", async () => {
    const { code, payload } = await checkPr(["--title", "feat(api)!: redesign"]);
    expect(code).toBe(0);
    expect(payload).toMatchObject({
      command: "check-pr",
      valid: true,
      source: "flag",
      type: "feat",
      scope: "api",
      breaking: true,
      description: "redesign",
      bump: "major",
      problems: [],
      comment: null,
      error: null,
    });
  });

  it("accepts an upper-case type", async () => {
    const { code, payload } = await checkPr(["--title", "FEAT: upper"]);
    expect(code).toBe(0);
    expect(payload.type).toBe("feat");
  });

  it("prints the verdict and Breaking change! for humans", async () => {
    const result = await releasio(repo().dir, ["check-pr", "--title", "feat(api)!: redesign"], cleanEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("type: feat");
    expect(result.stdout).toContain("bump: major");
    expect(result.stdout).toContain("Breaking change!");
  });
});

describe("the bump of a breaking title on 0.x (§6.3 rule 6)", () => {
  it("is minor when the highest release is 0.x, major with major_on_zero, as check says", async () => {
    const r = f0({ version: "0.3.0" });
    const { payload } = await checkPr(["--title", "feat(cli)!: x"], {}, r.dir);
    expect(payload.bump).toBe("minor");
    const onZero = await checkPr(
      ["--title", "feat(cli)!: x"],
      { RELEASIO_VERSION_MAJOR_ON_ZERO: "true" },
      r.dir,
    );
    expect(onZero.payload.bump).toBe("major");
    r.commit("feat(cli)!: x");
    const check = await releasio(r.dir, ["check", "--json"], cleanEnv());
    expect(check.json.next_version).toBe("0.4.0");
  });

  it("follows the declared version without a release tag", async () => {
    const zero = f0({ version: "0.9.0", tag: null });
    expect((await checkPr(["--title", "fix!: x"], {}, zero.dir)).payload.bump).toBe("minor");
    const one = f0({ version: "1.2.0", tag: null });
    expect((await checkPr(["--title", "fix!: x"], {}, one.dir)).payload.bump).toBe("major");
  });
});

describe("invalid titles exit 1 (scenario 119)", () => {
  it.each([
    ["Updated the code", "format"],
    ["unknown: x", "type"],
    ["   ", "empty"],
    [`feat: ${"x".repeat(95)}`, "too-long"],
    ["feat:add", "format"],
  ])("%j → %s", async (title, code) => {
    const result = await checkPr(["--title", title]);
    expect(result.code).toBe(1);
    expect(result.payload.valid).toBe(false);
    expect(result.payload.problems[0]!.code).toBe(code);
    expect(result.payload.error?.code).toBe("E_PR_TITLE_INVALID");
    expect(result.payload.error?.message).toBe(`invalid PR title: ${result.payload.problems[0]!.message}`);
  });

  it("lists the allowed types for an unknown one and prints format and three examples", async () => {
    const { payload } = await checkPr(["--title", "unknown: x"]);
    expect(payload.problems[0]!.message).toContain(
      "feat, fix, docs, style, refactor, perf, test, build, ci, chore, revert",
    );
    const human = await releasio(repo().dir, ["check-pr", "--title", "unknown: x"], cleanEnv());
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("Expected format: type(scope)!: description");
    expect(human.stdout.split("\n").filter((l) => /^ {2}\w+(\(\w+\))?!?: /.test(l))).toHaveLength(3);
    expect(human.stderr).toContain("error[E_PR_TITLE_INVALID]");
  });
});

describe("scopes (scenario 120)", () => {
  it("--require-scope rejects a title without one", async () => {
    expect((await checkPr(["--title", "feat: x", "--require-scope"])).code).toBe(1);
    expect((await checkPr(["--title", "feat(api): x", "--require-scope"])).code).toBe(0);
  });

  it("check_pr.allowed_scopes limits the scope", async () => {
    const r = configured('[check_pr]\nallowed_scopes = ["api"]\n');
    const bad = await checkPr(["--title", "feat(cli): x"], {}, r.dir);
    expect(bad.code).toBe(1);
    expect(bad.payload.problems.map((p) => p.code)).toEqual(["scope"]);
    expect((await checkPr(["--title", "feat(api): x"], {}, r.dir)).code).toBe(0);
  });

  it("check_pr.require_scope and max_length apply from the configuration", async () => {
    const r = configured("[check_pr]\nrequire_scope = true\nmax_length = 20\n");
    const result = await checkPr(["--title", "feat: a rather long description"], {}, r.dir);
    expect(result.payload.problems.map((p) => p.code)).toEqual(["too-long", "scope-required"]);
  });
});

describe("title sources (scenario 121)", () => {
  it("reads GITHUB_PR_TITLE and CI_MERGE_REQUEST_TITLE as source env", async () => {
    expect((await checkPr([], { GITHUB_PR_TITLE: "fix: a" })).payload).toMatchObject({
      source: "env",
      type: "fix",
    });
    expect((await checkPr([], { CI_MERGE_REQUEST_TITLE: "docs: b" })).payload).toMatchObject({
      source: "env",
      type: "docs",
    });
  });

  it("prefers --title over the environment", async () => {
    const { payload } = await checkPr(["--title", "feat: flag"], { GITHUB_PR_TITLE: "fix: env" });
    expect(payload).toMatchObject({ source: "flag", type: "feat" });
  });

  it("reads pull_request.title of the event file as source event", async () => {
    const event = join(tempDir(), "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { title: "perf: faster", number: 7 } }));
    const { payload } = await checkPr([], { GITHUB_EVENT_PATH: event });
    expect(payload).toMatchObject({ source: "event", type: "perf", bump: "patch" });
  });

  it("treats a malformed event file as absent: E_PR_TITLE_MISSING, exit 2", async () => {
    const event = join(tempDir(), "event.json");
    writeFileSync(event, "{ not json");
    const result = await releasio(repo().dir, ["check-pr", "--json"], cleanEnv({ GITHUB_EVENT_PATH: event }));
    expect(result.code).toBe(2);
    const json = v.parse(OUTPUT_SCHEMAS["check-pr"].entries.error, result.json.error);
    expect(json?.code).toBe("E_PR_TITLE_MISSING");
    expect(result.json.ok).toBe(false);
  });
});

describe("allowed types (scenario 122)", () => {
  it("accepts standard, configured and custom parser types", async () => {
    expect((await checkPr(["--title", "refactor: x"])).payload.valid).toBe(true);
    const r = configured(
      '[commits]\ntypes_patch = ["hotfix"]\n[[commits.commit_parsers]]\npattern = "^ticket: (?P<description>.*)"\ntype = "ticket"\n[check_pr]\nextra_types = ["deps"]\n',
    );
    for (const title of ["hotfix: x", "ticket: y", "deps: bump z"]) {
      const { payload } = await checkPr(["--title", title], {}, r.dir);
      expect(payload.valid).toBe(true);
    }
    expect((await checkPr(["--title", "hotfix: x"], {}, r.dir)).payload.bump).toBe("patch");
    expect((await checkPr(["--title", "hotfix: x"], {}, r.dir)).payload.allowed_types).toEqual(
      expect.arrayContaining(["hotfix", "ticket", "deps"]),
    );
  });
});

describe("--comment: one sticky comment", () => {
  async function setup(options: Parameters<typeof startFakeGitHub>[0] = {}) {
    const r = f0();
    const github = await startFakeGitHub({ bare: r.origin!, ...options });
    fakes.push(github);
    github.state.pulls.push({
      number: 5,
      title: "x",
      body: "",
      head: "feature",
      base: "main",
      state: "open",
      merged: false,
      merge_commit_sha: null,
      draft: false,
      labels: [],
      user: "someone",
    });
    const event = join(tempDir(), "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 5, title: "ignored" } }));
    const env = (title: string, extra: Record<string, string | undefined> = {}) =>
      onlineEnv({
        GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
        RELEASIO_GITHUB_OWNER: "acme",
        RELEASIO_GITHUB_REPO: "demo",
        GITHUB_EVENT_PATH: event,
        GITHUB_BASE_REF: "main",
        GITHUB_PR_TITLE: title,
        ...extra,
      });
    const run = async (title: string, extra: Record<string, string | undefined> = {}) => {
      const result = await releasio(
        r.dir,
        ["check-pr", "--comment", "--json"],
        env(title, extra),
        github.fetch,
      );
      return { ...result, payload: v.parse(OUTPUT_SCHEMAS["check-pr"], result.json) as Payload };
    };
    return { r, github, run };
  }

  it("offline (--offline or RELEASIO_OFFLINE), posts nothing and says so", async () => {
    const { r, github } = await setup();
    const event = join(tempDir(), "event.json");
    writeFileSync(event, JSON.stringify({ pull_request: { number: 5, title: "feat: add search" } }));
    const base = {
      GITHUB_TOKEN: FAKE_GITHUB_TOKEN,
      RELEASIO_GITHUB_OWNER: "acme",
      RELEASIO_GITHUB_REPO: "demo",
    };
    const runs = [
      { args: ["--offline"], env: onlineEnv({ ...base, GITHUB_EVENT_PATH: event }) },
      { args: [], env: cleanEnv({ ...base, GITHUB_EVENT_PATH: event, RELEASIO_OFFLINE: "true" }) },
    ];
    for (const { args, env } of runs) {
      const cli = await releasio(r.dir, ["check-pr", "--comment", "--json", ...args], env, github.fetch);
      const result = { ...cli, payload: v.parse(OUTPUT_SCHEMAS["check-pr"], cli.json) as Payload };
      expect(result.code).toBe(0);
      expect(result.payload.comment).toBeNull();
      expect(result.payload.warnings).toEqual([
        { code: "W_OFFLINE_SKIPPED", message: "offline: did not post the check-pr comment" },
      ]);
    }
    expect(github.calls).toEqual([]);
    expect(github.state.comments).toHaveLength(0);
  });

  it("creates the comment with the impact of merging, then edits it and never adds a second", async () => {
    const { r, github, run } = await setup();
    const before = r.git("for-each-ref");
    const first = await run("feat: add search");
    expect(first.code).toBe(0);
    expect(first.payload.comment).toMatchObject({ action: "created" });
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /repos/acme/demo/issues/5/comments",
      "POST /repos/acme/demo/issues/5/comments",
    ]);
    expect(github.state.comments).toHaveLength(1);
    const body = github.state.comments[0]!.body;
    expect(body.startsWith("<!-- releasio:check-pr -->\n")).toBe(true);
    expect(body).toContain("bumps 1.0.0 → 1.1.0");
    expect(body).toContain("- add search");

    const second = await run("fix: add search");
    expect(second.payload.comment?.action).toBe("updated");
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain("bumps 1.0.0 → 1.0.1");

    github.resetCalls();
    const third = await run("fix: add search");
    expect(third.payload.comment?.action).toBe("unchanged");
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /repos/acme/demo/issues/5/comments",
    ]);
    expect(github.state.comments).toHaveLength(1);

    const invalid = await run("Add search");
    expect(invalid.code).toBe(1);
    expect(invalid.payload.comment?.action).toBe("updated");
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.comments[0]!.body).toContain("not a valid conventional commit");

    const none = await run("docs: explain search");
    expect(none.payload.comment?.action).toBe("updated");
    expect(github.state.comments[0]!.body).toContain("no release");
    // The user's checkout is untouched (only the remote-tracking ref of the base may be refreshed).
    expect(r.git("for-each-ref").replace(/^.*refs\/remotes.*$/gm, "")).toBe(
      before.replace(/^.*refs\/remotes.*$/gm, ""),
    );
    expect(r.status()).toBe("");
    expect(r.git("worktree", "list").trim().split("\n")).toHaveLength(1);
  });

  it("warns W_PR_COMMENT_FAILED when the token may not write (fork PRs); the exit code follows the title", async () => {
    const { run } = await setup({ permissions: { pull_requests: "read" } });
    const result = await run("feat: add search");
    expect(result.code).toBe(0);
    expect(result.payload.comment).toBeNull();
    expect(warningCodes(result.payload)).toContain("W_PR_COMMENT_FAILED");
  });

  it("warns W_PR_COMMENT_FAILED without a token or a PR number", async () => {
    const { run } = await setup();
    const noToken = await run("feat: x", { GITHUB_TOKEN: undefined, CI: "true" });
    expect(noToken.code).toBe(0);
    expect(warningCodes(noToken.payload)).toContain("W_PR_COMMENT_FAILED");
    const noNumber = await run("nope", { GITHUB_EVENT_PATH: undefined });
    expect(noNumber.code).toBe(1);
    expect(warningCodes(noNumber.payload)).toContain("W_PR_COMMENT_FAILED");
  });
});
