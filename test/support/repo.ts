/**
 * A small history DSL over real git: temporary repositories with a bare `origin`, commits with files,
 * annotated tags, branches and merges. Every fixture in the suite is built with it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const created: string[] = [];

/** Removes every directory the suite created (call from afterAll). */
export function cleanupRepos(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function tempDir(prefix = "releasio-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A temporary directory (not a repository) holding `files`, by path. */
export function tempTree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface CommitOptions {
  files?: Record<string, string>;
  author?: { name: string; email: string };
  /** Create a commit even when no file changes. */
  allowEmpty?: boolean;
  /** Author and committer date, in seconds since the epoch, instead of the repository's clock (clock skew). */
  date?: number;
}

export class TestRepo {
  private clock = 1_700_000_000;

  constructor(
    readonly dir: string,
    readonly origin: string | null,
  ) {}

  static create(options: { origin?: boolean; branch?: string } = {}): TestRepo {
    const base = tempDir();
    const dir = join(base, "work");
    mkdirSync(dir);
    let origin: string | null = null;
    if (options.origin !== false) {
      origin = join(base, "origin.git");
      execFileSync("git", ["init", "-q", "--bare", "-b", options.branch ?? "main", origin]);
    }
    execFileSync("git", ["init", "-q", "-b", options.branch ?? "main", dir]);
    const repo = new TestRepo(dir, origin);
    repo.git("config", "user.name", "Test User");
    repo.git("config", "user.email", "test@example.org");
    repo.git("config", "commit.gpgsign", "false");
    repo.git("config", "tag.gpgsign", "false");
    if (origin) repo.git("remote", "add", "origin", origin);
    return repo;
  }

  git(...args: string[]): string {
    const date = `${this.clock} +0000`;
    return execFileSync("git", args, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, LC_ALL: "C" },
      maxBuffer: 1 << 28,
    });
  }

  write(path: string, content: string): this {
    const file = join(this.dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return this;
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), "utf8");
  }

  exists(path: string): boolean {
    return existsSync(join(this.dir, path));
  }

  /** Commits `message`; without files, a unique file is changed so every commit has content. */
  commit(message: string, options: CommitOptions = {}): string {
    this.clock += 60;
    const files =
      options.files ?? (options.allowEmpty ? {} : { [`changes/${this.clock}.txt`]: `${message}\n` });
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.git("add", "-A");
    const args = ["commit", "-q", "--allow-empty", "-F", "-"];
    if (options.author) args.push(`--author=${options.author.name} <${options.author.email}>`);
    const date = `${options.date ?? this.clock} +0000`;
    execFileSync("git", args, {
      cwd: this.dir,
      input: message,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return this.head();
  }

  /** Several commits, oldest first. */
  commits(...messages: string[]): this {
    for (const m of messages) this.commit(m);
    return this;
  }

  /**
   * `count` empty commits on the current branch in one `git fast-import` (thousands of `git commit` runs would take
   * minutes); returns their SHAs, oldest first.
   */
  emptyCommits(count: number, message: (i: number) => string): string[] {
    const parent = this.head();
    const branch = this.git("symbolic-ref", "HEAD").trim();
    let stream = "";
    for (let i = 0; i < count; i += 1) {
      const text = message(i);
      stream += `commit ${branch}\ncommitter Test User <test@example.org> ${1_800_000_000 + i} +0000\n`;
      stream += `data ${Buffer.byteLength(text)}\n${text}\n`;
      if (i === 0) stream += `from ${parent}\n`;
      stream += "\n";
    }
    execFileSync("git", ["fast-import", "--quiet"], { cwd: this.dir, input: stream });
    this.git("reset", "-q", "--hard", branch);
    return this.git("rev-list", "--reverse", `${parent}..HEAD`).trim().split("\n");
  }

  tag(name: string, options: { lightweight?: boolean; at?: string } = {}): this {
    this.clock += 1;
    const args = options.lightweight ? ["tag", name] : ["tag", "-a", name, "-m", `Release ${name}`];
    if (options.at) args.push(options.at);
    this.git(...args);
    return this;
  }

  head(): string {
    return this.git("rev-parse", "HEAD").trim();
  }

  checkout(branch: string, create = false): this {
    this.git("checkout", "-q", ...(create ? ["-b"] : []), branch);
    return this;
  }

  merge(branch: string, message = `Merge branch '${branch}'`): this {
    this.clock += 60;
    this.git("merge", "-q", "--no-ff", "-m", message, branch);
    return this;
  }

  push(...refs: string[]): this {
    this.git("push", "-q", "origin", ...(refs.length ? refs : ["HEAD:refs/heads/main", "--tags"]));
    return this;
  }

  status(): string {
    return this.git("status", "--porcelain");
  }
}

export const PYPROJECT = (version: string, name = "demo", extra = "") =>
  `[project]\nname = "${name}"\nversion = "${version}"\ndescription = "Demo project"\nrequires-python = ">=3.9"\n${extra}`;

/**
 * F0 of the acceptance scenarios: `main`, pyproject demo 1.0.0, a clean tree, an annotated tag v1.0.0 on the
 * last commit, and a bare origin holding it all.
 */
export function f0(options: { version?: string; tag?: string | null; origin?: boolean } = {}): TestRepo {
  const repo = TestRepo.create({ origin: options.origin });
  const version = options.version ?? "1.0.0";
  repo.commit("chore: initial import", {
    files: { "pyproject.toml": PYPROJECT(version), "src/demo/__init__.py": "" },
  });
  const tag = options.tag === undefined ? `v${version}` : options.tag;
  if (tag) repo.tag(tag);
  if (repo.origin) repo.push();
  return repo;
}

/**
 * A directory holding a `git` that answers `git version` with `version` and fails every other command as a git
 * without those options would (exit 129); put it first on PATH.
 */
export function fakeGitDir(version: string): string {
  const dir = tempDir("releasio-fake-git-");
  const script = [
    "#!/bin/sh",
    'for arg in "$@"; do',
    `  if [ "$arg" = version ]; then echo "git version ${version}"; exit 0; fi`,
    "done",
    "echo \"error: unknown option '$1'\" >&2",
    "exit 129",
    "",
  ].join("\n");
  writeFileSync(join(dir, "git"), script, { mode: 0o755 });
  return dir;
}
