/** A hand-made API-token credential for uploader tests (the product's resolver is tested on its own). */
import type { IndexCredentials } from "../../src/adapters/index/credentials-port.js";

export function tokenCredentials(
  token: string,
): IndexCredentials & { invalidations: number; authorizations: number } {
  const creds = {
    kind: "token" as const,
    source: "PYPI_TOKEN",
    invalidations: 0,
    authorizations: 0,
    async authorization() {
      creds.authorizations++;
      return `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;
    },
    invalidate() {
      creds.invalidations++;
    },
    secrets: () => [token],
  };
  return creds;
}
