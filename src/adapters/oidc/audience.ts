/** Trusted-publishing audience discovery: `GET <index origin>/_/oidc/audience` → `{"audience": "pypi"}` (PYPI.md §2.2). */
import type { CommandContext } from "../../commands/context.js";
import { unsupportedError } from "../../core/publish/tp-errors.js";
import { networkError } from "../http/network-error.js";
import type { RegistryInfo } from "../index/registry.js";

const AUDIENCE_TIMEOUT_MS = 10_000;

export async function discoverAudience(
  ctx: CommandContext,
  registry: Pick<RegistryInfo, "origin" | "label">,
): Promise<string> {
  const url = `${registry.origin}/_/oidc/audience`;
  let response: Response;
  try {
    response = await ctx.fetch(url, {
      headers: { Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(AUDIENCE_TIMEOUT_MS),
    });
  } catch (error) {
    throw networkError(url, error);
  }
  const text = await response.text().catch(() => "");
  if (response.status !== 200) {
    let detail: string | null = null;
    try {
      const message = (JSON.parse(text) as { message?: unknown }).message;
      if (typeof message === "string") detail = message;
    } catch {
      // Not Warehouse's JSON: the status says enough.
    }
    throw unsupportedError(registry.label, response.status, detail);
  }
  try {
    const audience = (JSON.parse(text) as { audience?: unknown }).audience;
    if (typeof audience === "string" && audience !== "") return audience;
  } catch {
    // fall through
  }
  throw unsupportedError(registry.label, 200, "the answer carried no audience");
}
