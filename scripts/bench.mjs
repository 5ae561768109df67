#!/usr/bin/env node
// Benchmarks releasio against git-cliff and raw `git log` on the same synthetic histories, in one run, and
// checks the performance budgets of the product spec (§12). Histories are cached under .bench/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GIT_LOG_FORMAT } from "./bench-git-log-format.mjs";
import {
  CLIFF_CONFIG,
  describeHistory,
  evaluateGoals,
  evaluateReferences,
  failureReason,
  fileDigest,
  fileSize,
  findTimeCommand,
  generateHistory,
  historyDirName,
  historySpecs,
  killCurrentChild,
  locateHistoryScript,
  median,
  parseOptions,
  renderHistoryText,
  renderMarkdown,
  timedRun,
  toolVersion,
  USAGE,
  UsageError,
} from "./bench-lib.mjs";
import { renderUploadText, runUploadBench } from "./bench-upload.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = join(repoRoot, ".bench");
const outDir = join(benchDir, "out");
const releasioBin = join(repoRoot, "bin", "releasio.js");
const floorScript = join(repoRoot, "scripts", "bench-floor.mjs");
const TIMEOUT_MS = 20 * 60 * 1000;

// Forge tokens would let releasio look up usernames over the network; the benchmark measures local work only.
const FORGE_TOKENS = ["GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN"];
// NODE_EXTRA_CA_CERTS makes every Node process read and parse a certificate bundle before its first line
// (about 50 ms on a small machine): a property of the machine's TLS set-up, not of the tools, and no benchmarked
// command opens a TLS connection. Only Node programs pay it, so it is unset for every child alike.
const MACHINE_ONLY = ["NODE_EXTRA_CA_CERTS"];

function childEnv() {
  const env = { ...process.env, NO_COLOR: "1" };
  for (const name of [...FORGE_TOKENS, ...MACHINE_ONLY]) delete env[name];
  return env;
}

/** The machine-only variables that were set here and are unset for the children (reported with the results). */
function unsetForChildren() {
  return MACHINE_ONLY.filter((name) => process.env[name] !== undefined);
}

function locateGitCliff() {
  const os = platform() === "win32" ? "windows" : platform();
  const native = join(repoRoot, "node_modules", `git-cliff-${os}-${process.arch}`, "bin", "git-cliff");
  if (existsSync(native)) return native;
  const wrapper = join(repoRoot, "node_modules", ".bin", "git-cliff");
  if (existsSync(wrapper)) return wrapper;
  throw new Error("git-cliff is not installed: run `npm ci` (it is a devDependency).");
}

function ensureHistory(script, spec) {
  const dir = join(benchDir, historyDirName(spec));
  const metaPath = `${dir}.json`;
  const digest = fileDigest(script);
  if (existsSync(join(dir, ".git"))) {
    const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, "utf8")) : null;
    if (meta && meta.generator_sha256 !== digest) {
      console.warn(
        `warning: ${relative(repoRoot, dir)} was made by another version of make-history.mjs; ` +
          "delete it to regenerate.",
      );
    }
    return dir;
  }
  console.log(`Generating history ${spec.id} into ${relative(repoRoot, dir)} (one-off, cached) …`);
  const start = Date.now();
  generateHistory({ script, dir, spec });
  writeFileSync(
    metaPath,
    `${JSON.stringify({ ...spec, generator: script, generator_sha256: digest }, null, 2)}\n`,
  );
  console.log(`  done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  return dir;
}

// What each command must produce to count as a successful run; a string return is the failure reason,
// an object return carries notes for the report.
const validators = {
  checkJson(stdout) {
    let payload;
    try {
      payload = JSON.parse(stdout);
    } catch (error) {
      return `output is not JSON (${error.message})`;
    }
    if (payload === null || typeof payload !== "object" || !("next_version" in payload)) {
      return "JSON output has no next_version";
    }
    return { note: `next version ${payload.next_version}`, next_version: payload.next_version };
  },
  bumpedVersion(stdout) {
    const version = stdout.trim().split("\n").at(-1) ?? "";
    if (!version) return "printed no version";
    return { note: `next version ${version}`, next_version: version };
  },
  changelogFile(path) {
    if (fileSize(path) === 0) return `wrote no changelog to ${relative(repoRoot, path)}`;
    const entries = (readFileSync(path, "utf8").match(/^## /gm) ?? []).length;
    return { note: `${entries.toLocaleString("en-US")} entries` };
  },
  commitArray(stdout, expected) {
    let commits;
    try {
      commits = JSON.parse(stdout);
    } catch (error) {
      return `output is not JSON (${error.message})`;
    }
    if (!Array.isArray(commits) || commits.length !== expected) {
      return `printed ${Array.isArray(commits) ? commits.length : "no"} commits, not ${expected}`;
    }
    return { note: `${commits.length.toLocaleString("en-US")} commits` };
  },
  nonEmpty(stdout) {
    return stdout.length > 0 ? {} : "printed nothing";
  },
};

function commandsFor(history, cliff, cliffConfig) {
  const prefix = join(outDir, history.id);
  const gitLog = (range) => ["log", "-z", `--format=${GIT_LOG_FORMAT}`, range];
  const node = process.execPath;
  const changelogOut = `${prefix}-releasio-changelog.md`;
  const cliffOut = `${prefix}-git-cliff-changelog.md`;
  return [
    {
      // Not part of a goal: shows how much of releasio's time is Node and module loading.
      id: "releasio-startup",
      scope: "startup",
      tool: "releasio",
      command: "releasio --version",
      file: node,
      args: [releasioBin, "--version"],
      validate: (stdout) => validators.nonEmpty(stdout),
    },
    {
      id: "releasio-check",
      scope: "unreleased",
      tool: "releasio",
      command: "releasio check --json",
      file: node,
      args: [releasioBin, "check", "--json"],
      validate: (stdout) => validators.checkJson(stdout),
    },
    {
      // Not part of a goal: the least a Node program does for the same answer (scripts/bench-floor.mjs).
      id: "node-floor",
      scope: "unreleased",
      tool: "node",
      command: `node bench-floor.mjs ${history.last_tag}..HEAD`,
      file: node,
      args: [floorScript, `${history.last_tag}..HEAD`],
      validate: (stdout) => validators.commitArray(stdout, history.unreleased),
    },
    {
      id: "git-log-range",
      scope: "unreleased",
      tool: "git",
      command: `git log -z --format=<fmt> ${history.last_tag}..HEAD`,
      file: "git",
      args: gitLog(`${history.last_tag}..HEAD`),
      validate: (stdout) => validators.nonEmpty(stdout),
    },
    {
      id: "cliff-bumped",
      scope: "unreleased",
      tool: "git-cliff",
      command: "git-cliff --bumped-version --unreleased",
      file: cliff,
      args: ["--config", cliffConfig, "--bumped-version", "--unreleased"],
      validate: (stdout) => validators.bumpedVersion(stdout),
    },
    {
      id: "cliff-unreleased",
      scope: "unreleased",
      tool: "git-cliff",
      command: "git-cliff --unreleased",
      file: cliff,
      args: ["--config", cliffConfig, "--unreleased"],
      validate: (stdout) => validators.nonEmpty(stdout),
    },
    {
      id: "releasio-changelog",
      scope: "full",
      tool: "releasio",
      command: "releasio changelog -o FILE",
      file: node,
      args: [releasioBin, "changelog", "-o", changelogOut],
      output: changelogOut,
      validate: () => validators.changelogFile(changelogOut),
    },
    {
      id: "git-log-full",
      scope: "full",
      tool: "git",
      command: "git log -z --format=<fmt> HEAD",
      file: "git",
      args: gitLog("HEAD"),
      validate: (stdout) => validators.nonEmpty(stdout),
    },
    {
      id: "cliff-full",
      scope: "full",
      tool: "git-cliff",
      command: "git-cliff -o FILE",
      file: cliff,
      args: ["--config", cliffConfig, "-o", cliffOut],
      output: cliffOut,
      slow: true,
      validate: () => validators.changelogFile(cliffOut),
    },
  ];
}

async function runOnce(spec, history, env, timeBin, timeoutMs) {
  const base = join(outDir, `${history.id}-${spec.id}`);
  const paths = { stdoutPath: `${base}.stdout`, stderrPath: `${base}.stderr`, rssPath: `${base}.rss` };
  if (spec.output) rmSync(spec.output, { force: true });
  const run = await timedRun({
    command: spec.file,
    args: spec.args,
    cwd: history.dir,
    env,
    timeBin,
    timeoutMs,
    ...paths,
  });
  if (run.code !== 0) return { ...run, error: failureReason(run, paths.stderrPath) };
  const verdict = spec.validate(readFileSync(paths.stdoutPath, "utf8"));
  if (typeof verdict === "string") return { ...run, error: verdict };
  return { ...run, error: null, verdict };
}

function resultBase(spec) {
  return { id: spec.id, scope: spec.scope, tool: spec.tool, command: spec.command, runs: 0 };
}

function summarize(spec, runs) {
  const seconds = runs.map((run) => run.seconds);
  const rss = runs.map((run) => run.rssMb).filter((value) => value !== null);
  const verdict = runs.at(-1).verdict;
  const note = [verdict.note, spec.slow ? "single run, no warm-up" : null].filter(Boolean).join("; ");
  return {
    ...resultBase(spec),
    status: "ok",
    runs: runs.length,
    median_s: median(seconds),
    times_s: seconds,
    peak_rss_mb: rss.length ? Math.max(...rss) : null,
    note,
    ...(verdict.next_version !== undefined ? { next_version: verdict.next_version } : {}),
  };
}

/** A slow baseline (git-cliff's full changelog): one run, no warm-up, stopped at --slow-timeout. */
async function measureSlow(spec, history, options, env, timeBin) {
  if (options.skipSlow) return { ...resultBase(spec), status: "skipped", note: "--skip-slow" };
  process.stdout.write(`  ${spec.command} … `);
  const run = await runOnce(spec, history, env, timeBin, options.slowTimeout * 1000);
  // A slow baseline that overruns is a figure ("more than S seconds"), not a broken tool.
  if (run.timedOut) return timedOutResult(resultBase(spec), options.slowTimeout);
  if (run.error) return failed(resultBase(spec), run.error);
  const measured = summarize(spec, [run]);
  console.log(`${measured.median_s.toFixed(3)} s`);
  return measured;
}

/**
 * The commands of one history, measured in rounds after one warm-up run each: every round runs each command once,
 * in turn, so that a drift of the machine's speed during the benchmark touches every command alike and the ratios
 * between them stay fair. Slow baselines run once, after the rounds.
 */
async function measureCommands(specs, history, options, env, timeBin) {
  const done = new Map();
  const runs = new Map();
  const fail = (spec, error) => {
    process.stdout.write(`  ${spec.command} … `);
    done.set(spec.id, failed(resultBase(spec), error));
  };
  for (const spec of specs.filter((s) => !s.slow)) {
    const warmUp = await runOnce(spec, history, env, timeBin, TIMEOUT_MS);
    if (warmUp.error) fail(spec, warmUp.error);
    else runs.set(spec.id, []);
  }
  for (let round = 1; round <= options.runs; round++) {
    if (process.stdout.isTTY) process.stdout.write(`  round ${round}/${options.runs}\r`);
    for (const spec of specs) {
      if (!runs.has(spec.id) || done.has(spec.id)) continue;
      const run = await runOnce(spec, history, env, timeBin, TIMEOUT_MS);
      if (run.error) fail(spec, run.error);
      else runs.get(spec.id).push(run);
    }
  }
  for (const spec of specs) {
    if (spec.slow || done.has(spec.id)) continue;
    const measured = summarize(spec, runs.get(spec.id));
    console.log(`  ${spec.command} … ${measured.median_s.toFixed(3)} s`);
    done.set(spec.id, measured);
  }
  for (const spec of specs.filter((s) => s.slow)) {
    done.set(spec.id, await measureSlow(spec, history, options, env, timeBin));
  }
  return specs.map((spec) => done.get(spec.id));
}

function timedOutResult(result, seconds) {
  console.log(`stopped after ${seconds} s`);
  const note = `did not finish within ${seconds} s (--slow-timeout); stopped`;
  return { ...result, status: "timeout", runs: 1, timeout_s: seconds, note };
}

function failed(result, error) {
  console.log(`FAILED: ${error}`);
  return { ...result, status: "failed", error };
}

// With --only, the other history's figures from the previous report of the same size stay in the results, so
// results.md keeps covering both histories.
function previousReport(options) {
  const path = join(benchDir, "results.json");
  if (!existsSync(path)) return null;
  try {
    const previous = JSON.parse(readFileSync(path, "utf8"));
    return previous?.options?.quick === options.quick ? previous : null;
  } catch {
    return null;
  }
}

/** The upload benchmark (PRODUCT.md §12): releasio's uploader against curl -F, same loopback server, same run. */
async function measureUpload(options) {
  console.log(
    `\nUpload: a ${options.uploadSizeMiB} MiB wheel to a loopback index, ${options.runs} round(s) against curl -F`,
  );
  const result = await runUploadBench({
    sizeMiB: options.uploadSizeMiB,
    runs: options.runs,
    log: (line) => console.log(`  ${line}`),
  });
  return { ...result, measured_at: new Date().toISOString() };
}

function keptHistories(options, measured) {
  const path = join(benchDir, "results.json");
  if (!options.only || !existsSync(path)) return [];
  let previous;
  try {
    previous = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return [];
  }
  if (previous?.options?.quick !== options.quick || !Array.isArray(previous.histories)) return [];
  return previous.histories
    .filter((history) => !measured.has(history.id))
    .map((history) => ({
      ...history,
      measured_at: history.measured_at ?? previous.generated_at,
      kept: true,
    }));
}

function machineInfo(cliff, timeBin) {
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    platform: `${platform()} ${release()} ${process.arch}`,
    node: process.version,
    git: toolVersion("git", ["--version"]),
    git_cliff: cliff ? toolVersion(cliff, ["--version"]) : "git-cliff (not used)",
    git_cliff_binary: cliff ? relative(repoRoot, cliff) : null,
    time: timeBin,
    load_average_at_start: loadavg().map((value) => Number(value.toFixed(2))),
    unset_for_children: unsetForChildren(),
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // The upload alone needs neither the history generator nor git-cliff.
  const uploadOnly = options.only === "upload";
  const script = uploadOnly ? null : locateHistoryScript(repoRoot, process.env);
  const cliff = uploadOnly ? null : locateGitCliff();
  if (!existsSync(join(repoRoot, "dist", "cli", "cli.js"))) {
    console.warn(
      "warning: dist/cli/cli.js is missing; run `npm run build` (npm run bench does) — releasio will fail.",
    );
  }
  const timeBin = findTimeCommand();
  if (!timeBin) {
    console.warn(
      "warning: GNU time (/usr/bin/time) is not available, so peak RSS is reported as n/a.\n" +
        "  Install it with `sudo apt-get install time` (Debian/Ubuntu package `time`).",
    );
  }
  mkdirSync(outDir, { recursive: true });
  const cliffConfig = join(benchDir, "cliff.toml");
  writeFileSync(cliffConfig, CLIFF_CONFIG);
  const env = childEnv();
  const machine = machineInfo(cliff, timeBin);
  const specs = historySpecs(options.quick).filter((spec) => !options.only || spec.id === options.only);
  const withUpload = !options.skipUpload && (!options.only || options.only === "upload");
  if (machine.unset_for_children.length > 0) {
    console.log(
      `Unset for every command: ${machine.unset_for_children.join(", ")} (a machine setting, no TLS here).`,
    );
  }
  console.log(
    `releasio benchmark: ${options.runs} round(s) running every command once in turn, after a warm-up; ` +
      "medians reported; " +
      (options.skipSlow ? "git-cliff's full changelog skipped." : "git-cliff's full changelog runs once."),
  );

  const histories = [];
  for (const spec of specs) {
    const dir = ensureHistory(script, spec);
    const history = {
      id: spec.id,
      description: spec.description,
      dir,
      params: {
        commits: spec.commits,
        unreleased: spec.unreleased,
        tag_every: spec.tagEvery,
        seed: spec.seed,
      },
      ...describeHistory(dir),
    };
    console.log(
      `\nHistory ${spec.id}: ${history.commits} commits, ${history.tags} tags, last tag ${history.last_tag}`,
    );
    const results = await measureCommands(
      commandsFor(history, cliff, cliffConfig),
      history,
      options,
      env,
      timeBin,
    );
    histories.push({
      ...history,
      dir: relative(repoRoot, dir),
      measured_at: new Date().toISOString(),
      results,
      goals: evaluateGoals(results),
      references: evaluateReferences(results),
    });
  }

  const upload = withUpload ? await measureUpload(options) : null;
  const previousUpload = previousReport(options)?.upload ?? null;
  const keptUpload = !upload && previousUpload ? { ...previousUpload, kept: true } : null;

  const kept = keptHistories(options, new Set(histories.map((history) => history.id)));
  const report = {
    generated_at: new Date().toISOString(),
    machine,
    options: {
      quick: options.quick,
      runs: options.runs,
      skip_slow: options.skipSlow,
      slow_timeout_s: options.slowTimeout,
      only: options.only,
      skip_upload: options.skipUpload,
      upload_size_mib: options.uploadSizeMiB,
    },
    git_log_format: GIT_LOG_FORMAT,
    histories: [...histories, ...kept].sort((a, b) => a.id.localeCompare(b.id)),
    upload: upload ?? keptUpload,
  };
  console.log("");
  for (const history of histories) console.log(`${renderHistoryText(history)}\n`);
  if (upload) console.log(`${renderUploadText(upload)}\n`);
  writeFileSync(join(benchDir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(benchDir, "results.md"), renderMarkdown(report));
  console.log(`Results written to ${relative(repoRoot, join(benchDir, "results.json"))} and results.md`);
  for (const history of kept) {
    console.log(`  (history ${history.id} kept from the run of ${history.measured_at})`);
  }

  const failures = histories.flatMap((history) =>
    history.results.filter((result) => result.status === "failed"),
  );
  const missed = [
    ...histories.flatMap((history) => history.goals.filter((goal) => goal.result === "FAIL")),
    ...(upload?.goals.filter((goal) => goal.result === "FAIL") ?? []),
  ];
  if (failures.length || missed.length) {
    console.log(`${failures.length} command(s) failed, ${missed.length} goal(s) missed.`);
    return 1;
  }
  return 0;
}

process.once("SIGINT", () => {
  killCurrentChild();
  process.exit(130);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : `bench: ${error.message}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
