import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type GitCliffRun,
  parseGitCliffVersion,
  requireGitCliff,
  runGitCliff,
} from "../../../src/adapters/process/git-cliff.js";
import { ReleasioError, type Warning } from "../../../src/core/errors.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";

afterEach(() => cleanupRepos());

/** A bin directory with a git-cliff answering `--version` with `version`; every call's arguments are logged. */
function fakeCliff(version: string): { bin: string; calls: () => string[][] } {
  const bin = tempDir("releasio-bin-");
  const log = join(bin, "calls.log");
  const path = join(bin, "git-cliff");
  writeFileSync(
    path,
    `#!/bin/sh\nprintf '%s\\n' "$@" "--end--" >> "${log}"\nif [ "$1" = --version ]; then echo "${version}"; exit 0; fi\necho "## entry"\n`,
  );
  chmodSync(path, 0o755);
  const calls = () =>
    existsSync(log)
      ? readFileSync(log, "utf8")
          .split("--end--\n")
          .filter((c) => c !== "")
          .map((c) => c.trimEnd().split("\n"))
      : [];
  return { bin, calls };
}

function warningSink(): { items: Warning[]; add(w: Warning): void } {
  const items: Warning[] = [];
  return { items, add: (w) => items.push(w) };
}

function cliffRun(bin: string, cwd: string, extra: Partial<GitCliffRun> = {}): GitCliffRun {
  return {
    cwd,
    env: { PATH: `${bin}:/usr/bin:/bin` },
    config: null,
    projectPath: ".",
    tag: null,
    range: null,
    includePath: null,
    warnings: warningSink(),
    ...extra,
  };
}

describe("parseGitCliffVersion", () => {
  it("reads git-cliff's own --version line", () => {
    expect(parseGitCliffVersion("git-cliff 2.14.2\n")).toEqual({ text: "2.14.2", major: 2 });
    expect(parseGitCliffVersion("git-cliff 1.2.0")).toEqual({ text: "1.2.0", major: 1 });
    expect(parseGitCliffVersion("git-cliff v10.0.1-rc.1\n")).toEqual({ text: "10.0.1-rc.1", major: 10 });
  });

  it("finds no version in anything else", () => {
    expect(parseGitCliffVersion("")).toBeNull();
    expect(parseGitCliffVersion("## [1.1.0] - entry")).toBeNull();
  });
});

describe("requireGitCliff", () => {
  it("refuses a git-cliff older than 2.0 with E_CLIFF_MISSING naming both versions", async () => {
    const { bin } = fakeCliff("git-cliff 1.2.0");
    const error = await requireGitCliff(cliffRun(bin, bin)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleasioError);
    const e = error as ReleasioError;
    expect(e.code).toBe("E_CLIFF_MISSING");
    expect(e.message).toContain("version 1.2.0");
    expect(e.message).toContain("git-cliff >= 2.0");
    expect(e.hint).toContain("install git-cliff >= 2.0");
  });

  it("asks --version once per run (one warning list), again for another run", async () => {
    const { bin, calls } = fakeCliff("git-cliff 2.0.0");
    const run = cliffRun(bin, bin);
    expect(await requireGitCliff(run)).toBe(join(bin, "git-cliff"));
    await requireGitCliff(run);
    await runGitCliff(run);
    expect(calls()).toEqual([["--version"], ["--strip", "all"]]);
    await requireGitCliff({ ...run, warnings: warningSink() });
    expect(calls().filter((c) => c[0] === "--version")).toHaveLength(2);
  });

  it("is E_CLIFF_MISSING when git-cliff is not on PATH", async () => {
    const empty = tempDir("releasio-empty-");
    const error = await requireGitCliff(cliffRun(empty, empty)).catch((e: unknown) => e);
    expect((error as ReleasioError).code).toBe("E_CLIFF_MISSING");
    expect((error as ReleasioError).message).toContain("not found on PATH");
  });
});

describe("runGitCliff", () => {
  it("warns W_CLIFF_DEFAULT_CONFIG when no configuration is found, and not when one is", async () => {
    const { bin } = fakeCliff("git-cliff 2.14.2");
    const bare = cliffRun(bin, tempDir("releasio-project-"));
    await runGitCliff(bare);
    const sink = bare.warnings as ReturnType<typeof warningSink>;
    expect(sink.items.map((w) => w.code)).toEqual(["W_CLIFF_DEFAULT_CONFIG"]);
    expect(sink.items[0]!.message).toContain("built-in default configuration");

    const withPyproject = tempDir("releasio-project-");
    writeFileSync(
      join(withPyproject, "pyproject.toml"),
      "[project]\nname = 'x'\n\n[tool.git-cliff.changelog]\n",
    );
    const run = cliffRun(bin, withPyproject);
    await runGitCliff(run);
    expect((run.warnings as ReturnType<typeof warningSink>).items).toEqual([]);

    const fromEnv = cliffRun(bin, tempDir("releasio-project-"));
    fromEnv.env.GIT_CLIFF_CONFIG = "/etc/cliff.toml";
    await runGitCliff(fromEnv);
    expect((fromEnv.warnings as ReturnType<typeof warningSink>).items).toEqual([]);
  });

  it("passes skipped tags as one exact --ignore-tags pattern before the range", async () => {
    const { bin, calls } = fakeCliff("git-cliff 2.14.2");
    const dir = tempDir("releasio-project-");
    writeFileSync(join(dir, "cliff.toml"), "");
    await runGitCliff(cliffRun(bin, dir, { ignoreTags: ["v1.1.0a1", "v1.1.0rc1+b"], range: "abc" }));
    expect(calls().at(-1)).toEqual([
      "--config",
      "cliff.toml",
      "--strip",
      "all",
      "--ignore-tags",
      "^(?:v1\\.1\\.0a1|v1\\.1\\.0rc1\\+b)$",
      "abc",
    ]);
  });
});
