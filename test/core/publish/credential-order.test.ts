import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CredentialFacts, decideCredentials } from "../../../src/core/publish/credential-order.js";

const none = { PYPI_TOKEN: false, UV_PUBLISH_TOKEN: false, TWINE_PASSWORD: false };
const facts = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  trustedPublishing: true,
  oidc: { available: true, ci: "github-actions" },
  present: none,
  twineUsername: null,
  pypirc: null,
  ...over,
});
const noOidc = { available: false as const, ci: null, why: "not running in CI" };

describe("decideCredentials", () => {
  it("prefers trusted publishing over a configured token (seed: Token Precedence)", () => {
    const decision = decideCredentials(facts({ present: { ...none, PYPI_TOKEN: true } }));
    expect(decision).toMatchObject({ use: "trusted-publishing", ci: "github-actions" });
    expect(decision.why).toContain("takes precedence over PYPI_TOKEN");
  });

  it("uses tokens only when trusted_publishing is false", () => {
    const decision = decideCredentials(
      facts({ trustedPublishing: false, present: { ...none, PYPI_TOKEN: true } }),
    );
    expect(decision).toMatchObject({ use: "token", source: "PYPI_TOKEN" });
    expect(decision.why).toContain("publish.trusted_publishing = false");
  });

  it("follows PYPI_TOKEN › UV_PUBLISH_TOKEN › TWINE_PASSWORD › ~/.pypirc", () => {
    const pypirc = { found: true as const, section: "pypi", username: "__token__", hasPassword: true };
    expect(
      decideCredentials(
        facts({ oidc: noOidc, present: { ...none, UV_PUBLISH_TOKEN: true, TWINE_PASSWORD: true }, pypirc }),
      ),
    ).toMatchObject({ source: "UV_PUBLISH_TOKEN" });
    expect(
      decideCredentials(facts({ oidc: noOidc, present: { ...none, TWINE_PASSWORD: true }, pypirc })),
    ).toMatchObject({ source: "TWINE_PASSWORD" });
    expect(decideCredentials(facts({ oidc: noOidc, pypirc }))).toMatchObject({ source: "~/.pypirc" });
  });

  it("accepts TWINE_PASSWORD only with TWINE_USERNAME unset or __token__", () => {
    const present = { ...none, TWINE_PASSWORD: true };
    expect(decideCredentials(facts({ oidc: noOidc, present, twineUsername: "__token__" }))).toMatchObject({
      source: "TWINE_PASSWORD",
    });
    const refused = decideCredentials(facts({ oidc: noOidc, present, twineUsername: "alice" }));
    expect(refused).toMatchObject({ use: "error", code: "E_CREDENTIALS_MISSING" });
    expect(refused.why).toContain("TWINE_USERNAME is 'alice'");
  });

  it("refuses a ~/.pypirc section whose username is not __token__, saying why", () => {
    const decision = decideCredentials(
      facts({ oidc: noOidc, pypirc: { found: true, section: "pypi", username: "bob", hasPassword: true } }),
    );
    expect(decision).toMatchObject({ use: "error", code: "E_CREDENTIALS_MISSING" });
    expect(decision.why).toContain("username 'bob'");
  });

  it("fails with E_TP_TOKEN_REQUEST when trusted publishing is required but unavailable, even with a token", () => {
    const decision = decideCredentials(
      facts({
        trustedPublishing: "required",
        oidc: { available: false, ci: "github-actions", why: "no id-token: write" },
        present: { ...none, PYPI_TOKEN: true },
      }),
    );
    expect(decision).toMatchObject({ use: "error", code: "E_TP_TOKEN_REQUEST" });
  });

  it("explains why trusted publishing was unavailable when nothing is configured", () => {
    const decision = decideCredentials(
      facts({
        oidc: { available: false, ci: "github-actions", why: "the job lacks the id-token: write permission" },
      }),
    );
    expect(decision).toMatchObject({ use: "error", code: "E_CREDENTIALS_MISSING" });
    if (decision.use === "error") expect(decision.tpWhy).toContain("id-token: write");
  });

  it("never picks a source that is absent, and picks trusted publishing whenever it is allowed and available", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(true, false, "required" as const),
        fc.boolean(),
        fc.record({ PYPI_TOKEN: fc.boolean(), UV_PUBLISH_TOKEN: fc.boolean(), TWINE_PASSWORD: fc.boolean() }),
        (tp, oidc, present) => {
          const decision = decideCredentials(
            facts({
              trustedPublishing: tp,
              oidc: oidc ? { available: true, ci: "gitlab-ci" } : noOidc,
              present,
            }),
          );
          if (tp !== false && oidc) return decision.use === "trusted-publishing";
          if (decision.use === "token") return decision.source !== "~/.pypirc" && present[decision.source];
          if (decision.use === "trusted-publishing") return false;
          return tp === "required" || !Object.values(present).some(Boolean);
        },
      ),
    );
  });
});
