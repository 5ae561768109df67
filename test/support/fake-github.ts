/**
 * A strict, stateful fake of the GitHub REST/GraphQL API on loopback (interface agreed in /tmp/fake-github-api.md).
 * Every request and response is checked against GitHub's OpenAPI description; anything off (unknown endpoint or
 * parameter, body not matching the schema, missing Authorization / Accept / X-GitHub-Api-Version) is answered like
 * GitHub would AND recorded in `violations`, which tests assert empty. Responses are the schema's minimal valid
 * object overlaid with the fake's state, so clients only ever see shapes GitHub documents.
 */

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { GitHubOpenApi, type OperationMatch, overlay } from "./github-openapi.js";
import { readBody, routeHosts, startLoopback } from "./loopback.js";

type Level = "read" | "write";

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  token?: string;
  tokenLogin?: string;
  bare?: string;
  visibility?: "public" | "private" | "internal";
  defaultBranch?: string;
  permissions?: {
    contents?: Level;
    pull_requests?: Level;
    security_events?: Level;
    actionsCanCreatePullRequests?: boolean;
  };
  host?: string;
  /**
   * Also answer requests addressed to the loopback origin itself (no `x-forwarded-host`), laid out like GHES:
   * REST under `/api/v3`, uploads under `/api/uploads`, GraphQL at `/api/graphql` — for a child process, which
   * cannot be given a routed fetch (configure `github.api_url = <origin>/api/v3`, `github.uploads_url =
   * <origin>/api/uploads`). Validation stays against api.github.com's description.
   */
  loopbackApi?: boolean;
  /** Commit author e-mail → GitHub login, for GraphQL author lookups (noreply addresses resolve by themselves). */
  users?: Record<string, string>;
  /** Published releases refuse asset changes (GitHub's immutable releases). */
  immutableReleases?: boolean;
}

export interface FakeCall {
  method: string;
  /** Path as requested, without the query (GHES paths keep `/api/v3`, `/api/uploads`, `/api/graphql`). */
  path: string;
  /** HTTP status answered; -1 when the connection was dropped by `failNext({ dropConnection })`. */
  status: number;
  host: string;
  /** Query string without `?` ("" when none). */
  query: string;
}

interface PullState {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: "open" | "closed";
  merged: boolean;
  merge_commit_sha: string | null;
  draft: boolean;
  labels: string[];
  user: string;
}
interface AssetState {
  id: number;
  name: string;
  size: number;
  sha256: string;
  content_type: string;
}
interface ReleaseState {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  make_latest: string | null;
  target_commitish: string;
  assets: AssetState[];
}
interface AdvisoryState {
  ghsa_id: string;
  summary: string;
  description: string;
  severity: string;
  cve_id: string | null;
  vulnerabilities: unknown[];
}

export interface FailRule {
  method?: string;
  path: RegExp;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  dropConnection?: boolean;
}

export interface FakeGitHub {
  origin: string;
  fetch: HttpFetch;
  routes: Record<string, string>;
  calls: FakeCall[];
  violations: string[];
  writeCalls(): FakeCall[];
  state: {
    pulls: PullState[];
    labels: string[];
    comments: Array<{ id: number; issue: number; body: string }>;
    releases: ReleaseState[];
    advisories: AdvisoryState[];
  };
  failNext(rule: FailRule): void;
  mergePull(number: number, mergeCommitSha: string): void;
  resetCalls(): void;
  close(): Promise<void>;
}

export const FAKE_GITHUB_TOKEN = "ghs_faketoken0000000000000000000000000001";

/** GitHub's answer to a secondary rate limit, for `failNext`. */
export function secondaryRateLimit(path: RegExp, times = 1): FailRule {
  return {
    path,
    times,
    status: 403,
    headers: { "retry-after": "1" },
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
      documentation_url:
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
      status: "403",
    },
  };
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const ACCEPTED_ACCEPT = /application\/(vnd\.github(\.v3)?(\.[a-z-]+)?\+json|json)|\*\/\*/;
const API_VERSION = "2022-11-28";
const DOCS = "https://docs.github.com/rest";

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function notFound(): HttpAnswer {
  return new HttpAnswer(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
}

function validationFailed(errors: Array<Record<string, string>>, message = "Validation Failed"): HttpAnswer {
  return new HttpAnswer(422, { message, errors, documentation_url: DOCS, status: "422" });
}

/** GitHub's length limits on text fields, in characters, and its answer past them. */
const BODY_LIMITS = { Release: 125_000, PullRequest: 65_536 } as const;

function tooLong(resource: keyof typeof BODY_LIMITS, text: string | undefined): HttpAnswer | null {
  const max = BODY_LIMITS[resource];
  if (text === undefined || text.length <= max) return null;
  return validationFailed([
    { resource, code: "custom", field: "body", message: `body is too long (maximum is ${max} characters)` },
  ]);
}

function forbidden(message: string): HttpAnswer {
  return new HttpAnswer(403, { message, documentation_url: DOCS, status: "403" });
}

const NOT_ACCESSIBLE = "Resource not accessible by integration";

interface RequestContext {
  match: OperationMatch;
  params: Record<string, string>;
  query: URLSearchParams;
  json: unknown;
  raw: Buffer;
  contentType: string | null;
  /** Public base of this request's host, for Link headers: `https://api.github.com` or `https://ghe/api/v3`. */
  publicBase: string;
  publicPath: string;
}

type RouteHandler = (c: RequestContext) => HttpAnswer | Promise<HttpAnswer>;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "demo";
  const token = options.token ?? FAKE_GITHUB_TOKEN;
  const tokenLogin = options.tokenLogin ?? "github-actions[bot]";
  const defaultBranch = options.defaultBranch ?? "main";
  const perms = {
    contents: options.permissions?.contents ?? "write",
    pull_requests: options.permissions?.pull_requests ?? "write",
    security_events: options.permissions?.security_events ?? "write",
    actionsCanCreatePullRequests: options.permissions?.actionsCanCreatePullRequests ?? true,
  };
  const ghes = options.host?.toLowerCase() ?? null;
  const webBase = ghes ? `https://${ghes}` : "https://github.com";
  const apiBase = ghes ? `https://${ghes}/api/v3` : "https://api.github.com";
  const uploadsBase = ghes ? `https://${ghes}/api/uploads` : "https://uploads.github.com";
  const openapi = GitHubOpenApi.load(ghes ? "ghes-3.19" : "api.github.com");

  const calls: FakeCall[] = [];
  const violations: string[] = [];
  const rules: Array<FailRule & { left: number }> = [];
  const state: FakeGitHub["state"] = { pulls: [], labels: [], comments: [], releases: [], advisories: [] };
  let nextId = 1000;
  const newId = () => ++nextId;

  const git = (args: string[]): string | null => {
    if (!options.bare) return null;
    try {
      return execFileSync("git", ["--git-dir", options.bare, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return null;
    }
  };
  const branchExists = (name: string) =>
    !options.bare || git(["rev-parse", "--verify", "--quiet", `refs/heads/${name}`]) !== null;

  /**
   * Publishing a release whose tag is not on the remote makes GitHub create the tag at `target_commitish`.
   * Returns an error answer when the target cannot be resolved.
   */
  const ensureTag = (r: { tag_name: string; target_commitish: string }): HttpAnswer | null => {
    if (!options.bare || git(["rev-parse", "--verify", "--quiet", `refs/tags/${r.tag_name}`]) !== null)
      return null;
    const sha = git(["rev-parse", "--verify", "--quiet", `${r.target_commitish}^{commit}`]);
    if (sha === null)
      return validationFailed([{ resource: "Release", code: "invalid", field: "target_commitish" }]);
    git(["tag", r.tag_name, sha]);
    return null;
  };

  const level = (l: Level) => (l === "write" ? 2 : 1);
  const needs = (key: "contents" | "pull_requests" | "security_events", l: Level): HttpAnswer | null =>
    level(perms[key]) >= level(l) ? null : forbidden(NOT_ACCESSIBLE);

  // ---- response builders: the schema's minimal object overlaid with real values ----
  const samples = new Map<string, unknown>();
  const schemaSample = (name: string) => {
    if (!samples.has(name)) samples.set(name, openapi.sample(openapi.component(name)));
    return samples.get(name);
  };

  const user = (login: string) =>
    overlay(schemaSample("simple-user"), {
      login,
      id: 41898282,
      type: login.endsWith("[bot]") ? "Bot" : "User",
      html_url: `${webBase}/${login.replace(/\[bot\]$/, "")}`,
    });

  const pullJson = (p: PullState, schema: "pull-request" | "pull-request-simple") =>
    overlay(schemaSample(schema), {
      number: p.number,
      id: p.number + 500_000,
      state: p.state,
      title: p.title,
      body: p.body,
      draft: p.draft,
      html_url: `${webBase}/${owner}/${repo}/pull/${p.number}`,
      url: `${apiBase}/repos/${owner}/${repo}/pulls/${p.number}`,
      head: { ref: p.head, label: `${owner}:${p.head}`, sha: "0".repeat(40), user: user(owner) },
      base: { ref: p.base, label: `${owner}:${p.base}`, sha: "0".repeat(40), user: user(owner) },
      labels: p.labels.map(labelJson),
      user: user(p.user),
      merged_at: p.merged ? "2026-01-02T00:00:00Z" : null,
      closed_at: p.state === "closed" ? "2026-01-02T00:00:00Z" : null,
      merge_commit_sha: p.merge_commit_sha,
      ...(schema === "pull-request" ? { merged: p.merged } : {}),
    });

  const labelJson = (name: string) =>
    overlay(schemaSample("label"), {
      id: 9000 + state.labels.indexOf(name),
      name,
      description: "",
      color: "ededed",
      url: `${apiBase}/repos/${owner}/${repo}/labels/${encodeURIComponent(name)}`,
    });

  const commentJson = (c: { id: number; issue: number; body: string }) =>
    overlay(schemaSample("issue-comment"), {
      id: c.id,
      body: c.body,
      html_url: `${webBase}/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${apiBase}/repos/${owner}/${repo}/issues/${c.issue}`,
      user: user(tokenLogin),
    });

  const assetJson = (a: AssetState, r: ReleaseState) =>
    overlay(schemaSample("release-asset"), {
      id: a.id,
      name: a.name,
      size: a.size,
      content_type: a.content_type,
      state: "uploaded",
      digest: `sha256:${a.sha256}`,
      url: `${apiBase}/repos/${owner}/${repo}/releases/assets/${a.id}`,
      browser_download_url: `${webBase}/${owner}/${repo}/releases/download/${encodeURIComponent(r.tag_name)}/${encodeURIComponent(a.name)}`,
    });

  const releaseJson = (r: ReleaseState) =>
    overlay(schemaSample("release"), {
      id: r.id,
      tag_name: r.tag_name,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      target_commitish: r.target_commitish,
      html_url: r.draft
        ? `${webBase}/${owner}/${repo}/releases/tag/untagged-${r.id}`
        : `${webBase}/${owner}/${repo}/releases/tag/${encodeURIComponent(r.tag_name)}`,
      url: `${apiBase}/repos/${owner}/${repo}/releases/${r.id}`,
      upload_url: `${uploadsBase}/repos/${owner}/${repo}/releases/${r.id}/assets{?name,label}`,
      published_at: r.draft ? null : "2026-01-02T00:00:00Z",
      assets: r.assets.map((a) => assetJson(a, r)),
    });

  const advisoryJson = (a: AdvisoryState) =>
    overlay(schemaSample("repository-advisory"), {
      ghsa_id: a.ghsa_id,
      summary: a.summary,
      description: a.description,
      severity: a.severity,
      cve_id: a.cve_id,
      state: "draft",
      html_url: `${webBase}/${owner}/${repo}/security/advisories/${a.ghsa_id}`,
      url: `${apiBase}/repos/${owner}/${repo}/security-advisories/${a.ghsa_id}`,
    });

  /** One page of a list, with GitHub's Link header. */
  const page = <T>(items: T[], c: RequestContext, map: (item: T) => unknown): HttpAnswer => {
    const perPage = Math.min(Number(c.query.get("per_page") ?? 30) || 30, 100);
    const current = Math.max(Number(c.query.get("page") ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const slice = items.slice((current - 1) * perPage, current * perPage);
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(c.query);
      q.set("page", String(n));
      q.set("per_page", String(perPage));
      return `<${c.publicBase}${c.publicPath}?${q.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (current < last) links.push(link(current + 1, "next"), link(last, "last"));
    if (current > 1) links.push(link(1, "first"), link(current - 1, "prev"));
    return new HttpAnswer(200, slice.map(map), links.length ? { link: links.join(", ") } : {});
  };

  const findPull = (n: string) => state.pulls.find((p) => p.number === Number(n));
  const findRelease = (id: string) => state.releases.find((r) => r.id === Number(id));
  const body = <T>(c: RequestContext) => (c.json ?? {}) as T;
  const addLabel = (name: string) => {
    if (!state.labels.includes(name)) state.labels.push(name);
  };

  const R = "/repos/{owner}/{repo}";
  const routes: Record<string, RouteHandler> = {
    [`GET ${R}`]: () =>
      new HttpAnswer(
        200,
        overlay(schemaSample("full-repository"), {
          name: repo,
          full_name: `${owner}/${repo}`,
          private: (options.visibility ?? "public") !== "public",
          visibility: options.visibility ?? "public",
          default_branch: defaultBranch,
          html_url: `${webBase}/${owner}/${repo}`,
          owner: user(owner),
          permissions: {
            admin: false,
            maintain: false,
            push: perms.contents === "write",
            triage: perms.pull_requests === "write",
            pull: true,
          },
        }),
      ),

    [`GET ${R}/pulls`]: (c) => {
      const s = c.query.get("state") ?? "open";
      const head = c.query.get("head");
      const base = c.query.get("base");
      const list = state.pulls
        .filter((p) => s === "all" || p.state === s)
        .filter((p) => head === null || head === `${owner}:${p.head}` || head === p.head)
        .filter((p) => base === null || base === p.base)
        .sort((a, b) => b.number - a.number);
      return page(list, c, (p) => pullJson(p, "pull-request-simple"));
    },

    [`POST ${R}/pulls`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      if (!perms.actionsCanCreatePullRequests && tokenLogin === "github-actions[bot]") {
        return forbidden("GitHub Actions is not permitted to create or approve pull requests.");
      }
      const b = body<{ title: string; body?: string; head: string; base: string; draft?: boolean }>(c);
      const long = tooLong("PullRequest", b.body);
      if (long) return long;
      const headRef = b.head.includes(":") ? b.head.split(":")[1]! : b.head;
      if (!branchExists(headRef)) {
        return validationFailed([{ resource: "PullRequest", field: "head", code: "invalid" }]);
      }
      if (!branchExists(b.base)) {
        return validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
      }
      if (state.pulls.some((p) => p.state === "open" && p.head === headRef && p.base === b.base)) {
        return validationFailed([
          {
            resource: "PullRequest",
            code: "custom",
            message: `A pull request already exists for ${owner}:${headRef}.`,
          },
        ]);
      }
      const pull: PullState = {
        number: state.pulls.reduce((max, p) => Math.max(max, p.number), 0) + 1,
        title: b.title,
        body: b.body ?? "",
        head: headRef,
        base: b.base,
        state: "open",
        merged: false,
        merge_commit_sha: null,
        draft: b.draft ?? false,
        labels: [],
        user: tokenLogin,
      };
      state.pulls.push(pull);
      return new HttpAnswer(201, pullJson(pull, "pull-request"));
    },

    [`GET ${R}/pulls/{pull_number}`]: (c) => {
      const p = findPull(c.params.pull_number!);
      return p ? new HttpAnswer(200, pullJson(p, "pull-request")) : notFound();
    },

    [`PATCH ${R}/pulls/{pull_number}`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      const p = findPull(c.params.pull_number!);
      if (!p) return notFound();
      const b = body<{ title?: string; body?: string; state?: "open" | "closed"; base?: string }>(c);
      const long = tooLong("PullRequest", b.body);
      if (long) return long;
      if (b.title !== undefined) p.title = b.title;
      if (b.body !== undefined) p.body = b.body;
      if (b.base !== undefined) p.base = b.base;
      if (b.state !== undefined && !p.merged) p.state = b.state;
      return new HttpAnswer(200, pullJson(p, "pull-request"));
    },

    [`GET ${R}/commits/{commit_sha}/pulls`]: (c) => {
      const sha = c.params.commit_sha!;
      if (options.bare && git(["cat-file", "-e", `${sha}^{commit}`]) === null) {
        return validationFailed([], `No commit found for SHA: ${sha}`);
      }
      const list = state.pulls.filter((p) => p.merge_commit_sha === sha);
      return page(list, c, (p) => pullJson(p, "pull-request-simple"));
    },

    [`GET ${R}/labels`]: (c) => page(state.labels, c, labelJson),

    [`POST ${R}/labels`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      const b = body<{ name: string }>(c);
      if (state.labels.includes(b.name)) {
        return validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
      }
      addLabel(b.name);
      return new HttpAnswer(201, labelJson(b.name));
    },

    [`POST ${R}/issues/{issue_number}/labels`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      const p = findPull(c.params.issue_number!);
      if (!p) return notFound();
      const b = c.json as { labels?: unknown } | unknown[] | string;
      const raw = Array.isArray(b) ? b : typeof b === "object" && b !== null && "labels" in b ? b.labels : [];
      const names = (Array.isArray(raw) ? raw : []).map((l) =>
        typeof l === "string" ? l : String((l as { name: string }).name),
      );
      for (const name of names) {
        addLabel(name); // GitHub creates labels that do not exist yet
        if (!p.labels.includes(name)) p.labels.push(name);
      }
      return new HttpAnswer(200, p.labels.map(labelJson));
    },

    [`GET ${R}/issues/{issue_number}/comments`]: (c) => {
      if (!findPull(c.params.issue_number!)) return notFound();
      return page(
        state.comments.filter((x) => x.issue === Number(c.params.issue_number)),
        c,
        commentJson,
      );
    },

    [`POST ${R}/issues/{issue_number}/comments`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      if (!findPull(c.params.issue_number!)) return notFound();
      const comment = {
        id: newId(),
        issue: Number(c.params.issue_number),
        body: body<{ body: string }>(c).body,
      };
      state.comments.push(comment);
      return new HttpAnswer(201, commentJson(comment));
    },

    [`PATCH ${R}/issues/comments/{comment_id}`]: (c) => {
      const denied = needs("pull_requests", "write");
      if (denied) return denied;
      const comment = state.comments.find((x) => x.id === Number(c.params.comment_id));
      if (!comment) return notFound();
      comment.body = body<{ body: string }>(c).body;
      return new HttpAnswer(200, commentJson(comment));
    },

    [`GET ${R}/releases`]: (c) =>
      page(
        [...state.releases].sort((a, b) => b.id - a.id),
        c,
        releaseJson,
      ),

    [`GET ${R}/releases/tags/{tag}`]: (c) => {
      const r = state.releases.find((x) => x.tag_name === c.params.tag && !x.draft);
      return r ? new HttpAnswer(200, releaseJson(r)) : notFound();
    },

    [`GET ${R}/releases/{release_id}`]: (c) => {
      const r = findRelease(c.params.release_id!);
      return r ? new HttpAnswer(200, releaseJson(r)) : notFound();
    },

    [`POST ${R}/releases`]: (c) => {
      const denied = needs("contents", "write");
      if (denied) return denied;
      const b = body<{
        tag_name: string;
        target_commitish?: string;
        name?: string;
        body?: string;
        draft?: boolean;
        prerelease?: boolean;
        make_latest?: string;
      }>(c);
      const long = tooLong("Release", b.body);
      if (long) return long;
      if (state.releases.some((r) => r.tag_name === b.tag_name)) {
        return validationFailed([{ resource: "Release", code: "already_exists", field: "tag_name" }]);
      }
      if (b.draft !== true) {
        const refused = ensureTag({
          tag_name: b.tag_name,
          target_commitish: b.target_commitish ?? defaultBranch,
        });
        if (refused) return refused;
      }
      const release: ReleaseState = {
        id: newId(),
        tag_name: b.tag_name,
        name: b.name ?? b.tag_name,
        body: b.body ?? "",
        draft: b.draft ?? false,
        prerelease: b.prerelease ?? false,
        make_latest: b.make_latest ?? null,
        target_commitish: b.target_commitish ?? defaultBranch,
        assets: [],
      };
      state.releases.push(release);
      return new HttpAnswer(201, releaseJson(release));
    },

    [`PATCH ${R}/releases/{release_id}`]: (c) => {
      const denied = needs("contents", "write");
      if (denied) return denied;
      const r = findRelease(c.params.release_id!);
      if (!r) return notFound();
      const b = body<Partial<ReleaseState>>(c);
      const long = tooLong("Release", b.body);
      if (long) return long;
      if (b.tag_name !== undefined && state.releases.some((x) => x !== r && x.tag_name === b.tag_name)) {
        return validationFailed([{ resource: "Release", code: "already_exists", field: "tag_name" }]);
      }
      if (b.draft === false && r.draft) {
        const refused = ensureTag({
          tag_name: b.tag_name ?? r.tag_name,
          target_commitish: b.target_commitish ?? r.target_commitish,
        });
        if (refused) return refused;
      }
      for (const key of [
        "tag_name",
        "name",
        "body",
        "draft",
        "prerelease",
        "make_latest",
        "target_commitish",
      ] as const) {
        if (b[key] !== undefined) (r as unknown as Record<string, unknown>)[key] = b[key];
      }
      return new HttpAnswer(200, releaseJson(r));
    },

    [`GET ${R}/releases/{release_id}/assets`]: (c) => {
      const r = findRelease(c.params.release_id!);
      if (!r) return notFound();
      return page(r.assets, c, (a) => assetJson(a, r));
    },

    [`DELETE ${R}/releases/assets/{asset_id}`]: (c) => {
      const denied = needs("contents", "write");
      if (denied) return denied;
      const r = state.releases.find((x) => x.assets.some((a) => a.id === Number(c.params.asset_id)));
      if (!r) return notFound();
      if (options.immutableReleases && !r.draft) {
        return validationFailed([
          {
            resource: "ReleaseAsset",
            code: "custom",
            message: "Cannot delete assets of an immutable release.",
          },
        ]);
      }
      r.assets = r.assets.filter((a) => a.id !== Number(c.params.asset_id));
      return new HttpAnswer(204, null);
    },

    [`POST ${R}/releases/{release_id}/assets`]: (c) => {
      const denied = needs("contents", "write");
      if (denied) return denied;
      const r = findRelease(c.params.release_id!);
      if (!r) return notFound();
      const name = c.query.get("name") ?? "";
      if (options.immutableReleases && !r.draft) {
        return validationFailed([
          {
            resource: "ReleaseAsset",
            code: "custom",
            message: "Cannot upload assets to an immutable release.",
          },
        ]);
      }
      if (r.assets.some((a) => a.name === name)) {
        return validationFailed([{ resource: "ReleaseAsset", code: "already_exists", field: "name" }]);
      }
      const asset: AssetState = {
        id: newId(),
        name,
        size: c.raw.length,
        sha256: createHash("sha256").update(c.raw).digest("hex"),
        content_type: c.contentType ?? "application/octet-stream",
      };
      r.assets.push(asset);
      return new HttpAnswer(201, assetJson(asset, r));
    },

    [`GET ${R}/security-advisories`]: (c) => {
      const denied = needs("security_events", "read");
      if (denied) return denied;
      return page(state.advisories, c, advisoryJson);
    },

    [`POST ${R}/security-advisories`]: (c) => {
      const denied = needs("security_events", "write");
      if (denied) return denied;
      const b = body<Omit<AdvisoryState, "ghsa_id"> & { cve_id?: string | null }>(c);
      const n = String(state.advisories.length + 1).padStart(4, "0");
      const advisory: AdvisoryState = {
        ghsa_id: `GHSA-${n}-fake-${n}`,
        summary: b.summary,
        description: b.description,
        severity: b.severity ?? "medium",
        cve_id: b.cve_id ?? null,
        vulnerabilities: b.vulnerabilities ?? [],
      };
      state.advisories.push(advisory);
      return new HttpAnswer(201, advisoryJson(advisory));
    },

    [`GET ${R}/actions/permissions/workflow`]: () =>
      new HttpAnswer(200, {
        default_workflow_permissions: perms.contents === "write" ? "write" : "read",
        can_approve_pull_request_reviews: perms.actionsCanCreatePullRequests,
      }),
  };

  /** The batched commit lookup of the adapter: aliased `object(oid:)` fields. */
  const graphql = (c: { json: unknown }): HttpAnswer => {
    const b = c.json as { query?: unknown; variables?: Record<string, unknown> } | null;
    if (!b || typeof b.query !== "string") {
      violations.push("POST /graphql: body must be { query, variables }");
      return new HttpAnswer(400, { message: "Problems parsing JSON", documentation_url: DOCS });
    }
    const vars = b.variables ?? {};
    if (
      !/repository\(owner: \$owner, name: \$name\)/.test(b.query) ||
      vars.owner !== owner ||
      vars.name !== repo
    ) {
      violations.push(`POST /graphql: unexpected query or variables for ${owner}/${repo}`);
      return new HttpAnswer(200, {
        data: null,
        errors: [{ type: "NOT_FOUND", message: "Could not resolve to a Repository" }],
      });
    }
    const fields = [...b.query.matchAll(/(c\d+): object\(oid: "([0-9a-f]{40})"\)/g)];
    if (fields.length === 0 || fields.length > 100) {
      violations.push(`POST /graphql: ${fields.length} commit fields (expected 1–100)`);
    }
    const repository: Record<string, unknown> = {};
    for (const [, alias, sha] of fields) {
      if (options.bare && git(["cat-file", "-e", `${sha}^{commit}`]) === null) {
        repository[alias!] = null;
        continue;
      }
      const email = git(["log", "-1", "--format=%ae", sha!]) ?? "";
      const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email);
      const login = options.users?.[email] ?? noreply?.[1] ?? null;
      const pulls = state.pulls.filter((p) => p.merge_commit_sha === sha);
      repository[alias!] = {
        oid: sha,
        associatedPullRequests: { nodes: pulls.map((p) => ({ number: p.number, merged: p.merged })) },
        author: { user: login ? { login } : null },
      };
    }
    return new HttpAnswer(200, { data: { repository } });
  };

  const server = await startLoopback(async (req: IncomingMessage, res: ServerResponse) => {
    const direct = options.loopbackApi === true && req.headers["x-forwarded-host"] === undefined;
    const forwardedHost = String(
      req.headers["x-forwarded-host"] ?? (direct ? req.headers.host : "api.github.com"),
    ).toLowerCase();
    const proto = String(req.headers["x-forwarded-proto"] ?? (direct ? "http" : "https"));
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const call: FakeCall = {
      method,
      path: url.pathname,
      status: 0,
      host: forwardedHost,
      query: url.search.replace(/^\?/, ""),
    };
    calls.push(call);
    const where = `${method} ${forwardedHost}${url.pathname}`;

    const send = (answer: HttpAnswer) => {
      call.status = answer.status;
      const headers: Record<string, string> = {
        "x-github-api-version-selected": API_VERSION,
        "x-ratelimit-limit": "5000",
        "x-ratelimit-remaining": "4999",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
        ...answer.headers,
      };
      if (answer.status === 204 || answer.body === null) {
        res.writeHead(answer.status, headers);
        res.end();
        return;
      }
      res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(answer.body));
    };

    // Which surface: REST, uploads or GraphQL, and the path relative to it.
    let surface: "api" | "uploads" | "graphql" | null = null;
    let path = url.pathname;
    let publicBase = `${proto}://${forwardedHost}`;
    if ((ghes && forwardedHost === ghes) || direct) {
      for (const [prefix, kind] of [
        ["/api/v3", "api"],
        ["/api/uploads", "uploads"],
        ["/api/graphql", "graphql"],
      ] as const) {
        if (path === prefix || path.startsWith(`${prefix}/`)) {
          surface = kind;
          path = kind === "graphql" ? "/graphql" : path.slice(prefix.length) || "/";
          publicBase = `${proto}://${forwardedHost}${prefix}`;
        }
      }
    } else if (!ghes && forwardedHost === "api.github.com") {
      surface = path === "/graphql" ? "graphql" : "api";
    } else if (!ghes && forwardedHost === "uploads.github.com") {
      surface = "uploads";
    }
    if (surface === null) {
      violations.push(`${where}: no GitHub surface at this host/path`);
      send(notFound());
      return;
    }

    // Injected faults first: they simulate GitHub's infrastructure, before any application logic.
    const rule = rules.find(
      (r) =>
        r.left > 0 &&
        (r.method === undefined || r.method.toUpperCase() === method) &&
        (r.path.test(path) || r.path.test(url.pathname)),
    );
    if (rule) {
      rule.left--;
      if (rule.dropConnection) {
        call.status = -1;
        req.socket.destroy();
        return;
      }
      const answer = new HttpAnswer(
        rule.status ?? 500,
        rule.body ?? { message: "Server Error" },
        rule.headers ?? {},
      );
      if (surface !== "graphql") {
        const m = openapi.match(method, path);
        if (m)
          for (const v of openapi.validateResponse(m, answer.status, answer.body))
            violations.push(`${where}: ${v}`);
      }
      send(answer);
      return;
    }

    // Headers every GitHub request must carry.
    const auth = req.headers.authorization;
    if (auth === undefined) {
      violations.push(`${where}: missing Authorization header`);
      send(
        new HttpAnswer(401, { message: "Requires authentication", documentation_url: DOCS, status: "401" }),
      );
      return;
    }
    if (auth !== `Bearer ${token}` && auth !== `token ${token}`) {
      send(new HttpAnswer(401, { message: "Bad credentials", documentation_url: DOCS, status: "401" }));
      return;
    }
    const accept = String(req.headers.accept ?? "");
    if (!ACCEPTED_ACCEPT.test(accept)) {
      violations.push(`${where}: Accept '${accept}' is not application/vnd.github+json`);
      send(new HttpAnswer(415, { message: "Unsupported 'Accept' header", documentation_url: DOCS }));
      return;
    }
    const version = req.headers["x-github-api-version"];
    if (version !== API_VERSION) {
      violations.push(`${where}: X-GitHub-Api-Version must be ${API_VERSION}; got ${String(version)}`);
      send(
        new HttpAnswer(400, { message: `Invalid API version: ${String(version)}`, documentation_url: DOCS }),
      );
      return;
    }

    const contentType = req.headers["content-type"] ? String(req.headers["content-type"]) : null;
    let json: unknown;
    if (raw.length > 0 && surface !== "uploads") {
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        violations.push(`${where}: request body is not JSON`);
        send(new HttpAnswer(400, { message: "Problems parsing JSON", documentation_url: DOCS }));
        return;
      }
    }

    if (surface === "graphql") {
      if (method !== "POST") {
        violations.push(`${where}: GraphQL takes POST`);
        send(notFound());
        return;
      }
      send(graphql({ json }));
      return;
    }

    const match = openapi.match(method, path);
    if (!match) {
      violations.push(`${where}: no such GitHub endpoint`);
      send(notFound());
      return;
    }
    const isUpload = match.operationId === "repos/upload-release-asset";
    if (isUpload !== (surface === "uploads")) {
      violations.push(
        `${where}: ${isUpload ? "uploads go to the uploads host" : "only uploads go to the uploads host"}`,
      );
      send(notFound());
      return;
    }
    if (isUpload) {
      const declared = Number(req.headers["content-length"]);
      if (!Number.isFinite(declared) || declared !== raw.length) {
        violations.push(
          `${where}: content-length ${String(req.headers["content-length"])} for ${raw.length} bytes`,
        );
      }
      if (!url.searchParams.get("name")) violations.push(`${where}: missing asset name`);
    }
    const problems = openapi.validateRequest(match, url.searchParams, { contentType, json, raw });
    if (problems.length > 0) {
      for (const p of problems) violations.push(`${where}: ${p}`);
      send(validationFailed([], `Invalid request.\n\n${problems.join("\n")}`));
      return;
    }
    if (match.params.owner !== owner || match.params.repo !== repo) {
      send(notFound());
      return;
    }
    const handler = routes[`${method} ${match.template}`];
    if (!handler) {
      violations.push(`${where}: ${match.operationId} is not implemented by the fake`);
      send(new HttpAnswer(501, { message: "fake: not implemented" }));
      return;
    }
    const answer = await handler({
      match,
      params: match.params,
      query: url.searchParams,
      json,
      raw,
      contentType,
      publicBase,
      publicPath: path,
    });
    for (const v of openapi.validateResponse(match, answer.status, answer.body))
      violations.push(`${where}: ${v}`);
    send(answer);
  });

  const routesTable: Record<string, string> = ghes
    ? { [ghes]: server.origin }
    : { "api.github.com": server.origin, "uploads.github.com": server.origin };

  return {
    origin: server.origin,
    fetch: routeHosts(routesTable),
    routes: routesTable,
    calls,
    violations,
    writeCalls: () => calls.filter((c) => WRITE_METHODS.has(c.method)),
    state,
    failNext(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 });
    },
    mergePull(number, mergeCommitSha) {
      const p = state.pulls.find((x) => x.number === number);
      if (!p) throw new Error(`fake GitHub: no pull request #${number}`);
      p.state = "closed";
      p.merged = true;
      p.merge_commit_sha = mergeCommitSha;
    },
    resetCalls() {
      calls.length = 0;
    },
    close: () => server.close(),
  };
}
