/**
 * Opening the forge for a command: selection (§6.20), token discovery and the adapter. Token values never reach
 * logs, errors or outputs; `forgeToken` names the source so doctor and git push can say where it came from.
 */
import type { CommandContext } from "../../commands/context.js";
import type { ReleasioConfig } from "../../core/config/schema.js";
import { ReleasioError } from "../../core/errors.js";
import { parseRemoteUrl } from "../../core/forge/remote.js";
import { type ForgeTarget, selectForge } from "../../core/forge/select.js";
import { redactUrlCredentials } from "../../core/text/redact.js";
import { gitAuthEnv } from "../git/remote-refs.js";
import { findExecutable } from "../process/find-executable.js";
import { runProcess } from "../process/run-process.js";
import type { Forge } from "./port.js";

export interface ForgeToken {
  kind: "github" | "gitlab";
  value: string;
  /** Where it came from: `GITHUB_TOKEN`, `GH_TOKEN`, `gh auth token`, `GITLAB_TOKEN`, `CI_JOB_TOKEN`. */
  source: string;
  /** GitLab's header for it; GitHub always uses `Authorization: Bearer`. */
  header: "Authorization" | "PRIVATE-TOKEN" | "JOB-TOKEN";
}

type Env = Record<string, string | undefined>;

function isCi(env: Env): boolean {
  return Boolean(env.CI || env.GITHUB_ACTIONS || env.GITLAB_CI);
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** `gh auth token` (outside CI only): the GitHub CLI's stored login for the API host. */
async function ghAuthToken(ctx: CommandContext, target: ForgeTarget): Promise<string | null> {
  if (isCi(ctx.env)) return null;
  const gh = findExecutable("gh", ctx.env);
  if (gh === null) return null;
  const host = new URL(target.serverUrl).host;
  const args = host === "github.com" ? ["auth", "token"] : ["auth", "token", "--hostname", host];
  try {
    const result = await runProcess(gh, args, { cwd: ctx.cwd, env: ctx.env });
    return result.code === 0 ? nonEmpty(result.stdout) : null;
  } catch {
    return null;
  }
}

/**
 * The forge token for the selected forge, with its source; null when none is available.
 * GitHub: GITHUB_TOKEN › GH_TOKEN › `gh auth token` (outside CI). GitLab: GITLAB_TOKEN › CI_JOB_TOKEN.
 * It is registered as a secret (masked in Actions logs) as soon as it is found, whoever asks for it.
 */
export async function forgeToken(ctx: CommandContext, target: ForgeTarget): Promise<ForgeToken | null> {
  const token = await findForgeToken(ctx, target);
  if (token !== null) ctx.registerSecret(token.value);
  return token;
}

async function findForgeToken(ctx: CommandContext, target: ForgeTarget): Promise<ForgeToken | null> {
  if (target.kind === "github") {
    for (const name of ["GITHUB_TOKEN", "GH_TOKEN"]) {
      const value = nonEmpty(ctx.env[name]);
      if (value !== null) return { kind: "github", value, source: name, header: "Authorization" };
    }
    const fromGh = await ghAuthToken(ctx, target);
    return fromGh === null
      ? null
      : { kind: "github", value: fromGh, source: "gh auth token", header: "Authorization" };
  }
  const personal = nonEmpty(ctx.env.GITLAB_TOKEN);
  if (personal !== null)
    return { kind: "gitlab", value: personal, source: "GITLAB_TOKEN", header: "PRIVATE-TOKEN" };
  const job = nonEmpty(ctx.env.CI_JOB_TOKEN);
  if (job !== null) return { kind: "gitlab", value: job, source: "CI_JOB_TOKEN", header: "JOB-TOKEN" };
  return null;
}

const MISSING_TOKEN = {
  github: {
    message: "no GitHub token found (checked GITHUB_TOKEN, GH_TOKEN, gh auth token)",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression shown to the user, not a template
    hint: "set GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}) or run 'gh auth login'",
  },
  gitlab: {
    message: "no GitLab token found (checked GITLAB_TOKEN, CI_JOB_TOKEN)",
    hint: "set GITLAB_TOKEN to a project or personal access token with the api scope",
  },
} as const;

/**
 * The forge for this repository, or null when none applies (`forge = "none"`, no identifiable repository, or no
 * token) and `required` is false. With `required`: E_REMOTE when the repository cannot be determined, E_FORGE_AUTH
 * when no token is found. `forge = "none"` always gives null: forge steps are disabled, not failing.
 */
export async function openForge(
  ctx: CommandContext,
  config: ReleasioConfig,
  remoteUrl: string | null,
  options: { required: boolean; remoteName?: string },
): Promise<Forge | null> {
  if (config.forge === "none") return null;
  const target = selectForge(config, remoteUrl, ctx.env);
  if (target === null) {
    if (!options.required) return null;
    const name = options.remoteName ?? config.git.remote ?? "origin";
    const shown = remoteUrl === null ? "no URL" : redactUrlCredentials(remoteUrl);
    throw new ReleasioError("E_REMOTE", `cannot determine the repository from remote '${name}' (${shown})`, {
      hint: "set github.owner/github.repo or gitlab.project",
    });
  }
  const token = await forgeToken(ctx, target);
  if (token === null) {
    if (!options.required) return null;
    throw new ReleasioError("E_FORGE_AUTH", MISSING_TOKEN[target.kind].message, {
      hint: MISSING_TOKEN[target.kind].hint,
    });
  }
  // The clients (Octokit and its plugins) load only once a forge will really be asked something: planning
  // without a token or a forge remote never pays for them.
  if (target.kind === "github") {
    ctx.logger.debug(`GitHub ${target.path} via ${target.apiUrl} (token from ${token.source})`);
    const { createGitHubForge } = await import("./github/github-forge.js");
    return createGitHubForge({
      owner: target.owner,
      repo: target.repo,
      apiUrl: target.apiUrl,
      uploadsUrl: target.uploadsUrl,
      serverUrl: target.serverUrl,
      graphqlUrl: target.graphqlUrl,
      token: token.value,
      fetch: ctx.fetch,
      logger: ctx.logger,
    });
  }
  ctx.logger.debug(`GitLab ${target.projectPath} via ${target.apiUrl} (token from ${token.source})`);
  const { createGitLabForge } = await import("./gitlab/gitlab-forge.js");
  return createGitLabForge({
    projectPath: target.projectPath,
    apiUrl: target.apiUrl,
    serverUrl: target.serverUrl,
    token: { header: token.header === "JOB-TOKEN" ? "JOB-TOKEN" : "PRIVATE-TOKEN", value: token.value },
    fetch: ctx.fetch,
    logger: ctx.logger,
  });
}

/**
 * The environment that lets `git push`/`fetch` over https authenticate with the forge token for one command
 * (never written to disk). Empty for ssh and local remotes, or without a token.
 */
export async function gitPushAuth(
  ctx: CommandContext,
  config: ReleasioConfig,
  remoteUrl: string | null,
): Promise<Record<string, string>> {
  if (!remoteUrl || !/^https:\/\//i.test(remoteUrl)) return {};
  const target = selectForge(config, remoteUrl, ctx.env);
  if (!target) return {};
  const token = await forgeToken(ctx, target);
  if (!token) return {};
  const username =
    token.header === "JOB-TOKEN" ? "gitlab-ci-token" : token.kind === "gitlab" ? "oauth2" : undefined;
  return gitAuthEnv(token.value, parseRemoteUrl(remoteUrl)?.host ?? null, username);
}
