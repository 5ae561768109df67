/**
 * The trusted-publishing exchange: `POST <index origin>/_/oidc/mint-token {"token": <jwt>}` → `{token, expires}`
 * (PYPI.md §2.4). A refusal becomes E_TP_EXCHANGE with the claims of the refused token (never its signature).
 */
import type { CommandContext } from "../../commands/context.js";
import { decodeClaims } from "../../core/publish/claims.js";
import { type ExchangeErrorItem, exchangeError } from "../../core/publish/tp-errors.js";
import { networkError } from "../http/network-error.js";
import type { RegistryInfo } from "../index/registry.js";

const EXCHANGE_TIMEOUT_MS = 30_000;
/** What PyPI grants when the answer has no usable `expires`. */
const DEFAULT_LIFETIME_S = 900;

export interface MintedToken {
  token: string;
  /** Unix time in milliseconds. */
  expiresAt: number;
}

export interface ExchangeContext {
  registry: Pick<RegistryInfo, "origin" | "label" | "jsonApiBase">;
  project: string | null;
}

export async function mintToken(
  ctx: CommandContext,
  exchange: ExchangeContext,
  idToken: string,
): Promise<MintedToken> {
  const url = `${exchange.registry.origin}/_/oidc/mint-token`;
  let response: Response;
  try {
    response = await ctx.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token: idToken }),
      redirect: "manual",
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
  } catch (error) {
    throw networkError(url, error);
  }
  const text = await response.text().catch(() => "");
  let body: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    body = null;
  }
  if (response.status === 200 && body !== null && typeof body.token === "string" && body.token !== "") {
    ctx.registerSecret(body.token);
    const expires =
      typeof body.expires === "number" && Number.isFinite(body.expires) ? body.expires * 1000 : null;
    return { token: body.token, expiresAt: expires ?? ctx.now().getTime() + DEFAULT_LIFETIME_S * 1000 };
  }
  const errors = parseErrors(body);
  let claims: Record<string, unknown> | null = null;
  try {
    claims = decodeClaims(idToken);
  } catch {
    claims = null;
  }
  const projectExists =
    errors?.some((e) => e.code === "invalid-publisher") && exchange.project !== null
      ? await projectOnIndex(ctx, exchange.registry.jsonApiBase, exchange.project)
      : null;
  throw exchangeError({
    registry: exchange.registry.label,
    status: response.status,
    errors,
    claims,
    page: { webBase: exchange.registry.jsonApiBase, project: exchange.project },
    projectExists,
  });
}

function parseErrors(body: Record<string, unknown> | null): ExchangeErrorItem[] | null {
  if (body === null || !Array.isArray(body.errors)) return null;
  const items: ExchangeErrorItem[] = [];
  for (const item of body.errors as unknown[]) {
    if (item === null || typeof item !== "object") continue;
    const { code, description } = item as { code?: unknown; description?: unknown };
    if (typeof code === "string")
      items.push({ code, description: typeof description === "string" ? description : "" });
  }
  return items.length > 0 ? items : null;
}

/** Does the project exist on the index (JSON API)? null when it cannot be told. */
async function projectOnIndex(
  ctx: CommandContext,
  apiBase: string | null,
  project: string,
): Promise<boolean | null> {
  if (apiBase === null) return null;
  try {
    const response = await ctx.fetch(`${apiBase}/pypi/${encodeURIComponent(project)}/json`, {
      headers: { Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    if (response.status === 404) return false;
    if (response.status === 200 || (response.status >= 300 && response.status < 400)) return true;
    return null;
  } catch {
    return null;
  }
}
