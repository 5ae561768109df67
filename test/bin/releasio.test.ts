/** The installed `releasio` executable: its output reaches a slow reader whole, and its exit code is the run's. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, runNodeSync } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

const BIN = join(import.meta.dirname, "..", "..", "bin", "releasio.js");

/** Runs the executable with a reader that takes nothing for `delayMs`, as a slow pipe would. */
function runSlowlyRead(cwd: string, args: string[], delayMs: number) {
  return new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "ignore"],
    });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), delayMs);
    child.stdout.on("data", (b: Buffer) => chunks.push(b));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout: Buffer.concat(chunks).toString("utf8") }));
  });
}

describe("the releasio executable", () => {
  it("hands a slow reader its whole output, far more than a pipe holds, before it exits", async () => {
    const repo = f0({ origin: false });
    const long = "x".repeat(3000);
    for (let i = 0; i < 60; i++) repo.commit(`fix: change ${i} ${long}`);
    const { code, stdout } = await runSlowlyRead(repo.dir, ["check", "--json"], 500);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(4 * 65_536);
    const json = JSON.parse(stdout) as { commits: unknown[]; next_version: string };
    expect(json.commits).toHaveLength(60);
    expect(json.next_version).toBe("1.0.1");
  });

  it("runs the whole-history changelog with its memory setting, and writes nothing to stderr", async () => {
    const repo = f0({ origin: false });
    repo.commits("feat: one", "fix: two");
    repo.tag("v1.1.0");
    const run = runNodeSync([BIN, "changelog", "-o", "-"], repo.dir);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^## \[1\.1\.0\] - \d{4}-\d{2}-\d{2}\n\n### ✨ Features\n\n- one\n/m);
    expect(run.stdout).toContain("## [1.0.0]");
  });

  it("exits with the run's exit code", async () => {
    const repo = f0({ origin: false });
    const { code, stdout } = await runSlowlyRead(
      repo.dir,
      ["check", "--json", "--version", "not-a-version"],
      0,
    );
    expect(code).toBe(2);
    expect((JSON.parse(stdout) as { error: { code: string } }).error.code).toBe("E_VERSION_INVALID");
  });
});
