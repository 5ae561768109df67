/**
 * Acceptance scenarios 59–69 (PRODUCT.md §13, Version and lock files, Safety): format-preserving version
 * edits, lock files, dry runs, dirty trees, branches and shell injection.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, type TestRepo } from "../support/repo.js";
import {
  committed,
  env,
  errorCode,
  fixture,
  json,
  pathWith,
  snapshot,
  stubBin,
  warningCodes,
} from "./helpers-b.js";

/** Fault injection for scenario 63: the scanner hands the version's replacement the span of a dependency pin. */
const fault = vi.hoisted(() => ({ misplaceVersion: false }));
vi.mock("../../src/edits/toml-scan.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/edits/toml-scan.js")>();
  return {
    ...actual,
    scanTomlStrings: (text: string) => {
      const tokens = actual.scanTomlStrings(text);
      if (!fault.misplaceVersion) return tokens;
      const pin = text.indexOf('"other==1.0.0"');
      return tokens.map((t) =>
        t.path.join(".") === "project.version" && pin >= 0
          ? { ...t, start: pin, end: pin + '"other==1.0.0"'.length }
          : t,
      );
    },
  };
});

afterAll(cleanupRepos);

type Extra = Record<string, string | undefined>;

const update = (repo: TestRepo, args: string[] = [], extra: Extra = {}) =>
  json(repo.dir, "update", ["update", ...args], env(extra));
const updateX = (repo: TestRepo, args: string[] = [], extra: Extra = {}) =>
  update(repo, ["-x", ...args], extra);

interface FileChange {
  path: string;
  kind: string;
  from: string | null;
  to: string | null;
}
const filesOf = (r: { json: Record<string, unknown> }) => r.json.files as FileChange[];
const errorMessage = (r: { json: Record<string, unknown> }) => (r.json.error as { message: string }).message;

interface LayoutCase {
  layout: string;
  files: Record<string, string>;
  expected: Record<string, string>;
  kind: string;
}

const NO_UV = { PATH: pathWith(null, ["uv"]) };

describe("Version and lock files", () => {
  it("59: auto-detection updates only tracked package files holding the current version", async () => {
    const repo = fixture({
      config: "[version]\nauto_detect_version_files = true\n",
      files: {
        "src/demo/__init__.py": '"""Demo."""\n__version__ = "1.0.0"\n',
        "tests/__init__.py": '__version__ = "1.0.0"\n',
      },
    });
    repo.commit("fix: x");
    repo.write("src/demo/_version.py", '__version__ = "1.0.0"\n');
    const r = await updateX(repo, ["--allow-dirty"]);
    expect(r.code).toBe(0);
    expect(filesOf(r)).toEqual([
      { path: "pyproject.toml", kind: "pyproject", from: "1.0.0", to: "1.0.1" },
      { path: "src/demo/__init__.py", kind: "version-file", from: "1.0.0", to: "1.0.1" },
      { path: "CHANGELOG.md", kind: "changelog", from: null, to: "1.0.1" },
    ]);
    expect(repo.read("src/demo/__init__.py")).toBe('"""Demo."""\n__version__ = "1.0.1"\n');
    expect(repo.read("tests/__init__.py")).toBe('__version__ = "1.0.0"\n');
    expect(repo.read("src/demo/_version.py")).toBe('__version__ = "1.0.0"\n');
  });

  it("60: a flat layout's VERSION, __version__ and the root VERSION file are all bumped", async () => {
    const repo = fixture({
      config: "[version]\nauto_detect_version_files = true\n",
      files: {
        "src/demo/__init__.py": null,
        "demo/__init__.py": 'VERSION = "1.0.0"\n',
        "demo/__about__.py": "__version__ = '1.0.0'\n__author__ = 'Jane'\n",
        VERSION: "1.0.0\n",
      },
    });
    repo.commit("fix: x");
    const r = await updateX(repo);
    expect(r.code).toBe(0);
    expect(repo.read("demo/__init__.py")).toBe('VERSION = "1.0.1"\n');
    expect(repo.read("demo/__about__.py")).toBe("__version__ = '1.0.1'\n__author__ = 'Jane'\n");
    expect(repo.read("VERSION")).toBe("1.0.1\n");
    expect(
      filesOf(r)
        .map((f) => f.path)
        .sort(),
    ).toEqual(["CHANGELOG.md", "VERSION", "demo/__about__.py", "demo/__init__.py", "pyproject.toml"]);
  });

  describe("a version module that the release would leave behind", () => {
    const stale = '__version__ = "1.0.0"\n';
    const warningsOf = (r: { json: Record<string, unknown> }) =>
      r.json.warnings as { code: string; message: string }[];

    it("update names it and how to manage it, and leaves it as it is", async () => {
      const repo = fixture({ files: { "src/demo/__init__.py": stale } });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(warningsOf(r)).toContainEqual({
        code: "W_VERSION_FILE_UNMANAGED",
        message:
          'src/demo/__init__.py sets __version__ = "1.0.0", which this release leaves as it is: set ' +
          "version.auto_detect_version_files = true (it updates files holding the current version) or list the " +
          "module in version.version_files",
      });
      expect(repo.read("src/demo/__init__.py")).toBe(stale);
      expect(repo.read("pyproject.toml")).toContain('version = "1.0.1"');
    });

    it("the dry run and release-pr's dry run warn too; check leaves it to doctor", async () => {
      const repo = fixture({ files: { "src/demo/__init__.py": stale } });
      repo.commit("fix: x");
      expect(warningCodes(await update(repo))).toContain("W_VERSION_FILE_UNMANAGED");
      const pr = await json(repo.dir, "release-pr", ["release-pr"], env());
      expect(warningCodes(pr)).toContain("W_VERSION_FILE_UNMANAGED");
      const check = await json(repo.dir, "check", ["check"], env());
      expect(warningCodes(check)).not.toContain("W_VERSION_FILE_UNMANAGED");
    });

    it("a module that auto-detection or a version_files entry covers is no warning", async () => {
      for (const config of [
        "[version]\nauto_detect_version_files = true\n",
        '[version]\nversion_files = ["src/demo/__init__.py"]\n',
      ]) {
        const repo = fixture({ config, files: { "src/demo/__init__.py": stale } });
        repo.commit("fix: x");
        const r = await updateX(repo);
        expect(r.code).toBe(0);
        expect(warningCodes(r)).not.toContain("W_VERSION_FILE_UNMANAGED");
        expect(repo.read("src/demo/__init__.py")).toBe('__version__ = "1.0.1"\n');
      }
    });

    it("with auto-detection on, a module holding another version is named with the version to set", async () => {
      const repo = fixture({
        config: "[version]\nauto_detect_version_files = true\n",
        files: { "src/demo/_version.py": '__version__ = "0.9.0"\n' },
      });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(warningsOf(r).find((w) => w.code === "W_VERSION_FILE_UNMANAGED")?.message).toBe(
        'src/demo/_version.py sets __version__ = "0.9.0", which this release leaves as it is: set the module to ' +
          "1.0.0 (auto-detection updates files holding the current version) or list it in version.version_files",
      );
      expect(repo.read("src/demo/_version.py")).toBe('__version__ = "0.9.0"\n');
    });
  });

  it("61: a missing explicit version file fails update -x before anything is written", async () => {
    const repo = fixture({ config: '[version]\nversion_files = ["missing.py"]\n' });
    repo.commit("feat: x");
    const before = snapshot(repo);
    const r = await updateX(repo);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe("E_VERSION_FILE");
    expect(errorMessage(r)).toContain("missing.py");
    expect(snapshot(repo)).toBe(before);
  });

  describe("62: explicit version file entries", () => {
    const patternConfig = `[version]\nversion_files = [{ path = "docs/conf.py", pattern = 'release = "{version}"' }]\n`;

    it("62: a pattern entry replaces exactly its match", async () => {
      const repo = fixture({
        config: patternConfig,
        files: { "docs/conf.py": 'project = "demo"\nrelease = "1.0.0"\nversion = "1.0.0"\n' },
      });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(repo.read("docs/conf.py")).toBe('project = "demo"\nrelease = "1.0.1"\nversion = "1.0.0"\n');
      expect(filesOf(r)).toContainEqual({
        path: "docs/conf.py",
        kind: "version-file",
        from: "1.0.0",
        to: "1.0.1",
      });
    });

    it.each([
      ["no match", 'release = "0.9.0"\n'],
      ["two matches", 'release = "1.0.0"\nrelease = "1.0.0"\n'],
    ])("62: a pattern with %s is E_VERSION_FILE and nothing is written", async (_, conf) => {
      const repo = fixture({ config: patternConfig, files: { "docs/conf.py": conf } });
      repo.commit("fix: x");
      const before = snapshot(repo);
      const r = await updateX(repo);
      expect(r.code).toBe(1);
      expect(errorCode(r)).toBe("E_VERSION_FILE");
      expect(errorMessage(r)).toContain("docs/conf.py");
      expect(snapshot(repo)).toBe(before);
    });

    it("62: toml_key and json_key entries change only that key", async () => {
      const meta = '[tool.meta]\nversion = "1.0.0"\nminimum = "1.0.0"\n';
      const pkg = '{\n  "name": "demo",\n  "version": "1.0.0",\n  "peer": { "demo-core": "1.0.0" }\n}\n';
      const repo = fixture({
        config:
          "[version]\nversion_files = [\n" +
          '  { path = "meta.toml", toml_key = "tool.meta.version" },\n' +
          '  { path = "package.json", json_key = "version" },\n]\n',
        files: { "meta.toml": meta, "package.json": pkg },
      });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(repo.read("meta.toml")).toBe(meta.replace('version = "1.0.0"', 'version = "1.0.1"'));
      expect(repo.read("package.json")).toBe(pkg.replace('"version": "1.0.0"', '"version": "1.0.1"'));
    });
  });

  describe("63: pins and verification", () => {
    const pyproject = `[project]\nname = "demo"\nversion = '1.0.0'\ndependencies = ["other==1.0.0"]\n`;

    it("63: only the version value changes, keeping its quotes; an equal pin is untouched", async () => {
      const repo = fixture({ pyproject });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(repo.read("pyproject.toml")).toBe(pyproject.replace("'1.0.0'", "'1.0.1'"));
    });

    it("63: an edit that does not re-parse as expected is E_EDIT_VERIFY and nothing is written", async () => {
      const repo = fixture({ pyproject });
      repo.commit("fix: x");
      const before = snapshot(repo);
      fault.misplaceVersion = true;
      try {
        const r = await updateX(repo);
        expect(r.code).toBe(1);
        expect(errorCode(r)).toBe("E_EDIT_VERIFY");
        expect(errorMessage(r)).toContain("pyproject.toml");
      } finally {
        fault.misplaceVersion = false;
      }
      expect(snapshot(repo)).toBe(before);
    });
  });

  it.each<LayoutCase>([
    {
      layout: "[tool.poetry] only",
      files: { "pyproject.toml": '[tool.poetry]\nname = "demo"\nversion = "1.0.0"\n' },
      expected: { "pyproject.toml": '[tool.poetry]\nname = "demo"\nversion = "1.0.1"\n' },
      kind: "pyproject",
    },
    {
      layout: "static [project] and [tool.poetry]",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\nversion = "1.0.0"\n\n[tool.poetry]\nname = "demo"\nversion = "1.0.0"\n',
      },
      expected: {
        "pyproject.toml":
          '[project]\nname = "demo"\nversion = "1.0.1"\n\n[tool.poetry]\nname = "demo"\nversion = "1.0.1"\n',
      },
      kind: "pyproject",
    },
    {
      layout: "setup.cfg [metadata]",
      files: { "setup.cfg": "[metadata]\nname = demo\nversion = 1.0.0\n\n[options]\npackages = find:\n" },
      expected: { "setup.cfg": "[metadata]\nname = demo\nversion = 1.0.1\n\n[options]\npackages = find:\n" },
      kind: "setup-cfg",
    },
    {
      layout: "setup.py",
      files: { "setup.py": "from setuptools import setup\n\nsetup(name='demo', version='1.0.0')\n" },
      expected: { "setup.py": "from setuptools import setup\n\nsetup(name='demo', version='1.0.1')\n" },
      kind: "setup-py",
    },
  ])(
    "64: the declared version of a $layout project is bumped in place",
    async ({ files, expected, kind }) => {
      const repo = fixture({ pyproject: null, files });
      repo.commit("fix: x");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(r.json.current_version).toBe("1.0.0");
      expect(filesOf(r)[0]!.kind).toBe(kind);
      for (const [path, content] of Object.entries(expected)) expect(repo.read(path)).toBe(content);
    },
  );

  describe("65: lock files", () => {
    const lock = (demo: string, httpx = "0.27.0") =>
      `version = 1
revision = 2
requires-python = ">=3.9"

[[package]]
name = "demo"
version = "${demo}"
source = { editable = "." }
dependencies = [
    { name = "httpx" },
]

[package.metadata]
requires-dist = [{ name = "httpx", specifier = "==0.27.0" }]

[[package]]
name = "httpx"
version = "${httpx}"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/httpx-${httpx}.tar.gz", hash = "sha256:00", size = 1 }
`;
    const withLock = () => {
      const repo = fixture({ files: { "uv.lock": lock("1.0.0") } });
      repo.commit("fix: x");
      return repo;
    };

    it("65: without uv only the project's own version line changes", async () => {
      const repo = withLock();
      const r = await updateX(repo, [], NO_UV);
      expect(r.code).toBe(0);
      expect(repo.read("uv.lock")).toBe(lock("1.0.1"));
      expect(filesOf(r)).toContainEqual({ path: "uv.lock", kind: "lock-file", from: "1.0.0", to: "1.0.1" });
      expect(r.json.written).toContain("uv.lock");
    });

    it("65: with uv on PATH the lock is refreshed with 'uv lock'", async () => {
      const repo = withLock();
      const bin = stubBin({ uv: `echo "$@" >> "$(dirname "$0")/uv.log"` });
      const r = await updateX(repo, [], { PATH: pathWith(bin, ["uv"]) });
      expect(r.code).toBe(0);
      expect(readFileSync(join(bin, "uv.log"), "utf8")).toBe("lock\n");
      expect(repo.read("uv.lock")).toBe(lock("1.0.1"));
    });

    it("65: a refresh that changes a third-party pin is E_LOCK_PIN_CHANGED and the original is restored", async () => {
      const repo = withLock();
      const bin = stubBin({
        uv: `sed 's/version = "0.27.0"/version = "0.99.0"/' uv.lock > uv.lock.new && mv uv.lock.new uv.lock`,
      });
      const r = await updateX(repo, [], { PATH: pathWith(bin, ["uv"]) });
      expect(r.code).toBe(1);
      expect(errorCode(r)).toBe("E_LOCK_PIN_CHANGED");
      expect(errorMessage(r)).toMatch(/uv\.lock: .*httpx 0\.27\.0 → 0\.99\.0.*restored the original file/);
      expect(repo.read("uv.lock")).toBe(committed(repo, "uv.lock"));
    });

    it("65: the written files are named when the pin check stops the refresh", async () => {
      const repo = withLock();
      const bin = stubBin({
        uv: `sed 's/version = "0.27.0"/version = "0.99.0"/' uv.lock > uv.lock.new && mv uv.lock.new uv.lock`,
      });
      const r = await updateX(repo, [], { PATH: pathWith(bin, ["uv"]) });
      const error = r.json.error as { hint: string; details: { written: string[] } };
      expect(error.details.written).toEqual(["pyproject.toml", "CHANGELOG.md"]);
      expect(error.hint).toBe(
        "pyproject.toml, CHANGELOG.md already hold 1.0.1 (uv.lock is as it was): after refreshing the lock file yourself (uv lock) and " +
          "reviewing its pins, 'releasio update --execute --allow-dirty' writes nothing more; or undo the edits with git",
      );
    });

    it("65: a failing lock tool leaves the written files, names them, and the run that goes on lists them all", async () => {
      const repo = withLock();
      const failing = stubBin({ uv: "echo 'uv: boom' >&2; exit 2" });
      const r = await updateX(repo, [], { PATH: pathWith(failing, ["uv"]) });
      expect(r.code).toBe(1);
      expect(errorCode(r)).toBe("E_LOCK_TOOL");
      const error = r.json.error as { hint: string; details: { written: string[] } };
      expect(error.details.written).toEqual(["pyproject.toml", "CHANGELOG.md"]);
      expect(error.hint).toBe(
        "pyproject.toml, CHANGELOG.md already hold 1.0.1 (uv.lock is as it was): after fixing the lock tool, 'releasio update --execute " +
          "--allow-dirty' refreshes the lock file and writes nothing more; or undo the edits with git",
      );
      expect(repo.read("pyproject.toml")).toContain('version = "1.0.1"');
      expect(repo.read("uv.lock")).toBe(lock("1.0.0"));

      const again = await releasio(repo.dir, ["update", "-x", "--allow-dirty"], env(NO_UV));
      expect(again.code).toBe(0);
      expect(repo.read("uv.lock")).toBe(lock("1.0.1"));
      // Only uv.lock was written now, but the release's other files are still to be committed.
      expect(again.stdout).toContain("git add uv.lock pyproject.toml CHANGELOG.md && git commit");
    });

    it("65: update_lock_file = false leaves uv.lock untouched", async () => {
      const repo = withLock();
      const r = await updateX(repo, [], { ...NO_UV, RELEASIO_VERSION_UPDATE_LOCK_FILE: "false" });
      expect(r.code).toBe(0);
      expect(repo.read("uv.lock")).toBe(lock("1.0.0"));
      expect(filesOf(r).map((f) => f.path)).not.toContain("uv.lock");
    });

    it("65: poetry.lock, which records no project version, is left unchanged", async () => {
      const poetryLock =
        '[[package]]\nname = "httpx"\nversion = "0.27.0"\n\n[metadata]\nlock-version = "2.0"\n';
      const repo = fixture({
        pyproject: '[tool.poetry]\nname = "demo"\nversion = "1.0.0"\n',
        files: { "poetry.lock": poetryLock },
      });
      repo.commit("fix: x");
      const r = await updateX(repo, [], { PATH: pathWith(null, ["uv", "poetry"]) });
      expect(r.code).toBe(0);
      expect(repo.read("poetry.lock")).toBe(poetryLock);
      expect(r.json.written).not.toContain("poetry.lock");
      // Reported as such, in the dry run as in the applied update.
      const dry = await releasio(repo.dir, ["update"], env({ PATH: pathWith(null, ["uv", "poetry"]) }));
      expect(dry.stderr).toContain("poetry.lock stays unchanged: it does not record demo's own version\n");
    });
  });

  it("a failing hook's error ends with the last lines of its output, also with -q, where the output is not shown", async () => {
    const repo = fixture({
      config: '[hooks]\npre_bump = ["echo one", "for i in $(seq 1 30); do echo line$i >&2; done; exit 3"]\n',
    });
    repo.commit("feat: add export");
    const before = snapshot(repo);
    const quiet = await releasio(repo.dir, ["update", "--execute", "-q"], env());
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe("");
    const lines = quiet.stderr.split("\n");
    expect(lines[0]).toBe(
      "error[E_HOOK_FAILED]: hook pre_bump command 2 exited with 3: " +
        "for i in $(seq 1 30); do echo line$i >&2; done; exit 3",
    );
    // The last 20 lines, nothing of the first command's output (it succeeded).
    expect(lines.slice(1, 21)).toEqual(Array.from({ length: 20 }, (_, i) => `line${i + 11}`));
    expect(quiet.stderr).not.toContain("line10\n");
    expect(quiet.stderr).not.toMatch(/^one$/m);
    const r = await updateX(repo);
    expect((r.json.error as { message: string }).message.split("\n").slice(-2)).toEqual(["line29", "line30"]);
    expect(snapshot(repo)).toBe(before);
  });

  it("a failing post_bump leaves the written files, names them and says how to go on", async () => {
    const repo = fixture({ config: '[hooks]\npost_bump = ["exit 3"]\n' });
    repo.commit("feat: add export");
    const r = await updateX(repo);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe("E_HOOK_FAILED");
    const error = r.json.error as { hint: string; details: { written: string[] } };
    expect(error.details.written).toEqual(["pyproject.toml", "CHANGELOG.md"]);
    expect(error.hint).toBe(
      "pyproject.toml, CHANGELOG.md already hold 1.1.0: after fixing the hook, 'releasio update --execute " +
        "--allow-dirty' runs the hooks again and writes nothing more; or undo the edits with git",
    );
    expect(repo.read("pyproject.toml")).toContain('version = "1.1.0"');
  });

  it("a second update -x finds every file written and says so, with the commit still to make", async () => {
    const repo = fixture();
    repo.commit("feat: add export");
    expect((await updateX(repo)).code).toBe(0);
    const before = snapshot(repo);
    const again = await updateX(repo, ["--allow-dirty"]);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ next_version: "1.1.0", applied: true, written: [], files: [] });
    const human = await releasio(repo.dir, ["update", "-x", "--allow-dirty"], env());
    expect(human.stdout).toBe(
      "EXECUTING: demo 1.1.0 is already written: no file needs a change\n" +
        "Next version: 1.1.0\n" +
        // The first run's files are written but not committed yet: they are the ones to commit.
        'Next steps: review, commit with git add pyproject.toml CHANGELOG.md && git commit -m "chore(release): ' +
        'prepare demo v1.1.0", then releasio release\n',
    );
    const dry = await releasio(repo.dir, ["update"], env());
    expect(dry.stdout).toContain("DRY-RUN: demo 1.1.0 is already written: no file needs a change\n");
    expect(snapshot(repo)).toBe(before);
  });

  it("a second update -x names the version modules the first one wrote among the files to commit", async () => {
    const repo = fixture({
      config: "[version]\nauto_detect_version_files = true\n",
      files: { "src/demo/__init__.py": '__version__ = "1.0.0"\n' },
    });
    repo.commit("feat: add export");
    expect((await updateX(repo)).code).toBe(0);
    const human = await releasio(repo.dir, ["update", "-x", "--allow-dirty"], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("git add pyproject.toml src/demo/__init__.py CHANGELOG.md && git commit");
  });

  it("66: dry runs of update and changelog change no file, ref or remote and run no hook", async () => {
    const repo = fixture({
      config: '[hooks]\npre_bump = ["touch pre-bump-ran"]\npost_bump = ["touch post-bump-ran"]\n',
    });
    repo.commit("feat: add export");
    const before = snapshot(repo);

    const u = await update(repo);
    expect(u.code).toBe(0);
    expect(u.json).toMatchObject({ dry_run: true, applied: false, written: [], hooks: [] });
    expect(filesOf(u).map((f) => f.path)).toEqual(["pyproject.toml", "CHANGELOG.md"]);
    const human = await releasio(repo.dir, ["update"], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("DRY-RUN: would update demo 1.0.0 → 1.1.0");
    const c = await json(repo.dir, "changelog", ["changelog"]);
    expect(c.code).toBe(0);
    expect(c.json.written).toBe(false);
    const k = await json(repo.dir, "check", ["check"]);
    expect(k.code).toBe(0);

    expect(snapshot(repo)).toBe(before);
    expect(repo.exists("pre-bump-ran") || repo.exists("post-bump-ran")).toBe(false);
  });
});

describe("Safety", () => {
  describe("67: dirty tree", () => {
    const dirty = (config?: string) => {
      const repo = fixture({ config });
      repo.commit("feat: add export");
      repo.write("notes.txt", "untracked\n");
      return repo;
    };

    it("67: a dry run on a dirty tree exits 0 with W_DIRTY_TREE", async () => {
      const repo = dirty();
      const r = await update(repo);
      expect(r.code).toBe(0);
      expect(warningCodes(r)).toContain("W_DIRTY_TREE");
    });

    it("67: update -x on a dirty tree is E_DIRTY_TREE and changes nothing", async () => {
      const repo = dirty();
      const before = snapshot(repo);
      const r = await updateX(repo);
      expect(r.code).toBe(1);
      expect(errorCode(r)).toBe("E_DIRTY_TREE");
      expect(errorMessage(r)).toContain("(1 file: notes.txt)");
      expect((r.json.error as { hint: string }).hint).toContain("--allow-dirty");
      expect(snapshot(repo)).toBe(before);
    });

    it("67: a path both deleted from the index and untracked is one file", async () => {
      const repo = fixture();
      repo.commit("feat: add export", { files: { "a.txt": "a\n" } });
      repo.git("rm", "-q", "--cached", "a.txt");
      const r = await updateX(repo);
      expect(errorCode(r)).toBe("E_DIRTY_TREE");
      expect(errorMessage(r)).toContain("(1 file: a.txt)");
    });

    it("67: --allow-dirty proceeds", async () => {
      const repo = dirty();
      const r = await updateX(repo, ["--allow-dirty"]);
      expect(r.code).toBe(0);
      expect(repo.read("pyproject.toml")).toBe(PYPROJECT("1.1.0"));
    });

    it("67: allow_dirty = true in the configuration proceeds", async () => {
      const repo = dirty("allow_dirty = true\n");
      const r = await updateX(repo);
      expect(r.code).toBe(0);
      expect(repo.read("pyproject.toml")).toBe(PYPROJECT("1.1.0"));
    });
  });

  describe("68: branches", () => {
    it("68: on a feature branch update warns W_NOT_RELEASE_BRANCH, in a dry run and with -x", async () => {
      const repo = fixture();
      repo.checkout("feature", true);
      repo.commit("feat: add export");
      const dry = await update(repo);
      expect(dry.code).toBe(0);
      expect(dry.json.branch).toBe("feature");
      expect(warningCodes(dry)).toContain("W_NOT_RELEASE_BRANCH");
      const x = await updateX(repo);
      expect(x.code).toBe(0);
      expect(x.json.applied).toBe(true);
      expect(warningCodes(x)).toContain("W_NOT_RELEASE_BRANCH");
    });

    const detached = (pushed: boolean) => {
      const repo = fixture();
      repo.commit("feat: add export");
      if (pushed) repo.push();
      repo.git("fetch", "-q", "origin");
      repo.git("checkout", "-q", "--detach");
      return repo;
    };
    const CI = { GITHUB_REF: "refs/heads/main", GITHUB_REF_NAME: "main" };

    it("68: a detached HEAD contained in origin/main takes its branch from GITHUB_REF_NAME", async () => {
      const repo = detached(true);
      const r = await update(repo, [], CI);
      expect(r.code).toBe(0);
      expect(r.json.branch).toBe("main");
      expect(warningCodes(r)).not.toContain("W_NOT_RELEASE_BRANCH");
    });

    it("68: a detached HEAD without CI variables, or not on origin/main, has no branch", async () => {
      const plain = await update(detached(true));
      expect(plain.code).toBe(0);
      expect(plain.json.branch).toBeNull();
      expect(warningCodes(plain)).toContain("W_NOT_RELEASE_BRANCH");
      const unpushed = await update(detached(false), [], CI);
      expect(unpushed.code).toBe(0);
      expect(unpushed.json.branch).toBeNull();
    });
  });

  it("69: commit messages and branch names never reach a shell; hooks print the literal values", async () => {
    const repo = fixture({
      config:
        "[hooks]\n" +
        "pre_bump = ['echo pre {branch} {version} {previous_tag}']\n" +
        "post_bump = ['echo post {branch} {version}', 'echo \"env $RELEASIO_BRANCH\"']\n",
    });
    repo.checkout("feat/it's", true);
    repo.commits("feat: $(touch pwned)", "fix: `touch pwned2`");
    const r = await updateX(repo);
    expect(r.code).toBe(0);
    expect(r.json.branch).toBe("feat/it's");
    const hooks = r.json.hooks as { hook: string; exit_code: number }[];
    expect(hooks.map((h) => [h.hook, h.exit_code])).toEqual([
      ["pre_bump", 0],
      ["post_bump", 0],
      ["post_bump", 0],
    ]);
    const lines = r.stderr.split("\n");
    expect(lines).toContain("pre feat/it's 1.1.0 v1.0.0");
    expect(lines).toContain("post feat/it's 1.1.0");
    expect(lines).toContain("env feat/it's");
    expect(repo.read("CHANGELOG.md")).toContain("- $(touch pwned)\n");
    expect(repo.read("CHANGELOG.md")).toContain("- `touch pwned2`\n");
    for (const dir of [repo.dir, dirname(repo.dir), process.cwd()]) {
      expect(readdirSync(dir).filter((f) => f.startsWith("pwned"))).toEqual([]);
    }
    expect(existsSync(join(repo.dir, "pwned"))).toBe(false);
  });
});
