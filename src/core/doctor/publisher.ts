/**
 * The trusted publisher the index expects (§4.9): the seed's four fields with where each came from, the page to
 * register them, and the comparison with the claims of a real ID token.
 */
import {
  claimText,
  isReusableWorkflow,
  workflowFileFromRef,
  workflowPathFromCiConfigRef,
} from "../publish/claims.js";
import { addPublisherUrl, pendingPublisherUrl } from "../publish/tp-errors.js";
import type { GitLabPublishingJob } from "./gitlab-pipeline.js";
import type { PublishingJob } from "./workflow.js";

export interface ExpectedField {
  value: string | null;
  /** Human description of the source: `remote origin`, `GITHUB_REPOSITORY`, `.github/workflows/release.yml`. */
  source: string;
}

/** The CI whose trusted publisher the index expects: PyPI's form and fields differ between them. */
export type PublisherProvider = "github" | "gitlab";

/**
 * The seed's four fields. On GitLab, `owner` is the namespace (user or group/subgroups), `repository` the project
 * name, and `workflow` the top-level pipeline file's path (`.gitlab-ci.yml`).
 */
export interface ExpectedPublisher {
  provider: PublisherProvider;
  owner: ExpectedField;
  repository: ExpectedField;
  workflow: ExpectedField;
  environment: ExpectedField;
}

export interface PublisherInputs {
  /** GitHub unless the project is on GitLab; GitHub when absent. */
  provider?: PublisherProvider;
  /** `owner/repo` from the configured remote (or github.owner/repo), with the remote name; null when unknown. */
  remote: { path: string; source: string } | null;
  /** GitLab: the repository's top-level pipeline file (`.gitlab-ci.yml`) when it exists, else null. */
  pipelineFile?: string | null;
  env: Record<string, string | undefined>;
  /** The publishing job found: under .github/workflows/, or in the GitLab pipeline for GitLab's publisher. */
  job: PublishingJob | GitLabPublishingJob | null;
}

/** Splits `owner/repo` at its last slash (GitHub has exactly one; a GitLab namespace may have several). */
function splitRepository(path: string): { owner: string; repo: string } | null {
  const i = path.lastIndexOf("/");
  if (i <= 0 || i === path.length - 1) return null;
  return { owner: path.slice(0, i), repo: path.slice(i + 1) };
}

/** The workflow file name of a `…/.github/workflows/<file>@<ref>` reference. */
export function workflowFileOf(ref: string | undefined | null): string | null {
  const name = workflowFileFromRef(ref ?? null);
  return name !== null && /\.ya?ml$/i.test(name) ? name : null;
}

/**
 * GitLab's fields: in a pipeline from its predefined variables, otherwise from the remote (`group/sub/project`) and
 * the repository's `.gitlab-ci.yml`. The environment is the publishing job's; inside that job, the one GitLab set.
 */
function gitlabPublisher(input: PublisherInputs): ExpectedPublisher {
  const env = input.env;
  const inCi = env.GITLAB_CI === "true";
  const fromRemote = input.remote ? splitRepository(input.remote.path) : null;
  const variable = (name: string): ExpectedField | null => {
    const value = inCi ? env[name]?.trim() : undefined;
    return value ? { value, source: name } : null;
  };
  const unknown = { value: null, source: "no remote" };
  const job = input.job;
  // Another job of the pipeline (a `doctor` job) says nothing of the publishing job's environment.
  const inPublishingJob = inCi && (job === null || job.job === env.CI_JOB_NAME);
  const jobEnvironment: ExpectedField = job
    ? { value: job.environment, source: `environment of job '${job.job}' in ${job.file}` }
    : { value: null, source: "no job of the pipeline runs releasio release, do-release or publish" };
  return {
    provider: "gitlab",
    owner:
      variable("CI_PROJECT_NAMESPACE") ??
      (fromRemote ? { value: fromRemote.owner, source: input.remote!.source } : unknown),
    repository:
      variable("CI_PROJECT_NAME") ??
      (fromRemote ? { value: fromRemote.repo, source: input.remote!.source } : unknown),
    workflow:
      variable("CI_CONFIG_PATH") ??
      (input.pipelineFile
        ? { value: input.pipelineFile, source: "the repository's pipeline file" }
        : { value: null, source: "no .gitlab-ci.yml in the repository" }),
    environment: inPublishingJob
      ? (variable("CI_ENVIRONMENT_NAME") ??
        (job ? jobEnvironment : { value: null, source: "this job sets no environment" }))
      : jobEnvironment,
  };
}

export function expectedPublisher(input: PublisherInputs): ExpectedPublisher {
  if (input.provider === "gitlab") return gitlabPublisher(input);
  const fromEnv = input.env.GITHUB_REPOSITORY ? splitRepository(input.env.GITHUB_REPOSITORY) : null;
  const fromRemote = input.remote ? splitRepository(input.remote.path) : null;
  const repo = fromEnv
    ? { ...fromEnv, source: "GITHUB_REPOSITORY" }
    : fromRemote
      ? { ...fromRemote, source: input.remote!.source }
      : null;
  const running = input.env.GITHUB_ACTIONS === "true" ? workflowFileOf(input.env.GITHUB_WORKFLOW_REF) : null;
  const job = input.job !== null && "workflow" in input.job ? input.job : null;
  const workflow: ExpectedField = running
    ? { value: running, source: "GITHUB_WORKFLOW_REF" }
    : job
      ? { value: job.workflow, source: job.file }
      : {
          value: null,
          source: "no workflow under .github/workflows runs releasio release, do-release or publish",
        };
  const environment: ExpectedField = job
    ? { value: job.environment, source: `environment of the job in ${job.file}` }
    : { value: null, source: "no publishing job found" };
  return {
    provider: "github",
    owner: repo ? { value: repo.owner, source: repo.source } : { value: null, source: "no remote" },
    repository: repo ? { value: repo.repo, source: repo.source } : { value: null, source: "no remote" },
    workflow,
    environment,
  };
}

/** The web origin of a known index's management pages, or null for custom indexes. */
export function indexWebOrigin(registryName: "pypi" | "testpypi" | null): string | null {
  if (registryName === "pypi") return "https://pypi.org";
  if (registryName === "testpypi") return "https://test.pypi.org";
  return null;
}

/**
 * Where to register the publisher: the project's publishing settings with the fields filled in, or, for a project
 * not yet on the index (or without a name), the account's pending-publisher page.
 */
export function publisherPageUrl(options: {
  registryName: "pypi" | "testpypi" | null;
  project: string | null;
  projectExists: boolean | null;
  expected: ExpectedPublisher;
}): string | null {
  const webBase = indexWebOrigin(options.registryName);
  if (options.projectExists === false || options.project === null) return pendingPublisherUrl(webBase);
  const { provider, owner, repository, workflow } = options.expected;
  return addPublisherUrl(
    { webBase, project: options.project },
    provider === "gitlab"
      ? { provider, namespace: owner.value, project: repository.value, workflow: workflow.value }
      : { provider, owner: owner.value, repository: repository.value, workflow: workflow.value },
  );
}

/** The claims doctor prints next to the expected values (GitHub, then GitLab). */
export const GITHUB_CLAIMS = [
  "repository",
  "repository_owner",
  "repository_owner_id",
  "job_workflow_ref",
  "workflow_ref",
  "ref",
  "environment",
  "event_name",
] as const;
export const GITLAB_CLAIMS = ["project_path", "ci_config_ref_uri", "ref_path", "environment"] as const;

export interface ClaimComparison {
  claim: string;
  actual: string | null;
  expected: string | null;
  /** true = equal, false = mismatch, null = nothing to compare with. */
  matches: boolean | null;
}

/** Only the claims worth showing: no signature, no nonce-like identifiers beyond the listed ones. */
export function selectClaims(
  claims: Record<string, unknown>,
  gitlab: boolean,
): Record<string, string | null> {
  const names = gitlab ? GITLAB_CLAIMS : GITHUB_CLAIMS;
  return Object.fromEntries(names.map((n) => [n, claimText(claims, n)]));
}

/** The four fields' values, as doctor's JSON reports them, with the form (GitHub's or GitLab's) they are for. */
export interface PublisherValues {
  provider: PublisherProvider;
  owner: string | null;
  repository: string | null;
  workflow: string | null;
  environment: string | null;
}

export function publisherValues(e: ExpectedPublisher): PublisherValues {
  return {
    provider: e.provider,
    owner: e.owner.value,
    repository: e.repository.value,
    workflow: e.workflow.value,
    environment: e.environment.value,
  };
}

const exact = (a: string, b: string) => a === b;
const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** A claim that names a CI file (workflow or pipeline) matches when the file it names is the expected one. */
const namesFile = (fileOf: (claim: string) => string | null) => (actual: string, want: string) =>
  fileOf(actual) === want;

/** One claim held against its expected value; nothing to compare when no value is expected. */
function claimRow(
  claims: Record<string, unknown>,
  claim: string,
  expected: string | null,
  equal: (actual: string, expected: string) => boolean = exact,
): ClaimComparison {
  const actual = claimText(claims, claim);
  return {
    claim,
    actual,
    expected,
    matches: expected === null ? null : actual !== null && equal(actual, expected),
  };
}

/** `owner/repository` (GitLab: `namespace/project`) of the expected publisher, or null while either is unknown. */
function publisherPath(expected: PublisherValues): string | null {
  return expected.owner && expected.repository ? `${expected.owner}/${expected.repository}` : null;
}

/** Compares the GitHub claims with the expected publisher the way the index does (§2.6 of PYPI.md). */
export function compareClaims(claims: Record<string, unknown>, expected: PublisherValues): ClaimComparison[] {
  const eventName = claimText(claims, "event_name");
  return [
    claimRow(claims, "repository", publisherPath(expected), caseless),
    claimRow(claims, "repository_owner", expected.owner),
    claimRow(claims, "repository_owner_id", null),
    claimRow(claims, "job_workflow_ref", expected.workflow, namesFile(workflowFileOf)),
    claimRow(claims, "workflow_ref", null),
    claimRow(claims, "ref", null),
    // A publisher without environment accepts any; one with an environment needs it (case-insensitive).
    claimRow(claims, "environment", expected.environment, caseless),
    // The index refuses pull_request_target whatever the publisher says.
    {
      claim: "event_name",
      actual: eventName,
      expected: null,
      matches: eventName === "pull_request_target" ? false : null,
    },
  ];
}

/**
 * Compares the GitLab claims with the expected publisher the way the index does (PYPI.md §2.6): `project_path`
 * ignoring case, the pipeline file of `ci_config_ref_uri`, and the environment with its case.
 */
export function compareGitLabClaims(
  claims: Record<string, unknown>,
  expected: PublisherValues,
): ClaimComparison[] {
  return [
    claimRow(claims, "project_path", publisherPath(expected), caseless),
    claimRow(claims, "ci_config_ref_uri", expected.workflow, namesFile(workflowPathFromCiConfigRef)),
    claimRow(claims, "ref_path", null),
    claimRow(claims, "environment", expected.environment),
  ];
}

export interface ClaimWarning {
  code: "W_TP_REUSABLE_WORKFLOW" | "W_TP_PULL_REQUEST_TARGET";
  message: string;
}

/** The reusable-workflow and pull_request_target cautions (PYPI.md §2.7, §2.8). */
export function claimWarnings(claims: Record<string, unknown>): ClaimWarning[] {
  const out: ClaimWarning[] = [];
  if (isReusableWorkflow(claims)) {
    const job = claimText(claims, "job_workflow_ref");
    const workflow = claimText(claims, "workflow_ref");
    out.push({
      code: "W_TP_REUSABLE_WORKFLOW",
      message:
        `the job runs in a reusable workflow (job_workflow_ref ${job} ≠ workflow_ref ${workflow}): PyPI matches ` +
        `the called workflow's file (${workflowFileOf(job) ?? "unknown"}) and only within the same repository; ` +
        "reusable workflows are not officially supported (see pypa/gh-action-pypi-publish#166)",
    });
  }
  if (claimText(claims, "event_name") === "pull_request_target") {
    out.push({
      code: "W_TP_PULL_REQUEST_TARGET",
      message:
        "the workflow runs on pull_request_target: PyPI refuses trusted publishing from it; publish on push, release or workflow_dispatch",
    });
  }
  return out;
}
