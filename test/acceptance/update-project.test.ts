/**
 * `update --execute` where the project is not the plain repository root, or its metadata is broken: hooks run in
 * the project path (§6.17), the next steps work from where releasio ran (§4.2), and a project file that pip would
 * refuse exits 2 with E_PROJECT_METADATA and changes nothing (§3.7).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, TestRepo } from "../support/repo.js";
import { env, errorCode, fixture, snapshot } from "./helpers-b.js";

afterAll(cleanupRepos);

/** A repository whose project lives in `pkg/`, released once, with a feature since. */
function subProject(config = ""): TestRepo {
  const repo = TestRepo.create({ origin: false });
  repo.commit("chore: initial import", {
    files: { "pkg/pyproject.toml": `${PYPROJECT("1.0.0")}${config}`, "README.md": "# demo\n" },
  });
  repo.tag("v1.0.0");
  repo.commit("feat: add export");
  return repo;
}

/** Runs a shell line as a user would type it. */
function sh(cwd: string, line: string): void {
  execFileSync("/bin/sh", ["-c", line], { cwd, stdio: "pipe" });
}

describe("update --execute in a project below the repository root", () => {
  it("runs pre_bump and post_bump in the project path", async () => {
    const repo = subProject(
      '\n[tool.releasio.hooks]\npre_bump = ["pwd > pre-bump-cwd.txt"]\npost_bump = ["pwd > post-bump-cwd.txt"]\n',
    );
    const r = await releasio(join(repo.dir, "pkg"), ["update", "--execute", "--allow-dirty"], env());
    expect(r.code).toBe(0);
    const project = join(repo.git("rev-parse", "--show-toplevel").trim(), "pkg");
    expect(repo.read("pkg/pre-bump-cwd.txt").trim()).toBe(project);
    expect(repo.read("pkg/post-bump-cwd.txt").trim()).toBe(project);
    expect(repo.exists("pre-bump-cwd.txt")).toBe(false);
  });

  it("names the files to commit relative to where releasio ran, so the command works as printed", async () => {
    const repo = subProject();
    const pkg = join(repo.dir, "pkg");
    const r = await releasio(pkg, ["update", "--execute"], env());
    expect(r.code).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("Next steps:"));
    expect(line).toBe(
      "Next steps: review, commit with git add pyproject.toml CHANGELOG.md && " +
        'git commit -m "chore(release): prepare demo v1.1.0", then releasio release',
    );
    const command = /commit with (.*), then releasio release/.exec(line ?? "")?.[1] ?? "";
    sh(pkg, command);
    expect(repo.status()).toBe("");
    expect(repo.git("log", "-1", "--format=%s").trim()).toBe("chore(release): prepare demo v1.1.0");
  });

  it("from the repository root, names the project's files by their path in the repository", async () => {
    const repo = subProject();
    const r = await releasio(repo.dir, ["update", "pkg", "--execute"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("commit with git add pkg/pyproject.toml pkg/CHANGELOG.md && git commit");
  });

  it("from outside the repository, tells git where the repository is", async () => {
    const repo = subProject();
    const outside = join(repo.dir, "..", `outside-${Date.now()}`);
    mkdirSync(outside);
    const r = await releasio(outside, ["update", join(repo.dir, "pkg"), "--execute"], env());
    expect(r.code).toBe(0);
    const command = /commit with (.*), then releasio release/.exec(r.stdout)?.[1] ?? "";
    expect(command).toMatch(
      /^git -C \.\.\/\S+ add pkg\/pyproject\.toml pkg\/CHANGELOG\.md && git -C \.\.\/\S+ commit/,
    );
    sh(outside, command);
    expect(repo.status()).toBe("");
  });
});

describe("project files that a Python build would refuse", () => {
  const broken: [string, Record<string, string>, RegExp][] = [
    [
      "a [project] table without a name",
      { "pyproject.toml": '[project]\nversion = "1.0.0"\n' },
      /^pyproject\.toml: \[project\]\.name is missing$/,
    ],
    [
      "a [project] table with an empty name",
      { "pyproject.toml": '[project]\nname = ""\nversion = "1.0.0"\n' },
      /^pyproject\.toml: \[project\]\.name is empty$/,
    ],
    [
      "a Poetry name of blanks",
      { "pyproject.toml": '[tool.poetry]\nname = "  "\nversion = "1.0.0"\n' },
      /^pyproject\.toml: \[tool\.poetry\]\.name is empty$/,
    ],
    [
      "a version that is not a string",
      { "pyproject.toml": '[project]\nname = "demo"\nversion = 1\n' },
      /^pyproject\.toml: \[project\]\.version must be a string, got 1$/,
    ],
    [
      "a Poetry name that is not a string",
      { "pyproject.toml": '[tool.poetry]\nname = 7\nversion = "1.0.0"\n' },
      /^pyproject\.toml: \[tool\.poetry\]\.name must be a string, got 7$/,
    ],
    [
      "a pyproject.toml that starts with a byte-order mark",
      { "pyproject.toml": `\ufeff${PYPROJECT("1.0.0")}` },
      /^pyproject\.toml starts with a UTF-8 byte-order mark/,
    ],
    [
      "a setup.cfg that starts with a byte-order mark",
      { "setup.cfg": "\ufeff[metadata]\nname = demo\nversion = 1.0.0\n" },
      /^setup\.cfg starts with a UTF-8 byte-order mark/,
    ],
    [
      "a name that is not a distribution name",
      { "pyproject.toml": '[project]\nname = "demo$(touch pwned)"\nversion = "1.0.0"\n' },
      /^pyproject\.toml: 'demo\$\(touch pwned\)' is not a valid distribution name$/,
    ],
    [
      "a setup.cfg whose indented version line continues the name",
      { "setup.cfg": "[metadata]\nname = demo\n  version = 1.0.0\n" },
      /^setup\.cfg: 'demo\\nversion = 1\.0\.0' is not a valid distribution name$/,
    ],
  ];

  it.each(broken)(
    "%s: check and update exit 2 with E_PROJECT_METADATA and change nothing",
    async (_, files, message) => {
      const repo = fixture({ pyproject: null, files });
      repo.commit("fix: repair");
      const before = snapshot(repo);
      for (const args of [["check"], ["update", "--execute"]]) {
        const r = await releasio(repo.dir, [...args, "--json"], env());
        expect(r.code).toBe(2);
        expect(errorCode(r)).toBe("E_PROJECT_METADATA");
        expect((r.json.error as { message: string }).message).toMatch(message);
        expect((r.json.error as { hint: string | null }).hint).toBeTruthy();
      }
      expect(snapshot(repo)).toBe(before);
    },
  );

  it("a [project] table without a version, not dynamic: check plans from the tags and warns, update exits 2", async () => {
    const repo = fixture({ pyproject: '[project]\nname = "demo"\n' });
    repo.commit("fix: repair");
    const before = snapshot(repo);
    const reason = 'pyproject.toml has no [project].version and does not list "version" in [project].dynamic';
    const check = await releasio(repo.dir, ["check", "--json"], env());
    expect(check.code).toBe(0);
    expect(check.json.next_version).toBe("1.0.1");
    expect(check.json.warnings).toContainEqual(
      expect.objectContaining({ message: `cannot determine the declared version of demo: ${reason}` }),
    );
    for (const args of [["update"], ["update", "--execute"]]) {
      const r = await releasio(repo.dir, [...args, "--json"], env());
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_PROJECT_METADATA");
      expect((r.json.error as { message: string }).message).toBe(
        `cannot determine the declared version of demo: ${reason}`,
      );
    }
    expect(snapshot(repo)).toBe(before);
  });

  it("a project without any name: check plans from the tags, update --execute exits 2 and writes nothing", async () => {
    const repo = fixture({ pyproject: null, files: { "setup.cfg": "[flake8]\nmax-line-length = 100\n" } });
    repo.commit("fix: repair");
    const before = snapshot(repo);
    const check = await releasio(repo.dir, ["check", "--json"], env());
    expect(check.code).toBe(0);
    expect(check.json.next_version).toBe("1.0.1");
    // The dry run refuses it as the applied update does.
    for (const args of [["update"], ["update", "--execute"]]) {
      const r = await releasio(repo.dir, [...args, "--json"], env());
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_PROJECT_METADATA");
      expect((r.json.error as { message: string }).message).toBe("setup.cfg: the project has no name");
    }
    expect(snapshot(repo)).toBe(before);
  });

  it("no project file at all: check plans from the tags, update refuses in its dry run as when applied", async () => {
    const repo = fixture({ pyproject: null, files: { "src/demo/__init__.py": null } });
    repo.commit("feat: add export");
    const before = snapshot(repo);
    const check = await releasio(repo.dir, ["check", "--json"], env());
    expect(check.code).toBe(0);
    expect(check.json.next_version).toBe("1.1.0");
    for (const args of [["update"], ["update", "--execute"]]) {
      const r = await releasio(repo.dir, [...args, "--json"], env());
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_PROJECT_NOT_FOUND");
    }
    expect(snapshot(repo)).toBe(before);
  });
});

describe("pre_bump hooks run before the new contents are computed (§4.2)", () => {
  it("what a hook writes into the files releasio edits is kept, with the release's edits made on top", async () => {
    const repo = fixture({
      config: [
        "[version]",
        'version_files = ["src/demo/__init__.py"]',
        "[hooks]",
        "pre_bump = [",
        "  \"printf '# regenerated by the hook\\\\n' >> pyproject.toml\",",
        "  \"printf '# Changelog\\\\n\\\\nWritten by the hook.\\\\n' > CHANGELOG.md\",",
        '  "printf \'__version__ = \\"1.0.0\\"  # hook\\\\n\' > src/demo/__init__.py",',
        "]",
        "",
      ].join("\n"),
      files: { "src/demo/__init__.py": '__version__ = "1.0.0"\n' },
    });
    repo.commit("fix: something");
    const r = await releasio(repo.dir, ["update", "--execute"], env());
    expect(r.code, r.stderr).toBe(0);
    const pyproject = repo.read("pyproject.toml");
    expect(pyproject).toContain('version = "1.0.1"');
    expect(pyproject.endsWith("# regenerated by the hook\n")).toBe(true);
    const changelog = repo.read("CHANGELOG.md");
    expect(changelog).toContain("Written by the hook.");
    expect(changelog).toContain("## [1.0.1]");
    expect(changelog.indexOf("Written by the hook.")).toBeLessThan(changelog.indexOf("## [1.0.1]"));
    expect(repo.read("src/demo/__init__.py")).toBe('__version__ = "1.0.1"  # hook\n');
  });

  it("without pre_bump hooks the planned contents are written as planned", async () => {
    const repo = fixture();
    repo.commit("fix: something");
    const dry = await releasio(repo.dir, ["update", "--json"], env());
    const r = await releasio(repo.dir, ["update", "--execute", "--json"], env());
    expect(r.code).toBe(0);
    expect((r.json.files as { path: string }[]).map((f) => f.path)).toEqual(
      (dry.json.files as { path: string }[]).map((f) => f.path),
    );
    expect(repo.read("pyproject.toml")).toContain('version = "1.0.1"');
  });
});

describe("the next steps after update --execute are a command that works as printed", () => {
  it("paths a shell would split or expand are quoted", async () => {
    const repo = fixture({
      config: '[version]\nversion_files = ["my $HOME v.py", "it\'s here.py"]\n',
      files: { "my $HOME v.py": '__version__ = "1.0.0"\n', "it's here.py": 'VERSION = "1.0.0"\n' },
    });
    repo.commit("fix: something");
    const r = await releasio(repo.dir, ["update", "--execute"], env());
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("Next steps:")) ?? "";
    expect(line).toContain(`git add pyproject.toml 'my $HOME v.py' "it's here.py" CHANGELOG.md && `);
    const command = /commit with (.*), then releasio release/.exec(line)?.[1] ?? "";
    sh(repo.dir, command);
    expect(repo.status()).toBe("");
    expect(repo.read("my $HOME v.py")).toBe('__version__ = "1.0.1"\n');
    expect(repo.git("log", "-1", "--format=%s").trim()).toBe("chore(release): prepare demo v1.0.1");
  });
});
