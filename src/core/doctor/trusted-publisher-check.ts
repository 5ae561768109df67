/**
 * The `publish.trusted_publisher` row (§4.9): what to register on the index, whether the workflow can request an
 * ID token, and how the actual claims compare. Pure: every input is already read.
 */
import {
  GITHUB_PERMISSIONS_SNIPPET,
  gitlabIdTokenSnippet,
  gitlabIdTokenVariable,
} from "../publish/tp-errors.js";
import { type CheckStatus, check, type DoctorCheck } from "./checks.js";
import type { GitLabPublishingJob } from "./gitlab-pipeline.js";
import type { ClaimComparison, ExpectedPublisher } from "./publisher.js";
import type { PublishingJob } from "./workflow.js";

export interface TrustedPublisherInput {
  /** `publish.trusted_publishing`. */
  mode: boolean | "required";
  publishEnabled: boolean;
  /** The publishing job found: a GitHub workflow's, or the GitLab pipeline's for GitLab's publisher. */
  job: PublishingJob | GitLabPublishingJob | null;
  /** The audience the index expects of an ID token (`pypi`, `testpypi`): a GitLab job must declare one for it. */
  audience: string;
  /**
   * GitLab: the pipeline file `releasio init` wrote (`ci/releasio.gitlab-ci.yml`) when the repository has it but the
   * pipeline does not include it; null otherwise.
   */
  unincludedPipeline?: string | null;
  expected: ExpectedPublisher;
  addPublisherUrl: string | null;
  /**
   * An ID token for the index can be had: in GitHub Actions, ACTIONS_ID_TOKEN_REQUEST_* are set; in a GitLab job,
   * the job's `<AUD>_ID_TOKEN` variable is.
   */
  idTokenAvailable: boolean;
  inActions: boolean;
  /** Claims compared with the expected values; null when no token was requested. */
  comparison: ClaimComparison[] | null;
  /** Why the ID token could not be obtained, when a request failed. */
  tokenError: string | null;
}

/** The names PyPI's form gives the four fields, per CI. */
export const PUBLISHER_FIELD_LABELS = {
  github: { owner: "Owner", repository: "Repository", workflow: "Workflow", environment: "Environment" },
  gitlab: {
    owner: "Namespace",
    repository: "Project",
    workflow: "Pipeline file",
    environment: "Environment",
  },
} as const;

/** `Owner acme (remote origin)`-style lines, the seed's four fields (GitLab's names on GitLab). */
export function describeExpected(expected: ExpectedPublisher): string {
  const labels = PUBLISHER_FIELD_LABELS[expected.provider];
  const field = (label: string, f: { value: string | null; source: string }, none: string) =>
    `${label} ${f.value ?? none} (${f.source})`;
  return [
    field(labels.owner, expected.owner, "unknown"),
    field(labels.repository, expected.repository, "unknown"),
    field(labels.workflow, expected.workflow, "unknown"),
    field(labels.environment, expected.environment, "none"),
  ].join("; ");
}

export function mismatches(comparison: readonly ClaimComparison[]): ClaimComparison[] {
  return comparison.filter((c) => c.matches === false);
}

/** The ID-token problem of a GitLab publishing job for `audience`, or null when it declares the expected token. */
export function idTokenProblem(
  job: GitLabPublishingJob,
  audience: string,
  variable: string,
): { kind: "missing" | "audience"; declared: string[] } | null {
  const declared = job.idTokens.find((t) => t.variable === variable);
  if (!declared) return { kind: "missing", declared: job.idTokens.map((t) => t.variable) };
  return declared.audiences.includes(audience) ? null : { kind: "audience", declared: declared.audiences };
}

interface Problem {
  status: CheckStatus;
  /** null: the expected publisher printed before it already says it. */
  text: string | null;
  hint: string | null;
}

/** What the GitLab pipeline lacks for the index to accept its publishing job's ID token. */
function gitlabPipelineProblems(input: TrustedPublisherInput): Problem[] {
  const variable = gitlabIdTokenVariable(input.audience);
  const snippet = (job?: string) => gitlabIdTokenSnippet(variable, input.audience, job);
  const job = input.job !== null && !("workflow" in input.job) ? input.job : null;
  const generated = input.unincludedPipeline ?? null;
  const include = generated ? `include:\n  - local: ${generated}` : null;
  if (input.expected.workflow.value === null) {
    // Without a pipeline file, nothing can publish.
    return [
      {
        status: "warn",
        text: null,
        hint: include
          ? `add a .gitlab-ci.yml that includes ${generated}:\n${include}`
          : `add a .gitlab-ci.yml whose publishing job runs releasio release and declares its ID token:\n${snippet()}`,
      },
    ];
  }
  if (job === null && include) {
    return [
      {
        status: "warn",
        text: `${generated} holds releasio's jobs, but the pipeline does not include it`,
        hint: `add to ${input.expected.workflow.value}:\n${include}`,
      },
    ];
  }
  if (job === null) {
    return [
      {
        status: "warn",
        text: "no job of the pipeline runs releasio release, do-release or publish",
        hint: `run 'releasio init' to generate ci/releasio.gitlab-ci.yml and include it from .gitlab-ci.yml, or add a job that runs releasio release and declares its ID token:\n${snippet()}`,
      },
    ];
  }
  const problem = idTokenProblem(job, input.audience, variable);
  if (problem === null) return [];
  const where = `job '${job.job}' in ${job.file}`;
  const declared = problem.declared;
  return [
    {
      status: "fail",
      text:
        problem.kind === "missing"
          ? `${where} declares no ${variable} in id_tokens${declared.length > 0 ? ` (only ${declared.join(", ")})` : ""}, so GitLab will not issue it an ID token for '${input.audience}'`
          : `${where} requests ${variable} for ${declared.length > 0 ? `aud ${declared.map((a) => `'${a}'`).join(", ")}` : "no aud"}, but the index expects '${input.audience}'`,
      hint: `declare it in the job:\n${snippet(job.job)}\nor set publish.trusted_publishing = false to upload with a token`,
    },
  ];
}

export function trustedPublisherCheck(input: TrustedPublisherInput): DoctorCheck {
  const id = "publish.trusted_publisher";
  if (!input.publishEnabled) return check(id, "skip", "publishing is disabled (publish.enabled = false)");
  if (input.mode === false) {
    return check(
      id,
      "skip",
      "trusted publishing is disabled (publish.trusted_publishing = false); tokens are used",
    );
  }
  const expected = describeExpected(input.expected);
  const register = input.addPublisherUrl ? `register it at ${input.addPublisherUrl}` : null;
  const problems: Problem[] = [];

  const job = input.job;
  if (input.expected.provider === "gitlab") {
    // A job that holds its ID token shows what GitLab did, which outranks reading the pipeline's files.
    if (!input.idTokenAvailable) problems.push(...gitlabPipelineProblems(input));
  } else if (job === null && !input.inActions) {
    // The expected Workflow field names the missing publishing workflow.
    problems.push({
      status: "warn",
      text: null,
      hint: "run 'releasio init' to generate .github/workflows/release.yml",
    });
  } else if (job !== null && "workflow" in job && !job.idTokenWrite) {
    problems.push({
      status: "fail",
      text: `job '${job.job}' in ${job.file} is not granted id-token: write, so GitHub will not issue an OIDC token`,
      hint: `add to the job:\n${GITHUB_PERMISSIONS_SNIPPET}\nor set publish.trusted_publishing = false to upload with a token`,
    });
  }
  if (input.inActions && !input.idTokenAvailable) {
    problems.push({
      status: input.mode === "required" ? "fail" : "warn",
      text: "ACTIONS_ID_TOKEN_REQUEST_URL is not set: this job cannot request an OIDC token",
      hint: `grant the job\n${GITHUB_PERMISSIONS_SNIPPET}`,
    });
  }
  if (input.tokenError !== null) {
    problems.push({
      status: "fail",
      text: `requesting the ID token failed: ${input.tokenError}`,
      hint: null,
    });
  }
  for (const m of input.comparison ? mismatches(input.comparison) : []) {
    problems.push({
      status: "warn",
      text: `claim ${m.claim} is ${m.actual ?? "MISSING"} but ${m.expected === null ? "is refused by the index" : `the publisher expects ${m.expected}`}`,
      hint: null,
    });
  }

  const worst: CheckStatus = problems.some((p) => p.status === "fail")
    ? "fail"
    : problems.length > 0
      ? "warn"
      : "ok";
  const said = problems.map((p) => p.text).filter((text): text is string => text !== null);
  const message = [`expected publisher: ${expected}`, ...said].join("; ");
  const hints = [...problems.map((p) => p.hint), register].filter((h): h is string => h !== null);
  return check(id, worst, message, hints.length > 0 ? hints.join("\n") : null);
}
