/**
 * Acceptance scenarios 1–12 (PRODUCT.md §13, "Configuration and CLI"): configuration discovery, validation,
 * environment overrides, the original's keys, and the CLI's conventions — run end to end on real repositories.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, PYPROJECT, TestRepo, tempDir } from "../support/repo.js";
import { checkJson, project, refsSnapshot, runFail, runOk, treeSnapshot, warningCodes } from "./helpers-a.js";

afterAll(cleanupRepos);

// ajv is CommonJS: its class is both the module and its `default` export; the latter is what TypeScript sees.
const Ajv = Ajv2020.default;

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  }
).version;

const STACK_FRAME = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** F0 plus one committed `.releasio.toml` and a releasable commit, so only the configuration decides. */
function withConfig(config: string): TestRepo {
  const repo = f0({ origin: false });
  repo.commit("chore: configure releasio", { files: { ".releasio.toml": config } });
  repo.commit("feat: add export");
  return repo;
}

describe("Configuration and CLI", () => {
  it("1: with zero configuration a feat after v1.0.0 proposes 1.1.0", async () => {
    const repo = f0();
    repo.commit("feat: add export");

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      schema: 1,
      ok: true,
      exit_code: 0,
      next_version: "1.1.0",
      bump: "minor",
      tag: "v1.1.0",
      previous_tag: "v1.0.0",
      release_needed: true,
    });

    const human = await releasio(repo.dir, ["check"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Next version: 1\.1\.0$/m);
    const tagged = repo.git("rev-parse", "v1.0.0^{commit}").slice(0, 7);
    const date = repo.git("log", "-1", "--format=%cs", "v1.0.0").trim();
    expect(human.stdout).toMatch(new RegExp(`^Previous release: v1\\.0\\.0 \\(${tagged}, ${date}\\)$`, "m"));
  });

  it("2: the first configuration file found wins: .releasio.toml, then releasio.toml, then [tool.releasio]", async () => {
    const repo = project({
      pyproject: PYPROJECT("1.0.0", "demo", '\n[tool.releasio]\ndefault_branch = "p"\n'),
    });
    repo.write(".releasio.toml", 'default_branch = "d"\n');
    repo.write("releasio.toml", 'default_branch = "v"\n');

    const steps = [
      { expected: "d", file: ".releasio.toml", remove: ".releasio.toml" },
      { expected: "v", file: "releasio.toml", remove: "releasio.toml" },
      { expected: "p", file: "pyproject.toml", remove: null },
    ];
    for (const step of steps) {
      const { code, json } = await runOk("config-show", repo.dir, ["config", "show"]);
      expect(code).toBe(0);
      expect(json.config.default_branch).toBe(step.expected);
      expect(json.origins.default_branch).toBe(`file:${step.file}`);
      expect(json.files).toEqual([step.file]);
      if (step.remove) rmSync(join(repo.dir, step.remove));
    }
  });

  it("3: configuration files are never merged: releasio.toml hides [tool.releasio] entirely", async () => {
    const repo = project({
      pyproject: PYPROJECT("1.0.0", "demo", '\n[tool.releasio.version]\ntag_prefix = "rel-"\n'),
      files: { "releasio.toml": 'default_branch = "main"\n' },
    });
    repo.commit("feat: add export");

    const shown = await runOk("config-show", repo.dir, ["config", "show"]);
    expect(shown.code).toBe(0);
    expect(shown.json.files).toEqual(["releasio.toml"]);
    const version = shown.json.config.version as { tag_prefix: string };
    expect(version.tag_prefix).toBe("v");
    expect(shown.json.origins["version.tag_prefix"]).toBeUndefined();

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v1.0.0");
    expect(json.tag).toBe("v1.1.0");
  });

  it("4: without pyproject.toml the version comes from setup.py", async () => {
    const repo = project({
      version: "2.0.0",
      pyproject: null,
      files: {
        ".releasio.toml": 'default_branch = "main"\n',
        "setup.py": "from setuptools import setup\n\nsetup(name='demo', version='2.0.0')\n",
      },
    });
    repo.commit("feat: x");

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.project).toBe("demo");
    expect(json.current_version).toBe("2.0.0");
    expect(json.next_version).toBe("2.1.0");
    expect(json.files).toContainEqual({ path: "setup.py", kind: "setup-py", from: "2.0.0", to: "2.1.0" });
    expect(warningCodes(json)).not.toContain("W_NO_PROJECT_FILE");
  });

  it("4: without any project file the next version is computed from tags with W_NO_PROJECT_FILE", async () => {
    const repo = project({
      version: "2.0.0",
      pyproject: null,
      files: { ".releasio.toml": 'default_branch = "main"\n' },
    });
    repo.commit("feat: x");

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.previous_tag).toBe("v2.0.0");
    expect(json.next_version).toBe("2.1.0");
    expect(json.tag).toBe("v2.1.0");
    expect(json.files.map((f) => f.kind)).toEqual(["changelog"]);
    expect(warningCodes(json)).toContain("W_NO_PROJECT_FILE");
  });

  it("5: an unknown key exits 2 naming the file and key with a did-you-mean, and changes nothing", async () => {
    const repo = withConfig('[version]\ntag_prefx = "v"\n');
    const tree = treeSnapshot(repo);
    const refs = refsSnapshot(repo);

    const human = await releasio(repo.dir, ["update", "-x"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("error[E_CONFIG_UNKNOWN_KEY]");
    expect(human.stderr).toContain(".releasio.toml");
    expect(human.stderr).toContain("version.tag_prefx");
    expect(human.stderr).toMatch(/hint: .*version\.tag_prefix/);
    expect(human.stderr).not.toMatch(STACK_FRAME);

    const { code, json } = await runFail(repo.dir, ["update", "-x"]);
    expect(code).toBe(2);
    expect(json.exit_code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_UNKNOWN_KEY");
    expect(json.error.message).toContain(".releasio.toml");
    expect(json.error.message).toContain("version.tag_prefx");
    expect(`${json.error.message} ${json.error.hint}`).toContain("did you mean 'version.tag_prefix'");

    expect(treeSnapshot(repo)).toEqual(tree);
    expect(refsSnapshot(repo)).toBe(refs);
  });

  it.each([
    {
      problem: "publish.tool = flit (lists the values)",
      config: '[publish]\ntool = "flit"\n',
      code: "E_CONFIG_INVALID",
      mentions: ["publish.tool", "flit", "auto, uv, build, poetry, pdm, hatch, twine"],
    },
    {
      problem: "breaking_pattern = (",
      config: '[commits]\nbreaking_pattern = "("\n',
      code: "E_CONFIG_INVALID",
      mentions: ["commits.breaking_pattern"],
    },
    {
      problem: "name_format with {projcet}",
      config: '[release]\nname_format = "{projcet} {tag}"\n',
      code: "E_CONFIG_INVALID",
      mentions: [
        "release.name_format",
        "{projcet}",
        "{project}",
        "{package}",
        "{version}",
        "{tag}",
        "{previous_version}",
        "{previous_tag}",
      ],
    },
    {
      problem: "initial_version = one",
      config: '[version]\ninitial_version = "one"\n',
      code: "E_CONFIG_INVALID",
      mentions: ["version.initial_version", "one"],
    },
    {
      problem: "fix in types_minor and types_patch",
      config: '[commits]\ntypes_minor = ["feat", "fix"]\ntypes_patch = ["fix"]\n',
      code: "E_CONFIG_INVALID",
      mentions: ["commits.types_minor", "commits.types_patch", "fix"],
    },
  ])("6: $problem exits 2 naming the file and key", async ({ config, code: errorCode, mentions }) => {
    const repo = withConfig(config);
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe(errorCode);
    expect(json.error.message).toContain(".releasio.toml");
    for (const text of mentions) expect(json.error.message).toContain(text);
  });

  it("6: RELEASIO_CONFIG selects the file; a missing one exits 2 naming the variable, not --config", async () => {
    const repo = withConfig('[version]\ntag_prefix = "v"\n');
    repo.write("ci/releasio.toml", 'default_branch = "trunk"\n');
    const shown = await releasio(repo.dir, ["config", "show", "--json"], {
      ...cleanEnv(),
      RELEASIO_CONFIG: "ci/releasio.toml",
    });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('"trunk"');
    const tree = treeSnapshot(repo);
    const { code, json } = await runFail(repo.dir, ["update", "-x"], {
      ...cleanEnv(),
      RELEASIO_CONFIG: "ci/missing.toml",
    });
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_ENV");
    expect(json.error.message).toMatch(
      /^environment variable RELEASIO_CONFIG: file not found; got '\/.*\/ci\/missing\.toml'$/,
    );
    expect(json.error.message).not.toContain("--config");
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("6: malformed TOML exits 2 naming the file, line and column", async () => {
    const repo = withConfig('[version]\ntag_prefix = = "v"\n');
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_TOML");
    expect(json.error.message).toContain(".releasio.toml");
    expect(json.error.message).toMatch(/line 2, column \d+/);
  });

  it("6: a string written without quotes gets the quoted line as its fix", async () => {
    const repo = withConfig("[version]\ntag_prefix = release-\n");
    const tree = treeSnapshot(repo);
    const human = await releasio(repo.dir, ["update", "-x"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(
      "error[E_CONFIG_TOML]: invalid TOML in .releasio.toml at line 2, column 14",
    );
    expect(human.stderr).toContain('hint: strings take double quotes: tag_prefix = "release-"');
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("7: RELEASIO_PUBLISH_REGISTRY overrides the registry and config show names its origin", async () => {
    const repo = f0({ origin: false });
    const env = cleanEnv({ RELEASIO_PUBLISH_REGISTRY: "https://test.pypi.org/legacy/" });
    const { code, json } = await runOk("config-show", repo.dir, ["config", "show"], env);
    expect(code).toBe(0);
    expect((json.config.publish as { registry: string }).registry).toBe("https://test.pypi.org/legacy/");
    expect(json.origins["publish.registry"]).toBe("env:RELEASIO_PUBLISH_REGISTRY");

    const human = await releasio(repo.dir, ["config", "show"], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("env:RELEASIO_PUBLISH_REGISTRY");
  });

  it("7: an invalid boolean in RELEASIO_ALLOW_DIRTY exits 2 naming the variable", async () => {
    const repo = f0({ origin: false });
    const { code, json } = await runFail(repo.dir, ["check"], cleanEnv({ RELEASIO_ALLOW_DIRTY: "maybe" }));
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_ENV");
    expect(json.error.message).toContain("RELEASIO_ALLOW_DIRTY");
    expect(json.error.message).toContain("maybe");
  });

  it("7: a misspelt RELEASIO_ variable warns W_UNKNOWN_ENV with the closest name", async () => {
    const repo = f0({ origin: false });
    const env = cleanEnv({ RELEASIO_PUBLSH_REGISTRY: "x" });
    const { code, json } = await checkJson(repo.dir, [], env);
    expect(code).toBe(0);
    const warning = json.warnings.find((w) => w.code === "W_UNKNOWN_ENV");
    expect(warning?.message).toContain("RELEASIO_PUBLSH_REGISTRY");
    expect(warning?.message).toContain("RELEASIO_PUBLISH_REGISTRY");
  });

  it("8: github.release_pr_branch is a deprecated alias of release_pr.branch", async () => {
    const repo = withConfig('[github]\nrelease_pr_branch = "rel"\n');

    const shown = await runOk("config-show", repo.dir, ["config", "show"]);
    expect(shown.code).toBe(0);
    expect((shown.json.config.release_pr as { branch: string }).branch).toBe("rel");
    const warning = shown.json.warnings.find((w) => w.code === "W_CONFIG_DEPRECATED_KEY");
    expect(warning?.message).toContain("github.release_pr_branch");
    expect(warning?.message).toContain("release_pr.branch");

    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(warningCodes(json)).toContain("W_CONFIG_DEPRECATED_KEY");
    expect(json.next_version).toBe("1.1.0");

    // Human output reports every warning on stderr (§3.4), config show included.
    for (const args of [["check"], ["config", "show"]]) {
      const human = await releasio(repo.dir, args);
      expect(human.code).toBe(0);
      expect(human.stderr).toContain("warning[W_CONFIG_DEPRECATED_KEY]");
    }
  });

  it("8: changelog.native_fallback was removed and exits 2 naming changelog.engine", async () => {
    const repo = withConfig("[changelog]\nnative_fallback = true\n");
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_REMOVED_KEY");
    expect(json.error.message).toContain(".releasio.toml");
    expect(json.error.message).toContain("changelog.native_fallback");
    expect(json.error.hint).toContain("changelog.engine");
  });

  it("9: check on a sub-directory uses the configuration found there, not the root's", async () => {
    const repo = project({
      pyproject: PYPROJECT("1.0.0", "root", '\n[tool.releasio]\ndefault_branch = "parent"\n'),
      files: {
        "sub/.releasio.toml": 'default_branch = "sub"\n',
        "sub/pyproject.toml": PYPROJECT("1.0.0"),
      },
    });
    repo.commit("feat: add export", { files: { "sub/export.py": "x = 1\n" } });

    const shown = await runOk("config-show", repo.dir, ["config", "show", "sub"]);
    expect(shown.code).toBe(0);
    expect(shown.json.config.default_branch).toBe("sub");
    expect(shown.json.origins.default_branch).toBe("file:sub/.releasio.toml");

    const { code, json } = await checkJson(repo.dir, ["sub"]);
    expect(code).toBe(0);
    expect(json.project).toBe("demo");
    expect(json.path).toBe("sub");
    expect(json.next_version).toBe("1.1.0");

    // The dry run's branch warning shows which default_branch is in effect.
    const dry = await runOk("update", repo.dir, ["update", "sub"]);
    expect(dry.code).toBe(0);
    const branchWarning = dry.json.warnings.find((w) => w.code === "W_NOT_RELEASE_BRANCH");
    expect(branchWarning?.message).toContain("sub");
    expect(branchWarning?.message).not.toContain("parent");
  });

  it("10: outside a repository exits 1 with E_NOT_A_REPO, mentions git and prints no stack trace", async () => {
    const dir = tempDir();

    const human = await releasio(dir, ["check"]);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe("");
    expect(human.stderr).toContain("error[E_NOT_A_REPO]");
    expect(human.stderr).toMatch(/git/);
    expect(human.stderr).not.toMatch(STACK_FRAME);

    const { code, json, stderr } = await runFail(dir, ["check"]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, exit_code: 1 });
    expect(json.error.code).toBe("E_NOT_A_REPO");
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it("10: a repository without commits exits 1 with E_EMPTY_REPO", async () => {
    const repo = TestRepo.create({ origin: false });
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(1);
    expect(json).toMatchObject({ ok: false, exit_code: 1 });
    expect(json.error.code).toBe("E_EMPTY_REPO");
  });

  it("11: an unknown option exits 2 with E_USAGE", async () => {
    const repo = f0({ origin: false });
    const human = await releasio(repo.dir, ["check", "--bogus"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("error[E_USAGE]");
    expect(human.stderr).toContain("--bogus");
    expect(human.stderr).toContain("hint: run 'releasio check --help'");

    const { code, json } = await runFail(repo.dir, ["check", "--bogus"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_USAGE");
    expect(json.error.message).toContain("--bogus");
  });

  it("11: a mistyped command or option exits 2 with commander's suggestion as the hint", async () => {
    const repo = f0({ origin: false });
    const command = await runFail(repo.dir, ["chek"]);
    expect(command.code).toBe(2);
    expect(command.json.error).toMatchObject({
      code: "E_USAGE",
      message: "unknown command 'chek'",
      hint: "did you mean 'check'? run 'releasio --help'",
    });
    const option = await releasio(repo.dir, ["check", "--verbos"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("error[E_USAGE]: unknown option '--verbos' for 'check'\n");
    expect(option.stderr).toContain("hint: did you mean '--verbose'? run 'releasio check --help'");
  });

  it("11: a PATH that is not a directory exits 2 with E_USAGE naming it, for every command that takes one", async () => {
    const repo = f0({ origin: false });
    repo.commit("feat: add export", { files: { "export.py": "x = 1\n" } });
    const before = { tree: treeSnapshot(repo), refs: refsSnapshot(repo) };

    // `explain HEAD` is the natural slip: PATH is a directory, not a commit. It used to read as "git not found".
    const human = await releasio(repo.dir, ["explain", "HEAD"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("error[E_USAGE]: the project path 'HEAD' does not exist");
    expect(human.stderr).toContain("not a commit");
    expect(human.stderr).not.toContain("E_GIT_MISSING");

    const runs: [string[], string][] = [
      [["check", "missing"], "does not exist"],
      [["update", "--execute", "missing"], "does not exist"],
      [["changelog", "pyproject.toml"], "is a file, not a directory"],
      [["config", "show", "missing"], "does not exist"],
      [["doctor", "--offline", "missing"], "does not exist"],
      [["init", "missing"], "does not exist"],
    ];
    for (const [args, message] of runs) {
      const { code, json } = await runFail(repo.dir, args);
      expect(code, args.join(" ")).toBe(2);
      expect(json.error.code, args.join(" ")).toBe("E_USAGE");
      expect(json.error.message, args.join(" ")).toContain(message);
    }
    expect({ tree: treeSnapshot(repo), refs: refsSnapshot(repo) }).toEqual(before);
  });

  it.each([
    ["check"],
    ["explain"],
    ["update"],
    ["changelog"],
    ["release-pr"],
    ["release"],
    ["do-release"],
    ["check-pr"],
    ["init"],
    ["publish"],
    ["doctor"],
    ["config"],
    ["config", "show"],
    ["config", "schema"],
  ])("11: releasio %s --help exits 0 with usage and examples", async (...command) => {
    const result = await releasio(tempDir(), [...command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: releasio ${command.join(" ")}\\b`, "m"));
    expect(result.stdout).toMatch(new RegExp(`^Examples:\\n  \\$ releasio ${command[0]}\\b`, "m"));
  });

  it("11: read-only commands offer neither --execute nor --allow-dirty, and still accept --allow-dirty", async () => {
    for (const command of ["check", "explain", "check-pr"]) {
      const help = (await releasio(tempDir(), [command, "--help"])).stdout;
      expect(help).not.toContain("--execute");
      expect(help).not.toContain("--allow-dirty");
    }
    for (const command of ["update", "changelog", "release-pr", "release", "do-release", "publish"]) {
      expect((await releasio(tempDir(), [command, "--help"])).stdout).toMatch(
        /--allow-dirty\s+allow --execute on a dirty working tree/,
      );
    }
    expect((await releasio(tempDir(), ["doctor", "--help"])).stdout).toMatch(
      /--allow-dirty\s+diagnose as --execute with --allow-dirty would run/,
    );
    const repo = f0({ origin: false });
    repo.commits("fix: handle null");
    repo.write("scratch.txt", "dirty\n");
    const result = await releasio(repo.dir, ["check", "--allow-dirty", "-q"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Next version: 1.0.1\n");
  });

  it("--package names the project itself; any other name exits 2 before anything is read or written", async () => {
    const repo = f0({ origin: false });
    repo.commits("fix: handle null");
    for (const name of ["demo", "DEMO"]) {
      const own = await releasio(repo.dir, ["check", "--package", name, "-q"]);
      expect(own.code).toBe(0);
      expect(own.stdout).toBe("Next version: 1.0.1\n");
    }
    const tree = treeSnapshot(repo);
    for (const args of [["check"], ["explain"], ["update", "-x"], ["changelog", "-x"]]) {
      const { code, json } = await runFail(repo.dir, [...args, "--package", "demo-cli"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_USAGE");
      expect(json.error.message).toBe("unknown package 'demo-cli': this repository holds demo");
      expect(json.error.hint).toBe("use --package demo or leave --package out");
    }
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("11: releasio without arguments prints the general help and exits 0", async () => {
    const result = await releasio(tempDir(), []);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: releasio/m);
    for (const command of ["check", "explain", "update", "changelog", "config"])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, "m"));
    expect(result.stdout).toMatch(/^Examples:\n {2}\$ releasio check\b/m);
    expect(result.stdout).toContain("'releasio <command> --help' shows its options and examples");
    expect((await releasio(tempDir(), ["--help"])).stdout).toBe(result.stdout);
  });

  it("11: the aliases --release-as and --pre are named in the help of the commands that take versions", async () => {
    for (const command of ["check", "update", "release-pr", "do-release"]) {
      // Descriptions wrap at the terminal's width: compare with the spaces folded.
      const help = (await releasio(tempDir(), [command, "--help"])).stdout.replace(/\s+/g, " ");
      expect(help).toMatch(/--version <version> [^(]*\(PEP 440 or SemVer spelling; alias --release-as\)/);
      expect(help).toMatch(
        /--prerelease <token> make a pre-release: [^(]*\(a\), [^(]*\(b\), [^(]*\(c\) or dev \(alias --pre\)/,
      );
    }
  });

  it("11: global options are accepted before the command too", async () => {
    const repo = f0({ origin: false });
    repo.commits("fix: handle null");
    repo.write("custom.toml", '[version]\ntag_prefix = "v"\n');
    const json = await releasio(repo.dir, ["--json", "--offline", "check"]);
    expect(json.code).toBe(0);
    expect(json.json).toMatchObject({ command: "check", ok: true, next_version: "1.0.1" });
    const quiet = await releasio(repo.dir, ["-q", "--config", "custom.toml", "check"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe("Next version: 1.0.1\n");
    const config = await releasio(repo.dir, ["--json", "config"]);
    expect(config.json).toMatchObject({ command: "config", ok: true });
    const unknown = await releasio(repo.dir, ["--bogus", "check"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--bogus'");
  });

  it("11: -q wins over explain's and --verbose's trace: only the result line", async () => {
    const repo = f0({ origin: false });
    repo.commits("fix: handle null");
    for (const args of [
      ["explain", "-q"],
      ["check", "-q", "--verbose"],
    ]) {
      const result = await releasio(repo.dir, args);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe("Next version: 1.0.1\n");
      expect(result.stderr).toBe("");
    }
  });

  it.each([["--version"], ["-V"]])("11: releasio %s prints the package version", async (flag) => {
    const result = await releasio(tempDir(), [flag]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`releasio ${PACKAGE_VERSION}\n`);
  });

  it("11: check -v prints the verbose commit table, never the version", async () => {
    const repo = f0({ origin: false });
    repo.commits("fix: handle null", "docs: explain export");

    const result = await releasio(repo.dir, ["check", "-v"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(`releasio ${PACKAGE_VERSION}`);
    expect(result.stdout).toMatch(/^\s+SHA\s+TYPE\s+SCOPE\s+BUMP\s+IN\s+REASON\s+DESCRIPTION$/m);
    expect(result.stdout).toMatch(/^\s+[0-9a-f]{7}\s+fix\s+patch\s+✓\s+patch-type\s+handle null$/m);
    expect(result.stdout).toMatch(/^\s+[0-9a-f]{7}\s+docs\s+-\s+✓\s+no-bump-type\s+explain export$/m);

    const explain = await releasio(repo.dir, ["explain"]);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toBe(result.stdout);
  });

  it("11: -q prints only the final result line of check and update; warnings still reach stderr", async () => {
    const repo = f0({ origin: false });
    repo.commits("fix: handle null", "docs: explain export");

    const check = await releasio(repo.dir, ["check", "-q"], cleanEnv({ RELEASIO_PUBLSH_REGISTRY: "x" }));
    expect(check.code).toBe(0);
    expect(check.stdout).toBe("Next version: 1.0.1\n");
    expect(check.stderr).toContain("warning[W_UNKNOWN_ENV]");
    const update = await releasio(repo.dir, ["update", "--quiet"]);
    expect(update.code).toBe(0);
    expect(update.stdout).toBe("Next version: 1.0.1\n");
    expect(repo.read("pyproject.toml")).toContain('version = "1.0.0"');

    const released = f0({ origin: false });
    const nothing = await releasio(released.dir, ["check", "-q"]);
    expect(nothing.stdout).toBe("Next version: none\n");
    // Without -q the same runs print the whole summary.
    expect((await releasio(repo.dir, ["check"])).stdout).toMatch(/^\s+SHA\s+TYPE/m);
  });

  it("12: config schema validates the default configuration, rejects unknown keys and documents every key", async () => {
    const dir = f0({ origin: false }).dir;
    const wrapped = await runOk("config-schema", dir, ["config", "schema"]);
    expect(wrapped.code).toBe(0);
    const schema = wrapped.json.json_schema;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");

    const plain = await releasio(dir, ["config", "schema"]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toEqual(schema);

    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const defaults = await runOk("config-show", dir, ["config", "show"]);
    expect(defaults.code).toBe(0);
    expect(validate(defaults.json.config), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
    expect(validate({ version: { prefix: "v" } })).toBe(false);

    const undocumented = schemaKeys(schema).filter(
      (k) => typeof k.schema.description !== "string" || (!k.required && !("default" in k.schema)),
    );
    expect(undocumented.map((k) => k.path)).toEqual([]);
  });
});

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Every configuration key of a JSON Schema (properties of tables, array items and maps), with its path. */
function schemaKeys(node: unknown, path = ""): { path: string; schema: Json; required: boolean }[] {
  if (!isObject(node)) return [];
  const out: { path: string; schema: Json; required: boolean }[] = [];
  const required = Array.isArray(node.required) ? (node.required as string[]) : [];
  if (isObject(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      const childPath = path === "" ? name : `${path}.${name}`;
      if (isObject(child)) out.push({ path: childPath, schema: child, required: required.includes(name) });
      out.push(...schemaKeys(child, childPath));
    }
  }
  out.push(...schemaKeys(node.items, `${path}[]`));
  out.push(...schemaKeys(node.additionalProperties, `${path}.*`));
  for (const combinator of ["anyOf", "oneOf", "allOf"]) {
    const branches = node[combinator];
    if (Array.isArray(branches)) for (const branch of branches) out.push(...schemaKeys(branch, path));
  }
  return out;
}
