/**
 * How the uploader authenticates, whatever the source: a trusted-publishing token minted from an OIDC ID token
 * (renewed before it expires) or an API token. The uploader asks for the header before every attempt.
 */
export interface IndexCredentials {
  kind: "trusted-publishing" | "token";
  /** Where the credential came from: `github-actions`, `gitlab-ci`, `PYPI_TOKEN`, `UV_PUBLISH_TOKEN`, `TWINE_PASSWORD`, `~/.pypirc`. */
  source: string;
  /** The Authorization header value (`Basic base64(__token__:<token>)`); renews a short-lived token when it has ≤ 5 minutes left. */
  authorization(): Promise<string>;
  /** Forces a renewal on the next `authorization()` (after the index said the token expired). */
  invalidate(): void;
  /** Every secret value this credential has produced, for masking and for the secret scanner of the tests. */
  secrets(): string[];
}

/** Signs a PEP 740 attestation for one distribution (trusted publishing only). */
export interface DistAttester {
  /** Returns the attestation object exactly as sent in the upload's `attestations` JSON array. */
  attest(dist: { filename: string; sha256: string }): Promise<Record<string, unknown>>;
}
