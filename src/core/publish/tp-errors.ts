/**
 * The trusted-publishing failures of PRODUCT.md §7.4 as actionable errors: the seed's Troubleshooting section
 * ("Token request failed", "Publisher not found", "Pending publisher") made concrete with the refused token's
 * claims, the checklist and the page where the publisher is added. Pure: every fact arrives as an argument.
 */
import { ReleasioError } from "../errors.js";
import {
  claimsFlavour,
  claimText,
  formatClaims,
  isReusableWorkflow,
  MISSING,
  publisherClaims,
  workflowFileFromRef,
} from "./claims.js";

export const TRUSTED_PUBLISHING_DOCS = "https://docs.pypi.org/trusted-publishers/troubleshooting/";

/** Part of every exchange error: token uploads remain possible, but only on purpose (§7.3.4). */
export const TOKEN_FALLBACK_HINT =
  "releasio never falls back to an API token after a failed exchange; to upload with a token instead, set publish.trusted_publishing = false";

/** The job-level permissions block a GitHub workflow needs (seed, Step 2). */
export const GITHUB_PERMISSIONS_SNIPPET = [
  "permissions:",
  "  id-token: write",
  "  contents: write      # tags and releases",
].join("\n");

/** The seed's "Publisher not found" checklist, verbatim in substance. */
export const GITHUB_CHECKLIST = [
  "Owner name matches exactly (case-sensitive)",
  "Repository name matches exactly",
  "Workflow filename matches (e.g., `release.yml`)",
  "Environment name matches (if configured)",
  "Publishing from correct branch (the intended branch or tag)",
];

const GITLAB_CHECKLIST = [
  "Namespace matches (the group or user owning the project)",
  "Project name matches",
  "Top-level pipeline file path matches (e.g., `.gitlab-ci.yml`)",
  "Environment name matches exactly, case included (if configured)",
  "The issuer is gitlab.com, or a custom issuer registered by your PyPI organization",
];

/** The GitLab job snippet declaring the ID token for an audience. */
export function gitlabIdTokenSnippet(variable: string, audience: string, job = "release"): string {
  return [`${job}:`, "  id_tokens:", `    ${variable}:`, `      aud: ${audience}`].join("\n");
}

/**
 * The audience a GitLab job declares its ID token for: the one the index named (asked, or known by its name), else
 * PyPI's, so that a hint still shows a working job.
 */
export function gitlabTokenAudience(indexAudience: string | null, registryName: string | null): string {
  return indexAudience ?? registryName ?? "pypi";
}

/** `<AUD>_ID_TOKEN`: the audience upper-cased, other characters (and a leading digit) replaced by `_` (PYPI.md §2.3). */
export function gitlabIdTokenVariable(audience: string): string {
  const name = audience.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return `${/^[0-9]/.test(name) ? `_${name.slice(1)}` : name}_ID_TOKEN`;
}

export interface PublisherPage {
  /** `https://pypi.org` or `https://test.pypi.org`; null for indexes without PyPI's web pages. */
  webBase: string | null;
  project: string | null;
}

/**
 * The fields of PyPI's trusted-publisher form that a link can fill in, per CI: a GitHub repository and workflow file,
 * or a GitLab namespace, project and top-level pipeline file.
 */
export type PublisherFields =
  | { provider: "github"; owner: string | null; repository: string | null; workflow: string | null }
  | { provider: "gitlab"; namespace: string | null; project: string | null; workflow: string | null };

/** PyPI's "add a trusted publisher" page, its form (GitHub's or GitLab's) prefilled with the fields known. */
export function addPublisherUrl(page: PublisherPage, fields: PublisherFields): string | null {
  if (page.webBase === null || page.project === null) return null;
  const url = new URL(
    `${page.webBase}/manage/project/${encodeURIComponent(page.project)}/settings/publishing/`,
  );
  url.searchParams.set("provider", fields.provider);
  const params: [string, string | null][] =
    fields.provider === "gitlab"
      ? [
          ["namespace", fields.namespace],
          ["project", fields.project],
          ["workflow_filepath", fields.workflow],
        ]
      : [
          ["owner", fields.owner],
          ["repository", fields.repository],
          ["workflow_filename", fields.workflow],
        ];
  for (const [name, value] of params) if (value !== null) url.searchParams.set(name, value);
  return url.toString();
}

/** The form fields a token's claims fill in; the GitHub form, empty, when nothing is known. */
function claimedFields(claims: Record<string, unknown> | null): PublisherFields {
  if (claims === null) return { provider: "github", owner: null, repository: null, workflow: null };
  const c = publisherClaims(claims);
  const get = (key: string) => c[key] ?? null;
  return claimsFlavour(claims) === "gitlab"
    ? { provider: "gitlab", namespace: get("namespace"), project: get("project"), workflow: get("workflow") }
    : { provider: "github", owner: get("owner"), repository: get("repository"), workflow: get("workflow") };
}

/** PyPI's page for pending publishers (projects that do not exist yet). */
export function pendingPublisherUrl(webBase: string | null): string | null {
  return webBase === null ? null : `${webBase}/manage/account/publishing/`;
}

// ── Token request ─────────────────────────────────────────────────────────────────────────────────────────────

export type TokenRequestProblem =
  | { ci: "github"; reason: "permission" }
  | { ci: "github"; reason: "request-failed"; audience: string; detail: string }
  | { ci: "gitlab"; reason: "variable"; audience: string }
  | { ci: "none"; reason: "no-ci" };

/** E_TP_TOKEN_REQUEST: the seed's "Token request failed", with the snippet that fixes it. */
export function tokenRequestError(problem: TokenRequestProblem): ReleasioError {
  switch (problem.ci) {
    case "github": {
      const message =
        problem.reason === "permission"
          ? "Token request failed: GitHub did not issue an OIDC token: the job lacks the id-token: write permission (ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set)"
          : `Token request failed: GitHub did not issue an OIDC token for audience '${problem.audience}': ${problem.detail}`;
      return new ReleasioError("E_TP_TOKEN_REQUEST", message, {
        hint: `grant the permission at job level (GitHub never issues ID tokens to pull requests from forks):\n${GITHUB_PERMISSIONS_SNIPPET}`,
        details: { ci: "github-actions", reason: problem.reason },
      });
    }
    case "gitlab": {
      const variable = gitlabIdTokenVariable(problem.audience);
      return new ReleasioError(
        "E_TP_TOKEN_REQUEST",
        `Token request failed: ${variable} is not set: add id_tokens: ${variable}: aud: ${problem.audience} to the job`,
        {
          hint: `declare the ID token in .gitlab-ci.yml:\n${gitlabIdTokenSnippet(variable, problem.audience)}`,
          details: { ci: "gitlab-ci", reason: "variable", variable },
        },
      );
    }
    case "none":
      return new ReleasioError(
        "E_TP_TOKEN_REQUEST",
        'Token request failed: publish.trusted_publishing is "required" but this is not a CI job that can issue an OIDC ID token (GitHub Actions or GitLab CI)',
        {
          hint: `run the release in GitHub Actions with\n${GITHUB_PERMISSIONS_SNIPPET}\nor set publish.trusted_publishing = true to allow token uploads`,
          details: { ci: null, reason: "no-ci" },
        },
      );
  }
}

/** E_TP_FORK: fork pull requests and `pull_request_target` never publish (§7.3.5, seed "Don't"). */
export function forkError(event: string, fromFork: boolean): ReleasioError {
  const message = fromFork
    ? `trusted publishing is refused for ${event} from a fork`
    : `trusted publishing is refused for ${event} events (PyPI rejects tokens from pull_request_target workflows)`;
  return new ReleasioError("E_TP_FORK", message, {
    hint: "publish from a push to the release branch, a tag, a release or workflow_dispatch event instead",
    details: { event, fork: fromFork },
  });
}

/** E_TP_UNSUPPORTED: the audience endpoint said no. */
export function unsupportedError(registry: string, status: number, detail: string | null): ReleasioError {
  const why =
    status === 404
      ? "the index does not support trusted publishing"
      : status === 403
        ? "the index has trusted publishing disabled"
        : `unexpected ${status} response from the audience endpoint`;
  return new ReleasioError(
    "E_TP_UNSUPPORTED",
    `${registry} does not support trusted publishing (audience endpoint returned ${status}): ${why}${detail ? ` (${detail})` : ""}`,
    {
      hint: "set publish.trusted_publishing = false and provide an API token (PYPI_TOKEN), or publish to PyPI/TestPyPI",
      details: { status },
    },
  );
}

/**
 * E_CREDENTIALS_MISSING with the reason trusted publishing could not be used. The hint shows how the CI that runs
 * the job grants an ID token for `audience`; outside CI, both GitHub Actions' and GitLab CI's way.
 */
export function credentialsMissingError(
  registry: string,
  why: string,
  notes: readonly string[] = [],
  options: { ci?: "github-actions" | "gitlab-ci" | null; audience?: string } = {},
): ReleasioError {
  const unusable = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  const audience = options.audience ?? "pypi";
  const github = `for trusted publishing in GitHub Actions add at job level:\n${GITHUB_PERMISSIONS_SNIPPET}`;
  const gitlab = `declare the publishing job's ID token in GitLab CI:\n${gitlabIdTokenSnippet(gitlabIdTokenVariable(audience), audience)}`;
  const ways =
    options.ci === "gitlab-ci"
      ? [`for trusted publishing ${gitlab}`]
      : options.ci === "github-actions"
        ? [github]
        : [github, `or ${gitlab}`];
  return new ReleasioError(
    "E_CREDENTIALS_MISSING",
    `no credentials for ${registry}: trusted publishing unavailable (${why}) and no token in PYPI_TOKEN, UV_PUBLISH_TOKEN, TWINE_PASSWORD or ~/.pypirc${unusable}`,
    {
      hint: [...ways, "or provide an API token in PYPI_TOKEN"].join("\n"),
      details: { registry },
    },
  );
}

// ── Exchange ─────────────────────────────────────────────────────────────────────────────────────────────────

export interface ExchangeErrorItem {
  code: string;
  description: string;
}

export interface ExchangeFailure {
  /** The index as the user knows it: `PyPI`, `TestPyPI` or its upload URL. */
  registry: string;
  status: number;
  /** The 422 body's `errors`; null when the body was not Warehouse's JSON. */
  errors: ExchangeErrorItem[] | null;
  /** Claims of the refused token (decoded, signature dropped); null when unknown. */
  claims: Record<string, unknown> | null;
  page: PublisherPage;
  /** Does the project exist on the index? null when unknown. */
  projectExists: boolean | null;
}

/** A warning line for reusable workflows, or null (PYPI.md §2.7). */
export function reusableWorkflowNote(claims: Record<string, unknown>): string | null {
  if (!isReusableWorkflow(claims)) return null;
  return (
    `warning: this job runs a reusable workflow (job_workflow_ref ${claimText(claims, "job_workflow_ref")} ≠ workflow_ref ${claimText(claims, "workflow_ref")}); ` +
    "PyPI matches the called workflow's file, which must live in the same repository; reusable workflows are not officially supported (pypa/gh-action-pypi-publish#166)"
  );
}

function claimsBlock(claims: Record<string, unknown> | null): string[] {
  if (claims === null) return [];
  const lines = ["Claims of the refused token (for diagnosis; do not copy them into a publisher blindly):"];
  if (claimsFlavour(claims) === "gitlab") {
    lines.push(formatClaims(claims));
  } else {
    const show = (key: string) => `  ${key}: ${claimText(claims, key) ?? MISSING}`;
    const jobRef = claimText(claims, "job_workflow_ref");
    lines.push(
      show("repository"),
      show("repository_owner"),
      show("repository_owner_id"),
      `  workflow file: ${workflowFileFromRef(jobRef) ?? MISSING} (job_workflow_ref: ${jobRef ?? MISSING})`,
      show("ref"),
      show("environment"),
    );
  }
  const note = reusableWorkflowNote(claims);
  if (note !== null) lines.push(note);
  return lines;
}

function checklistBlock(claims: Record<string, unknown> | null): string[] {
  const list = claims !== null && claimsFlavour(claims) === "gitlab" ? GITLAB_CHECKLIST : GITHUB_CHECKLIST;
  return ["Checklist (publisher not found):", ...list.map((item) => `  - ${item}`)];
}

function addPublisherLine(failure: ExchangeFailure): string[] {
  const fields = claimedFields(failure.claims);
  if (failure.projectExists === false) {
    const url = pendingPublisherUrl(failure.page.webBase);
    return [
      `Pending publisher: ${failure.page.project ?? "the project"} does not exist on ${failure.registry} yet. Go to ${failure.registry} → Your projects → Publishing, add a pending publisher with these details, and the first successful upload creates the project${url ? `: ${url}` : "."}`,
    ];
  }
  const url = addPublisherUrl(failure.page, fields);
  return url === null ? [] : [`Add or fix the trusted publisher: ${url}`];
}

type Renderer = (failure: ExchangeFailure, item: ExchangeErrorItem) => string[];

const publisherNotFound: Renderer = (failure) => [
  ...claimsBlock(failure.claims),
  ...checklistBlock(failure.claims),
  ...addPublisherLine(failure),
];

/** Extra lines per Warehouse error code (PYPI.md §2.4's table, "Tell the user"). */
const RENDERERS: Record<string, Renderer> = {
  "invalid-publisher": publisherNotFound,
  "invalid-pending-publisher": (failure) => {
    // The pending publisher matched these claims: the normal one takes the same fields.
    const url = addPublisherUrl(failure.page, claimedFields(failure.claims));
    return [
      `A pending publisher matched, but ${failure.page.project ?? "the project"} already exists on ${failure.registry}: pending publishers only create new projects. Add a normal trusted publisher to the existing project (Manage → Publishing) and remove the pending one${url ? `: ${url}` : "."}`,
    ];
  },
  "invalid-token": (failure) => [
    `The index could not verify the ID token (audience: ${failure.claims ? (claimText(failure.claims, "aud") ?? MISSING) : "unknown"}): it was expired, minted for another audience (such as sigstore or testpypi), or badly signed. Re-run the job so a fresh token is requested.`,
  ],
  "invalid-reuse-token": () => [
    "This ID token was already exchanged once, and each ID token can be exchanged only once. releasio requests a fresh ID token for every exchange, so this points to a retry that re-sent it: re-run the job.",
  ],
  "not-enabled": (failure) => [
    `${failure.registry} has trusted publishing for this CI provider turned off (an index-side policy or outage); retry later or upload with an API token.`,
  ],
  "invalid-payload": (failure, item) =>
    /unknown trusted publishing issuer/i.test(item.description)
      ? [
          `${failure.registry} does not accept ID tokens from ${failure.claims ? (claimText(failure.claims, "iss") ?? "this issuer") : "this issuer"}: GitHub Enterprise Server, and self-managed GitLab without an issuer registered by a PyPI organization, cannot use trusted publishing. Use an API token (publish.trusted_publishing = false).`,
        ]
      : /malformed JWT/i.test(item.description)
        ? ["The CI returned something that is not an ID token."]
        : [],
};

const HEADLINES: Record<string, string> = {
  "invalid-publisher": "Publisher not found",
  "invalid-pending-publisher": "Pending publisher for an existing project",
  "invalid-token": "Invalid ID token",
  "invalid-reuse-token": "ID token already used",
  "not-enabled": "Trusted publishing not enabled",
};

/** E_TP_EXCHANGE for a refused or malformed mint-token answer. */
export function exchangeError(failure: ExchangeFailure): ReleasioError {
  const details = {
    status: failure.status,
    errors: failure.errors,
    claims: failure.claims === null ? null : publisherClaims(failure.claims),
  };
  if (failure.errors === null || failure.errors.length === 0) {
    const message =
      failure.status === 200
        ? `${failure.registry} gave an invalid response to the trusted-publishing token exchange (no token)`
        : `${failure.registry} produced an unexpected ${failure.status} response to the trusted-publishing token exchange; possibly an outage, see https://status.python.org/`;
    return new ReleasioError("E_TP_EXCHANGE", message, { hint: TOKEN_FALLBACK_HINT, details });
  }
  const first = failure.errors[0]!;
  const headline = HEADLINES[first.code] ?? "Token request failed";
  const lines = [`${headline}: ${failure.registry} refused the trusted-publishing token exchange:`];
  for (const item of failure.errors) lines.push(`  - \`${item.code}\`: ${item.description}`);
  if (first.code === "invalid-publisher")
    lines.push("This generally indicates a trusted publisher configuration error.");
  const seen = new Set<string>();
  for (const item of failure.errors) {
    if (seen.has(item.code)) continue;
    seen.add(item.code);
    lines.push(...(RENDERERS[item.code]?.(failure, item) ?? []));
  }
  lines.push(`Troubleshooting: ${TRUSTED_PUBLISHING_DOCS}`);
  return new ReleasioError("E_TP_EXCHANGE", lines.join("\n"), { hint: TOKEN_FALLBACK_HINT, details });
}

// ── Upload-time refusals of a minted token ───────────────────────────────────────────────────────────────────

const UPLOAD_HINTS: Array<[RegExp, string]> = [
  [
    /OIDC scoped token is not valid for project/i,
    "the trusted publisher that minted the token is not attached to this project: add the publisher to the project on the index (Manage → Publishing), or check [project].name",
  ],
  [
    /token is expired/i,
    "the minted token outlived its 15 minutes; releasio renews it before each attempt, so re-run the command",
  ],
  [
    /Non-user identities cannot create new projects/i,
    "a pending publisher created the project under another name: the upload's name must normalise to the pending publisher's project name",
  ],
  [
    /only supported when using Trusted Publishing/i,
    "attestations need a trusted-publishing upload; set publish.attestations = false for token uploads",
  ],
];

/** A hint for an index's 400/403 answer that concerns trusted publishing, or null. */
export function trustedPublishingUploadHint(message: string): string | null {
  for (const [pattern, hint] of UPLOAD_HINTS) if (pattern.test(message)) return hint;
  return null;
}
