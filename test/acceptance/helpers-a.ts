/**
 * Shared pieces of the configuration, CLI and version acceptance scenarios: JSON runs validated against the
 * shipped output schemas, small project fixtures, snapshots proving that nothing changed, and a fake index.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as v from "valibot";
import type { HttpFetch } from "../../src/commands/context.js";
import type { Envelope } from "../../src/commands/envelope.js";
import {
  envelopeSchema,
  failureSchema,
  isOutputKind,
  OUTPUT_SCHEMAS,
} from "../../src/commands/output-schemas.js";
import type { ExitCode } from "../../src/core/errors.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { PYPROJECT, TestRepo } from "../support/repo.js";

export type OutputKind = keyof typeof OUTPUT_SCHEMAS;
export type Payload<K extends OutputKind> = v.InferOutput<(typeof OUTPUT_SCHEMAS)[K]>;

export interface JsonRun<T> {
  code: ExitCode;
  stdout: string;
  stderr: string;
  json: T;
}

type Env = Record<string, string | undefined>;

/** stdout must be exactly one JSON object followed by a newline (§3.5). */
function parseSingleObject(stdout: string): Record<string, unknown> {
  if (!stdout.endsWith("}\n")) throw new Error(`stdout is not one JSON object and a newline:\n${stdout}`);
  const value: unknown = JSON.parse(stdout);
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error(`stdout is JSON but not an object:\n${stdout}`);
  return value as Record<string, unknown>;
}

/**
 * Runs `releasio <args> --json` expecting success; the output is validated against the command's schema.
 * A failed run throws with the reported error, so the failing test shows what the product said.
 */
export async function runOk<K extends OutputKind>(
  kind: K,
  cwd: string,
  args: string[],
  env: Env = cleanEnv(),
): Promise<JsonRun<Payload<K>>> {
  const result = await releasio(cwd, [...args, "--json"], env);
  const raw = parseSingleObject(result.stdout);
  if (raw.ok !== true) {
    const error = v.parse(envelopeSchema, raw).error;
    throw new Error(
      `releasio ${args.join(" ")} failed with exit ${result.code}: ${error?.code}: ${error?.message}`,
    );
  }
  const json = v.parse(OUTPUT_SCHEMAS[kind], raw) as Payload<K>;
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, json };
}

/** Runs `releasio <args> --json` expecting failure; the output must be a bare error envelope. */
export async function runFail(
  cwd: string,
  args: string[],
  env: Env = cleanEnv(),
): Promise<JsonRun<Envelope & { error: NonNullable<Envelope["error"]> }>> {
  const result = await releasio(cwd, [...args, "--json"], env);
  const raw = parseSingleObject(result.stdout);
  if (raw.ok !== false) {
    throw new Error(`releasio ${args.join(" ")} succeeded (next_version ${String(raw.next_version)})`);
  }
  // The command's shipped schema when it has one (every payload field null on failure), else the envelope.
  const kind = typeof raw.command === "string" && isOutputKind(raw.command) ? raw.command : null;
  if (kind) v.parse(failureSchema(kind), raw);
  const json = v.parse(envelopeSchema, raw);
  if (json.error === null) throw new Error("a failed run reported error: null");
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    json: { ...json, error: json.error },
  };
}

/** `check --json`, the question most scenarios ask. */
export function checkJson(cwd: string, args: string[] = [], env?: Env) {
  return runOk("check", cwd, ["check", ...args], env);
}

export interface ProjectOptions {
  /** Declared `[project].version`; ignored when `pyproject` is given. */
  version?: string;
  /** The whole pyproject.toml; null = no pyproject.toml at all. */
  pyproject?: string | null;
  /** Other files of the first commit (e.g. `.releasio.toml`, `setup.py`). */
  files?: Record<string, string>;
  /** Tag on the first commit; default `v<version>`, null = no tag. */
  tag?: string | null;
  origin?: boolean;
}

/** A one-commit project like F0, with the configuration committed so the tree stays clean. */
export function project(options: ProjectOptions = {}): TestRepo {
  const repo = TestRepo.create({ origin: options.origin ?? false });
  const version = options.version ?? "1.0.0";
  const files: Record<string, string> = { "src/demo/__init__.py": "", ...options.files };
  if (options.pyproject !== null) files["pyproject.toml"] = options.pyproject ?? PYPROJECT(version);
  repo.commit("chore: initial import", { files });
  const tag = options.tag === undefined ? `v${version}` : options.tag;
  if (tag) repo.tag(tag);
  return repo;
}

/** Every file of the working tree (outside .git) with its content: equal snapshots mean nothing was written. */
export function treeSnapshot(repo: TestRepo): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(repo.dir, path)] = readFileSync(path, "utf8");
    }
  };
  walk(repo.dir);
  return out;
}

/** HEAD, every ref and the index state: equal snapshots mean no commit, tag or branch was created. */
export function refsSnapshot(repo: TestRepo): string {
  return [
    repo.git("rev-parse", "HEAD"),
    repo.git("for-each-ref", "--format=%(refname) %(objectname)"),
    repo.git("status", "--porcelain", "--untracked-files=all"),
  ].join("\n");
}

/** The `[project]` version line of a pyproject.toml. */
export function versionLine(pyproject: string): string | undefined {
  return pyproject.split("\n").find((line) => /^version\s*=/.test(line));
}

/**
 * A PyPI JSON API that knows the given releases of `demo`: 200 for them, 404 for anything else. Every
 * requested URL is recorded.
 */
export function fakeIndex(released: readonly string[]): { fetch: HttpFetch; requests: string[] } {
  const requests: string[] = [];
  const fetch: HttpFetch = async (url) => {
    requests.push(url);
    const known = released.some((v) => url === `https://pypi.org/pypi/demo/${v}/json`);
    return known
      ? new Response(JSON.stringify({ info: { name: "demo" } }), {
          status: 200,
          headers: { "content-type": "application/json" },
        })
      : new Response(JSON.stringify({ message: "Not Found" }), { status: 404 });
  };
  return { fetch, requests };
}

/** The environment of an online run: cleanEnv without RELEASIO_OFFLINE. */
export function onlineEnv(extra: Env = {}): Env {
  const env = cleanEnv(extra);
  delete env.RELEASIO_OFFLINE;
  return env;
}

export function warningCodes(json: { warnings: { code: string }[] }): string[] {
  return json.warnings.map((w) => w.code);
}

/**
 * One repository shared by read-only cases: each case starts its own branch at `from`, so no case sees
 * another's commits and the fixture is built once. Cases must not add tags.
 */
export class CaseBranches {
  private count = 0;

  constructor(
    readonly repo: TestRepo,
    private readonly from: string,
  ) {}

  /** Checks out a fresh branch at `from` and adds `messages` on it, oldest first. */
  start(...messages: string[]): TestRepo {
    this.count += 1;
    this.repo.git("checkout", "-q", "-b", `case-${this.count}`, this.from);
    return this.repo.commits(...messages);
  }
}
