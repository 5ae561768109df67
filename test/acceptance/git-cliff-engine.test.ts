/**
 * `changelog.engine = "git-cliff"` (§4.10, §5.5, §6.12): `changelog` lists releasio's own releases and honours
 * --unreleased and --prereleases, the built-in default configuration is warned about, and a git-cliff older than
 * 2.0 is refused before anything is written.
 */
import { symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, type TestRepo, tempDir } from "../support/repo.js";
import {
  env,
  errorCode,
  fixture,
  json,
  pathWith,
  snapshot,
  stubBin,
  stubCalls,
  warningCodes,
} from "./helpers-b.js";

afterAll(cleanupRepos);

const CLIFF_ENTRY = "## [1.1.0] - from cliff\n\n- entry rendered by git-cliff";

/**
 * A git-cliff stand-in answering `--version` with `version`; every call's arguments go to a log, and any other
 * call prints an entry.
 */
function stubCliff(version = "2.14.2") {
  const bin = stubBin({
    "git-cliff": `printf '%s\\n' "$@" "--end--" >> "$(dirname "$0")/calls.log"
if [ "$1" = --version ]; then echo "git-cliff ${version}"; exit 0; fi
printf '\\n%s\\n' '${CLIFF_ENTRY}'`,
  });
  const calls = () => stubCalls(bin);
  return { bin, calls, path: pathWith(bin, ["git-cliff"]) };
}

/** The installed git-cliff (the npm package of the devDependencies), alone in a directory for PATH. */
function realCliffPath(): string {
  const dir = tempDir("releasio-real-cliff-");
  symlinkSync(resolve("node_modules/.bin/git-cliff"), join(dir, "git-cliff"));
  return pathWith(dir, ["git-cliff"]);
}

const cliffEnv = (path: string, extra: Record<string, string | undefined> = {}) =>
  env({ RELEASIO_CHANGELOG_ENGINE: "git-cliff", PATH: path, ...extra });

/** F0 + `feat` tagged v1.1.0a1 + `fix` tagged v1.1.0 + an unreleased `feat`; a cliff.toml unless `cliff` is false. */
function history(cliff = true): { repo: TestRepo; shas: Record<string, string> } {
  const repo = fixture(cliff ? { files: { "cliff.toml": "[changelog]\n" } } : {});
  const v100 = repo.head();
  repo.commit("feat: add export");
  repo.tag("v1.1.0a1");
  const v110 = repo.commit("fix: repair parser");
  repo.tag("v1.1.0");
  repo.commit("feat: later work");
  return { repo, shas: { v100, v110 } };
}

type Release = { version: string; tag: string; date: string; commits: number };

describe("git-cliff engine: changelog releases, --unreleased and --prereleases", () => {
  it("changelog --json lists the same releases as the native engine, with git-cliff's content", async () => {
    const { repo } = history();
    const { path } = stubCliff();
    for (const flags of [[], ["--prereleases"], ["--unreleased"]]) {
      const cliff = await json(repo.dir, "changelog", ["changelog", ...flags], cliffEnv(path));
      const native = await json(
        repo.dir,
        "changelog",
        ["changelog", ...flags],
        env({ RELEASIO_CHANGELOG_ENGINE: "native" }),
      );
      expect(cliff.code).toBe(0);
      expect(cliff.json.content).toContain(CLIFF_ENTRY);
      expect(cliff.json.releases).toEqual(native.json.releases);
    }
    const plain = await json(repo.dir, "changelog", ["changelog"], cliffEnv(path));
    expect((plain.json.releases as Release[]).map((r) => [r.tag, r.commits])).toEqual([
      ["v1.1.0", 2],
      ["v1.0.0", 1],
    ]);
    const pre = await json(repo.dir, "changelog", ["changelog", "--prereleases"], cliffEnv(path));
    expect((pre.json.releases as Release[]).map((r) => [r.tag, r.commits])).toEqual([
      ["v1.1.0", 1],
      ["v1.1.0a1", 1],
      ["v1.0.0", 1],
    ]);
  });

  it("git-cliff gets the range and the skipped pre-release tags that the flags call for", async () => {
    const { repo, shas } = history();
    const { path, calls } = stubCliff();
    const run = (flags: string[]) => json(repo.dir, "changelog", ["changelog", ...flags], cliffEnv(path));
    const base = ["--config", "cliff.toml", "--strip", "all"];
    const ignore = ["--ignore-tags", "^(?:v1\\.1\\.0a1)$"];

    expect((await run([])).code).toBe(0);
    expect((await run(["--unreleased"])).code).toBe(0);
    expect((await run(["--prereleases"])).code).toBe(0);
    expect((await run(["--prereleases", "--unreleased"])).code).toBe(0);
    const runs = calls().filter((c) => c[0] !== "--version");
    expect(runs).toEqual([
      // Up to the newest final release; the pre-release's commits fold into v1.1.0.
      [...base, ...ignore, shas.v110],
      // With the commits after it, in git-cliff's own unreleased section.
      [...base, ...ignore],
      [...base, shas.v110],
      base,
    ]);
  });

  it("with nothing after the newest release, git-cliff runs over the whole history without a range", async () => {
    const repo = fixture({ files: { "cliff.toml": "[changelog]\n" } });
    repo.commit("fix: repair parser");
    repo.tag("v1.0.1");
    const { path, calls } = stubCliff();
    const r = await json(repo.dir, "changelog", ["changelog"], cliffEnv(path));
    expect(r.code).toBe(0);
    expect(calls()).toEqual([["--version"], ["--config", "cliff.toml", "--strip", "all"]]);
  });

  it("--unreleased -x replaces the file's Unreleased section with git-cliff's output, never adding a second", async () => {
    const { repo } = history();
    repo.commit("docs: changelog", {
      files: {
        "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n- hand-written note\n\n## [1.0.0]\n\n- old\n",
      },
    });
    const { path } = stubCliff();
    const r = await json(repo.dir, "changelog", ["changelog", "-x", "--unreleased"], cliffEnv(path));
    expect(r.code).toBe(0);
    expect(r.json.written).toBe(true);
    expect(repo.read("CHANGELOG.md")).toBe(`# Changelog\n\n${CLIFF_ENTRY}\n`);
    // Without --unreleased the file's section is kept verbatim, as with the native engine.
    repo.commit("docs: changelog again", {
      files: { "CHANGELOG.md": "# Changelog\n\n## [Unreleased]\n\n- hand-written note\n" },
    });
    const kept = await json(repo.dir, "changelog", ["changelog"], cliffEnv(path));
    expect(kept.json.content).toBe(
      `# Changelog\n\n## [Unreleased]\n\n- hand-written note\n\n${CLIFF_ENTRY}\n`,
    );
  });

  it("the installed git-cliff renders exactly the entries the flags ask for", async () => {
    const { repo } = history();
    const path = realCliffPath();
    const run = async (flags: string[]) => {
      const r = await json(repo.dir, "changelog", ["changelog", ...flags], cliffEnv(path));
      expect(r.code).toBe(0);
      return r.json.content as string;
    };
    const plain = await run([]);
    expect(plain).toMatch(/^## \[1\.1\.0\]/m);
    expect(plain).toMatch(/^## \[1\.0\.0\]/m);
    expect(plain).not.toContain("1.1.0a1");
    expect(plain).not.toMatch(/later work/i);
    // The pre-release's commit is in the final release's entry.
    expect(plain.slice(plain.indexOf("## [1.1.0]"), plain.indexOf("## [1.0.0]"))).toMatch(/add export/i);

    const pre = await run(["--prereleases"]);
    expect(pre).toMatch(/^## \[1\.1\.0a1\]/m);
    expect(pre).not.toMatch(/later work/i);

    const unreleased = await run(["--unreleased"]);
    expect(unreleased).toMatch(/^## \[unreleased\]/im);
    expect(unreleased).toMatch(/later work/i);
    expect(unreleased).not.toContain("1.1.0a1");
  });
});

describe("git-cliff engine: its built-in default configuration is warned about", () => {
  it("changelog without cliff.toml, [tool.git-cliff] or cliff_config warns W_CLIFF_DEFAULT_CONFIG", async () => {
    const { repo } = history(false);
    const { path, calls } = stubCliff();
    const r = await json(repo.dir, "changelog", ["changelog"], cliffEnv(path));
    expect(r.code).toBe(0);
    expect(warningCodes(r)).toContain("W_CLIFF_DEFAULT_CONFIG");
    expect(calls().at(-1)).not.toContain("--config");

    const human = await releasio(repo.dir, ["changelog"], cliffEnv(path));
    expect(human.code).toBe(0);
    expect(human.stderr).toContain("warning[W_CLIFF_DEFAULT_CONFIG]");
    expect(human.stderr).toContain("built-in default configuration");
  });

  it("check and update -x warn too; a cliff.toml or changelog.cliff_config silences it", async () => {
    const { repo } = history(false);
    const { path } = stubCliff();
    const c = await json(repo.dir, "check", ["check"], cliffEnv(path));
    expect(c.code).toBe(0);
    expect(warningCodes(c)).toContain("W_CLIFF_DEFAULT_CONFIG");
    const u = await json(repo.dir, "update", ["update", "-x"], cliffEnv(path));
    expect(u.code).toBe(0);
    expect(warningCodes(u)).toContain("W_CLIFF_DEFAULT_CONFIG");

    const configured = [
      fixture({ files: { "cliff.toml": "[changelog]\n" } }),
      fixture({ config: '[changelog]\ncliff_config = "my-cliff.toml"\n', files: { "my-cliff.toml": "" } }),
    ];
    for (const other of configured) {
      other.commit("feat: add export");
      const r = await json(other.dir, "check", ["check"], cliffEnv(path));
      expect(r.code).toBe(0);
      expect(warningCodes(r)).not.toContain("W_CLIFF_DEFAULT_CONFIG");
    }
  });
});

describe("git-cliff engine: git-cliff >= 2.0 is required", () => {
  it("a git-cliff 1.x fails changelog -x with E_CLIFF_MISSING naming both versions, writing nothing", async () => {
    const { repo } = history();
    const { path, calls } = stubCliff("1.2.0");
    const before = snapshot(repo);
    const r = await json(repo.dir, "changelog", ["changelog", "-x"], cliffEnv(path));
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe("E_CLIFF_MISSING");
    const error = r.json.error as { message: string; hint: string };
    expect(error.message).toContain("1.2.0");
    expect(error.message).toContain(">= 2.0");
    expect(error.hint).toContain("git-cliff >= 2.0");
    expect(calls()).toEqual([["--version"]]);
    expect(snapshot(repo)).toBe(before);
  });

  it("a git-cliff 1.x fails update -x the same way, modifying nothing", async () => {
    const { repo } = history();
    const { path, calls } = stubCliff("1.2.0");
    const before = snapshot(repo);
    const r = await json(repo.dir, "update", ["update", "-x"], cliffEnv(path));
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe("E_CLIFF_MISSING");
    expect((r.json.error as { message: string }).message).toContain("version 1.2.0");
    expect(calls()).toEqual([["--version"]]);
    expect(snapshot(repo)).toBe(before);
  });

  it("a git-cliff 2.x is asked its version once per run, then used", async () => {
    const { repo } = history();
    const { path, calls } = stubCliff("2.0.0");
    const r = await json(repo.dir, "update", ["update", "-x"], cliffEnv(path));
    expect(r.code).toBe(0);
    expect(calls().filter((c) => c[0] === "--version")).toHaveLength(1);
    expect(calls()).toHaveLength(2);
    expect(repo.read("CHANGELOG.md")).toContain(CLIFF_ENTRY);
  });
});

describe("doctor checks git-cliff as a run does", () => {
  it.each([
    ["2.14.2", "ok", /^git-cliff found on PATH \(.*git-cliff\)$/],
    ["1.2.0", "fail", /is version 1\.2\.0; releasio needs git-cliff >= 2\.0$/],
  ])("git-cliff %s: changelog.engine is %s", async (version, status, message) => {
    const { repo } = history();
    const cliff = stubCliff(version);
    const r = await releasio(repo.dir, ["doctor", "--json"], cliffEnv(cliff.path));
    const row = (
      r.json.checks as { id: string; status: string; message: string; hint: string | null }[]
    ).find((c) => c.id === "changelog.engine");
    expect(row?.status).toBe(status);
    expect(row?.message).toMatch(message);
    if (status === "fail")
      expect(row?.hint).toBe('install git-cliff >= 2.0 or set changelog.engine = "native"');
  });
});
