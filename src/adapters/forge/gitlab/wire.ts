/** The parts of GitLab's REST v4 answers releasio reads, and their translation into the forge port's types. */
import type { ChangeRequest, ForgeRelease, ReleaseAsset } from "../port.js";

export interface GitLabProject {
  id: number;
  default_branch: string | null;
  visibility: "public" | "private" | "internal";
}

export interface GitLabMergeRequest {
  iid: number;
  title: string;
  description: string | null;
  source_branch: string;
  target_branch: string;
  labels: string[];
  draft?: boolean;
  work_in_progress?: boolean;
  state: "opened" | "closed" | "merged" | "locked";
  author: { username: string } | null;
  merge_commit_sha: string | null;
  squash_commit_sha?: string | null;
  sha?: string | null;
  web_url: string;
}

export interface GitLabNote {
  id: number;
  body: string;
  system: boolean;
}

export interface GitLabReleaseLink {
  id: number;
  name: string;
  url: string;
  direct_asset_url?: string;
  link_type?: string;
}

export interface GitLabRelease {
  tag_name: string;
  name: string | null;
  description: string | null;
  _links?: { self?: string };
  assets?: { links?: GitLabReleaseLink[] };
}

export interface GitLabPackage {
  id: number;
  name: string;
  version: string;
  package_type: string;
}

export interface GitLabPackageFile {
  id: number;
  package_id: number;
  file_name: string;
  size: number;
  file_sha256?: string | null;
}

/** GitLab marks drafts by a title prefix; the port keeps the flag separate, so the prefix is not part of `title`. */
const DRAFT_PREFIX = /^\s*(?:\[draft\]|\(draft\)|draft:)\s*/i;

export function draftTitle(title: string, draft: boolean): string {
  return draft ? `Draft: ${title.replace(DRAFT_PREFIX, "")}` : title;
}

const STATE: Record<GitLabMergeRequest["state"], ChangeRequest["state"]> = {
  opened: "open",
  closed: "closed",
  locked: "closed",
  merged: "merged",
};

export function toChangeRequest(mr: GitLabMergeRequest): ChangeRequest {
  const draft = mr.draft ?? mr.work_in_progress ?? false;
  return {
    number: mr.iid,
    url: mr.web_url,
    title: draft ? mr.title.replace(DRAFT_PREFIX, "") : mr.title,
    body: mr.description ?? "",
    head: mr.source_branch,
    base: mr.target_branch,
    labels: [...mr.labels],
    draft,
    state: STATE[mr.state],
    author: mr.author?.username ?? null,
    mergeCommit:
      mr.state === "merged" ? (mr.merge_commit_sha ?? mr.squash_commit_sha ?? mr.sha ?? null) : null,
  };
}

/** Whether a merged request produced the commit: its merge or squash commit, or its head when fast-forwarded. */
function produced(mr: GitLabMergeRequest, sha: string): boolean {
  return (
    mr.state === "merged" &&
    (mr.merge_commit_sha === sha || mr.squash_commit_sha === sha || (!mr.merge_commit_sha && mr.sha === sha))
  );
}

/** Among the merge requests GitLab associates with a commit: the merged one that produced it, else one containing it. */
export function mergedRequestFor(sha: string, mrs: readonly GitLabMergeRequest[]): GitLabMergeRequest | null {
  return mrs.find((mr) => produced(mr, sha)) ?? mrs.find((mr) => mr.state === "merged") ?? null;
}

/** The commits that merged requests produced, each with its request: what `mergedRequestFor` would pick first. */
export function producedCommits(mrs: readonly GitLabMergeRequest[]): Map<string, GitLabMergeRequest> {
  const bySha = new Map<string, GitLabMergeRequest>();
  for (const mr of mrs) {
    for (const sha of [mr.merge_commit_sha, mr.squash_commit_sha, mr.sha]) {
      if (sha && !bySha.has(sha) && produced(mr, sha)) bySha.set(sha, mr);
    }
  }
  return bySha;
}

export function toRelease(release: GitLabRelease, webUrl: string, assets: ReleaseAsset[]): ForgeRelease {
  return {
    id: release.tag_name,
    tag: release.tag_name,
    name: release.name ?? release.tag_name,
    body: release.description ?? "",
    // GitLab has neither drafts nor a pre-release flag.
    draft: false,
    prerelease: false,
    url: release._links?.self ?? `${webUrl}/-/releases/${encodeURIComponent(release.tag_name)}`,
    assets,
  };
}
