/**
 * Shared fixtures of the commit, changelog and file-safety acceptance scenarios: F0 with extra files and a
 * configuration in its initial commit, JSON runs validated against the shipped output schemas, stub programs on
 * PATH and snapshots of everything a dry run must leave alone.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { delimiter, join } from "node:path";
import * as v from "valibot";
import { type OutputKind, outputSchema } from "../../src/commands/output-schemas.js";
import { type CliResult, cleanEnv, releasio } from "../support/cli.js";
import { PYPROJECT, TestRepo, tempDir } from "../support/repo.js";

/** F0's forge: the local bare origin is treated as GitHub `acme/demo`. */
export const ACME = { RELEASIO_GITHUB_OWNER: "acme", RELEASIO_GITHUB_REPO: "demo" } as const;

export const DEFAULT_HEADER =
  "# Changelog\n\nAll notable changes to this project are documented in this file.\n";

/** The scenarios' environment: offline, no forge token, F0's GitHub identity, plus `extra`. */
export function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return cleanEnv({ ...ACME, ...extra });
}

export interface FixtureOptions {
  /** Declared version of the default pyproject (F0: 1.0.0). */
  version?: string;
  /** Release tag on the initial commit; null for none (F0: `v<version>`). */
  tag?: string | null;
  /** Replaces the default pyproject.toml; null leaves the project without one. */
  pyproject?: string | null;
  /** `.releasio.toml` content, committed with the initial import. */
  config?: string;
  /** Further files of the initial import; null leaves out a default one (F0 has `src/demo/__init__.py`). */
  files?: Record<string, string | null>;
  origin?: boolean;
}

/** F0 (§13) whose initial commit also holds `options.config` and `options.files`. */
export function fixture(options: FixtureOptions = {}): TestRepo {
  const repo = TestRepo.create({ origin: options.origin });
  const version = options.version ?? "1.0.0";
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries({ "src/demo/__init__.py": "", ...options.files })) {
    if (content !== null) files[path] = content;
  }
  if (options.pyproject !== null) files["pyproject.toml"] = options.pyproject ?? PYPROJECT(version);
  if (options.config !== undefined) files[".releasio.toml"] = options.config;
  repo.commit("chore: initial import", { files });
  const tag = options.tag === undefined ? `v${version}` : options.tag;
  if (tag) repo.tag(tag);
  if (repo.origin) repo.push();
  return repo;
}

type SchemaName = OutputKind;

/**
 * Runs `releasio <args> --json` and validates the single JSON object against the shipped schema of `schema`
 * (its payload, or on failure the envelope with every payload field null). The exit code and `exit_code`/`ok` must agree.
 */
export async function json(
  cwd: string,
  schema: SchemaName,
  args: string[],
  environment: Record<string, string | undefined> = env(),
): Promise<CliResult> {
  const result = await releasio(cwd, [...args, "--json"], environment);
  if (!result.stdout.endsWith("}\n") || result.stdout.indexOf("\n") !== result.stdout.length - 1) {
    throw new Error(`stdout is not one JSON object:\n${result.stdout}`);
  }
  v.parse(outputSchema(schema), result.json);
  if (result.json.exit_code !== result.code || result.json.ok !== (result.code === 0)) {
    throw new Error(`exit code ${result.code} disagrees with the JSON envelope: ${result.stdout}`);
  }
  return result;
}

export interface JsonCommit {
  sha: string;
  subject: string;
  part: number | null;
  type: string | null;
  scope: string | null;
  description: string;
  breaking: boolean;
  breaking_description: string | null;
  security: boolean;
  bump: string;
  included: boolean;
  reason: string;
  packages: string[];
  pr: number | null;
  author: { name: string; email: string; login: string | null };
}

export function commitsOf(result: CliResult): JsonCommit[] {
  return result.json.commits as JsonCommit[];
}

export function commitBySubject(result: CliResult, subject: string): JsonCommit {
  const found = commitsOf(result).filter((c) => c.subject === subject);
  if (found.length !== 1) throw new Error(`expected one commit '${subject}', found ${found.length}`);
  return found[0]!;
}

export function warningCodes(result: CliResult): string[] {
  return (result.json.warnings as { code: string }[]).map((w) => w.code);
}

export function errorCode(result: CliResult): string | null {
  return (result.json.error as { code: string } | null)?.code ?? null;
}

/** How many `### <title>` headings the entry has. */
export function sectionCount(entry: string, title: string): number {
  return entry.split("\n").filter((line) => line === `### ${title}`).length;
}

/** The `- ` lines of the entry's `### <title>` section (continuation lines excluded), null when absent. */
export function sectionEntries(entry: string, title: string): string[] | null {
  const lines = entry.split("\n");
  const start = lines.indexOf(`### ${title}`);
  if (start < 0) return null;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("#")) break;
    if (line.startsWith("- ")) out.push(line);
  }
  return out;
}

/** Today's date in UTC, as release entries are dated. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The UTC date of a tag as `changelog` dates it: tagger date for annotated tags, else the commit date. */
export function tagDate(repo: TestRepo, tag: string): string {
  const iso = repo.git("for-each-ref", "--format=%(creatordate:iso-strict)", `refs/tags/${tag}`).trim();
  return new Date(iso).toISOString().slice(0, 10);
}

/** A directory of executable shell scripts, for stub programs placed first on PATH. */
export function stubBin(scripts: Record<string, string>): string {
  const dir = join(tempDir("releasio-bin-"), "bin");
  mkdirSync(dir);
  for (const [name, body] of Object.entries(scripts)) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

/**
 * The calls a stub program logged to `calls.log` in its directory, each the lines it wrote followed by a line
 * `--end--`: one array of lines per call, oldest first; none when it never ran.
 */
export function stubCalls(bin: string): string[][] {
  const file = join(bin, "calls.log");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("--end--\n")
    .filter((c) => c !== "")
    .map((c) => c.trimEnd().split("\n"));
}

function holdsProgram(dir: string, names: readonly string[]): boolean {
  return names.some((name) => existsSync(join(dir, name)));
}

/** The scenarios' PATH with `first` prepended and every directory holding one of `hidden` left out. */
export function pathWith(first: string | null, hidden: readonly string[] = []): string {
  const base = (cleanEnv().PATH ?? "").split(delimiter).filter((d) => d !== "" && !holdsProgram(d, hidden));
  return [...(first ? [first] : []), ...base].join(delimiter);
}

/** The repository's HEAD content of `path` (what was committed). */
export function committed(repo: TestRepo, path: string): string {
  return repo.git("show", `HEAD:${path}`);
}

function listFiles(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (rel === ".git") continue;
    if (statSync(join(root, rel)).isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Everything a dry run must not change: every working-tree file with its content, the index, local refs and
 * the bare origin's refs.
 */
export function snapshot(repo: TestRepo): string {
  const files = listFiles(repo.dir).map((f) => `${f}\n${readFileSync(join(repo.dir, f), "utf8")}`);
  const refs = repo.git("for-each-ref", "--format=%(refname) %(objectname)");
  const index = repo.git("ls-files", "--stage");
  const head = repo.git("rev-parse", "HEAD");
  const origin = repo.origin
    ? execFileSync("git", ["for-each-ref", "--format=%(refname) %(objectname)"], {
        cwd: repo.origin,
        encoding: "utf8",
      })
    : "";
  return [head, refs, index, origin, ...files].join("\n---\n");
}
