/** Scenarios 123–126 (§13 init): already configured, --yes -x, --force in place, the wizard's defaults. */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "smol-toml";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type InitOptions, init } from "../../src/commands/init.js";
import { initSchema } from "../../src/commands/output-schemas.js";
import { type Prompter, runWizard } from "../../src/core/init/wizard.js";
import { rejected } from "../support/caught.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, PYPROJECT, TestRepo, tempDir } from "../support/repo.js";
import { refsSnapshot, runOk, treeSnapshot } from "./helpers-a.js";

afterAll(cleanupRepos);

async function initJson(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = await releasio(cwd, ["init", ...args, "--json"], cleanEnv(env));
  return { ...r, json: v.parse(initSchema, JSON.parse(r.stdout)) };
}

function acme(): TestRepo {
  const repo = f0();
  repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
  return repo;
}

type Job = { permissions?: Record<string, string>; steps: Array<Record<string, unknown>> };

describe("123: already configured, or no project", () => {
  it("an existing [tool.releasio] without --force exits 0 'already configured' and changes nothing", async () => {
    const repo = TestRepo.create();
    repo.commit("chore: init", {
      files: {
        "pyproject.toml": PYPROJECT("1.0.0", "demo", '\n[tool.releasio]\ndefault_branch = "trunk"\n'),
      },
    });
    const tree = treeSnapshot(repo);
    const r = await initJson(repo.dir, ["--yes", "-x"]);
    expect(r.code).toBe(0);
    expect(r.json.files).toEqual([
      { path: "pyproject.toml", action: "unchanged", content: repo.read("pyproject.toml") },
    ]);
    expect(treeSnapshot(repo)).toEqual(tree);
    const human = await releasio(repo.dir, ["init", "--yes", "-x"], cleanEnv());
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(
      "releasio is already configured in pyproject.toml\n" +
        "--force replaces its releasio configuration and writes the workflows again; the rest of the file is kept\n",
    );
    expect(human.stderr).toBe("");
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("a .releasio.toml counts as configured too", async () => {
    const repo = f0();
    repo.commit("chore: cfg", { files: { ".releasio.toml": 'default_branch = "main"\n' } });
    const r = await initJson(repo.dir, ["--yes", "-x", "--target", "pyproject"]);
    expect(r.json.target).toBe("dotfile");
    expect(r.json.files[0]?.action).toBe("unchanged");
  });

  it("without pyproject.toml, setup.cfg or setup.py it exits 2 and writes nothing", async () => {
    const repo = TestRepo.create();
    repo.commit("chore: init", { files: { "README.md": "hi\n" } });
    const tree = treeSnapshot(repo);
    const r = await releasio(repo.dir, ["init", "--yes", "-x", "--json"], cleanEnv());
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe("E_PROJECT_NOT_FOUND");
    expect(treeSnapshot(repo)).toEqual(tree);
  });
});

describe("init with bad flag values or a bad environment", () => {
  it.each([
    [["--tag-prefix", "rel~"], "--tag-prefix", "version.tag_prefix"],
    [["--branch", ""], "--branch", "default_branch"],
  ])("%j is E_USAGE (exit 2) naming the flag, and nothing is written", async (args, flag, key) => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const r = await releasio(repo.dir, ["init", "--yes", "-x", "--json", ...args], cleanEnv());
    expect(r.code).toBe(2);
    const error = JSON.parse(r.stdout).error;
    expect(error.code).toBe("E_USAGE");
    expect(error.message).toMatch(new RegExp(`^${flag}: '${key.replace(".", "\\.")}' `));
    expect(error.details).toMatchObject({ flag, key });
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("RELEASIO_OFFLINE=maybe is E_CONFIG_ENV; an unknown RELEASIO_ variable is W_UNKNOWN_ENV", async () => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const bad = await releasio(
      repo.dir,
      ["init", "--yes", "--json"],
      cleanEnv({ RELEASIO_OFFLINE: "maybe" }),
    );
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.code).toBe("E_CONFIG_ENV");
    const r = await initJson(repo.dir, ["--yes"], { RELEASIO_VERSON_TAG_PREFIX: "x" });
    expect(r.code).toBe(0);
    expect(r.json.warnings).toEqual([
      expect.objectContaining({
        code: "W_UNKNOWN_ENV",
        message: expect.stringContaining("RELEASIO_VERSION_TAG_PREFIX"),
      }),
    ]);
    const show = await releasio(
      repo.dir,
      ["config", "show", "--json"],
      cleanEnv({ RELEASIO_OFFLINE: "maybe" }),
    );
    expect(show.code).toBe(2);
    expect(JSON.parse(show.stdout).error.code).toBe("E_CONFIG_ENV");
    expect(treeSnapshot(repo)).toEqual(tree);
  });
});

describe("124: init --yes -x", () => {
  it("without -x nothing is written; the files are returned", async () => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const refs = refsSnapshot(repo);
    const r = await initJson(repo.dir, ["--yes"]);
    expect(r.code).toBe(0);
    expect(r.json.dry_run).toBe(true);
    expect(r.json.files.map((f) => [f.path, f.action])).toEqual([
      ["pyproject.toml", "update"],
      [".github/workflows/release.yml", "create"],
    ]);
    expect(treeSnapshot(repo)).toEqual(tree);
    expect(refsSnapshot(repo)).toBe(refs);
    const human = await releasio(repo.dir, ["init", "--yes"], cleanEnv());
    expect(human.stdout).toContain("DRY-RUN: would create .github/workflows/release.yml");
    expect(human.stdout).toContain("+ [tool.releasio]");
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("writes a valid [tool.releasio] and release.yml with plan, release and release-pr", async () => {
    const repo = acme();
    const before = repo.read("pyproject.toml");
    const r = await initJson(repo.dir, ["--yes", "-x", "--branch", "main"]);
    expect(r.code).toBe(0);
    expect(r.json.dry_run).toBe(false);
    const pyproject = repo.read("pyproject.toml");
    expect(pyproject.startsWith(before)).toBe(true);
    const doc = parse(pyproject) as { tool: { releasio: unknown }; project: { name: string } };
    expect(doc.tool.releasio).toEqual({});
    expect(doc.project.name).toBe("demo");
    const wf = parseYaml(repo.read(".github/workflows/release.yml")) as { jobs: Record<string, Job> };
    expect(Object.keys(wf.jobs)).toEqual(["plan", "release", "release-pr"]);
    expect(wf.jobs.release!.permissions).toEqual({ contents: "write", "id-token": "write" });
    expect(wf.jobs["release-pr"]!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    for (const job of Object.values(wf.jobs))
      expect(job.steps[0]).toMatchObject({ with: { "fetch-depth": 0 } });
    // The written configuration loads.
    const shown = await runOk("config-show", repo.dir, ["config", "show"]);
    expect(shown.json.files).toEqual(["pyproject.toml"]);
    // Running it again: already configured.
    const again = await initJson(repo.dir, ["--yes", "-x"]);
    expect(again.json.files.map((f) => f.action)).toEqual(["unchanged"]);
  });

  it("a package module that sets the version becomes a version_files entry that update then keeps in step", async () => {
    const repo = acme();
    repo.commit("chore: package", {
      files: {
        "src/demo/__init__.py": '__version__ = "1.0.0"\n',
        "src/vendored/__init__.py": '__version__ = "3.2.1"\n',
      },
    });
    await initJson(repo.dir, ["--yes", "-x"]);
    const doc = parse(repo.read("pyproject.toml")) as { tool: { releasio: unknown } };
    expect(doc.tool.releasio).toEqual({ version: { version_files: ["src/demo/__init__.py"] } });
    repo.git("add", "-A");
    repo.commit("ci: releasio");
    repo.commit("feat: export");
    await runOk("update", repo.dir, ["update", "-x"]);
    expect(repo.read("src/demo/__init__.py")).toBe('__version__ = "1.1.0"\n');
    expect(repo.read("src/vendored/__init__.py")).toBe('__version__ = "3.2.1"\n');
  });

  it("the wizard asks about detected version modules only, and an empty answer leaves them out", async () => {
    const repo = acme();
    repo.commit("chore: package", { files: { "src/demo/_version.py": '__version__ = "1.0.0"\n' } });
    const asked: string[] = [];
    const answers: Prompter = {
      text: async (q) => {
        asked.push(q.message);
        return q.message.startsWith("Other files that carry the version") ? "" : q.initial;
      },
      confirm: async (q) => q.initial,
      select: async (q) => q.initial,
    };
    const r = await init({
      cwd: repo.dir,
      env: cleanEnv(),
      execute: true,
      ask: (d) => runWizard(d, answers),
    });
    expect(asked.filter((m) => m.startsWith("Other files that carry the version"))).toHaveLength(1);
    expect(r.files[0]?.content).not.toContain("version_files");
    // Without a version module the question is not asked at all.
    const plain = acme();
    const none: string[] = [];
    await init({
      cwd: plain.dir,
      env: cleanEnv(),
      ask: (d) =>
        runWizard(d, {
          ...answers,
          text: async (q) => {
            none.push(q.message);
            return q.initial;
          },
        }),
    });
    expect(none.some((m) => m.startsWith("Other files"))).toBe(false);
  });

  it("flags reach the configuration: dotfile target, token publishing, PR-title workflow", async () => {
    const repo = acme();
    repo.commit("chore: uv", { files: { "uv.lock": "version = 1\n" } });
    await initJson(repo.dir, [
      "--yes",
      "-x",
      "--target",
      "dotfile",
      "--no-trusted-publishing",
      "--tag-prefix",
      "",
      "--pr-title-workflow",
    ]);
    expect(parse(repo.read(".releasio.toml"))).toEqual({
      version: { tag_prefix: "" },
      publish: { tool: "uv", trusted_publishing: false },
    });
    expect(repo.exists(".github/workflows/pr-title.yml")).toBe(true);
    expect(repo.read(".github/workflows/release.yml")).toContain("secrets.PYPI_TOKEN");
  });

  it("--testpypi-snapshots develop: a publish_only channel and testpypi.yml that a snapshot release plans through", async () => {
    const repo = acme();
    const r = await initJson(repo.dir, ["--yes", "-x", "--testpypi-snapshots", "develop"]);
    expect(r.code).toBe(0);
    expect(r.json.files.map((f) => [f.path, f.action])).toEqual([
      ["pyproject.toml", "update"],
      [".github/workflows/release.yml", "create"],
      [".github/workflows/testpypi.yml", "create"],
    ]);
    const doc = parse(repo.read("pyproject.toml")) as { tool: { releasio: unknown } };
    expect(doc.tool.releasio).toEqual({
      branches: {
        develop: { match: "develop", prerelease: true, prerelease_token: "dev", publish_only: true },
      },
    });
    const wf = parseYaml(repo.read(".github/workflows/testpypi.yml")) as {
      on: unknown;
      jobs: Record<string, Job & { environment?: string }>;
    };
    expect(wf.on).toEqual({ push: { branches: ["develop"] } });
    expect(wf.jobs.snapshot!.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(wf.jobs.snapshot!.steps[1]).toMatchObject({
      with: { command: "release" },
      env: { RELEASIO_PUBLISH_REGISTRY: "https://test.pypi.org/legacy/" },
    });
    // On develop the written channel makes `release` a snapshot release (nothing to publish yet here).
    repo.git("add", "-A");
    repo.commit("ci: releasio");
    repo.git("checkout", "-q", "-b", "develop");
    repo.commit("feat: preview");
    const planned = await releasio(repo.dir, ["release", "--json", "--skip-publish"], cleanEnv());
    expect(JSON.parse(planned.stdout).command).toBe("release");
    expect(planned.stdout).toMatch(/\.dev\d+/);
    // doctor, asked about TestPyPI, names the snapshot workflow as the trusted publisher.
    const doctor = await releasio(repo.dir, ["doctor", "--json"], {
      ...cleanEnv(),
      RELEASIO_PUBLISH_REGISTRY: "https://test.pypi.org/legacy/",
    });
    expect(JSON.parse(doctor.stdout).trusted_publishing.expected).toMatchObject({
      workflow: "testpypi.yml",
      environment: "testpypi",
    });
  });

  it("--testpypi-snapshots refuses the release branch, publishing off and GitLab, writing nothing", async () => {
    for (const [args, message] of [
      [["--testpypi-snapshots", "main"], "the snapshot branch 'main' is the release branch"],
      [["--testpypi-snapshots", "develop", "--no-publish"], "publishing is off"],
      [["--testpypi-snapshots", "develop", "--forge", "gitlab"], "GitHub Actions workflow"],
      [["--testpypi-snapshots", "dev branch"], "is not a branch name"],
    ] as const) {
      const repo = acme();
      const before = treeSnapshot(repo);
      const out = await releasio(repo.dir, ["init", "--yes", "-x", ...args], cleanEnv());
      expect(out.code, out.stderr).toBe(2);
      expect(out.stderr).toContain("E_USAGE");
      expect(out.stderr).toContain(message);
      expect(treeSnapshot(repo)).toEqual(before);
    }
  });

  it("GitLab projects get ci/releasio.gitlab-ci.yml", async () => {
    const repo = f0();
    repo.git("remote", "set-url", "origin", "git@gitlab.com:acme/demo.git");
    const r = await initJson(repo.dir, ["--yes", "-x"]);
    expect(r.json.files.map((f) => f.path)).toEqual(["pyproject.toml", "ci/releasio.gitlab-ci.yml"]);
    expect(r.stderr).toContain("include:");
  });
});

describe("125: --force replaces the table in place", () => {
  it("--force --branch develop: the rest of pyproject is byte-identical and valid TOML", async () => {
    const head = `${PYPROJECT("1.0.0")}\n# keep this comment\n[tool.black]\nline-length = 88\n\n`;
    const tail = "\n# trailing comment\n[tool.ruff]\nselect = ['E', \"F\"]   # inline\n";
    const table = '[tool.releasio]\ndefault_branch = "main"\n\n[tool.releasio.publish]\ntool = "uv"\n';
    const repo = TestRepo.create();
    repo.commit("chore: init", { files: { "pyproject.toml": `${head}${table}${tail}` } });
    const r = await initJson(repo.dir, ["--force", "--yes", "--branch", "develop", "-x"]);
    expect(r.code).toBe(0);
    const after = repo.read("pyproject.toml");
    expect(after.startsWith(head)).toBe(true);
    expect(after.endsWith(tail)).toBe(true);
    const doc = parse(after) as { tool: Record<string, unknown> };
    expect(doc.tool.releasio).toEqual({ default_branch: "develop" });
    expect(doc.tool.black).toEqual({ "line-length": 88 });
    expect(doc.tool.ruff).toEqual({ select: ["E", "F"] });
  });
});

describe("126: the wizard's default answers", () => {
  it("Enter at every prompt writes the same files as --yes", async () => {
    const a = acme();
    const b = acme();
    const enter: Prompter = {
      text: async (q) => q.initial,
      confirm: async (q) => q.initial,
      select: async (q) => q.initial,
    };
    const viaYes = await init({ cwd: a.dir, env: cleanEnv(), execute: true });
    const viaWizard = await init({
      cwd: b.dir,
      env: cleanEnv(),
      execute: true,
      ask: (d) => runWizard(d, enter),
    });
    expect(viaWizard.files).toEqual(viaYes.files);
    expect(treeSnapshot(b)).toEqual(treeSnapshot(a));
  });
});

/**
 * Runs `releasio init -x` in a real pseudo-terminal (util-linux `script`) and presses Enter whenever a new prompt
 * is drawn (clack marks the active prompt with ◆); resolves with the number of prompts answered.
 */
function initInPty(cwd: string): Promise<{ code: number | null; prompts: number; output: string }> {
  const entry = join(tempDir(), "entry.mts");
  const main = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
  const loader = fileURLToPath(new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url));
  writeFileSync(
    entry,
    `import { main } from ${JSON.stringify(main)};\nprocess.exitCode = await main(process.argv.slice(2));\n`,
  );
  const command = `stty cols 200 rows 50; exec node --import ${loader} ${entry} init -x`;
  return new Promise((resolve) => {
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      cwd,
      env: { ...cleanEnv(), PATH: process.env.PATH, TERM: "xterm" },
    });
    let output = "";
    let prompts = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const drawn = output.split("\u25c6").length - 1;
      while (prompts < drawn) {
        prompts += 1;
        setTimeout(() => child.stdin.write("\r"), 20);
      }
    });
    // A safety net so a hung prompt fails the test instead of the suite; not a timing assertion.
    const guard = setTimeout(() => child.kill(), 60_000);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, prompts, output });
    });
  });
}

describe("126: in a pseudo-terminal", () => {
  it.skipIf(!existsSync("/usr/bin/script"))(
    "pressing Enter at every prompt writes the same files as --yes",
    async () => {
      const a = acme();
      const b = acme();
      const yes = await initJson(a.dir, ["--yes", "-x"]);
      expect(yes.code).toBe(0);
      const tty = await initInPty(b.dir);
      expect(tty.code, tty.output.slice(-2000)).toBe(0);
      expect(tty.prompts).toBeGreaterThanOrEqual(10);
      expect(treeSnapshot(b)).toEqual(treeSnapshot(a));
    },
    90_000,
  );
});

describe("init --config FILE", () => {
  it("a missing file is E_USAGE 'file not found', exit 2, and nothing is written", async () => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const r = await releasio(
      repo.dir,
      ["init", "--yes", "--no-workflow", "--config", "/nonexistent.toml", "-x", "--json"],
      cleanEnv(),
    );
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({
      code: "E_USAGE",
      message: "--config /nonexistent.toml: file not found",
    });
    const human = await releasio(repo.dir, ["init", "--yes", "--config", "missing.toml"], cleanEnv());
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(
      `error[E_USAGE]: --config ${join(repo.dir, "missing.toml")}: file not found`,
    );
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("an existing custom file counts as configured; --force replaces it in place; --target with it is refused", async () => {
    const repo = acme();
    repo.commit("chore: cfg", { files: { "ci/releasio.toml": 'default_branch = "trunk"\n' } });
    const tree = treeSnapshot(repo);
    const kept = await releasio(
      repo.dir,
      ["init", "--yes", "-x", "--config", "ci/releasio.toml"],
      cleanEnv(),
    );
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^releasio is already configured in ci\/releasio\.toml\n/);
    expect(treeSnapshot(repo)).toEqual(tree);
    const both = await releasio(
      repo.dir,
      ["init", "--yes", "--config", "ci/releasio.toml", "--target", "dotfile"],
      cleanEnv(),
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error[E_USAGE]: --config and --target");
    const forced = await initJson(repo.dir, [
      "--yes",
      "--force",
      "-x",
      "--no-workflow",
      "--branch",
      "develop",
      "--config",
      "ci/releasio.toml",
    ]);
    expect(forced.code).toBe(0);
    expect(forced.json.files.map((f) => [f.path, f.action])).toEqual([["ci/releasio.toml", "update"]]);
    expect(parse(repo.read("ci/releasio.toml"))).toMatchObject({ default_branch: "develop" });
    expect(existsSync(join(repo.dir, ".releasio.toml"))).toBe(false);
    expect(parse(repo.read("pyproject.toml"))).not.toHaveProperty("tool");
  });
});

describe("init with RELEASIO_CONFIG (§5.1)", () => {
  it("uses the file it names as --config would: kept when configured, replaced in place with --force", async () => {
    const repo = acme();
    repo.commit("chore: cfg", { files: { "ci/releasio.toml": 'default_branch = "trunk"\n' } });
    const env = cleanEnv({ RELEASIO_CONFIG: "ci/releasio.toml" });
    const tree = treeSnapshot(repo);
    const kept = await releasio(repo.dir, ["init", "--yes", "-x"], env);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^releasio is already configured in ci\/releasio\.toml\n/);
    expect(treeSnapshot(repo)).toEqual(tree);
    const forced = await releasio(
      repo.dir,
      ["init", "--yes", "--force", "-x", "--no-workflow", "--branch", "develop", "--json"],
      env,
    );
    expect(forced.code).toBe(0);
    expect((forced.json.files as { path: string; action: string }[]).map((f) => [f.path, f.action])).toEqual([
      ["ci/releasio.toml", "update"],
    ]);
    expect(parse(repo.read("ci/releasio.toml"))).toMatchObject({ default_branch: "develop" });
    expect(existsSync(join(repo.dir, ".releasio.toml"))).toBe(false);
  });

  it("a missing file exits 2 naming the variable, and nothing is written", async () => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const r = await releasio(
      repo.dir,
      ["init", "--yes", "--no-workflow", "-x", "--json"],
      cleanEnv({ RELEASIO_CONFIG: "missing.toml" }),
    );
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({
      code: "E_CONFIG_ENV",
      message: `environment variable RELEASIO_CONFIG: file not found; got '${join(repo.dir, "missing.toml")}'`,
    });
    expect(treeSnapshot(repo)).toEqual(tree);
  });

  it("with --target is refused: both say where the configuration lives", async () => {
    const repo = acme();
    repo.commit("chore: cfg", { files: { "ci/releasio.toml": 'default_branch = "trunk"\n' } });
    const tree = treeSnapshot(repo);
    const r = await releasio(
      repo.dir,
      ["init", "--yes", "-x", "--target", "dotfile"],
      cleanEnv({ RELEASIO_CONFIG: "ci/releasio.toml" }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "error[E_USAGE]: RELEASIO_CONFIG and --target both say where the configuration lives",
    );
    expect(r.stderr).toContain("unset RELEASIO_CONFIG");
    expect(treeSnapshot(repo)).toEqual(tree);
  });
});

describe("init() refuses what the CLI refuses", () => {
  it.each([
    ["target", "bogus", "pyproject, dotfile, visible"],
    ["forge", "bitbucket", "github, gitlab"],
  ])("%s %s is E_USAGE naming the allowed values, and nothing is written", async (option, value, allowed) => {
    const repo = acme();
    const tree = treeSnapshot(repo);
    const error = await rejected(
      init({ cwd: repo.dir, env: cleanEnv(), yes: true, execute: true, [option]: value } as InitOptions),
    );
    expect(error.code).toBe("E_USAGE");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`init option '${option}' is "${value}"`);
    expect(error.hint).toBe(`use one of ${allowed}`);
    expect(treeSnapshot(repo)).toEqual(tree);
  });
});

describe("init() options mirror the CLI flags (§10)", () => {
  it("branch, tagPrefix, testpypiSnapshots, yes, target and workflow at the top level", async () => {
    const repo = acme();
    const asked: string[] = [];
    const r = await init({
      cwd: repo.dir,
      env: cleanEnv(),
      yes: true,
      branch: "develop",
      tagPrefix: "release-",
      testpypiSnapshots: "next",
      target: "dotfile",
      workflow: false,
      environment: "none",
      ask: async (d) => {
        asked.push("asked");
        return d;
      },
    });
    expect(asked).toEqual([]);
    expect(r.target).toBe("dotfile");
    expect(r.files.map((f) => f.path)).toEqual([".releasio.toml", ".github/workflows/testpypi.yml"]);
    const config = parse(r.files[0]!.content);
    expect(config).toMatchObject({ default_branch: "develop", version: { tag_prefix: "release-" } });
    expect(config).toHaveProperty(["branches", "next", "publish_only"], true);
    const cli = await initJson(acme().dir, [
      "--yes",
      "--branch",
      "develop",
      "--tag-prefix",
      "release-",
      "--testpypi-snapshots",
      "next",
      "--target",
      "dotfile",
      "--no-workflow",
      "--environment",
      "none",
    ]);
    expect(cli.json.files).toEqual(r.files);
  });

  it("the nested flags of earlier versions still work; a top-level option wins", async () => {
    const r = await init({
      cwd: acme().dir,
      env: cleanEnv(),
      flags: { branch: "trunk", snapshotBranch: "next", workflow: false },
      branch: "develop",
    });
    const config = parse(r.files[0]!.content);
    expect(config).toMatchObject({ tool: { releasio: { default_branch: "develop" } } });
    expect(r.files.map((f) => f.path)).toContain(".github/workflows/testpypi.yml");
  });
});
