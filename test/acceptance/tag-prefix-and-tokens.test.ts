/**
 * Release tags read with the version grammar after any tag prefix (§6.2 rule 1, §6.7: one leading `v`), and
 * pre-release tokens spelt the same way by every source (§6.8 step 1: flag, channel, `version.pre_release`).
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv } from "../support/cli.js";
import { cleanupRepos, PYPROJECT } from "../support/repo.js";
import { checkJson, project, runFail, runOk, versionLine, warningCodes } from "./helpers-a.js";

afterAll(cleanupRepos);

const EMPTY_PREFIX = '\n[tool.releasio.version]\ntag_prefix = ""\n';

describe("tags after the prefix may spell the version with a v", () => {
  it('tag_prefix = "" takes v1.0.0 as the previous release and tags the next one 1.0.1', async () => {
    const repo = project({ pyproject: PYPROJECT("1.0.0", "demo", EMPTY_PREFIX), tag: "v1.0.0" });
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      previous_tag: "v1.0.0",
      previous_version: "1.0.0",
      next_version: "1.0.1",
      tag: "1.0.1",
      first_release: false,
      release_reason: "commits",
    });
    expect(warningCodes(json)).not.toContain("W_TAG_PREFIX_MISMATCH");
  });

  it('tag_prefix = "" writes the next version after a v tag, not the tagged one again', async () => {
    const repo = project({ pyproject: PYPROJECT("1.0.0", "demo", EMPTY_PREFIX), tag: "v1.0.0" });
    repo.commit("feat: b");
    const { code, json } = await runOk("update", repo.dir, ["update", "-x"]);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.1.0");
    expect(versionLine(repo.read("pyproject.toml"))).toBe('version = "1.1.0"');
  });

  it('tag_prefix = "rel-" takes rel-v1.5.0 as the previous release', async () => {
    const repo = project({
      pyproject: PYPROJECT("1.5.0", "demo", '\n[tool.releasio.version]\ntag_prefix = "rel-"\n'),
      tag: "rel-v1.5.0",
    });
    repo.commit("fix: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({ previous_tag: "rel-v1.5.0", next_version: "1.5.1", tag: "rel-1.5.1" });
    expect(warningCodes(json)).not.toContain("W_TAG_PREFIX_MISMATCH");
  });

  it('tag_prefix = "" never takes a floating alias for a release', async () => {
    const repo = project({ pyproject: PYPROJECT("1.0.0", "demo", EMPTY_PREFIX), tag: "v1.0.0" });
    repo.commit("fix: a");
    for (const alias of ["v1", "v1.4", "v10.6", "latest", "V2"]) repo.tag(alias);
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({ previous_tag: "v1.0.0", next_version: "1.0.1", tag: "1.0.1" });
    expect(json.commits).toHaveLength(1);
  });

  it('tag_prefix = "" with only aliases and no release is a first release, without a prefix warning', async () => {
    const repo = project({ pyproject: PYPROJECT("0.0.0", "demo", EMPTY_PREFIX), tag: "v1" });
    repo.commit("feat: a");
    repo.tag("v1.4");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      previous_tag: null,
      first_release: true,
      next_version: "0.1.0",
      tag: "0.1.0",
    });
    expect(warningCodes(json)).not.toContain("W_TAG_PREFIX_MISMATCH");
  });

  it("the default prefix v still ignores vv tags and aliases", async () => {
    const repo = project({ version: "1.0.0" });
    repo.commit("fix: a");
    for (const alias of ["vv9.0.0", "v9", "v9.9"]) repo.tag(alias);
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json).toMatchObject({ previous_tag: "v1.0.0", next_version: "1.0.1", tag: "v1.0.1" });
  });
});

describe("pre-release tokens are spelt alike in the configuration, the environment and --prerelease", () => {
  it.each([
    { written: "a", token: "alpha", next: "1.1.0a1" },
    { written: "b", token: "beta", next: "1.1.0b1" },
    { written: "c", token: "rc", next: "1.1.0rc1" },
    { written: "Beta", token: "beta", next: "1.1.0b1" },
  ])("version.pre_release = $written → $next", async ({ written, token, next }) => {
    const repo = project({ files: { ".releasio.toml": `[version]\npre_release = "${written}"\n` } });
    repo.commit("feat: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe(next);
    expect(json.prerelease).toEqual({ token, source: "config" });
    const flag = await checkJson(project().commits("feat: a").dir, ["--prerelease", written]);
    expect(flag.json.next_version).toBe(next);
  });

  it("RELEASIO_VERSION_PRE_RELEASE=b → 1.1.0b1", async () => {
    const repo = project();
    repo.commit("feat: a");
    const { code, json } = await checkJson(repo.dir, [], cleanEnv({ RELEASIO_VERSION_PRE_RELEASE: "b" }));
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.1.0b1");
    expect(json.prerelease).toEqual({ token: "beta", source: "config" });
  });

  it('a channel with prerelease_token = "b" releases 1.1.0b1 on its branch', async () => {
    const repo = project({
      files: {
        ".releasio.toml": '[branches.beta]\nmatch = "beta"\nprerelease = true\nprerelease_token = "b"\n',
      },
    });
    repo.checkout("beta", true);
    repo.commit("feat: a");
    const { code, json } = await checkJson(repo.dir);
    expect(code).toBe(0);
    expect(json.next_version).toBe("1.1.0b1");
    expect(json.prerelease).toEqual({ token: "beta", source: "channel" });
  });

  it("a bad version.pre_release exits 2 naming the file, the key, the value and the spellings", async () => {
    const repo = project({
      pyproject: PYPROJECT("1.0.0", "demo", '\n[tool.releasio.version]\npre_release = "preview"\n'),
    });
    repo.commit("feat: a");
    const { code, json } = await runFail(repo.dir, ["check"]);
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_INVALID");
    expect(json.error.message).toBe(
      `pyproject.toml: 'version.pre_release' must be one of alpha, a, beta, b, rc, c, dev; got "preview"`,
    );
  });

  it("a bad RELEASIO_VERSION_PRE_RELEASE exits 2 naming the variable, the value and the spellings", async () => {
    const repo = project();
    repo.commit("feat: a");
    const { code, json } = await runFail(
      repo.dir,
      ["check"],
      cleanEnv({ RELEASIO_VERSION_PRE_RELEASE: "preview" }),
    );
    expect(code).toBe(2);
    expect(json.error.code).toBe("E_CONFIG_ENV");
    expect(json.error.message).toContain("RELEASIO_VERSION_PRE_RELEASE");
    expect(json.error.message).toContain("must be one of alpha, a, beta, b, rc, c, dev");
    expect(json.error.message).toContain("preview");
  });
});
