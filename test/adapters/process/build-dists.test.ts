import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildDists, chooseBuilder } from "../../../src/adapters/process/build-dists.js";
import { contextFrom } from "../../../src/commands/context.js";
import type { HookValues } from "../../../src/core/hooks/substitute.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";

afterEach(() => cleanupRepos());

const VALUES: HookValues = {
  version: "1.1.0",
  tag: "v1.1.0",
  previous_version: "1.0.0",
  previous_tag: "v1.0.0",
  project_path: ".",
  branch: "main",
  package: "",
};

/** A bin directory with fake tools that log their arguments and SOURCE_DATE_EPOCH, then write a dist. */
function fakeBin(tools: Record<string, string>): { bin: string; log: string } {
  const bin = tempDir("releasio-bin-");
  const log = join(bin, "calls.log");
  for (const [name, body] of Object.entries(tools)) {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\necho "${name} $* SDE=$SOURCE_DATE_EPOCH" >> "${log}"\n${body}\n`);
    chmodSync(path, 0o755);
  }
  return { bin, log };
}

const WRITE_OUT =
  'while [ $# -gt 0 ]; do case "$1" in --out-dir|--outdir) shift; touch "$1/demo-1.1.0.tar.gz";; esac; shift; done';

function setup() {
  const project = tempDir("releasio-build-");
  const dist = join(project, "dist");
  mkdirSync(dist);
  writeFileSync(join(dist, "old-1.0.0.tar.gz"), "old");
  writeFileSync(join(dist, "old-1.0.0-py3-none-any.whl"), "old");
  writeFileSync(join(dist, "old.zip"), "old");
  writeFileSync(join(dist, "notes.txt"), "keep");
  return { project, dist };
}

describe("buildDists (PRODUCT.md §7.1, scenario 100)", () => {
  it("auto uses uv when on PATH: uv build --out-dir dist, with SOURCE_DATE_EPOCH, after cleaning only dists", async () => {
    const { project, dist } = setup();
    const { bin, log } = fakeBin({ uv: WRITE_OUT, python: "exit 0" });
    const ctx = contextFrom({ cwd: project, env: { PATH: `${bin}:/bin` } });
    const r = await buildDists({
      ctx,
      projectPath: project,
      distDir: dist,
      tool: "auto",
      hook: null,
      hookValues: VALUES,
      sourceDateEpoch: 1700000000,
    });
    expect(r.tool).toBe("uv");
    expect(readFileSync(log, "utf8")).toBe(`uv build --out-dir ${dist} SDE=1700000000\n`);
    expect(r.removed.sort()).toEqual(["old-1.0.0-py3-none-any.whl", "old-1.0.0.tar.gz", "old.zip"]);
    expect(existsSync(join(dist, "notes.txt"))).toBe(true);
    expect(existsSync(join(dist, "demo-1.1.0.tar.gz"))).toBe(true);
  });

  it("without uv: python -m build --outdir dist, after checking that build imports", async () => {
    const { project, dist } = setup();
    const { bin, log } = fakeBin({ python: WRITE_OUT });
    const ctx = contextFrom({ cwd: project, env: { PATH: `${bin}:/bin` } });
    const r = await buildDists({
      ctx,
      projectPath: project,
      distDir: dist,
      tool: "auto",
      hook: null,
      hookValues: VALUES,
      sourceDateEpoch: 5,
    });
    expect(r.tool).toBe("build");
    expect(readFileSync(log, "utf8").split("\n")).toEqual([
      "python -c import build SDE=5",
      `python -m build --outdir ${dist} SDE=5`,
      "",
    ]);
  });

  it("neither uv nor an importable build → E_BUILD_TOOL_MISSING, nothing removed", async () => {
    const { project, dist } = setup();
    const { bin } = fakeBin({ python3: "exit 1" });
    const ctx = contextFrom({ cwd: project, env: { PATH: `${bin}:/bin` } });
    expect(await chooseBuilder("auto", ctx.env, { projectPath: project, distDir: dist })).toBeNull();
    await expect(
      buildDists({
        ctx,
        projectPath: project,
        distDir: dist,
        tool: "auto",
        hook: null,
        hookValues: VALUES,
        sourceDateEpoch: null,
      }),
    ).rejects.toMatchObject({
      code: "E_BUILD_TOOL_MISSING",
      message: "no build tool available: uv not on PATH and 'python -m build' unavailable",
    });
    expect(existsSync(join(dist, "old.zip"))).toBe(true);
  });

  it("hooks.build runs with {version} substituted and awk braces intact", async () => {
    const { project, dist } = setup();
    const ctx = contextFrom({ cwd: project, env: { PATH: "/usr/bin:/bin" } });
    const hook =
      "echo V={version} SDE=$SOURCE_DATE_EPOCH > out.txt && awk '{print 1}' /dev/null && touch dist/demo-1.1.0.tar.gz";
    const r = await buildDists({
      ctx,
      projectPath: project,
      distDir: dist,
      tool: "auto",
      hook,
      hookValues: VALUES,
      sourceDateEpoch: 42,
    });
    expect(r.tool).toBe("hooks.build");
    expect(readFileSync(join(project, "out.txt"), "utf8")).toBe("V=1.1.0 SDE=42\n");
  });

  it("a failing build is E_BUILD_FAILED with the exit code and the tail of its output", async () => {
    const { project, dist } = setup();
    const { bin } = fakeBin({ uv: 'echo "error: no pyproject" >&2; exit 3' });
    const ctx = contextFrom({ cwd: project, env: { PATH: `${bin}:/bin` } });
    await expect(
      buildDists({
        ctx,
        projectPath: project,
        distDir: dist,
        tool: "uv",
        hook: null,
        hookValues: VALUES,
        sourceDateEpoch: null,
      }),
    ).rejects.toMatchObject({
      code: "E_BUILD_FAILED",
      message: "uv build failed (exit 3)\nerror: no pyproject",
    });
  });

  it("poetry/pdm/hatch outputs are moved from their dist/ into the configured directory", async () => {
    const { project } = setup();
    const out = join(project, "wheelhouse");
    const { bin } = fakeBin({ hatch: "mkdir -p dist && touch dist/demo-1.1.0-py3-none-any.whl" });
    const ctx = contextFrom({ cwd: project, env: { PATH: `${bin}:/bin` } });
    await buildDists({
      ctx,
      projectPath: project,
      distDir: out,
      tool: "hatch",
      hook: null,
      hookValues: VALUES,
      sourceDateEpoch: null,
    });
    expect(existsSync(join(out, "demo-1.1.0-py3-none-any.whl"))).toBe(true);
  });
});
