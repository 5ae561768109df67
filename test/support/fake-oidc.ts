/**
 * A GitHub Actions–style OIDC issuer for tests: RS256 JWTs with the real claim set, a discovery document and JWKS
 * (answering for `token.actions.githubusercontent.com` through host routing), and the
 * `ACTIONS_ID_TOKEN_REQUEST_URL` endpoint, which checks the bearer value like the Actions runtime does.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from "jose";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { routeHosts, startLoopback } from "./loopback.js";

export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
export const GITLAB_ISSUER = "https://gitlab.com";

export interface FakeOidcIssuer {
  origin: string;
  fetch: HttpFetch;
  routes: Record<string, string>;
  /** Value for ACTIONS_ID_TOKEN_REQUEST_URL (loopback, with `?api-version=2.0`). */
  requestUrl: string;
  /** Value for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string;
  /** The claim set of issued tokens (editable). `sub` is derived from repository/ref/environment unless set. */
  claims: Record<string, unknown>;
  issued: Array<{ audience: string; jwt: string }>;
  /** Every request to the token endpoint, answered or refused. */
  requests: Array<{ audience: string | null; status: number }>;
  mint(audience: string, overrides?: Record<string, unknown>): Promise<string>;
  verify(jwt: string, audience: string): Promise<Record<string, unknown>>;
  failNext(status: number): void;
  /** ID-token lifetime in seconds for tokens issued from now on. */
  lifetime: number;
  close(): Promise<void>;
}

/** The claims GitHub puts in an Actions ID token (docs: "About security hardening with OpenID Connect"). */
export function githubClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: GITHUB_ISSUER,
    repository: "acme/demo",
    repository_owner: "acme",
    repository_owner_id: "1001",
    repository_id: "2002",
    repository_visibility: "public",
    actor: "octocat",
    actor_id: "3003",
    workflow: "Release",
    workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
    workflow_sha: "a".repeat(40),
    job_workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
    job_workflow_sha: "a".repeat(40),
    ref: "refs/heads/main",
    ref_type: "branch",
    ref_protected: "true",
    sha: "a".repeat(40),
    event_name: "push",
    run_id: "4004",
    run_number: "7",
    run_attempt: "1",
    runner_environment: "github-hosted",
    ...overrides,
  };
}

/** The claims of a GitLab CI ID token for `acme/demo` running `.gitlab-ci.yml` on main. */
export function gitlabClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: GITLAB_ISSUER,
    sub: "project_path:acme/demo:ref_type:branch:ref:main",
    namespace_id: "11",
    namespace_path: "acme",
    project_id: "22",
    project_path: "acme/demo",
    user_login: "octocat",
    pipeline_id: "33",
    pipeline_source: "push",
    job_id: "44",
    ref: "main",
    ref_type: "branch",
    ref_path: "refs/heads/main",
    ref_protected: "true",
    ci_config_ref_uri: "gitlab.com/acme/demo//.gitlab-ci.yml@refs/heads/main",
    ci_config_sha: "b".repeat(40),
    sha: "b".repeat(40),
    project_visibility: "public",
    runner_environment: "gitlab-hosted",
    ...overrides,
  };
}

function deriveSub(claims: Record<string, unknown>): string {
  if (claims.environment)
    return `repo:${String(claims.repository)}:environment:${String(claims.environment)}`;
  return `repo:${String(claims.repository)}:ref:${String(claims.ref)}`;
}

export async function startFakeOidcIssuer(
  options: { claims?: Record<string, unknown> } = {},
): Promise<FakeOidcIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const jwks = createLocalJWKSet({ keys: [jwk] });
  const requestToken = randomBytes(24).toString("hex");
  const failures: number[] = [];

  const issuer: Omit<FakeOidcIssuer, "origin" | "fetch" | "routes" | "requestUrl" | "close"> = {
    requestToken,
    claims: githubClaims(options.claims),
    issued: [],
    requests: [],
    lifetime: 600,
    async mint(audience, overrides = {}) {
      const claims: Record<string, unknown> = { ...issuer.claims, ...overrides };
      if (claims.sub === undefined && claims.iss === GITHUB_ISSUER) claims.sub = deriveSub(claims);
      const now = Math.floor(Date.now() / 1000);
      const { iss, ...rest } = claims;
      const jwt = await new SignJWT({ ...rest, jti: randomUUID() })
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(String(iss))
        .setAudience(audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + issuer.lifetime)
        .sign(privateKey);
      issuer.issued.push({ audience, jwt });
      return jwt;
    },
    async verify(jwt, audience) {
      const { payload } = await jwtVerify(jwt, jwks, {
        algorithms: ["RS256"],
        audience,
        clockTolerance: 30,
        requiredClaims: ["iss", "iat", "exp", "aud"],
      });
      if (Array.isArray(payload.aud) && payload.aud.length !== 1) throw new Error("more than one audience");
      return payload as Record<string, unknown>;
    },
    failNext(status) {
      failures.push(status);
    },
  };

  const server = await startLoopback(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/.well-known/openid-configuration") {
      const host = String(req.headers["x-forwarded-host"] ?? "token.actions.githubusercontent.com");
      return json(200, {
        issuer: `https://${host}`,
        jwks_uri: `https://${host}/.well-known/jwks`,
        id_token_signing_alg_values_supported: ["RS256"],
      });
    }
    if (
      req.method === "GET" &&
      (url.pathname === "/.well-known/jwks" || url.pathname === "/oauth/discovery/keys")
    ) {
      return json(200, { keys: [jwk] });
    }
    if (url.pathname === "/_apis/token") {
      const audience = url.searchParams.get("audience");
      const record = (status: number) => issuer.requests.push({ audience, status });
      if (req.method !== "GET") {
        record(405);
        return json(405, { message: "method not allowed" });
      }
      const auth = String(req.headers.authorization ?? "");
      if (!/^bearer /i.test(auth) || auth.slice(7) !== requestToken) {
        record(401);
        return json(401, { message: "invalid runtime token" });
      }
      if (url.searchParams.get("api-version") !== "2.0") {
        record(400);
        return json(400, { message: "api-version missing (the client replaced the query string)" });
      }
      const failure = failures.shift();
      if (failure !== undefined) {
        record(failure);
        return json(failure, { message: "injected failure" });
      }
      const owner = String(issuer.claims.repository_owner ?? "acme");
      const jwt = await issuer.mint(audience ?? `https://github.com/${owner}`);
      record(200);
      return json(200, { count: 1, value: jwt });
    }
    json(404, { message: "not found" });
  });
  // gitlab.com is not routed here: a fake GitLab API may own that name; the fake index verifies locally anyway.
  const routes = { "token.actions.githubusercontent.com": server.origin };
  return Object.assign(issuer, {
    origin: server.origin,
    routes,
    fetch: routeHosts(routes),
    requestUrl: `${server.origin}/_apis/token?api-version=2.0`,
    close: () => server.close(),
  }) as FakeOidcIssuer;
}
