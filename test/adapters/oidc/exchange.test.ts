import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveRegistry } from "../../../src/adapters/index/registry.js";
import { discoverAudience } from "../../../src/adapters/oidc/audience.js";
import { mintToken } from "../../../src/adapters/oidc/mint-token.js";
import { contextFrom } from "../../../src/commands/context.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";
import { rejected } from "../../support/caught.js";
import { type FakeOidcIssuer, startFakeOidcIssuer } from "../../support/fake-oidc.js";
import {
  createTrustedPublishing,
  startTrustedPublishingStandIn,
  type TrustedPublishingHandler,
} from "../../support/fake-pypi-oidc.js";
import { mergeRoutes, routeHosts, startLoopback } from "../../support/loopback.js";
import { expectNoSecrets } from "../../support/secrets.js";

let issuer: FakeOidcIssuer;
let tp: TrustedPublishingHandler;
let standIn: Awaited<ReturnType<typeof startTrustedPublishingStandIn>>;
const registry = resolveRegistry(DEFAULT_CONFIG.publish, {});
const exchange = { registry, project: "demo" };

beforeAll(async () => {
  issuer = await startFakeOidcIssuer();
  tp = createTrustedPublishing({
    issuer,
    publishers: [{ owner: "acme", repository: "demo", workflow: "release.yml", project: "demo" }],
  });
  standIn = await startTrustedPublishingStandIn(tp, () => ["demo"]);
});
afterAll(async () => {
  await standIn.close();
  await issuer.close();
});
afterEach(() => {
  tp.mode = "enabled";
});

const ctx = () =>
  contextFrom({ env: {}, fetch: mergeRoutes(standIn.routes, issuer.routes), registerSecret: () => {} });

describe("discoverAudience", () => {
  it("asks the upload host's /_/oidc/audience", async () => {
    expect(await discoverAudience(ctx(), registry)).toBe("pypi");
    expect(tp.calls.at(-1)).toMatchObject({ method: "GET", path: "/_/oidc/audience", status: 200 });
  });

  it("403 means disabled and 404 unsupported (E_TP_UNSUPPORTED)", async () => {
    tp.mode = "disabled";
    const disabled = await rejected(discoverAudience(ctx(), registry));
    expect(disabled.code).toBe("E_TP_UNSUPPORTED");
    expect(disabled.message).toBe(
      "PyPI does not support trusted publishing (audience endpoint returned 403): the index has trusted publishing disabled (Trusted publishing functionality not enabled)",
    );
    tp.mode = "unsupported";
    expect((await rejected(discoverAudience(ctx(), registry))).message).toContain("returned 404");
  });

  it("an unreachable index is E_NETWORK", async () => {
    const error = await rejected(discoverAudience(contextFrom({ fetch: routeHosts({}) }), registry));
    expect(error.code).toBe("E_NETWORK");
    expect(error.message).toContain("cannot reach upload.pypi.org");
  });
});

describe("mintToken", () => {
  it("exchanges an ID token for a 15-minute index token", async () => {
    const before = Date.now();
    const minted = await mintToken(ctx(), exchange, await issuer.mint("pypi"));
    expect(minted.token).toMatch(/^pypi-fake-/);
    expect(minted.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 899_000);
    expect(tp.authorize(minted.token, "demo").ok).toBe(true);
    expect(tp.authorize(minted.token, "other")).toEqual({
      ok: false,
      status: 403,
      message: "Invalid API Token: OIDC scoped token is not valid for project 'other'",
    });
  });

  it("a token for another audience is invalid-token", async () => {
    const jwt = await issuer.mint("sigstore");
    const error = await rejected(mintToken(ctx(), exchange, jwt));
    expect(error.code).toBe("E_TP_EXCHANGE");
    expect(error.message).toContain("`invalid-token`: malformed or invalid token");
    expect(error.message).toContain("audience: sigstore");
    expectNoSecrets([error.message, JSON.stringify(error.details)], [jwt, jwt.split(".")[2]!]);
  });

  it("pull_request_target runs are refused by the index with its reason", async () => {
    const error = await rejected(
      mintToken(ctx(), exchange, await issuer.mint("pypi", { event_name: "pull_request_target" })),
    );
    expect(error.message).toContain(
      "Publishing from a workflow invoked via 'pull_request_target' is not supported.",
    );
  });

  it("tokens of an unknown issuer (GitHub Enterprise Server) are explained", async () => {
    const error = await rejected(
      mintToken(ctx(), exchange, await issuer.mint("pypi", { iss: "https://ghes.example/_services/token" })),
    );
    expect(error.message).toContain("unknown trusted publishing issuer");
    expect(error.message).toContain("GitHub Enterprise Server");
  });

  it("a non-JSON answer reads as a possible outage", async () => {
    const broken = await startLoopback((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>Bad gateway</html>");
    });
    try {
      const fetch = routeHosts({ "upload.pypi.org": broken.origin });
      const error = await rejected(mintToken(contextFrom({ fetch }), exchange, await issuer.mint("pypi")));
      expect(error.message).toContain("unexpected 502 response");
      expect(error.message).toContain("https://status.python.org/");
    } finally {
      await broken.close();
    }
  });
});
