/**
 * Configuration, CLI and JSON-output conventions (PRODUCT.md §3.2, §3.5, §3.6, §4.11, §5.2): failures report the
 * mode the command ran in, bad option values change nothing, every configuration problem is printed, git-unusable
 * tag prefixes are refused at load.
 */
import { rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, type TestRepo, tempDir } from "../support/repo.js";
import { project, refsSnapshot, runFail, runOk, treeSnapshot } from "./helpers-a.js";

afterAll(cleanupRepos);

/** A released project with one releasable commit, and `config` committed as `.releasio.toml` when given. */
function releasable(config?: string): TestRepo {
  const repo = project(config === undefined ? {} : { files: { ".releasio.toml": config } });
  repo.commit("feat: add export");
  return repo;
}

describe("dry_run of a failure is the mode the command ran in (§3.5)", () => {
  it.each([
    [["update", "--version", "0.9.0"], true],
    [["update", "--version", "0.9.0", "-x"], false],
    [["update", "--bogus"], true],
    [["update", "--bogus", "--execute"], false],
    [["update", "-qx", "--bogus"], false],
    [["release-pr", "--bogus"], true],
    [["check", "--version", "0.9.0"], false],
    [["check", "--bogus"], false],
    [["config", "show", "--bogus"], false],
  ])("releasio %j --json reports dry_run %s", async (args, dryRun) => {
    const { code, json } = await runFail(releasable().dir, args);
    expect(code).toBe(2);
    expect(json.dry_run).toBe(dryRun);
  });
});

describe("an empty --version or --prerelease is an invalid value: exit 2, nothing changed (§3.2, §3.6)", () => {
  const commands = [["check"], ["explain"], ["update", "-x"], ["release-pr", "-x"], ["do-release", "-x"]];
  it.each([
    ["--version", "E_VERSION_INVALID"],
    ["--release-as", "E_VERSION_INVALID"],
    ["--prerelease", "E_PRERELEASE_TOKEN"],
    ["--pre", "E_PRERELEASE_TOKEN"],
  ])('%s "" is refused by every command that takes it', async (flag, errorCode) => {
    const repo = releasable();
    const before = { tree: treeSnapshot(repo), refs: refsSnapshot(repo) };
    for (const command of commands) {
      const { code, json } = await runFail(repo.dir, [...command, flag, ""]);
      expect(code, command.join(" ")).toBe(2);
      expect(json.error.code, command.join(" ")).toBe(errorCode);
      const human = await releasio(repo.dir, [...command, flag, ""]);
      expect(human.code).toBe(2);
      expect(human.stderr).toContain(`error[${errorCode}]: `);
    }
    expect({ tree: treeSnapshot(repo), refs: refsSnapshot(repo) }).toEqual(before);
  });
});

describe("every problem of a configuration is printed, in the human output too (§5.2)", () => {
  it("each problem of the file with its key, value and hint", async () => {
    const repo = releasable('default_brnch = "x"\n[version]\ntag_prefx = "v"\ninitial_version = "one"\n');
    const result = await releasio(repo.dir, ["check"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      [
        "error[E_CONFIG_UNKNOWN_KEY]: .releasio.toml: unknown key 'default_brnch'",
        "  hint: did you mean 'default_branch'?",
        "error[E_CONFIG_UNKNOWN_KEY]: .releasio.toml: unknown key 'version.tag_prefx'",
        "  hint: did you mean 'version.tag_prefix'?",
        `error[E_CONFIG_INVALID]: .releasio.toml: 'version.initial_version' is not a valid PEP 440 version; got "one"`,
        "  hint: use PEP 440, e.g. 0.1.0, 1.0.0, 1.0.0b1",
        "",
      ].join("\n"),
    );
  });

  it("each bad environment variable", async () => {
    const env = cleanEnv({ RELEASIO_ALLOW_DIRTY: "maybe", RELEASIO_CHANGELOG_ENGINE: "word" });
    const result = await releasio(releasable().dir, ["check"], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error\[E_CONFIG_ENV\]: environment variable RELEASIO_ALLOW_DIRTY: .*'maybe'$/m,
    );
    expect(result.stderr).toMatch(
      /^error\[E_CONFIG_ENV\]: environment variable RELEASIO_CHANGELOG_ENGINE: .*'word'$/m,
    );
  });
});

describe("a tag_prefix git cannot use is refused when the configuration loads", () => {
  it.each(["rel~", "v ", "a:b", "v..", "/v", "v*"])("tag_prefix = %j", async (prefix) => {
    const repo = releasable(`[version]\ntag_prefix = ${JSON.stringify(prefix)}\n`);
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_INVALID");
    expect(json.error.message).toMatch(
      /^\.releasio\.toml: 'version\.tag_prefix' does not form a valid git tag name \(refs\/tags\/.*1\.0\.0 .*\); got ".*"$/,
    );
    expect(json.error.message).toContain(`got ${JSON.stringify(prefix)}`);
    expect(json.error.hint).toContain("git check-ref-format");
  });

  it("also from RELEASIO_VERSION_TAG_PREFIX", async () => {
    const env = cleanEnv({ RELEASIO_VERSION_TAG_PREFIX: "rel~" });
    const { code, json } = await runFail(releasable().dir, ["check"], env);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_ENV");
    expect(json.error.message).toContain("environment variable RELEASIO_VERSION_TAG_PREFIX: does not form");
  });
});

describe("smaller configuration and CLI conventions", () => {
  it.each([
    ["inf", "inf"],
    ["-inf", "-inf"],
    ["nan", "nan"],
  ])("a value of %s is shown as written", async (written, shown) => {
    const repo = releasable(`[publish]\nverify_timeout = ${written}\n`);
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.message).toBe(
      `.releasio.toml: 'publish.verify_timeout' must be an integer; got ${shown}`,
    );
  });

  it.each([
    [
      "verify_timeout = 3.0",
      "publish.verify_timeout",
      "3.0",
      "an integer has no decimal point: write verify_timeout = 3",
    ],
    ["retries = 1e1", "publish.retries", "10.0", "an integer has no decimal point: write retries = 10"],
    ["retries = 1.5", "publish.retries", "1.5", null],
  ])(
    "a float where an integer belongs (%s) is refused, though it has a whole value",
    async (line, key, shown, hint) => {
      const repo = releasable(`[publish]\n${line}\n`);
      const before = treeSnapshot(repo);
      const { code, json } = await runFail(repo.dir, ["check"]);
      expect(code).toBe(2);
      expect(json.error.message).toBe(`.releasio.toml: '${key}' must be an integer; got ${shown}`);
      expect(json.error.hint ?? null).toBe(hint);
      expect(treeSnapshot(repo)).toEqual(before);
    },
  );

  it("integers, large ones included, keep their value; a float in pyproject's [tool.releasio] is refused too", async () => {
    const repo = releasable("[publish]\nretries = 7\nverify_timeout = 1_200\n");
    const shown = await releasio(repo.dir, ["config", "show", "--json"]);
    expect(shown.code).toBe(0);
    expect(shown.json.config).toMatchObject({ publish: { retries: 7, verify_timeout: 1200 } });
    rmSync(join(repo.dir, ".releasio.toml"));
    repo.write(
      "pyproject.toml",
      `${repo.read("pyproject.toml")}\n[tool.releasio.check_pr]\nmax_length = 1e2\n`,
    );
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.message).toBe("pyproject.toml: 'check_pr.max_length' must be an integer; got 100.0");
  });

  it("config show --allow-dirty shows allow_dirty = true with the flag as its origin", async () => {
    const repo = releasable();
    const human = await releasio(repo.dir, ["config", "show", "--allow-dirty"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^# allow_dirty: flag:--allow-dirty$/m);
    expect(human.stdout).toMatch(/^allow_dirty = true$/m);
    const { json } = await runOk("config-show", repo.dir, ["config", "show", "--allow-dirty"]);
    expect(json.config.allow_dirty).toBe(true);
    expect(json.origins).toEqual({ allow_dirty: "flag:--allow-dirty" });
  });

  it("config accepts --json before or without its sub-command; show is the default", async () => {
    const repo = releasable('default_branch = "trunk"\n');
    for (const args of [["config"], ["config", "--json", "show"]]) {
      const { json } = await runOk("config-show", repo.dir, args);
      expect(json.config.default_branch).toBe("trunk");
      expect(json.origins).toEqual({ default_branch: "file:.releasio.toml" });
    }
    const { json } = await runOk("config-schema", repo.dir, ["config", "--json", "schema"]);
    expect(json.json_schema).toHaveProperty("$schema");
  });

  it.each([".releasio.toml", "pyproject.toml"])(
    "invalid UTF-8 in %s is E_CONFIG_TOML naming the file and the line",
    async (file) => {
      const repo = releasable();
      const head = file === "pyproject.toml" ? `${repo.read("pyproject.toml")}\n[tool.releasio]\n` : "";
      const lines = head.split("\n").length;
      const bytes = Buffer.concat([
        Buffer.from(`${head}default_branch = "main"\n# caf`),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]);
      writeFileSync(join(repo.dir, file), bytes);
      const { code, json } = await runFail(repo.dir, ["check"]);
      expect(code).toBe(2);
      expect(json.error.code).toBe("E_CONFIG_TOML");
      expect(json.error.message).toBe(
        `invalid TOML in ${file} at line ${lines + 1}, column 6: the file is not valid UTF-8`,
      );
      expect(json.error.details).toEqual({ file, line: lines + 1, column: 6 });
    },
  );
});

describe("a relative --config FILE or RELEASIO_CONFIG is taken from the working directory, not PATH (§5.1)", () => {
  it("check PATH --config FILE and config show PATH read FILE from where releasio runs", async () => {
    const repo = releasable('default_branch = "main"\n');
    const outside = dirname(repo.dir);
    writeFileSync(join(outside, "shared.toml"), 'default_branch = "trunk"\n');
    const path = basename(repo.dir);
    const viaFlag = await runOk("config-show", outside, ["config", "show", path, "--config", "shared.toml"]);
    expect(viaFlag.json.config.default_branch).toBe("trunk");
    const env = cleanEnv({ RELEASIO_CONFIG: "shared.toml" });
    const viaEnv = await runOk("config-show", outside, ["config", "show", path], env);
    expect(viaEnv.json.config.default_branch).toBe("trunk");
    const checked = await runOk("check", outside, ["check", path, "--config", "shared.toml"]);
    expect(checked.json.next_version).toBe("1.1.0");
  });

  it("a missing file is named as found from the working directory", async () => {
    const repo = releasable();
    const outside = dirname(repo.dir);
    const path = basename(repo.dir);
    const flag = await runFail(outside, ["check", path, "--config", "missing.toml"]);
    expect(flag.code).toBe(2);
    expect(flag.json.error.message).toBe(`--config ${join(outside, "missing.toml")}: file not found`);
    const env = cleanEnv({ RELEASIO_CONFIG: "missing.toml" });
    const fromEnv = await runFail(outside, ["check", path], env);
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.json.error.message).toBe(
      `environment variable RELEASIO_CONFIG: file not found; got '${join(outside, "missing.toml")}'`,
    );
  });
});

describe("an environment override never hides a problem of the file (§5.2)", () => {
  it('[publish] retries = "x" with RELEASIO_PUBLISH_RETRIES=5 exits 2 naming file, key, value and fix', async () => {
    const repo = releasable('[publish]\nretries = "x"\n');
    const env = cleanEnv({ RELEASIO_PUBLISH_RETRIES: "5" });
    const { code, json } = await runFail(repo.dir, ["check"], env);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_INVALID");
    expect(json.error.message).toBe(`.releasio.toml: 'publish.retries' must be an integer; got "x"`);
    expect(json.error.hint).toBe("an integer, without quotes: write retries = 3");
    const human = await releasio(repo.dir, ["check"], env);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("error[E_CONFIG_INVALID]: .releasio.toml: 'publish.retries'");
  });
});

describe("an empty string that would change everything is refused (§5.2)", () => {
  it.each([
    [
      '[commits]\nskip_release_patterns = [""]\n',
      "commits.skip_release_patterns[0]",
      "remove the empty item from commits.skip_release_patterns",
    ],
    [
      '[commits]\nrelease_commit_pattern = ""\n',
      "commits.release_commit_pattern",
      "give release_commit_pattern a value, or remove it to use the default",
    ],
    [
      '[security]\npatterns = ["CVE-", ""]\n',
      "security.patterns[1]",
      "remove the empty item from security.patterns",
    ],
    [
      '[changelog]\nsection_headers = { feat = "" }\n',
      "changelog.section_headers.feat",
      "remove feat from changelog.section_headers to keep its default, or give it a value",
    ],
  ])("%j exits 2 naming the file, key and value, with a fix", async (config, key, hint) => {
    const repo = releasable(config);
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_INVALID");
    expect(json.error.message).toBe(`.releasio.toml: '${key}' must not be empty; got ""`);
    expect(json.error.hint).toBe(hint);
  });

  it.each([
    ['[version]\ninitial_version = ""\n', "version.initial_version"],
    ['[changelog]\npath = ""\n', "changelog.path"],
  ])("%j is one problem, not two", async (config, key) => {
    const repo = releasable(config);
    const result = await releasio(repo.dir, ["check"]);
    expect(result.code).toBe(2);
    const name = key.split(".").pop();
    expect(result.stderr).toBe(
      [
        `error[E_CONFIG_INVALID]: .releasio.toml: '${key}' must not be empty; got ""`,
        `  hint: give ${name} a value, or remove it to use the default`,
        "",
      ].join("\n"),
    );
  });
});

describe("invalid TOML where a boolean belongs names the boolean (§5.2)", () => {
  it.each([
    [".releasio.toml", "[version]\nmajor_on_zero = tru\n", 2, "true"],
    [".releasio.toml", "[version]\nmajor_on_zero = fals\n", 2, "false"],
    ["pyproject.toml", "\n[tool.releasio.version]\nmajor_on_zero = tru\n", 0, "true"],
  ])("%s: %j", async (file, config, line, fix) => {
    const repo = releasable();
    const head = file === "pyproject.toml" ? repo.read("pyproject.toml") : "";
    repo.write(file, `${head}${config}`);
    const at = line === 0 ? `${head}${config}`.split("\n").indexOf("major_on_zero = tru") + 1 : line;
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_TOML");
    expect(json.error.message).toMatch(
      new RegExp(`^invalid TOML in ${file.replace(".", "\\.")} at line ${at}, `),
    );
    expect(json.error.hint).toBe(`booleans are true or false, without quotes: write major_on_zero = ${fix}`);
  });
});

describe("command-line shapes of §3.1 and §3.2", () => {
  it("config schema takes a PATH like config show; the schema is the same", async () => {
    const repo = releasable();
    const plain = await runOk("config-schema", repo.dir, ["config", "schema"]);
    const withPath = await runOk("config-schema", repo.dir, ["config", "schema", "."]);
    expect(withPath.json.json_schema).toEqual(plain.json.json_schema);
    const human = await releasio(repo.dir, ["config", "schema", "."]);
    expect(human.code).toBe(0);
    expect(JSON.parse(human.stdout)).toEqual(plain.json.json_schema);
    expect((await releasio(repo.dir, ["config", "schema", ".", "extra"])).code).toBe(2);
    const shown = await runOk("config-show", repo.dir, ["config", "show", "."]);
    expect(shown.json.files).toEqual([]);
  });

  it("global options without a command are releasio alone: help, or with --json the usage error", async () => {
    const help = (await releasio(tempDir(), [])).stdout;
    for (const args of [["-v"], ["--no-color"], ["--offline", "-q"], ["--config", "x.toml"]]) {
      const result = await releasio(tempDir(), args);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout).toBe(help);
    }
    const { code, json } = await runFail(tempDir(), []);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_USAGE");
    expect(json.error.message).toBe("missing command");
    expect(json.error.hint).toBe("run 'releasio --help'");
  });

  it("--package NAME takes one value and repeats; the PATH after it stays positional", async () => {
    const repo = project({ pyproject: null, files: { "sub/pyproject.toml": PYPROJECT("1.0.0") } });
    repo.commit("feat: add export", { files: { "sub/src/demo/api.py": "x = 1\n" } });
    const { json } = await runOk("check", repo.dir, ["check", "--package", "demo", "sub"]);
    expect(json.next_version).toBe("1.1.0");
    const twice = await releasio(repo.dir, ["check", "--package", "demo", "--package", "demo", "sub", "-q"]);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe("Next version: 1.1.0\n");
    const other = await runFail(repo.dir, ["check", "--package", "demo", "--package", "other", "sub"]);
    expect(other.json.error.message).toMatch(/^unknown package 'other'/);
    for (const command of ["check", "update", "changelog", "release", "release-pr", "do-release"]) {
      const help = (await releasio(repo.dir, [command, "--help"])).stdout.replace(/\s+/g, " ");
      expect(help, command).toContain(
        "--package <name> restrict the run to this workspace package (repeat for more)",
      );
    }
  });
});

describe("a pyproject.toml that cannot be read names the file, the reason and a fix (§3.6, §3.7)", () => {
  it("a directory named pyproject.toml is E_PROJECT_METADATA (exit 2), not invalid TOML", async () => {
    const repo = project({ pyproject: null, files: { "pyproject.toml/README": "not a file\n" } });
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_PROJECT_METADATA");
    expect(json.error.message).toBe("pyproject.toml: cannot be read: it is a directory, not a file (EISDIR)");
    expect(json.error.hint).toBe("replace the directory pyproject.toml with the file, or remove it");
  });
});

describe("RELEASIO_OFFLINE takes a boolean (§3.2, §5.3)", () => {
  it("a value that is none is E_CONFIG_ENV, exit 2, for every command that reads it, and nothing changes", async () => {
    const repo = releasable();
    const before = { tree: treeSnapshot(repo), refs: refsSnapshot(repo) };
    for (const command of [["check"], ["update", "-x"], ["release-pr"], ["do-release"], ["doctor"]]) {
      const r = await releasio(repo.dir, [...command, "--json"], cleanEnv({ RELEASIO_OFFLINE: "maybe" }));
      expect(r.code, command.join(" ")).toBe(2);
      expect(r.json.error, command.join(" ")).toMatchObject({
        code: "E_CONFIG_ENV",
        message:
          "environment variable RELEASIO_OFFLINE: expected 1, true or yes (or 0, false, no); got 'maybe'",
      });
    }
    expect({ tree: treeSnapshot(repo), refs: refsSnapshot(repo) }).toEqual(before);
  });
});
