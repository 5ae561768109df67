/**
 * Reading the claims of an OIDC ID token for messages and diagnosis. The token is decoded without verification
 * (the index verifies it); only the payload is ever kept, never the header or the signature.
 */

/** Claims worth showing for a GitHub Actions token, in the order PyPI's publisher form uses them. */
export const GITHUB_CLAIM_KEYS = [
  "sub",
  "repository",
  "repository_owner",
  "repository_owner_id",
  "workflow_ref",
  "job_workflow_ref",
  "ref",
  "environment",
] as const;

/** Claims worth showing for a GitLab CI token. */
export const GITLAB_CLAIM_KEYS = [
  "sub",
  "project_path",
  "ci_config_ref_uri",
  "ref_path",
  "environment",
] as const;

export const MISSING = "MISSING";

/**
 * The payload of a JWT as an object. Throws a plain Error (never quoting the input) when the value is not a JWT.
 */
export function decodeClaims(jwt: string): Record<string, unknown> {
  const parts = jwt.trim().split(".");
  if (parts.length !== 3 || parts[1] === "")
    throw new Error("the value is not a JWT (expected three dot-separated parts)");
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]!));
  } catch {
    throw new Error("the JWT payload is not base64url-encoded JSON");
  }
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new Error("the JWT payload is not a JSON object");
  }
  return payload as Record<string, unknown>;
}

function base64UrlDecode(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** A claim as text, or null when absent or empty. */
export function claimText(claims: Record<string, unknown>, key: string): string | null {
  const value = claims[key];
  if (value === undefined || value === null || value === "") return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `release.yml` from `owner/repo/.github/workflows/release.yml@refs/heads/main` (PyPI's workflow_filename). */
export function workflowFileFromRef(ref: string | null): string | null {
  if (ref === null) return null;
  const path = ref.split("@")[0] ?? "";
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base === "" ? null : base;
}

/** `.gitlab-ci.yml` (or a nested path) from `gitlab.com/ns/proj//.gitlab-ci.yml@refs/heads/main`. */
export function workflowPathFromCiConfigRef(uri: string | null): string | null {
  if (uri === null) return null;
  const at = uri.lastIndexOf("@");
  const withoutRef = at === -1 ? uri : uri.slice(0, at);
  const sep = withoutRef.indexOf("//");
  return sep === -1 ? null : withoutRef.slice(sep + 2) || null;
}

/** True when the job ran a reusable workflow: PyPI matches the called file, not the caller. */
export function isReusableWorkflow(claims: Record<string, unknown>): boolean {
  const job = claimText(claims, "job_workflow_ref");
  const caller = claimText(claims, "workflow_ref");
  return job !== null && caller !== null && job !== caller;
}

/** Which CI issued the token, from its claims. */
export function claimsFlavour(claims: Record<string, unknown>): "github" | "gitlab" | "other" {
  if ("job_workflow_ref" in claims || "repository_owner" in claims) return "github";
  if ("project_path" in claims || "ci_config_ref_uri" in claims) return "gitlab";
  return "other";
}

/** The claims PyPI matches, one `  key: value` line each; absent claims read `MISSING`. */
export function formatClaims(claims: Record<string, unknown>, keys?: readonly string[]): string {
  const chosen = keys ?? (claimsFlavour(claims) === "gitlab" ? GITLAB_CLAIM_KEYS : GITHUB_CLAIM_KEYS);
  return chosen.map((key) => `  ${key}: ${claimText(claims, key) ?? MISSING}`).join("\n");
}

/** The claims a publisher form asks for, as a record (for JSON outputs such as doctor's). */
export function publisherClaims(claims: Record<string, unknown>): Record<string, string | null> {
  if (claimsFlavour(claims) === "gitlab") {
    const path = claimText(claims, "project_path");
    const slash = path?.lastIndexOf("/") ?? -1;
    return {
      namespace: path !== null && slash > 0 ? path.slice(0, slash) : null,
      project: path !== null ? path.slice(slash + 1) : null,
      workflow: workflowPathFromCiConfigRef(claimText(claims, "ci_config_ref_uri")),
      environment: claimText(claims, "environment"),
    };
  }
  const repository = claimText(claims, "repository");
  return {
    owner: claimText(claims, "repository_owner"),
    repository: repository === null ? null : repository.slice(repository.indexOf("/") + 1),
    workflow: workflowFileFromRef(claimText(claims, "job_workflow_ref")),
    environment: claimText(claims, "environment"),
  };
}
