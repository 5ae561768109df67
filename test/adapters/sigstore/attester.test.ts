import { createHash, verify, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveRegistry } from "../../../src/adapters/index/registry.js";
import {
  attestationDecision,
  createAttester,
  type Pep740Attestation,
  sigstoreIdTokenSource,
  visibilityFromClaims,
} from "../../../src/adapters/sigstore/attester.js";
import { contextFrom } from "../../../src/commands/context.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";
import { ReleasioError } from "../../../src/core/errors.js";
import { type FakeOidcIssuer, startFakeOidcIssuer } from "../../support/fake-oidc.js";
import { type FakeSigstore, startFakeSigstore } from "../../support/fake-sigstore.js";
import { mergeRoutes } from "../../support/loopback.js";
import { expectNoSecrets } from "../../support/secrets.js";

let issuer: FakeOidcIssuer;
let sigstore: FakeSigstore;
beforeAll(async () => {
  issuer = await startFakeOidcIssuer();
  sigstore = await startFakeSigstore({ issuer });
});
afterAll(async () => {
  await sigstore.close();
  await issuer.close();
});

const WHEEL = "demo-1.1.0-py3-none-any.whl";
const SHA = createHash("sha256").update("wheel bytes").digest("hex");

function actionsContext(registered: string[] = []) {
  return contextFrom({
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
    },
    fetch: mergeRoutes(issuer.routes, sigstore.routes),
    registerSecret: (s) => registered.push(s),
  });
}

function attester(registered: string[] = []) {
  const ctx = actionsContext(registered);
  return createAttester(ctx, {
    fulcioUrl: sigstore.fulcioUrl,
    rekorUrl: sigstore.rekorUrl,
    idToken: sigstoreIdTokenSource(ctx)!,
    allowHttpLocalhost: true,
  });
}

/** DSSE pre-authentication encoding: what the signature covers. */
function pae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

describe("createAttester: a real signing round-trip against local Fulcio and Rekor", () => {
  it("signs one in-toto statement per file and returns PEP 740's attestation object", async () => {
    const registered: string[] = [];
    const before = issuer.issued.length;
    const attestation = (await attester(registered).attest({
      filename: WHEEL,
      sha256: SHA,
    })) as Pep740Attestation;

    expect(Object.keys(attestation).sort()).toEqual(["envelope", "verification_material", "version"]);
    expect(attestation.version).toBe(1);
    const statementBytes = Buffer.from(attestation.envelope.statement, "base64");
    expect(JSON.parse(statementBytes.toString("utf8"))).toEqual({
      _type: "https://in-toto.io/Statement/v1",
      subject: [{ name: WHEEL, digest: { sha256: SHA } }],
      predicateType: "https://docs.pypi.org/attestations/publish/v1",
      predicate: {},
    });

    // The certificate chains to the stand-in CA and its key verifies the DSSE signature.
    const certificate = new X509Certificate(
      Buffer.from(attestation.verification_material.certificate, "base64"),
    );
    expect(certificate.verify(new X509Certificate(sigstore.rootCertificate).publicKey)).toBe(true);
    const signature = Buffer.from(attestation.envelope.signature, "base64");
    expect(
      verify("sha256", pae("application/vnd.in-toto+json", statementBytes), certificate.publicKey, signature),
    ).toBe(true);

    // One Rekor dsse entry with its promise and proof, in protobuf-JSON form.
    expect(attestation.verification_material.transparency_entries).toHaveLength(1);
    const entry = attestation.verification_material.transparency_entries[0] as {
      kindVersion: unknown;
      logIndex: unknown;
      integratedTime: unknown;
      logId: { keyId: string };
      inclusionPromise: { signedEntryTimestamp: string };
      inclusionProof: { checkpoint: { envelope: string } };
      canonicalizedBody: string;
    };
    expect(entry.kindVersion).toEqual({ kind: "dsse", version: "0.0.1" });
    expect(typeof entry.logIndex).toBe("string");
    expect(typeof entry.integratedTime).toBe("string");
    expect(entry.logId.keyId).toBe(createHash("sha256").update(sigstore.rekorPublicKey).digest("base64"));
    expect(entry.inclusionPromise.signedEntryTimestamp).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(entry.inclusionProof.checkpoint.envelope).toContain("\n");
    const body = JSON.parse(Buffer.from(entry.canonicalizedBody, "base64").toString("utf8"));
    expect(body).toMatchObject({ kind: "dsse", apiVersion: "0.0.1" });
    for (const text of [
      attestation.envelope.statement,
      attestation.envelope.signature,
      attestation.verification_material.certificate,
    ]) {
      expect(text).not.toMatch(/\s/);
    }

    // A sigstore-audience token from the CI, registered as a secret, never present in the output.
    expect(issuer.issued.slice(before).map((i) => i.audience)).toEqual(["sigstore"]);
    expect(sigstore.certificates.at(-1)).toMatchObject({
      audience: "sigstore",
      status: 201,
      subject: "repo:acme/demo:ref:refs/heads/main",
    });
    expect(sigstore.entries.at(-1)).toEqual({ kind: "dsse", apiVersion: "0.0.1", status: 201 });
    expect(new Set(registered)).toEqual(new Set([issuer.issued.at(-1)!.jwt]));
    expectNoSecrets([JSON.stringify(attestation)], registered);
  });

  it("requests a fresh ID token and certificate for each file", async () => {
    const signer = attester();
    const before = issuer.issued.length;
    const certificatesBefore = sigstore.certificates.length;
    const a = (await signer.attest({ filename: WHEEL, sha256: SHA })) as Pep740Attestation;
    const b = (await signer.attest({ filename: "demo-1.1.0.tar.gz", sha256: SHA })) as Pep740Attestation;
    expect(issuer.issued.length - before).toBe(2);
    expect(sigstore.certificates.length - certificatesBefore).toBe(2);
    expect(a.verification_material.certificate).not.toBe(b.verification_material.certificate);
  });

  it("talks to the default public Fulcio and Rekor hosts through ctx.fetch, retrying a transient 503", async () => {
    const ctx = actionsContext();
    const signer = createAttester(ctx, {
      fulcioUrl: DEFAULT_CONFIG.publish.fulcio_url,
      rekorUrl: DEFAULT_CONFIG.publish.rekor_url,
      idToken: sigstoreIdTokenSource(ctx)!,
    });
    sigstore.failNext("rekor", 503);
    const entries = sigstore.entries.length;
    const attestation = (await signer.attest({ filename: WHEEL, sha256: SHA })) as Pep740Attestation;
    expect(sigstore.entries.slice(entries).map((e) => e.status)).toEqual([503, 201]);
    expect(attestation.verification_material.transparency_entries).toHaveLength(1);
  });

  it("a Fulcio refusal is E_ATTESTATION_FAILED without the ID token in the message", async () => {
    sigstore.failNext("fulcio", 400);
    const error = await attester()
      .attest({ filename: WHEEL, sha256: SHA })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ReleasioError);
    expect((error as ReleasioError).code).toBe("E_ATTESTATION_FAILED");
    expect((error as ReleasioError).message).toContain(`signing the attestation for ${WHEEL} failed`);
    expectNoSecrets(
      [(error as ReleasioError).message],
      issuer.issued.map((i) => i.jwt),
    );
  });

  it("publish.fulcio_url and publish.rekor_url must be https, except loopback with publish.allow_http_localhost", () => {
    const ctx = actionsContext();
    const idToken = async () => "unused";
    expect(() =>
      createAttester(ctx, {
        fulcioUrl: "http://fulcio.example",
        rekorUrl: sigstore.rekorUrl,
        idToken,
        allowHttpLocalhost: true,
      }),
    ).toThrow(/publish\.fulcio_url: 'http:\/\/fulcio\.example' must use https/);
    expect(() =>
      createAttester(ctx, { fulcioUrl: sigstore.fulcioUrl, rekorUrl: sigstore.rekorUrl, idToken }),
    ).toThrow(/E_INSECURE_URL|must use https/);
    expect(() =>
      createAttester(ctx, {
        fulcioUrl: "https://fulcio.sigstore.dev",
        rekorUrl: "https://rekor.sigstore.dev",
        idToken,
      }),
    ).not.toThrow();
  });
});

describe("attestationDecision: publish.attestations (§7.6)", () => {
  const pypi = resolveRegistry(DEFAULT_CONFIG.publish, {});
  const custom = resolveRegistry(
    { ...DEFAULT_CONFIG.publish, registry: "https://pypi.corp.example/legacy/" },
    {},
  );
  const auto = { attestations: "auto" as const };

  it("auto signs trusted-publishing uploads to PyPI from public repositories", () => {
    expect(
      attestationDecision(auto, { trustedPublishing: true, registry: pypi, visibility: "public" }),
    ).toEqual({ sign: true, warning: null });
  });

  it("auto skips private/internal repositories and other indexes with W_ATTESTATIONS_SKIPPED", () => {
    for (const visibility of ["private", "internal", null] as const) {
      const decision = attestationDecision(auto, { trustedPublishing: true, registry: pypi, visibility });
      expect(decision.sign).toBe(false);
      expect(decision.warning?.code).toBe("W_ATTESTATIONS_SKIPPED");
    }
    const other = attestationDecision(auto, {
      trustedPublishing: true,
      registry: custom,
      visibility: "public",
    });
    expect(other.sign).toBe(false);
    expect(other.warning?.message).toContain("pypi.corp.example is not PyPI or TestPyPI");
  });

  it("token uploads never sign: silently under auto, with a warning under true", () => {
    expect(
      attestationDecision(auto, { trustedPublishing: false, registry: pypi, visibility: "public" }),
    ).toEqual({ sign: false, warning: null });
    expect(
      attestationDecision(
        { attestations: true },
        { trustedPublishing: false, registry: pypi, visibility: "public" },
      ).warning?.code,
    ).toBe("W_ATTESTATIONS_SKIPPED");
  });

  it("true signs wherever possible; false never signs", () => {
    expect(
      attestationDecision(
        { attestations: true },
        { trustedPublishing: true, registry: custom, visibility: "private" },
      ).sign,
    ).toBe(true);
    expect(
      attestationDecision(
        { attestations: true },
        { trustedPublishing: true, registry: pypi, visibility: "public", sigstoreIdentity: false },
      ).sign,
    ).toBe(false);
    expect(
      attestationDecision(
        { attestations: false },
        { trustedPublishing: true, registry: pypi, visibility: "public" },
      ),
    ).toEqual({ sign: false, warning: null });
  });

  it("takes sigstore ID tokens from the Actions request endpoint, else SIGSTORE_ID_TOKEN, else none", async () => {
    expect(sigstoreIdTokenSource(contextFrom({ env: {} }))).toBeNull();
    const gitlab = sigstoreIdTokenSource(contextFrom({ env: { SIGSTORE_ID_TOKEN: "declared-jwt-value" } }));
    expect(await gitlab!()).toBe("declared-jwt-value");
    const before = issuer.requests.length;
    await sigstoreIdTokenSource(actionsContext())!();
    expect(issuer.requests.slice(before)).toEqual([{ audience: "sigstore", status: 200 }]);
  });

  it("reads visibility from GitHub and GitLab claims", () => {
    expect(visibilityFromClaims({ repository_visibility: "private" })).toBe("private");
    expect(visibilityFromClaims({ project_visibility: "public" })).toBe("public");
    expect(visibilityFromClaims({})).toBeNull();
  });
});
