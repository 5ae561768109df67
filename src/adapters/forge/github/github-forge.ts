/**
 * The Forge port on GitHub's REST and GraphQL APIs (PRODUCT.md §6.20), through @octokit/rest with its retry and
 * throttling plugins (`client.ts`) over the thin transport. Assets stream from disk to the uploads host, reopened
 * for every attempt; drafts are found by listing releases (GET by tag hides them).
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { Logger } from "../../../commands/context.js";
import { ReleasioError } from "../../../core/errors.js";
import type { HttpFetch } from "../../http/fetch.js";
import type {
  AdvisoryInput,
  AssetFile,
  ChangeRequest,
  CommitLookup,
  Forge,
  ForgeRelease,
  ReleaseAsset,
  ReleaseInput,
  RepositoryInfo,
} from "../port.js";
import { createGitHubClient, OPEN_BODY, type OpenBody } from "./client.js";
import { type GitHubOperation, translateGitHubError } from "./errors.js";
import { createTransport } from "./transport.js";

export interface GitHubForgeOptions {
  owner: string;
  repo: string;
  apiUrl: string;
  uploadsUrl: string;
  serverUrl: string;
  /** GraphQL endpoint; default derived from `apiUrl` (`/api/v3` → `/api/graphql`). */
  graphqlUrl?: string;
  token: string;
  fetch: HttpFetch;
  logger: Logger;
  /** Backoff base for 5xx/transport retries (tests shorten it). */
  retryBaseMs?: number;
  /** Real milliseconds per second of `retry-after`/`x-ratelimit-reset` (tests shorten it). */
  rateLimitUnitMs?: number;
}

export { GITHUB_API_VERSION } from "./client.js";

const PER_PAGE = 100;

const OPS = {
  readRepo: { action: "read the repository", permission: "contents: read", repositoryLevel: true },
  readPulls: { action: "read pull requests", permission: "pull-requests: read", repositoryLevel: true },
  writePulls: {
    action: "create or update pull requests",
    permission: "pull-requests: write",
    repositoryLevel: true,
  },
  labels: { action: "add labels to pull requests", permission: "pull-requests: write" },
  comments: { action: "comment on pull requests", permission: "pull-requests: write" },
  readReleases: { action: "read releases", permission: "contents: read", repositoryLevel: true },
  writeReleases: {
    action: "create or publish releases",
    permission: "contents: write",
    repositoryLevel: true,
  },
  assets: { action: "upload or delete release assets", permission: "contents: write" },
  lookup: { action: "look up commits", permission: "contents: read" },
  readAdvisories: {
    action: "read security advisories",
    permission: "security-events: read",
    repositoryLevel: true,
  },
  writeAdvisories: { action: "create security advisories", permission: "security-events: write" },
} satisfies Record<string, GitHubOperation>;

interface ApiUser {
  login: string;
}
interface ApiPull {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  head: { ref: string };
  base: { ref: string };
  labels: Array<{ name?: string } | string>;
  draft?: boolean;
  state: string;
  merged_at: string | null;
  merge_commit_sha: string | null;
  user: ApiUser | null;
}
interface ApiAsset {
  id: number;
  name: string;
  size: number;
  browser_download_url: string;
  digest?: string | null;
}
interface ApiRelease {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  assets: ApiAsset[];
}

function mapPull(p: ApiPull): ChangeRequest {
  const merged = p.merged_at !== null;
  return {
    number: p.number,
    url: p.html_url,
    title: p.title,
    body: p.body ?? "",
    head: p.head.ref,
    base: p.base.ref,
    labels: p.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((l) => l !== ""),
    draft: p.draft ?? false,
    state: merged ? "merged" : p.state === "open" ? "open" : "closed",
    author: p.user?.login ?? null,
    mergeCommit: merged ? p.merge_commit_sha : null,
  };
}

/** `sha256:<hex>` → `<hex>`; other algorithms are not comparable with our digests. */
function sha256Of(digest: string | null | undefined): string | null {
  return digest?.startsWith("sha256:") ? digest.slice("sha256:".length).toLowerCase() : null;
}

function mapAsset(a: ApiAsset): ReleaseAsset {
  return {
    id: String(a.id),
    name: a.name,
    size: a.size,
    sha256: sha256Of(a.digest),
    url: a.browser_download_url,
  };
}

function mapRelease(r: ApiRelease): ForgeRelease {
  return {
    id: String(r.id),
    tag: r.tag_name,
    name: r.name ?? "",
    body: r.body ?? "",
    draft: r.draft,
    prerelease: r.prerelease,
    url: r.html_url,
    assets: r.assets.map(mapAsset),
  };
}

function graphqlUrlFor(apiUrl: string): string {
  if (/\/api\/v3\/?$/.test(apiUrl)) return apiUrl.replace(/\/api\/v3\/?$/, "/api/graphql");
  return `${apiUrl.replace(/\/+$/, "")}/graphql`;
}

/** The batched lookup query: one aliased `object(oid:)` per commit. SHAs are validated hex, never free text. */
export function commitLookupQuery(shas: readonly string[]): string {
  const fields = shas
    .map(
      (sha, i) =>
        `c${i}: object(oid: "${sha}") { ... on Commit { oid associatedPullRequests(first: 5) { nodes { number merged } } author { user { login } } } }`,
    )
    .join(" ");
  return `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { ${fields} } }`;
}

interface LookupNode {
  oid: string;
  associatedPullRequests?: { nodes: Array<{ number: number; merged: boolean } | null> } | null;
  author?: { user: { login: string } | null } | null;
}

export function createGitHubForge(o: GitHubForgeOptions): Forge {
  const transport = createTransport({ fetch: o.fetch, logger: o.logger, forgeName: "GitHub" });
  const octokit = createGitHubClient({
    apiUrl: o.apiUrl,
    token: o.token,
    fetch: transport.fetch,
    logger: o.logger,
    ...(o.retryBaseMs === undefined ? {} : { retryBaseMs: o.retryBaseMs }),
    ...(o.rateLimitUnitMs === undefined ? {} : { rateLimitUnitMs: o.rateLimitUnitMs }),
  });
  const owner = o.owner;
  const repo = o.repo;
  const repoPath = `${owner}/${repo}`;
  const graphqlUrl = o.graphqlUrl ?? graphqlUrlFor(o.apiUrl);

  async function call<T>(op: GitHubOperation, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw translateGitHubError(error, op, repoPath);
    }
  }

  async function listReleasesUntil(match: (r: ApiRelease) => boolean): Promise<ApiRelease | null> {
    return call(OPS.readReleases, async () => {
      const pages = octokit.paginate.iterator(octokit.rest.repos.listReleases, {
        owner,
        repo,
        per_page: PER_PAGE,
      });
      for await (const page of pages) {
        const found = (page.data as ApiRelease[]).find(match);
        if (found) return found;
      }
      return null;
    });
  }

  async function listAssetsOf(releaseId: string): Promise<ReleaseAsset[]> {
    return call(OPS.readReleases, async () => {
      const assets = await octokit.paginate(octokit.rest.repos.listReleaseAssets, {
        owner,
        repo,
        release_id: Number(releaseId),
        per_page: PER_PAGE,
      });
      return (assets as ApiAsset[]).map(mapAsset);
    });
  }

  /** One upload through the client: the retry and throttling plugins reopen the file for every attempt. */
  async function upload(release: ForgeRelease, file: AssetFile): Promise<ReleaseAsset> {
    const open: OpenBody = () => Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
    const { data } = await octokit.request("POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name}", {
      baseUrl: o.uploadsUrl.replace(/\/+$/, ""),
      owner,
      repo,
      release_id: Number(release.id),
      name: file.name,
      headers: { "content-type": file.contentType, "content-length": file.size },
      request: { [OPEN_BODY]: open },
    });
    return mapAsset(data as ApiAsset);
  }

  const forge: Forge = {
    repository: {
      kind: "github",
      path: repoPath,
      webUrl: `${o.serverUrl.replace(/\/+$/, "")}/${repoPath}`,
      apiUrl: o.apiUrl.replace(/\/+$/, ""),
    },
    // Enterprise Server (API under /api/v3) has no repository security advisories API.
    capabilities: { draftReleases: true, advisories: !/\/api\/v3\/?$/.test(o.apiUrl) },
    get calls() {
      return transport.calls;
    },

    async getRepository(): Promise<RepositoryInfo> {
      const { data } = await call(OPS.readRepo, () => octokit.rest.repos.get({ owner, repo }));
      const visibility =
        data.visibility === "internal" || data.visibility === "private" ? data.visibility : null;
      return {
        defaultBranch: data.default_branch,
        visibility: visibility ?? (data.private ? "private" : "public"),
        canPush: data.permissions?.push ?? null,
      };
    },

    async findOpenChangeRequest(head, base) {
      const { data } = await call(OPS.readPulls, () =>
        octokit.rest.pulls.list({
          owner,
          repo,
          head: `${owner}:${head}`,
          base,
          state: "open",
          per_page: PER_PAGE,
        }),
      );
      const pull = (data as ApiPull[]).find((p) => p.head.ref === head && p.base.ref === base);
      return pull ? mapPull(pull) : null;
    },

    async findMergedChangeRequest(commit) {
      try {
        const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
          owner,
          repo,
          commit_sha: commit,
          per_page: PER_PAGE,
        });
        const pull = (data as ApiPull[]).find((p) => p.merged_at !== null && p.merge_commit_sha === commit);
        return pull ? mapPull(pull) : null;
      } catch (error) {
        // An unknown commit (not pushed yet) has no pull request.
        const status = (error as { status?: unknown }).status;
        if (status === 422 || status === 404) return null;
        throw translateGitHubError(error, OPS.readPulls, repoPath);
      }
    },

    async createChangeRequest(input) {
      const { data } = await call(OPS.writePulls, () =>
        octokit.rest.pulls.create({
          owner,
          repo,
          title: input.title,
          body: input.body,
          head: input.head,
          base: input.base,
          draft: input.draft,
        }),
      );
      const created = mapPull(data as ApiPull);
      if (input.labels.length === 0) return created;
      await forge.addLabels(created.number, input.labels);
      return { ...created, labels: [...new Set([...created.labels, ...input.labels])] };
    },

    async updateChangeRequest(number, change) {
      const { data } = await call(OPS.writePulls, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number: number, ...change }),
      );
      return mapPull(data as ApiPull);
    },

    async addLabels(number, labels) {
      if (labels.length === 0) return;
      // GitHub creates labels that do not exist yet when they are added to an issue or pull request.
      await call(OPS.labels, () =>
        octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels }),
      );
    },

    async closeChangeRequest(number, comment) {
      await call(OPS.comments, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: comment }),
      );
      await call(OPS.writePulls, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number: number, state: "closed" }),
      );
    },

    async upsertComment(number, marker, body) {
      const text = body.startsWith(marker) ? body : `${marker}\n${body}`;
      const comments = await call(OPS.comments, () =>
        octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: number,
          per_page: PER_PAGE,
        }),
      );
      const existing = comments.find((c) => (c.body ?? "").split("\n", 1)[0]?.trim() === marker.trim());
      if (existing === undefined) {
        const { data } = await call(OPS.comments, () =>
          octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: text }),
        );
        return { action: "created", url: data.html_url };
      }
      if ((existing.body ?? "") === text) return { action: "unchanged", url: existing.html_url };
      const { data } = await call(OPS.comments, () =>
        octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text }),
      );
      return { action: "updated", url: data.html_url };
    },

    async lookupCommits(shas) {
      const result = new Map<string, CommitLookup>();
      const valid = [...new Set(shas)].filter((sha) => /^[0-9a-f]{40}$/i.test(sha));
      for (let i = 0; i < valid.length; i += 100) {
        const batch = valid.slice(i, i + 100);
        const { data } = await call(OPS.lookup, () =>
          octokit.request(`POST ${graphqlUrl}`, {
            query: commitLookupQuery(batch),
            variables: { owner, name: repo },
          }),
        );
        const payload = data as {
          data?: { repository?: Record<string, LookupNode | null> | null } | null;
          errors?: Array<{ message?: string }>;
        };
        if (!payload.data?.repository) {
          const messages = (payload.errors ?? []).map((e) => e.message ?? "").filter(Boolean);
          throw new ReleasioError(
            "E_FORGE_API",
            `POST ${new URL(graphqlUrl).pathname} failed: ${messages.join("; ") || "no repository in the answer"}`,
          );
        }
        const nodes = payload.data.repository;
        batch.forEach((sha, index) => {
          const node = nodes[`c${index}`];
          if (!node) return;
          const pulls = (node.associatedPullRequests?.nodes ?? []).filter((n) => n !== null);
          const pull = pulls.find((n) => n.merged) ?? pulls[0];
          result.set(sha, { pr: pull?.number ?? null, login: node.author?.user?.login ?? null });
        });
      }
      return result;
    },

    async findRelease(tag) {
      const found = await listReleasesUntil((r) => r.tag_name === tag);
      return found ? mapRelease(found) : null;
    },

    async createDraftRelease(input: ReleaseInput) {
      const { data } = await call(OPS.writeReleases, () =>
        octokit.rest.repos.createRelease({
          owner,
          repo,
          tag_name: input.tag,
          target_commitish: input.commit,
          name: input.name,
          body: input.body,
          draft: true,
          prerelease: input.prerelease,
        }),
      );
      return mapRelease(data as ApiRelease);
    },

    async uploadAsset(release, file) {
      if (release === null) throw new Error("GitHub uploads assets to a draft release; none was given");
      try {
        return await upload(release, file);
      } catch (error) {
        // A retried upload may find the asset stored by an attempt whose connection broke after the upload.
        if ((error as { status?: unknown }).status === 422) {
          const same = (await listAssetsOf(release.id)).find(
            (a) => a.name === file.name && a.size === file.size,
          );
          if (same) return same;
        }
        throw translateGitHubError(error, OPS.assets, repoPath);
      }
    },

    async deleteAsset(_release, asset) {
      await call(OPS.assets, () =>
        octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: Number(asset.id) }),
      );
    },

    async listAssets(release, tag) {
      const target = release ?? (await forge.findRelease(tag));
      return target ? listAssetsOf(target.id) : [];
    },

    async publishRelease(draft, input) {
      const makeLatest = input.makeLatest ? "true" : "false";
      if (draft !== null) {
        const { data } = await call(OPS.writeReleases, () =>
          octokit.rest.repos.updateRelease({
            owner,
            repo,
            release_id: Number(draft.id),
            tag_name: input.tag,
            name: input.name,
            body: input.body,
            prerelease: input.prerelease,
            draft: false,
            make_latest: makeLatest,
          }),
        );
        return mapRelease(data as ApiRelease);
      }
      const { data } = await call(OPS.writeReleases, () =>
        octokit.rest.repos.createRelease({
          owner,
          repo,
          tag_name: input.tag,
          target_commitish: input.commit,
          name: input.name,
          body: input.body,
          draft: false,
          prerelease: input.prerelease,
          make_latest: makeLatest,
        }),
      );
      return mapRelease(data as ApiRelease);
    },

    async listAdvisorySummaries() {
      const advisories = await call(OPS.readAdvisories, () =>
        octokit.paginate(octokit.rest.securityAdvisories.listRepositoryAdvisories, {
          owner,
          repo,
          per_page: PER_PAGE,
        }),
      );
      return advisories.map((a) => a.summary);
    },

    async createAdvisory(input: AdvisoryInput) {
      const { data } = await call(OPS.writeAdvisories, () =>
        octokit.rest.securityAdvisories.createRepositoryAdvisory({
          owner,
          repo,
          summary: input.summary,
          description: input.description,
          severity: input.severity,
          cve_id: input.cveId,
          vulnerabilities: [
            {
              package: { ecosystem: "pip", name: input.packageName },
              vulnerable_version_range: input.vulnerableRange,
              patched_versions: input.patchedVersions,
            },
          ],
        }),
      );
      return { url: data.html_url };
    },
  };
  return forge;
}
