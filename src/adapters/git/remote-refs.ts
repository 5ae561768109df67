/**
 * Talking to the remote through git: fetch, ls-remote and push. A forge token reaches git only through
 * environment-provided configuration for the single command (GIT_CONFIG_COUNT), never through a file on disk.
 */
import { ReleasioError } from "../../core/errors.js";
import type { GitRunner } from "./run-git.js";

/**
 * Environment that makes git send `Authorization` for https URLs of `host` during one command. Empty for a
 * missing token. GitHub accepts any username with a token (`x-access-token` by convention); GitLab wants
 * `gitlab-ci-token` for a CI job token. The header value never appears on a command line, so it cannot leak through process listings.
 */
export function gitAuthEnv(
  token: string | null,
  host: string | null,
  username = "x-access-token",
): Record<string, string> {
  if (!token || !host) return {};
  const basic = Buffer.from(`${username}:${token}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: `http.https://${host}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

/** The SHAs of the given refs on the remote (`refs/tags/v1.1.0`, `refs/heads/main`); missing refs are absent. */
export async function lsRemote(
  git: GitRunner,
  remote: string,
  refs: readonly string[],
  auth: Record<string, string> = {},
): Promise<Map<string, string>> {
  const { stdout } = await git.run(["ls-remote", remote, ...refs], { env: auth });
  const found = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const [sha, ref] = line.split("\t");
    if (!sha || !ref) continue;
    // An annotated tag is listed twice; the peeled `^{}` line names the commit.
    if (ref.endsWith("^{}")) found.set(ref.slice(0, -3), sha);
    else if (!found.has(ref)) found.set(ref, sha);
  }
  return found;
}

/** Fetches refspecs from the remote (with `--tags` when asked), quietly. */
export async function fetchRefs(
  git: GitRunner,
  remote: string,
  refspecs: readonly string[],
  options: { tags?: boolean; auth?: Record<string, string> } = {},
): Promise<void> {
  await git.run(["fetch", "--quiet", ...(options.tags ? ["--tags", "--force"] : []), remote, ...refspecs], {
    env: options.auth ?? {},
  });
}

export interface PushOptions {
  atomic?: boolean;
  /** `refs/heads/x` → the SHA the remote must still have (empty string: must not exist). */
  forceWithLease?: Record<string, string>;
  dryRun?: boolean;
  auth?: Record<string, string>;
  /** The branch being pushed, for the protection hint. */
  branch?: string;
  /** The tag being pushed, for the protected-tag hint. */
  tag?: string;
}

/** Why a push was refused, from the server's words (PRODUCT.md §4.5). */
export type PushRefusal = "protected-branch" | "non-fast-forward" | "protected-tag" | "permission" | "other";

const REFUSALS: [RegExp, PushRefusal][] = [
  [
    /GH006|GH013|protected branch|Changes must be made through a pull request|not allowed to push code to protected branches|pre-receive hook declined/i,
    "protected-branch",
  ],
  [/protected tag|tag .*protected|not allowed to (create|update) (this )?tag/i, "protected-tag"],
  [/non-fast-forward|fetch first|stale info|\(fetch first\)|rejected.*\(stale/i, "non-fast-forward"],
  [/403|permission|denied to|not permitted|Authentication failed|could not read Username/i, "permission"],
];

export function classifyPushRefusal(stderr: string): PushRefusal {
  for (const [pattern, kind] of REFUSALS) if (pattern.test(stderr)) return kind;
  return "other";
}

function refusalHint(kind: PushRefusal, options: PushOptions, remote: string): string | null {
  switch (kind) {
    case "protected-branch":
      return `${options.branch ?? "the branch"} is protected: use the release PR flow (release-pr, then release) or a token/app allowed to bypass the rule`;
    case "non-fast-forward":
      return `${remote}/${options.branch ?? "the branch"} moved; re-run on the new tip`;
    case "protected-tag":
      return `tags matching ${options.tag ?? "the release tag"} are protected for this token`;
    case "permission":
      return "the token cannot push: grant `permissions: contents: write` to the job (or use a token with write access)";
    default:
      return null;
  }
}

/** Pushes refspecs; a refusal becomes E_PUSH_REJECTED with a hint chosen from the server's message. */
export async function push(
  git: GitRunner,
  remote: string,
  refspecs: readonly string[],
  options: PushOptions = {},
): Promise<void> {
  const args = ["push", "--porcelain"];
  if (options.atomic) args.push("--atomic");
  if (options.dryRun) args.push("--dry-run");
  for (const [ref, sha] of Object.entries(options.forceWithLease ?? {}))
    args.push(`--force-with-lease=${ref}:${sha}`);
  args.push(remote, ...refspecs);
  const result = await git.run(args, { env: options.auth ?? {}, okCodes: [0, 1, 128] });
  if (result.code === 0) return;
  const kind = classifyPushRefusal(`${result.stderr}\n${result.stdout}`);
  const reason =
    result.stderr
      .split("\n")
      .map((l) => l.replace(/^remote:\s*/, "").trim())
      .filter((l) => l && !/^To /.test(l))
      .slice(0, 3)
      .join("; ") || `git push exited with ${result.code}`;
  throw new ReleasioError(
    kind === "permission" ? "E_FORGE_PERMISSION" : "E_PUSH_REJECTED",
    `the push of ${refspecs.join(" ")} to ${remote} was rejected: ${reason}`,
    { hint: refusalHint(kind, options, remote), details: { refusal: kind } },
  );
}
