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
import type { ClaimComparison, ExpectedPublisher } from "./publisher.js";
import type { PublishingJob } from "./workflow.js";

export interface TrustedPublisherInput {
  /** `publish.trusted_publishing`. */
  mode: boolean | "required";
  publishEnabled: boolean;
  job: PublishingJob | null;
  expected: ExpectedPublisher;
  addPublisherUrl: string | null;
  /** Running in GitHub Actions with ACTIONS_ID_TOKEN_REQUEST_* (an ID token can be requested). */
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
  // `text` null: the expected publisher above already says it.
  const problems: { status: CheckStatus; text: string | null; hint: string | null }[] = [];

  if (input.expected.provider === "gitlab") {
    // GitLab: the pipeline file is not read; without one, nothing can publish.
    if (input.expected.workflow.value === null) {
      problems.push({
        status: "warn",
        text: null,
        hint: `add a .gitlab-ci.yml whose publishing job runs releasio release and declares its ID token:\n${gitlabIdTokenSnippet(gitlabIdTokenVariable("pypi"), "pypi")}`,
      });
    }
  } else if (input.job === null && !input.inActions) {
    // The expected Workflow field names the missing publishing workflow.
    problems.push({
      status: "warn",
      text: null,
      hint: "run 'releasio init' to generate .github/workflows/release.yml",
    });
  } else if (input.job !== null && !input.job.idTokenWrite) {
    problems.push({
      status: "fail",
      text: `job '${input.job.job}' in ${input.job.file} is not granted id-token: write, so GitHub will not issue an OIDC token`,
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
