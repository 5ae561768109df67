/**
 * Which forge a repository lives on and every URL needed to talk to it (PRODUCT.md §6.20 selection, §5.5
 * `github.*`/`gitlab.*` "auto" rules). Pure: the environment is passed in.
 */
import type { ReleasioConfig } from "../config/schema.js";
import { ReleasioError } from "../errors.js";
import { ownerAndRepo, parseRemoteUrl, type RemoteInfo } from "./remote.js";

type Env = Record<string, string | undefined>;

export interface GitHubTarget {
  kind: "github";
  owner: string;
  repo: string;
  /** `owner/repo` */
  path: string;
  /** REST base without a trailing slash: `https://api.github.com`, `https://ghe.example/api/v3`. */
  apiUrl: string;
  /** Release asset upload base: `https://uploads.github.com`, `https://ghe.example/api/uploads`. */
  uploadsUrl: string;
  /** GraphQL endpoint: `https://api.github.com/graphql`, `https://ghe.example/api/graphql`. */
  graphqlUrl: string;
  /** Web base: `https://github.com`. */
  serverUrl: string;
  /** Repository web URL: `https://github.com/acme/demo`. */
  webUrl: string;
}

export interface GitLabTarget {
  kind: "gitlab";
  /** `group/sub/project` */
  projectPath: string;
  path: string;
  /** API v4 base: `https://gitlab.example/api/v4`. */
  apiUrl: string;
  serverUrl: string;
  webUrl: string;
}

export type ForgeTarget = GitHubTarget | GitLabTarget;

export const PUBLIC_GITHUB_API = "https://api.github.com";

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function hostOf(url: string | undefined | null): string | null {
  if (!url || url === "auto") return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function originOf(url: string): string {
  return new URL(url).origin;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Forge API URLs must be https, except loopback hosts (local fakes and proxies; §11.4). */
function requireSecure(url: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ReleasioError("E_CONFIG_INVALID", `${source}: '${url}' is not a valid URL`, {
      hint: "use an absolute https URL",
    });
  }
  if (parsed.protocol === "https:") return trimSlash(url);
  if (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname.toLowerCase())) return trimSlash(url);
  throw new ReleasioError(
    "E_INSECURE_URL",
    `${source}: '${parsed.origin}${parsed.pathname}' must use https (http is only allowed for loopback hosts)`,
    { hint: "use the https URL of the forge API" },
  );
}

/** github/gitlab/null from `forge`, the remote host, CI variables and configured values (§6.20). */
export function selectForgeKind(
  config: ReleasioConfig,
  remoteHost: string | null,
  env: Env,
): "github" | "gitlab" | null {
  if (config.forge === "none") return null;
  if (config.forge !== "auto") return config.forge;
  if (remoteHost !== null) {
    const githubHosts = [
      "github.com",
      hostOf(env.GITHUB_SERVER_URL),
      hostOf(config.github.api_url),
      hostOf(config.github.server_url),
    ];
    if (githubHosts.includes(remoteHost)) return "github";
    const gitlabHosts = [
      "gitlab.com",
      env.CI_SERVER_HOST?.toLowerCase() ?? null,
      hostOf(env.CI_SERVER_URL),
      hostOf(config.gitlab.api_url),
      hostOf(config.gitlab.server_url),
    ];
    if (gitlabHosts.includes(remoteHost)) return "gitlab";
  }
  if (config.github.owner && config.github.repo) return "github";
  if (config.gitlab.project) return "gitlab";
  return null;
}

function githubTarget(config: ReleasioConfig, remote: RemoteInfo | null, env: Env): GitHubTarget | null {
  const parsed = remote ? ownerAndRepo(remote.path) : null;
  const owner = config.github.owner ?? parsed?.owner;
  const repo = config.github.repo ?? parsed?.repo;
  if (!owner || !repo) return null;
  const remoteHost = remote && remote.host !== "github.com" ? remote.host : null;

  let apiUrl: string;
  if (config.github.api_url !== "auto") apiUrl = requireSecure(config.github.api_url, "github.api_url");
  else if (env.GITHUB_API_URL) apiUrl = requireSecure(env.GITHUB_API_URL, "GITHUB_API_URL");
  else apiUrl = remoteHost ? `https://${remoteHost}/api/v3` : PUBLIC_GITHUB_API;
  const isPublic = apiUrl === PUBLIC_GITHUB_API;

  const uploadsUrl =
    config.github.uploads_url !== "auto"
      ? requireSecure(config.github.uploads_url, "github.uploads_url")
      : isPublic
        ? "https://uploads.github.com"
        : `${originOf(apiUrl)}/api/uploads`;
  const graphqlUrl = isPublic
    ? `${PUBLIC_GITHUB_API}/graphql`
    : /\/api\/v3$/.test(apiUrl)
      ? apiUrl.replace(/\/api\/v3$/, "/api/graphql")
      : `${apiUrl}/graphql`;

  let serverUrl: string;
  if (config.github.server_url !== "auto") serverUrl = trimSlash(config.github.server_url);
  else if (env.GITHUB_SERVER_URL) serverUrl = trimSlash(env.GITHUB_SERVER_URL);
  else if (remote) serverUrl = `https://${remote.host}`;
  else serverUrl = isPublic ? "https://github.com" : originOf(apiUrl);

  return {
    kind: "github",
    owner,
    repo,
    path: `${owner}/${repo}`,
    apiUrl,
    uploadsUrl,
    graphqlUrl,
    serverUrl,
    webUrl: `${serverUrl}/${owner}/${repo}`,
  };
}

function gitlabTarget(config: ReleasioConfig, remote: RemoteInfo | null, env: Env): GitLabTarget | null {
  const projectPath = config.gitlab.project ?? env.CI_PROJECT_PATH ?? remote?.path;
  if (!projectPath) return null;
  const host = remote?.host ?? env.CI_SERVER_HOST ?? "gitlab.com";
  const apiUrl =
    config.gitlab.api_url !== "auto"
      ? requireSecure(config.gitlab.api_url, "gitlab.api_url")
      : env.CI_API_V4_URL
        ? requireSecure(env.CI_API_V4_URL, "CI_API_V4_URL")
        : `https://${host}/api/v4`;
  const serverUrl =
    config.gitlab.server_url !== "auto"
      ? trimSlash(config.gitlab.server_url)
      : env.CI_SERVER_URL
        ? trimSlash(env.CI_SERVER_URL)
        : `https://${host}`;
  return {
    kind: "gitlab",
    projectPath,
    path: projectPath,
    apiUrl,
    serverUrl,
    webUrl: `${serverUrl}/${projectPath}`,
  };
}

/**
 * The forge and its URLs, or null when no forge applies (`forge = "none"`, or nothing identifies the repository).
 * Throws E_INSECURE_URL for a non-https API URL outside loopback.
 */
export function selectForge(config: ReleasioConfig, remoteUrl: string | null, env: Env): ForgeTarget | null {
  const remote = remoteUrl ? parseRemoteUrl(remoteUrl) : null;
  const kind = selectForgeKind(config, remote?.host ?? null, env);
  if (kind === "github") return githubTarget(config, remote, env);
  if (kind === "gitlab") return gitlabTarget(config, remote, env);
  return null;
}
