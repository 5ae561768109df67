// Helpers for scripts/bench.mjs: options, histories, timed child runs and report rendering.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

export const USAGE = `usage: node scripts/bench.mjs [--quick] [--runs N] [--skip-slow] [--slow-timeout S] [--only A|B|upload]
                          [--skip-upload] [--upload-size-mib N]

  --quick      small histories (20,000 commits, 1,000 unreleased) and a 256 MiB upload, for a smoke run
  --runs N     rounds, each running every command once in turn; medians reported (default 5; one
               warm-up run of each command precedes them);
               also the rounds of the upload benchmark (releasio and curl -F alternately)
  --skip-slow  skip git-cliff's full changelog (minutes on 100,000 commits: its time grows with commits × tags)
  --slow-timeout S
               stop git-cliff's full changelog after S seconds and report it as timed out (default 600)
  --only A|B|upload
               benchmark one history only (A: ~190 tags, B: 5,000 tags), or only the upload
  --skip-upload
               skip the upload benchmark (a wheel uploaded to a loopback index, against curl -F)
  --upload-size-mib N
               size of the uploaded wheel (default 1024, the §12 budget; 256 with --quick)

Environment: RELEASIO_BENCH_HISTORY_SCRIPT overrides the path of make-history.mjs.`;

export class UsageError extends Error {}

export function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        quick: { type: "boolean", default: false },
        runs: { type: "string", default: "5" },
        "skip-slow": { type: "boolean", default: false },
        "slow-timeout": { type: "string", default: "600" },
        only: { type: "string" },
        "skip-upload": { type: "boolean", default: false },
        "upload-size-mib": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  const runs = Number(values.runs);
  if (!/^\d+$/.test(values.runs) || runs < 1) {
    throw new UsageError(`--runs must be a positive integer, got '${values.runs}'`);
  }
  const slowTimeout = Number(values["slow-timeout"]);
  if (!/^\d+$/.test(values["slow-timeout"]) || slowTimeout < 1) {
    throw new UsageError(
      `--slow-timeout must be a positive number of seconds, got '${values["slow-timeout"]}'`,
    );
  }
  const only =
    values.only === undefined
      ? undefined
      : values.only.toLowerCase() === "upload"
        ? "upload"
        : values.only.toUpperCase();
  if (only !== undefined && only !== "A" && only !== "B" && only !== "upload") {
    throw new UsageError(`--only must be A, B or upload, got '${values.only}'`);
  }
  if (only === "upload" && values["skip-upload"]) {
    throw new UsageError("--only upload and --skip-upload contradict each other");
  }
  const uploadSize = values["upload-size-mib"] ?? (values.quick ? "256" : "1024");
  if (!/^\d+$/.test(uploadSize) || Number(uploadSize) < 1) {
    throw new UsageError(`--upload-size-mib must be a positive integer, got '${uploadSize}'`);
  }
  return {
    quick: values.quick,
    runs,
    skipSlow: values["skip-slow"],
    slowTimeout,
    only: only ?? null,
    skipUpload: values["skip-upload"],
    uploadSizeMiB: Number(uploadSize),
    help: values.help,
  };
}

// Both histories share commit counts so the only difference between them is the number of release tags.
export function historySpecs(quick) {
  const commits = quick ? 20_000 : 100_000;
  const unreleased = quick ? 1_000 : 5_000;
  return [
    { id: "A", description: "few releases", commits, unreleased, tagEvery: 500, seed: 1 },
    { id: "B", description: "many releases", commits, unreleased, tagEvery: 19, seed: 1 },
  ];
}

export function historyDirName(spec) {
  return `history-c${spec.commits}-u${spec.unreleased}-t${spec.tagEvery}-s${spec.seed}`;
}

export function locateHistoryScript(repoRoot, env) {
  const override = env.RELEASIO_BENCH_HISTORY_SCRIPT;
  const path = override ? override : join(repoRoot, "..", "shared", "bench", "make-history.mjs");
  if (!existsSync(path)) {
    const origin = override ? "RELEASIO_BENCH_HISTORY_SCRIPT points to" : "expected the history generator at";
    throw new Error(
      `${origin} ${path}, but there is no such file.\n` +
        "Set RELEASIO_BENCH_HISTORY_SCRIPT to the path of make-history.mjs.",
    );
  }
  return path;
}

export function fileDigest(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
}

// Generates into a scratch directory and renames it at the end, so an interrupted run never leaves a
// half-written history that later runs would mistake for a cached one.
export function generateHistory({ script, dir, spec }) {
  const scratch = `${dir}.partial-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  const args = [
    script,
    "--out",
    scratch,
    "--commits",
    String(spec.commits),
    "--unreleased",
    String(spec.unreleased),
    "--tag-every",
    String(spec.tagEvery),
    "--seed",
    String(spec.seed),
  ];
  const result = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(
      `make-history.mjs failed (exit ${result.status ?? result.signal}) for history ${spec.id}`,
    );
  }
  renameSync(scratch, dir);
}

export function gitOutput(cwd, args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${firstErrorLine(result.stderr)}`);
  }
  return result.stdout.trim();
}

export function describeHistory(dir) {
  const tags = gitOutput(dir, ["tag", "--list"]).split("\n").filter(Boolean).length;
  const commits = Number(gitOutput(dir, ["rev-list", "--count", "HEAD"]));
  const lastTag = gitOutput(dir, ["describe", "--tags", "--abbrev=0"]);
  const unreleased = Number(gitOutput(dir, ["rev-list", "--count", `${lastTag}..HEAD`]));
  return { commits, tags, last_tag: lastTag, unreleased };
}

// GNU time is what reports a child's peak RSS; BSD time has no -f, so probe it rather than trust the path.
export function findTimeCommand() {
  const path = "/usr/bin/time";
  if (!existsSync(path)) return null;
  const probe = spawnSync(path, ["-f", "%M", "true"], { encoding: "utf8" });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr) ? path : null;
}

export function toolVersion(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim().split("\n")[0] : "unknown";
}

// The most useful line of a failing tool's stderr: the first one naming an error, else the first non-empty one.
export function firstErrorLine(text) {
  const lines = String(text ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /error/i.test(line)) ?? lines[0] ?? "";
}

let currentChild = null;

export function killCurrentChild() {
  if (currentChild?.pid) {
    try {
      process.kill(-currentChild.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

// Runs one command with stdout and stderr sent to files, timing it from spawn to exit. The child gets its
// own process group so a timeout also stops the command that /usr/bin/time wraps.
export function timedRun({ command, args, cwd, env, stdoutPath, stderrPath, timeBin, rssPath, timeoutMs }) {
  const out = openSync(stdoutPath, "w");
  const err = openSync(stderrPath, "w");
  if (timeBin) rmSync(rssPath, { force: true });
  const [file, argv] = timeBin ? [timeBin, ["-f", "%M", "-o", rssPath, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let timedOut = false;
    const child = spawn(file, argv, { cwd, env, stdio: ["ignore", out, err], detached: true });
    currentChild = child;
    const timer = setTimeout(() => {
      timedOut = true;
      killCurrentChild();
    }, timeoutMs);
    const finish = (code, signal, spawnError) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      clearTimeout(timer);
      currentChild = null;
      closeSync(out);
      closeSync(err);
      resolve({ seconds, code, signal, timedOut, spawnError, rssMb: timeBin ? readRssMb(rssPath) : null });
    };
    child.once("error", (error) => finish(null, null, error));
    child.once("close", (code, signal) => finish(code, signal, null));
  });
}

// GNU time writes "Command exited with non-zero status N" before the figure when the child fails.
function readRssMb(path) {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, "utf8").trim().split("\n");
  const kib = Number(lines.at(-1));
  return Number.isFinite(kib) ? kib / 1024 : null;
}

export function failureReason(run, stderrPath) {
  if (run.spawnError) return `could not start: ${run.spawnError.message}`;
  if (run.timedOut) return "timed out";
  const stderr = existsSync(stderrPath) ? readFileSync(stderrPath, "utf8") : "";
  const line = firstErrorLine(stderr);
  const status = run.signal ? `killed by ${run.signal}` : `exit ${run.code}`;
  return line ? `${status}: ${line}` : status;
}

export function fileSize(path) {
  return existsSync(path) ? statSync(path).size : 0;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// A goal compares a releasio figure with a limit, either directly or as a ratio to a baseline in the same run.
export const GOALS = [
  {
    id: "check_vs_git_cliff_bumped",
    label: "releasio check / git-cliff --bumped-version --unreleased",
    measure: "ratio",
    subject: "releasio-check",
    baseline: "cliff-bumped",
    limit: 0.5,
  },
  {
    id: "changelog_vs_git_log_full",
    label: "releasio changelog / raw git log full",
    measure: "ratio",
    subject: "releasio-changelog",
    baseline: "git-log-full",
    limit: 4,
  },
  {
    id: "changelog_peak_rss",
    label: "releasio changelog peak RSS (MB)",
    measure: "rss",
    subject: "releasio-changelog",
    limit: 250,
  },
];

const goalValue = {
  ratio: (subject, baseline) => subject.median_s / baseline.median_s,
  rss: (subject) => subject.peak_rss_mb,
};

// Ratios shown for context, with no limit: how releasio's check compares with the least a Node program does for the
// same answer, and how that least compares with git-cliff.
export const REFERENCES = [
  {
    id: "check_vs_floor",
    label: "releasio check / node floor",
    subject: "releasio-check",
    baseline: "node-floor",
  },
  {
    id: "floor_vs_git_cliff_bumped",
    label: "node floor / git-cliff --bumped-version --unreleased",
    subject: "node-floor",
    baseline: "cliff-bumped",
  },
];

/** The reference ratios of one history's results; a ratio is null when either side was not measured. */
export function evaluateReferences(results) {
  const byId = new Map(results.map((result) => [result.id, result]));
  return REFERENCES.map(({ id, label, subject, baseline }) => {
    const [a, b] = [byId.get(subject), byId.get(baseline)];
    const value = a?.status === "ok" && b?.status === "ok" ? goalValue.ratio(a, b) : null;
    return { id, label, value };
  });
}

export function evaluateGoals(results) {
  const byId = new Map(results.map((result) => [result.id, result]));
  return GOALS.map((goal) => {
    const subject = byId.get(goal.subject);
    const baseline = goal.baseline ? byId.get(goal.baseline) : null;
    const base = { id: goal.id, label: goal.label, limit: goal.limit, value: null };
    if (!subject || subject.status === "skipped") return { ...base, result: "n/a", why: "not run" };
    if (subject.status === "failed") return { ...base, result: "FAIL", why: "releasio failed" };
    if (baseline && baseline.status !== "ok")
      return { ...base, result: "n/a", why: `${goal.baseline} not measured` };
    const value = goalValue[goal.measure](subject, baseline);
    if (value === null) return { ...base, result: "n/a", why: "peak RSS not available" };
    return { ...base, value, result: value <= goal.limit ? "PASS" : "FAIL", why: null };
  });
}

export const fmt = {
  seconds: (value) => (value === null || value === undefined ? "—" : value.toFixed(3)),
  mb: (value) => (value === null || value === undefined ? "n/a" : value.toFixed(1)),
  ratio: (value) => (value === null ? "—" : value.toFixed(2)),
  int: (value) => value.toLocaleString("en-US"),
};

function goalFigure(goal) {
  if (goal.value === null) return "—";
  return goal.id === "changelog_peak_rss" ? `${fmt.mb(goal.value)} MB` : fmt.ratio(goal.value);
}

function goalLimit(goal) {
  return goal.id === "changelog_peak_rss" ? `≤ ${goal.limit} MB` : `≤ ${goal.limit}`;
}

function resultCells(result) {
  if (result.status === "failed") return ["FAILED", "—", result.error];
  if (result.status === "timeout") return [`> ${result.timeout_s}`, "—", result.note];
  if (result.status === "skipped") return ["skipped", "—", result.note ?? ""];
  return [fmt.seconds(result.median_s), fmt.mb(result.peak_rss_mb), result.note ?? ""];
}

export function renderTextTable(headers, rows, alignRight) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (alignRight.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function renderHistoryText(history) {
  const headers = ["scope", "tool", "command", "median s", "runs", "peak RSS MB", "notes"];
  const rows = history.results.map((result) => {
    const [median_s, rss, note] = resultCells(result);
    return [result.scope, result.tool, result.command, median_s, String(result.runs), rss, note];
  });
  const goals = history.goals.map(
    (goal) =>
      `  ${goal.result.padEnd(4)}  ${goal.label} = ${goalFigure(goal)} (goal ${goalLimit(goal)})` +
      (goal.why ? ` — ${goal.why}` : ""),
  );
  const references = (history.references ?? []).map(
    (reference) => `        ${reference.label} = ${fmt.ratio(reference.value)}`,
  );
  return [
    `History ${history.id} (${history.description}): ${fmt.int(history.commits)} commits, ` +
      `${fmt.int(history.tags)} release tags, ${fmt.int(history.unreleased)} unreleased (last tag ${history.last_tag})`,
    renderTextTable(headers, rows, new Set([3, 4, 5])),
    "Goals:",
    ...goals,
    ...(references.length > 0 ? ["For reference (no goal):", ...references] : []),
  ].join("\n");
}

const mdCell = (text) => String(text).replaceAll("|", "\\|");

export function renderMarkdown(report) {
  const { machine, options } = report;
  const lines = [
    "# releasio benchmark",
    "",
    `Measured by \`npm run bench\` on ${report.generated_at.slice(0, 10)}: ${machine.cpu} (${machine.cores} cores), ` +
      `${machine.platform}, Node ${machine.node}, ${machine.git}, ${machine.git_cliff}. ` +
      `Median of ${options.runs} run(s) after one warm-up run; git-cliff's full changelog runs once. ` +
      `Peak RSS is the child's maximum resident set size${machine.time ? "" : " (not measured: GNU time missing)"}.` +
      (options.quick ? " Quick mode: small histories." : "") +
      (machine.unset_for_children?.length
        ? ` Unset for every command: ${machine.unset_for_children.join(", ")} (it makes each Node start parse a ` +
          "certificate bundle; no command here opens a TLS connection)."
        : ""),
    "",
    `Raw \`git log\` format: \`${report.git_log_format}\`.`,
  ];
  for (const history of report.histories) {
    lines.push(
      "",
      `## History ${history.id}: ${fmt.int(history.commits)} commits, ${fmt.int(history.tags)} release tags, ` +
        `${fmt.int(history.unreleased)} unreleased`,
      "",
      ...(history.kept ? [`Measured in an earlier run (${history.measured_at}).`, ""] : []),
      "| Scope | Tool | Command | Median (s) | Runs | Peak RSS (MB) | Notes |",
      "|---|---|---|---:|---:|---:|---|",
    );
    for (const result of history.results) {
      const [median_s, rss, note] = resultCells(result);
      const cells = [result.scope, result.tool, `\`${result.command}\``, median_s, result.runs, rss, note];
      lines.push(`| ${cells.map(mdCell).join(" | ")} |`);
    }
    lines.push("", "| Goal | Measured | Limit | Result |", "|---|---:|---:|---|");
    for (const goal of history.goals) {
      const result = goal.why ? `${goal.result} (${goal.why})` : goal.result;
      lines.push(`| ${[goal.label, goalFigure(goal), goalLimit(goal), result].map(mdCell).join(" | ")} |`);
    }
    for (const reference of history.references ?? []) {
      lines.push(`| ${mdCell(reference.label)} | ${fmt.ratio(reference.value)} | (reference) | — |`);
    }
  }
  if (report.upload) lines.push("", ...renderUploadMarkdown(report.upload));
  return `${lines.join("\n")}\n`;
}

/** The upload section of results.md (figures from scripts/bench-upload.mjs `runUploadBench`). */
function renderUploadMarkdown(upload) {
  const mibs = (value) => (value === null ? "—" : value.toFixed(1));
  return [
    `## Upload of a ${(upload.size_bytes / 1024 ** 3).toFixed(2)} GiB wheel to a loopback index`,
    "",
    ...(upload.kept ? [`Measured in an earlier run (${upload.measured_at}).`, ""] : []),
    `Median of ${upload.runs} round(s), releasio's uploader and \`curl -F\` alternately, same server and form. ` +
      `The digest pass (sha256 + BLAKE2b-256, before the upload) took ${upload.hash.seconds.toFixed(1)} s ` +
      `(${mibs(upload.hash.mib_s)} MiB/s).`,
    "",
    "| Tool | Median (MiB/s) | Peak RSS (MB) |",
    "|---|---:|---:|",
    `| releasio | ${mibs(upload.releasio.median_mib_s)} | ${fmt.mb(upload.releasio.peak_rss_mb)} |`,
    `| curl -F | ${mibs(upload.curl.median_mib_s)} | ${fmt.mb(upload.curl.peak_rss_mb)} |`,
    "",
    "| Goal | Measured | Limit | Result |",
    "|---|---:|---:|---|",
    ...upload.goals.map((goal) =>
      goal.id === "upload_vs_curl"
        ? `| ${goal.label} | ${(goal.value * 100).toFixed(0)} % | ≥ ${goal.limit * 100} % | ${goal.result} |`
        : `| ${goal.label} | ${fmt.mb(goal.value)} MB | ≤ ${goal.limit} MB | ${goal.result} |`,
    ),
  ];
}

export const CLIFF_CONFIG = `# Minimal git-cliff configuration for the benchmark: conventional commits, grouped by type.
[changelog]
header = "# Changelog\\n\\n"
body = """
{% if version %}\\
## [{{ version | trim_start_matches(pat="v") }}] - {{ timestamp | date(format="%Y-%m-%d") }}
{% else %}\\
## [Unreleased]
{% endif %}\\
{% for group, commits in commits | group_by(attribute="group") %}
### {{ group | upper_first }}
{% for commit in commits %}
- {% if commit.scope %}**{{ commit.scope }}:** {% endif %}{{ commit.message | upper_first }}\\
{% endfor %}
{% endfor %}\\n
"""
footer = ""
trim = true

[git]
conventional_commits = true
filter_unconventional = false
split_commits = false
commit_parsers = [
  { message = "^feat", group = "Features" },
  { message = "^fix", group = "Bug Fixes" },
  { message = "^perf", group = "Performance" },
  { message = "^refactor", group = "Refactor" },
  { message = "^doc", group = "Documentation" },
  { message = ".*", group = "Other" },
]
filter_commits = false
tag_pattern = 'v[0-9]+\\.[0-9]+\\.[0-9]+'
sort_commits = "newest"
`;
