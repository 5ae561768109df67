/**
 * The one shape of a transport failure (PRODUCT.md §3.7 `E_NETWORK`): `cannot reach <host>: <reason>`, where the
 * reason carries the system error code under fetch's generic message (`fetch failed: ECONNREFUSED`).
 */
import { ReleasioError, type ReleasioErrorOptions } from "../../core/errors.js";

export function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === "string" && error ? error : "network error";
  const cause = error.cause;
  const code =
    cause && typeof cause === "object" && "code" in cause && cause.code ? String(cause.code) : null;
  const detail = code ?? (cause instanceof Error ? cause.message : null);
  return detail && !error.message.includes(detail) ? `${error.message}: ${detail}` : error.message;
}

/** `cannot reach <host>: <reason>`, for messages that are not E_NETWORK errors themselves (doctor, OIDC). */
export function unreachable(url: string | URL, error: unknown): string {
  return `cannot reach ${new URL(url).host}: ${networkReason(error)}`;
}

export function networkError(
  url: string | URL,
  error: unknown,
  options: Pick<ReleasioErrorOptions, "hint" | "details"> = {},
): ReleasioError {
  const target = new URL(url);
  return new ReleasioError("E_NETWORK", unreachable(target, error), {
    ...(options.hint ? { hint: options.hint } : {}),
    details: { url: `${target.origin}${target.pathname}`, ...options.details },
    cause: error,
  });
}
