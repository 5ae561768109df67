/**
 * The changelog file's version headings in other common styles (PRODUCT.md §6.11): towncrier's `## demo 1.0.0 (…)`,
 * bold and backticks, and a version spelled the SemVer way (§6.7), through `update`, `check` and `changelog`.
 */
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, type TestRepo } from "../support/repo.js";
import { env, fixture, json, todayUtc } from "./helpers-b.js";

afterAll(cleanupRepos);

const WEB = "https://github.com/acme/demo";

const check = (repo: TestRepo, args: string[] = []) => json(repo.dir, "check", ["check", ...args], env());

const updateX = (repo: TestRepo, args: string[] = []) =>
  json(repo.dir, "update", ["update", "-x", ...args], env());

const TOWNCRIER_PREAMBLE = "# Changelog\n\n<!-- towncrier release notes start -->\n\n";
const TOWNCRIER =
  `${TOWNCRIER_PREAMBLE}## demo 1.0.0 (2020-01-01)\n\n- Initial\n\n` +
  "## demo 0.9.0 (2019-01-01)\n\n- Beta\n";

const entry = (version: string) =>
  `## [${version}](${WEB}/compare/v1.0.0...v${version}) - ${todayUtc()}\n\n### ✨ Features\n\n- add export\n`;

describe("Changelog headings in other styles", () => {
  it("update -x puts the entry before the newest section of a towncrier changelog", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": TOWNCRIER } });
    repo.commit("feat: add export");
    const r = await updateX(repo);
    expect(r.code).toBe(0);
    expect(r.json.next_version).toBe("1.1.0");
    expect(repo.read("CHANGELOG.md")).toBe(
      `${TOWNCRIER_PREAMBLE}${entry("1.1.0")}\n## demo 1.0.0 (2020-01-01)\n\n- Initial\n\n` +
        "## demo 0.9.0 (2019-01-01)\n\n- Beta\n",
    );
  });

  it.each([["## **1.0.0** (2020-01-01)"], ["## `1.0.0`"], ["## demo v1.0.0 - 2020-01-01"]])(
    "update -x puts the entry before %s",
    async (heading) => {
      const repo = fixture({ files: { "CHANGELOG.md": `# Changelog\n\n${heading}\n\n- Initial\n` } });
      repo.commit("feat: add export");
      expect((await updateX(repo)).code).toBe(0);
      expect(repo.read("CHANGELOG.md")).toBe(`# Changelog\n\n${entry("1.1.0")}\n${heading}\n\n- Initial\n`);
    },
  );

  it("a second update replaces the section it wrote into a towncrier changelog", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": TOWNCRIER } });
    repo.commit("feat: add export");
    expect((await updateX(repo)).code).toBe(0);
    const once = repo.read("CHANGELOG.md");
    expect((await updateX(repo, ["--allow-dirty"])).code).toBe(0);
    expect(repo.read("CHANGELOG.md")).toBe(once);
  });

  it("changelog keeps only the text above the newest section as the preamble", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": TOWNCRIER } });
    const r = await json(repo.dir, "changelog", ["changelog"], env());
    expect(r.code).toBe(0);
    const content = r.json.content as string;
    expect(content.startsWith(`${TOWNCRIER_PREAMBLE}## [1.0.0](${WEB}/tree/v1.0.0) - `)).toBe(true);
    expect(content).not.toContain("## demo 1.0.0");
    expect(content).not.toContain("- Initial");
  });

  describe("a section of the same version spelled the SemVer way", () => {
    const SEMVER_RC =
      "# Changelog\n\n## [1.1.0-rc.1] - 2020-01-01\n\n- old notes\n\n## [1.0.0] - 2019-01-01\n\n- Initial\n";
    const withRcSection = () => {
      const repo = fixture({ files: { "CHANGELOG.md": SEMVER_RC } });
      repo.commit("feat: add export");
      return repo;
    };

    it("update -x --pre rc replaces it instead of adding a second one, also on a re-run", async () => {
      const repo = withRcSection();
      const r = await updateX(repo, ["--pre", "rc"]);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("1.1.0rc1");
      expect(r.json.files).toContainEqual({
        path: "CHANGELOG.md",
        kind: "changelog",
        from: "1.1.0rc1",
        to: "1.1.0rc1",
      });
      const expected = `# Changelog\n\n${entry("1.1.0rc1")}\n## [1.0.0] - 2019-01-01\n\n- Initial\n`;
      expect(repo.read("CHANGELOG.md")).toBe(expected);

      expect((await updateX(repo, ["--pre", "rc", "--allow-dirty"])).code).toBe(0);
      expect(repo.read("CHANGELOG.md")).toBe(expected);
    });

    it("check --pre rc says the entry is replaced", async () => {
      const repo = withRcSection();
      const r = await check(repo, ["--pre", "rc"]);
      expect(r.code).toBe(0);
      expect(r.json.next_version).toBe("1.1.0rc1");
      expect(r.json.files).toContainEqual({
        path: "CHANGELOG.md",
        kind: "changelog",
        from: "1.1.0rc1",
        to: "1.1.0rc1",
      });
      const human = await releasio(repo.dir, ["check", "--pre", "rc"], env());
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(/CHANGELOG\.md\s+replace entry 1\.1\.0rc1/);
      expect(human.stdout).not.toMatch(/new entry/);
    });
  });
});
