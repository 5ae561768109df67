/**
 * Paths relative to the project path (PRODUCT.md §4, §5.2, §5.5): `..` is allowed while the joined path stays
 * inside the repository, and plans, writes and changelogs use the normalised repository-relative path; a
 * symlinked project path is planned through its real path.
 */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupRepos, PYPROJECT, TestRepo } from "../support/repo.js";
import { checkJson, runFail, runOk } from "./helpers-a.js";

afterAll(cleanupRepos);

const CLIMBING = [
  "",
  "[tool.releasio.version]",
  'version_files = ["../ver.py"]',
  "[tool.releasio.changelog]",
  'path = "../CHANGELOG.md"',
  "[tool.releasio.publish]",
  'dist_dir = "../dist"',
  "",
].join("\n");

/** A released project in `pkg/` with one releasable commit; `extra` is added to pkg/pyproject.toml. */
function nested(extra = CLIMBING): TestRepo {
  const repo = TestRepo.create({ origin: false });
  repo.commit("chore: initial import", {
    files: {
      "pkg/pyproject.toml": PYPROJECT("1.0.0", "demo", extra),
      "pkg/src/demo/__init__.py": "",
      "ver.py": '__version__ = "1.0.0"\n',
    },
  });
  repo.tag("v1.0.0");
  repo.commit("feat: add export");
  return repo;
}

describe("project-relative paths may climb with '..' while they stay inside the repository (§5.2, §5.5)", () => {
  it("check plans CHANGELOG.md and ver.py at the repository root, not pkg/../", async () => {
    const { json } = await checkJson(nested().dir, ["pkg"]);
    expect(json.path).toBe("pkg");
    expect(json.files.map((f) => f.path).sort()).toEqual(["CHANGELOG.md", "pkg/pyproject.toml", "ver.py"]);
  });

  it("update --execute writes the root files the plan lists", async () => {
    const repo = nested();
    const planned = (await checkJson(repo.dir, ["pkg"])).json.files.map((f) => f.path).sort();
    await runOk("update", repo.dir, ["update", "pkg", "-x"]);
    expect(repo.read("ver.py")).toBe('__version__ = "1.1.0"\n');
    expect(repo.read("CHANGELOG.md")).toContain("## [1.1.0]");
    expect(repo.exists("pkg/CHANGELOG.md")).toBe(false);
    const changed = repo
      .git("status", "--porcelain")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => l.slice(3))
      .sort();
    expect(changed).toEqual(planned);
  });

  it("changelog --execute writes the root CHANGELOG.md", async () => {
    const repo = nested();
    await runOk("changelog", repo.dir, ["changelog", "pkg", "-x"]);
    expect(repo.read("CHANGELOG.md")).toContain("## [1.0.0]");
    expect(repo.exists("pkg/CHANGELOG.md")).toBe(false);
  });

  it.each([
    ["changelog.path", '[tool.releasio.changelog]\npath = "../../CHANGELOG.md"', "../../CHANGELOG.md"],
    ["version.version_files[0]", '[tool.releasio.version]\nversion_files = ["../../ver.py"]', "../../ver.py"],
    ["publish.dist_dir", '[tool.releasio.publish]\ndist_dir = "../../dist"', "../../dist"],
    ["changelog.path", '[tool.releasio.changelog]\npath = "/tmp/CHANGELOG.md"', "/tmp/CHANGELOG.md"],
  ])(
    "%s = %s leaving the repository is refused: exit 2 naming the file, key, value and a fix",
    async (key, toml, value) => {
      const repo = nested(`\n${toml}\n`);
      const { code, json } = await runFail(repo.dir, ["check", "pkg"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_CONFIG_INVALID");
      expect(json.error.message).toContain("pkg/pyproject.toml");
      expect(json.error.message).toContain(`'${key}'`);
      expect(json.error.message).toContain(value);
      expect(json.error.hint).toBeTruthy();
    },
  );
});

describe("a symlinked project path is planned through its real path (§4)", () => {
  it("check linkp reports path '.' and CHANGELOG.md, as update -x writes", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commit("chore: initial import", { files: { "pyproject.toml": PYPROJECT("1.0.0") } });
    repo.tag("v1.0.0");
    repo.commit("feat: add export");
    const link = join(repo.dir, "..", "linkp");
    symlinkSync(repo.dir, link);
    const { json } = await checkJson(link);
    expect(json.path).toBe(".");
    expect(json.files.map((f) => f.path).sort()).toEqual(["CHANGELOG.md", "pyproject.toml"]);
    await runOk("update", link, ["update", "-x"]);
    expect(repo.read("CHANGELOG.md")).toContain("## [1.1.0]");
    expect(repo.read("pyproject.toml")).toContain('version = "1.1.0"');
  });

  it("a symlink inside the repository to the project directory plans the real directory", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commit("chore: initial import", { files: { "p/pyproject.toml": PYPROJECT("1.0.0") } });
    repo.tag("v1.0.0");
    repo.commit("feat: add export");
    symlinkSync("p", join(repo.dir, "linkp"));
    const { json } = await checkJson(repo.dir, ["linkp"]);
    expect(json.path).toBe("p");
    const planned = json.files.map((f) => f.path).sort();
    expect(planned).toEqual(["p/CHANGELOG.md", "p/pyproject.toml"]);
    await runOk("update", repo.dir, ["update", "linkp", "-x", "--allow-dirty"]);
    expect(repo.read("p/CHANGELOG.md")).toContain("## [1.1.0]");
    expect(repo.read("p/pyproject.toml")).toContain('version = "1.1.0"');
  });
});
