import { describe, expect, it } from "vitest";
import { DEFAULT_SECTION_HEADERS } from "../../../src/core/config/schema.js";
import { type ConfigProblem, validateConfig } from "../../../src/core/config/validate.js";
import { ReleasioError } from "../../../src/core/errors.js";
import { FILE, failure, problemsOf as problems } from "./rejected.js";

describe("unknown keys", () => {
  it("name the file and the dotted key and suggest the closest key (scenario 5)", () => {
    const error = failure({ version: { tag_prefx: "v" } });
    expect(error.code).toBe("E_CONFIG_UNKNOWN_KEY");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(".releasio.toml: unknown key 'version.tag_prefx'");
    expect(error.hint).toBe("did you mean 'version.tag_prefix'?");
  });

  it.each([
    [{ defualt_branch: "main" }, "defualt_branch", "default_branch"],
    [{ changelog: { show_author: true } }, "changelog.show_author", "changelog.show_authors"],
    [
      {
        commits: {
          commit_parsers: [
            { pattern: "a", type: "b" },
            { pattern: "^x", type: "y", scope_grop: "s" },
          ],
        },
      },
      "commits.commit_parsers[1].scope_grop",
      "commits.commit_parsers[1].scope_group",
    ],
    [
      { branches: { beta: { match: "beta", prerelase: true } } },
      "branches.beta.prerelase",
      "branches.beta.prerelease",
    ],
    [{ tag_prefix: "v" }, "tag_prefix", "version.tag_prefix"],
    // A table and its key written as one name.
    [{ changelog_path: "HISTORY.md" }, "changelog_path", "changelog.path"],
    [{ publish_trusted_publishing: "always" }, "publish_trusted_publishing", "publish.trusted_publishing"],
    [{ version: { remote: "up" } }, "version.remote", "git.remote"],
    [
      { version: { version_files: [{ path: "a", patern: "{version}" }] } },
      "version.version_files[0].patern",
      null,
    ],
  ])("%j → unknown key %s, suggestion %s", (raw, key, suggestion) => {
    const [problem] = problems(raw);
    expect(problem?.code).toBe("E_CONFIG_UNKNOWN_KEY");
    expect(problem?.key).toBe(key);
    expect(problem?.message).toBe(`${FILE}: unknown key '${key}'`);
    if (suggestion !== null) expect(problem?.hint).toBe(`did you mean '${suggestion}'?`);
  });

  it("suggests 'pattern' for a misspelt key of a version file entry", () => {
    const [problem] = problems({ version: { version_files: [{ path: "a", patern: "{version}" }] } });
    expect(problem?.hint).toBe("did you mean 'version.version_files[0].pattern'?");
  });

  it("without a close key, the hint lists the valid keys of the table", () => {
    const [problem] = problems({ hooks: { zzzzzzzzzz: [] } });
    expect(problem?.hint).toBe("valid keys here: pre_bump, post_bump, pre_release, post_release, build");
  });

  it("[tool.releasio…] tables in a releasio file are told to drop the prefix", () => {
    const [problem] = problems({ tool: { releasio: { version: { tag_prefix: "" } } } });
    expect(problem?.key).toBe("tool");
    expect(problem?.hint).toBe(
      "a releasio.toml or .releasio.toml holds the configuration at its top level: drop the tool.releasio prefix ([tool.releasio.version] becomes [version])",
    );
    // Any other top-level `tool` table is an unknown key like any other.
    expect(problems({ tool: { black: {} } })[0]?.hint).not.toContain("tool.releasio");
  });

  it("an ambiguous key name elsewhere in the schema is not suggested", () => {
    const [problem] = problems({ enabled: true });
    expect(problem?.hint).not.toMatch(/did you mean/);
  });
});

describe("invalid values (scenario 6)", () => {
  it.each([
    [
      "an enum lists its allowed values",
      { publish: { tool: "flit" } },
      "publish.tool",
      `${FILE}: 'publish.tool' must be one of auto, uv, build, poetry, pdm, hatch, twine; got "flit"`,
    ],
    [
      "a regular expression must compile",
      { commits: { breaking_pattern: "(" } },
      "commits.breaking_pattern",
      `${FILE}: 'commits.breaking_pattern' is not a valid regular expression: Unterminated group; got "("`,
    ],
    [
      "a template lists its placeholders",
      { release: { name_format: "{projcet} {tag}" } },
      "release.name_format",
      `${FILE}: 'release.name_format' uses unknown placeholder {projcet} (allowed: {project} {package} {version} {tag} {previous_version} {previous_tag}); got "{projcet} {tag}"`,
    ],
    [
      "a version must parse",
      { version: { initial_version: "one" } },
      "version.initial_version",
      `${FILE}: 'version.initial_version' is not a valid PEP 440 version; got "one"`,
    ],
    [
      "a type may be in one bump list only",
      { commits: { types_minor: ["feat", "fix"], types_patch: ["fix", "perf"] } },
      "commits.types_patch",
      `${FILE}: 'commits.types_patch' repeats fix, which commits.types_minor also lists (a type bumps in one way only); got ["fix","perf"]`,
    ],
  ])("%s", (_, raw, key, message) => {
    const error = failure(raw);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(message);
    expect(((error.details?.["problems"] ?? []) as ConfigProblem[])[0]?.key).toBe(key);
  });

  it.each([
    [{ allow_dirty: "yes" }, "allow_dirty", 'must be true or false; got "yes"'],
    [{ default_branch: "" }, "default_branch", 'must not be empty; got ""'],
    [{ publish: { retries: "3" } }, "publish.retries", 'must be an integer; got "3"'],
    [{ publish: { verify_timeout: 0 } }, "publish.verify_timeout", "must be at least 1; got 0"],
    [{ publish: { verify_timeout: 2.5 } }, "publish.verify_timeout", "must be an integer; got 2.5"],
    [
      { publish: { trusted_publishing: "yes" } },
      "publish.trusted_publishing",
      'must be true, false or "required"; got "yes"',
    ],
    [
      { publish: { attestations: "always" } },
      "publish.attestations",
      'must be "auto", true or false; got "always"',
    ],
    [{ commits: { types_minor: "feat" } }, "commits.types_minor", 'must be an array of strings; got "feat"'],
    [{ commits: { types_minor: ["feat", 1] } }, "commits.types_minor[1]", "must be a string; got 1"],
    [{ git: "origin" }, "git", 'must be a table; got "origin"'],
    [
      { changelog: { section_headers: { feat: 1 } } },
      "changelog.section_headers.feat",
      "must be a string; got 1",
    ],
    [
      { version: { pre_release: "preview" } },
      "version.pre_release",
      'must be one of alpha, a, beta, b, rc, c, dev; got "preview"',
    ],
    [{ version: { version_files: [5] } }, "version.version_files[0]", "must be a string or a table; got 5"],
    [
      { version: { version_files: [{ path: "docs/conf.py", pattern: "release" }] } },
      "version.version_files[0].pattern",
      'must contain {version}; got "release"',
    ],
    [
      { version: { version_files: [{ path: "docs/conf.py", count: 2 }] } },
      "version.version_files[0].pattern",
      "is required (a string); got nothing",
    ],
    [
      { version: { version_files: [{ path: "a.json", json_key: "v", pattern: "{version}" }] } },
      "version.version_files[0].json_key",
      "cannot be combined with 'pattern' (an entry has one of pattern, toml_key or json_key)",
    ],
    [
      { version: { version_files: [{ path: "a.json", json_key: "v", count: 2 }] } },
      "version.version_files[0].count",
      "only applies to pattern entries",
    ],
    [
      { commits: { commit_parsers: [{ type: "feat" }] } },
      "commits.commit_parsers[0].pattern",
      "is required (a string); got nothing",
    ],
    [
      { version: { initial_version: "1.0" } },
      "version.initial_version",
      "must have at least three release components",
    ],
    [
      { version: { initial_version: "1.0.0+local" } },
      "version.initial_version",
      "must not have a local version label",
    ],
    [
      { packages: { tag_format: "{package}" } },
      "packages.tag_format",
      "must contain {version} exactly once (found 0)",
    ],
    [
      { packages: { tag_format: "{project}-{version}" } },
      "packages.tag_format",
      "unknown placeholder {project}",
    ],
    [{ git: { tag_message: "Release {sha}" } }, "git.tag_message", "allowed: {project} {version} {tag}"],
    [{ release_pr: { title: "chore(release): {nope}" } }, "release_pr.title", "unknown placeholder {nope}"],
    [
      { changelog: { commit_template: "- {description}" } },
      "changelog.commit_template",
      "must not start with '- '",
    ],
    [{ changelog: { commit_template: "{nope}" } }, "changelog.commit_template", "unknown placeholder {nope}"],
    [
      { commits: { scope_regex: "a++" } },
      "commits.scope_regex",
      "possessive quantifiers are not supported at position 2",
    ],
    [{ commits: { release_commit_pattern: "(?i)x(?m)y" } }, "commits.release_commit_pattern", "at position"],
    [
      { commits: { commit_parsers: [{ pattern: "[", type: "x" }] } },
      "commits.commit_parsers[0].pattern",
      "regular expression",
    ],
    [
      { commits: { commit_parsers: [{ pattern: "^(?P<kind>\\w+):", type: "x", scope_group: "scope" }] } },
      "commits.commit_parsers[0].scope_group",
      "names a group that the pattern does not define",
    ],
    [{ security: { patterns: ["ok", "x\\Z"] } }, "security.patterns[1]", "'\\Z' is not supported"],
    [{ changelog: { path: "/etc/CHANGELOG.md" } }, "changelog.path", "must be a relative path"],
    [{ changelog: { path: "../../CHANGELOG.md" } }, "changelog.path", "must stay inside the repository"],
    [{ publish: { dist_dir: "C:\\dist" } }, "publish.dist_dir", "must be a relative path"],
    [{ changelog: { path: "." } }, "changelog.path", "must name a file, not a directory"],
    [{ changelog: { path: "newdir/" } }, "changelog.path", "must name a file, not a directory"],
    [{ changelog: { path: "docs/.." } }, "changelog.path", "must name a file, not a directory"],
    [{ changelog: { cliff_config: "conf/" } }, "changelog.cliff_config", "must name a file, not a directory"],
    [
      { version: { version_files: [{ path: "src/", pattern: "v = (.*)" }] } },
      "version.version_files[0].path",
      "must name a file, not a directory",
    ],
    [
      { release: { assets: ["dist/*.whl", "../secret.txt"] } },
      "release.assets[1]",
      "must stay inside the repository",
    ],
    [
      { version: { version_files: ["../VERSION"] } },
      "version.version_files[0]",
      "must stay inside the repository",
    ],
    [
      { version: { version_files: [{ path: "/v.py" }] } },
      "version.version_files[0].path",
      "must be a relative path",
    ],
    [{ packages: { paths: ["packages/*"] } }, "packages.paths", "workspace packages, which this version"],
    [
      { changelog: { cliff_config: "../cliff.toml" } },
      "changelog.cliff_config",
      "must stay inside the repository",
    ],
    [{ github: { api_url: "http://ghe.example/api/v3" } }, "github.api_url", "must use https"],
    [
      { gitlab: { server_url: "gitlab.example" } },
      "gitlab.server_url",
      "must be an https URL or one of auto",
    ],
    [{ publish: { check_url: "ftp://mirror/simple/" } }, "publish.check_url", "must be an https URL"],
  ])("%j: %s %s", (raw, key, fragment) => {
    const [problem] = problems(raw);
    expect(problem?.key).toBe(key);
    expect(problem?.message.startsWith(`${FILE}: '${key}' `)).toBe(true);
    expect(problem?.message).toContain(fragment);
    expect(failure(raw).exitCode).toBe(2);
  });

  it.each([
    [{ changelog: { path: "../CHANGELOG.md" } }, "pkg"],
    [
      { version: { version_files: ["../ver.py", { path: "../../v.py", pattern: "v = {version}" }] } },
      "pkg/sub",
    ],
    [{ publish: { dist_dir: "../dist" } }, "pkg"],
    [{ release: { assets: ["../dist/*.whl"] } }, "pkg"],
  ])(
    "%j climbing from the project path %s stays inside the repository and is accepted",
    (raw, projectPath) => {
      expect(() => validateConfig(raw, FILE, { projectPath })).not.toThrow();
    },
  );

  it("refuses a path climbing above the repository from the project path, with a fix", () => {
    try {
      validateConfig({ changelog: { path: "../../CHANGELOG.md" } }, FILE, { projectPath: "pkg" });
      throw new Error("accepted");
    } catch (error) {
      if (!(error instanceof ReleasioError)) throw error;
      expect(error.message).toBe(
        `${FILE}: 'changelog.path' must stay inside the repository (it climbs out with '..'); got "../../CHANGELOG.md"`,
      );
      expect(error.hint).toBe(
        "use a relative path that stays inside the repository; it is taken from the project path 'pkg'",
      );
    }
  });

  it("takes packages.paths and changelog.cliff_config from the repository root, whatever the project path", () => {
    expect(problems({ changelog: { cliff_config: "../cliff.toml" } })[0]?.key).toBe("changelog.cliff_config");
    expect(() =>
      validateConfig({ changelog: { cliff_config: "../cliff.toml" } }, FILE, { projectPath: "pkg" }),
    ).toThrow(/must stay inside the repository/);
  });

  it("says how to name a file when a file path names a directory", () => {
    const [problem] = problems({ changelog: { path: "docs/" } });
    expect(problem?.message).toBe(`${FILE}: 'changelog.path' must name a file, not a directory; got "docs/"`);
    expect(problem?.hint).toBe("name the file itself, e.g. docs/CHANGELOG.md");
  });

  it("checks each workspace path as well as refusing workspaces", () => {
    const found = problems({ packages: { paths: ["packages/*", "/abs"] } });
    expect(found.map((p) => p.key)).toEqual(["packages.paths", "packages.paths[1]"]);
    expect(found[0]?.hint).toBe(
      "remove packages.paths: releasio then plans the project at the repository root, or at the path given to the command",
    );
    expect(found[1]?.message).toContain("must be a relative path");
  });

  it("accepts relative paths that stay inside and loopback forge URLs", () => {
    const { config } = validateConfig(
      {
        changelog: { path: "docs/../CHANGELOG.md" },
        github: { api_url: "http://127.0.0.1:8080/api/v3", server_url: "auto" },
        gitlab: { api_url: "https://gitlab.example/api/v4" },
        release: { assets: ["dist/**/*.whl"] },
      },
      FILE,
    );
    expect(config.github.api_url).toBe("http://127.0.0.1:8080/api/v3");
    expect(config.release.assets).toEqual(["dist/**/*.whl"]);
  });

  it("reports every problem of the file together, in file order, with the first as the message", () => {
    const raw = {
      version: { tag_prefx: "v", initial_version: "one" },
      publish: { tool: "flit" },
      commits: { breaking_pattern: "(" },
    };
    const error = failure(raw);
    const all = (error.details?.["problems"] ?? []) as ConfigProblem[];
    expect(all.map((p) => [p.code, p.key])).toEqual([
      ["E_CONFIG_UNKNOWN_KEY", "version.tag_prefx"],
      ["E_CONFIG_INVALID", "version.initial_version"],
      ["E_CONFIG_INVALID", "publish.tool"],
      ["E_CONFIG_INVALID", "commits.breaking_pattern"],
    ]);
    expect(error.code).toBe("E_CONFIG_UNKNOWN_KEY");
    expect(error.message).toBe(all[0]?.message);
    expect(error.hint).toBe(all[0]?.hint);
    expect(error.details?.["file"]).toBe(FILE);
    for (const problem of all) expect(problem.message.startsWith(`${FILE}: `)).toBe(true);
  });

  it("rejects a document that is not a table", () => {
    const error = failure(["a"]);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toContain(FILE);
  });
});

describe("a value close to a valid one gets the fix as its hint", () => {
  it.each([
    ["a misspelt choice", { changelog: { engine: "Native" } }, 'did you mean "native"?'],
    ["a choice written in part", { changelog: { engine: "cliff" } }, 'did you mean "git-cliff"?'],
    [
      "one item where a list belongs",
      { commits: { types_minor: "feat" } },
      'a list is expected, even of one item: write types_minor = ["feat"]',
    ],
    [
      "a quoted boolean",
      { version: { major_on_zero: "true" } },
      "booleans take no quotes: write major_on_zero = true",
    ],
    [
      "a boolean spelt yes",
      { version: { major_on_zero: "yes" } },
      "booleans are true or false, without quotes: write major_on_zero = true",
    ],
    [
      "a boolean written as a number",
      { changelog: { links: 0 } },
      "booleans are true or false, without quotes: write links = false",
    ],
    [
      "a quoted number",
      { publish: { verify_timeout: "60" } },
      "numbers take no quotes: write verify_timeout = 60",
    ],
  ])("%s", (_, raw, hint) => {
    const error = failure(raw);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.hint).toBe(hint);
    expect(problems(raw)[0]?.hint).toBe(hint);
  });

  it("a value far from every choice gets no guess", () => {
    expect(failure({ publish: { tool: "flit" } }).hint).toBeNull();
  });
});

describe("index URLs", () => {
  it("an http index URL is E_INSECURE_URL (exit 2)", () => {
    const error = failure({ publish: { registry: "http://example.com/legacy/" } });
    expect(error.code).toBe("E_INSECURE_URL");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${FILE}: publish.registry: 'http://example.com/legacy/' must use https (http is only allowed for localhost with publish.allow_http_localhost)`,
    );
  });

  it.each(["http://127.0.0.1:8080/legacy/", "http://localhost:3000/legacy/", "http://[::1]:3000/legacy/"])(
    "a loopback http index (%s) needs allow_http_localhost",
    (url) => {
      expect(failure({ publish: { registry: url } }).code).toBe("E_INSECURE_URL");
      const { config } = validateConfig({ publish: { registry: url, allow_http_localhost: true } }, FILE);
      expect(config.publish.registry).toBe(url);
    },
  );

  it.each([
    ["publish.check_url", { publish: { check_url: "http://localhost/simple/" } }],
    ["publish.fulcio_url", { publish: { fulcio_url: "http://127.0.0.1:5555" } }],
    ["publish.rekor_url", { publish: { rekor_url: "http://example.com" } }],
  ])("%s follows the same rule", (key, raw) => {
    const [problem] = problems(raw);
    expect(problem?.code).toBe("E_INSECURE_URL");
    expect(problem?.key).toBe(key);
  });

  it.each(["pypi", "testpypi", "https://upload.example/legacy/"])("registry %s is accepted", (registry) => {
    expect(validateConfig({ publish: { registry } }, FILE).config.publish.registry).toBe(registry);
  });

  it("a bare word that is not pypi or testpypi is not a registry", () => {
    expect(problems({ publish: { registry: "pipy" } })[0]?.message).toContain(
      "must be an https URL or one of pypi, testpypi",
    );
  });
});

describe("version.pre_release takes the spellings of --prerelease (§6.8)", () => {
  it.each([
    ["alpha", "alpha"],
    ["a", "alpha"],
    ["beta", "beta"],
    ["b", "beta"],
    ["rc", "rc"],
    ["c", "rc"],
    ["dev", "dev"],
    ["B", "beta"],
    [" Alpha ", "alpha"],
  ])("%j is read as %s", (written, token) => {
    const { config } = validateConfig({ version: { pre_release: written } }, FILE);
    expect(config.version.pre_release).toBe(token);
  });

  it.each(["preview", "pre", "d", "", "beta1"])("%j is E_CONFIG_INVALID listing the spellings", (written) => {
    const error = failure({ version: { pre_release: written } });
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${FILE}: 'version.pre_release' must be one of alpha, a, beta, b, rc, c, dev; got ${JSON.stringify(written)}`,
    );
  });

  it("a misspelt token suggests the closest spelling", () => {
    expect(failure({ version: { pre_release: "bta" } }).hint).toBe('did you mean "beta"?');
  });
});

describe("channels (scenario 26)", () => {
  it("prerelease = true without a token is rejected", () => {
    const error = failure({ branches: { beta: { match: "beta", prerelease: true } } });
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${FILE}: 'branches.beta.prerelease_token' is required when prerelease = true (one of alpha, beta, rc, dev); got nothing`,
    );
  });

  it("publish_only needs the dev token", () => {
    const [problem] = problems({
      branches: { dev: { match: "develop", publish_only: true, prerelease_token: "rc" } },
    });
    expect(problem?.key).toBe("branches.dev.prerelease_token");
    expect(problem?.message).toContain('must be "dev" when publish_only = true');
  });

  it("an unknown token lists the tokens", () => {
    const [problem] = problems({
      branches: { beta: { match: "beta", prerelease: true, prerelease_token: "preview" } },
    });
    expect(problem?.message).toContain("must be one of alpha, a, beta, b, rc, c, dev");
  });

  it.each([
    ["b", "beta"],
    ["a", "alpha"],
    ["c", "rc"],
    ["RC", "rc"],
  ])("a channel token may be spelt %j as --prerelease takes it (→ %s)", (written, token) => {
    const { config } = validateConfig(
      { branches: { next: { match: "next", prerelease: true, prerelease_token: written } } },
      FILE,
    );
    expect(config.branches["next"]?.prerelease_token).toBe(token);
  });

  it("publish_only accepts dev in any case, and no other token in any spelling", () => {
    const { config } = validateConfig(
      {
        branches: {
          develop: { match: "develop", prerelease: true, prerelease_token: "DEV", publish_only: true },
        },
      },
      FILE,
    );
    expect(config.branches["develop"]?.prerelease_token).toBe("dev");
    const [problem] = problems({
      branches: {
        develop: { match: "develop", prerelease: true, prerelease_token: "c", publish_only: true },
      },
    });
    expect(problem?.key).toBe("branches.develop.prerelease_token");
    expect(problem?.message).toContain('must be "dev" when publish_only = true');
  });

  it("channels keep file order with defaults filled in", () => {
    const { config } = validateConfig(
      {
        branches: {
          develop: { match: "develop", prerelease: true, prerelease_token: "dev", publish_only: true },
          beta: { match: "beta", prerelease: true, prerelease_token: "beta" },
          maint: { match: "1.x" },
        },
      },
      FILE,
    );
    expect(Object.keys(config.branches)).toEqual(["develop", "beta", "maint"]);
    expect(config.branches["maint"]).toEqual({
      match: "1.x",
      prerelease: false,
      prerelease_token: null,
      publish_only: false,
    });
  });
});

describe("bump type lists", () => {
  it("a type set in one list leaves the lists still at their defaults (scenario 18)", () => {
    const { config } = validateConfig({ commits: { types_major: ["perf"] } }, FILE);
    expect(config.commits.types_major).toEqual(["perf"]);
    expect(config.commits.types_minor).toEqual(["feat"]);
    expect(config.commits.types_patch).toEqual(["fix"]);
  });

  it("a written list keeps what it says", () => {
    const { config } = validateConfig({ commits: { types_patch: ["fix", "perf", "docs"] } }, FILE);
    expect(config.commits.types_patch).toEqual(["fix", "perf", "docs"]);
    expect(config.commits.types_minor).toEqual(["feat"]);
  });

  it("moving feat to patch empties the default minor list", () => {
    const { config } = validateConfig({ commits: { types_patch: ["feat", "fix"] } }, FILE);
    expect(config.commits.types_minor).toEqual([]);
  });

  it("types_minor = [] makes feat bump nothing", () => {
    const { config } = validateConfig({ commits: { types_minor: [] } }, FILE);
    expect(config.commits.types_minor).toEqual([]);
    expect(config.commits.types_patch).toEqual(["fix", "perf"]);
  });
});

describe("release commits", () => {
  it("the commit message follows a customised title", () => {
    const { config } = validateConfig({ release_pr: { title: "chore(release): v{version}" } }, FILE);
    expect(config.release_pr.commit_message).toBe("chore(release): v{version}");
  });

  it("an explicit commit message is kept", () => {
    const { config } = validateConfig(
      { release_pr: { title: "Release {version}", commit_message: "chore(release): {version}" } },
      FILE,
    );
    expect(config.release_pr.title).toBe("Release {version}");
    expect(config.release_pr.commit_message).toBe("chore(release): {version}");
  });

  it("a commit message the release pattern does not recognise is rejected", () => {
    const error = failure({ release_pr: { commit_message: "release {version}" } });
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toBe(
      `${FILE}: 'release_pr.commit_message' renders as 'release 1.2.0', which commits.release_commit_pattern (^chore\\(release\\):) does not match; got "release {version}"`,
    );
  });

  it("a release pattern that the default message does not match is rejected", () => {
    const [problem] = problems({ commits: { release_commit_pattern: "^release:" } });
    expect(problem?.key).toBe("commits.release_commit_pattern");
  });

  it("a matching pair is accepted", () => {
    const raw = { commits: { release_commit_pattern: "^release:" }, release_pr: { title: "release: {tag}" } };
    expect(validateConfig(raw, FILE).config.release_pr.commit_message).toBe("release: {tag}");
  });
});

describe("keys of the original releasio (scenario 8)", () => {
  it("a deprecated alias sets the new key with a warning naming it", () => {
    const { config, warnings } = validateConfig({ github: { release_pr_branch: "rel" } }, FILE);
    expect(config.release_pr.branch).toBe("rel");
    expect(warnings).toEqual([
      {
        code: "W_CONFIG_DEPRECATED_KEY",
        message: `${FILE}: 'github.release_pr_branch' is deprecated; use 'release_pr.branch'`,
      },
    ]);
    expect(config.github).not.toHaveProperty("release_pr_branch");
  });

  it.each([
    ["github.release_pr_labels", ["x"], "release_pr.labels"],
    ["github.draft_releases", true, "release.draft"],
    ["github.release_name_format", "{tag}", "release.name_format"],
    ["github.release_assets", ["dist/*"], "release.assets"],
    ["github.release_body_include_contributors", false, "release.include_contributors"],
    ["github.release_body_include_installation", false, "release.include_installation"],
    ["github.release_body_include_assets", false, "release.include_assets"],
    ["github.release_body_resolve_usernames", false, "changelog.resolve_usernames"],
    ["security.security_patterns", ["CVE"], "security.patterns"],
  ])("%s sets %s", (alias, value, target) => {
    const [table, key] = alias.split(".") as [string, string];
    const { config, warnings } = validateConfig({ [table]: { [key]: value } }, FILE);
    const [targetTable, targetKey] = target.split(".") as [string, string];
    expect((config as unknown as Record<string, Record<string, unknown>>)[targetTable]?.[targetKey]).toEqual(
      value,
    );
    expect(warnings[0]?.message).toContain(`use '${target}'`);
  });

  it("setting an alias and its new key is invalid", () => {
    const error = failure({ github: { release_pr_branch: "a" }, release_pr: { branch: "b" } });
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toContain(
      "'github.release_pr_branch' is a deprecated alias of 'release_pr.branch'",
    );
  });

  it("problems in an alias's value name the alias", () => {
    const [problem] = problems({ github: { release_name_format: "{nope}" } });
    expect(problem?.key).toBe("github.release_name_format");
    const [typeProblem] = problems({ github: { draft_releases: "yes" } });
    expect(typeProblem?.key).toBe("github.draft_releases");
    expect(typeProblem?.message).toContain("must be true or false");
  });

  it("breaking_indicator means breaking = true, with a warning (scenario 38)", () => {
    const parser = { pattern: "^:boom:\\s*(?P<description>.+)$", type: "feat", breaking_indicator: ":boom:" };
    const { config, warnings } = validateConfig({ commits: { commit_parsers: [parser] } }, FILE);
    expect(config.commits.commit_parsers[0]).toEqual({
      pattern: parser.pattern,
      type: "feat",
      group: null,
      scope_group: null,
      description_group: "description",
      breaking: true,
    });
    expect(warnings[0]?.code).toBe("W_CONFIG_DEPRECATED_KEY");
    expect(warnings[0]?.message).toContain("commits.commit_parsers[0].breaking_indicator");
    const both = failure({ commits: { commit_parsers: [{ ...parser, breaking: false }] } });
    expect(both.code).toBe("E_CONFIG_INVALID");
  });

  it.each([
    ["changelog", "native_fallback", "changelog.engine"],
    ["changelog", "template", "changelog.engine"],
    ["changelog", "generate_cliff_config", "changelog.cliff_config"],
    ["changelog", "cliff_body_template", "changelog.engine"],
    ["github", "release_body_show_authors", "changelog.show_authors"],
    ["github", "release_body_use_emojis", "changelog.section_headers"],
    ["github", "release_body_use_commit_changelog", "changelog"],
  ])("%s.%s is removed, naming %s", (table, key, replacement) => {
    const error = failure({ [table]: { [key]: true } });
    expect(error.code).toBe("E_CONFIG_REMOVED_KEY");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${FILE}: '${table}.${key}' is no longer supported`);
    expect(error.hint).toContain(replacement);
  });

  it('publish.tool = "twine" is accepted with a warning', () => {
    const { config, warnings } = validateConfig({ publish: { tool: "twine" } }, FILE);
    expect(config.publish.tool).toBe("twine");
    expect(warnings.map((w) => w.code)).toEqual(["W_CONFIG_DEPRECATED_KEY"]);
    expect(warnings[0]?.message).toContain("python -m build");
  });
});

describe("normalised values", () => {
  it("section_headers merge with the defaults key by key (scenario 53)", () => {
    const { config } = validateConfig(
      { changelog: { section_headers: { feat: "Features", hotfix: "Hotfixes" } } },
      FILE,
    );
    expect(config.changelog.section_headers).toEqual({
      ...DEFAULT_SECTION_HEADERS,
      feat: "Features",
      hotfix: "Hotfixes",
    });
  });

  it("version file entries become one tagged form each", () => {
    const { config } = validateConfig(
      {
        version: {
          version_files: [
            "src/demo/__init__.py",
            { path: "VERSION" },
            { path: "docs/conf.py", pattern: 'release = "{version}"' },
            { path: "docs/index.md", pattern: "v{version}", count: 2 },
            { path: "Cargo.toml", toml_key: "package.version" },
            { path: "package.json", json_key: "version" },
          ],
        },
      },
      FILE,
    );
    expect(config.version.version_files).toEqual([
      { kind: "path", path: "src/demo/__init__.py" },
      { kind: "path", path: "VERSION" },
      { kind: "pattern", path: "docs/conf.py", pattern: 'release = "{version}"', count: 1 },
      { kind: "pattern", path: "docs/index.md", pattern: "v{version}", count: 2 },
      { kind: "toml_key", path: "Cargo.toml", toml_key: "package.version" },
      { kind: "json_key", path: "package.json", json_key: "version" },
    ]);
  });

  it("commit parsers get their defaults", () => {
    const { config } = validateConfig(
      { commits: { commit_parsers: [{ pattern: "^:sparkles:", type: "feat", group: "✨ Features" }] } },
      FILE,
    );
    expect(config.commits.commit_parsers).toEqual([
      {
        pattern: "^:sparkles:",
        type: "feat",
        group: "✨ Features",
        scope_group: null,
        description_group: "description",
        breaking: false,
      },
    ]);
  });

  it("an empty document is the default configuration and does not share state with it", () => {
    const first = validateConfig({}, FILE).config;
    first.commits.types_minor.push("docs");
    expect(validateConfig({}, FILE).config.commits.types_minor).toEqual(["feat"]);
  });

  it("does not change the document it is given", () => {
    const raw = { github: { release_pr_branch: "rel" }, commits: { types_major: ["perf"] } };
    const before = JSON.stringify(raw);
    validateConfig(raw, FILE);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe("values set from the environment", () => {
  it("are reported as E_CONFIG_ENV naming the variable", () => {
    const raw = { publish: { tool: "flit" } };
    try {
      validateConfig(raw, FILE, { origins: { "publish.tool": "env:RELEASIO_PUBLISH_TOOL" } });
      expect.unreachable();
    } catch (error) {
      const e = error as ReleasioError;
      expect(e.code).toBe("E_CONFIG_ENV");
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(
        "environment variable RELEASIO_PUBLISH_TOOL: must be one of auto, uv, build, poetry, pdm, hatch, twine; got 'flit'",
      );
    }
  });

  it("name the element of a list", () => {
    const raw = { security: { patterns: ["ok", "("] } };
    try {
      validateConfig(raw, FILE, { origins: { "security.patterns": "env:RELEASIO_SECURITY_PATTERNS" } });
      expect.unreachable();
    } catch (error) {
      expect((error as ReleasioError).message).toMatch(
        /^environment variable RELEASIO_SECURITY_PATTERNS: 'security\.patterns\[1\]' is not a valid regular expression/,
      );
    }
  });
});
