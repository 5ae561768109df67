#!/usr/bin/env node
// A guided tour: builds a sample Python project with a real conventional-commit history in a temporary
// directory and runs releasio on it — `check`, `check --verbose`, `update` (dry run), `update --execute`,
// and `changelog`. Run with `npm run demo`; pass --keep to keep the directory.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = join(root, "bin", "releasio.js");
const keep = process.argv.includes("--keep");
const dir = mkdtempSync(join(tmpdir(), "releasio-demo-"));
let clock = 1_735_689_600; // 2025-01-01

const git = (...args) =>
  execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_DATE: `${clock} +0000`, GIT_COMMITTER_DATE: `${clock} +0000` },
  });
const write = (path, content) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
};
const commit = (message, files, author = ["Ada Lovelace", "ada@example.org"]) => {
  clock += 3600;
  for (const [path, content] of Object.entries(files)) write(path, content);
  git("add", "-A");
  git("commit", "-q", "-m", message, `--author=${author[0]} <${author[1]}>`);
};
const bold = process.stdout.isTTY && process.env.NO_COLOR === undefined;
const banner = (text) => process.stdout.write(bold ? `\n\x1b[1m━━ ${text}\x1b[0m\n` : `\n━━ ${text}\n`);
const releasio = (...args) => {
  banner(`releasio ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, RELEASIO_OFFLINE: "1" },
  });
  if (r.status !== 0) {
    process.stderr.write(`releasio ${args.join(" ")} exited with ${r.status}\n`);
    process.exit(r.status ?? 1);
  }
};

git("init", "-q", "-b", "main");
git("config", "user.name", "Demo");
git("config", "user.email", "demo@example.org");
git("config", "commit.gpgsign", "false");
git("config", "tag.gpgsign", "false");
git("remote", "add", "origin", "https://github.com/acme/demo.git");

const pyproject = (v) =>
  `[project]\nname = "demo"\nversion = "${v}"\ndescription = "A sample project"\nrequires-python = ">=3.9"\ndependencies = ["httpx==1.0.0"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n`;
const config = `[version]\nauto_detect_version_files = true\n\n[changelog]\nshow_authors = true\n`;
commit("chore: initial import", {
  ".releasio.toml": config,
  "pyproject.toml": pyproject("1.0.0"),
  "src/demo/__init__.py": '__version__ = "1.0.0"\n',
  "README.md": "# demo\n",
});
commit("feat: add the greeting API (#1)", { "src/demo/greet.py": "def hello():\n    return 'hi'\n" });
git("tag", "-a", "v1.0.0", "-m", "Release v1.0.0");
commit(
  "fix(api): handle empty names (#4)",
  { "src/demo/greet.py": "def hello(name=''):\n    return 'hi ' + name\n" },
  ["Grace Hopper", "1234+grace@users.noreply.github.com"],
);
commit("docs: describe the greeting API", { "README.md": "# demo\n\nSay hello.\n" });
commit("feat(cli): add a command-line entry point (#7)", {
  "src/demo/cli.py": "def main():\n    print('hi')\n",
});
commit("WIP", { "notes.txt": "scratch\n" });
commit("perf: cache greetings\n\nGreetings are computed once per name.", {
  "src/demo/cache.py": "CACHE = {}\n",
});
commit("chore(deps): bump httpx [skip release]", { "requirements.txt": "httpx==1.0.1\n" });

process.stdout.write(
  `A sample project with ${git("rev-list", "--count", "HEAD").trim()} commits and tag v1.0.0 is in ${dir}\n`,
);
releasio("check");
releasio("check", "--verbose");
releasio("update");
releasio("update", "--execute");
banner("git diff --stat");
process.stdout.write(git("diff", "--stat"));
banner("CHANGELOG.md");
process.stdout.write(readFileSync(join(dir, "CHANGELOG.md"), "utf8"));
banner("pyproject.toml version line");
process.stdout.write(
  `${readFileSync(join(dir, "pyproject.toml"), "utf8")
    .split("\n")
    .find((l) => l.startsWith("version"))}\n`,
);
git("add", "-A");
git("commit", "-q", "-m", "chore(release): prepare demo v1.1.0");
git("tag", "-a", "v1.1.0", "-m", "Release v1.1.0");
releasio("check");
releasio("changelog");

if (keep) process.stdout.write(`\nThe project is kept in ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
