import { describe, expect, it } from "vitest";
import {
  applyEnvOverrides,
  envSwitch,
  envVariableNames,
  HOOK_ENV,
  NON_CONFIG_ENV,
} from "../../../src/core/config/env.js";
import { configKeys } from "../../../src/core/config/keys.js";
import { DEPRECATED_ALIASES } from "../../../src/core/config/legacy-keys.js";
import { validateConfig } from "../../../src/core/config/validate.js";
import { ReleasioError } from "../../../src/core/errors.js";

function envError(env: Record<string, string>): ReleasioError {
  try {
    applyEnvOverrides({}, env);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe("override variable names", () => {
  const names = envVariableNames();

  it.each([
    ["publish.registry", "RELEASIO_PUBLISH_REGISTRY"],
    ["default_branch", "RELEASIO_DEFAULT_BRANCH"],
    ["version.tag_prefix", "RELEASIO_VERSION_TAG_PREFIX"],
    ["changelog.engine", "RELEASIO_CHANGELOG_ENGINE"],
    ["github.owner", "RELEASIO_GITHUB_OWNER"],
    ["commits.skip_release_patterns", "RELEASIO_COMMITS_SKIP_RELEASE_PATTERNS"],
  ])("%s is overridden by %s", (_, name) => {
    expect(names).toContain(name);
  });

  it("are collision-free and never one of the reserved or hook variables", () => {
    expect(new Set(names).size).toBe(names.length);
    for (const reserved of [...NON_CONFIG_ENV, ...HOOK_ENV]) expect(names).not.toContain(reserved);
  });

  it("cover every scalar and list of scalars, and nothing else", () => {
    const expected = configKeys()
      .filter((k) => k.kind === "scalar" || k.kind === "list")
      .map((k) => `RELEASIO_${k.path.toUpperCase().replaceAll(".", "_")}`);
    expect(names).toEqual(expected);
    for (const absent of [
      "RELEASIO_BRANCHES",
      "RELEASIO_COMMITS_COMMIT_PARSERS",
      "RELEASIO_CHANGELOG_SECTION_HEADERS",
      "RELEASIO_VERSION_VERSION_FILES",
      "RELEASIO_PUBLISH",
      ...DEPRECATED_ALIASES.map((a) => `RELEASIO_${a.alias.toUpperCase().replaceAll(".", "_")}`),
    ]) {
      expect(names).not.toContain(absent);
    }
  });
});

describe("applying overrides", () => {
  it("sets the key and records its origin (scenario 7)", () => {
    const result = applyEnvOverrides({}, { RELEASIO_PUBLISH_REGISTRY: "https://test.pypi.org/legacy/" });
    expect(result.raw).toEqual({ publish: { registry: "https://test.pypi.org/legacy/" } });
    expect(result.origins).toEqual({ "publish.registry": "env:RELEASIO_PUBLISH_REGISTRY" });
    expect(result.warnings).toEqual([]);
  });

  it("wins over the file value without changing the given document", () => {
    const raw = { publish: { registry: "pypi", tool: "uv" } };
    const result = applyEnvOverrides(raw, { RELEASIO_PUBLISH_REGISTRY: "testpypi" });
    expect(result.raw).toEqual({ publish: { registry: "testpypi", tool: "uv" } });
    expect(raw.publish.registry).toBe("pypi");
  });

  it.each([
    ["true", true],
    ["false", false],
    ["1", true],
    ["0", false],
    ["yes", true],
    ["no", false],
    ["TRUE", true],
    ["No", false],
  ])("boolean spelling %s → %s", (text, value) => {
    expect(applyEnvOverrides({}, { RELEASIO_ALLOW_DIRTY: text }).raw).toEqual({ allow_dirty: value });
  });

  it("an invalid boolean is E_CONFIG_ENV naming the variable (scenario 7)", () => {
    const error = envError({ RELEASIO_ALLOW_DIRTY: "maybe" });
    expect(error.code).toBe("E_CONFIG_ENV");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "environment variable RELEASIO_ALLOW_DIRTY: must be true or false (also 1/0, yes/no); got 'maybe'",
    );
  });

  it.each([
    ["RELEASIO_PUBLISH_RETRIES", "5", { publish: { retries: 5 } }],
    ["RELEASIO_CHECK_PR_MAX_LENGTH", "72", { check_pr: { max_length: 72 } }],
    ["RELEASIO_PUBLISH_TRUSTED_PUBLISHING", "required", { publish: { trusted_publishing: "required" } }],
    ["RELEASIO_PUBLISH_TRUSTED_PUBLISHING", "no", { publish: { trusted_publishing: false } }],
    ["RELEASIO_PUBLISH_ATTESTATIONS", "auto", { publish: { attestations: "auto" } }],
    ["RELEASIO_PUBLISH_ATTESTATIONS", "0", { publish: { attestations: false } }],
    ["RELEASIO_VERSION_TAG_PREFIX", "rel-", { version: { tag_prefix: "rel-" } }],
    ["RELEASIO_VERSION_PRE_RELEASE", "rc", { version: { pre_release: "rc" } }],
    ["RELEASIO_HOOKS_BUILD", "make dist", { hooks: { build: "make dist" } }],
  ])("%s=%s", (name, text, raw) => {
    expect(applyEnvOverrides({}, { [name]: text }).raw).toEqual(raw);
  });

  it.each([
    ["RELEASIO_PUBLISH_RETRIES", "three", "must be an integer"],
    ["RELEASIO_PUBLISH_VERIFY_TIMEOUT", "0", "must be at least 1"],
    ["RELEASIO_PUBLISH_TRUSTED_PUBLISHING", "sometimes", 'must be true, false or "required"'],
    ["RELEASIO_PUBLISH_ATTESTATIONS", "never", 'must be "auto", true or false'],
    ["RELEASIO_PUBLISH_TOOL", "flit", "must be one of auto, uv, build, poetry, pdm, hatch, twine"],
    ["RELEASIO_FORGE", "bitbucket", "must be one of auto, github, gitlab, none"],
    ["RELEASIO_VERSION_PRE_RELEASE", "preview", "must be one of alpha, a, beta, b, rc, c, dev"],
  ])("%s=%s is rejected: %s", (name, text, problem) => {
    const error = envError({ [name]: text });
    expect(error.code).toBe("E_CONFIG_ENV");
    expect(error.message).toBe(`environment variable ${name}: ${problem}; got '${text}'`);
  });

  it.each([
    ["b", "beta"],
    ["a", "alpha"],
    ["c", "rc"],
    ["Beta", "beta"],
  ])("RELEASIO_VERSION_PRE_RELEASE=%s takes the spellings of --prerelease (→ %s)", (text, token) => {
    const { raw } = applyEnvOverrides({}, { RELEASIO_VERSION_PRE_RELEASE: text });
    expect(validateConfig(raw, ".releasio.toml").config.version.pre_release).toBe(token);
  });

  it("reports every invalid variable together", () => {
    const error = envError({ RELEASIO_ALLOW_DIRTY: "maybe", RELEASIO_PUBLISH_RETRIES: "x" });
    expect(((error.details?.["problems"] ?? []) as { key: string }[]).map((p) => p.key)).toEqual([
      "allow_dirty",
      "publish.retries",
    ]);
  });

  it.each([
    ['["[skip release]", "[no release]"]', ["[skip release]", "[no release]"]],
    ["[skip release],[no release]", ["[skip release]", "[no release]"]],
    ["a, b ,c", ["a", "b", "c"]],
    ["single", ["single"]],
    ['["a,b"]', ["a,b"]],
  ])("list value %s", (text, list) => {
    const result = applyEnvOverrides({}, { RELEASIO_COMMITS_SKIP_RELEASE_PATTERNS: text });
    expect(result.raw).toEqual({ commits: { skip_release_patterns: list } });
  });

  it("empty values count as unset", () => {
    const result = applyEnvOverrides(
      { allow_dirty: true },
      { RELEASIO_ALLOW_DIRTY: "", RELEASIO_DEFAULT_BRANCH: " " },
    );
    expect(result.raw).toEqual({ allow_dirty: true });
    expect(result.origins).toEqual({});
  });

  it("an unknown RELEASIO_ variable is a warning with a suggestion (scenario 7)", () => {
    const result = applyEnvOverrides({}, { RELEASIO_PUBLSH_REGISTRY: "x" });
    expect(result.raw).toEqual({});
    expect(result.warnings).toEqual([
      {
        code: "W_UNKNOWN_ENV",
        message:
          "unknown environment variable RELEASIO_PUBLSH_REGISTRY is ignored; did you mean RELEASIO_PUBLISH_REGISTRY?",
      },
    ]);
  });

  it("a variable that names a key without its table suggests the one variable with that key", () => {
    const result = applyEnvOverrides({}, { RELEASIO_TAG_PREFIX: "x" });
    expect(result.warnings[0]?.message).toBe(
      "unknown environment variable RELEASIO_TAG_PREFIX is ignored; did you mean RELEASIO_VERSION_TAG_PREFIX?",
    );
  });

  it("a deprecated alias's variable suggests the new key's variable", () => {
    const result = applyEnvOverrides({}, { RELEASIO_GITHUB_RELEASE_PR_BRANCH: "rel" });
    expect(result.raw).toEqual({});
    expect(result.warnings[0]?.message).toContain("did you mean RELEASIO_RELEASE_PR_BRANCH?");
  });

  it("the reserved and hook variables are neither configuration nor warnings", () => {
    const env = Object.fromEntries([...NON_CONFIG_ENV, ...HOOK_ENV].map((name) => [name, "1.2.3"]));
    const result = applyEnvOverrides({}, { ...env, PATH: "/bin", GITHUB_TOKEN: "t" });
    expect(result).toEqual({ raw: {}, origins: {}, warnings: [] });
  });

  it("the overridden document validates like a file", () => {
    const result = applyEnvOverrides(
      {},
      { RELEASIO_COMMITS_TYPES_MAJOR: "perf", RELEASIO_GITHUB_OWNER: "acme" },
    );
    const { config } = validateConfig(result.raw, ".releasio.toml", { origins: result.origins });
    expect(config.commits.types_major).toEqual(["perf"]);
    expect(config.commits.types_patch).toEqual(["fix"]);
    expect(config.github.owner).toBe("acme");
  });

  it("a value rule broken from the environment names the variable", () => {
    const result = applyEnvOverrides({}, { RELEASIO_COMMITS_BREAKING_PATTERN: "(" });
    expect(() => validateConfig(result.raw, ".releasio.toml", { origins: result.origins })).toThrow(
      "environment variable RELEASIO_COMMITS_BREAKING_PATTERN: is not a valid regular expression: Unterminated group; got '('",
    );
  });

  it("an http index URL from the environment is E_INSECURE_URL naming the variable", () => {
    const result = applyEnvOverrides({}, { RELEASIO_PUBLISH_REGISTRY: "http://example.com/legacy/" });
    try {
      validateConfig(result.raw, ".releasio.toml", { origins: result.origins });
      expect.unreachable();
    } catch (error) {
      expect((error as ReleasioError).code).toBe("E_INSECURE_URL");
      expect((error as ReleasioError).message).toMatch(
        /^RELEASIO_PUBLISH_REGISTRY: 'http:\/\/example.com\/legacy\/' must use https/,
      );
    }
  });
});

describe("switch variables (RELEASIO_OFFLINE)", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["  ", false],
    ["1", true],
    ["true", true],
    ["YES", true],
    [" 0 ", false],
    ["false", false],
    ["no", false],
  ])("%j is %s", (value, on) => {
    expect(envSwitch("RELEASIO_OFFLINE", value)).toBe(on);
  });

  it.each(["on", "maybe", "2"])("%j is E_CONFIG_ENV naming the variable and the value", (value) => {
    expect(() => envSwitch("RELEASIO_OFFLINE", value)).toThrow(
      expect.objectContaining({
        code: "E_CONFIG_ENV",
        exitCode: 2,
        message: `environment variable RELEASIO_OFFLINE: expected 1, true or yes (or 0, false, no); got '${value}'`,
      }),
    );
  });
});
