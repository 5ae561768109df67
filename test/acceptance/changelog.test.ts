/** Acceptance scenarios 46–58 (PRODUCT.md §13, Changelog): the native entry, the file, git-cliff, `changelog`. */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, type TestRepo } from "../support/repo.js";
import {
  commitBySubject,
  DEFAULT_HEADER,
  env,
  errorCode,
  fixture,
  json,
  pathWith,
  sectionEntries,
  snapshot,
  stubBin,
  stubCalls,
  tagDate,
  todayUtc,
} from "./helpers-b.js";

afterAll(cleanupRepos);

const WEB = "https://github.com/acme/demo";
const registry = '{ registry = "https://pypi.org/simple" }';
/** A uv.lock pinning `[name, version, source]` packages. */
const lock = (packages: [string, string, string][]) =>
  `version = 1\nrequires-python = ">=3.9"\n\n${packages
    .map(
      ([name, version, source]) =>
        `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = ${source}\n`,
    )
    .join("\n")}`;

const check = (repo: TestRepo, extra: Record<string, string> = {}) =>
  json(repo.dir, "check", ["check"], env(extra));

const updateX = (repo: TestRepo, extra: Record<string, string | undefined> = {}, args: string[] = []) =>
  json(repo.dir, "update", ["update", "-x", ...args], env(extra));

const JANE = { name: "Jane", email: "123+jane@users.noreply.github.com" };
const JANE_DOE = { name: "Jane Doe", email: "jane.doe@example.org" };
const NEWCOMER = { name: "New Person", email: "new.person@example.org" };
const DEPENDABOT = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };

describe("Changelog", () => {
  it("46: the native format of a new CHANGELOG.md is exact", async () => {
    const repo = fixture();
    repo.commits("fix(api): handle null", "feat: add export");
    const r = await updateX(repo, { RELEASIO_FORGE: "none" });
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ applied: true, next_version: "1.1.0" });
    expect(r.json.written).toEqual(expect.arrayContaining(["pyproject.toml", "CHANGELOG.md"]));
    expect(repo.read("CHANGELOG.md")).toBe(
      "# Changelog\n\nAll notable changes to this project are documented in this file.\n\n" +
        `## [1.1.0] - ${todayUtc()}\n\n### ✨ Features\n\n- add export\n\n### 🐛 Bug Fixes\n\n- **api:** handle null\n`,
    );
  });

  describe("47: links", () => {
    const withPr = () => {
      const repo = fixture();
      const sha = repo.commit("feat: add export (#12)");
      return { repo, sha };
    };

    it("47: GitHub links the version comparison and the PR", async () => {
      const { repo } = withPr();
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      const text = repo.read("CHANGELOG.md");
      expect(text).toContain(`\n## [1.1.0](${WEB}/compare/v1.0.0...v1.1.0) - ${todayUtc()}\n`);
      expect(text).toContain(`\n- add export ([#12](${WEB}/pull/12))\n`);
    });

    it("47: show_commit_hash appends the linked short hash", async () => {
      const { repo, sha } = withPr();
      const r = await check(repo, { RELEASIO_CHANGELOG_SHOW_COMMIT_HASH: "true" });
      expect(r.code).toBe(0);
      expect(r.json.changelog).toContain(
        `\n- add export ([#12](${WEB}/pull/12)) ([${sha.slice(0, 7)}](${WEB}/commit/${sha}))\n`,
      );
    });

    it("47: GitLab uses /-/compare/ and merge-request references", async () => {
      const { repo } = withPr();
      const r = await check(repo, {
        RELEASIO_FORGE: "gitlab",
        RELEASIO_GITLAB_PROJECT: "group/demo",
        RELEASIO_GITLAB_SERVER_URL: "https://gitlab.example",
      });
      expect(r.code).toBe(0);
      const gl = "https://gitlab.example/group/demo";
      expect(r.json.changelog).toContain(`## [1.1.0](${gl}/-/compare/v1.0.0...v1.1.0) - ${todayUtc()}\n`);
      expect(r.json.changelog).toContain(`\n- add export ([!12](${gl}/-/merge_requests/12))\n`);
    });

    it("47: links = false gives a plain heading and a plain #12", async () => {
      const { repo } = withPr();
      const r = await check(repo, { RELEASIO_CHANGELOG_LINKS: "false" });
      expect(r.code).toBe(0);
      expect(r.json.changelog).toBe(`## [1.1.0] - ${todayUtc()}\n\n### ✨ Features\n\n- add export (#12)\n`);
    });

    it("47: links = false on GitLab still writes a merge request as a plain !12", async () => {
      const { repo } = withPr();
      const r = await check(repo, {
        RELEASIO_CHANGELOG_LINKS: "false",
        RELEASIO_FORGE: "gitlab",
        RELEASIO_GITLAB_PROJECT: "group/demo",
        RELEASIO_GITLAB_SERVER_URL: "https://gitlab.example",
      });
      expect(r.code).toBe(0);
      expect(r.json.changelog).toBe(`## [1.1.0] - ${todayUtc()}\n\n### ✨ Features\n\n- add export (!12)\n`);
    });

    it("47: a first release links the tag's tree", async () => {
      const repo = fixture({ version: "0.1.0", tag: null });
      repo.commit("feat: add export");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.first_release).toBe(true);
      expect(r.json.changelog).toMatch(
        new RegExp(`^## \\[0\\.1\\.0\\]\\(${WEB}/tree/v0\\.1\\.0\\) - ${todayUtc()}\\n`),
      );
    });
  });

  it("48: the entry goes after the preamble and the Unreleased section, before the previous release", async () => {
    const existing =
      "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- wip\n\n## [1.0.0] - 2024-01-01\n\n- Initial\n";
    const repo = fixture({ files: { "CHANGELOG.md": existing } });
    repo.commit("feat: add export");
    const r = await updateX(repo);
    expect(r.code).toBe(0);
    expect(repo.read("CHANGELOG.md")).toBe(
      "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- wip\n\n" +
        `## [1.1.0](${WEB}/compare/v1.0.0...v1.1.0) - ${todayUtc()}\n\n### ✨ Features\n\n- add export\n\n` +
        "## [1.0.0] - 2024-01-01\n\n- Initial\n",
    );
  });

  describe("49: idempotent", () => {
    it("49: a second update replaces the version's section instead of duplicating it", async () => {
      const repo = fixture();
      repo.commit("feat: add export");
      const first = await updateX(repo);
      expect(first.code).toBe(0);
      expect(first.json.files).toContainEqual({
        path: "CHANGELOG.md",
        kind: "changelog",
        from: null,
        to: "1.1.0",
      });
      const afterFirst = repo.read("CHANGELOG.md");
      const second = await updateX(repo, {}, ["--allow-dirty"]);
      expect(second.code).toBe(0);
      expect(second.json.next_version).toBe("1.1.0");
      const text = repo.read("CHANGELOG.md");
      expect(text.split("\n").filter((l) => l.startsWith("## [1.1.0]"))).toHaveLength(1);
      expect(text).toBe(afterFirst);
    });

    it("49: check says whether the entry is new, replaced or already written", async () => {
      const repo = fixture();
      repo.commit("feat: add export");
      expect((await updateX(repo)).code).toBe(0);
      // The file already holds exactly this entry: nothing to change, nothing rewritten.
      const same = await check(repo);
      expect(same.json.files).not.toContainEqual(expect.objectContaining({ kind: "changelog" }));
      const again = await updateX(repo, {}, ["--allow-dirty"]);
      expect(again.json.written).not.toContain("CHANGELOG.md");

      // An entry of this version that differs (edited by hand here) is replaced, and the human output says so.
      repo.write("CHANGELOG.md", repo.read("CHANGELOG.md").replace("- add export", "- add an export"));
      const replaced = await check(repo);
      expect(replaced.json.files).toContainEqual({
        path: "CHANGELOG.md",
        kind: "changelog",
        from: "1.1.0",
        to: "1.1.0",
      });
      const human = await releasio(repo.dir, ["check"], env());
      expect(human.stdout).toMatch(/CHANGELOG\.md\s+replace entry 1\.1\.0/);
      const dry = await releasio(repo.dir, ["update"], env());
      expect(dry.stdout).toContain("  CHANGELOG.md: replace entry 1.1.0");
    });

    it("49: a CRLF changelog stays CRLF", async () => {
      const lf = "# Changelog\n\nIntro.\n\n## [1.0.0] - 2024-01-01\n\n- Initial\n";
      const repo = fixture({ files: { "CHANGELOG.md": lf.replaceAll("\n", "\r\n") } });
      repo.commit("feat: add export");
      expect((await updateX(repo)).code).toBe(0);
      expect((await updateX(repo, {}, ["--allow-dirty"])).code).toBe(0);
      const text = repo.read("CHANGELOG.md");
      expect(text).not.toMatch(/(^|[^\r])\n/);
      expect(text.replaceAll("\r\n", "\n")).toBe(
        "# Changelog\n\nIntro.\n\n" +
          `## [1.1.0](${WEB}/compare/v1.0.0...v1.1.0) - ${todayUtc()}\n\n### ✨ Features\n\n- add export\n\n` +
          "## [1.0.0] - 2024-01-01\n\n- Initial\n",
      );
    });
  });

  it("50: show_authors credits @login from a noreply address, else the name, and never bots", async () => {
    const repo = fixture();
    repo.commit("feat: dark mode", { author: JANE });
    repo.commit("fix: crash on start", { author: JANE_DOE });
    repo.commit("build(deps): bump httpx", { author: DEPENDABOT });
    const r = await check(repo, { RELEASIO_CHANGELOG_SHOW_AUTHORS: "true" });
    expect(r.code).toBe(0);
    expect(commitBySubject(r, "feat: dark mode").author.login).toBe("jane");
    const entry = r.json.changelog as string;
    expect(sectionEntries(entry, "✨ Features")).toEqual(["- dark mode by @jane"]);
    expect(sectionEntries(entry, "🐛 Bug Fixes")).toEqual(["- crash on start by Jane Doe"]);
    expect(sectionEntries(entry, "📦 Build")).toEqual(["- **deps:** bump httpx"]);
  });

  describe("51: commit_template", () => {
    it("51: the template replaces the entry text; an empty scope renders empty", async () => {
      const repo = fixture({
        config: '[changelog]\ncommit_template = "[{type}] {scope}: {description} - {author}"\n',
      });
      repo.commit("feat(core): new", { author: JANE_DOE });
      repo.commit("fix: plain", { author: JANE_DOE });
      const r = await check(repo);
      expect(r.code).toBe(0);
      const entry = r.json.changelog as string;
      expect(sectionEntries(entry, "✨ Features")).toEqual(["- [feat] core: new - Jane Doe"]);
      expect(sectionEntries(entry, "🐛 Bug Fixes")).toEqual(["- [fix] : plain - Jane Doe"]);
    });

    it.each([
      ["an unknown placeholder", "{nope} {description}"],
      ["a leading list marker", "- {description}"],
    ])("51: a template with %s is a configuration error (exit 2)", async (_, template) => {
      const repo = fixture();
      repo.commit("feat: x");
      repo.write(".releasio.toml", `[changelog]\ncommit_template = ${JSON.stringify(template)}\n`);
      const r = await check(repo);
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_CONFIG_INVALID");
      expect((r.json.error as { message: string }).message).toContain("changelog.commit_template");
    });
  });

  it("52: a breaking change is listed once, first, with its description indented", async () => {
    const repo = fixture();
    repo.commits("feat!: redo\n\nBREAKING CHANGE: config format changed", "fix: a");
    const r = await check(repo, { RELEASIO_FORGE: "none" });
    expect(r.code).toBe(0);
    expect(r.json.next_version).toBe("2.0.0");
    expect(r.json.changelog).toBe(
      `## [2.0.0] - ${todayUtc()}\n\n### ⚠️ Breaking Changes\n\n- redo\n  config format changed\n\n` +
        "### 🐛 Bug Fixes\n\n- a\n",
    );
  });

  describe("53: section titles and excluded types", () => {
    it("53: section_headers overrides only the named title", async () => {
      const repo = fixture({ config: '[changelog]\nsection_headers = { feat = "Features" }\n' });
      repo.commits("fix: y", "feat: x");
      const r = await check(repo);
      expect(r.code).toBe(0);
      const entry = r.json.changelog as string;
      expect(sectionEntries(entry, "Features")).toEqual(["- x"]);
      expect(sectionEntries(entry, "✨ Features")).toBeNull();
      expect(sectionEntries(entry, "🐛 Bug Fixes")).toEqual(["- y"]);
    });

    it("53: exclude_types drops chore entries but a breaking chore is still listed", async () => {
      const repo = fixture({ config: '[changelog]\nexclude_types = ["chore"]\n' });
      repo.commits("feat: x", "chore: tidy", "chore!: drop py38");
      const r = await check(repo);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("2.0.0");
      expect(commitBySubject(r, "chore: tidy")).toMatchObject({ reason: "excluded-type", included: false });
      expect(commitBySubject(r, "chore!: drop py38")).toMatchObject({ reason: "breaking", included: true });
      const entry = r.json.changelog as string;
      expect(sectionEntries(entry, "⚠️ Breaking Changes")).toEqual(["- drop py38"]);
      expect(sectionEntries(entry, "🔨 Chores")).toBeNull();
      expect(entry).not.toContain("tidy");
    });
  });

  it("54: lock-file changes since the previous release are listed under Dependencies", async () => {
    const repo = fixture({
      files: {
        "uv.lock": lock([
          ["demo", "1.0.0", '{ editable = "." }'],
          ["httpx", "0.27.0", registry],
          ["old-pkg", "0.5.0", registry],
        ]),
      },
    });
    repo.commit("fix: refresh dependencies", {
      files: {
        "uv.lock": lock([
          ["demo", "1.0.0", '{ editable = "." }'],
          ["httpx", "0.28.0", registry],
          ["new-pkg", "1.0.0", registry],
        ]),
      },
    });
    const r = await check(repo, { RELEASIO_CHANGELOG_INCLUDE_DEPENDENCY_UPDATES: "true" });
    expect(r.code).toBe(0);
    const entry = r.json.changelog as string;
    expect(sectionEntries(entry, "⬆️ Dependencies")).toEqual([
      "- httpx: 0.27.0 → 0.28.0",
      "- new-pkg 1.0.0 (added)",
      "- old-pkg 0.5.0 (removed)",
    ]);
    expect(entry).not.toMatch(/^- demo/m);
  });

  describe("55: first-time contributors", () => {
    const BADGE = "🎉 First contribution!";

    it("55: an author new since the previous release gets the badge, an earlier author does not", async () => {
      const repo = fixture();
      repo.commit("feat: newcomer work", { author: NEWCOMER });
      repo.commit("fix: veteran work");
      const r = await check(repo, { RELEASIO_CHANGELOG_SHOW_FIRST_TIME_CONTRIBUTORS: "true" });
      expect(r.code).toBe(0);
      const entry = r.json.changelog as string;
      expect(sectionEntries(entry, "✨ Features")).toEqual([`- newcomer work ${BADGE}`]);
      expect(sectionEntries(entry, "🐛 Bug Fixes")).toEqual(["- veteran work"]);
    });

    it("55: a first release has no badges", async () => {
      const repo = fixture({ version: "0.1.0", tag: null });
      repo.commit("feat: newcomer work", { author: NEWCOMER });
      const r = await check(repo, { RELEASIO_CHANGELOG_SHOW_FIRST_TIME_CONTRIBUTORS: "true" });
      expect(r.code).toBe(0);
      expect(r.json.first_release).toBe(true);
      expect(r.json.changelog).toContain("- newcomer work\n");
      expect(r.json.changelog).not.toContain(BADGE);
    });
  });

  describe("56: git-cliff engine", () => {
    const CLIFF_ENTRY = "## [1.1.0] - from cliff\n\n- entry rendered by git-cliff";

    /**
     * A git-cliff stand-in that answers `--version` as git-cliff 2.14.2 and otherwise appends its arguments and
     * working directory to a log and prints an entry.
     */
    const stubCliff = () => {
      const bin = stubBin({
        "git-cliff": `if [ "$1" = --version ]; then echo "git-cliff 2.14.2"; exit 0; fi
{ echo "cwd=$(pwd)"; printf '%s\\n' "$@"; echo "--end--"; } >> "$(dirname "$0")/calls.log"
cat <<'ENTRY'

${CLIFF_ENTRY}

ENTRY`,
      });
      const calls = () => stubCalls(bin);
      return { bin, calls };
    };

    it("56: without git-cliff on PATH, update -x fails with E_CLIFF_MISSING and modifies nothing", async () => {
      const repo = fixture();
      repo.commit("feat: add export");
      const before = snapshot(repo);
      const r = await updateX(repo, {
        RELEASIO_CHANGELOG_ENGINE: "git-cliff",
        PATH: pathWith(null, ["git-cliff"]),
      });
      expect(r.code).toBe(1);
      expect(errorCode(r)).toBe("E_CLIFF_MISSING");
      expect((r.json.error as { hint: string }).hint).toContain('changelog.engine = "native"');
      expect(snapshot(repo)).toBe(before);
    });

    it("56: git-cliff is called with the config, the new tag and the range; its entry is used verbatim", async () => {
      const repo = fixture({ files: { "cliff.toml": "[changelog]\n" } });
      const head = repo.commit("feat: add export");
      const { bin, calls } = stubCliff();
      const r = await updateX(repo, {
        RELEASIO_CHANGELOG_ENGINE: "git-cliff",
        PATH: pathWith(bin, ["git-cliff"]),
      });
      expect(r.code).toBe(0);
      expect(calls()).toEqual([
        [`cwd=${repo.dir}`, "--config", "cliff.toml", "--tag", "v1.1.0", "--strip", "all", `v1.0.0..${head}`],
      ]);
      expect(repo.read("CHANGELOG.md")).toBe(`${DEFAULT_HEADER}\n${CLIFF_ENTRY}\n`);
      expect(r.json.changelog).toBe(`${CLIFF_ENTRY}\n`);
      // Versions and the commit table are still releasio's own.
      expect(r.json.next_version).toBe("1.1.0");
      expect(commitBySubject(r, "feat: add export")).toMatchObject({ type: "feat", reason: "minor-type" });
    });

    it("56: changelog regeneration runs git-cliff once over the whole history up to the newest release", async () => {
      const repo = fixture({ files: { "cliff.toml": "[changelog]\n" } });
      const released = repo.git("rev-parse", "HEAD").trim();
      repo.commit("feat: add export");
      const { bin, calls } = stubCliff();
      const r = await json(
        repo.dir,
        "changelog",
        ["changelog"],
        env({ RELEASIO_CHANGELOG_ENGINE: "git-cliff", PATH: pathWith(bin, ["git-cliff"]) }),
      );
      expect(r.code).toBe(0);
      // The commit after v1.0.0 is unreleased: without --unreleased it has no entry, as with the native engine.
      expect(calls()).toEqual([[`cwd=${repo.dir}`, "--config", "cliff.toml", "--strip", "all", released]]);
      expect(r.json.content).toContain(CLIFF_ENTRY);
    });

    it("56: the native engine never calls an installed git-cliff", async () => {
      const repo = fixture({ files: { "cliff.toml": "[changelog]\n" } });
      repo.commit("feat: add export");
      const { bin, calls } = stubCliff();
      const extra = { RELEASIO_CHANGELOG_ENGINE: "native", PATH: pathWith(bin) };
      const u = await updateX(repo, extra);
      expect(u.code).toBe(0);
      const c = await json(repo.dir, "changelog", ["changelog"], env(extra));
      expect(c.code).toBe(0);
      expect(calls()).toEqual([]);
      expect(repo.read("CHANGELOG.md")).toContain("### ✨ Features\n\n- add export\n");
    });
  });

  describe("57: changelog.enabled = false", () => {
    const existing = "# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- Initial\n";

    it("57: update leaves CHANGELOG.md untouched while the plan still renders the entry", async () => {
      const repo = fixture({ files: { "CHANGELOG.md": existing } });
      repo.commit("feat: add export");
      const r = await updateX(repo, { RELEASIO_CHANGELOG_ENABLED: "false" });
      expect(r.code).toBe(0);
      expect(r.json.applied).toBe(true);
      expect(repo.read("CHANGELOG.md")).toBe(existing);
      expect(repo.read("pyproject.toml")).toBe(PYPROJECT("1.1.0"));
      expect(r.json.written).not.toContain("CHANGELOG.md");
      expect((r.json.files as { kind: string }[]).map((f) => f.kind)).not.toContain("changelog");
      expect(sectionEntries(r.json.changelog as string, "✨ Features")).toEqual(["- add export"]);
    });

    it("57: update does not create a missing CHANGELOG.md", async () => {
      const repo = fixture();
      repo.commit("feat: add export");
      const r = await updateX(repo, { RELEASIO_CHANGELOG_ENABLED: "false" });
      expect(r.code).toBe(0);
      expect(repo.exists("CHANGELOG.md")).toBe(false);
    });

    it("57: changelog --execute exits 2 naming changelog.enabled; -o FILE still writes", async () => {
      const repo = fixture({ files: { "CHANGELOG.md": existing } });
      repo.commit("feat: add export");
      const extra = env({ RELEASIO_CHANGELOG_ENABLED: "false" });
      const x = await json(repo.dir, "changelog", ["changelog", "--execute"], extra);
      expect(x.code).toBe(2);
      expect(errorCode(x)).toBe("E_USAGE");
      expect((x.json.error as { message: string }).message).toContain("changelog.enabled");
      expect(repo.read("CHANGELOG.md")).toBe(existing);
      const o = await json(repo.dir, "changelog", ["changelog", "-o", "out.md"], extra);
      expect(o.code).toBe(0);
      expect(repo.read("out.md")).toBe(o.json.content);
      expect(repo.read("CHANGELOG.md")).toBe(existing);
    });
  });

  describe("58: regenerating the changelog", () => {
    const PREAMBLE = "# Changelog\n\nCustom intro kept.\n\n";
    const V100_TAGGED = 1_702_000_000; // 2023-12-08
    const history = () => {
      const repo = fixture({
        tag: null,
        files: { "CHANGELOG.md": `${PREAMBLE}## [0.1.0] - stale\n\n- stale entry\n` },
      });
      repo.commit("feat: first feature");
      repo.tag("v0.1.0");
      repo.commit("feat: second feature");
      repo.tag("v0.2.0", { lightweight: true });
      repo.commit("feat: rc feature");
      repo.tag("v1.0.0rc1");
      repo.commit("fix: final polish");
      // Tagged weeks after its commit: the entry takes the tagger date.
      execFileSync("git", ["tag", "-a", "v1.0.0", "-m", "Release v1.0.0"], {
        cwd: repo.dir,
        env: { ...process.env, GIT_COMMITTER_DATE: `${V100_TAGGED} +0000` },
      });
      repo.commit("feat: unreleased work");
      return repo;
    };
    const headings = (content: string) => content.split("\n").filter((l) => l.startsWith("## "));
    const changelog = (repo: TestRepo, args: string[] = []) =>
      json(repo.dir, "changelog", ["changelog", ...args]);

    it("58: one entry per final release, newest first, pre-releases folded, dated from the tags; nothing written", async () => {
      const repo = history();
      const before = snapshot(repo);
      expect(tagDate(repo, "v1.0.0")).toBe("2023-12-08");
      expect(repo.git("log", "-1", "--format=%cs", "v1.0.0")).toBe("2023-11-14\n");
      const r = await changelog(repo);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ written: false, path: null });
      expect(r.json.releases).toEqual([
        { version: "1.0.0", tag: "v1.0.0", date: tagDate(repo, "v1.0.0"), commits: 2 },
        { version: "0.2.0", tag: "v0.2.0", date: tagDate(repo, "v0.2.0"), commits: 1 },
        { version: "0.1.0", tag: "v0.1.0", date: tagDate(repo, "v0.1.0"), commits: 2 },
      ]);
      const content = r.json.content as string;
      expect(headings(content)).toEqual([
        `## [1.0.0](${WEB}/compare/v0.2.0...v1.0.0) - ${tagDate(repo, "v1.0.0")}`,
        `## [0.2.0](${WEB}/compare/v0.1.0...v0.2.0) - ${tagDate(repo, "v0.2.0")}`,
        `## [0.1.0](${WEB}/tree/v0.1.0) - ${tagDate(repo, "v0.1.0")}`,
      ]);
      expect(content.startsWith(PREAMBLE)).toBe(true);
      const v100 = content.slice(content.indexOf("## [1.0.0]"), content.indexOf("## [0.2.0]"));
      expect(sectionEntries(v100, "✨ Features")).toEqual(["- rc feature"]);
      expect(sectionEntries(v100, "🐛 Bug Fixes")).toEqual(["- final polish"]);
      expect(content).not.toContain("unreleased work");
      expect(content).not.toContain("stale");
      expect(snapshot(repo)).toBe(before);

      const human = await releasio(repo.dir, ["changelog"], env());
      expect(human.code).toBe(0);
      expect(human.stdout).toBe(content);
    });

    it("58: --prereleases gives every release tag its own entry", async () => {
      const repo = history();
      const r = await changelog(repo, ["--prereleases"]);
      expect(r.code).toBe(0);
      expect((r.json.releases as { version: string }[]).map((x) => x.version)).toEqual([
        "1.0.0",
        "1.0.0rc1",
        "0.2.0",
        "0.1.0",
      ]);
      const content = r.json.content as string;
      expect(headings(content)[1]).toBe(
        `## [1.0.0rc1](${WEB}/compare/v0.2.0...v1.0.0rc1) - ${tagDate(repo, "v1.0.0rc1")}`,
      );
      const v100 = content.slice(content.indexOf("## [1.0.0]"), content.indexOf("## [1.0.0rc1]"));
      expect(v100).toContain("- final polish");
      expect(v100).not.toContain("rc feature");
    });

    it("58: --unreleased adds an undated Unreleased entry for commits after the newest tag", async () => {
      const repo = history();
      const r = await changelog(repo, ["--unreleased"]);
      expect(r.code).toBe(0);
      const content = r.json.content as string;
      expect(headings(content)[0]).toBe("## [Unreleased]");
      const unreleased = content.slice(content.indexOf("## [Unreleased]"), content.indexOf("## [1.0.0]"));
      expect(sectionEntries(unreleased, "✨ Features")).toEqual(["- unreleased work"]);
      expect(headings(content)).toHaveLength(4);
    });

    it("58: -o FILE writes that file without --execute and leaves CHANGELOG.md alone; -o - prints", async () => {
      const repo = history();
      const original = repo.read("CHANGELOG.md");
      const r = await changelog(repo, ["-o", "out.md"]);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ written: true, path: "out.md" });
      expect(repo.read("out.md")).toBe(r.json.content);
      expect(repo.read("CHANGELOG.md")).toBe(original);

      const stdout = await releasio(repo.dir, ["changelog", "-o", "-"], env());
      expect(stdout.code).toBe(0);
      expect(stdout.stdout).toBe(r.json.content);
      expect(repo.exists("-")).toBe(false);
    });

    it("58: each release's Dependencies section is regenerated from its lock file, as check wrote it", async () => {
      const editable = '{ editable = "." }';
      const repo = fixture({
        files: {
          "uv.lock": lock([
            ["demo", "1.0.0", editable],
            ["httpx", "0.27.0", registry],
            ["old-pkg", "0.5.0", registry],
          ]),
        },
      });
      const deps = { RELEASIO_CHANGELOG_INCLUDE_DEPENDENCY_UPDATES: "true" };
      const v101 = lock([
        ["demo", "1.0.0", editable],
        ["httpx", "0.28.0", registry],
        ["new-pkg", "1.0.0", registry],
      ]);
      repo.commit("fix: refresh dependencies", { files: { "uv.lock": v101 } });
      const planned = await check(repo, deps);
      const plannedSection = sectionEntries(planned.json.changelog as string, "⬆️ Dependencies");
      expect(plannedSection).toHaveLength(3);
      repo.tag("v1.0.1");
      repo.commit("fix: pin httpx", { files: { "uv.lock": v101.replace('"0.28.0"', '"0.28.1"') } });
      repo.tag("v1.0.2");
      repo.commit("feat: no lock change");
      repo.tag("v1.1.0");
      // The lock file moves to requirements.txt: the first lock file present is compared with itself before.
      repo.git("rm", "-q", "uv.lock");
      repo.commit("fix: plain requirements", {
        files: { "requirements.txt": "httpx==0.28.1\nanyio==4.0.0\n" },
      });
      repo.tag("v1.1.1");
      repo.commit("fix: newer anyio", { files: { "requirements.txt": "httpx==0.28.1\nanyio==4.1.0\n" } });

      const r = await changelog(repo, ["--unreleased"]);
      expect(r.code).toBe(0);
      expect(r.json.content as string).not.toContain("Dependencies");
      const regenerated = await json(repo.dir, "changelog", ["changelog", "--unreleased"], env(deps));
      expect(regenerated.code).toBe(0);
      const entries = (regenerated.json.content as string).split(/^(?=## )/m).slice(1);
      const section = (heading: string) =>
        sectionEntries(entries.find((e) => e.startsWith(`## [${heading}]`))!, "⬆️ Dependencies");
      expect(section("Unreleased")).toEqual(["- anyio: 4.0.0 → 4.1.0"]);
      expect(section("1.1.1")).toEqual(["- anyio 4.0.0 (added)", "- httpx 0.28.1 (added)"]);
      expect(section("1.1.0")).toBeNull();
      expect(section("1.0.2")).toEqual(["- httpx: 0.28.0 → 0.28.1"]);
      expect(section("1.0.1")).toEqual(plannedSection);
      expect(section("1.0.0")).toBeNull();
    });

    it("58: a lock file that cannot be read at a release names the file and the tag, and writes nothing", async () => {
      const repo = history();
      repo.commit("fix: lock", { files: { "uv.lock": "[[package]\n" } });
      repo.tag("v1.0.1");
      repo.commit("fix: lock again", { files: { "uv.lock": lock([["httpx", "0.28.0", registry]]) } });
      repo.tag("v1.0.2");
      const before = snapshot(repo);
      const extra = env({ RELEASIO_CHANGELOG_INCLUDE_DEPENDENCY_UPDATES: "true" });
      const r = await json(repo.dir, "changelog", ["changelog", "--execute"], extra);
      expect(r.code).not.toBe(0);
      expect(errorCode(r)).toBe("E_LOCK_INVALID");
      const error = r.json.error as { message: string; hint: string };
      expect(error.message).toMatch(/^uv\.lock at v1\.0\.1: not valid TOML/);
      expect(error.hint).toContain("changelog.include_dependency_updates = false");
      expect(snapshot(repo)).toBe(before);
    });

    it("58: -o FILE is no dry run, whether it writes or fails; -o - and no option are", async () => {
      const repo = history();
      expect((await changelog(repo, ["-o", "out.md"])).json).toMatchObject({ ok: true, dry_run: false });
      expect((await changelog(repo, ["-o", "-"])).json).toMatchObject({
        ok: true,
        dry_run: true,
        written: false,
      });
      expect((await changelog(repo)).json).toMatchObject({ ok: true, dry_run: true, written: false });

      repo.write(".releasio.toml", "[changelog]\nbogus = 1\n");
      const failed = await changelog(repo, ["-o", "again.md"]);
      expect(failed.json).toMatchObject({ ok: false, exit_code: 2, dry_run: false });
      expect(repo.exists("again.md")).toBe(false);
      expect((await changelog(repo, ["-o", "-"])).json).toMatchObject({ ok: false, dry_run: true });
      expect((await changelog(repo)).json).toMatchObject({ ok: false, dry_run: true });
    });

    it("58: -o naming a directory is a usage error naming the flag; nothing is written", async () => {
      const repo = history();
      repo.write("out/keep.txt", "x\n");
      const before = snapshot(repo);
      for (const target of ["out", "out/"]) {
        const r = await changelog(repo, ["-o", target]);
        expect(r.code).toBe(2);
        expect(errorCode(r)).toBe("E_USAGE");
        const error = r.json.error as { message: string; hint: string };
        expect(error.message).toBe(`-o ${target} is a directory, not a file`);
        expect(error.hint).toBe("name the file to write, e.g. -o CHANGELOG.new.md, or -o - for stdout");
      }
      expect(snapshot(repo)).toBe(before);
    });

    it("58: --execute rewrites CHANGELOG.md keeping its preamble", async () => {
      const repo = history();
      const r = await changelog(repo, ["--execute"]);
      expect(r.code).toBe(0);
      expect(r.json).toMatchObject({ written: true, path: "CHANGELOG.md", dry_run: false });
      const text = repo.read("CHANGELOG.md");
      expect(text).toBe(r.json.content);
      expect(text.startsWith(`${PREAMBLE}## [1.0.0]`)).toBe(true);
      expect(text).not.toContain("stale");
      expect(text.endsWith("\n") && !text.endsWith("\n\n")).toBe(true);
    });

    it("58: --execute on a changelog that already reads so leaves it alone and says it is up to date", async () => {
      const repo = history();
      await changelog(repo, ["--execute"]);
      repo.git("add", "-A");
      repo.commit("docs: regenerate the changelog");
      const before = snapshot(repo);
      const again = await changelog(repo, ["--execute"]);
      expect(again.code).toBe(0);
      expect(again.json).toMatchObject({ written: false, path: "CHANGELOG.md", dry_run: false });
      expect(snapshot(repo)).toBe(before);
      const human = await releasio(repo.dir, ["changelog", "--execute"], env());
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/^CHANGELOG\.md is already up to date \(\d+ releases?\)\n$/);
    });
  });
});
