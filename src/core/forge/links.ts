/** Which forge a repository lives on and its web URL, for changelog links (§6.20 selection). */
import type { ForgeLinks } from "../changelog/options.js";
import type { ReleasioConfig } from "../config/schema.js";
import { isReleasioError } from "../errors.js";
import { selectForge, selectForgeKind } from "./select.js";

export function forgeKind(
  config: ReleasioConfig,
  remoteHost: string | null,
  env: Record<string, string | undefined>,
): "github" | "gitlab" | null {
  return selectForgeKind(config, remoteHost, env);
}

/** The web base for links (`https://github.com/acme/demo`), or null when no forge is known. */
export function forgeLinks(
  config: ReleasioConfig,
  remoteUrl: string | null,
  env: Record<string, string | undefined>,
): ForgeLinks | null {
  try {
    const target = selectForge(config, remoteUrl, env);
    return target ? { kind: target.kind, webUrl: target.webUrl } : null;
  } catch (error) {
    // An insecure API URL only matters when the API is called; links need the web URL alone.
    if (isReleasioError(error)) return null;
    throw error;
  }
}
