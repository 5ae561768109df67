/**
 * GitHub Actions ID tokens: `GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with
 * `Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN` → `{"value": "<jwt>"}` (PYPI.md §2.3). Each call returns a
 * fresh token; the value is registered as a secret before anyone can use it.
 */
import type { CommandContext } from "../../commands/context.js";
import { tokenRequestError } from "../../core/publish/tp-errors.js";
import { unreachable } from "../http/network-error.js";

const REQUEST_TIMEOUT_MS = 30_000;

/** Can this GitHub Actions job request ID tokens (the job has `id-token: write`)? */
export function githubIdTokenAvailable(env: CommandContext["env"]): boolean {
  return (
    Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim()) && Boolean(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim())
  );
}

export async function requestGitHubIdToken(ctx: CommandContext, audience: string): Promise<string> {
  const requestUrl = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim();
  const bearer = ctx.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim();
  if (!requestUrl || !bearer) throw tokenRequestError({ ci: "github", reason: "permission" });
  const failed = (detail: string) =>
    tokenRequestError({ ci: "github", reason: "request-failed", audience, detail });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    throw failed("ACTIONS_ID_TOKEN_REQUEST_URL is not a URL");
  }
  // The URL already carries `?api-version=…`; append rather than replace.
  url.searchParams.append("audience", audience);
  let response: Response;
  try {
    response = await ctx.fetch(url.toString(), {
      headers: { Authorization: `bearer ${bearer}`, Accept: "application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw failed(unreachable(url, error));
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failed(
      `the token request returned ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    );
  }
  let value: unknown;
  try {
    value = ((await response.json()) as { value?: unknown } | null)?.value;
  } catch {
    throw failed("the token request answered with something other than JSON");
  }
  if (typeof value !== "string" || value === "") throw failed("the token request's answer carried no token");
  ctx.registerSecret(value);
  return value;
}
