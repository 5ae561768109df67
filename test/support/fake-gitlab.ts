/**
 * A strict, stateful fake of the GitLab REST v4 endpoints releasio uses, built from GitLab's documented request and
 * response shapes: merge requests and notes, labels, releases with asset links, the generic package registry and
 * commit → merge request lookups. Every request is checked (token header, JSON content type, required and known
 * parameters and their types); a request GitLab would refuse is answered like GitLab (400/401/403/404/409) and a
 * client mistake is also recorded in `violations`, which tests assert empty.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { readBody, routeHosts, startLoopback } from "./loopback.js";

export type Role = "reporter" | "developer" | "maintainer";

export interface FakeToken {
  header: "PRIVATE-TOKEN" | "JOB-TOKEN";
  username: string;
  role: Role;
}

export interface FakeGitLabOptions {
  /** Public host the fake answers for: `gitlab.com` (default) or a self-managed host such as `gitlab.example`. */
  host?: string;
  /** Projects by path; default one project `group/demo`. */
  projects?: { path: string; defaultBranch?: string; visibility?: "public" | "private" | "internal" }[];
  /** Accepted token values; default `glpat-maintainer` (PRIVATE-TOKEN, Maintainer) and `job-token` (JOB-TOKEN). */
  tokens?: Record<string, FakeToken>;
}

export interface FakeCall {
  method: string;
  /** Raw path below `/api/v4`, as sent (`/projects/group%2Fdemo/merge_requests`). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  token: "PRIVATE-TOKEN" | "JOB-TOKEN" | null;
}

export interface FakeMergeRequest {
  project: string;
  id: number;
  iid: number;
  title: string;
  description: string;
  source_branch: string;
  target_branch: string;
  labels: string[];
  state: "opened" | "closed" | "merged" | "locked";
  author: string;
  merge_commit_sha: string | null;
  squash_commit_sha: string | null;
  sha: string;
  /** Commits of the merge request (for the commit → merge request lookup). */
  commits: string[];
}

export interface FakeNote {
  project: string;
  mr: number;
  id: number;
  body: string;
  system: boolean;
  author: string;
}

export interface FakeLink {
  id: number;
  name: string;
  url: string;
  link_type: string;
  direct_asset_path: string | null;
}

export interface FakeRelease {
  project: string;
  tag_name: string;
  name: string;
  description: string;
  ref: string | null;
  links: FakeLink[];
}

export interface FakePackage {
  project: string;
  id: number;
  name: string;
  version: string;
}

export interface FakePackageFile {
  id: number;
  package_id: number;
  file_name: string;
  size: number;
  file_sha256: string;
  content: Buffer;
}

export interface FakeState {
  mergeRequests: FakeMergeRequest[];
  notes: FakeNote[];
  labels: { project: string; name: string; color: string }[];
  releases: FakeRelease[];
  packages: FakePackage[];
  packageFiles: FakePackageFile[];
}

export type Fault = { status: 500 | 502 | 503 } | { status: 429; retryAfter: number } | { drop: true };

export interface FakeGitLab {
  host: string;
  origin: string;
  /** `https://<host>/api/v4` and `https://<host>`: the public URLs a client is configured with. */
  apiUrl: string;
  serverUrl: string;
  routes: Record<string, string>;
  fetch: HttpFetch;
  calls: FakeCall[];
  violations: string[];
  state: FakeState;
  /** The next request matching `match` (method and/or a path substring) gets `fault` instead of an answer. */
  failNext(fault: Fault, match?: { method?: string; path?: string }): void;
  /** Merges merge request `iid` (of the first project unless `project` is given) with merge commit `sha`. */
  mergeRequest(iid: number, mergeCommitSha: string, project?: string): void;
  /** Adds a merge request directly (e.g. an already merged one containing `commits`). */
  addMergeRequest(mr: Partial<FakeMergeRequest> & { iid: number }): FakeMergeRequest;
  close(): Promise<void>;
}

type Kind = "string" | "boolean" | "integer" | "links";
interface ParamSpec {
  required?: readonly string[];
  /** Every accepted parameter and its type (GitLab's documented ones that releasio might send). */
  known: Record<string, Kind>;
}

interface Ctx {
  method: string;
  path: string;
  match: RegExpExecArray;
  project: { path: string; id: number; default_branch: string; visibility: string };
  params: Record<string, unknown>;
  token: FakeToken;
  raw: Buffer;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Route {
  method: string;
  pattern: RegExp;
  params: ParamSpec;
  /** Accepts CI_JOB_TOKEN (packages, releases, project read). */
  jobToken: boolean;
  write: boolean;
  /** The body is a file, not JSON. */
  upload?: boolean;
  handle(ctx: Ctx): Answer;
}

const PAGE: Record<string, Kind> = { per_page: "integer", page: "integer" };
const STATES = new Set(["opened", "closed", "locked", "merged", "all"]);
const LINK_TYPES = new Set(["other", "runbook", "image", "package"]);
const PACKAGE_NAME = /^[A-Za-z0-9._+-]+$/;
const PACKAGE_VERSION = /^[\w+-]+(\.[\w+-]+)*$/;
const SHA = /^[0-9a-f]{7,40}$/;

export async function startFakeGitLab(options: FakeGitLabOptions = {}): Promise<FakeGitLab> {
  const host = options.host ?? "gitlab.com";
  const serverUrl = `https://${host}`;
  const apiUrl = `${serverUrl}/api/v4`;
  const tokens: Record<string, FakeToken> = options.tokens ?? {
    "glpat-maintainer": { header: "PRIVATE-TOKEN", username: "release-bot", role: "maintainer" },
    "job-token": { header: "JOB-TOKEN", username: "ci-user", role: "developer" },
  };
  const projects = (options.projects ?? [{ path: "group/demo" }]).map((p, i) => ({
    path: p.path,
    id: 100 + i,
    default_branch: p.defaultBranch ?? "main",
    visibility: p.visibility ?? "private",
  }));
  const state: FakeState = {
    mergeRequests: [],
    notes: [],
    labels: [],
    releases: [],
    packages: [],
    packageFiles: [],
  };
  const calls: FakeCall[] = [];
  const violations: string[] = [];
  const faults: { fault: Fault; match?: { method?: string; path?: string } }[] = [];
  let nextId = 1;

  const webOf = (project: string) => `${serverUrl}/${project}`;
  const mrJson = (mr: FakeMergeRequest) => ({
    id: mr.id,
    iid: mr.iid,
    project_id: projects.find((p) => p.path === mr.project)?.id,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    source_branch: mr.source_branch,
    target_branch: mr.target_branch,
    labels: mr.labels,
    draft: /^\s*(draft:|\[draft\]|\(draft\))/i.test(mr.title),
    work_in_progress: /^\s*(draft:|\[draft\]|\(draft\))/i.test(mr.title),
    author: { id: 1, username: mr.author, name: mr.author },
    merge_commit_sha: mr.merge_commit_sha,
    squash_commit_sha: mr.squash_commit_sha,
    sha: mr.sha,
    web_url: `${webOf(mr.project)}/-/merge_requests/${mr.iid}`,
    created_at: "2026-01-01T00:00:00.000Z",
  });
  const noteJson = (n: FakeNote) => ({
    id: n.id,
    body: n.body,
    system: n.system,
    noteable_type: "MergeRequest",
    noteable_iid: n.mr,
    author: { id: 1, username: n.author },
    created_at: "2026-01-01T00:00:00.000Z",
  });
  const linkJson = (l: FakeLink) => ({
    id: l.id,
    name: l.name,
    url: l.url,
    direct_asset_url: l.direct_asset_path ? `${l.url}` : l.url,
    link_type: l.link_type,
  });
  const releaseJson = (r: FakeRelease) => ({
    tag_name: r.tag_name,
    name: r.name,
    description: r.description,
    created_at: "2026-01-01T00:00:00.000Z",
    released_at: "2026-01-01T00:00:00.000Z",
    upcoming_release: false,
    commit: { id: r.ref },
    _links: { self: `${webOf(r.project)}/-/releases/${encodeURIComponent(r.tag_name)}` },
    assets: { count: r.links.length, sources: [], links: r.links.map(linkJson) },
  });
  const fileJson = (f: FakePackageFile) => ({
    id: f.id,
    package_id: f.package_id,
    created_at: "2026-01-01T00:00:00.000Z",
    file_name: f.file_name,
    size: f.size,
    file_md5: createHash("md5").update(f.content).digest("hex"),
    file_sha1: createHash("sha1").update(f.content).digest("hex"),
    file_sha256: f.file_sha256,
  });
  const ensureLabels = (project: string, names: string[]) => {
    for (const name of names) {
      if (!state.labels.some((l) => l.project === project && l.name === name))
        state.labels.push({ project, name, color: "#6699cc" });
    }
  };
  const splitLabels = (value: unknown) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const findMr = (ctx: Ctx) =>
    state.mergeRequests.find((m) => m.project === ctx.project.path && m.iid === Number(ctx.match[2]));
  const notFound = (what: string): Answer => ({ status: 404, body: { message: `404 ${what} Not Found` } });
  const paged = (ctx: Ctx, items: unknown[]): Answer => {
    const perPage = Math.min(Number(ctx.params.per_page ?? 20), 100);
    const page = Number(ctx.params.page ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < items.length;
    return {
      status: 200,
      body: slice,
      headers: {
        "x-page": String(page),
        "x-per-page": String(perPage),
        "x-total": String(items.length),
        "x-next-page": more ? String(page + 1) : "",
      },
    };
  };

  const P = "^/projects/([^/]+)";
  const routes: Route[] = [
    {
      method: "GET",
      pattern: new RegExp(`${P}$`),
      params: { known: {} },
      jobToken: true,
      write: false,
      handle: (ctx) => ({
        status: 200,
        body: {
          id: ctx.project.id,
          path_with_namespace: ctx.project.path,
          default_branch: ctx.project.default_branch,
          visibility: ctx.project.visibility,
          web_url: webOf(ctx.project.path),
        },
      }),
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/merge_requests$`),
      params: {
        known: {
          ...PAGE,
          state: "string",
          source_branch: "string",
          target_branch: "string",
          labels: "string",
          order_by: "string",
          sort: "string",
        },
      },
      jobToken: false,
      write: false,
      handle: (ctx) => {
        const q = ctx.params;
        if (q.state !== undefined && !STATES.has(String(q.state)))
          return { status: 400, body: { error: "state does not have a valid value" } };
        const list = state.mergeRequests.filter(
          (m) =>
            m.project === ctx.project.path &&
            (q.state === undefined || q.state === "all" || m.state === q.state) &&
            (q.source_branch === undefined || m.source_branch === q.source_branch) &&
            (q.target_branch === undefined || m.target_branch === q.target_branch),
        );
        return paged(ctx, list.reverse().map(mrJson));
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/merge_requests$`),
      params: {
        required: ["source_branch", "target_branch", "title"],
        known: {
          source_branch: "string",
          target_branch: "string",
          title: "string",
          description: "string",
          labels: "string",
          remove_source_branch: "boolean",
          squash: "boolean",
        },
      },
      jobToken: false,
      write: true,
      handle: (ctx) => {
        const q = ctx.params as Record<string, string>;
        const clash = state.mergeRequests.find(
          (m) =>
            m.project === ctx.project.path && m.state === "opened" && m.source_branch === q.source_branch,
        );
        if (clash)
          return {
            status: 409,
            body: {
              message: [`Another open merge request already exists for this source branch: !${clash.iid}`],
            },
          };
        const tooLong = descriptionTooLong(q.description, MR_DESCRIPTION_LIMIT);
        if (tooLong) return tooLong;
        const labels = splitLabels(q.labels);
        ensureLabels(ctx.project.path, labels);
        const iid = state.mergeRequests.filter((m) => m.project === ctx.project.path).length + 1;
        const mr: FakeMergeRequest = {
          project: ctx.project.path,
          id: nextId++,
          iid,
          title: q.title!,
          description: q.description ?? "",
          source_branch: q.source_branch!,
          target_branch: q.target_branch!,
          labels,
          state: "opened",
          author: ctx.token.username,
          merge_commit_sha: null,
          squash_commit_sha: null,
          sha: createHash("sha1").update(`head-${iid}`).digest("hex"),
          commits: [],
        };
        state.mergeRequests.push(mr);
        return { status: 201, body: mrJson(mr) };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/merge_requests/(\\d+)$`),
      params: { known: {} },
      jobToken: false,
      write: false,
      handle: (ctx) => {
        const mr = findMr(ctx);
        return mr ? { status: 200, body: mrJson(mr) } : notFound("Merge Request");
      },
    },
    {
      method: "PUT",
      pattern: new RegExp(`${P}/merge_requests/(\\d+)$`),
      params: {
        known: {
          title: "string",
          description: "string",
          state_event: "string",
          add_labels: "string",
          remove_labels: "string",
          labels: "string",
          target_branch: "string",
        },
      },
      jobToken: false,
      write: true,
      handle: (ctx) => {
        const mr = findMr(ctx);
        if (!mr) return notFound("Merge Request");
        const q = ctx.params as Record<string, string | undefined>;
        if (Object.keys(q).length === 0)
          return { status: 400, body: { error: "at least one parameter must be provided" } };
        if (q.state_event !== undefined && q.state_event !== "close" && q.state_event !== "reopen")
          return { status: 400, body: { error: "state_event does not have a valid value" } };
        const tooLong = descriptionTooLong(q.description, MR_DESCRIPTION_LIMIT);
        if (tooLong) return tooLong;
        if (q.title !== undefined) mr.title = q.title;
        if (q.description !== undefined) mr.description = q.description;
        if (q.target_branch !== undefined) mr.target_branch = q.target_branch;
        if (q.labels !== undefined) mr.labels = splitLabels(q.labels);
        const add = splitLabels(q.add_labels);
        ensureLabels(ctx.project.path, [...add, ...(q.labels !== undefined ? mr.labels : [])]);
        for (const label of add) if (!mr.labels.includes(label)) mr.labels.push(label);
        const remove = new Set(splitLabels(q.remove_labels));
        mr.labels = mr.labels.filter((l) => !remove.has(l));
        if (q.state_event === "close" && mr.state === "opened") mr.state = "closed";
        if (q.state_event === "reopen" && mr.state === "closed") mr.state = "opened";
        return { status: 200, body: mrJson(mr) };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/merge_requests/(\\d+)/notes$`),
      params: { known: { ...PAGE, sort: "string", order_by: "string" } },
      jobToken: false,
      write: false,
      handle: (ctx) => {
        const mr = findMr(ctx);
        if (!mr) return notFound("Merge Request");
        const notes = state.notes.filter((n) => n.project === ctx.project.path && n.mr === mr.iid);
        return paged(ctx, (ctx.params.sort === "asc" ? notes : [...notes].reverse()).map(noteJson));
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/merge_requests/(\\d+)/notes$`),
      params: { required: ["body"], known: { body: "string", internal: "boolean" } },
      jobToken: false,
      write: true,
      handle: (ctx) => {
        const mr = findMr(ctx);
        if (!mr) return notFound("Merge Request");
        const note: FakeNote = {
          project: ctx.project.path,
          mr: mr.iid,
          id: nextId++,
          body: String(ctx.params.body),
          system: false,
          author: ctx.token.username,
        };
        state.notes.push(note);
        return { status: 201, body: noteJson(note) };
      },
    },
    {
      method: "PUT",
      pattern: new RegExp(`${P}/merge_requests/(\\d+)/notes/(\\d+)$`),
      params: { required: ["body"], known: { body: "string" } },
      jobToken: false,
      write: true,
      handle: (ctx) => {
        const mr = findMr(ctx);
        const note = state.notes.find((n) => n.mr === mr?.iid && n.id === Number(ctx.match[3]));
        if (!mr || !note) return notFound("Note");
        if (note.author !== ctx.token.username) return { status: 403, body: { message: "403 Forbidden" } };
        note.body = String(ctx.params.body);
        return { status: 200, body: noteJson(note) };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/labels$`),
      params: { known: { ...PAGE, search: "string" } },
      jobToken: false,
      write: false,
      handle: (ctx) =>
        paged(
          ctx,
          state.labels
            .filter((l) => l.project === ctx.project.path)
            .map((l, i) => ({ id: i + 1, name: l.name, color: l.color })),
        ),
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/labels$`),
      params: {
        required: ["name", "color"],
        known: { name: "string", color: "string", description: "string" },
      },
      jobToken: false,
      write: true,
      handle: (ctx) => {
        const name = String(ctx.params.name);
        if (state.labels.some((l) => l.project === ctx.project.path && l.name === name))
          return { status: 409, body: { message: "Label already exists" } };
        state.labels.push({ project: ctx.project.path, name, color: String(ctx.params.color) });
        return { status: 201, body: { id: state.labels.length, name, color: ctx.params.color } };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/repository/commits/([^/]+)/merge_requests$`),
      params: { known: { ...PAGE } },
      jobToken: false,
      write: false,
      handle: (ctx) => {
        const sha = decodeURIComponent(ctx.match[2]!);
        if (!SHA.test(sha)) return notFound("Commit");
        const mrs = state.mergeRequests.filter(
          (m) =>
            m.project === ctx.project.path &&
            (m.merge_commit_sha === sha || m.squash_commit_sha === sha || m.commits.includes(sha)),
        );
        return paged(ctx, mrs.map(mrJson));
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/releases/([^/]+)$`),
      params: { known: { include_html_description: "boolean" } },
      jobToken: true,
      write: false,
      handle: (ctx) => {
        const tag = decodeURIComponent(ctx.match[2]!);
        const release = state.releases.find((r) => r.project === ctx.project.path && r.tag_name === tag);
        return release ? { status: 200, body: releaseJson(release) } : notFound("");
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/releases$`),
      params: {
        required: ["tag_name"],
        known: {
          tag_name: "string",
          name: "string",
          description: "string",
          ref: "string",
          tag_message: "string",
          assets: "links",
          released_at: "string",
        },
      },
      jobToken: true,
      write: true,
      handle: (ctx) => {
        const q = ctx.params as { tag_name: string; name?: string; description?: string; ref?: string };
        if (state.releases.some((r) => r.project === ctx.project.path && r.tag_name === q.tag_name))
          return { status: 409, body: { message: "Release already exists" } };
        const links = (
          (ctx.params.assets as { links?: Record<string, string>[] } | undefined)?.links ?? []
        ).map(
          (l): FakeLink => ({
            id: nextId++,
            name: l.name!,
            url: l.url!,
            link_type: l.link_type ?? "other",
            direct_asset_path: l.direct_asset_path ?? null,
          }),
        );
        const tooLong = descriptionTooLong(q.description, RELEASE_DESCRIPTION_LIMIT);
        if (tooLong) return tooLong;
        const dup = duplicateLink(links);
        if (dup) return { status: 400, body: { message: dup } };
        const release: FakeRelease = {
          project: ctx.project.path,
          tag_name: q.tag_name,
          name: q.name ?? q.tag_name,
          description: q.description ?? "",
          ref: q.ref ?? null,
          links,
        };
        state.releases.push(release);
        return { status: 201, body: releaseJson(release) };
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/releases/([^/]+)/assets/links$`),
      params: {
        required: ["name", "url"],
        known: { name: "string", url: "string", link_type: "string", direct_asset_path: "string" },
      },
      jobToken: true,
      write: true,
      handle: (ctx) => {
        const tag = decodeURIComponent(ctx.match[2]!);
        const release = state.releases.find((r) => r.project === ctx.project.path && r.tag_name === tag);
        if (!release) return notFound("");
        const q = ctx.params as Record<string, string>;
        const link: FakeLink = {
          id: nextId++,
          name: q.name!,
          url: q.url!,
          link_type: q.link_type ?? "other",
          direct_asset_path: q.direct_asset_path ?? null,
        };
        const dup = duplicateLink([...release.links, link]);
        if (dup) return { status: 400, body: { message: dup } };
        release.links.push(link);
        return { status: 201, body: linkJson(link) };
      },
    },
    {
      method: "PUT",
      pattern: new RegExp(`${P}/packages/generic/([^/]+)/([^/]+)/([^/]+)$`),
      params: { known: { select: "string", status: "string" } },
      jobToken: true,
      write: true,
      upload: true,
      handle: (ctx) => {
        const [name, version, file] = [ctx.match[2]!, ctx.match[3]!, ctx.match[4]!].map(decodeURIComponent);
        if (!PACKAGE_NAME.test(name!) || !PACKAGE_VERSION.test(version!) || file!.includes("/"))
          return { status: 400, body: { error: "package_name, package_version or file_name is invalid" } };
        if (ctx.params.select !== undefined && ctx.params.select !== "package_file")
          return { status: 400, body: { error: "select does not have a valid value" } };
        let pkg = state.packages.find(
          (p) => p.project === ctx.project.path && p.name === name && p.version === version,
        );
        if (!pkg) {
          pkg = { project: ctx.project.path, id: nextId++, name: name!, version: version! };
          state.packages.push(pkg);
        }
        const stored: FakePackageFile = {
          id: nextId++,
          package_id: pkg.id,
          file_name: file!,
          size: ctx.raw.length,
          file_sha256: createHash("sha256").update(ctx.raw).digest("hex"),
          content: ctx.raw,
        };
        state.packageFiles.push(stored);
        return {
          status: 201,
          body: ctx.params.select === "package_file" ? fileJson(stored) : { message: "201 Created" },
        };
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/packages$`),
      params: {
        known: {
          ...PAGE,
          package_type: "string",
          package_name: "string",
          package_version: "string",
          order_by: "string",
          sort: "string",
          status: "string",
          include_versionless: "boolean",
        },
      },
      jobToken: true,
      write: false,
      handle: (ctx) => {
        const q = ctx.params;
        if (q.package_type !== undefined && q.package_type !== "generic") return paged(ctx, []); // the fake stores generic packages only
        const list = state.packages.filter(
          (p) =>
            p.project === ctx.project.path &&
            (q.package_name === undefined || p.name.includes(String(q.package_name))) &&
            (q.package_version === undefined || p.version === q.package_version),
        );
        return paged(
          ctx,
          list.map((p) => ({
            id: p.id,
            name: p.name,
            version: p.version,
            package_type: "generic",
            status: "default",
            created_at: "2026-01-01T00:00:00.000Z",
          })),
        );
      },
    },
    {
      method: "GET",
      pattern: new RegExp(`${P}/packages/(\\d+)/package_files$`),
      params: { known: { ...PAGE, order_by: "string", sort: "string" } },
      jobToken: true,
      write: false,
      handle: (ctx) => {
        const pkg = state.packages.find(
          (p) => p.project === ctx.project.path && p.id === Number(ctx.match[2]),
        );
        if (!pkg) return notFound("");
        return paged(ctx, state.packageFiles.filter((f) => f.package_id === pkg.id).map(fileJson));
      },
    },
    {
      method: "DELETE",
      pattern: new RegExp(`${P}/packages/(\\d+)/package_files/(\\d+)$`),
      params: { known: {} },
      jobToken: true,
      write: true,
      handle: (ctx) => {
        const index = state.packageFiles.findIndex(
          (f) => f.package_id === Number(ctx.match[2]) && f.id === Number(ctx.match[3]),
        );
        if (index < 0) return notFound("");
        state.packageFiles.splice(index, 1);
        return { status: 204 };
      },
    },
  ];

  const respond = (res: ServerResponse, answer: Answer) => {
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers["content-type"] = "application/json";
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    // The raw, still-encoded path: the project id must arrive as `group%2Fdemo`.
    const rawPath = (req.url ?? "/").split("?")[0]!;
    const method = req.method ?? "GET";
    const raw = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const tokenHeader =
      header("private-token") !== undefined
        ? "PRIVATE-TOKEN"
        : header("job-token") !== undefined
          ? "JOB-TOKEN"
          : null;
    const call: FakeCall = {
      method,
      path: rawPath.replace(/^\/api\/v4/, ""),
      query,
      body: null,
      token: tokenHeader,
    };
    calls.push(call);

    const faultIndex = faults.findIndex(
      (f) =>
        (f.match?.method === undefined || f.match.method === method) &&
        (f.match?.path === undefined || call.path.includes(f.match.path)),
    );
    if (faultIndex >= 0) {
      const [{ fault }] = faults.splice(faultIndex, 1) as [{ fault: Fault }];
      if ("drop" in fault) {
        req.socket.destroy();
        return;
      }
      if (fault.status === 429)
        return respond(res, {
          status: 429,
          body: { message: "Retry later" },
          headers: { "retry-after": String(fault.retryAfter) },
        });
      return respond(res, { status: fault.status, body: { message: "Internal Server Error" } });
    }

    const violate = (message: string, answer: Answer) => {
      violations.push(`${method} ${call.path}: ${message}`);
      respond(res, answer);
    };
    if (!rawPath.startsWith("/api/v4/"))
      return violate("not below /api/v4", { status: 404, body: { error: "404 Not Found" } });
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of routes) {
      if (r.method !== method) continue;
      match = r.pattern.exec(call.path);
      if (match) {
        route = r;
        break;
      }
    }
    if (!route || !match)
      return violate("unknown endpoint", { status: 404, body: { error: "404 Not Found" } });

    const secret = tokenHeader === "PRIVATE-TOKEN" ? header("private-token") : header("job-token");
    if (tokenHeader === null) return violate("no PRIVATE-TOKEN or JOB-TOKEN header", unauthorized);
    if (header("private-token") !== undefined && header("job-token") !== undefined)
      return violate("both PRIVATE-TOKEN and JOB-TOKEN sent", unauthorized);
    const token = secret === undefined ? undefined : tokens[secret];
    if (!token || token.header !== tokenHeader) return respond(res, unauthorized);

    const projectRef = decodeURIComponent(match[1]!);
    const project = projects.find((p) => p.path === projectRef || String(p.id) === projectRef);
    if (!project) return respond(res, notFound("Project"));
    // GitLab ignores a job token on endpoints that do not accept it: the request is anonymous.
    if (token.header === "JOB-TOKEN" && !route.jobToken) return respond(res, unauthorized);
    if (route.write && token.role === "reporter")
      return respond(res, { status: 403, body: { message: "403 Forbidden" } });

    let params: Record<string, unknown> = { ...query };
    if (!route.upload && (method === "POST" || method === "PUT")) {
      const type = header("content-type") ?? "";
      if (!type.startsWith("application/json"))
        return violate(`content-type '${type}' instead of application/json`, badRequest("body must be JSON"));
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString("utf8"));
      } catch {
        return violate("body is not JSON", badRequest("body is not JSON"));
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        return violate("body is not a JSON object", badRequest("body must be an object"));
      call.body = parsed;
      params = { ...params, ...(parsed as Record<string, unknown>) };
    } else if (!route.upload && raw.length > 0) {
      return violate("unexpected request body", badRequest("unexpected body"));
    }
    const problem = checkParams(params, route.params);
    if (problem) return violate(problem, badRequest(problem));
    return respond(res, route.handle({ method, path: call.path, match, project, params, token, raw }));
  };

  const loopback = await startLoopback(handler);
  const table = { [host]: loopback.origin };
  return {
    host,
    origin: loopback.origin,
    apiUrl,
    serverUrl,
    routes: table,
    fetch: routeHosts(table),
    calls,
    violations,
    state,
    failNext(fault, match) {
      faults.push(match === undefined ? { fault } : { fault, match });
    },
    mergeRequest(iid, mergeCommitSha, project = projects[0]!.path) {
      const mr = state.mergeRequests.find((m) => m.project === project && m.iid === iid);
      if (!mr) throw new Error(`fake GitLab: no merge request !${iid} in ${project}`);
      mr.state = "merged";
      mr.merge_commit_sha = mergeCommitSha;
    },
    addMergeRequest(partial) {
      const project = partial.project ?? projects[0]!.path;
      const mr: FakeMergeRequest = {
        project,
        id: nextId++,
        title: `MR ${partial.iid}`,
        description: "",
        source_branch: `topic-${partial.iid}`,
        target_branch: "main",
        labels: [],
        state: "opened",
        author: "someone",
        merge_commit_sha: null,
        squash_commit_sha: null,
        sha: createHash("sha1").update(`head-${project}-${partial.iid}`).digest("hex"),
        commits: [],
        ...partial,
      };
      state.mergeRequests.push(mr);
      return mr;
    },
    close: () => loopback.close(),
  };
}

const unauthorized: Answer = { status: 401, body: { message: "401 Unauthorized" } };
const badRequest = (error: string): Answer => ({ status: 400, body: { error } });

/** A merge request's description: 1 megabyte (1,048,576 characters), as for every issuable. */
const MR_DESCRIPTION_LIMIT = 1_048_576;
/** A release's description: GitLab's text-size limit, 1,000,000 characters. */
const RELEASE_DESCRIPTION_LIMIT = 1_000_000;

/** GitLab's validation error for a description over `limit` characters (Ruby counts characters, not bytes). */
function descriptionTooLong(description: string | undefined, limit: number): Answer | null {
  if (description === undefined || [...description].length <= limit) return null;
  return {
    status: 400,
    body: { message: { description: [`is too long (maximum is ${limit} characters)`] } },
  };
}

function duplicateLink(links: readonly FakeLink[]): string | null {
  const names = new Set<string>();
  const urls = new Set<string>();
  for (const l of links) {
    if (names.has(l.name)) return `Validation failed: Links have duplicate values (${l.name})`;
    if (urls.has(l.url)) return `Validation failed: Links have duplicate values (${l.url})`;
    names.add(l.name);
    urls.add(l.url);
  }
  return null;
}

/** The first problem with the parameters: a missing required one, an unknown one or a wrong type. */
function checkParams(params: Record<string, unknown>, spec: ParamSpec): string | null {
  for (const key of spec.required ?? []) {
    if (params[key] === undefined || params[key] === "") return `${key} is missing`;
  }
  for (const [key, value] of Object.entries(params)) {
    const kind = spec.known[key];
    if (kind === undefined) return `${key} is not a parameter of this endpoint`;
    const problem = checkKind(key, value, kind);
    if (problem) return problem;
  }
  return null;
}

function checkKind(key: string, value: unknown, kind: Kind): string | null {
  switch (kind) {
    case "string":
      return typeof value === "string" ? null : `${key} must be a string (comma-separated for lists)`;
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false" ? null : `${key} is invalid`;
    case "integer":
      return /^\d+$/.test(String(value)) ? null : `${key} is invalid`;
    case "links": {
      const links = (value as { links?: unknown } | null)?.links;
      if (typeof value !== "object" || value === null || !Array.isArray(links))
        return `${key}[links] is invalid`;
      for (const link of links as Record<string, unknown>[]) {
        if (typeof link?.name !== "string" || link.name === "") return `${key}[links][name] is missing`;
        if (typeof link.url !== "string" || !/^https?:\/\//.test(link.url))
          return `${key}[links][url] is invalid`;
        if (link.link_type !== undefined && !LINK_TYPES.has(String(link.link_type)))
          return `${key}[links][link_type] does not have a valid value`;
        if (link.direct_asset_path !== undefined && !String(link.direct_asset_path).startsWith("/"))
          return `${key}[links][direct_asset_path] is invalid`;
        const extra = Object.keys(link).find(
          (k) => !["name", "url", "link_type", "direct_asset_path"].includes(k),
        );
        if (extra) return `${key}[links][${extra}] is not a parameter of this endpoint`;
      }
      return null;
    }
  }
}
