import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubIdTokenAvailable, requestGitHubIdToken } from "../../../src/adapters/oidc/github-id-token.js";
import { contextFrom } from "../../../src/commands/context.js";
import { decodeClaims } from "../../../src/core/publish/claims.js";
import { rejected } from "../../support/caught.js";
import { type FakeOidcIssuer, startFakeOidcIssuer } from "../../support/fake-oidc.js";
import { expectNoSecrets } from "../../support/secrets.js";

let issuer: FakeOidcIssuer;
beforeAll(async () => {
  issuer = await startFakeOidcIssuer();
});
afterAll(() => issuer.close());

function ctx(env: Record<string, string | undefined>, registered: string[] = []) {
  return contextFrom({ env, fetch: issuer.fetch, registerSecret: (s) => registered.push(s) });
}
const env = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
});

describe("requestGitHubIdToken", () => {
  it("appends the audience to the request URL's query and returns a token for that audience", async () => {
    const registered: string[] = [];
    const jwt = await requestGitHubIdToken(ctx(env(), registered), "pypi");
    const claims = decodeClaims(jwt);
    expect(claims.aud).toBe("pypi");
    expect(claims.repository).toBe("acme/demo");
    expect(await issuer.verify(jwt, "pypi")).toMatchObject({
      iss: "https://token.actions.githubusercontent.com",
    });
    expect(registered).toEqual([jwt]);
    expect(issuer.requests.at(-1)).toEqual({ audience: "pypi", status: 200 });
  });

  it("returns a different token on every call", async () => {
    const a = await requestGitHubIdToken(ctx(env()), "sigstore");
    const b = await requestGitHubIdToken(ctx(env()), "sigstore");
    expect(a).not.toBe(b);
    expect(decodeClaims(a).jti).not.toBe(decodeClaims(b).jti);
  });

  it("without the request variables: the job lacks id-token: write", async () => {
    expect(githubIdTokenAvailable({ ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl })).toBe(false);
    const error = await rejected(requestGitHubIdToken(ctx({ ACTIONS_ID_TOKEN_REQUEST_TOKEN: "x" }), "pypi"));
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toContain("id-token: write");
    expect(error.hint).toContain("permissions:\n  id-token: write");
  });

  it("a refused request names the status, never the bearer value", async () => {
    issuer.failNext(403);
    const error = await rejected(requestGitHubIdToken(ctx(env()), "pypi"));
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toContain("for audience 'pypi': the token request returned 403");
    const wrong = await rejected(
      requestGitHubIdToken(ctx({ ...env(), ACTIONS_ID_TOKEN_REQUEST_TOKEN: "wrong-bearer-value" }), "pypi"),
    );
    expect(wrong.message).toContain("returned 401");
    expectNoSecrets(
      [error.message, error.hint ?? "", wrong.message],
      [issuer.requestToken, "wrong-bearer-value"],
    );
  });

  it("an unreachable endpoint is a token request failure naming the host", async () => {
    const error = await rejected(
      requestGitHubIdToken(
        ctx({
          ...env(),
          ACTIONS_ID_TOKEN_REQUEST_URL: "https://pipelines.invalid/_apis/token?api-version=2.0",
        }),
        "pypi",
      ),
    );
    expect(error.message).toContain("cannot reach pipelines.invalid");
  });
});
