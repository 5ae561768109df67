/**
 * The legacy-API uploader (PYPI.md §3, §7; PRODUCT.md §7.5): one streaming multipart POST per attempt, the
 * Authorization header asked from the credentials before every attempt, no redirect followed, retries with jittered
 * exponential backoff honouring Retry-After on network errors, 5xx, 408 and 429, and a presence check after an
 * ambiguous failure (the file may have landed although the answer was lost).
 */
import {
  classifyUploadAnswer,
  indexConflict,
  indexMessage,
  uploadRejected,
} from "../../core/publish/index-answers.js";
import { releasioVersion } from "../../version.js";
import type { HttpFetch } from "../http/fetch.js";
import { networkError, networkReason } from "../http/network-error.js";
import type { IndexCredentials } from "./credentials-port.js";
import { multipartBody } from "./multipart.js";

/** What the index holds under a filename: the same bytes, other bytes, nothing, or unknown (null). */
export type Presence =
  | { state: "present" }
  | { state: "different"; sha256: string | null }
  | { state: "absent" }
  | null;

export interface UploadFile {
  path: string;
  filename: string;
  size: number;
  sha256: string;
  fields: ReadonlyArray<readonly [string, string]>;
}

export interface UploaderOptions {
  fetch: HttpFetch;
  url: string;
  /** Label of the index in messages (`PyPI`). */
  index: string;
  credentials: IndexCredentials;
  /** Retries after the first attempt (`publish.retries`). */
  retries: number;
  skipExisting: boolean;
  /** Asks the index whether the file is there (JSON API / simple index); null when the index cannot be read. */
  presence?: (() => Promise<Presence>) | null;
  onProgress?: (sent: number, total: number) => void;
  onRetry?: (attempt: number, reason: string, delayMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Base and cap of the exponential backoff, milliseconds. */
  backoff?: { baseMs: number; maxMs: number };
}

export interface UploadOutcome {
  status: "uploaded" | "already-present" | "skipped";
  attempts: number;
  message: string;
}

const MAX_ERROR_BODY = 64 * 1024;

export async function uploadFile(file: UploadFile, o: UploaderOptions): Promise<UploadOutcome> {
  const body = multipartBody(file.fields, {
    field: "content",
    filename: file.filename,
    path: file.path,
    size: file.size,
  });
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const backoff = o.backoff ?? { baseMs: 1000, maxMs: 30_000 };
  let attempts = 0;
  let failures = 0;
  let renewed = false;
  const delay = (retryAfter: string | null) => {
    const header = retryAfterMs(retryAfter);
    const exp = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (failures - 1));
    // Full jitter in [exp/2, exp]: spreads retries of parallel jobs without ever retrying at once.
    return Math.max(header ?? 0, Math.round(exp / 2 + (random() * exp) / 2));
  };
  const checkPresence = async (): Promise<UploadOutcome | null> => {
    const p = o.presence ? await o.presence().catch(() => null) : null;
    if (p?.state === "present")
      return { status: "uploaded", attempts, message: "present on the index after an interrupted attempt" };
    return null;
  };

  for (;;) {
    attempts++;
    const authorization = await o.credentials.authorization();
    let response: Response;
    try {
      response = await o.fetch(o.url, {
        method: "POST",
        headers: {
          Authorization: authorization,
          Accept: "application/json",
          "Content-Type": body.contentType,
          "Content-Length": String(body.length),
          "User-Agent": `releasio/${releasioVersion()}`,
        },
        body: body.stream((sent) => o.onProgress?.(sent, body.length)),
        duplex: "half",
        // Not "manual": fetch then clones the request, teeing the body, and the unread branch keeps every chunk
        // (the RSS grew with the file size). "error" fails on any redirect, which is then described by a probe.
        redirect: "error",
      } as RequestInit);
    } catch (error) {
      if (isRedirectError(error)) throw await describeRedirect(o, file.filename);
      const reason = networkReason(error);
      failures++;
      if (failures > o.retries) {
        const landed = await checkPresence();
        if (landed) return landed;
        throw networkError(o.url, error, {
          hint: `uploading ${file.filename} failed ${failures} times; re-run to resume (files already uploaded are skipped)`,
          details: { filename: file.filename, attempts },
        });
      }
      const landed = await checkPresence();
      if (landed) return landed;
      const wait = delay(null);
      o.onRetry?.(attempts, reason, wait);
      await sleep(wait);
      continue;
    }
    const text = await readLimited(response);
    const status = response.status;
    if (status >= 300 && status < 400) {
      const location = response.headers.get("location");
      throw uploadRejected(
        o.index,
        file.filename,
        status,
        `redirect${location ? ` to ${location}` : ""} (redirects are not followed for uploads)`,
      );
    }
    const message =
      status < 300
        ? ""
        : indexMessage(status, response.statusText, response.headers.get("content-type") ?? "", text);
    const answer = classifyUploadAnswer(status, message, o.skipExisting);
    switch (answer.kind) {
      case "ok":
        return {
          status: "uploaded",
          attempts,
          message: `uploaded in ${attempts} attempt${attempts > 1 ? "s" : ""}`,
        };
      case "retry": {
        failures++;
        if (failures > o.retries) throw uploadRejected(o.index, file.filename, status, message);
        const landed = status >= 500 ? await checkPresence() : null;
        if (landed) return landed;
        const wait = delay(response.headers.get("retry-after"));
        o.onRetry?.(attempts, `${status} ${message}`, wait);
        await sleep(wait);
        continue;
      }
      case "expired":
        if (renewed) throw uploadRejected(o.index, file.filename, status, message);
        renewed = true;
        o.credentials.invalidate();
        continue;
      case "exists": {
        const p = o.presence ? await o.presence().catch(() => null) : null;
        if (p?.state === "present")
          return { status: "already-present", attempts, message: "identical file already on the index" };
        if (o.skipExisting)
          return {
            status: "skipped",
            attempts,
            message: `exists on the index with other content: ${message}`,
          };
        throw indexConflict(o.index, file.filename, p?.state === "different" ? p.sha256 : null, file.sha256);
      }
      case "rejected":
        throw uploadRejected(o.index, file.filename, status, message);
    }
  }
}

function isRedirectError(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof Error && /unexpected redirect/i.test(cause.message);
}

/** Redirects are never followed for uploads: an empty, unauthenticated POST finds the status and target for the hint. */
async function describeRedirect(o: UploaderOptions, filename: string): Promise<Error> {
  let status = 300;
  let location: string | null = null;
  try {
    const probe = await o.fetch(o.url, {
      method: "POST",
      redirect: "manual",
      headers: { Accept: "application/json" },
      body: "",
    });
    await probe.body?.cancel();
    status = probe.status;
    location = probe.headers.get("location");
  } catch {
    // The probe is only for the message; the redirect itself is the error.
  }
  return uploadRejected(
    o.index,
    filename,
    status,
    `redirect${location ? ` to ${location}` : ""} (redirects are not followed for uploads)`,
  );
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds (capped at 5 minutes). */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 300_000) : null;
}

async function readLimited(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total < MAX_ERROR_BODY) chunks.push(value);
      total += value.length;
    }
  } catch {
    // A body cut short still carries the status; the message falls back to the reason phrase.
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, MAX_ERROR_BODY);
}
