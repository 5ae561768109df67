/**
 * The releasio programmatic API. Exactly what is exported here is supported: one async function per command
 * (resolving with the same object `--json` prints, rejecting with a ReleasioError) and the pure helpers.
 */

export { type LoadConfigOptions, type LoadedConfig, loadConfig } from "./adapters/fs/config-files.js";
export { type CredentialResolution, resolveCredentials } from "./adapters/index/credentials.js";
export { digestFile, type FileDigests } from "./adapters/index/digests.js";
export { type RegistryInfo, resolveRegistry } from "./adapters/index/registry.js";
export {
  type UploaderOptions,
  type UploadFile,
  type UploadOutcome,
  uploadFile,
} from "./adapters/index/uploader.js";
export type { HookRun } from "./adapters/process/hooks.js";
export { attestationDecision, createAttester, type Pep740Attestation } from "./adapters/sigstore/attester.js";
export {
  type ChangelogOptions as ChangelogCommandOptions,
  type ChangelogPayload,
  changelog,
} from "./commands/changelog.js";
export { type CheckOptions, type CheckPayload, check, type PublicCommit } from "./commands/check.js";
export { type CheckPrOptions, type CheckPrPayload, checkPr } from "./commands/check-pr.js";
export {
  type ConfigSchemaPayload,
  type ConfigShowPayload,
  configSchema,
  configShow,
} from "./commands/config.js";
export type { CommandContext, CommonOptions, HttpFetch, Logger } from "./commands/context.js";
export { type DoReleaseOptions, type DoReleasePayload, doRelease } from "./commands/do-release.js";
export { type DoctorOptions, type DoctorPayload, doctor } from "./commands/doctor.js";
export type { Envelope, ErrorInfo } from "./commands/envelope.js";
export { type InitFile, type InitOptions, type InitPayload, init } from "./commands/init.js";
export { type PlanOptions, planRelease, type RepositoryPlan } from "./commands/plan-release.js";
export { type PublishOptions, type PublishPayload, publish } from "./commands/publish.js";
export {
  type DistInfo,
  type ReleaseInfo,
  type ReleaseOptions,
  type ReleasePayload,
  release,
} from "./commands/release.js";
export {
  type ReleasePrAction,
  type ReleasePrInfo,
  type ReleasePrOptions,
  type ReleasePrPayload,
  releasePr,
} from "./commands/release-pr.js";
export { type UpdateOptions, type UpdatePayload, update } from "./commands/update.js";
export type { DependencyChange } from "./core/changelog/dependencies.js";
export { renderDocument } from "./core/changelog/document.js";
export { extractEntry, insertEntry } from "./core/changelog/insert-entry.js";
export type { ChangelogOptions, ForgeLinks } from "./core/changelog/options.js";
export { type EntryInput, renderEntry } from "./core/changelog/render-entry.js";
export { ERROR_CODES, type ErrorCode, WARNING_CODES, type WarningCode } from "./core/codes.js";
export { type ClassifyOptions, classifyCommit, classifyCommits } from "./core/commits/classify.js";
export {
  type ParsedCommit,
  type ParseOptions,
  parseCommit,
  parseConventionalHeader,
} from "./core/commits/parse-commit.js";
export { classifyOptions } from "./core/commits/rules.js";
export { configJsonSchema } from "./core/config/json-schema.js";
export { DEFAULT_CONFIG, type ReleasioConfig } from "./core/config/schema.js";
export { type ValidatedConfig, validateConfig } from "./core/config/validate.js";
export { type ExitCode, ReleasioError, type ReleasioErrorOptions, type Warning } from "./core/errors.js";
export { parseRemoteUrl, type RemoteInfo } from "./core/forge/remote.js";
export { type ForgeTarget, type GitHubTarget, type GitLabTarget, selectForge } from "./core/forge/select.js";
export type { InitFlags, InitTarget } from "./core/init/settings.js";
export { buildPackagePlan, type PackagePlanInput } from "./core/plan/build-package-plan.js";
export type {
  Bump,
  CommitInfo,
  FileChange,
  PackagePlan,
  PrereleaseToken,
  RawCommit,
  Reason,
} from "./core/plan/types.js";
export { decodeClaims, formatClaims } from "./core/publish/claims.js";
export {
  type CredentialDecision,
  type CredentialFacts,
  decideCredentials,
} from "./core/publish/credential-order.js";
export {
  computeNextVersion,
  type NextVersionInput,
  type NextVersionResult,
} from "./core/version/next-version.js";
export {
  bumpVersion,
  compareVersions,
  formatVersion,
  isFinal,
  isPrerelease,
  normalizeVersion,
  parseVersion,
  tryParseVersion,
  Version,
} from "./core/version/pep440.js";
export { parsePrereleaseToken } from "./core/version/prerelease-token.js";
export type { GitTag, PreviousRelease, ReleaseTag, TagPattern } from "./core/version/release-tags.js";
export type { Step } from "./steps/journal.js";
export { releasioVersion } from "./version.js";
