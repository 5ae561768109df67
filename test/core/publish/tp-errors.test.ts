import { describe, expect, it } from "vitest";
import {
  addPublisherUrl,
  credentialsMissingError,
  type ExchangeFailure,
  exchangeError,
  forkError,
  gitlabIdTokenVariable,
  reusableWorkflowNote,
  tokenRequestError,
  trustedPublishingUploadHint,
  unsupportedError,
} from "../../../src/core/publish/tp-errors.js";

const CLAIMS = {
  sub: "repo:acme/demo:environment:release",
  repository: "acme/demo",
  repository_owner: "acme",
  repository_owner_id: "1001",
  workflow_ref: "acme/demo/.github/workflows/release.yml@refs/tags/v1.1.0",
  job_workflow_ref: "acme/demo/.github/workflows/release.yml@refs/tags/v1.1.0",
  ref: "refs/tags/v1.1.0",
  environment: "release",
  aud: "pypi",
  iss: "https://token.actions.githubusercontent.com",
};

function failure(code: string, description: string, over: Partial<ExchangeFailure> = {}): ExchangeFailure {
  return {
    registry: "PyPI",
    status: 422,
    errors: [{ code, description }],
    claims: CLAIMS,
    page: { webBase: "https://pypi.org", project: "demo" },
    projectExists: true,
    ...over,
  };
}

describe("exchangeError", () => {
  it("invalid-publisher: reasons, claims, the seed's checklist and the prefilled add-publisher link", () => {
    const error = exchangeError(
      failure(
        "invalid-publisher",
        "valid token, but no corresponding publisher (Publisher with matching claims was not found)",
      ),
    );
    expect(error.code).toBe("E_TP_EXCHANGE");
    expect(error.message.split("\n")).toEqual([
      "Publisher not found: PyPI refused the trusted-publishing token exchange:",
      "  - `invalid-publisher`: valid token, but no corresponding publisher (Publisher with matching claims was not found)",
      "This generally indicates a trusted publisher configuration error.",
      "Claims of the refused token (for diagnosis; do not copy them into a publisher blindly):",
      "  repository: acme/demo",
      "  repository_owner: acme",
      "  repository_owner_id: 1001",
      "  workflow file: release.yml (job_workflow_ref: acme/demo/.github/workflows/release.yml@refs/tags/v1.1.0)",
      "  ref: refs/tags/v1.1.0",
      "  environment: release",
      "Checklist (publisher not found):",
      "  - Owner name matches exactly (case-sensitive)",
      "  - Repository name matches exactly",
      "  - Workflow filename matches (e.g., `release.yml`)",
      "  - Environment name matches (if configured)",
      "  - Publishing from correct branch (the intended branch or tag)",
      "Add or fix the trusted publisher: https://pypi.org/manage/project/demo/settings/publishing/?provider=github&owner=acme&repository=demo&workflow_filename=release.yml",
      "Troubleshooting: https://docs.pypi.org/trusted-publishers/troubleshooting/",
    ]);
    expect(error.hint).toContain("publish.trusted_publishing = false");
    expect(error.details).toMatchObject({
      claims: { owner: "acme", repository: "demo", workflow: "release.yml", environment: "release" },
    });
  });

  it("shows MISSING for an absent environment and warns about reusable workflows", () => {
    const error = exchangeError(
      failure("invalid-publisher", "valid token, but no corresponding publisher (x)", {
        claims: {
          ...CLAIMS,
          environment: undefined,
          job_workflow_ref: "acme/shared/.github/workflows/pypi.yml@refs/heads/main",
        },
      }),
    );
    expect(error.message).toContain("  environment: MISSING");
    expect(error.message).toContain(
      "job_workflow_ref acme/shared/.github/workflows/pypi.yml@refs/heads/main ≠ workflow_ref",
    );
    expect(error.message).toContain("PyPI matches the called workflow's file");
  });

  it("explains pending publishers for a project that is not on the index", () => {
    const error = exchangeError(
      failure("invalid-publisher", "valid token, but no corresponding publisher (x)", {
        projectExists: false,
      }),
    );
    expect(error.message).toContain("Pending publisher: demo does not exist on PyPI yet");
    expect(error.message).toContain("Your projects → Publishing");
    expect(error.message).toContain(
      "the first successful upload creates the project: https://pypi.org/manage/account/publishing/",
    );
    expect(error.message).not.toContain("settings/publishing/?provider");
  });

  it.each([
    [
      "invalid-pending-publisher",
      "valid token, but project already exists",
      /already exists on PyPI: pending publishers only create new projects/,
    ],
    [
      "invalid-token",
      "malformed or invalid token",
      /audience: pypi\).*another audience \(such as sigstore or testpypi\)/,
    ],
    ["invalid-reuse-token", "invalid token: already used", /can be exchanged only once/],
    [
      "not-enabled",
      "GitHub trusted publishing functionality not enabled",
      /trusted publishing for this CI provider turned off/,
    ],
    [
      "invalid-payload",
      "unknown trusted publishing issuer",
      /does not accept ID tokens from https:\/\/token\.actions.*GitHub Enterprise Server/,
    ],
    ["invalid-payload", "malformed JWT", /not an ID token/],
  ])("%s (%s) has its own explanation", (code, description, pattern) => {
    const error = exchangeError(failure(code, description));
    expect(error.code).toBe("E_TP_EXCHANGE");
    expect(error.message).toContain(`\`${code}\`: ${description}`);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain("Checklist");
  });

  it("reports non-JSON answers as a possible outage and a 200 without token as invalid", () => {
    expect(exchangeError(failure("x", "y", { status: 503, errors: null })).message).toBe(
      "PyPI produced an unexpected 503 response to the trusted-publishing token exchange; possibly an outage, see https://status.python.org/",
    );
    expect(exchangeError(failure("x", "y", { status: 200, errors: null })).message).toContain(
      "invalid response",
    );
  });

  it("uses GitLab's claims and checklist for GitLab tokens", () => {
    const error = exchangeError(
      failure("invalid-publisher", "valid token, but no corresponding publisher (x)", {
        claims: {
          project_path: "acme/demo",
          ci_config_ref_uri: "gitlab.com/acme/demo//.gitlab-ci.yml@refs/heads/main",
          sub: "project_path:acme/demo",
        },
      }),
    );
    expect(error.message).toContain("  project_path: acme/demo");
    expect(error.message).toContain("  environment: MISSING");
    expect(error.message).toContain("Top-level pipeline file path matches");
    // The link opens PyPI's GitLab form, filled in from the claims.
    expect(error.message).toContain(
      "Add or fix the trusted publisher: https://pypi.org/manage/project/demo/settings/publishing/?provider=gitlab&namespace=acme&project=demo&workflow_filepath=.gitlab-ci.yml",
    );
    expect(error.message).not.toContain("provider=github");
  });
});

describe("other trusted-publishing errors", () => {
  it("token request failed on GitHub carries the job-level permissions snippet", () => {
    const error = tokenRequestError({ ci: "github", reason: "permission" });
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toContain(
      "GitHub did not issue an OIDC token: the job lacks the id-token: write permission",
    );
    expect(error.hint).toContain("permissions:\n  id-token: write\n  contents: write");
  });

  it("token request failed on GitLab names the variable and the id_tokens snippet", () => {
    const error = tokenRequestError({ ci: "gitlab", reason: "variable", audience: "pypi" });
    expect(error.message).toBe(
      "Token request failed: PYPI_ID_TOKEN is not set: add id_tokens: PYPI_ID_TOKEN: aud: pypi to the job",
    );
    expect(error.hint).toContain("id_tokens:\n    PYPI_ID_TOKEN:\n      aud: pypi");
  });

  it("names GitLab variables after the audience", () => {
    expect(gitlabIdTokenVariable("pypi")).toBe("PYPI_ID_TOKEN");
    expect(gitlabIdTokenVariable("testpypi")).toBe("TESTPYPI_ID_TOKEN");
    expect(gitlabIdTokenVariable("my-index.example")).toBe("MY_INDEX_EXAMPLE_ID_TOKEN");
    expect(gitlabIdTokenVariable("1ndex")).toBe("_NDEX_ID_TOKEN");
  });

  it("fork, unsupported and missing-credential messages follow the catalogue", () => {
    expect(forkError("pull_request", true).message).toBe(
      "trusted publishing is refused for pull_request from a fork",
    );
    expect(forkError("pull_request_target", false).message).toContain("pull_request_target");
    expect(unsupportedError("devpi.example", 404, null).message).toBe(
      "devpi.example does not support trusted publishing (audience endpoint returned 404): the index does not support trusted publishing",
    );
    expect(unsupportedError("PyPI", 403, "Trusted publishing functionality not enabled").message).toContain(
      "disabled",
    );
    expect(credentialsMissingError("PyPI", "why", ["note a"]).message).toBe(
      "no credentials for PyPI: trusted publishing unavailable (why) and no token in PYPI_TOKEN, UV_PUBLISH_TOKEN, TWINE_PASSWORD or ~/.pypirc; note a",
    );
    // The hint shows the running CI's way to an ID token; outside CI, both.
    const hint = (ci: "github-actions" | "gitlab-ci" | null) =>
      credentialsMissingError("TestPyPI", "why", [], { ci, audience: "testpypi" }).hint ?? "";
    expect(hint("gitlab-ci")).toContain("TESTPYPI_ID_TOKEN:\n      aud: testpypi");
    expect(hint("gitlab-ci")).not.toContain("id-token: write");
    expect(hint("github-actions")).toContain("id-token: write");
    expect(hint("github-actions")).not.toContain("id_tokens");
    expect(hint(null)).toMatch(/id-token: write[\s\S]*or declare the publishing job's ID token in GitLab CI/);
    expect(hint(null)).toContain("or provide an API token in PYPI_TOKEN");
  });

  it("hints for upload-time refusals of minted tokens", () => {
    expect(
      trustedPublishingUploadHint("Invalid API Token: OIDC scoped token is not valid for project 'demo'"),
    ).toContain("not attached to this project");
    expect(trustedPublishingUploadHint("Invalid API Token: token is expired")).toContain("15 minutes");
    expect(trustedPublishingUploadHint("File already exists")).toBeNull();
  });

  it("builds the add-publisher URL only for indexes with PyPI's pages", () => {
    expect(
      addPublisherUrl(
        { webBase: null, project: "demo" },
        { provider: "github", owner: "a", repository: "b", workflow: "c" },
      ),
    ).toBeNull();
    expect(
      addPublisherUrl(
        { webBase: "https://test.pypi.org", project: "demo" },
        { provider: "github", owner: "a", repository: "b", workflow: null },
      ),
    ).toBe(
      "https://test.pypi.org/manage/project/demo/settings/publishing/?provider=github&owner=a&repository=b",
    );
    // GitLab's form has its own fields: namespace (groups and subgroups), project and the pipeline file's path.
    expect(
      addPublisherUrl(
        { webBase: "https://pypi.org", project: "demo" },
        { provider: "gitlab", namespace: "acme/tools", project: "demo", workflow: "ci/release.yml" },
      ),
    ).toBe(
      "https://pypi.org/manage/project/demo/settings/publishing/?provider=gitlab&namespace=acme%2Ftools&project=demo&workflow_filepath=ci%2Frelease.yml",
    );
    expect(reusableWorkflowNote({ workflow_ref: "x", job_workflow_ref: "x" })).toBeNull();
  });
});
