/** The one way releasio runs git: argument arrays, a fixed locale, no prompts, no pager. */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { ReleasioError } from "../../core/errors.js";
import { gitVersionOk, MINIMUM_GIT_VERSION, unusableGitMessage } from "../../core/git/minimum-version.js";
import { redactUrlCredentials } from "../../core/text/redact.js";

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface GitOptions {
  input?: string;
  /** How stdout is decoded: `latin1` keeps one character per byte, so that byte counts in it stay offsets. */
  encoding?: "utf8" | "latin1";
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
  env?: Record<string, string>;
}

// Every output releasio parses: paths unquoted, no colours, commit messages in UTF-8 whatever
// i18n.logOutputEncoding says, and no signature checks (log.showSignature would print gpg's output among them).
const BASE_ARGS = [
  ...["-c", "core.quotepath=off", "-c", "color.ui=false"],
  ...["-c", "i18n.logOutputEncoding=UTF-8", "-c", "log.showSignature=false", "--no-pager"],
];

/**
 * The variables that point git at a repository other than the one its working directory is in. PATH is the git
 * working directory (§3.1): with GIT_DIR inherited, releasio would read another repository's history while writing
 * PATH's files, so neither its git processes nor the hooks it runs in PATH's working tree see them.
 */
export const REPOSITORY_LOCATION_VARIABLES = [
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_COMMON_DIR",
  "GIT_NAMESPACE",
  "GIT_CEILING_DIRECTORIES",
  "GIT_DISCOVERY_ACROSS_FILESYSTEM",
] as const;

/** `env` without the repository-location variables (a copy; `env` itself is left as it is). */
export function withoutRepositoryLocation(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const copy = { ...env };
  for (const name of REPOSITORY_LOCATION_VARIABLES) delete copy[name];
  return copy;
}

export function gitEnv(
  env: Record<string, string | undefined>,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...withoutRepositoryLocation(env),
    LC_ALL: "C",
    LANG: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_OPTIONAL_LOCKS: "0",
    // Output in blocks: releasio reads it as a whole or as a stream, never line by line in conversation, and
    // flushing after every commit means one write by git and one read by releasio per commit.
    GIT_FLUSH: "0",
    ...extra,
  };
}

export class GitRunner {
  constructor(
    readonly cwd: string,
    readonly env: Record<string, string | undefined>,
    /** Receives each git command line before it runs (verbose output). */
    readonly trace: ((line: string) => void) | null = null,
  ) {}

  spawnGit(
    args: readonly string[],
    extraEnv: Record<string, string> = {},
    input: string | null = null,
  ): ChildProcessByStdio<null, Readable, Readable> {
    this.trace?.(`git ${args.map((a) => redactUrlCredentials(a)).join(" ")}`);
    const child = spawn("git", [...BASE_ARGS, ...args], {
      cwd: this.cwd,
      env: gitEnv(this.env, extraEnv),
      stdio: [input === null ? "ignore" : "pipe", "pipe", "pipe"],
      windowsHide: true,
    });
    if (input !== null && child.stdin) {
      // git may exit before reading its input; that is its answer, not a crash of ours.
      child.stdin.on("error", () => {});
      child.stdin.end(input);
    }
    return child as ChildProcessByStdio<null, Readable, Readable>;
  }

  /** Runs git and resolves with its output; a non-zero exit (not in okCodes) rejects with E_GIT. */
  run(args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = this.spawnGit(args, options.env, options.input ?? null);
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      child.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT") {
          reject(
            new ReleasioError(
              "E_GIT_MISSING",
              `git is not usable: it was not found on PATH; releasio needs git >= ${MINIMUM_GIT_VERSION}`,
              {
                hint: "install git and make sure it is on PATH",
              },
            ),
          );
        } else reject(e);
      });
      child.on("close", (code) => {
        const result = {
          stdout: Buffer.concat(out).toString(options.encoding ?? "utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          code: code ?? 1,
        };
        if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
        else this.failure(args, result).then(reject, reject);
      });
    });
  }

  async text(args: readonly string[], options: GitOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout;
  }

  /**
   * Why a git command failed. A git older than releasio supports fails on options it does not know: its version is
   * asked then, so that the error says to upgrade git instead of quoting a usage message. A successful run never
   * pays for the question.
   */
  async failure(args: readonly string[], result: GitResult): Promise<ReleasioError> {
    const failed = gitFailure(args, result);
    const line = await installedVersion(this);
    const { version, ok } = gitVersionOk(line ?? "");
    if (version === null || ok) return failed;
    return new ReleasioError("E_GIT_MISSING", unusableGitMessage(version), {
      hint: `upgrade git to ${MINIMUM_GIT_VERSION} or later`,
      details: { ...failed.details, git_version: version, git_error: failed.message },
    });
  }
}

// The version of the git found on each PATH, asked once per process.
const versions = new Map<string, Promise<string | null>>();

/** `git version`'s answer on the runner's PATH; null when git cannot tell. */
function installedVersion(git: GitRunner): Promise<string | null> {
  const key = git.env.PATH ?? "";
  let version = versions.get(key);
  if (!version) {
    // Spawned directly: a `git version` that failed in turn must not be explained by asking for the version.
    version = new Promise((resolve) => {
      const child = git.spawnGit(["version"]);
      const out: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.resume();
      child.on("error", () => resolve(null));
      child.on("close", (code) => {
        const text = Buffer.concat(out).toString("utf8").trim();
        resolve(code === 0 && text.startsWith("git version ") ? text : null);
      });
    });
    versions.set(key, version);
  }
  return version;
}

export function gitFailure(args: readonly string[], result: GitResult): ReleasioError {
  const lines = result.stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const firstLines = lines.slice(0, 3).join(" | ");
  const shown = args.map((a) => redactUrlCredentials(a)).join(" ");
  const noRemote = /^fatal: '([^']+)' does not appear to be a git repository/m.exec(result.stderr)?.[1];
  return new ReleasioError(
    "E_GIT",
    `git ${shown} failed (exit ${result.code}): ${redactUrlCredentials(firstLines)}`,
    {
      details: { args: args.map((a) => redactUrlCredentials(a)), exit_code: result.code },
      ...(noRemote !== undefined && !noRemote.includes("/") && !noRemote.includes(":")
        ? {
            hint: `add the remote with 'git remote add ${noRemote} <url>', or set git.remote to one that exists`,
          }
        : {}),
    },
  );
}
