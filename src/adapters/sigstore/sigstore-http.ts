/**
 * Fulcio and Rekor clients over `ctx.fetch`, plugged into @sigstore/sign's bundle builder through its `Signer` and
 * `Witness` interfaces: the library assembles the DSSE envelope and the bundle, releasio makes the HTTP requests
 * (so tests route fulcio.sigstore.dev / rekor.sigstore.dev to loopback stand-ins like every other host).
 *
 * Fulcio v2 `POST /api/v2/signingCert`: an ephemeral P-256 public key, a proof of possession (the token's subject
 * signed with that key) and the ID token → a certificate chain. Rekor v1 `POST /api/v1/log/entries` with a `dsse`
 * 0.0.1 entry → `{uuid: {body, integratedTime, logID, logIndex, verification}}` (PYPI.md §9.2).
 */
import { generateKeyPairSync, sign } from "node:crypto";
import { envelopeToJSON, type TransparencyLogEntry } from "@sigstore/bundle";
import type { Signature, SignatureBundle, Signer, VerificationMaterial, Witness } from "@sigstore/sign";
import type { CommandContext } from "../../commands/context.js";
import { ReleasioError } from "../../core/errors.js";
import { decodeClaims } from "../../core/publish/claims.js";
import { networkError } from "../http/network-error.js";

const TIMEOUT_MS = 30_000;
const ATTEMPTS = 3;

function failure(message: string): ReleasioError {
  return new ReleasioError("E_ATTESTATION_FAILED", message, {
    hint: "check publish.fulcio_url and publish.rekor_url, or set publish.attestations = false to upload without attestations",
  });
}

/** POSTs JSON, retrying network failures, 5xx, 408 and 429; answers the parsed body of a 2xx. */
async function postJson(ctx: CommandContext, service: string, url: string, body: unknown): Promise<unknown> {
  let last = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let response: Response;
    try {
      response = await ctx.fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      last = networkError(url, error).message;
      continue;
    }
    const text = await response.text().catch(() => "");
    if (response.status >= 200 && response.status < 300) {
      try {
        return JSON.parse(text);
      } catch {
        throw failure(`${service} answered ${response.status} with something other than JSON`);
      }
    }
    let message = response.statusText;
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === "string") message = parsed.message;
    } catch {
      // keep the reason phrase
    }
    last = `${service} answered ${response.status}${message ? `: ${message.slice(0, 300)}` : ""}`;
    const transient = response.status >= 500 || response.status === 408 || response.status === 429;
    if (!transient) break;
  }
  throw failure(last);
}

/** Fulcio's certificate for an ephemeral key, then the signature: one fresh key, ID token and certificate per call. */
export class FulcioHttpSigner implements Signer {
  constructor(
    private readonly ctx: CommandContext,
    private readonly baseUrl: string,
    private readonly idToken: () => Promise<string>,
  ) {}

  async sign(data: Buffer): Promise<Signature> {
    const token = await this.idToken();
    let subject: string;
    try {
      const claims = decodeClaims(token);
      subject = String(claims.sub ?? claims.email ?? "");
    } catch {
      throw failure("the sigstore ID token is not a JWT");
    }
    if (subject === "") throw failure("the sigstore ID token has no subject");
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const publicPem = publicKey.export({ format: "pem", type: "spki" }).toString();
    const proof = sign("sha256", Buffer.from(subject), privateKey);
    const answer = (await postJson(this.ctx, "Fulcio", `${this.baseUrl}/api/v2/signingCert`, {
      credentials: { oidcIdentityToken: token },
      publicKeyRequest: {
        publicKey: { algorithm: "ECDSA", content: publicPem },
        proofOfPossession: proof.toString("base64"),
      },
    })) as {
      signedCertificateEmbeddedSct?: { chain?: { certificates?: string[] } };
      signedCertificateDetachedSct?: { chain?: { certificates?: string[] } };
    };
    const chain = (answer.signedCertificateEmbeddedSct ?? answer.signedCertificateDetachedSct)?.chain
      ?.certificates;
    const leaf = chain?.[0];
    if (typeof leaf !== "string" || !leaf.includes("BEGIN CERTIFICATE")) {
      throw failure("Fulcio's answer carried no certificate");
    }
    return {
      signature: sign("sha256", data, privateKey),
      key: { $case: "x509Certificate", certificate: leaf },
    };
  }
}

interface RekorEntry {
  body: string;
  integratedTime: number;
  logID: string;
  logIndex: number;
  verification?: {
    signedEntryTimestamp?: string;
    inclusionProof?: {
      logIndex: number;
      treeSize: number;
      rootHash: string;
      hashes: string[];
      checkpoint: string;
    };
  };
}

/** A Rekor v1 `dsse` entry for the signed envelope, returned as the bundle's transparency log entry. */
export class RekorHttpWitness implements Witness {
  constructor(
    private readonly ctx: CommandContext,
    private readonly baseUrl: string,
  ) {}

  async testify(content: SignatureBundle, publicKey: string): Promise<VerificationMaterial> {
    if (content.$case !== "dsseEnvelope") throw failure("only DSSE envelopes are logged");
    const proposed = {
      apiVersion: "0.0.1",
      kind: "dsse",
      spec: {
        proposedContent: {
          envelope: JSON.stringify(envelopeToJSON(content.dsseEnvelope)),
          verifiers: [Buffer.from(publicKey).toString("base64")],
        },
      },
    };
    const answer = (await postJson(
      this.ctx,
      "Rekor",
      `${this.baseUrl}/api/v1/log/entries`,
      proposed,
    )) as Record<string, RekorEntry>;
    const entry = Object.values(answer ?? {})[0];
    if (entry === undefined || typeof entry.body !== "string")
      throw failure("Rekor's answer carried no log entry");
    return { tlogEntries: [toTransparencyLogEntry(entry)] };
  }
}

function toTransparencyLogEntry(entry: RekorEntry): TransparencyLogEntry {
  const body = JSON.parse(Buffer.from(entry.body, "base64").toString("utf8")) as {
    kind?: string;
    apiVersion?: string;
  };
  const proof = entry.verification?.inclusionProof;
  const promise = entry.verification?.signedEntryTimestamp;
  return {
    logIndex: String(entry.logIndex),
    logId: { keyId: Buffer.from(entry.logID, "hex") },
    kindVersion: { kind: body.kind ?? "", version: body.apiVersion ?? "" },
    integratedTime: String(entry.integratedTime),
    inclusionPromise: promise ? { signedEntryTimestamp: Buffer.from(promise, "base64") } : undefined,
    inclusionProof: proof
      ? {
          logIndex: String(proof.logIndex),
          treeSize: String(proof.treeSize),
          rootHash: Buffer.from(proof.rootHash, "hex"),
          hashes: proof.hashes.map((h) => Buffer.from(h, "hex")),
          checkpoint: { envelope: proof.checkpoint },
        }
      : undefined,
    canonicalizedBody: Buffer.from(entry.body, "base64"),
  };
}
