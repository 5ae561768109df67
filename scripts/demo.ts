/**
 * A guided tour of releasio, run with `npm run demo` (pass --keep to keep the temporary directory).
 *
 * Part 1 builds a sample Python project with a conventional-commit history and runs `check`, `check --verbose`,
 * `update` (dry run), `update --execute` and `changelog` offline.
 *
 * Part 2 shows the whole release loop against local stand-ins (scripts/demo-fakes.ts: GitHub, a PyPI-like index
 * with trusted publishing, the Actions OIDC issuer and Sigstore, all on 127.0.0.1): `check`, `release-pr
 * --execute`, a simulated merge of the release PR, `release --execute` (real sdist and wheel built with
 * /usr/bin/python3 -m build, uploaded with attestations), what the stand-ins saw, and a second `release
 * --execute` that finds nothing left to do. Every releasio run is the built CLI (bin/releasio.js) as a child
 * process; the stand-ins serve from this process meanwhile. No internet is needed.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { count } from "../src/core/text/count.js";
import { type DemoFakes, startDemoFakes } from "./demo-fakes.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, "bin", "releasio.js");
const keep = process.argv.includes("--keep");
/** The build hook: the system Python has `build` and `hatchling` (the first python3 on PATH may not). */
const BUILD = "/usr/bin/python3 -m build --no-isolation --skip-dependency-check --outdir dist .";

/**
 * What part 2 needs that Node does not bring: the system Python with `build` and `hatchling`. Asked before anything
 * runs, so that a missing package is named with its fix instead of failing the tour halfway through a release.
 */
function missingBuildTools(): string | null {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import build, hatchling"], { stdio: "ignore" });
    return null;
  } catch {
    return (
      "the release part builds real distributions with /usr/bin/python3 -m build, which needs the python3-build " +
      "and python3-hatchling packages.\n  Install them (Debian/Ubuntu: sudo apt-get install python3-build " +
      "python3-hatchling) and run `npm run demo` again."
    );
  }
}

const bold = process.stdout.isTTY && process.env.NO_COLOR === undefined;
const say = (text: string) => process.stdout.write(`${text}\n`);
const banner = (text: string) => say(bold ? `\n\x1b[1m━━ ${text}\x1b[0m` : `\n━━ ${text}`);
const heading = (text: string) => say(bold ? `\n\x1b[1;4m${text}\x1b[0m` : `\n== ${text} ==`);

/** A git work tree with a fixed clock, so the history reads the same on every run. */
class Project {
  private clock = 1_735_689_600; // 2025-01-01

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "Demo");
    this.git("config", "user.email", "demo@example.org");
    this.git("config", "commit.gpgsign", "false");
    this.git("config", "tag.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: `${this.clock} +0000`,
        GIT_COMMITTER_DATE: `${this.clock} +0000`,
      },
    });
  }

  write(path: string, content: string): void {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true });
    writeFileSync(join(this.dir, path), content);
  }

  commit(
    message: string,
    files: Record<string, string>,
    author = ["Ada Lovelace", "ada@example.org"],
  ): string {
    this.clock += 3600;
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message, `--author=${author[0]} <${author[1]}>`);
    return this.git("rev-parse", "HEAD").trim();
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), "utf8");
  }
}

/** The environment releasio runs with: nothing inherited that could name a real forge, index or CI. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const keepNames = ["HOME", "LANG", "LC_ALL", "TERM", "TMPDIR", "NO_COLOR", "FORCE_COLOR"];
  const env: NodeJS.ProcessEnv = {
    PATH: (process.env.PATH ?? "")
      .split(":")
      .filter((p) => !p.includes("node_modules"))
      .join(":"),
  };
  for (const name of keepNames) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/**
 * Runs the built CLI as a child process (asynchronously: the stand-ins answer from this process meanwhile).
 * Its stdout is shown and returned; its stderr is shown. A non-zero exit fails the demo.
 */
function releasio(cwd: string, args: string[], env: Record<string, string>): Promise<string> {
  banner(`releasio ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: childEnv(env),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`releasio ${args.join(" ")} exited with ${code}`));
    });
  });
}

/** One step of the tour: a one-line explanation, then the command. */
function step(explanation: string): void {
  say(`\n▶ ${explanation}`);
}

const PYPROJECT = (version: string) =>
  `[project]\nname = "demo"\nversion = "${version}"\ndescription = "A sample project"\nrequires-python = ">=3.9"\ndependencies = ["httpx==1.0.0"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;

/** Part 1: versions, changelog and file updates, offline. */
async function offlineTour(base: string): Promise<void> {
  heading("Part 1: what releasio reads from a conventional-commit history (offline)");
  const p = new Project(join(base, "tour"));
  p.git("remote", "add", "origin", "https://github.com/acme/demo.git");
  const offline = { RELEASIO_OFFLINE: "1" };
  const config = `[version]\nauto_detect_version_files = true\n\n[changelog]\nshow_authors = true\n`;
  p.commit("chore: initial import", {
    ".releasio.toml": config,
    "pyproject.toml": PYPROJECT("1.0.0"),
    "src/demo/__init__.py": '__version__ = "1.0.0"\n',
    "README.md": "# demo\n",
  });
  p.commit("feat: add the greeting API (#1)", { "src/demo/greet.py": "def hello():\n    return 'hi'\n" });
  p.git("tag", "-a", "v1.0.0", "-m", "Release v1.0.0");
  p.commit(
    "fix(api): handle empty names (#4)",
    { "src/demo/greet.py": "def hello(name=''):\n    return 'hi ' + name\n" },
    ["Grace Hopper", "1234+grace@users.noreply.github.com"],
  );
  p.commit("docs: describe the greeting API", { "README.md": "# demo\n\nSay hello.\n" });
  p.commit("feat(cli): add a command-line entry point (#7)", {
    "src/demo/cli.py": "def main():\n    print('hi')\n",
  });
  p.commit("WIP", { "notes.txt": "scratch\n" });
  p.commit("perf: cache greetings\n\nGreetings are computed once per name.", {
    "src/demo/cache.py": "CACHE = {}\n",
  });
  p.commit("chore(deps): bump httpx [skip release]", { "requirements.txt": "httpx==1.0.1\n" });
  say(
    `A sample project with ${p.git("rev-list", "--count", "HEAD").trim()} commits and tag v1.0.0 is in ${p.dir}`,
  );

  step("What would the next release be, and why?");
  await releasio(p.dir, ["check"], offline);
  step("The same with --verbose: also the git commands releasio runs to read the history.");
  await releasio(p.dir, ["check", "--verbose"], offline);
  step("Preview the file changes of the release (a dry run writes nothing).");
  await releasio(p.dir, ["update"], offline);
  step("Write them: version files and CHANGELOG.md.");
  await releasio(p.dir, ["update", "--execute"], offline);
  banner("git diff --stat");
  process.stdout.write(p.git("diff", "--stat"));
  banner("CHANGELOG.md");
  process.stdout.write(p.read("CHANGELOG.md"));
  banner("pyproject.toml version line");
  say(
    p
      .read("pyproject.toml")
      .split("\n")
      .find((l) => l.startsWith("version")) ?? "",
  );
  p.git("add", "-A");
  p.git("commit", "-q", "-m", "chore(release): prepare demo v1.1.0");
  p.git("tag", "-a", "v1.1.0", "-m", "Release v1.1.0");
  step("After tagging v1.1.0 nothing is pending.");
  await releasio(p.dir, ["check"], offline);
  step("The changelog of the latest release.");
  await releasio(p.dir, ["changelog"], offline);
}

/** Part 2: release PR, merge, release and publish against the local stand-ins. */
async function releaseLoop(base: string, started: (f: DemoFakes) => void): Promise<void> {
  heading("Part 2: the whole release loop against local stand-ins of GitHub, PyPI and Sigstore");
  const origin = join(base, "loop", "origin.git");
  mkdirSync(origin, { recursive: true });
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", origin]);
  const p = new Project(join(base, "loop", "work"));
  p.git("remote", "add", "origin", origin);

  const fakes = await startDemoFakes({ bare: origin, project: "demo" });
  started(fakes);
  say("Stand-ins listening on loopback:");
  say(`  GitHub API        ${fakes.urls.githubApi}   (uploads ${fakes.urls.githubUploads})`);
  say(`  package index     ${fakes.urls.registry}   (simple index ${fakes.urls.checkUrl})`);
  say(`  OIDC issuer       ${fakes.issuer.origin}   (trusted publisher: acme/demo, workflow release.yml)`);
  say(`  Fulcio and Rekor  ${fakes.urls.fulcio}`);

  const config = [
    "[hooks]",
    "# the system Python has build and hatchling",
    `build = "${BUILD}"`,
    "",
    "[release]",
    "# attach the built distributions to the GitHub release too",
    'assets = ["dist/*.whl", "dist/*.tar.gz"]',
    "",
    fakes.configToml,
  ].join("\n");
  p.commit("chore: initial import", {
    ".releasio.toml": config,
    ".gitignore": "dist/\n",
    "pyproject.toml": PYPROJECT("1.0.0"),
    "src/demo/__init__.py": "",
    "README.md": "# demo\n",
  });
  p.git("tag", "-a", "v1.0.0", "-m", "Release v1.0.0");
  p.commit("feat: add the greeting API (#2)", { "src/demo/greet.py": "def hello():\n    return 'hi'\n" });
  p.commit(
    "fix(api): handle empty names (#3)",
    { "src/demo/greet.py": "def hello(name=''):\n    return 'hi ' + name\n" },
    ["Grace Hopper", "1234+grace@users.noreply.github.com"],
  );
  p.git("push", "-q", "origin", "HEAD:refs/heads/main", "--tags");
  banner(".releasio.toml (loopback URLs; http is allowed only for loopback hosts)");
  process.stdout.write(config);
  say(`\nThe project is in ${p.dir}, its origin is the bare repository ${origin}.`);

  const forge = fakes.forgeEnv;
  step("Check what is pending, now with the (fake) GitHub API for author lookups.");
  await releasio(p.dir, ["check"], forge);

  step("Open the release PR: bump and changelog on the release branch, pushed to origin, PR created.");
  await releasio(p.dir, ["release-pr", "--execute"], forge);
  const pull = fakes.github.state.pulls[0];
  if (pull === undefined) throw new Error("release-pr created no pull request on the fake GitHub");

  step(`Simulate a maintainer squash-merging PR #${pull.number} (${pull.head} → ${pull.base}) on GitHub.`);
  banner(`git merge --squash origin/${pull.head} && git push origin HEAD:main`);
  p.git("fetch", "-q", "origin", pull.head);
  p.git("merge", "-q", "--squash", "FETCH_HEAD");
  const merge = p.commit(`${pull.title} (#${pull.number})`, {});
  p.git("push", "-q", "origin", "HEAD:refs/heads/main");
  fakes.github.mergePull(pull.number, merge);
  say(`main is now ${merge.slice(0, 12)}; the fake GitHub marks PR #${pull.number} merged with that commit.`);

  const release = { ...forge, ...fakes.actionsEnv };
  step(
    "Release as a GitHub Actions job with id-token: write would: build, tag, draft the GitHub release, " +
      "upload with trusted publishing and attestations, verify, publish.",
  );
  await releasio(p.dir, ["release", "--execute"], release);

  heading("What the stand-ins saw");
  showObservations(fakes, origin);

  step("Run the release again: everything is already done, so nothing is written.");
  const writesBefore = fakes.github.writeCalls().filter((c) => c.path !== "/graphql").length;
  const uploadsBefore = fakes.index.uploads.length;
  const again = await releasio(p.dir, ["release", "--execute"], release);
  const writesAfter = fakes.github.writeCalls().filter((c) => c.path !== "/graphql").length;
  if (!again.includes("demo 1.1.0 is already released"))
    throw new Error("the second release did not report demo 1.1.0 as already released");
  if (writesAfter !== writesBefore || fakes.index.uploads.length !== uploadsBefore)
    throw new Error("the second release wrote to the fake GitHub or uploaded to the fake index");
  say("\nSecond run: status already-released; no GitHub writes, no uploads.");

  if (fakes.github.violations.length > 0)
    throw new Error(`the fake GitHub saw invalid requests:\n${fakes.github.violations.join("\n")}`);
}

function showObservations(fakes: DemoFakes, origin: string): void {
  const { github, index, sigstore } = fakes;
  banner("pull requests");
  for (const p of github.state.pulls)
    say(`#${p.number} ${p.state}${p.merged ? " (merged)" : ""}  ${p.title}  [${p.head} → ${p.base}]`);
  banner("tags on origin");
  process.stdout.write(
    execFileSync(
      "git",
      [
        "--git-dir",
        origin,
        "for-each-ref",
        "--format=%(refname:short) %(if)%(*objectname)%(then)%(*objectname:short) (annotated)%(else)%(objectname:short)%(end)",
        "refs/tags",
      ],
      {
        encoding: "utf8",
      },
    ),
  );
  banner("GitHub releases");
  for (const r of github.state.releases) {
    say(`${r.tag_name}  "${r.name}"  ${r.draft ? "draft" : "published"}, make_latest=${r.make_latest}`);
    for (const a of r.assets) say(`  asset ${a.name}  ${a.size} bytes  sha256 ${a.sha256}`);
    const body = r.body.split("\n");
    say(`  body (${body.length} lines):`);
    for (const line of body.slice(0, 12)) say(`  │ ${line}`);
    if (body.length > 12) say("  │ …");
  }
  banner("files on the index");
  for (const f of index.files)
    say(
      `${f.filename}  sha256 ${f.sha256}  via ${f.uploadedWith}, ${count(f.attestations?.length ?? 0, "attestation")}`,
    );
  banner("trusted publishing and Sigstore");
  say(`ID tokens issued: ${fakes.issuer.issued.map((t) => `aud=${t.audience}`).join(", ") || "none"}`);
  say(
    `Fulcio certificates: ${sigstore.certificates.filter((c) => c.status === 201 || c.status === 200).length}`,
  );
  say(`Rekor entries: ${sigstore.entries.filter((e) => e.status === 201 || e.status === 200).length}`);
  const writes = github.writeCalls().filter((c) => c.path !== "/graphql");
  banner(`GitHub write requests (${writes.length})`);
  for (const c of writes) say(`${c.method} ${c.host}${c.path} → ${c.status}`);
}

async function main(): Promise<number> {
  const missing = missingBuildTools();
  if (missing) {
    process.stderr.write(`demo cannot run: ${missing}\n`);
    return 1;
  }
  const base = mkdtempSync(join(tmpdir(), "releasio-demo-"));
  let fakes: DemoFakes | null = null;
  try {
    await offlineTour(base);
    await releaseLoop(base, (f) => {
      fakes = f;
    });
    heading("Done");
    say("Every step ran the built CLI against loopback stand-ins; nothing left this machine.");
    return 0;
  } catch (error) {
    process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await (fakes as DemoFakes | null)?.close();
    if (keep) say(`\nThe projects are kept in ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
}

process.exitCode = await main();
