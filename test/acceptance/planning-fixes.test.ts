/**
 * Planning after a pre-release line (PRODUCT.md §6.8, §6.9) and commit parsing (§6.3–6.5), end to end: a stable
 * run finalises a tagged pre-release line, a pre-release's release commit never makes a later version pending,
 * and reverts, Gitmoji and breaking footers are read whatever the conventional fallback says.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { CliResult } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, type TestRepo } from "../support/repo.js";
import { commitBySubject, env, fixture, json, sectionEntries } from "./helpers-b.js";

afterAll(cleanupRepos);

const check = (repo: TestRepo, extra: Record<string, string> = {}) =>
  json(repo.dir, "check", ["check"], env(extra));
const updateX = (repo: TestRepo, args: string[] = []) =>
  json(repo.dir, "update", ["update", "-x", ...args], env());

/** A commit that sets the declared version, as a release commit or a hand edit would. */
function setVersion(repo: TestRepo, message: string, version: string): string {
  return repo.commit(message, { files: { "pyproject.toml": PYPROJECT(version) } });
}

interface PlanJson {
  next_version: string | null;
  previous_tag: string | null;
  release_reason: string | null;
  pending_release: { version: string; tag: string; commit: string } | null;
  changelog: string;
  files: { path: string; from: string | null; to: string | null }[];
}

const planOf = (r: CliResult) => r.json as unknown as PlanJson;

describe("a stable run after a tagged pre-release line (§6.8 step 8)", () => {
  it("finalises v1.1.0b1 to 1.1.0 after a fix, from v1.0.0 with every commit since", async () => {
    const repo = fixture();
    setVersion(repo, "chore(release): prepare demo v1.1.0b1", "1.1.0b1");
    repo.tag("v1.1.0b1");
    repo.commit("fix: y");

    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(planOf(r)).toMatchObject({
      next_version: "1.1.0",
      previous_tag: "v1.0.0",
      release_reason: "commits",
      pending_release: null,
    });
    expect(planOf(r).files).toContainEqual(
      expect.objectContaining({ path: "pyproject.toml", from: "1.1.0b1", to: "1.1.0" }),
    );
    expect(sectionEntries(planOf(r).changelog, "🐛 Bug Fixes")).toEqual(["- y"]);
  });

  it("still bumps past the pre-release line when the commits call for more", async () => {
    const repo = fixture();
    setVersion(repo, "chore(release): prepare demo v1.1.0b1", "1.1.0b1");
    repo.tag("v1.1.0b1");
    repo.commit("feat!: redo");
    expect(planOf(await check(repo)).next_version).toBe("2.0.0");
  });
});

describe("a pre-release's release commit does not make a later version pending (§6.9)", () => {
  /** v1.0.0, `feat: x`, then `update -x --prerelease beta` committed as the release commit and tagged v1.1.0b1. */
  async function betaReleased(): Promise<TestRepo> {
    const repo = fixture();
    repo.commit("feat: x");
    const beta = await updateX(repo, ["--prerelease", "beta"]);
    expect(beta.code, beta.stdout).toBe(0);
    repo.commit("chore(release): prepare demo v1.1.0b1");
    repo.tag("v1.1.0b1");
    return repo;
  }

  it("a version set to 1.1.0 by hand is released from the commits, with its 1.1.0 entry", async () => {
    const repo = await betaReleased();
    setVersion(repo, "docs: prepare final", "1.1.0");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(planOf(r)).toMatchObject({
      next_version: "1.1.0",
      previous_tag: "v1.0.0",
      release_reason: "commits",
      pending_release: null,
    });
    const written = await updateX(repo);
    expect(written.code).toBe(0);
    expect(planOf(written).files).toContainEqual(
      expect.objectContaining({ path: "CHANGELOG.md", to: "1.1.0" }),
    );
    const changelog = repo.read("CHANGELOG.md");
    expect(changelog.indexOf("## [1.1.0]")).toBeLessThan(changelog.indexOf("## [1.1.0b1]"));
    // The first section of the file is the new 1.1.0 entry.
    expect(sectionEntries(changelog, "✨ Features")).toEqual(["- x"]);
    expect(sectionEntries(changelog, "📚 Documentation")).toEqual(["- prepare final"]);
  });

  it("a second update -x of the stable release is planned from the commits, as without the beta", async () => {
    const repo = await betaReleased();
    expect(planOf(await updateX(repo)).files.map((f) => f.path)).toEqual(["pyproject.toml", "CHANGELOG.md"]);
    const again = await updateX(repo, ["--allow-dirty"]);
    expect(again.code).toBe(0);
    expect(planOf(again)).toMatchObject({
      next_version: "1.1.0",
      release_reason: "commits",
      pending_release: null,
    });
  });

  it("a release commit merged below the pre-release's tag is covered by it", async () => {
    const repo = fixture();
    repo.commit("feat: x");
    repo.checkout("releasio/release", true);
    setVersion(repo, "chore(release): prepare demo v1.1.0b1", "1.1.0b1");
    repo.checkout("main").merge("releasio/release");
    repo.tag("v1.1.0b1");
    setVersion(repo, "docs: prepare final", "1.1.0");
    const r = await check(repo);
    expect(planOf(r)).toMatchObject({ release_reason: "commits", pending_release: null });
  });

  it("the release commit of the final version after the beta is pending", async () => {
    const repo = await betaReleased();
    const release = setVersion(repo, "chore(release): prepare demo v1.1.0", "1.1.0");
    const r = await check(repo);
    expect(planOf(r)).toMatchObject({
      next_version: "1.1.0",
      release_reason: "pending-version",
      pending_release: { version: "1.1.0", tag: "v1.1.0", commit: release },
    });
  });
});

describe("a pending release without a declared version (§6.9)", () => {
  const VCS = '[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.hatch.version]\nsource = "vcs"\n';
  const warning = (r: CliResult, code: string) =>
    (r.json.warnings as { code: string; message: string }[]).find((w) => w.code === code);

  /** v1.0.0, `feat: a`, then the release commit of 1.1.0 (the release PR writes only the changelog). */
  function releaseCommitted(): { repo: TestRepo; release: string } {
    const repo = fixture({ pyproject: VCS });
    repo.commit("feat: a");
    const release = repo.commit("chore(release): prepare demo v1.1.0", {
      files: { "CHANGELOG.md": "# Changelog\n\n## [1.1.0]\n\n- a\n" },
    });
    return { repo, release };
  }

  it("is the version computed at HEAD, released from its release commit", async () => {
    const { repo, release } = releaseCommitted();
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(planOf(r)).toMatchObject({
      next_version: "1.1.0",
      release_reason: "pending-version",
      pending_release: { version: "1.1.0", tag: "v1.1.0", commit: release },
      files: [],
    });
    expect(warning(r, "W_LATE_COMMITS")).toBeUndefined();

    // Tagged, it is released: the release commit is no longer in the range.
    repo.tag("v1.1.0");
    repo.commit("fix: b");
    const after = await check(repo);
    expect(planOf(after)).toMatchObject({
      next_version: "1.1.1",
      release_reason: "commits",
      pending_release: null,
    });
  });

  it("late releasable commits are in the tag, not in the entry, with W_LATE_COMMITS", async () => {
    const { repo, release } = releaseCommitted();
    const late = repo.commit("fix: late");
    const r = await check(repo);
    expect(planOf(r)).toMatchObject({
      next_version: "1.1.0",
      release_reason: "pending-version",
      pending_release: { version: "1.1.0", tag: "v1.1.0", commit: release },
    });
    expect(sectionEntries(planOf(r).changelog, "✨ Features")).toEqual(["- a"]);
    expect(sectionEntries(planOf(r).changelog, "🐛 Bug Fixes")).toBeNull();
    expect(warning(r, "W_LATE_COMMITS")?.message).toBe(
      `1 releasable commit landed after the release commit ${release.slice(0, 7)} and is not in its changelog: ${late.slice(0, 7)} fix: late`,
    );
  });

  it("W_LATE_COMMITS names ten of many late commits, the newest first, and counts the others", async () => {
    const { repo, release } = releaseCommitted();
    const subjects = Array.from({ length: 25 }, (_, i) => `fix: late ${i}`);
    repo.commits(...subjects);
    const r = await check(repo);
    const newest = repo.git("log", "--format=%h %s", "-n", "10", "--abbrev=7").trim().split("\n").join("; ");
    expect(warning(r, "W_LATE_COMMITS")?.message).toBe(
      `25 releasable commits landed after the release commit ${release.slice(0, 7)} and are not in its changelog: ${newest}; … and 15 more`,
    );
  });

  it("a release commit with nothing releasable since the last release leaves nothing pending", async () => {
    const repo = fixture({ pyproject: VCS });
    repo.commit("chore(release): prepare demo v1.0.1", { allowEmpty: true });
    const r = await check(repo);
    expect(planOf(r)).toMatchObject({ next_version: null, pending_release: null });
  });
});

describe("parsing without the conventional fallback (§6.4)", () => {
  it("still reads reverts and Gitmoji", async () => {
    const repo = fixture({ config: "[commits]\nuse_conventional_fallback = false\n" });
    repo.commits('Revert "feat: x"', ":bug: fix entry point", "fix: y");
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(commitBySubject(r, 'Revert "feat: x"')).toMatchObject({ type: "revert", description: "feat: x" });
    expect(commitBySubject(r, ":bug: fix entry point")).toMatchObject({
      type: "fix",
      reason: "patch-type",
    });
    expect(commitBySubject(r, "fix: y")).toMatchObject({ type: null, reason: "unconventional" });
    expect(planOf(r).next_version).toBe("1.0.1");
  });
});

describe("an unconventional commit with a breaking-change footer (§6.5)", () => {
  const message = "Rework storage\n\nBREAKING CHANGE: new format";

  it.each([
    ["1.0.0", {}, "2.0.0"],
    ["0.4.0", {}, "0.5.0"],
    ["0.4.0", { RELEASIO_VERSION_MAJOR_ON_ZERO: "true" }, "1.0.0"],
  ])("from %s (%j) is breaking → %s, listed under Breaking Changes", async (version, extra, next) => {
    const repo = fixture({ version });
    repo.commit(message);
    const r = await check(repo, extra);
    expect(r.code).toBe(0);
    expect(planOf(r)).toMatchObject({ next_version: next, release_reason: "commits" });
    expect(commitBySubject(r, "Rework storage")).toMatchObject({
      type: null,
      breaking: true,
      breaking_description: "new format",
      reason: "breaking",
      included: true,
    });
    const entry = planOf(r).changelog;
    expect(sectionEntries(entry, "⚠️ Breaking Changes")).toEqual(["- Rework storage"]);
    expect(entry).toContain("- Rework storage\n  new format\n");
    expect(sectionEntries(entry, "📝 Other")).toBeNull();
  });

  it("stays excluded behind a skip marker", async () => {
    const repo = fixture();
    repo.commit("Rework storage [skip release]\n\nBREAKING CHANGE: new format");
    const r = await check(repo);
    expect(planOf(r).next_version).toBeNull();
    expect(commitBySubject(r, "Rework storage [skip release]")).toMatchObject({
      reason: "skip-marker",
      included: false,
    });
  });
});
