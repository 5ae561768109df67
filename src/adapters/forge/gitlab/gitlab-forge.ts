/**
 * The forge port on GitLab (REST v4): merge requests and their notes, releases created at publication with links
 * to files in the project's generic package registry (GitLab has no draft releases), commit → merge request
 * lookups. The project id in every path is the URL-encoded project path (`group%2Fsub%2Fdemo`).
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { Logger } from "../../../commands/context.js";
import { ReleasioError } from "../../../core/errors.js";
import type { HttpFetch } from "../../http/fetch.js";
import type {
  AssetFile,
  ChangeRequest,
  ChangeRequestInput,
  CommitLookup,
  Forge,
  ForgeRelease,
  ReleaseAsset,
  ReleaseInput,
} from "../port.js";
import { GitLabClient } from "./client.js";
import type { TokenHeader } from "./errors.js";
import {
  type GenericPackage,
  genericFilePath,
  genericPackageFor,
  listPackageFiles,
  parseAssetId,
  toAsset,
} from "./packages.js";
import {
  draftTitle,
  type GitLabMergeRequest,
  type GitLabNote,
  type GitLabPackageFile,
  type GitLabProject,
  type GitLabRelease,
  type GitLabReleaseLink,
  mergedRequestFor,
  producedCommits,
  toChangeRequest,
  toRelease,
} from "./wire.js";

export interface GitLabForgeOptions {
  /** `group/sub/demo` */
  projectPath: string;
  /** `https://gitlab.example/api/v4` */
  apiUrl: string;
  /** `https://gitlab.example` */
  serverUrl: string;
  token: { header: TokenHeader; value: string };
  fetch: HttpFetch;
  logger: Logger;
  /** Test seams; real timers, randomness and clock by default. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const LOOKUP_CONCURRENCY = 4;

function baseUrl(key: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReleasioError("E_CONFIG_INVALID", `${key}: '${value}' is not a URL`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new ReleasioError(
      "E_INSECURE_URL",
      `${key}: '${url.origin}' must use https (the token is sent to it)`,
    );
  }
  return value.replace(/\/+$/, "");
}

export function createGitLabForge(o: GitLabForgeOptions): Forge {
  const apiUrl = baseUrl("gitlab.api_url", o.apiUrl);
  const serverUrl = baseUrl("gitlab.server_url", o.serverUrl);
  const projectPath = o.projectPath.replace(/^\/+|\/+$/g, "");
  const id = encodeURIComponent(projectPath);
  const webUrl = `${serverUrl}/${projectPath}`;
  const client = new GitLabClient({
    apiUrl,
    project: projectPath,
    token: o.token,
    fetch: o.fetch,
    logger: o.logger,
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: o.random ?? Math.random,
    now: o.now ?? Date.now,
  });
  const mrPath = (iid: number) => `/projects/${id}/merge_requests/${iid}`;
  const releasePath = (tag: string) => `/projects/${id}/releases/${encodeURIComponent(tag)}`;
  /** Draft flags of merge requests already seen, so a title edit keeps GitLab's `Draft:` prefix. */
  const drafts = new Map<number, boolean>();

  const seen = (mr: GitLabMergeRequest): ChangeRequest => {
    const cr = toChangeRequest(mr);
    drafts.set(cr.number, cr.draft);
    return cr;
  };
  const getMergeRequest = async (iid: number): Promise<GitLabMergeRequest> =>
    (await client.send<GitLabMergeRequest>({
      method: "GET",
      path: mrPath(iid),
      action: "read merge requests",
      access: "merge-requests",
    })) as GitLabMergeRequest;
  const putMergeRequest = async (iid: number, body: Record<string, string>, action: string) =>
    seen(
      (await client.send<GitLabMergeRequest>({
        method: "PUT",
        path: mrPath(iid),
        json: body,
        action,
        access: "merge-requests",
      })) as GitLabMergeRequest,
    );
  const postNote = async (iid: number, body: string): Promise<GitLabNote> =>
    (await client.send<GitLabNote>({
      method: "POST",
      path: `${mrPath(iid)}/notes`,
      json: { body },
      action: "comment on merge requests",
      access: "merge-requests",
    })) as GitLabNote;
  const commitMergeRequests = (sha: string) =>
    client.all<GitLabMergeRequest>({
      method: "GET",
      path: `/projects/${id}/repository/commits/${encodeURIComponent(sha)}/merge_requests`,
      action: "read merge requests",
      access: "repository",
      // An unknown commit (not pushed yet) simply has no merge request.
      accept: [404],
    });

  const packageFor = (tag: string): GenericPackage => genericPackageFor(projectPath, tag);
  const fileUrl = (pkg: GenericPackage, name: string) => `${apiUrl}${genericFilePath(id, pkg, name)}`;
  const packageAssets = async (tag: string): Promise<ReleaseAsset[]> => {
    const pkg = packageFor(tag);
    return (await listPackageFiles(client, id, pkg)).map((f) => toAsset(f, fileUrl(pkg, f.file_name)));
  };
  const linkOf = (asset: ReleaseAsset) => ({
    name: asset.name,
    url: asset.url,
    link_type: "package",
    direct_asset_path: `/${asset.name}`,
  });
  const addLink = (tag: string, asset: ReleaseAsset) =>
    client.send<GitLabReleaseLink>({
      method: "POST",
      path: `${releasePath(tag)}/assets/links`,
      json: linkOf(asset),
      action: "create releases",
      access: "releases",
    });
  const getRelease = (tag: string) =>
    client.send<GitLabRelease>({
      method: "GET",
      path: releasePath(tag),
      action: "read releases",
      access: "releases",
      accept: [404],
    });
  /** A release's links as assets, with size and digest from the package files they point at. */
  const releaseWithAssets = async (release: GitLabRelease): Promise<ForgeRelease> => {
    const links = release.assets?.links ?? [];
    const files = links.length > 0 ? await packageAssets(release.tag_name) : [];
    const byName = new Map(files.map((f) => [f.name, f]));
    const assets = links.map(
      (link): ReleaseAsset =>
        byName.get(link.name) ?? {
          id: `link:${link.id}`,
          name: link.name,
          size: 0,
          sha256: null,
          url: link.url,
        },
    );
    return toRelease(release, webUrl, assets);
  };

  return {
    repository: { kind: "gitlab", path: projectPath, webUrl, apiUrl },
    capabilities: { draftReleases: false, advisories: false },
    get calls() {
      return client.calls;
    },

    async getRepository() {
      const project = (await client.send<GitLabProject>({
        method: "GET",
        path: `/projects/${id}`,
        action: "read the project",
        access: "project",
      })) as GitLabProject;
      return { defaultBranch: project.default_branch ?? "main", visibility: project.visibility };
    },

    async findOpenChangeRequest(head, base) {
      const mrs =
        (await client.send<GitLabMergeRequest[]>({
          method: "GET",
          path: `/projects/${id}/merge_requests`,
          query: { source_branch: head, target_branch: base, state: "opened" },
          action: "read merge requests",
          access: "merge-requests",
        })) ?? [];
      const mr = mrs.find(
        (m) => m.source_branch === head && m.target_branch === base && m.state === "opened",
      );
      return mr ? seen(mr) : null;
    },

    async findMergedChangeRequest(commit) {
      const mr = mergedRequestFor(commit, await commitMergeRequests(commit));
      return mr ? seen(mr) : null;
    },

    async createChangeRequest(input: ChangeRequestInput) {
      const body: Record<string, string> = {
        source_branch: input.head,
        target_branch: input.base,
        title: draftTitle(input.title, input.draft),
        description: input.body,
      };
      if (input.labels.length > 0) body.labels = input.labels.join(",");
      const mr = (await client.send<GitLabMergeRequest>({
        method: "POST",
        path: `/projects/${id}/merge_requests`,
        json: body,
        action: "create merge requests",
        access: "merge-requests",
      })) as GitLabMergeRequest;
      return seen(mr);
    },

    async updateChangeRequest(number, change) {
      const body: Record<string, string> = {};
      if (change.title !== undefined) {
        const draft = drafts.get(number) ?? seen(await getMergeRequest(number)).draft;
        body.title = draftTitle(change.title, draft);
      }
      if (change.body !== undefined) body.description = change.body;
      if (Object.keys(body).length === 0) return seen(await getMergeRequest(number));
      return putMergeRequest(number, body, "update merge requests");
    },

    async addLabels(number, labels) {
      if (labels.length === 0) return;
      // GitLab creates project labels that do not exist yet when they are assigned.
      await putMergeRequest(number, { add_labels: labels.join(",") }, "label merge requests");
    },

    async closeChangeRequest(number, comment) {
      await postNote(number, comment);
      await putMergeRequest(number, { state_event: "close" }, "close merge requests");
    },

    async upsertComment(number, marker, body) {
      const full = body.split("\n", 1)[0] === marker ? body : `${marker}\n${body}`;
      const notes = await client.all<GitLabNote>({
        method: "GET",
        path: `${mrPath(number)}/notes`,
        query: { sort: "asc", order_by: "created_at" },
        action: "read merge request notes",
        access: "merge-requests",
      });
      const noteUrl = (note: GitLabNote) => `${webUrl}/-/merge_requests/${number}#note_${note.id}`;
      const sticky = notes.find((n) => !n.system && n.body.split("\n", 1)[0] === marker);
      // GitLab may drop trailing whitespace from a stored note.
      if (sticky && sticky.body.trimEnd() === full.trimEnd())
        return { action: "unchanged" as const, url: noteUrl(sticky) };
      if (sticky) {
        const note = (await client.send<GitLabNote>({
          method: "PUT",
          path: `${mrPath(number)}/notes/${sticky.id}`,
          json: { body: full },
          action: "edit merge request notes",
          access: "merge-requests",
        })) as GitLabNote;
        return { action: "updated" as const, url: noteUrl(note) };
      }
      return { action: "created" as const, url: noteUrl(await postNote(number, full)) };
    },

    async lookupCommits(shas) {
      // GitLab has no batched commit → merge request query. The recently merged requests, a hundred a page, name
      // the merge and squash commits they produced: in squash and merge-commit workflows that answers most of a
      // range at once. The commits left (those inside a merged branch, direct pushes) are asked one by one,
      // 4 at a time.
      const result = new Map<string, CommitLookup>();
      const wanted = [...new Set(shas)];
      const recent = await client.all<GitLabMergeRequest>(
        {
          method: "GET",
          path: `/projects/${id}/merge_requests`,
          query: { state: "merged", order_by: "updated_at", sort: "desc" },
          action: "read merge requests",
          access: "merge-requests",
        },
        Math.ceil(wanted.length / 100) + 1,
      );
      const byCommit = producedCommits(recent);
      const queue: string[] = [];
      for (const sha of wanted) {
        const mr = byCommit.get(sha);
        if (mr) result.set(sha, { pr: mr.iid, login: mr.author?.username ?? null });
        else queue.push(sha);
      }
      const worker = async () => {
        for (let sha = queue.shift(); sha !== undefined; sha = queue.shift()) {
          const mr = mergedRequestFor(sha, await commitMergeRequests(sha));
          result.set(sha, { pr: mr?.iid ?? null, login: mr?.author?.username ?? null });
        }
      };
      await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
      return new Map(shas.map((sha) => [sha, result.get(sha) ?? { pr: null, login: null }]));
    },

    async findRelease(tag) {
      const release = await getRelease(tag);
      return release ? releaseWithAssets(release) : null;
    },

    async createDraftRelease() {
      throw new ReleasioError(
        "E_FORGE_API",
        "GitLab has no draft releases; the release is created when published",
        {
          hint: "this is a releasio bug: check forge.capabilities.draftReleases before creating drafts",
        },
      );
    },

    async uploadAsset(release: ForgeRelease | null, file: AssetFile, tag: string) {
      const forTag = tag || release?.tag || "";
      if (forTag === "") {
        throw new ReleasioError(
          "E_FORGE_API",
          `cannot upload ${file.name}: no release tag to store it under`,
          {
            hint: "this is a releasio bug: uploads to GitLab need the release tag",
          },
        );
      }
      const pkg = packageFor(forTag);
      const stored = await client.send<GitLabPackageFile | { message: string }>({
        method: "PUT",
        path: genericFilePath(id, pkg, file.name),
        query: { select: "package_file" },
        upload: {
          open: () => Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>,
          contentType: "application/octet-stream",
        },
        action: "upload to the package registry",
        access: "packages",
      });
      const details = stored && "file_name" in stored ? stored : null;
      if (details?.file_sha256 && details.file_sha256 !== file.sha256) {
        throw new ReleasioError(
          "E_FORGE_API",
          `GitLab stored ${file.name} with sha256 ${details.file_sha256}, expected ${file.sha256}`,
          { hint: "re-run to upload it again" },
        );
      }
      const asset: ReleaseAsset = {
        id: details ? `${details.package_id}:${details.id}` : `name:${file.name}`,
        name: file.name,
        size: details?.size ?? file.size,
        sha256: file.sha256,
        url: fileUrl(pkg, file.name),
      };
      // An existing (published) release gets the link right away; otherwise publishRelease links it.
      if (release) await addLink(release.tag, asset);
      return asset;
    },

    async deleteAsset(release: ForgeRelease | null, asset: ReleaseAsset) {
      let ids = parseAssetId(asset.id);
      if (!ids && release) {
        const again = (await packageAssets(release.tag)).find((a) => a.name === asset.name);
        ids = again ? parseAssetId(again.id) : null;
      }
      if (!ids) return;
      await client.send({
        method: "DELETE",
        path: `/projects/${id}/packages/${ids.packageId}/package_files/${ids.fileId}`,
        action: "delete package files",
        access: "packages",
        accept: [404],
      });
    },

    async listAssets(_release, tag) {
      return packageAssets(tag);
    },

    async publishRelease(_draft, input: ReleaseInput & { makeLatest: boolean; assets: ReleaseAsset[] }) {
      // GitLab has no `make_latest` (the latest release is the one released last) and no pre-release flag.
      const created = await client.send<GitLabRelease>({
        method: "POST",
        path: `/projects/${id}/releases`,
        json: {
          tag_name: input.tag,
          name: input.name,
          description: input.body,
          ref: input.commit,
          assets: { links: input.assets.map(linkOf) },
        },
        action: "create releases",
        access: "releases",
        accept: [409],
      });
      if (created) return toRelease(created, webUrl, input.assets);
      // Created by an earlier run that stopped before reporting: link what is missing and return it.
      const existing = (await getRelease(input.tag)) as GitLabRelease;
      const linked = new Set((existing.assets?.links ?? []).map((l) => l.name));
      for (const asset of input.assets.filter((a) => !linked.has(a.name))) await addLink(input.tag, asset);
      return toRelease(existing, webUrl, input.assets);
    },

    async listAdvisorySummaries() {
      return [];
    },

    async createAdvisory() {
      throw new ReleasioError("E_FORGE_API", "GitLab has no repository security advisories", {
        hint: "create a confidential issue or use GitLab's vulnerability report instead",
      });
    },
  };
}
