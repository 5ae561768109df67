/**
 * The forge port: what releasio needs from GitHub or GitLab, in the product's words rather than either API's.
 * Change requests are pull requests (GitHub) or merge requests (GitLab); a forge without draft releases creates the
 * release only at publication time, with the asset links it collected (see `capabilities`).
 *
 * Adapters translate every failure into a ReleasioError (E_FORGE_AUTH, E_FORGE_PERMISSION, E_FORGE_NOT_FOUND,
 * E_FORGE_RATE_LIMIT, E_FORGE_API, E_NETWORK) whose hint says what to do.
 */
import type { CommitForgeInfo } from "../../core/plan/commit-lookups.js";
import type { AdvisoryDraft } from "../../core/release/advisory.js";

export type ForgeKind = "github" | "gitlab";

export interface ForgeRepository {
  kind: ForgeKind;
  /** `acme/demo`, `group/sub/project`. */
  path: string;
  /** Web base of the repository, for links: `https://github.com/acme/demo`. */
  webUrl: string;
  /** REST API base actually used: `https://api.github.com`, `https://gitlab.example/api/v4`. */
  apiUrl: string;
}

export interface RepositoryInfo {
  defaultBranch: string;
  visibility: "public" | "private" | "internal";
  /**
   * The token may push to the repository (GitHub's `permissions.push` for the authenticated token); absent or
   * null when the forge does not say. Release preflight refuses early on `false` (a read-only workflow token).
   */
  canPush?: boolean | null;
}

export interface ChangeRequest {
  number: number;
  url: string;
  title: string;
  body: string;
  head: string;
  base: string;
  labels: string[];
  draft: boolean;
  state: "open" | "closed" | "merged";
  /** Login of the author: `github-actions[bot]` means the workflow's GITHUB_TOKEN opened it. */
  author: string | null;
  /** The commit the merge produced on the base (merged requests only). */
  mergeCommit: string | null;
}

export interface ChangeRequestInput {
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  labels: string[];
}

export interface ReleaseAsset {
  /** Opaque adapter id. */
  id: string;
  name: string;
  size: number;
  /** Hex sha256 when the forge reports a digest. */
  sha256: string | null;
  url: string;
}

export interface ForgeRelease {
  /** Opaque adapter id. */
  id: string;
  tag: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  url: string;
  assets: ReleaseAsset[];
}

export interface ReleaseInput {
  tag: string;
  name: string;
  body: string;
  prerelease: boolean;
  /** Commit the tag points at. */
  commit: string;
}

export interface AssetFile {
  name: string;
  /** Absolute path on disk; streamed, never read whole. */
  path: string;
  size: number;
  sha256: string;
  contentType: string;
}

/** What the forge knows about one commit: its pull request and its author's login. */
export type CommitLookup = CommitForgeInfo;

/** A draft security advisory, as the core builds it from a release's security commits. */
export type AdvisoryInput = AdvisoryDraft;

export interface ForgeCapabilities {
  /** Releases can exist as drafts before publication (GitHub). Otherwise the release is created when published. */
  draftReleases: boolean;
  /** Repository security advisories can be created (GitHub). */
  advisories: boolean;
}

export interface Forge {
  readonly repository: ForgeRepository;
  readonly capabilities: ForgeCapabilities;
  /** Number of API requests made so far (budgets of PRODUCT.md §12 are measured with it). */
  readonly calls: number;

  getRepository(): Promise<RepositoryInfo>;

  /** The open change request from `head` into `base`, or null. */
  findOpenChangeRequest(head: string, base: string): Promise<ChangeRequest | null>;
  /** The merged change request whose merge produced `commit`, or null. */
  findMergedChangeRequest(commit: string): Promise<ChangeRequest | null>;
  createChangeRequest(input: ChangeRequestInput): Promise<ChangeRequest>;
  /** Changes only the given fields. */
  updateChangeRequest(number: number, change: { title?: string; body?: string }): Promise<ChangeRequest>;
  /** Adds labels, creating missing ones. */
  addLabels(number: number, labels: string[]): Promise<void>;
  /** Comments, then closes. */
  closeChangeRequest(number: number, comment: string): Promise<void>;
  /**
   * One sticky comment identified by its first line `marker`: created, edited when different, else left alone.
   */
  upsertComment(
    number: number,
    marker: string,
    body: string,
  ): Promise<{ action: "created" | "updated" | "unchanged"; url: string | null }>;

  /** Pull request number and author login per commit SHA, batched (≤ 100 per request on GitHub). */
  lookupCommits(shas: readonly string[]): Promise<Map<string, CommitLookup>>;

  /** The release for a tag, drafts included; null when none. */
  findRelease(tag: string): Promise<ForgeRelease | null>;
  /** Creates a draft release (only when `capabilities.draftReleases`). */
  createDraftRelease(input: ReleaseInput): Promise<ForgeRelease>;
  /**
   * Uploads one asset of the release of `tag`. With draft releases it is attached to `release`; otherwise it is
   * stored where the later `publishRelease` can link it, and `release` is null.
   */
  uploadAsset(release: ForgeRelease | null, file: AssetFile, tag: string): Promise<ReleaseAsset>;
  /** Deletes an asset not yet public (a draft's, or a stored file not yet linked) to replace a differing one. */
  deleteAsset(release: ForgeRelease | null, asset: ReleaseAsset): Promise<void>;
  /** Assets already stored for a tag (for forges without drafts: the uploaded files not yet linked). */
  listAssets(release: ForgeRelease | null, tag: string): Promise<ReleaseAsset[]>;
  /**
   * Makes the release public: publishes the draft (GitHub), or creates the release with links to `assets`
   * (GitLab). Returns the published release.
   */
  publishRelease(
    draft: ForgeRelease | null,
    input: ReleaseInput & { makeLatest: boolean; assets: ReleaseAsset[] },
  ): Promise<ForgeRelease>;

  /** Draft security advisories: the summaries of existing ones, and creation. */
  listAdvisorySummaries(): Promise<string[]>;
  createAdvisory(input: AdvisoryInput): Promise<{ url: string }>;
}
