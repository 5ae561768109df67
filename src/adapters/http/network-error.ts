/** The one shape of a transport failure (PRODUCT.md §3.7 `E_NETWORK`): `cannot reach <host>: <reason>`. */
import { ReleasioError } from "../../core/errors.js";

export function networkReason(error: unknown): string {
  return error instanceof Error ? error.message : "network error";
}

export function networkError(url: string | URL, error: unknown): ReleasioError {
  const target = new URL(url);
  return new ReleasioError("E_NETWORK", `cannot reach ${target.host}: ${networkReason(error)}`, {
    details: { url: `${target.origin}${target.pathname}` },
  });
}
