/**
 * GitLab REST v4 through the context's fetch: authentication, at most 4 requests in flight, retries of 5xx and
 * transport failures (3 times, jittered exponential backoff), rate-limit waits (`retry-after`/`ratelimit-reset`,
 * 5 minutes in total at most), `x-next-page` pagination, call counting and one debug line per request — never
 * a header, so never the token.
 */

import type { Logger } from "../../../commands/context.js";
import { ReleasioError } from "../../../core/errors.js";
import type { HttpFetch } from "../../http/fetch.js";
import { networkError, networkReason } from "../../http/network-error.js";
import { type GitLabAccess, gitlabMessage, type TokenHeader, translateFailure } from "./errors.js";

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Below the API base, already encoded: `/projects/group%2Fdemo/merge_requests`. */
  path: string;
  query?: Query;
  json?: unknown;
  /** A streamed body, opened once per attempt. */
  upload?: { open: () => ReadableStream<Uint8Array>; contentType: string };
  /** In the words of `the token cannot <action> on <project>`. */
  action: string;
  access: GitLabAccess;
  /** Statuses answered with `null` instead of an error (404 for "not there"). */
  accept?: readonly number[];
}

export interface ClientOptions {
  apiUrl: string;
  project: string;
  token: { header: TokenHeader; value: string };
  fetch: HttpFetch;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
}

const MAX_RETRIES = 3;
const MAX_IN_FLIGHT = 4;
const RATE_LIMIT_BUDGET_MS = 5 * 60_000;
const BASE_BACKOFF_MS = 500;

interface Answer<T> {
  status: number;
  data: T | null;
  headers: Headers;
}

export class GitLabClient {
  calls = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private rateLimitWaitedMs = 0;

  constructor(private readonly o: ClientOptions) {}

  /** The JSON answer, or null for an accepted status. */
  async send<T>(req: ApiRequest): Promise<T | null> {
    return (await this.exchange<T>(req)).data;
  }

  /** Every page of a list (`per_page=100`, following `x-next-page`), or the first `maxPages` of them. */
  async all<T>(req: ApiRequest, maxPages = Number.POSITIVE_INFINITY): Promise<T[]> {
    const items: T[] = [];
    let page: string | null = "1";
    for (let read = 0; page && read < maxPages; read++) {
      const answer: Answer<T[]> = await this.exchange<T[]>({
        ...req,
        query: { ...req.query, per_page: 100, page },
      });
      if (answer.data === null) return items;
      items.push(...answer.data);
      page = answer.headers.get("x-next-page") || null;
    }
    return items;
  }

  url(path: string, query?: Query): string {
    const url = `${this.o.apiUrl}${path}`;
    const pairs = Object.entries(query ?? {}).filter(
      (e): e is [string, string | number | boolean] => e[1] !== undefined,
    );
    if (pairs.length === 0) return url;
    return `${url}?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
  }

  private async exchange<T>(req: ApiRequest): Promise<Answer<T>> {
    const url = this.url(req.path, req.query);
    let failures = 0;
    for (;;) {
      let response: Response;
      try {
        response = await this.attempt(req, url);
      } catch (error) {
        if (error instanceof ReleasioError) throw error;
        failures += 1;
        this.o.logger.debug(`${req.method} ${url} → ${networkReason(error)}`);
        if (failures > MAX_RETRIES) {
          throw networkError(url, error, {
            hint: "check the network and gitlab.api_url; re-run to continue",
          });
        }
        await this.o.sleep(this.backoff(failures));
        continue;
      }
      this.o.logger.debug(`${req.method} ${url} → ${response.status}`);
      if (
        response.status === 429 ||
        (response.status === 403 && response.headers.get("ratelimit-remaining") === "0")
      ) {
        await response.body?.cancel();
        await this.waitForRateLimit(response.headers);
        continue;
      }
      if (response.status >= 500 && failures < MAX_RETRIES) {
        await response.body?.cancel();
        failures += 1;
        await this.o.sleep(this.backoff(failures));
        continue;
      }
      const data = await readJson(response);
      if (response.ok) return { status: response.status, data: data as T, headers: response.headers };
      if (req.accept?.includes(response.status))
        return { status: response.status, data: null, headers: response.headers };
      throw translateFailure({
        method: req.method,
        path: req.path,
        status: response.status,
        message: gitlabMessage(data),
        action: req.action,
        access: req.access,
        header: this.o.token.header,
        project: this.o.project,
      });
    }
  }

  private async attempt(req: ApiRequest, url: string): Promise<Response> {
    await this.acquire();
    try {
      this.calls += 1;
      const headers: Record<string, string> = {
        [this.o.token.header]: this.o.token.value,
        Accept: "application/json",
      };
      const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, redirect: "manual" };
      if (req.json !== undefined) {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(req.json);
      } else if (req.upload) {
        headers["Content-Type"] = req.upload.contentType;
        init.body = req.upload.open();
        init.duplex = "half";
      }
      const response = await this.o.fetch(url, init);
      if (response.status >= 300 && response.status < 400) {
        // A redirect would carry the token to wherever it points: refuse instead of following.
        await response.body?.cancel();
        throw new ReleasioError(
          "E_FORGE_API",
          `${req.method} ${req.path} failed: ${response.status} redirect to ${response.headers.get("location") ?? "?"}`,
          { hint: "set gitlab.api_url to the final API URL (https://<host>/api/v4)" },
        );
      }
      return response;
    } finally {
      this.release();
    }
  }

  private async waitForRateLimit(headers: Headers): Promise<void> {
    const waitMs = rateLimitWait(headers, this.o.now());
    if (this.rateLimitWaitedMs + waitMs > RATE_LIMIT_BUDGET_MS) {
      const resetsAt = new Date(this.o.now() + waitMs).toISOString();
      throw new ReleasioError("E_FORGE_RATE_LIMIT", `GitLab rate limit exhausted; resets at ${resetsAt}`, {
        hint: "re-run after the reset time; releasio continues where it stopped",
      });
    }
    this.rateLimitWaitedMs += waitMs;
    this.o.logger.info(`GitLab rate limit reached; waiting ${Math.ceil(waitMs / 1000)} s`);
    await this.o.sleep(waitMs);
  }

  private backoff(failures: number): number {
    const base = BASE_BACKOFF_MS * 2 ** (failures - 1);
    return Math.round(base / 2 + this.o.random() * base);
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < MAX_IN_FLIGHT) {
      this.inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight -= 1;
  }
}

/** Milliseconds to wait: `retry-after` (seconds or HTTP date), else `ratelimit-reset` (epoch seconds), else 60 s. */
export function rateLimitWait(headers: Headers, now: number): number {
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers.get("ratelimit-reset"));
  if (headers.get("ratelimit-reset") !== null && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - now);
  return 60_000;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
