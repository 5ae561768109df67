/**
 * PyPI's trusted-publishing endpoints for the fake index (PYPI.md §2, §12 "OIDC emulation"): `/_/oidc/audience`,
 * `/_/oidc/mint-token` (and the legacy `/_/oidc/github/mint-token`), with Warehouse's verification order and error
 * texts, single-use JWTs, pending publishers and 15-minute minted tokens. Strict on purpose: a lenient fake hides
 * client bugs.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJwt } from "jose";
import { type FakeOidcIssuer, GITHUB_ISSUER, GITLAB_ISSUER } from "./fake-oidc.js";
import { readBody, startLoopback } from "./loopback.js";

export interface PublisherConfig {
  /** GitHub owner, or GitLab namespace. */
  owner: string;
  /** Repository (GitHub) or project (GitLab) name. */
  repository: string;
  /** Workflow file name (GitHub, e.g. `release.yml`) or top-level pipeline path (GitLab, e.g. `.gitlab-ci.yml`). */
  workflow: string;
  environment?: string | null;
  /** The PyPI project the publisher is attached to (or will create, when pending). */
  project: string;
  pending?: boolean;
  provider?: "github" | "gitlab";
  /** Checked against `repository_owner_id` when set. */
  ownerId?: string;
}

export interface TrustedPublishingHandler {
  /** Handles /_/oidc/* requests; returns false when the path is not one of them. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** Validates a minted upload token for a project: ok, or Warehouse's 403 message. */
  authorize(
    token: string,
    project: string,
  ): { ok: true; via: "trusted-publishing" } | { ok: false; status: number; message: string };
  minted: Array<{ token: string; expiresAt: number; project: string | null; projects: string[] }>;
  /** Every /_/oidc/* request with the answer's status and, for 422s, the first error code. */
  calls: Array<{ method: string; path: string; status: number; code: string | null }>;
  /** `enabled` (default), `disabled` (audience 403) or `unsupported` (every /_/oidc path 404). */
  mode: "enabled" | "disabled" | "unsupported";
  publishers: PublisherConfig[];
  expireAll(): void;
}

export interface TrustedPublishingOptions {
  issuer: FakeOidcIssuer;
  audience?: string;
  publishers: PublisherConfig[];
  /** Does the index already hold this (normalised) project? Used for pending publishers. */
  projectExists?: (project: string) => boolean;
  /** Called when a pending publisher creates its project at mint time. */
  onProjectCreated?: (project: string) => void;
  /** Projects known to exist when projectExists is not given. */
  existingProjects?: string[];
}

const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
const HELP = "https://pypi.org/help/";

type Refusal = { code: string; description: string };

function basename(ref: string): string {
  const path = ref.split("@")[0] ?? "";
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Warehouse's GitHub lookup and claim checks (PYPI.md §2.6). Returns the matching publishers or a reason. */
function matchGitHub(
  publishers: PublisherConfig[],
  claims: Record<string, unknown>,
): PublisherConfig[] | string {
  const repository = String(claims.repository ?? "");
  const [owner, name] = repository.split("/");
  const jobRef = String(claims.job_workflow_ref ?? "");
  const workflow = basename(jobRef);
  if (claims.event_name === "pull_request_target") {
    return "Publishing from a workflow invoked via 'pull_request_target' is not supported.";
  }
  const environment = typeof claims.environment === "string" ? claims.environment.toLowerCase() : "";
  const candidates = publishers.filter(
    (p) =>
      (p.provider ?? "github") === "github" &&
      p.owner === claims.repository_owner &&
      p.owner === owner &&
      p.repository.toLowerCase() === (name ?? "").toLowerCase() &&
      p.workflow === workflow &&
      (p.ownerId === undefined || p.ownerId === claims.repository_owner_id),
  );
  const withEnv = candidates.filter(
    (p) => (p.environment ?? "") !== "" && p.environment!.toLowerCase() === environment,
  );
  const chosen = withEnv.length > 0 ? withEnv : candidates.filter((p) => (p.environment ?? "") === "");
  if (chosen.length === 0) return "Publisher with matching claims was not found";
  const ref = String(claims.ref ?? "");
  const sha = String(claims.sha ?? "");
  if (ref === "" && sha === "") return "The ref and sha claims are empty";
  const p = chosen[0]!;
  const expected = [ref, sha]
    .filter((v) => v !== "")
    .map((v) => `${p.owner}/${p.repository}/.github/workflows/${p.workflow}@${v}`);
  if (!expected.some((e) => e.toLowerCase() === jobRef.toLowerCase())) {
    return `The job_workflow_ref claim does not match, expecting one of ${JSON.stringify(expected)}, got '${jobRef}'`;
  }
  return chosen;
}

function matchGitLab(
  publishers: PublisherConfig[],
  claims: Record<string, unknown>,
): PublisherConfig[] | string {
  const path = String(claims.project_path ?? "");
  const slash = path.lastIndexOf("/");
  const namespace = path.slice(0, slash).toLowerCase();
  const project = path.slice(slash + 1).toLowerCase();
  const uri = String(claims.ci_config_ref_uri ?? "");
  const withoutRef = uri.slice(0, uri.lastIndexOf("@") === -1 ? undefined : uri.lastIndexOf("@"));
  const filepath = withoutRef.includes("//") ? withoutRef.slice(withoutRef.indexOf("//") + 2) : "";
  const environment = typeof claims.environment === "string" ? claims.environment : "";
  const candidates = publishers.filter(
    (p) =>
      p.provider === "gitlab" &&
      p.owner.toLowerCase() === namespace &&
      p.repository.toLowerCase() === project &&
      p.workflow === filepath,
  );
  const withEnv = candidates.filter((p) => (p.environment ?? "") !== "" && p.environment === environment);
  const chosen = withEnv.length > 0 ? withEnv : candidates.filter((p) => (p.environment ?? "") === "");
  if (chosen.length === 0) return "Publisher with matching claims was not found";
  return chosen;
}

export function createTrustedPublishing(options: TrustedPublishingOptions): TrustedPublishingHandler {
  const audience = options.audience ?? "pypi";
  const usedJti = new Set<string>();
  const existing = new Set((options.existingProjects ?? []).map(normalise));
  const projectExists = options.projectExists ?? ((p: string) => existing.has(normalise(p)));

  const handler: TrustedPublishingHandler = {
    minted: [],
    calls: [],
    mode: "enabled",
    publishers: options.publishers.map((p) => ({ ...p })),
    async handle(req, res, url) {
      if (!url.pathname.startsWith("/_/oidc/")) return false;
      const method = req.method ?? "GET";
      const answer = (status: number, body: unknown, code: string | null = null) => {
        handler.calls.push({ method, path: url.pathname, status, code });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
        return true;
      };
      if (handler.mode === "unsupported") return answer(404, { message: "Not Found" });
      if (url.pathname === "/_/oidc/audience") {
        if (method !== "GET") return answer(405, { message: "Method Not Allowed" });
        if (handler.mode === "disabled")
          return answer(403, { message: "Trusted publishing functionality not enabled" });
        return answer(200, { audience });
      }
      if (url.pathname !== "/_/oidc/mint-token" && url.pathname !== "/_/oidc/github/mint-token") {
        return answer(404, { message: "Not Found" });
      }
      if (method !== "POST") return answer(405, { message: "Method Not Allowed" });
      const refuse = (error: Refusal) =>
        answer(422, { message: "Token request failed", errors: [error] }, error.code);
      if (handler.mode === "disabled") {
        return refuse({
          code: "not-enabled",
          description: "GitHub trusted publishing functionality not enabled",
        });
      }
      let token: unknown;
      try {
        token = (JSON.parse((await readBody(req)).toString("utf8")) as { token?: unknown }).token;
      } catch {
        return refuse({
          code: "invalid-payload",
          description: "Invalid JSON: expected value at line 1 column 1",
        });
      }
      if (typeof token !== "string") {
        return refuse({
          code: "invalid-payload",
          description: "1 validation error for TokenPayload\ntoken\n  Input should be a valid string",
        });
      }
      let unverified: Record<string, unknown>;
      try {
        unverified = decodeJwt(token) as Record<string, unknown>;
      } catch {
        return refuse({ code: "invalid-payload", description: "malformed JWT" });
      }
      if (typeof unverified.iss !== "string")
        return refuse({ code: "invalid-payload", description: "malformed JWT" });
      if (unverified.iss !== GITHUB_ISSUER && unverified.iss !== GITLAB_ISSUER) {
        return refuse({ code: "invalid-payload", description: "unknown trusted publishing issuer" });
      }
      let claims: Record<string, unknown>;
      try {
        claims = await options.issuer.verify(token, audience);
      } catch {
        return refuse({ code: "invalid-token", description: "malformed or invalid token" });
      }
      const jti = typeof claims.jti === "string" ? claims.jti : null;
      if (jti === null)
        return refuse({
          code: "invalid-publisher",
          description: "valid token, but no corresponding publisher (Missing claim 'jti')",
        });
      if (usedJti.has(jti))
        return refuse({ code: "invalid-reuse-token", description: "invalid token: already used" });
      const match =
        claims.iss === GITHUB_ISSUER
          ? matchGitHub(handler.publishers, claims)
          : matchGitLab(handler.publishers, claims);
      if (typeof match === "string") {
        return refuse({
          code: "invalid-publisher",
          description: `valid token, but no corresponding publisher (${match})`,
        });
      }
      const pending = match.filter((p) => p.pending);
      for (const p of pending) {
        if (projectExists(p.project)) {
          return refuse({
            code: "invalid-pending-publisher",
            description: "valid token, but project already exists",
          });
        }
      }
      for (const p of pending) {
        p.pending = false;
        existing.add(normalise(p.project));
        options.onProjectCreated?.(p.project);
      }
      usedJti.add(jti);
      const minted = `pypi-fake-${randomBytes(24).toString("base64url")}`;
      const expires = Math.floor(Date.now() / 1000) + 900;
      const projects = match.map((p) => normalise(p.project));
      handler.minted.push({ token: minted, expiresAt: expires * 1000, project: match[0]!.project, projects });
      return answer(200, { success: true, token: minted, expires });
    },
    authorize(token, project) {
      const entry = handler.minted.find((m) => m.token === token);
      if (entry === undefined) {
        return {
          ok: false,
          status: 403,
          message: `Invalid or non-existent authentication information. See ${HELP}#invalid-auth for more information.`,
        };
      }
      if (entry.expiresAt <= Date.now())
        return { ok: false, status: 403, message: "Invalid API Token: token is expired" };
      if (!entry.projects.includes(normalise(project))) {
        return {
          ok: false,
          status: 403,
          message: `Invalid API Token: OIDC scoped token is not valid for project '${project}'`,
        };
      }
      return { ok: true, via: "trusted-publishing" };
    },
    expireAll() {
      for (const m of handler.minted) m.expiresAt = Date.now() - 1;
    },
  };
  return handler;
}

/**
 * A stand-in index serving only the trusted-publishing endpoints and the JSON API's project existence, for tests
 * of credentials without the full fake index. Answers for `upload.pypi.org` and `pypi.org` through `fetch`.
 */
export async function startTrustedPublishingStandIn(
  handler: TrustedPublishingHandler,
  projects: () => string[] = () => [],
): Promise<{ origin: string; routes: Record<string, string>; close(): Promise<void> }> {
  const server = await startLoopback(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (await handler.handle(req, res, url)) return;
    const project = /^\/pypi\/([^/]+)\/json\/?$/.exec(url.pathname)?.[1];
    if (req.method === "GET" && project !== undefined) {
      const known = projects()
        .map(normalise)
        .includes(normalise(decodeURIComponent(project)));
      res.writeHead(known ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(known ? { info: { name: project } } : { message: "Not Found" }));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: "Not Found" }));
  });
  return {
    origin: server.origin,
    routes: { "upload.pypi.org": server.origin, "pypi.org": server.origin, "test.pypi.org": server.origin },
    close: () => server.close(),
  };
}
