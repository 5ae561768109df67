/**
 * Acceptance scenarios 13–33 (PRODUCT.md §13, "Versions"): bumps, breaking changes, 0.x, overrides,
 * normalisation, pre-releases, channels, tag selection, first releases, shallow clones and SCM versioning —
 * run end to end on real repositories.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { check } from "../../src/commands/check.js";
import { OUTPUT_SCHEMAS } from "../../src/commands/output-schemas.js";
import { update } from "../../src/commands/update.js";
import { compareVersions, parseVersion } from "../../src/core/version/pep440.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo, tempDir } from "../support/repo.js";
import {
  CaseBranches,
  checkJson,
  fakeIndex,
  onlineEnv,
  project,
  refsSnapshot,
  runFail,
  runOk,
  treeSnapshot,
  versionLine,
  warningCodes,
} from "./helpers-a.js";

afterAll(cleanupRepos);

/** F0 without its bare origin, for scenarios that never talk to the remote. */
const F0 = () => f0({ origin: false });

let sharedF0: CaseBranches | null = null;

/** F0 plus the given commits, oldest first, on a branch of one shared F0 (read-only cases only). */
function f0With(...messages: string[]): TestRepo {
  sharedF0 ??= new CaseBranches(F0(), "v1.0.0");
  return sharedF0.start(...messages);
}

/** A commit that sets the declared version, as a release commit or a hand edit would. */
function setVersion(repo: TestRepo, message: string, version: string): string {
  return repo.commit(message, { files: { "pyproject.toml": PYPROJECT(version) } });
}

describe("Versions", () => {
  it("13: a fix bumps patch", async () => {
    const repo = f0With("fix(api): handle null");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.0.1");
    expect(json.bump).toBe("patch");
    expect(json.commits[0]).toMatchObject({ type: "fix", scope: "api", reason: "patch-type", bump: "patch" });
  });

  it("13: a perf bumps patch, alone and after a fix", async () => {
    const alone = await checkJson(f0With("perf(io): stream").dir);
    expect(alone.code).toBe(0);
    expect(alone.json.next_version).toBe("1.0.1");
    expect(alone.json.commits[0]).toMatchObject({ type: "perf", reason: "patch-type", bump: "patch" });

    const both = await checkJson(f0With("fix(api): handle null", "perf(io): stream").dir);
    expect(both.code).toBe(0);
    expect(both.json.next_version).toBe("1.0.1");
    expect(both.json.commits).toHaveLength(2);
  });

  it.each([
    { what: "a ! header", message: "feat(api)!: drop v1", next: "2.0.0", breaking: true },
    {
      what: "a BREAKING CHANGE: footer",
      message: "fix: x\n\nBREAKING CHANGE: y",
      next: "2.0.0",
      breaking: true,
    },
    {
      what: "a BREAKING-CHANGE: footer",
      message: "fix: x\n\nBREAKING-CHANGE: y",
      next: "2.0.0",
      breaking: true,
    },
    {
      what: "a lower-case footer",
      message: "fix: x\n\nbreaking change: y",
      next: "1.0.1",
      breaking: false,
    },
    {
      what: "a mid-line BREAKING CHANGE:",
      message: "fix: x\n\nThis is not a BREAKING CHANGE: only prose.",
      next: "1.0.1",
      breaking: false,
    },
    {
      what: "BREAKING CHANGE in the subject",
      message: "fix: BREAKING CHANGE: in the subject",
      next: "1.0.1",
      breaking: false,
    },
  ])("14: $what → $next", async ({ message, next, breaking }) => {
    const { code, json } = await checkJson(f0With(message).dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe(next);
    expect(json.commits).toHaveLength(1);
    expect(json.commits[0]!.breaking).toBe(breaking);
    expect(json.commits[0]!.reason).toBe(breaking ? "breaking" : "patch-type");
    if (message.includes("\n\nBREAKING")) expect(json.commits[0]!.breaking_description).toBe("y");
  });

  it.each([
    ["feat!: x", "by default", "0.5.0", "minor"],
    ["fix: x", "by default", "0.4.3", "patch"],
    ["feat!: x", "with major_on_zero", "1.0.0", "major"],
  ])("15: on 0.4.2, %s %s → %s", async (commit, setting, next, bump) => {
    const files: Record<string, string> =
      setting === "with major_on_zero" ? { ".releasio.toml": "[version]\nmajor_on_zero = true\n" } : {};
    const repo = project({ version: "0.4.2", files });
    repo.commit(commit);
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v0.4.2");
    expect(json.next_version).toBe(next);
    expect(json.bump).toBe(bump);
  });

  it("16: the highest bump of the range wins", async () => {
    const repo = f0With("fix: a", "docs: b", "feat(cli): c", "fix: d", "refactor: e");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.1.0");
    expect(json.bump).toBe("minor");
    expect(json.commits.map((c) => c.reason)).toEqual([
      "no-bump-type",
      "patch-type",
      "minor-type",
      "no-bump-type",
      "patch-type",
    ]);
  });

  it("17: no commit since the last release → nothing to release, said plainly", async () => {
    const repo = f0();
    const human = await releasio(repo.dir, ["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n")[0]).toBe("Nothing to release since v1.0.0: no commits");
    expect(human.stdout).toMatch(/^Next version: none$/m);
  });

  it("17: a feat filtered out by scope_regex and a skipped fix are named by their reasons, not their types", async () => {
    const repo = f0();
    repo.commit("chore: scopes", { files: { ".releasio.toml": '[commits]\nscope_regex = "^api$"\n' } });
    repo.commits("feat(cli): z", "fix: y [skip release]", "docs: x");
    const human = await releasio(repo.dir, ["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      "Nothing to release since v1.0.0: 4 commits, none releasable (docs ×1, skip-marker ×1, scope-filtered ×1, chore ×1)",
    );
  });

  it.each([
    { kind: "docs, chore and ci", messages: ["docs: a", "chore: b", "ci: c"], reason: "no-bump-type" },
    { kind: "unconventional subjects", messages: ["Update README.md", "WIP"], reason: "unconventional" },
  ])("17: only $kind → nothing to release, and update -x changes nothing", async ({ messages, reason }) => {
    const repo = f0();
    repo.commits(...messages);

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({ release_needed: false, next_version: null, tag: null, bump: "none" });
    expect(json.commits).toHaveLength(messages.length);
    for (const commit of json.commits) expect(commit.reason).toBe(reason);

    const human = await releasio(repo.dir, ["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      `Nothing to release since v1.0.0: ${messages.length} commits, none releasable`,
    );
    expect(human.stdout).toMatch(/^Next version: none$/m);
    expect(human.stdout).toContain(
      reason === "unconventional" ? "(unconventional ×2)" : "(ci ×1, chore ×1, docs ×1)",
    );

    const tree = treeSnapshot(repo);
    const refs = refsSnapshot(repo);
    const remote = repo.git("ls-remote", "origin");
    const updated = await runOk("update", repo.dir, ["update", "-x"]);
    expect(updated.code).toBe(0);
    expect(updated.json).toMatchObject({
      applied: false,
      written: [],
      release_needed: false,
      dry_run: false,
    });
    expect(treeSnapshot(repo)).toEqual(tree);
    expect(refsSnapshot(repo)).toBe(refs);
    expect(repo.git("ls-remote", "origin")).toBe(remote);
  });

  it("18: a type added to types_patch bumps patch", async () => {
    const repo = project({
      files: { ".releasio.toml": '[commits]\ntypes_patch = ["fix", "perf", "docs"]\n' },
    });
    repo.commit("docs: x");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.0.1");
    expect(json.commits[0]!.reason).toBe("patch-type");
  });

  it("18: types_major = [perf] takes perf out of the default types_patch and bumps major", async () => {
    const repo = project({ files: { ".releasio.toml": '[commits]\ntypes_major = ["perf"]\n' } });
    repo.commit("perf: x");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("2.0.0");
    expect(json.commits[0]!.reason).toBe("major-type");
  });

  it.each([
    { commit: "feat: prepare", reason: "commits" },
    { commit: "fix: prepare", reason: "commits" },
    { commit: "docs: prepare", reason: "pending-version" },
  ])("19: a declared version ahead of the tag is not bumped again ($commit)", async ({ commit, reason }) => {
    const repo = f0With();
    setVersion(repo, commit, "1.1.0");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.current_version).toBe("1.1.0");
    expect(json.next_version).toBe("1.1.0");
    expect(json.tag).toBe("v1.1.0");
    expect(json.release_reason).toBe(reason);
  });

  it.each([
    { flag: "2.0.0", next: "2.0.0" },
    { flag: "v3.0.0", next: "3.0.0" },
  ])("20: update -x --version $flag writes $next", async ({ flag, next }) => {
    const repo = F0().commits("fix: a");
    const { code, json } = await runOk("update", repo.dir, ["update", "-x", "--version", flag]);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      applied: true,
      next_version: next,
      tag: `v${next}`,
      release_reason: "override",
    });
    expect(json.written).toContain("pyproject.toml");
    expect(versionLine(repo.read("pyproject.toml"))).toBe(`version = "${next}"`);
    expect(repo.read("CHANGELOG.md")).toContain(`## [${next}]`);
  });

  it.each([
    { flag: "banana", error: "E_VERSION_INVALID", mentions: ["banana"] },
    { flag: "0.9.0", error: "E_VERSION_NOT_INCREASING", mentions: ["0.9.0", "1.0.0", "v1.0.0"] },
  ])(
    "20: update -x --version $flag exits 2 with $error and changes nothing",
    async ({ flag, error, mentions }) => {
      const repo = F0().commits("fix: a");
      const tree = treeSnapshot(repo);
      const refs = refsSnapshot(repo);
      const { code, json } = await runFail(repo.dir, ["update", "-x", "--version", flag]);
      expect(code).toBe(2);
      expect(json.error.code).toBe(error);
      for (const text of mentions) expect(json.error.message).toContain(text);
      expect(treeSnapshot(repo)).toEqual(tree);
      expect(refsSnapshot(repo)).toBe(refs);
    },
  );

  describe("--version naming a version already tagged", () => {
    it("on a commit of the range: exits 2 naming the tag and its commit, not W_TAG_EXISTS_UNREACHABLE", async () => {
      const repo = F0().commits("feat: a");
      repo.tag("v1.1.0.dev1");
      const tagged = repo.git("rev-parse", "HEAD").trim();
      repo.commit("fix: b");
      const { code, json } = await runFail(repo.dir, ["check", "--version", "1.1.0.dev1"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_VERSION_NOT_INCREASING");
      expect(json.error.message).toBe(
        `--version 1.1.0.dev1 is already released: tag v1.1.0.dev1 is on commit ${tagged.slice(0, 7)} of HEAD's history`,
      );
      expect(json.warnings.map((w) => w.code)).not.toContain("W_TAG_EXISTS_UNREACHABLE");
    });

    it("below the previous release: found on HEAD's history as well", async () => {
      const repo = F0().commits("feat: a");
      repo.tag("v2.0.0a1");
      repo.commit("fix: b");
      repo.tag("v1.0.1");
      repo.commit("fix: c");
      const { code, json } = await runFail(repo.dir, ["check", "--version", "2.0.0a1"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_VERSION_NOT_INCREASING");
      expect(json.error.message).toContain("tag v2.0.0a1 is on commit");
    });

    it("on another branch: planned, with W_TAG_EXISTS_UNREACHABLE", async () => {
      const repo = F0();
      repo.git("checkout", "-q", "-b", "other");
      repo.commit("feat: elsewhere");
      repo.tag("v1.1.0.dev1");
      repo.git("checkout", "-q", "-");
      repo.commit("fix: b");
      const { code, json } = await checkJson(repo.dir, ["--version", "1.1.0.dev1"]);
      expect(code).toBe(0);
      expect(json.next_version).toBe("1.1.0.dev1");
      expect(json.warnings.filter((w) => w.code === "W_TAG_EXISTS_UNREACHABLE")).toEqual([
        {
          code: "W_TAG_EXISTS_UNREACHABLE",
          message: "tag v1.1.0.dev1 already exists on a commit not reachable from HEAD",
        },
      ]);
    });
  });

  it("21: --version 1.2.0-beta.1 is normalised to 1.2.0b1 in pyproject, JSON and tag", async () => {
    const repo = F0().commits("feat: a");
    const { code, json } = await runOk("update", repo.dir, ["update", "-x", "--version", "1.2.0-beta.1"]);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.2.0b1");
    expect(json.tag).toBe("v1.2.0b1");
    expect(versionLine(repo.read("pyproject.toml"))).toBe('version = "1.2.0b1"');
  });

  it("21: a SemVer-spelled declared version is reported canonically", async () => {
    const repo = project({ version: "1.2.3-beta.2", tag: "v1.0.0" });
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.current_version).toBe("1.2.3b2");
  });

  it("21: an invalid declared version exits 2 naming pyproject.toml", async () => {
    const repo = project({ version: "1.2.x", tag: "v1.0.0" });
    repo.commit("fix: a");
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_VERSION_INVALID");
    expect(json.error.message).toContain("pyproject.toml");
    expect(json.error.message).toContain("1.2.x");
  });

  describe("22: pre-release tokens", () => {
    let repo: TestRepo;
    beforeAll(() => {
      repo = f0With("feat: add export");
    });

    it.each([
      { flag: "alpha", token: "alpha", next: "1.1.0a1" },
      { flag: "a", token: "alpha", next: "1.1.0a1" },
      { flag: "beta", token: "beta", next: "1.1.0b1" },
      { flag: "b", token: "beta", next: "1.1.0b1" },
      { flag: "rc", token: "rc", next: "1.1.0rc1" },
      { flag: "c", token: "rc", next: "1.1.0rc1" },
      { flag: "dev", token: "dev", next: "1.1.0.dev1" },
    ])("22: --prerelease $flag → $next", async ({ flag, token, next }) => {
      const { code, json } = await checkJson(repo.dir, ["--prerelease", flag]);
      expect(code).toBe(0);
      expect(json.next_version).toBe(next);
      expect(json.tag).toBe(`v${next}`);
      expect(json.prerelease).toEqual({ token, source: "flag" });
    });

    it("22: --prerelease preview exits 2 listing the tokens", async () => {
      const { code, json } = await runFail(repo.dir, ["check", "--prerelease", "preview"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_PRERELEASE_TOKEN");
      for (const token of ["preview", "alpha", "beta", "rc", "dev"])
        expect(json.error.message).toContain(token);
    });
  });

  let betaBase: CaseBranches | null = null;

  /** v1.0.0, then `feat: new api` released as v1.1.0b1 (pyproject 1.1.0b1), then `commit`. */
  function betaLine(commit: string): TestRepo {
    if (betaBase === null) {
      const repo = F0();
      repo.commit("feat: new api");
      setVersion(repo, "chore(release): prepare demo v1.1.0b1", "1.1.0b1");
      repo.tag("v1.1.0b1");
      betaBase = new CaseBranches(repo, "v1.1.0b1");
    }
    return betaBase.start(commit);
  }

  it.each([
    ["fix: a", "beta", "1.1.0b2"],
    ["feat: b", "beta", "1.1.0b2"],
    ["feat!: c", "beta", "2.0.0b1"],
    ["fix: a", "rc", "1.1.0rc1"],
  ])("23: after v1.1.0b1, %s on a %s run → %s", async (commit, token, next) => {
    const { code, json } = await checkJson(betaLine(commit).dir, ["--prerelease", token]);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.1.0b1");
    expect(json.next_version).toBe(next);
  });

  it("23: a stable run after v1.1.0b1 finalises 1.1.0 from v1.0.0 with every commit since", async () => {
    const repo = betaLine("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.1.0");
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.commits.map((c) => c.subject)).toEqual([
      "fix: a",
      "chore(release): prepare demo v1.1.0b1",
      "feat: new api",
    ]);
    expect(json.changelog).toContain("- new api");
    expect(json.changelog).toContain("- a");
    expect(json.changelog).not.toContain("prepare demo");
  });

  it("24: a beta below a reachable rc exits 1 with E_PRERELEASE_REGRESSION", async () => {
    const repo = F0();
    repo.commit("feat: x");
    setVersion(repo, "chore(release): prepare demo v1.1.0rc1", "1.1.0rc1");
    repo.tag("v1.1.0rc1");
    repo.commit("fix: a");
    const { code, json } = await runFail(repo.dir, ["check", "--prerelease", "beta"]);
    expect(code).toBe(1);
    expect(json.error.code).toBe("E_PRERELEASE_REGRESSION");
    expect(json.error.message).toContain("1.1.0rc1");
  });

  it("25: version.pre_release makes check and update propose 1.0.1rc1", async () => {
    const repo = project({ files: { ".releasio.toml": '[version]\npre_release = "rc"\n' } });
    repo.commit("fix: a");

    const checked = await checkJson(repo.dir);
    expect(checked.code).toBe(0);
    expect(checked.json.next_version).toBe("1.0.1rc1");
    expect(checked.json.prerelease).toEqual({ token: "rc", source: "config" });

    const updated = await runOk("update", repo.dir, ["update", "-x"]);
    expect(updated.code).toBe(0);
    expect(updated.json.next_version).toBe("1.0.1rc1");
    expect(versionLine(repo.read("pyproject.toml"))).toBe('version = "1.0.1rc1"');
  });

  it("25: --prerelease overrides version.pre_release", async () => {
    const repo = project({ files: { ".releasio.toml": '[version]\npre_release = "rc"\n' } });
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir, ["--prerelease", "beta"]);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.0.1b1");
    expect(json.prerelease).toEqual({ token: "beta", source: "flag" });
  });

  const BETA_CHANNEL = '[branches.beta]\nmatch = "beta"\nprerelease = true\nprerelease_token = "beta"\n';

  it.each([
    { branch: "beta", next: "1.1.0b1", channel: "beta", prerelease: { token: "beta", source: "channel" } },
    { branch: "main", next: "1.1.0", channel: null, prerelease: { token: null, source: null } },
  ])("26: a beta channel on branch $branch → $next", async ({ branch, next, channel, prerelease }) => {
    const repo = project({ files: { ".releasio.toml": BETA_CHANNEL } });
    if (branch !== "main") repo.checkout(branch, true);
    repo.commit("feat: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.branch).toBe(branch);
    expect(json.channel).toBe(channel);
    expect(json.next_version).toBe(next);
    expect(json.prerelease).toEqual(prerelease);
  });

  it.each([
    { match: "release/*", branch: "release/1.0", matches: true },
    { match: "release/*", branch: "release/a/b", matches: true },
    { match: "release/*", branch: "release", matches: false },
    { match: "v1.x", branch: "v1.x", matches: true },
    { match: "v1.x", branch: "v1ax", matches: false },
  ])("26: channel match $match on branch $branch: $matches", async ({ match, branch, matches }) => {
    const config = `[branches.next]\nmatch = "${match}"\nprerelease = true\nprerelease_token = "rc"\n`;
    const repo = project({ files: { ".releasio.toml": config } });
    repo.checkout(branch, true);
    repo.commit("feat: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.channel).toBe(matches ? "next" : null);
    expect(json.next_version).toBe(matches ? "1.1.0rc1" : "1.1.0");
  });

  it("26: a pre-release channel without a token exits 2", async () => {
    const repo = project({
      files: { ".releasio.toml": '[branches.beta]\nmatch = "beta"\nprerelease = true\n' },
    });
    repo.commit("feat: a");
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_INVALID");
    expect(json.error.message).toContain(".releasio.toml");
    expect(json.error.message).toContain("branches.beta");
  });

  it("27: v1.0.0 outranks the older v1.0.0rc1 whatever the name sort says", async () => {
    const repo = project({ version: "1.0.0rc1" });
    setVersion(repo, "chore(release): prepare demo v1.0.0", "1.0.0");
    repo.tag("v1.0.0");
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.next_version).toBe("1.0.1");
    expect(json.commits).toHaveLength(1);
  });

  it("28: a higher tag on an unmerged branch is ignored with W_UNREACHABLE_TAG", async () => {
    const repo = F0();
    repo.checkout("experiment", true);
    repo.commit("feat!: redo everything");
    repo.tag("v2.0.0");
    repo.checkout("main");
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.next_version).toBe("1.0.1");
    const warning = json.warnings.find((w) => w.code === "W_UNREACHABLE_TAG");
    expect(warning?.message).toContain("v2.0.0");
  });

  it("28: a release tag dated after the commits above it (clock skew) is still the previous release", async () => {
    const repo = F0();
    repo.commit("chore(release): 1.1.0", {
      files: { "pyproject.toml": PYPROJECT("1.1.0") },
      date: 2_000_000_000,
    });
    repo.tag("v1.1.0");
    repo.commit("fix: a");
    repo.commit("fix: b");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.1.0");
    expect(json.next_version).toBe("1.1.1");
    expect(json.commits.map((c) => c.subject)).toEqual(["fix: b", "fix: a"]);
  });

  it("28: commits above a merge are read once, with the merged branch's commits below it, in git's order", async () => {
    const repo = F0();
    repo.checkout("topic", true).commits("feat: on topic");
    repo.checkout("main").commits("fix: on main").merge("topic");
    repo.commits("fix: a", "fix: b");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0");
    const expected = repo.git("log", "--format=%H", "v1.0.0..HEAD").trim().split("\n");
    expect(json.commits.map((c) => c.sha)).toEqual(expected);
    expect(json.commits).toHaveLength(5);
    expect(json.next_version).toBe("1.1.0");
  });

  it("28: tags with fewer than three components or another prefix are not release tags", async () => {
    const repo = F0();
    repo.tag("very-old", { lightweight: true });
    repo.commit("fix: a");
    for (const name of ["v1", "v1.0", "v9", "v9.9", "docs-build-7"]) repo.tag(name);
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.next_version).toBe("1.0.1");
    expect(json.commits).toHaveLength(1);
  });

  it("28: an empty tag_prefix reads and writes bare version tags", async () => {
    const repo = project({
      version: "1.2.3",
      tag: "1.2.3",
      files: { ".releasio.toml": '[version]\ntag_prefix = ""\n' },
    });
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("1.2.3");
    expect(json.next_version).toBe("1.2.4");
    expect(json.tag).toBe("1.2.4");
  });

  it("28: bare version tags under the default prefix warn W_TAG_PREFIX_MISMATCH with the setting to use", async () => {
    const repo = project({ version: "1.2.3", tag: "1.2.3" });
    repo.tag("1.2.3.dev0");
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir, ["--offline"]);
    expect(code).toBe(0);
    expect(json.first_release).toBe(true);
    const warning = json.warnings.find((w) => w.code === "W_TAG_PREFIX_MISMATCH");
    expect(warning?.message).toContain("2 tags such as '1.2.3' look like releases with the prefix ''");
    expect(warning?.message).toContain('version.tag_prefix = ""');

    // With the prefix set, the tags are the releases and the warning is gone.
    repo.write(".releasio.toml", '[version]\ntag_prefix = ""\n');
    const fixed = await checkJson(repo.dir);
    expect(fixed.json.previous_tag).toBe("1.2.3");
    expect(fixed.json.warnings.map((w) => w.code)).not.toContain("W_TAG_PREFIX_MISMATCH");
  });

  describe("Release-As footers", () => {
    it("a Release-As footer sets the next version, says so, and update writes it", async () => {
      const repo = F0();
      repo.commit("fix: a");
      const sha = repo.commit("chore: release 2.0.0\n\nRelease-As: 2.0.0");
      const { code, json } = await checkJson(repo.dir);
      expect(code).toBe(0);
      expect(json).toMatchObject({
        next_version: "2.0.0",
        tag: "v2.0.0",
        bump: "patch",
        release_reason: "override",
      });
      const warning = json.warnings.find((w) => w.code === "W_RELEASE_AS");
      expect(warning?.message).toBe(
        `commit ${sha.slice(0, 7)} sets the next version to 2.0.0 with a Release-As footer (the commits alone bump patch)`,
      );
      const human = await releasio(repo.dir, ["check"], cleanEnv());
      expect(human.stdout).toContain("demo 1.0.0 → 2.0.0 (override)");

      const updated = await runOk("update", repo.dir, ["update", "-x"]);
      expect(updated.code).toBe(0);
      expect(versionLine(repo.read("pyproject.toml"))).toBe('version = "2.0.0"');
      expect(repo.read("CHANGELOG.md")).toContain("## [2.0.0]");
    });

    it("--version wins over a footer, and a released footer no longer counts", async () => {
      const repo = F0();
      const sha = repo.commit("fix: a\n\nRelease-As: 2.0.0");
      const flagged = await checkJson(repo.dir, ["--version", "3.0.0"]);
      expect(flagged.json.next_version).toBe("3.0.0");
      expect(flagged.json.release_reason).toBe("override");
      expect(flagged.json.warnings.filter((w) => w.code === "W_RELEASE_AS")).toEqual([
        {
          code: "W_RELEASE_AS",
          message: `the --version flag (3.0.0) overrides the Release-As footer of commit ${sha.slice(0, 7)} (2.0.0)`,
        },
      ]);

      setVersion(repo, "chore(release): 2.0.0", "2.0.0");
      repo.tag("v2.0.0");
      repo.commit("fix: b");
      const { json } = await checkJson(repo.dir);
      expect(json.next_version).toBe("2.0.1");
      expect(json.release_reason).toBe("commits");
    });

    it("with --prerelease the footer's version is the base of the pre-release, then of the final", async () => {
      const repo = F0();
      repo.commits("feat: a", "docs: plan\n\nRelease-As: 2.0.0");
      const { json } = await checkJson(repo.dir, ["--prerelease", "rc"]);
      expect(json.next_version).toBe("2.0.0rc1");
      repo.tag("v2.0.0rc1");
      const final = await checkJson(repo.dir);
      expect(final.json.next_version).toBe("2.0.0");

      // A footer that asked for the pre-release itself is done with once it is tagged: the commits decide.
      const beta = F0();
      beta.commits("fix!: drop Python 3.8\n\nRelease-As: 2.0.0b1");
      beta.tag("v2.0.0b1");
      const stable = await checkJson(beta.dir);
      expect(stable.json.next_version).toBe("2.0.0");
      expect(stable.json.release_reason).toBe("commits");
      expect(stable.json.warnings.map((w) => w.code)).not.toContain("W_RELEASE_AS_IGNORED");
    });

    it.each([
      ["banana", "is not a valid version"],
      ["0.5.0", "is not greater than the previous release 1.0.0 (v1.0.0)"],
    ])("an ignored newest footer (%s) is as if absent: the newest valid one wins", async (value, why) => {
      const repo = f0With("fix: a\n\nRelease-As: 3.0.0", `feat: b\n\nRelease-As: ${value}`);
      const valid = repo.git("rev-parse", "--short=7", "HEAD~1").trim();
      const ignored = repo.git("rev-parse", "--short=7", "HEAD").trim();
      const { code, json } = await checkJson(repo.dir);
      expect(code).toBe(0);
      expect(json.next_version).toBe("3.0.0");
      expect(json.release_reason).toBe("override");
      expect(json.warnings.filter((w) => w.code.startsWith("W_RELEASE_AS"))).toEqual([
        {
          code: "W_RELEASE_AS_IGNORED",
          message: `commit ${ignored}: Release-As '${value}' ${why}; it is ignored`,
        },
        {
          code: "W_RELEASE_AS",
          message: `commit ${valid} sets the next version to 3.0.0 with a Release-As footer (the commits alone bump minor)`,
        },
      ]);
    });

    it("a footer below the previous release is ignored with W_RELEASE_AS_IGNORED", async () => {
      const repo = f0With("feat: a\n\nRelease-As: 0.9.0");
      const { code, json } = await checkJson(repo.dir);
      expect(code).toBe(0);
      expect(json.next_version).toBe("1.1.0");
      expect(json.release_reason).toBe("commits");
      const warning = json.warnings.find((w) => w.code === "W_RELEASE_AS_IGNORED");
      expect(warning?.message).toContain(
        "Release-As '0.9.0' is not greater than the previous release 1.0.0 (v1.0.0)",
      );
    });
  });

  it("29: a post release is the previous release and the next fix bumps its base", async () => {
    const repo = F0();
    setVersion(repo, "fix: hot", "1.0.0.post1");
    repo.tag("v1.0.0.post1");
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0.post1");
    expect(json.next_version).toBe("1.0.1");
  });

  it("29: PEP 440 ordering: epochs, dev < pre < final < post, trailing zeros", () => {
    const cmp = (a: string, b: string) => Math.sign(compareVersions(parseVersion(a), parseVersion(b)));
    expect(cmp("1!0.1.0", "2.0.0")).toBe(1);
    const ascending = ["1.1.0.dev1", "1.1.0a1", "1.1.0", "1.1.0.post1"];
    for (let i = 1; i < ascending.length; i++) expect(cmp(ascending[i - 1]!, ascending[i]!)).toBe(-1);
    expect(cmp("1.0", "1.0.0")).toBe(0);
  });

  it("30: HEAD tagged v1.0.0 → nothing to release", async () => {
    const repo = F0();
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      previous_tag: "v1.0.0",
      release_needed: false,
      next_version: null,
      tag: null,
      bump: "none",
      commits: [],
    });

    const human = await releasio(repo.dir, ["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Next version: none$/m);
    const previous = /^Previous release: v1\.0\.0 \([0-9a-f]{7}, \d{4}-\d{2}-\d{2}\)$/m;
    expect(human.stdout).toMatch(previous);
    const dryRun = await releasio(repo.dir, ["update"]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(previous);
  });

  it("30: the previous release's date is its tag's UTC day, the same as the changelog's", async () => {
    const repo = F0();
    repo.commit("feat: add export");
    // Late in the evening west of UTC: already the next day in UTC.
    const evening = "2025-01-02T23:30:00-05:00";
    execFileSync("git", ["tag", "-a", "v1.1.0", "-m", "Release v1.1.0"], {
      cwd: repo.dir,
      env: { ...process.env, GIT_COMMITTER_DATE: evening },
    });
    repo.commit("fix: after the release");

    const human = await releasio(repo.dir, ["check"]);
    expect(human.stdout).toMatch(/^Previous release: v1\.1\.0 \([0-9a-f]{7}, 2025-01-03\)$/m);
    const changelog = await releasio(repo.dir, ["changelog"]);
    expect(changelog.stdout).toMatch(/^## \[1\.1\.0\].* - 2025-01-03$/m);
  });

  describe("31: first release", () => {
    /** No tags: pyproject `version` (or none) plus optional config. */
    function untagged(version: string | null, config?: string): TestRepo {
      return project({
        tag: null,
        pyproject: version === null ? '[project]\nname = "demo"\n' : PYPROJECT(version),
        files: config ? { ".releasio.toml": config } : {},
      });
    }

    it("31: a declared 0.1.0 unknown to the index (404) is released as is", async () => {
      const repo = untagged("0.1.0");
      const index = fakeIndex([]);
      const json = v.parse(
        OUTPUT_SCHEMAS.check,
        await check({ cwd: repo.dir, env: onlineEnv(), fetch: index.fetch, offline: false }),
      );
      expect(json.exit_code).toBe(0);
      expect(json).toMatchObject({
        next_version: "0.1.0",
        tag: "v0.1.0",
        first_release: true,
        release_reason: "first-release",
        previous_tag: null,
      });
      expect(index.requests).toEqual(["https://pypi.org/pypi/demo/0.1.0/json"]);
      expect(warningCodes(json)).not.toContain("W_INDEX_UNCHECKED");
    });

    it("31: update -x of a first release leaves the version line unchanged", async () => {
      const repo = untagged("0.1.0");
      const before = repo.read("pyproject.toml");
      const index = fakeIndex([]);
      const json = v.parse(
        OUTPUT_SCHEMAS.update,
        await update({ cwd: repo.dir, env: onlineEnv(), fetch: index.fetch, offline: false, execute: true }),
      );
      expect(json.exit_code).toBe(0);
      expect(json.applied).toBe(true);
      expect(json.next_version).toBe("0.1.0");
      expect(repo.read("pyproject.toml")).toBe(before);
      expect(json.written).toEqual(["CHANGELOG.md"]);
      expect(repo.read("CHANGELOG.md")).toContain("## [0.1.0]");
    });

    it("31: a declared 0.1.0 already on the index (200) plus a feat → 0.2.0", async () => {
      const repo = untagged("0.1.0");
      repo.commit("feat: add export");
      const index = fakeIndex(["0.1.0"]);
      const json = v.parse(
        OUTPUT_SCHEMAS.check,
        await check({ cwd: repo.dir, env: onlineEnv(), fetch: index.fetch, offline: false }),
      );
      expect(json.exit_code).toBe(0);
      expect(json.next_version).toBe("0.2.0");
      expect(json.bump).toBe("minor");
      expect(index.requests).toEqual(["https://pypi.org/pypi/demo/0.1.0/json"]);
    });

    it("31: an index that cannot answer is named in W_INDEX_UNCHECKED, with what --offline would spare", async () => {
      const repo = untagged("0.1.0");
      const down: HttpFetch = async () => new Response("unavailable", { status: 503 });
      const failing: HttpFetch = async () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }),
        });
      };
      const messages: string[] = [];
      for (const fetch of [down, failing]) {
        const json = await check({ cwd: repo.dir, env: onlineEnv(), fetch, offline: false });
        expect(json.next_version).toBe("0.1.0");
        messages.push(json.warnings.find((w) => w.code === "W_INDEX_UNCHECKED")?.message ?? "");
      }
      expect(messages).toEqual([
        "could not ask the index whether demo 0.1.0 is already released (HTTP 503 from pypi.org); treating it as unreleased; --offline skips the question",
        "could not ask the index whether demo 0.1.0 is already released (cannot reach pypi.org: fetch failed: ENOTFOUND); treating it as unreleased; --offline skips the question",
      ]);
      const offline = await check({ cwd: repo.dir, env: onlineEnv(), offline: true });
      expect(offline.warnings.find((w) => w.code === "W_INDEX_UNCHECKED")?.message).toBe(
        "could not ask the index whether demo 0.1.0 is already released (offline); treating it as unreleased",
      );
    });

    it("31: a tag for the declared version on another branch answers the question: the index is not asked", async () => {
      const repo = untagged("1.4.2");
      repo.git("checkout", "-q", "-b", "side");
      repo.commit("fix: on the side");
      repo.tag("v1.4.2");
      repo.git("checkout", "-q", "-");
      repo.commit("feat: add export");
      const index = fakeIndex([]);
      for (const offline of [false, true]) {
        const json = v.parse(
          OUTPUT_SCHEMAS.check,
          await check({ cwd: repo.dir, env: onlineEnv(), fetch: index.fetch, offline }),
        );
        expect(json.next_version).toBe("1.5.0");
        expect(json.release_reason).toBe("commits");
        expect(warningCodes(json)).not.toContain("W_INDEX_UNCHECKED");
      }
      expect(index.requests).toEqual([]);
    });

    it("31: --offline keeps 0.1.0 and warns W_INDEX_UNCHECKED", async () => {
      const repo = untagged("0.1.0");
      const { code, json } = await checkJson(repo.dir, ["--offline"], onlineEnv());
      expect(code).toBe(0);
      expect(json.next_version).toBe("0.1.0");
      expect(json.first_release).toBe(true);
      expect(warningCodes(json)).toContain("W_INDEX_UNCHECKED");
      // The summary names the first release instead of drawing 0.1.0 → 0.1.0 as a bump.
      const human = await releasio(repo.dir, ["check", "--offline"], onlineEnv());
      expect(human.stdout.split("\n")[0]).toBe("demo 0.1.0 (first release)");
      const dry = await releasio(repo.dir, ["update", "--offline"], onlineEnv());
      expect(dry.stdout.split("\n")[0]).toBe("DRY-RUN: would update demo 0.1.0 (first release)");
    });

    it("31: a placeholder 0.0.0 becomes the initial version 0.1.0", async () => {
      const repo = untagged("0.0.0");
      const { code, json } = await checkJson(repo.dir);
      expect(code).toBe(0);
      expect(json.next_version).toBe("0.1.0");
      expect(json.release_reason).toBe("first-release");
      // A placeholder is never released: the index has nothing to answer about it.
      expect(warningCodes(json)).not.toContain("W_INDEX_UNCHECKED");
      const human = await releasio(repo.dir, ["check"]);
      expect(human.stdout.split("\n")[0]).toBe("demo 0.0.0 → 0.1.0 (first release)");
    });

    it("31: initial_version = 1.0.0 without a declared version → 1.0.0", async () => {
      const repo = untagged(null, '[version]\ninitial_version = "1.0.0"\n');
      const { code, json } = await checkJson(repo.dir);
      expect(code).toBe(0);
      expect(json.next_version).toBe("1.0.0");
      expect(json.first_release).toBe(true);
    });

    it("31: --prerelease alpha on a first release → 0.1.0a1", async () => {
      const { code, json } = await checkJson(untagged("0.1.0").dir, ["--prerelease", "alpha"]);
      expect(code).toBe(0);
      expect(json.next_version).toBe("0.1.0a1");
      expect(json.tag).toBe("v0.1.0a1");
    });
  });

  describe("32: shallow clones", () => {
    let origin: string;
    beforeAll(() => {
      const repo = f0();
      for (let i = 1; i <= 30; i++) repo.commit(`fix: change ${i}`);
      repo.push();
      origin = repo.origin!;
    });

    function shallowClone(): string {
      const dir = join(tempDir(), "clone");
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${origin}`, dir]);
      return dir;
    }

    it("32: a depth-1 clone is deepened (W_SHALLOW_DEEPENED) and finds v1.0.0", async () => {
      const dir = shallowClone();
      const { code, json } = await checkJson(dir, [], onlineEnv());
      expect(code).toBe(0);
      expect(warningCodes(json)).toContain("W_SHALLOW_DEEPENED");
      expect(json.previous_tag).toBe("v1.0.0");
      expect(json.first_release).toBe(false);
      expect(json.next_version).toBe("1.0.1");
      expect(json.commits).toHaveLength(30);
    });

    it("32: an unreachable remote exits 1 with E_SHALLOW_CLONE mentioning fetch-depth: 0", async () => {
      const dir = shallowClone();
      execFileSync("git", ["remote", "set-url", "origin", `file://${join(tempDir(), "gone.git")}`], {
        cwd: dir,
      });
      const { code, json } = await runFail(dir, ["check"], onlineEnv());
      expect(code).toBe(1);
      expect(json.error.code).toBe("E_SHALLOW_CLONE");
      expect(`${json.error.message} ${json.error.hint}`).toContain("fetch-depth: 0");
    });
  });

  it("33: with a VCS-sourced dynamic version the current version comes from the tag and only the changelog changes", async () => {
    const pyproject =
      '[project]\nname = "demo"\ndynamic = ["version"]\n\n[build-system]\nrequires = ["hatchling", "hatch-vcs"]\n' +
      'build-backend = "hatchling.build"\n\n[tool.hatch.version]\nsource = "vcs"\n';
    const repo = project({ pyproject });
    repo.commit("feat: add export");

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.current_version).toBe("1.0.0");
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.next_version).toBe("1.1.0");
    expect(json.files).toEqual([{ path: "CHANGELOG.md", kind: "changelog", from: null, to: "1.1.0" }]);

    const updated = await runOk("update", repo.dir, ["update", "-x"]);
    expect(updated.code).toBe(0);
    expect(updated.json.written).toEqual(["CHANGELOG.md"]);
    expect(repo.read("pyproject.toml")).toBe(pyproject);
  });
});
