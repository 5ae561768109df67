import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { RESULT_LIMIT_BYTES } from "../../src/action/outputs.js";
import { type ActionIo, runAction } from "../../src/action/run-action.js";
import { SUMMARY_LIMIT_BYTES, SUMMARY_TRUNCATION_NOTE } from "../../src/action/summary.js";
import { checkSchema } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, tempDir } from "../support/repo.js";

afterAll(cleanupRepos);

interface Run {
  code: number;
  log: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the heredoc format of GITHUB_OUTPUT back into values. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

async function act(
  cwd: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const files = tempDir("releasio-action-");
  const output = join(files, "output");
  const summary = join(files, "summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: Record<string, string | undefined> = {
    ...cleanEnv(),
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    ...extraEnv,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  let log = "";
  const io: ActionIo = { env, cwd, log: (t) => (log += t) };
  const code = await runAction(io);
  return {
    code,
    log,
    outputs: parseOutputs(readFileSync(output, "utf8")),
    summary: readFileSync(summary, "utf8"),
  };
}

describe("the GitHub Action", () => {
  it("check sets every output from the JSON result and writes a job summary", async () => {
    const repo = f0();
    repo.commit("feat: add export");
    const run = await act(repo.dir, { command: "check" });
    expect(run.code).toBe(0);
    expect(run.outputs.version).toBe("1.1.0");
    expect(run.outputs.tag).toBe("v1.1.0");
    expect(run.outputs["previous-version"]).toBe("1.0.0");
    expect(run.outputs.released).toBe("false");
    expect(run.outputs["pr-number"]).toBe("");
    expect(run.outputs.valid).toBe("");
    const result = JSON.parse(run.outputs.result!) as Record<string, unknown>;
    expect(result.schema).toBe(1);
    expect(result.next_version).toBe("1.1.0");
    expect(Object.keys(run.outputs).sort()).toEqual(
      [
        "previous-version",
        "pr-number",
        "pr-url",
        "release-url",
        "released",
        "result",
        "tag",
        "valid",
        "version",
      ].sort(),
    );
    expect(run.summary).toContain("## releasio check");
    expect(run.summary).toContain("| demo | 1.0.0 | 1.1.0 | minor | v1.1.0 |");
    expect(run.summary).toContain("### ✨ Features");
  });

  it("keeps the job summary and the result output under GitHub's limits on a long history", async () => {
    const repo = f0();
    const count = 16_000;
    repo.emptyCommits(count, (i) => `feat: feature ${i} — a description long enough to make the entry weigh`);
    const whole = await releasio(repo.dir, ["check", "--json"], cleanEnv());
    const full = v.parse(checkSchema, JSON.parse(whole.stdout));
    expect(Buffer.byteLength(full.changelog)).toBeGreaterThan(SUMMARY_LIMIT_BYTES);
    const run = await act(repo.dir, { command: "check" });
    expect(run.code).toBe(0);
    expect(run.outputs.version).toBe("1.1.0");

    // The summary: the entry cut between entries, the newest first, as in the changelog.
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(run.summary).toContain("| demo | 1.0.0 | 1.1.0 | minor | v1.1.0 |");
    expect(run.summary).toContain(`\n\n${SUMMARY_TRUNCATION_NOTE}\n`);
    const items = run.summary.split("\n").filter((l) => l.startsWith("- feature "));
    expect(items.length).toBeGreaterThan(1000);
    expect(items.length).toBeLessThan(count);
    const all = full.changelog.split("\n").filter((l) => l.startsWith("- feature "));
    expect(items).toEqual(all.slice(0, items.length));

    // The result output: under 1 MB, still a valid check result, saying what it left out.
    expect(Buffer.byteLength(run.outputs.result!)).toBeLessThanOrEqual(RESULT_LIMIT_BYTES);
    const result = v.parse(checkSchema, JSON.parse(run.outputs.result!));
    expect(result).toMatchObject({ next_version: "1.1.0", tag: "v1.1.0", bump: "minor" });
    expect(result.commits).toEqual([]);
    expect(result.changelog.length).toBeLessThan(full.changelog.length);
    expect(full.changelog.startsWith(result.changelog.slice(0, result.changelog.lastIndexOf("\n\n")))).toBe(
      true,
    );
    const warning = result.warnings.find((w) => w.code === "W_RESULT_TRUNCATED");
    expect(warning?.message).toContain("0 of its 16000 commits and its changelog text cut between entries");
    expect(run.log).toContain(
      "::warning title=W_RESULT_TRUNCATED::the result output holds 0 of its 16000 commits",
    );
  });

  it("executes by default and previews with dry-run: 'true'", async () => {
    const repo = f0();
    repo.commit("fix: handle null");
    const preview = await act(repo.dir, { command: "update", "dry-run": "true" });
    expect(preview.code).toBe(0);
    expect(readFileSync(join(repo.dir, "pyproject.toml"), "utf8")).toContain('version = "1.0.0"');
    expect(preview.summary).toContain("DRY RUN");
    const executed = await act(repo.dir, { command: "update" });
    expect(executed.code).toBe(0);
    expect(readFileSync(join(repo.dir, "pyproject.toml"), "utf8")).toContain('version = "1.0.1"');
    expect(executed.summary).toContain("EXECUTED");
  });

  it("an unknown command fails before anything runs and lists the valid ones", async () => {
    const repo = f0();
    const run = await act(repo.dir, { command: "bogus" });
    expect(run.code).toBe(2);
    expect(run.log).toMatch(
      /^::error title=E_USAGE::input 'command' must be one of check, update, release-pr/m,
    );
    expect(run.outputs.released).toBe("false");
    expect(JSON.parse(run.outputs.result!).error.code).toBe("E_USAGE");
  });

  it("a malformed boolean input fails naming the input", async () => {
    const repo = f0();
    const run = await act(repo.dir, { command: "check", "dry-run": "maybe" });
    expect(run.code).toBe(2);
    expect(run.log).toContain("input 'dry-run' must be 'true', 'false' or empty; got 'maybe'");
  });

  it("contradicting dry-run and execute inputs fail", async () => {
    const repo = f0();
    const run = await act(repo.dir, { command: "update", "dry-run": "false", execute: "false" });
    expect(run.code).toBe(2);
    expect(run.log).toContain("contradict each other");
  });

  it("retired inputs are accepted with a notice", async () => {
    const repo = f0();
    const run = await act(repo.dir, { command: "check", "python-version": "3.12" });
    expect(run.code).toBe(0);
    expect(run.log).toContain("::notice::input 'python-version' is no longer used");
  });

  it("tokens are masked before any other output and never printed", async () => {
    const repo = f0();
    repo.commit("feat: x");
    const run = await act(repo.dir, {
      command: "check",
      "github-token": "ghs_secretvalue123456",
      "pypi-token": "pypi-AgEIcHlwaS5vcmcsecret",
      json: "true",
    });
    expect(run.code).toBe(0);
    const lines = run.log.split("\n");
    expect(lines[0]).toBe("::add-mask::ghs_secretvalue123456");
    expect(lines[1]).toBe("::add-mask::pypi-AgEIcHlwaS5vcmcsecret");
    const rest = lines.slice(2).join("\n") + run.summary + JSON.stringify(run.outputs);
    expect(rest).not.toContain("ghs_secretvalue123456");
    expect(rest).not.toContain("pypi-AgEIcHlwaS5vcmcsecret");
  });

  it("errors become annotations and the step fails with the command's exit code", async () => {
    const dir = tempDir();
    const run = await act(dir, { command: "check" });
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/::error title=E_NOT_A_REPO::/);
    expect(JSON.parse(run.outputs.result!).error.code).toBe("E_NOT_A_REPO");
    expect(run.summary).toContain("E_NOT_A_REPO");
  });

  it("sets a repository-local bot identity when executing in a repository without one", async () => {
    const repo = f0();
    repo.commit("fix: y");
    repo.git("config", "--unset", "user.name");
    repo.git("config", "--unset", "user.email");
    const home = tempDir();
    const run = await act(
      repo.dir,
      { command: "update" },
      { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: "1" },
    );
    expect(run.code).toBe(0);
    expect(repo.git("config", "--local", "user.name").trim()).toBe("github-actions[bot]");
    expect(repo.git("config", "--local", "user.email").trim()).toBe(
      "41898282+github-actions[bot]@users.noreply.github.com",
    );
  });
});

describe("the bundled action", () => {
  const bundle = join(import.meta.dirname, "..", "..", "dist", "action", "index.js");

  it("action.yml runs the committed bundle on node24", () => {
    const yml = readFileSync(join(import.meta.dirname, "..", "..", "action.yml"), "utf8");
    expect(yml).toMatch(/runs:\n {2}using: node24\n {2}main: dist\/action\/index\.js/);
    expect(existsSync(bundle)).toBe(true);
  });

  it("runs standalone, without node_modules, and writes its outputs", () => {
    const repo = f0();
    repo.commit("feat: z");
    const dir = tempDir("releasio-bundle-");
    copyFileSync(bundle, join(dir, "index.mjs"));
    const output = join(dir, "output");
    writeFileSync(output, "");
    const stdout = execFileSync(process.execPath, [join(dir, "index.mjs")], {
      cwd: dir,
      env: {
        ...cleanEnv(),
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_OUTPUT: output,
        INPUT_COMMAND: "check",
      } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    expect(stdout).not.toContain("::error");
    expect(parseOutputs(readFileSync(output, "utf8")).version).toBe("1.1.0");
  });
});
