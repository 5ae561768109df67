#!/usr/bin/env node
// Measures the GitHub Action's own start: from spawning `node dist/action/index.js` to its first output line, on
// Node 24 (the action's runtime) when available, for `command: check` on a small repository. Goal: ≤ 1.5 s.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(repoRoot, "dist", "action", "index.js");
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 7);

function node24() {
  try {
    return execFileSync("npx", ["-y", "node@24", "-p", "process.execPath"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return process.execPath;
  }
}

function sampleRepo() {
  const dir = mkdtempSync(join(tmpdir(), "releasio-action-bench-"));
  const git = (...args) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Bench");
  git("config", "user.email", "bench@example.org");
  writeFileSync(join(dir, "pyproject.toml"), '[project]\nname = "demo"\nversion = "1.0.0"\n');
  git("add", ".");
  git("commit", "-qm", "chore: initial import");
  git("tag", "-a", "v1.0.0", "-m", "v1.0.0");
  for (let i = 0; i < 50; i++) {
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "src", `m${i}.py`), `x = ${i}\n`);
    git("add", ".");
    git("commit", "-qm", i % 3 === 0 ? `feat: feature ${i}` : `fix: fix ${i}`);
  }
  return dir;
}

function once(nodeBin, repo) {
  return new Promise((resolveRun, reject) => {
    const output = join(repo, "..", `out-${process.pid}-${Math.random()}`);
    writeFileSync(output, "");
    const started = process.hrtime.bigint();
    let first = null;
    const child = spawn(nodeBin, [bundle], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: repo,
        GITHUB_OUTPUT: output,
        INPUT_COMMAND: "check",
        "INPUT_GITHUB-TOKEN": "ghs_benchtoken",
        RELEASIO_OFFLINE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", () => {
      first ??= process.hrtime.bigint();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const end = process.hrtime.bigint();
      rmSync(output, { force: true });
      if (code !== 0) return reject(new Error(`action exited with ${code}`));
      resolveRun({ first: Number((first ?? end) - started) / 1e9, total: Number(end - started) / 1e9 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const nodeBin = node24();
const version = execFileSync(nodeBin, ["--version"], { encoding: "utf8" }).trim();
const repo = sampleRepo();
await once(nodeBin, repo); // warm the file cache
const samples = [];
for (let i = 0; i < runs; i++) samples.push(await once(nodeBin, repo));
rmSync(dirname(repo) === tmpdir() ? repo : repo, { recursive: true, force: true });
const first = median(samples.map((s) => s.first));
const total = median(samples.map((s) => s.total));
console.log(`GitHub Action start (node ${version}, command: check, ${runs} runs, median)`);
console.log(
  `  first output line: ${first.toFixed(3)} s   whole run: ${total.toFixed(3)} s   goal ≤ 1.5 s: ${first <= 1.5 ? "PASS" : "FAIL"}`,
);
