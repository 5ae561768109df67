/**
 * PEP 740 attestations (PRODUCT.md §7.6, PYPI.md §9): one in-toto statement per distribution, DSSE-signed with a
 * short-lived Fulcio certificate for a `sigstore`-audience ID token and witnessed by a Rekor `dsse` entry, converted
 * to PyPI's attestation object.
 *
 * @sigstore/sign's own Fulcio/Rekor clients use their own HTTP stack (make-fetch-happen, no fetch option), so
 * releasio plugs its own `ctx.fetch` clients into the library's bundle builder (sigstore-http.ts).
 * `publish.fulcio_url` / `publish.rekor_url` choose the instances.
 */
import { bundleToJSON } from "@sigstore/bundle";
import { DSSEBundleBuilder } from "@sigstore/sign";
import type { CommandContext } from "../../commands/context.js";
import { isLoopbackHost } from "../../core/config/rules.js";
import type { ReleasioConfig } from "../../core/config/schema.js";
import { ReleasioError, type Warning } from "../../core/errors.js";
import type { DistAttester } from "../index/credentials-port.js";
import type { RegistryInfo } from "../index/registry.js";
import { githubIdTokenAvailable, requestGitHubIdToken } from "../oidc/github-id-token.js";
import { FulcioHttpSigner, RekorHttpWitness } from "./sigstore-http.js";

export const PUBLISH_PREDICATE_TYPE = "https://docs.pypi.org/attestations/publish/v1";
export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** The file name convention shared by twine, uv and gh-action-pypi-publish. */
export const ATTESTATION_SUFFIX = ".publish.attestation";

/** PEP 740's attestation object, as sent in the upload's `attestations` JSON array. */
export interface Pep740Attestation {
  version: 1;
  verification_material: { certificate: string; transparency_entries: Record<string, unknown>[] };
  envelope: { statement: string; signature: string };
  [key: string]: unknown;
}

/** The in-toto v1 statement PyPI expects for one file. */
export function publishStatement(dist: { filename: string; sha256: string }): Record<string, unknown> {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [{ name: dist.filename, digest: { sha256: dist.sha256.toLowerCase() } }],
    predicateType: PUBLISH_PREDICATE_TYPE,
    predicate: {},
  };
}

interface SerializedBundle {
  verificationMaterial?: {
    certificate?: { rawBytes?: string };
    x509CertificateChain?: { certificates?: Array<{ rawBytes?: string }> };
    tlogEntries?: Record<string, unknown>[];
  };
  dsseEnvelope?: { payload?: string; signatures?: Array<{ sig?: string }> };
}

/** Sigstore bundle (v0.2/v0.3 JSON) → PEP 740 object (PYPI.md §9.4). */
export function bundleToAttestation(bundle: SerializedBundle): Pep740Attestation {
  const material = bundle.verificationMaterial;
  const certificate =
    material?.certificate?.rawBytes ?? material?.x509CertificateChain?.certificates?.[0]?.rawBytes;
  const entry = material?.tlogEntries?.[0];
  const payload = bundle.dsseEnvelope?.payload;
  const signatures = bundle.dsseEnvelope?.signatures ?? [];
  if (!certificate || !entry || !payload || signatures.length !== 1 || !signatures[0]?.sig) {
    throw new Error(
      "the Sigstore bundle lacks a certificate, a transparency log entry or exactly one DSSE signature",
    );
  }
  return {
    version: 1,
    verification_material: { certificate, transparency_entries: [entry] },
    envelope: { statement: payload, signature: signatures[0].sig },
  };
}

export interface AttesterOptions {
  fulcioUrl: string;
  rekorUrl: string;
  /** A fresh `sigstore`-audience ID token per call. */
  idToken: () => Promise<string>;
  /** `publish.allow_http_localhost`: permits http for loopback Sigstore stand-ins. */
  allowHttpLocalhost?: boolean;
}

function checkServiceUrl(key: string, value: string, allowHttpLocalhost: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReleasioError("E_CONFIG_INVALID", `${key}: '${value}' is not a URL`);
  }
  if (url.protocol === "https:") return value.replace(/\/+$/, "");
  if (url.protocol === "http:" && allowHttpLocalhost && isLoopbackHost(url.hostname))
    return value.replace(/\/+$/, "");
  throw new ReleasioError(
    "E_INSECURE_URL",
    `${key}: '${value}' must use https (http is only allowed for localhost with publish.allow_http_localhost)`,
  );
}

/** Removes every secret from a library error's text: @sigstore/sign quotes the identity token in some errors. */
function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length > 0) clean = clean.split(secret).join("[redacted]");
  return clean.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, "[redacted]").slice(0, 500);
}

export function createAttester(ctx: CommandContext, options: AttesterOptions): DistAttester {
  const fulcioBaseURL = checkServiceUrl(
    "publish.fulcio_url",
    options.fulcioUrl,
    options.allowHttpLocalhost ?? false,
  );
  const rekorBaseURL = checkServiceUrl(
    "publish.rekor_url",
    options.rekorUrl,
    options.allowHttpLocalhost ?? false,
  );
  const tokens: string[] = [];
  const idToken = async () => {
    const token = await options.idToken();
    tokens.push(token);
    ctx.registerSecret(token);
    return token;
  };
  // A fresh key, ID token and certificate per file keeps every ID token single-use (PYPI.md §9.2).
  const builder = new DSSEBundleBuilder({
    signer: new FulcioHttpSigner(ctx, fulcioBaseURL, idToken),
    witnesses: [new RekorHttpWitness(ctx, rekorBaseURL)],
  });
  return {
    async attest(dist) {
      const statement = publishStatement(dist);
      ctx.logger.debug(
        `signing an attestation for ${dist.filename} (Fulcio ${fulcioBaseURL}, Rekor ${rekorBaseURL})`,
      );
      try {
        const bundle = await builder.create({
          data: Buffer.from(JSON.stringify(statement)),
          type: IN_TOTO_PAYLOAD_TYPE,
        });
        return bundleToAttestation(bundleToJSON(bundle) as SerializedBundle);
      } catch (error) {
        if (error instanceof ReleasioError && error.code !== "E_ATTESTATION_FAILED") throw error;
        const detail = error instanceof Error ? `${error.message}${causeText(error)}` : "unknown error";
        throw new ReleasioError(
          "E_ATTESTATION_FAILED",
          `signing the attestation for ${dist.filename} failed: ${scrub(detail, tokens)}`,
          {
            hint: "check publish.fulcio_url and publish.rekor_url, or set publish.attestations = false to upload without attestations",
            details: { file: dist.filename },
          },
        );
      }
    },
  };
}

function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? ` (${cause.message})` : "";
}

/** The `sigstore`-audience ID token source of this CI, or null when it offers none (GitLab without SIGSTORE_ID_TOKEN). */
export function sigstoreIdTokenSource(ctx: CommandContext): (() => Promise<string>) | null {
  if (githubIdTokenAvailable(ctx.env)) return () => requestGitHubIdToken(ctx, "sigstore");
  const declared = ctx.env.SIGSTORE_ID_TOKEN?.trim();
  if (declared) return async () => declared;
  return null;
}

/** `repository_visibility` (GitHub) or `project_visibility` (GitLab) of an ID token's claims. */
export function visibilityFromClaims(
  claims: Record<string, unknown> | null,
): "public" | "private" | "internal" | null {
  const value = claims?.repository_visibility ?? claims?.project_visibility;
  return value === "public" || value === "private" || value === "internal" ? value : null;
}

export interface AttestationContext {
  trustedPublishing: boolean;
  registry: Pick<RegistryInfo, "name" | "label">;
  visibility: "public" | "private" | "internal" | null;
  /** Can the CI issue a `sigstore` ID token? Defaults to true. */
  sigstoreIdentity?: boolean;
}

const skipped = (message: string): Warning => ({ code: "W_ATTESTATIONS_SKIPPED", message });

/**
 * Whether to sign (PRODUCT.md §7.6). `auto`: trusted publishing to PyPI/TestPyPI from a public repository;
 * private/internal repositories and other indexes are skipped with W_ATTESTATIONS_SKIPPED (token uploads silently,
 * as attestations need trusted publishing). `true`: wherever possible, warning where impossible. `false`: never.
 */
export function attestationDecision(
  publish: Pick<ReleasioConfig["publish"], "attestations">,
  context: AttestationContext,
): { sign: boolean; warning: Warning | null } {
  const setting = publish.attestations;
  if (setting === false) return { sign: false, warning: null };
  if (!context.trustedPublishing) {
    return setting === true
      ? {
          sign: false,
          warning: skipped(
            "attestations skipped: they need trusted publishing, and this upload uses an API token",
          ),
        }
      : { sign: false, warning: null };
  }
  if (context.sigstoreIdentity === false) {
    return {
      sign: false,
      warning: skipped(
        "attestations skipped: the CI offers no sigstore ID token (on GitLab add id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore)",
      ),
    };
  }
  if (setting === true) return { sign: true, warning: null };
  if (context.registry.name === null) {
    return {
      sign: false,
      warning: skipped(
        `attestations skipped: ${context.registry.label} is not PyPI or TestPyPI, the only indexes known to accept them`,
      ),
    };
  }
  if (context.visibility !== "public") {
    const why =
      context.visibility === null
        ? "the repository's visibility is unknown"
        : `the repository is ${context.visibility}`;
    return {
      sign: false,
      warning: skipped(
        `attestations skipped: ${why}, and signing would publish its identity in the public Sigstore transparency log (set publish.attestations = true to sign anyway)`,
      ),
    };
  }
  return { sign: true, warning: null };
}
