import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyFlagOverrides, loadConfig } from "../../../src/adapters/fs/config-files.js";
import { rejected } from "../../support/caught.js";

let base: string;
let repo: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), "releasio-config-"));
  repo = join(base, "repo");
  await mkdir(repo);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(base, path)), { recursive: true });
  await writeFile(join(base, path), text);
}

const load = (cwd = repo, env: Record<string, string | undefined> = {}, configFile?: string | null) =>
  loadConfig({ cwd, repoRoot: repo, env, configFile });

const PYPROJECT = '[project]\nname = "demo"\nversion = "1.0.0"\n';

describe("discovery (scenario 2)", () => {
  it("prefers .releasio.toml, then releasio.toml, then [tool.releasio]", async () => {
    await put("repo/.releasio.toml", 'default_branch = "d"\n');
    await put("repo/releasio.toml", 'default_branch = "v"\n');
    await put("repo/pyproject.toml", `${PYPROJECT}\n[tool.releasio]\ndefault_branch = "p"\n`);

    let loaded = await load();
    expect(loaded.config.default_branch).toBe("d");
    expect(loaded.file).toBe(".releasio.toml");
    expect(loaded.origins).toEqual({ default_branch: "file:.releasio.toml" });

    await rm(join(repo, ".releasio.toml"));
    loaded = await load();
    expect(loaded.config.default_branch).toBe("v");
    expect(loaded.origins).toEqual({ default_branch: "file:releasio.toml" });

    await rm(join(repo, "releasio.toml"));
    loaded = await load();
    expect(loaded.config.default_branch).toBe("p");
    expect(loaded.file).toBe("pyproject.toml");
    expect(loaded.origins).toEqual({ default_branch: "file:pyproject.toml" });
  });

  it("never merges files (scenario 3)", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}\n[tool.releasio.version]\ntag_prefix = "rel-"\n`);
    await put("repo/releasio.toml", 'default_branch = "main"\n');
    const loaded = await load();
    expect(loaded.file).toBe("releasio.toml");
    expect(loaded.config.version.tag_prefix).toBe("v");
  });

  it("uses the nearest file from a sub-directory (scenario 9)", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}\n[tool.releasio]\ndefault_branch = "parent"\n`);
    await put("repo/sub/.releasio.toml", 'default_branch = "sub"\n');
    await put("repo/sub/pyproject.toml", PYPROJECT);
    const loaded = await load(join(repo, "sub"));
    expect(loaded.config.default_branch).toBe("sub");
    expect(loaded.file).toBe("sub/.releasio.toml");
    expect(loaded.origins).toEqual({ default_branch: "file:sub/.releasio.toml" });
  });

  it("skips a pyproject.toml without [tool.releasio] and keeps walking up", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}\n[tool.releasio]\ndefault_branch = "parent"\n`);
    await put("repo/packages/core/pyproject.toml", `${PYPROJECT}\n[tool.ruff]\nline-length = 100\n`);
    const loaded = await load(join(repo, "packages", "core"));
    expect(loaded.config.default_branch).toBe("parent");
    expect(loaded.file).toBe("pyproject.toml");
  });

  it("never looks above the repository root", async () => {
    await put(".releasio.toml", 'default_branch = "outside"\n');
    const loaded = await load(join(repo));
    expect(loaded.config.default_branch).toBe("main");
    expect(loaded.file).toBeNull();
  });

  it("without any file, everything is a default", async () => {
    await put("repo/pyproject.toml", PYPROJECT);
    const loaded = await load();
    expect(loaded.file).toBeNull();
    expect(loaded.origins).toEqual({});
    expect(loaded.warnings).toEqual([]);
    expect(loaded.config.version.tag_prefix).toBe("v");
  });

  it("an empty dotfile is a configuration file of defaults", async () => {
    await put("repo/.releasio.toml", "");
    await put("repo/releasio.toml", 'default_branch = "v"\n');
    const loaded = await load();
    expect(loaded.file).toBe(".releasio.toml");
    expect(loaded.config.default_branch).toBe("main");
  });

  it("reads a file with a byte-order mark", async () => {
    await put("repo/.releasio.toml", '\uFEFFdefault_branch = "bom"\n');
    expect((await load()).config.default_branch).toBe("bom");
  });
});

describe("an explicit file", () => {
  it("--config reads a file at the top level, relative to the start directory", async () => {
    await put("repo/.releasio.toml", 'default_branch = "discovered"\n');
    await put("repo/conf/release.toml", 'default_branch = "explicit"\n');
    const loaded = await load(repo, {}, "conf/release.toml");
    expect(loaded.config.default_branch).toBe("explicit");
    expect(loaded.file).toBe("conf/release.toml");
  });

  it("--config pyproject.toml reads its [tool.releasio] table", async () => {
    await put("repo/other/pyproject.toml", `${PYPROJECT}\n[tool.releasio.version]\ntag_prefix = ""\n`);
    const loaded = await load(repo, {}, join(repo, "other", "pyproject.toml"));
    expect(loaded.config.version.tag_prefix).toBe("");
    expect(loaded.origins).toEqual({ "version.tag_prefix": "file:other/pyproject.toml" });
  });

  it("RELEASIO_CONFIG selects the file when no flag is given; outside the repository it is named absolutely", async () => {
    await put("shared/releasio.toml", 'default_branch = "shared"\n');
    const path = join(base, "shared", "releasio.toml");
    const loaded = await load(repo, { RELEASIO_CONFIG: path });
    expect(loaded.config.default_branch).toBe("shared");
    expect(loaded.file).toBe(path);
  });

  it("a missing --config file is a usage error", async () => {
    const error = await rejected(load(repo, {}, "nope.toml"));
    expect(error.code).toBe("E_USAGE");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("nope.toml");
  });

  it("a missing RELEASIO_CONFIG file names the variable", async () => {
    const error = await rejected(load(repo, { RELEASIO_CONFIG: "nope.toml" }));
    expect(error.code).toBe("E_CONFIG_ENV");
    expect(error.message).toMatch(
      /^environment variable RELEASIO_CONFIG: file not found \(\/.*\/nope\.toml\); got 'nope\.toml'$/,
    );
    expect(error.hint).toBe(
      "point RELEASIO_CONFIG at an existing .releasio.toml, releasio.toml or pyproject.toml, or unset it to discover the file",
    );
  });

  it("a directory given as the file is named as one", async () => {
    const error = await rejected(load(repo, {}, "."));
    expect(error.code).toBe("E_USAGE");
    expect(error.message).toMatch(/^--config \.: is a directory, not a configuration file \(\/.*\)$/);
    expect(error.hint).toBe("pass an existing .releasio.toml, releasio.toml or pyproject.toml");
    const fromEnv = await rejected(load(repo, { RELEASIO_CONFIG: "." }));
    expect(fromEnv.code).toBe("E_CONFIG_ENV");
    expect(fromEnv.message).toContain("is a directory, not a configuration file");
  });
});

describe("errors name the file", () => {
  it("malformed TOML names the file, line and column (scenario 6)", async () => {
    await put("repo/.releasio.toml", 'default_branch = "main"\n[version\ntag_prefix = "v"\n');
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_TOML");
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^invalid TOML in \.releasio\.toml at line 2, column \d+: \S/);
  });

  it("a malformed pyproject.toml met during discovery is reported", async () => {
    await put("repo/pyproject.toml", "[project\n");
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_TOML");
    expect(error.message).toContain("pyproject.toml at line 1");
  });

  it("a directory named like a configuration file is refused, not passed over for the next candidate", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}[tool.releasio]\ndefault_branch = "p"\n`);
    await mkdir(join(repo, ".releasio.toml"));
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(".releasio.toml: cannot be read: it is a directory, not a file (EISDIR)");
    expect(error.hint).toBe("replace the directory .releasio.toml with the file, or remove it");
  });

  it("a symlink to nothing is refused, naming its target", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}[tool.releasio]\ndefault_branch = "p"\n`);
    await symlink("nowhere.toml", join(repo, "releasio.toml"));
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toBe(
      "releasio.toml: cannot be read: it is a symlink to nowhere.toml, which does not exist",
    );
    expect(error.hint).toBe("create nowhere.toml, or remove the symlink releasio.toml");
  });

  it("an unknown key names the file relative to the repository (scenario 5)", async () => {
    await put("repo/sub/.releasio.toml", '[version]\ntag_prefx = "v"\n');
    const error = await rejected(load(join(repo, "sub")));
    expect(error.code).toBe("E_CONFIG_UNKNOWN_KEY");
    expect(error.message).toBe("sub/.releasio.toml: unknown key 'version.tag_prefx'");
    expect(error.hint).toBe("did you mean 'version.tag_prefix'?");
  });

  it("every invalid value of scenario 6 exits 2 naming the file and key", async () => {
    const cases: [string, string][] = [
      ['[publish]\ntool = "flit"\n', "publish.tool"],
      ['[commits]\nbreaking_pattern = "("\n', "commits.breaking_pattern"],
      ['[release]\nname_format = "{projcet} {tag}"\n', "release.name_format"],
      ['[version]\ninitial_version = "one"\n', "version.initial_version"],
      ['[commits]\ntypes_minor = ["feat", "fix"]\ntypes_patch = ["fix"]\n', "commits.types_patch"],
    ];
    for (const [text, key] of cases) {
      await put("repo/.releasio.toml", text);
      const error = await rejected(load());
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(".releasio.toml: ");
      expect(error.message).toContain(`'${key}'`);
    }
  });

  it("a [tool.releasio] that is not a table is invalid", async () => {
    await put("repo/pyproject.toml", `${PYPROJECT}\n[tool]\nreleasio = "yes"\n`);
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toContain("pyproject.toml");
  });

  it("a removed key names its replacement (scenario 8)", async () => {
    await put("repo/.releasio.toml", "[changelog]\nnative_fallback = true\n");
    const error = await rejected(load());
    expect(error.code).toBe("E_CONFIG_REMOVED_KEY");
    expect(error.hint).toContain("changelog.engine");
  });
});

describe("environment overrides (scenario 7)", () => {
  it("an override wins over the file and is reported as the origin", async () => {
    await put("repo/.releasio.toml", '[publish]\nregistry = "pypi"\ntool = "uv"\n');
    const loaded = await load(repo, { RELEASIO_PUBLISH_REGISTRY: "https://test.pypi.org/legacy/" });
    expect(loaded.config.publish.registry).toBe("https://test.pypi.org/legacy/");
    expect(loaded.origins).toEqual({
      "publish.registry": "env:RELEASIO_PUBLISH_REGISTRY",
      "publish.tool": "file:.releasio.toml",
    });
  });

  it("apply without any configuration file", async () => {
    const loaded = await load(repo, { RELEASIO_GITHUB_OWNER: "acme", RELEASIO_GITHUB_REPO: "demo" });
    expect(loaded.file).toBeNull();
    expect(loaded.config.github).toMatchObject({ owner: "acme", repo: "demo" });
  });

  it("an invalid value exits 2 naming the variable", async () => {
    const error = await rejected(load(repo, { RELEASIO_ALLOW_DIRTY: "maybe" }));
    expect(error.code).toBe("E_CONFIG_ENV");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("RELEASIO_ALLOW_DIRTY");
  });

  it("an unknown variable is a warning with a suggestion", async () => {
    const loaded = await load(repo, { RELEASIO_PUBLSH_REGISTRY: "x" });
    expect(loaded.warnings.map((w) => w.code)).toEqual(["W_UNKNOWN_ENV"]);
    expect(loaded.warnings[0]?.message).toContain("RELEASIO_PUBLISH_REGISTRY");
  });
});

describe("deprecated keys (scenario 8)", () => {
  it("an alias sets the new key, warns, and the origin is reported on the new key", async () => {
    await put("repo/.releasio.toml", '[github]\nrelease_pr_branch = "rel"\n');
    const loaded = await load();
    expect(loaded.config.release_pr.branch).toBe("rel");
    expect(loaded.warnings.map((w) => w.code)).toEqual(["W_CONFIG_DEPRECATED_KEY"]);
    expect(loaded.warnings[0]?.message).toContain("release_pr.branch");
    expect(loaded.origins).toEqual({ "release_pr.branch": "file:.releasio.toml" });
  });
});

describe("flags over everything", () => {
  it("record their origin over the file's", async () => {
    await put("repo/.releasio.toml", "allow_dirty = false\n");
    const loaded = await load();
    applyFlagOverrides(loaded.config, { allow_dirty: true }, loaded.origins);
    expect(loaded.config.allow_dirty).toBe(true);
    expect(loaded.origins).toEqual({ allow_dirty: "flag:--allow-dirty" });
  });
});

describe("origins", () => {
  it("list scalars one by one and tables of lists as a whole", async () => {
    await put(
      "repo/.releasio.toml",
      [
        "[version]",
        'tag_prefix = ""',
        'version_files = ["VERSION"]',
        "[[commits.commit_parsers]]",
        'pattern = "^:sparkles:"',
        'type = "feat"',
        "[branches.beta]",
        'match = "beta"',
        "",
      ].join("\n"),
    );
    const loaded = await load();
    expect(loaded.origins).toEqual({
      "version.tag_prefix": "file:.releasio.toml",
      "version.version_files": "file:.releasio.toml",
      "commits.commit_parsers": "file:.releasio.toml",
      branches: "file:.releasio.toml",
    });
  });
});

describe("an environment override never hides a problem of the file (§5.2)", () => {
  it("the file's invalid value is reported although RELEASIO_PUBLISH_RETRIES replaces it", async () => {
    await put("repo/.releasio.toml", '[publish]\nretries = "x"\n');
    const error = await rejected(load(repo, { RELEASIO_PUBLISH_RETRIES: "5" }));
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`.releasio.toml: 'publish.retries' must be an integer; got "x"`);
    expect(error.details?.["problems"]).toHaveLength(1);
  });

  it("a list item of the file is checked although the variable replaces the list", async () => {
    await put("repo/.releasio.toml", '[release]\nassets = ["../secret"]\n');
    const error = await rejected(load(repo, { RELEASIO_RELEASE_ASSETS: "dist/*" }));
    expect(error.message).toContain(".releasio.toml: 'release.assets[0]' must stay inside the repository");
  });

  it("a bad variable and a bad file are reported together, the file first", async () => {
    await put("repo/.releasio.toml", '[publish]\nretries = "x"\n');
    const error = await rejected(load(repo, { RELEASIO_ALLOW_DIRTY: "maybe" }));
    expect(error.code).toBe("E_CONFIG_INVALID");
    const problems = error.details?.["problems"] as { code: string; message: string }[];
    expect(problems.map((p) => p.code)).toEqual(["E_CONFIG_INVALID", "E_CONFIG_ENV"]);
    expect(problems[1]?.message).toContain("RELEASIO_ALLOW_DIRTY");
  });

  it("a valid file value replaced by a valid variable loads with the variable's value", async () => {
    await put("repo/.releasio.toml", "[publish]\nretries = 1\n");
    const loaded = await load(repo, { RELEASIO_PUBLISH_RETRIES: "5" });
    expect(loaded.config.publish.retries).toBe(5);
    expect(loaded.origins["publish.retries"]).toBe("env:RELEASIO_PUBLISH_RETRIES");
  });
});
