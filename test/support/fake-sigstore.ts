/**
 * Loopback stand-ins for Fulcio (`POST /api/v2/signingCert`) and Rekor (`POST /api/v1/log/entries`), built from
 * @sigstore/mock's certificate authority and transparency log (its nock wrapper is not used: real HTTP on
 * 127.0.0.1). Strict: the ID token must verify against the fake OIDC issuer with audience `sigstore`, the proof of
 * possession must verify, and Rekor accepts only `dsse` entries (PyPI cannot verify `intoto`).
 */
import { createPublicKey, generateKeyPairSync, verify, X509Certificate } from "node:crypto";
import { fulcioHandler, initializeCA, initializeCTLog } from "@sigstore/mock/dist/fulcio/index.js";
import { initializeTLog, rekorHandler } from "@sigstore/mock/dist/rekor/index.js";
import { decodeJwt } from "jose";
import type { FakeOidcIssuer } from "./fake-oidc.js";
import { readBody, startLoopback } from "./loopback.js";

export interface FakeSigstore {
  /** Values for `publish.fulcio_url` / `publish.rekor_url` (loopback http; needs `allow_http_localhost`). */
  fulcioUrl: string;
  rekorUrl: string;
  /** Routes for `fulcio.sigstore.dev` and `rekor.sigstore.dev` (the default URLs), for `routeHosts`. */
  routes: Record<string, string>;
  /** The CA's root certificate (PEM), to check chains in tests. */
  rootCertificate: string;
  /** Rekor's public key (DER, SPKI). */
  rekorPublicKey: Buffer;
  certificates: Array<{ subject: string; audience: unknown; status: number }>;
  entries: Array<{ kind: string; apiVersion: string; status: number }>;
  failNext(service: "fulcio" | "rekor", status: number): void;
  close(): Promise<void>;
}

export async function startFakeSigstore(options: { issuer?: FakeOidcIssuer } = {}): Promise<FakeSigstore> {
  const caKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ca = await initializeCA(caKeys, await initializeCTLog(caKeys));
  const fulcio = fulcioHandler(ca, { strict: true });
  const failures: Record<"fulcio" | "rekor", number[]> = { fulcio: [], rekor: [] };
  const certificates: FakeSigstore["certificates"] = [];
  const entries: FakeSigstore["entries"] = [];
  const rekorKeys = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  let rekor: Awaited<ReturnType<typeof rekorHandler>> | null = null;

  const server = await startLoopback(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const send = (status: number, body: string | Buffer, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    if (req.method === "POST" && url.pathname === fulcio.path) {
      const body = (await readBody(req)).toString("utf8");
      const record = (status: number, subject = "", audience: unknown = null) =>
        certificates.push({ subject, audience, status });
      const failure = failures.fulcio.shift();
      if (failure !== undefined) {
        record(failure);
        return send(failure, JSON.stringify({ code: failure, message: "injected failure" }));
      }
      let request: {
        credentials?: { oidcIdentityToken?: string };
        publicKeyRequest?: { publicKey?: { content?: string }; proofOfPossession?: string };
      };
      try {
        request = JSON.parse(body);
      } catch {
        record(400);
        return send(400, JSON.stringify({ code: 400, message: "invalid JSON" }));
      }
      const token = request.credentials?.oidcIdentityToken ?? "";
      let claims: Record<string, unknown>;
      try {
        claims = options.issuer
          ? await options.issuer.verify(token, "sigstore")
          : (decodeJwt(token) as Record<string, unknown>);
      } catch {
        record(401);
        return send(
          401,
          JSON.stringify({ code: 401, message: "There was an error processing the identity token" }),
        );
      }
      const subject = String(claims.sub ?? "");
      const pem = request.publicKeyRequest?.publicKey?.content ?? "";
      const proof = Buffer.from(request.publicKeyRequest?.proofOfPossession ?? "", "base64");
      let possession = false;
      try {
        possession = verify("sha256", Buffer.from(subject), createPublicKey(pem), proof);
      } catch {
        possession = false;
      }
      if (!possession) {
        record(400, subject, claims.aud);
        return send(
          400,
          JSON.stringify({
            code: 400,
            message: "The signature supplied in the request could not be verified",
          }),
        );
      }
      const result = await fulcio.fn(body);
      record(result.statusCode, subject, claims.aud);
      return send(result.statusCode, result.response, result.contentType ?? "text/plain");
    }
    if (req.method === "POST" && url.pathname === "/api/v1/log/entries") {
      const body = (await readBody(req)).toString("utf8");
      let proposed: { kind?: string; apiVersion?: string } = {};
      try {
        proposed = JSON.parse(body);
      } catch {
        // refused below
      }
      const record = (status: number) =>
        entries.push({ kind: String(proposed.kind), apiVersion: String(proposed.apiVersion), status });
      const failure = failures.rekor.shift();
      if (failure !== undefined) {
        record(failure);
        return send(failure, JSON.stringify({ code: failure, message: "injected failure" }));
      }
      if (proposed.kind !== "dsse" || proposed.apiVersion !== "0.0.1") {
        record(400);
        return send(
          400,
          JSON.stringify({
            code: 400,
            message: `unsupported entry kind ${proposed.kind}/${proposed.apiVersion}`,
          }),
        );
      }
      const host = String(req.headers["x-forwarded-host"] ?? req.headers.host);
      rekor ??= rekorHandler(await initializeTLog(`https://${host}`, rekorKeys), { strict: true });
      const result = await rekor.fn(body);
      record(result.statusCode);
      return send(result.statusCode, result.response, result.contentType ?? "text/plain");
    }
    send(404, JSON.stringify({ code: 404, message: "not found" }));
  });
  return {
    fulcioUrl: server.origin,
    rekorUrl: server.origin,
    routes: { "fulcio.sigstore.dev": server.origin, "rekor.sigstore.dev": server.origin },
    rootCertificate: new X509Certificate(ca.rootCertificate).toString(),
    rekorPublicKey: rekorKeys.publicKey.export({ format: "der", type: "spki" }) as Buffer,
    certificates,
    entries,
    failNext(service, status) {
      failures[service].push(status);
    },
    close: () => server.close(),
  };
}
