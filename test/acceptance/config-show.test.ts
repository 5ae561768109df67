/**
 * `config show` and `config schema` (PRODUCT.md §4.11, §5): what `config show` prints is a configuration that
 * loads back as the same one, in TOML as in JSON; an unknown `config` subcommand is a usage error naming it; an
 * explicitly named pyproject.toml without a `[tool.releasio]` table is said to configure nothing (§5.1).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT, type TestRepo } from "../support/repo.js";
import { project, runFail, runOk, warningCodes } from "./helpers-a.js";

afterAll(cleanupRepos);

// ajv is CommonJS: its class is both the module and its `default` export; the latter is what TypeScript sees.
const Ajv = Ajv2020.default;

const CONFIG_SCHEMA = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "schema", "releasio.schema.json"), "utf8"),
) as object;

/** A configuration setting a value in every table, every form of version file and channel included. */
const RICH_CONFIG = `
default_branch = "trunk"
allow_dirty = true
forge = "github"

[git]
remote = "upstream"
sign_tags = true
sign_commits = true
tag_message = "Release {project} {tag}"

[version]
tag_prefix = "rel-"
initial_version = "0.2.0"
pre_release = "rc"
major_on_zero = true
auto_detect_version_files = true
update_lock_file = false
version_files = [
  "VERSION",
  { path = "src/demo/_meta.py" },
  { path = "docs/conf.py", pattern = 'release = "{version}"' },
  { path = "docs/index.md", pattern = "v{version}", count = 2 },
  { path = "package.json", json_key = "version" },
  { path = "Cargo.toml", toml_key = "package.version" },
]

[commits]
types_major = ["perf"]
types_minor = ["feat", "feature"]
breaking_pattern = ""
scope_regex = '^(core|cli)$'
skip_release_patterns = ["[ci skip]"]
use_conventional_fallback = false
gitmoji = false
release_commit_pattern = '^release:'
include_merge_commits = true
parse_squash_bodies = true

[[commits.commit_parsers]]
pattern = '^:sparkles:\\s*(?:\\((?P<scope>[a-z]+)\\))?\\s*(?P<description>.+)$'
type = "feat"
group = "Features"
scope_group = "scope"
breaking = true

[[commits.commit_parsers]]
pattern = '^:bug:\\s*(?P<text>.+)$'
type = "fix"
description_group = "text"

[changelog]
enabled = false
path = "docs/CHANGES.md"
engine = "native"
cliff_config = "cliff.toml"
header = "# Changes\\n\\nEvery release, \\"quoted\\" and {{braced}}.\\n"
section_order = ["feat", "fix"]
exclude_types = ["chore", "ci"]
include_unconventional = false
links = false
show_authors = true
show_commit_hash = true
commit_template = "{description} ({short_hash})"
show_first_time_contributors = true
first_contributor_badge = "new!"
include_dependency_updates = true
use_github_prs = true
resolve_usernames = false
ignore_authors = ["bot"]

[changelog.section_headers]
feat = "New"
"odd key" = "Odd"

[release_pr]
branch = "release/next"
labels = ["release", "autorelease: pending"]
title = "release: {project} {version}"
draft = true

[release]
enabled = false
name_format = "{package} {version}"
draft = true
assets = ["dist/*.whl"]
include_contributors = false
include_installation = false
include_assets = false

[github]
owner = "acme"
repo = "demo"
api_url = "https://ghe.example.com/api/v3"
uploads_url = "https://ghe.example.com/api/uploads"
server_url = "https://ghe.example.com"

[gitlab]
project = "acme/tools/demo"
api_url = "https://gitlab.example.com/api/v4"
server_url = "https://gitlab.example.com"

[publish]
enabled = false
registry = "testpypi"
check_url = "https://test.pypi.org/simple/"
repository = "testpypi"
tool = "uv"
dist_dir = "build/dist"
trusted_publishing = "required"
attestations = false
validate_before_publish = false
check_existing_version = false
skip_existing = true
verify_after_upload = false
verify_timeout = 1200
retries = 0
allow_http_localhost = true
fulcio_url = "https://fulcio.example.com"
rekor_url = "https://rekor.example.com"

[hooks]
pre_bump = ["echo pre {version}"]
post_bump = ["uv run scripts/sync.py {version}", "git add docs"]
pre_release = ["echo {tag}"]
post_release = ["echo done"]
build = "uv build --wheel"

[packages]
discover_uv_workspace = false

[branches.beta]
match = "beta/*"
prerelease = true
prerelease_token = "beta"

[branches."nightly builds"]
match = "nightly"
prerelease = true
prerelease_token = "dev"
publish_only = true

[security]
enabled = true
patterns = ["^sec:"]
auto_create_advisory = false
severity = "high"

[check_pr]
require_scope = true
max_length = 72
allowed_scopes = ["core", "cli"]
extra_types = ["deps"]
`;

/** The TOML `config show` prints, without its leading comment lines (the origins). */
function tomlBody(stdout: string): string {
  return stdout.replace(/^(#[^\n]*\n)*\n?/, "");
}

/** Shows the configuration of `repo`, then writes what it showed as `.releasio.toml` and shows that. */
async function roundTrip(repo: TestRepo) {
  const first = await releasio(repo.dir, ["config", "show"]);
  expect(first.code, first.stderr).toBe(0);
  const firstJson = await runOk("config-show", repo.dir, ["config", "show"]);
  writeFileSync(join(repo.dir, ".releasio.toml"), first.stdout);
  const second = await releasio(repo.dir, ["config", "show"]);
  expect(second.code, second.stderr).toBe(0);
  const secondJson = await runOk("config-show", repo.dir, ["config", "show"]);
  return { first, second, firstJson: firstJson.json, secondJson: secondJson.json };
}

describe("config show prints a configuration that loads back as the same one (§4.11, §5.5)", () => {
  it("version_files entries are shown in the forms the configuration takes", async () => {
    const repo = project({
      files: {
        ".releasio.toml": '[version]\nversion_files = ["a.py", {path="p.json", json_key="version"}]\n',
      },
    });
    const { first, second, firstJson, secondJson } = await roundTrip(repo);
    expect(first.stdout).toMatch(
      /^version_files = \[ "a\.py", \{ path = "p\.json", json_key = "version" \} \]$/m,
    );
    expect(first.stdout).not.toContain("kind");
    expect(firstJson.config).toMatchObject({
      version: { version_files: ["a.py", { path: "p.json", json_key: "version" }] },
    });
    expect(tomlBody(second.stdout)).toBe(tomlBody(first.stdout));
    expect(secondJson.config).toEqual(firstJson.config);
  });

  it("a configuration setting every table shows the same after a round trip, and its JSON validates", async () => {
    const repo = project({ files: { ".releasio.toml": RICH_CONFIG } });
    const validate = new Ajv({ strict: false, allErrors: true }).compile(CONFIG_SCHEMA);
    const { first, second, firstJson, secondJson } = await roundTrip(repo);
    expect(warningCodes(firstJson)).toEqual([]);
    expect(warningCodes(secondJson)).toEqual([]);
    expect(validate(firstJson.config), JSON.stringify(validate.errors)).toBe(true);
    expect(tomlBody(second.stdout)).toBe(tomlBody(first.stdout));
    expect(secondJson.config).toEqual(firstJson.config);
    // The reloaded file sets every key: each origin of the first is still the file, among all the others.
    expect(secondJson.origins).toMatchObject(firstJson.origins);
    expect(firstJson.config).toMatchObject({
      version: {
        version_files: [
          "VERSION",
          "src/demo/_meta.py",
          { path: "docs/conf.py", pattern: 'release = "{version}"', count: 1 },
          { path: "docs/index.md", pattern: "v{version}", count: 2 },
          { path: "package.json", json_key: "version" },
          { path: "Cargo.toml", toml_key: "package.version" },
        ],
      },
      commits: {
        types_major: ["perf"],
        types_patch: ["fix"],
        commit_parsers: [
          {
            pattern: "^:sparkles:\\s*(?:\\((?P<scope>[a-z]+)\\))?\\s*(?P<description>.+)$",
            scope_group: "scope",
          },
          { pattern: "^:bug:\\s*(?P<text>.+)$", description_group: "text", group: null },
        ],
      },
      changelog: { header: '# Changes\n\nEvery release, "quoted" and {{braced}}.\n' },
      release_pr: { commit_message: "release: {project} {version}" },
      publish: { registry: "testpypi", trusted_publishing: "required", attestations: false },
      branches: {
        beta: { match: "beta/*", prerelease: true, prerelease_token: "beta", publish_only: false },
        "nightly builds": { match: "nightly", prerelease_token: "dev", publish_only: true },
      },
    });
  });

  it("deprecated keys, environment overrides and flags are shown as the keys that now hold their values", async () => {
    const repo = project({
      files: {
        ".releasio.toml": [
          "[github]",
          'release_pr_branch = "rel/next"',
          "draft_releases = true",
          "[security]",
          'security_patterns = ["^sec:"]',
          "[[commits.commit_parsers]]",
          "pattern = '^boom: (?P<description>.+)$'",
          'type = "feat"',
          'breaking_indicator = "!"',
          "",
        ].join("\n"),
      },
    });
    const env = cleanEnv({ RELEASIO_VERSION_TAG_PREFIX: "ver", RELEASIO_HOOKS_PRE_BUMP: "a,b" });
    const first = await releasio(repo.dir, ["config", "show", "--allow-dirty"], env);
    expect(first.code, first.stderr).toBe(0);
    const firstJson = await runOk("config-show", repo.dir, ["config", "show", "--allow-dirty"], env);
    expect(warningCodes(firstJson.json)).toContain("W_CONFIG_DEPRECATED_KEY");
    expect(first.stdout).not.toMatch(/release_pr_branch|draft_releases|security_patterns|breaking_indicator/);
    writeFileSync(join(repo.dir, ".releasio.toml"), first.stdout);
    // Neither the variables nor the flag any more: the file alone holds every value.
    const second = await releasio(repo.dir, ["config", "show"]);
    expect(second.code, second.stderr).toBe(0);
    const secondJson = await runOk("config-show", repo.dir, ["config", "show"]);
    expect(secondJson.json.warnings).toEqual([]);
    expect(secondJson.json.config).toEqual(firstJson.json.config);
    expect(tomlBody(second.stdout)).toBe(tomlBody(first.stdout));
    expect(secondJson.json.config).toMatchObject({
      allow_dirty: true,
      version: { tag_prefix: "ver" },
      hooks: { pre_bump: ["a", "b"] },
      release_pr: { branch: "rel/next" },
      release: { draft: true },
      security: { patterns: ["^sec:"] },
      commits: { commit_parsers: [{ breaking: true }] },
    });
  });

  it("the default configuration shows the same after a round trip, and its JSON validates", async () => {
    const repo = project();
    const validate = new Ajv({ strict: false, allErrors: true }).compile(CONFIG_SCHEMA);
    const { first, second, firstJson, secondJson } = await roundTrip(repo);
    expect(first.stdout).toMatch(/^# all values are defaults \(no configuration file found\)$/m);
    expect(validate(firstJson.config), JSON.stringify(validate.errors)).toBe(true);
    expect(tomlBody(second.stdout)).toBe(tomlBody(first.stdout));
    expect(secondJson.config).toEqual(firstJson.config);
  });
});

describe("config takes the subcommands show and schema (§4.11)", () => {
  it("an unknown subcommand is E_USAGE naming it and the subcommands", async () => {
    const repo = project();
    const human = await releasio(repo.dir, ["config", "bogus"]);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("error[E_USAGE]: unknown config subcommand 'bogus'");
    expect(human.stderr).not.toContain("does not exist");
    const { code, json } = await runFail(repo.dir, ["config", "bogus"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_USAGE");
    expect(json.error.message).toBe(
      "unknown config subcommand 'bogus' (the subcommands are show and schema)",
    );
    expect(json.error.hint).toBe("run 'releasio config show [PATH]' or 'releasio config schema'");
  });

  it("a misspelt subcommand gets a suggestion", async () => {
    const repo = project();
    const { code, json } = await runFail(repo.dir, ["config", "shwo"]);
    expect(code).toBe(2);
    expect(json.error.hint).toBe("did you mean 'releasio config show'?");
  });

  it("an existing directory where the subcommand belongs is refused with the show command to run", async () => {
    const repo = project();
    mkdirSync(join(repo.dir, "packages"));
    const { code, json } = await runFail(repo.dir, ["config", "packages"]);
    expect(code).toBe(2);
    expect(json.error.message).toBe(
      "unknown config subcommand 'packages' (the subcommands are show and schema)",
    );
    expect(json.error.hint).toBe(
      "to show the configuration of 'packages', run 'releasio config show packages'",
    );
  });

  it("config alone and config show PATH still show the configuration", async () => {
    const repo = project({ files: { ".releasio.toml": 'default_branch = "trunk"\n' } });
    for (const args of [["config"], ["config", "show", "."], ["config", "--json", "show", "."]]) {
      const { json } = await runOk("config-show", repo.dir, args);
      expect(json.config.default_branch, args.join(" ")).toBe("trunk");
    }
  });
});

describe("a pyproject.toml named explicitly without a [tool.releasio] table is said to configure nothing (§5.1)", () => {
  it.each([
    [
      "--config",
      (dir: string) => ({ args: ["--config", join(dir, "shared", "pyproject.toml")], env: cleanEnv() }),
    ],
    [
      "RELEASIO_CONFIG",
      (dir: string) => ({
        args: [],
        env: cleanEnv({ RELEASIO_CONFIG: join(dir, "shared", "pyproject.toml") }),
      }),
    ],
  ])("named by %s: W_CONFIG_NO_TABLE, and the defaults apply", async (_how, given) => {
    const repo = project({ files: { ".releasio.toml": 'default_branch = "trunk"\n' } });
    mkdirSync(join(repo.dir, "shared"));
    writeFileSync(join(repo.dir, "shared", "pyproject.toml"), PYPROJECT("2.0.0"));
    const { args, env } = given(repo.dir);
    const { json } = await runOk("config-show", repo.dir, ["config", "show", ...args], env);
    expect(json.files).toEqual(["shared/pyproject.toml"]);
    expect(json.config.default_branch).toBe("main");
    expect(json.origins).toEqual({});
    expect(json.warnings).toEqual([
      {
        code: "W_CONFIG_NO_TABLE",
        message:
          "shared/pyproject.toml has no [tool.releasio] table: the built-in defaults apply; add [tool.releasio] to configure releasio there",
      },
    ]);
    const human = await releasio(repo.dir, ["config", "show", ...args], env);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain("W_CONFIG_NO_TABLE");
    const checked = await runOk("check", repo.dir, ["check", ...args], env);
    expect(warningCodes(checked.json)).toContain("W_CONFIG_NO_TABLE");
  });

  it("an explicit pyproject.toml with an empty [tool.releasio] table is used without the warning", async () => {
    const repo = project();
    repo.write("pyproject.toml", `${PYPROJECT("1.0.0")}\n[tool.releasio]\n`);
    const { json } = await runOk("config-show", repo.dir, ["config", "show", "--config", "pyproject.toml"]);
    expect(json.files).toEqual(["pyproject.toml"]);
    expect(json.warnings).toEqual([]);
  });

  it("discovery skips a pyproject.toml without the table silently", async () => {
    const repo = project();
    const { json } = await runOk("config-show", repo.dir, ["config", "show"]);
    expect(json.files).toEqual([]);
    expect(json.warnings).toEqual([]);
  });
});
