/** Which forge a repository lives on and its web URL, for changelog links (§6.20 selection). */
import type { ForgeLinks } from "../changelog/options.js";
import type { ReleasioConfig } from "../config/schema.js";
import { parseRemoteUrl } from "./remote.js";

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

export function forgeKind(
  config: ReleasioConfig,
  remoteHost: string | null,
  env: Record<string, string | undefined>,
): "github" | "gitlab" | null {
  if (config.forge === "none") return null;
  if (config.forge !== "auto") return config.forge;
  const githubHost = hostOf(env.GITHUB_SERVER_URL);
  const gitlabHost = env.CI_SERVER_HOST?.toLowerCase() ?? null;
  if (remoteHost === "github.com" || (remoteHost !== null && remoteHost === githubHost)) return "github";
  if (remoteHost === "gitlab.com" || (remoteHost !== null && remoteHost === gitlabHost)) return "gitlab";
  if (config.github.owner && config.github.repo) return "github";
  if (config.gitlab.project) return "gitlab";
  return null;
}

/** The web base for links (`https://github.com/acme/demo`), or null when no forge is known. */
export function forgeLinks(
  config: ReleasioConfig,
  remoteUrl: string | null,
  env: Record<string, string | undefined>,
): ForgeLinks | null {
  const remote = remoteUrl ? parseRemoteUrl(remoteUrl) : null;
  const kind = forgeKind(config, remote?.host ?? null, env);
  if (kind === "github") {
    const [owner, repo] = remote?.path.split("/") ?? [];
    const o = config.github.owner ?? owner;
    const r = config.github.repo ?? repo;
    if (!o || !r) return null;
    const server =
      config.github.server_url !== "auto"
        ? config.github.server_url
        : (env.GITHUB_SERVER_URL ??
          (remote && remote.host !== "github.com" ? `https://${remote.host}` : "https://github.com"));
    return { kind, webUrl: `${server.replace(/\/+$/, "")}/${o}/${r}` };
  }
  if (kind === "gitlab") {
    const project = config.gitlab.project ?? env.CI_PROJECT_PATH ?? remote?.path;
    if (!project) return null;
    const server =
      config.gitlab.server_url !== "auto"
        ? config.gitlab.server_url
        : (env.CI_SERVER_URL ?? `https://${remote?.host ?? "gitlab.com"}`);
    return { kind, webUrl: `${server.replace(/\/+$/, "")}/${project}` };
  }
  return null;
}
