#!/usr/bin/env node
// Replays a repository's release history through `releasio check --json` (PRODUCT.md §12, scenario 138): for each
// pair of consecutive release tags, at the commit just before the release, does releasio propose the version that
// was released? The source repository is never modified: every run happens in one scratch clone, reused for all
// pairs, whose tags are switched between the two modes with one `git update-ref --stdin` batch per run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const USAGE = `usage: node scripts/replay.mjs --repo DIR [options]

  --repo DIR              git repository whose release history is replayed (read only)
  --config FILE           releasio configuration passed as --config to every run
  --tag-prefix PREFIX     release tag prefix (default "v"; "" for bare versions)
  --mode past|all|both    past: only older release tags present; all: every tag present (default both)
  --limit N               replay only the N most recent release pairs
  --since TAG             replay only the releases after TAG (e.g. when the project adopted its rules)
  --prereleases           also replay pre-releases as targets (run with --prerelease <phase>)
  --release-subject RE    extra regular expression recognising release-commit subjects
  --releasio FILE         releasio entry point (default: bin/releasio.js of this checkout)
  --json FILE             write every pair's details to FILE
  --keep                  keep the scratch clone and print its path
  -h, --help              this text`;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// Subjects of commits that only record a release (version bump, changelog): the release is decided one commit
// earlier, so the replay runs at their first parent.
const RELEASE_SUBJECTS = [
  /^chore(\([^)]*\))?!?:\s*(librarian\s+)?release\b/i, // release-please, python-semantic-release 10
  /^chore\(release\)/i, // releasio, semantic-release
  /^bump(:|\s+version\b)/i, // commitizen, bump2version
  /^release\b/i, // "Release 1.2.3", "release: 1.2.3", "Release api_core 1.2.3"
  /^v?\d+\.\d+\.\d+\S*$/, // python-semantic-release before 10: the subject is the version
];

const PHASES = { a: "a", alpha: "a", b: "b", beta: "b", c: "rc", rc: "rc", pre: "rc", preview: "rc" };
const PHASE_RANK = { a: 0, b: 1, rc: 2 };
const PHASE_TOKEN = { a: "alpha", b: "beta", rc: "rc" };
const VERSION_RE = new RegExp(
  [
    "^v?(?<major>\\d+)\\.(?<minor>\\d+)\\.(?<patch>\\d+)",
    "(?:[-_.]?(?<phase>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<preN>\\d+)?)?",
    "(?:-(?<implicitPost>\\d+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>\\d+)?)?",
    "(?:[-_.]?(?<dev>dev)[-_.]?(?<devN>\\d+)?)?$",
  ].join(""),
  "i",
);
const STATUSES = ["correct", "wrong", "unpredictable", "error"];

class UsageError extends Error {}

/** A PEP 440 version with exactly three release components; SemVer spellings (`1.2.0-beta.1`) included. */
function parseVersion(text) {
  const g = VERSION_RE.exec(text)?.groups;
  if (g === undefined) return null;
  const num = (s) => (s === undefined ? 0 : Number(s));
  const release = [num(g.major), num(g.minor), num(g.patch)];
  const pre = g.phase === undefined ? null : { phase: PHASES[g.phase.toLowerCase()], n: num(g.preN) };
  const post =
    g.implicitPost !== undefined ? num(g.implicitPost) : g.post !== undefined ? num(g.postN) : null;
  const dev = g.dev === undefined ? null : num(g.devN);
  const canonical =
    release.join(".") +
    (pre ? `${pre.phase}${pre.n}` : "") +
    (post === null ? "" : `.post${post}`) +
    (dev === null ? "" : `.dev${dev}`);
  return { release, pre, post, dev, canonical };
}

function isFinal(v) {
  return v.pre === null && v.dev === null;
}

/** PEP 440 precedence: `X.devN` < `XaN` < `XbN` < `XrcN` < `X` < `X.postN`. */
function compareVersions(a, b) {
  for (let i = 0; i < 3; i++) if (a.release[i] !== b.release[i]) return a.release[i] - b.release[i];
  const preKey = (v) =>
    v.pre === null && v.post === null && v.dev !== null
      ? [-1, 0]
      : v.pre === null
        ? [3, 0]
        : [PHASE_RANK[v.pre.phase], v.pre.n];
  const keys = (v) => [...preKey(v), v.post ?? -1, v.dev ?? Number.POSITIVE_INFINITY];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

function bumped(v, bump) {
  const [M, m, p] = v.release;
  const table = { major: [M + 1, 0, 0], minor: [M, m + 1, 0], patch: [M, m, p + 1] };
  return table[bump].join(".");
}

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: "string" },
      config: { type: "string" },
      "tag-prefix": { type: "string", default: "v" },
      mode: { type: "string", default: "both" },
      limit: { type: "string" },
      since: { type: "string" },
      prereleases: { type: "boolean", default: false },
      "release-subject": { type: "string", multiple: true, default: [] },
      releasio: { type: "string", default: join(repoRoot, "bin", "releasio.js") },
      json: { type: "string" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  if (values.repo === undefined) throw new UsageError("--repo DIR is required");
  const modes = { past: ["past"], all: ["all"], both: ["past", "all"] }[values.mode];
  if (modes === undefined) throw new UsageError(`--mode must be past, all or both, not '${values.mode}'`);
  const limit = values.limit === undefined ? null : Number(values.limit);
  if (limit !== null && !(Number.isInteger(limit) && limit > 0))
    throw new UsageError("--limit must be a positive integer");
  return {
    repo: resolve(values.repo),
    config: values.config === undefined ? null : resolve(values.config),
    prefix: values["tag-prefix"],
    modes,
    limit,
    since: values.since ?? null,
    prereleases: values.prereleases,
    releaseSubjects: [...RELEASE_SUBJECTS, ...values["release-subject"].map((s) => new RegExp(s))],
    releasio: resolve(values.releasio),
    json: values.json === undefined ? null : resolve(values.json),
    keep: values.keep,
  };
}

function git(cwd, args, input) {
  const r = spawnSync("git", args, {
    cwd,
    input: input ?? "",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0" },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed (exit ${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Every tag of the repository with the object it stores and the commit it peels to (null: not a commit). */
function readTags(cwd) {
  const out = git(cwd, [
    "for-each-ref",
    "--format=%(refname)%00%(objectname)%00%(objecttype)%00%(*objectname)%00%(*objecttype)",
    "refs/tags",
  ]);
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [ref, object, type, peeled, peeledType] = line.split("\0");
      const commit = type === "commit" ? object : peeledType === "commit" ? peeled : null;
      return { ref, name: ref.slice("refs/tags/".length), object, commit };
    });
}

/** Release tags (prefix + version) sorted by precedence; of two spellings of one version, `{prefix}{canonical}`. */
function releaseTags(tags, prefix) {
  const byVersion = new Map();
  for (const tag of tags) {
    if (tag.commit === null || !tag.name.startsWith(prefix)) continue;
    const version = parseVersion(tag.name.slice(prefix.length));
    if (version === null) continue;
    const seen = byVersion.get(version.canonical);
    if (seen === undefined || tag.name === prefix + version.canonical)
      byVersion.set(version.canonical, { ...tag, version });
  }
  return [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version));
}

function commitSubjects(cwd, commits) {
  const out = git(
    cwd,
    ["log", "--no-walk=unsorted", "--stdin", "--format=%H%x00%P%x00%s"],
    `${commits.join("\n")}\n`,
  );
  const map = new Map();
  for (const line of out.split("\n").filter(Boolean)) {
    const [sha, parents, subject] = line.split("\0");
    map.set(sha, { parents: parents.split(" ").filter(Boolean), subject });
  }
  return map;
}

/** The pairs to replay: consecutive targets, each run at the commit just before its release. */
function releasePairs(cwd, tags, opts) {
  const targets = tags
    .filter((t) => opts.prereleases || isFinal(t.version))
    .filter((t) => t.version.post === null);
  const info = commitSubjects(cwd, [...new Set(targets.map((t) => t.commit))]);
  const pairs = [];
  for (let i = 1; i < targets.length; i++) {
    const target = targets[i];
    const { parents, subject } = info.get(target.commit);
    const releaseCommit = parents.length > 0 && opts.releaseSubjects.some((re) => re.test(subject));
    pairs.push({
      previous: targets[i - 1],
      target,
      subject,
      runAt: releaseCommit ? parents[0] : target.commit,
      atParent: releaseCommit,
    });
  }
  let selected = pairs;
  if (opts.since !== null) {
    const since = tags.find((t) => t.name === opts.since);
    if (since === undefined) throw new UsageError(`--since ${opts.since}: no such release tag`);
    selected = selected.filter((p) => compareVersions(p.previous.version, since.version) >= 0);
  }
  return opts.limit === null ? selected : selected.slice(-opts.limit);
}

/** Names of the tags reachable from a commit, read from the source (which keeps every tag), once per pair. */
function reachableTags(cwd, commit) {
  return new Set(
    git(cwd, ["for-each-ref", "--format=%(refname)", "--merged", commit, "refs/tags"]).split("\n"),
  );
}

/** The tags present in a mode: `past` hides the released version and everything above it (and every tag that is
 * not a release tag); `all` keeps every tag except the release's own tags on the commit the run starts from. */
function presentTags(mode, pair, allTags, release, versionOf) {
  const target = pair.target.version;
  if (mode === "past") {
    return new Set(release.filter((t) => compareVersions(t.version, target) < 0).map((t) => t.ref));
  }
  return new Set(
    allTags
      .filter((t) => {
        const v = versionOf.get(t.ref);
        return !(t.commit === pair.runAt && v !== undefined && compareVersions(v, target) >= 0);
      })
      .map((t) => t.ref),
  );
}

/** Brings the scratch clone's tags to exactly `wanted`, in one update-ref transaction. */
function syncTags(scratch, allTags, present, wanted) {
  const lines = [];
  for (const tag of allTags) {
    const want = wanted.has(tag.ref);
    if (want && !present.has(tag.ref)) lines.push(`create ${tag.ref} ${tag.object}`);
    if (!want && present.has(tag.ref)) lines.push(`delete ${tag.ref} ${tag.object}`);
  }
  if (lines.length > 0) git(scratch, ["update-ref", "--stdin"], `${lines.join("\n")}\n`);
  return new Set(wanted);
}

// The runs see only the repository and the configuration: no RELEASIO_* override, no CI or forge variables
// (they would name a branch, a channel or a token), and no network.
function releasioEnv() {
  const kept = Object.entries(process.env).filter(
    ([k]) => !/^(RELEASIO_|GITHUB_|GITLAB_|CI_)/.test(k) && k !== "CI" && k !== "GH_TOKEN",
  );
  return { ...Object.fromEntries(kept), RELEASIO_OFFLINE: "1", NO_COLOR: "1" };
}

function runReleasio(opts, scratch, prereleaseToken) {
  const args = [opts.releasio, "check", "--json"];
  if (opts.config !== null) args.push("--config", opts.config);
  if (prereleaseToken !== null) args.push("--prerelease", prereleaseToken);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: scratch,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: releasioEnv(),
  });
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  let json = null;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = null;
  }
  return { exit: r.status ?? 1, json, stderr: r.stderr ?? "", ms };
}

/** The highest present, reachable release tag a run of this kind may start from (§6.2). */
function expectedPrevious(release, present, reachable, stable) {
  let best = null;
  for (const t of release) {
    if (!present.has(t.ref) || !reachable.has(t.ref)) continue;
    if (stable && !isFinal(t.version)) continue;
    if (best === null || compareVersions(t.version, best.version) > 0) best = t;
  }
  return best;
}

function firstLine(text) {
  return (
    text
      .trim()
      .split("\n")
      .find((l) => l.trim() !== "") ?? ""
  ).slice(0, 200);
}

/** correct / wrong / unpredictable / error, with the reason and the facts behind it. */
function classify(pair, run, previous) {
  const expected = pair.target.version.canonical;
  const j = run.json;
  if (run.exit !== 0 || j === null || j.ok === false) {
    const err = j?.error;
    const note = err
      ? `${err.code}: ${err.message}`
      : `exit ${run.exit}: ${firstLine(run.stderr) || "no JSON output"}`;
    return { status: "error", note };
  }
  const proposed = j.next_version ?? null;
  if (proposed === expected) return { status: "correct", note: "" };
  const expectedTag = previous?.name ?? null;
  if ((j.previous_tag ?? null) !== expectedTag) {
    return {
      status: "wrong",
      note: `previous tag ${j.previous_tag ?? "none"}, expected ${expectedTag ?? "none"}`,
    };
  }
  const commits = j.commits ?? [];
  const releasable = commits.filter((c) => c.bump !== "none");
  if (commits.length === 0) return { status: "unpredictable", note: "no commit since the previous release" };
  if (releasable.length === 0) {
    const types = [...new Set(commits.map((c) => c.type ?? c.reason))].join(", ");
    return { status: "unpredictable", note: `no releasable commit (${commits.length}: ${types})` };
  }
  if (previous !== null && isFinal(pair.target.version)) {
    const bumps = ["patch", "minor", "major"].map((b) => bumped(previous.version, b));
    if (!bumps.includes(expected)) {
      const outside = previous.ref !== pair.previous.ref ? ` (${pair.previous.name} is not an ancestor)` : "";
      return {
        status: "unpredictable",
        note: `${expected} is no bump of ${previous.version.canonical}${outside}`,
      };
    }
  }
  return { status: "wrong", note: `bump ${j.bump}${j.release_reason ? ` (${j.release_reason})` : ""}` };
}

/** A `Release-As: X` footer in the range forces the version (release-please): worth naming in a wrong case. */
function releaseAsFooter(cwd, pair, previous) {
  const range = previous === null ? [pair.runAt] : [`${previous.commit}..${pair.runAt}`];
  const out = git(cwd, ["log", "-z", "--format=%h%x00%B", ...range, "--"]);
  const fields = out.split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const m = /^Release-As:\s*(\S+)/im.exec(fields[i + 1]);
    if (m !== null) return `Release-As: ${m[1]} in ${fields[i].trim()}`;
  }
  return null;
}

function detailOf(pair, mode, run, previous, verdict) {
  const j = run.json ?? {};
  const commits = (j.commits ?? []).map((c) => ({
    sha: c.short_sha ?? c.sha,
    subject: c.subject,
    type: c.type,
    bump: c.bump,
    reason: c.reason,
  }));
  return {
    mode,
    previous: pair.previous.name,
    target: pair.target.name,
    expected: pair.target.version.canonical,
    proposed: j.next_version ?? null,
    status: verdict.status,
    note: verdict.note,
    run_at: pair.runAt,
    run_at_parent: pair.atParent,
    tagged_subject: pair.subject,
    expected_previous_tag: previous?.name ?? null,
    previous_tag: j.previous_tag ?? null,
    bump: j.bump ?? null,
    release_reason: j.release_reason ?? null,
    exit_code: run.exit,
    releasio_version: j.releasio_version ?? null,
    error: j.error ?? null,
    warnings: (j.warnings ?? []).map((w) => w.code),
    releasable: commits.filter((c) => c.bump !== "none"),
    commit_count: commits.length,
    commits: verdict.status === "correct" ? undefined : commits,
    ms: run.ms,
  };
}

function summarize(details) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, details.filter((d) => d.status === s).length]));
  const decided = counts.correct + counts.wrong;
  return { pairs: details.length, ...counts, score: decided === 0 ? null : counts.correct / decided };
}

function percent(score) {
  return score === null ? "n/a" : `${(score * 100).toFixed(1)} %`;
}

function table(details) {
  const rows = details.map((d) => [
    `${d.previous} → ${d.target}`,
    d.run_at.slice(0, 9) + (d.run_at_parent ? "^" : ""),
    d.proposed ?? "none",
    d.status,
    d.note,
  ]);
  const head = ["release", "run at", "proposed", "status", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)].join("\n");
}

function summaryLine(mode, s) {
  return (
    `${mode}: ${s.pairs} pairs, ${s.correct} correct, ${s.wrong} wrong, ${s.unpredictable} unpredictable, ` +
    `${s.error} error — score ${percent(s.score)} (correct / (correct + wrong))`
  );
}

function main(argv) {
  const opts = options(argv);
  if (opts === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  git(opts.repo, ["rev-parse", "--git-dir"]);
  const scratchRoot = mkdtempSync(join(tmpdir(), "releasio-replay-"));
  const scratch = join(scratchRoot, "repo");
  const cleanup = () => {
    if (!opts.keep) rmSync(scratchRoot, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    git(scratchRoot, ["clone", "--no-local", "--quiet", "--no-checkout", opts.repo, scratch]);
    git(scratch, ["config", "advice.detachedHead", "false"]);
    // A clone gets every tag of the source; fetching them again covers tags the clone did not follow.
    git(scratch, ["fetch", "--quiet", "--no-tags", "origin", "+refs/tags/*:refs/tags/*"]);
    const allTags = readTags(scratch);
    const release = releaseTags(allTags, opts.prefix);
    const pairs = releasePairs(scratch, release, opts);
    process.stderr.write(
      `${opts.repo}: ${allTags.length} tags, ${release.length} release tags with prefix '${opts.prefix}', ` +
        `${pairs.length} pairs, modes ${opts.modes.join("+")}\n`,
    );
    const versionOf = new Map(release.map((t) => [t.ref, t.version]));
    let present = new Set(allTags.map((t) => t.ref));
    const details = Object.fromEntries(opts.modes.map((m) => [m, []]));
    const started = Date.now();
    // Mode by mode, pairs in version order: consecutive runs then differ by a few tags and a few files only.
    const reachable = new Map();
    for (const mode of opts.modes) {
      pairs.forEach((pair, index) => {
        git(scratch, ["checkout", "--quiet", "--force", "--detach", pair.runAt]);
        if (!reachable.has(pair.runAt)) reachable.set(pair.runAt, reachableTags(opts.repo, pair.runAt));
        const pre = pair.target.version.pre;
        const token = pre !== null ? PHASE_TOKEN[pre.phase] : pair.target.version.dev !== null ? "dev" : null;
        const wanted = presentTags(mode, pair, allTags, release, versionOf);
        present = syncTags(scratch, allTags, present, wanted);
        const run = runReleasio(opts, scratch, token);
        const previous = expectedPrevious(release, wanted, reachable.get(pair.runAt), token === null);
        const verdict = classify(pair, run, previous);
        if (verdict.status === "wrong") {
          const footer = releaseAsFooter(opts.repo, pair, previous);
          if (footer !== null) verdict.note += `; ${footer}`;
        }
        details[mode].push(detailOf(pair, mode, run, previous, verdict));
        if ((index + 1) % 50 === 0) process.stderr.write(`  ${mode}: ${index + 1}/${pairs.length} pairs\n`);
      });
    }
    const elapsed = (Date.now() - started) / 1000;
    const summaries = {};
    for (const mode of opts.modes) {
      summaries[mode] = summarize(details[mode]);
      process.stdout.write(
        `\n== mode ${mode} (${mode === "past" ? "future tags hidden" : "every tag present"})\n`,
      );
      process.stdout.write(`${table(details[mode])}\n`);
    }
    process.stdout.write("\n");
    for (const mode of opts.modes) process.stdout.write(`${summaryLine(mode, summaries[mode])}\n`);
    process.stdout.write(`${pairs.length * opts.modes.length} releasio runs in ${elapsed.toFixed(1)} s\n`);
    if (opts.json !== null) {
      const sample = Object.values(details).flat()[0];
      const report = {
        repo: opts.repo,
        source_head: git(opts.repo, ["rev-parse", "HEAD"]).trim(),
        config: opts.config,
        since: opts.since,
        tag_prefix: opts.prefix,
        prereleases: opts.prereleases,
        releasio: opts.releasio,
        releasio_version: sample?.releasio_version ?? null,
        release_tags: release.length,
        elapsed_seconds: elapsed,
        summary: summaries,
        pairs: details,
      };
      writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    if (opts.keep) process.stderr.write(`scratch clone kept at ${scratch}\n`);
    return 0;
  } finally {
    cleanup();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error?.code?.startsWith?.("ERR_PARSE_ARGS")) {
    process.stderr.write(`replay: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
