import { describe, expect, it } from "vitest";
import type { GitLabPublishingJob } from "../../../src/core/doctor/gitlab-pipeline.js";
import {
  claimWarnings,
  compareClaims,
  compareGitLabClaims,
  expectedPublisher,
  publisherPageUrl,
  publisherValues,
  selectClaims,
  workflowFileOf,
} from "../../../src/core/doctor/publisher.js";
import { classicScopesSuffice, tokenKind } from "../../../src/core/doctor/token-kind.js";
import { idTokenProblem, trustedPublisherCheck } from "../../../src/core/doctor/trusted-publisher-check.js";
import type { PublishingJob } from "../../../src/core/doctor/workflow.js";

const JOB: PublishingJob = {
  file: ".github/workflows/release.yml",
  workflow: "release.yml",
  job: "release",
  command: "release",
  environment: "pypi",
  idTokenWrite: true,
  permissionsFrom: "job",
  events: ["push"],
  registry: null,
};

const GITLAB_JOB: GitLabPublishingJob = {
  file: "ci/releasio.gitlab-ci.yml",
  job: "releasio-release",
  command: "release",
  environment: "pypi",
  idTokens: [{ variable: "PYPI_ID_TOKEN", audiences: ["pypi"] }],
  registry: null,
};

const local = expectedPublisher({
  remote: { path: "acme/demo", source: "remote origin" },
  env: {},
  job: JOB,
});

describe("expected trusted publisher on GitLab", () => {
  it("splits a subgroup path into namespace and project, and takes the repository's pipeline file", () => {
    const e = expectedPublisher({
      provider: "gitlab",
      remote: { path: "acme/tools/demo", source: "remote origin" },
      env: {},
      job: null,
      pipelineFile: ".gitlab-ci.yml",
    });
    expect(e).toEqual({
      provider: "gitlab",
      owner: { value: "acme/tools", source: "remote origin" },
      repository: { value: "demo", source: "remote origin" },
      workflow: { value: ".gitlab-ci.yml", source: "the repository's pipeline file" },
      environment: {
        value: null,
        source: "no job of the pipeline runs releasio release, do-release or publish",
      },
    });
    expect(
      publisherPageUrl({ registryName: "testpypi", project: "demo", projectExists: true, expected: e }),
    ).toBe(
      "https://test.pypi.org/manage/project/demo/settings/publishing/?provider=gitlab&namespace=acme%2Ftools&project=demo&workflow_filepath=.gitlab-ci.yml",
    );
  });

  it("in a pipeline prefers GitLab's variables; GitHub's variables never count there", () => {
    const e = expectedPublisher({
      provider: "gitlab",
      remote: { path: "fork/demo", source: "remote origin" },
      env: {
        GITLAB_CI: "true",
        CI_PROJECT_NAMESPACE: "acme",
        CI_PROJECT_NAME: "demo",
        CI_CONFIG_PATH: "ci/release.yml",
        GITHUB_REPOSITORY: "other/thing",
      },
      job: null,
      pipelineFile: null,
    });
    expect([e.owner.value, e.repository.value, e.workflow.value, e.environment.value]).toEqual([
      "acme",
      "demo",
      "ci/release.yml",
      null,
    ]);
    expect(e.environment.source).toBe("this job sets no environment");
    // Outside a pipeline its variables are not trusted: the remote decides.
    const local = expectedPublisher({
      provider: "gitlab",
      remote: { path: "fork/demo", source: "remote origin" },
      env: { CI_PROJECT_NAMESPACE: "acme" },
      job: null,
    });
    expect(local.owner.value).toBe("fork");
    expect(local.workflow).toEqual({ value: null, source: "no .gitlab-ci.yml in the repository" });
  });

  it("takes the environment from the publishing job, and from GitLab only inside that job", () => {
    const input = {
      provider: "gitlab" as const,
      remote: { path: "acme/demo", source: "remote origin" },
      job: GITLAB_JOB,
      pipelineFile: ".gitlab-ci.yml",
    };
    expect(expectedPublisher({ ...input, env: {} }).environment).toEqual({
      value: "pypi",
      source: "environment of job 'releasio-release' in ci/releasio.gitlab-ci.yml",
    });
    const pipeline = { GITLAB_CI: "true", CI_ENVIRONMENT_NAME: "production" };
    // The running job is the publishing job: GitLab's resolved name wins.
    const inJob = expectedPublisher({ ...input, env: { ...pipeline, CI_JOB_NAME: "releasio-release" } });
    expect(inJob.environment).toEqual({ value: "production", source: "CI_ENVIRONMENT_NAME" });
    // Another job (a `doctor` job) sets its own environment, which says nothing of the publishing job's.
    const other = expectedPublisher({ ...input, env: { ...pipeline, CI_JOB_NAME: "doctor" } });
    expect(other.environment.value).toBe("pypi");
  });
});

describe("GitLab claims against the expected publisher", () => {
  const expected = expectedPublisher({
    provider: "gitlab",
    remote: { path: "Acme/Tools/demo", source: "remote origin" },
    env: {},
    job: GITLAB_JOB,
    pipelineFile: ".gitlab-ci.yml",
  });
  const claims = {
    project_path: "acme/tools/demo",
    ci_config_ref_uri: "gitlab.com/acme/tools/demo//.gitlab-ci.yml@refs/heads/main",
    ref_path: "refs/heads/main",
    environment: "pypi",
  };

  it("matches the project path ignoring case, the pipeline file of ci_config_ref_uri and the environment", () => {
    expect(compareGitLabClaims(claims, publisherValues(expected)).map((c) => [c.claim, c.matches])).toEqual([
      ["project_path", true],
      ["ci_config_ref_uri", true],
      ["ref_path", null],
      ["environment", true],
    ]);
  });

  it("marks another pipeline file, an environment of another case, and a missing environment", () => {
    const differs = (overrides: Record<string, unknown>) =>
      compareGitLabClaims({ ...claims, ...overrides }, publisherValues(expected))
        .filter((c) => c.matches === false)
        .map((c) => c.claim);
    expect(
      differs({ ci_config_ref_uri: "gitlab.com/acme/tools/demo//ci/release.yml@refs/heads/main" }),
    ).toEqual(["ci_config_ref_uri"]);
    expect(differs({ environment: "PyPI" })).toEqual(["environment"]);
    expect(differs({ environment: undefined })).toEqual(["environment"]);
    expect(differs({ project_path: "other/demo" })).toEqual(["project_path"]);
  });
});

describe("expected trusted publisher", () => {
  it("takes owner and repository from the remote and workflow and environment from the job", () => {
    expect(local.owner).toEqual({ value: "acme", source: "remote origin" });
    expect(local.repository.value).toBe("demo");
    expect(local.workflow).toEqual({ value: "release.yml", source: ".github/workflows/release.yml" });
    expect(local.environment.value).toBe("pypi");
  });

  it("in Actions prefers GITHUB_REPOSITORY and the running workflow from GITHUB_WORKFLOW_REF", () => {
    const e = expectedPublisher({
      remote: { path: "fork/demo", source: "remote origin" },
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_REPOSITORY: "acme/demo",
        GITHUB_WORKFLOW_REF: "acme/demo/.github/workflows/publish.yaml@refs/heads/main",
      },
      job: JOB,
    });
    expect(e.owner).toEqual({ value: "acme", source: "GITHUB_REPOSITORY" });
    expect(e.workflow).toEqual({ value: "publish.yaml", source: "GITHUB_WORKFLOW_REF" });
  });

  it("without remote or job the fields are unknown and the environment is none", () => {
    const e = expectedPublisher({ remote: null, env: {}, job: null });
    expect([e.owner.value, e.repository.value, e.workflow.value, e.environment.value]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it("workflow file names come from the path before @", () => {
    expect(workflowFileOf("o/r/.github/workflows/release.yml@refs/tags/v1")).toBe("release.yml");
    expect(workflowFileOf("o/r/.github/workflows/x.txt@main")).toBeNull();
    expect(workflowFileOf(undefined)).toBeNull();
  });
});

describe("add-publisher link", () => {
  it("points to the project's publishing settings with the fields filled in", () => {
    expect(
      publisherPageUrl({ registryName: "pypi", project: "demo", projectExists: true, expected: local }),
    ).toBe(
      "https://pypi.org/manage/project/demo/settings/publishing/?provider=github&owner=acme&repository=demo&workflow_filename=release.yml",
    );
  });
  it("uses the pending-publisher page for a project not on the index, TestPyPI's host, none for custom", () => {
    expect(
      publisherPageUrl({ registryName: "pypi", project: "demo", projectExists: false, expected: local }),
    ).toBe("https://pypi.org/manage/account/publishing/");
    expect(
      publisherPageUrl({ registryName: "testpypi", project: "demo", projectExists: null, expected: local }),
    ).toMatch(/^https:\/\/test\.pypi\.org\/manage\/project\/demo\//);
    expect(
      publisherPageUrl({ registryName: null, project: "demo", projectExists: true, expected: local }),
    ).toBeNull();
  });
});

describe("claims against the expected publisher", () => {
  const claims = {
    repository: "acme/demo",
    repository_owner: "acme",
    repository_owner_id: "42",
    job_workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
    workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
    ref: "refs/heads/main",
    environment: "PyPI",
    event_name: "push",
    sub: "repo:acme/demo:ref:refs/heads/main",
  };

  it("matches the index's rules: repository case-insensitive, environment case-insensitive, workflow by file", () => {
    const rows = compareClaims(claims, publisherValues(local));
    expect(rows.filter((r) => r.matches === false)).toEqual([]);
    expect(rows.find((r) => r.claim === "environment")?.matches).toBe(true);
  });

  it("marks a different owner and a missing environment as mismatches", () => {
    const rows = compareClaims(
      { ...claims, repository_owner: "Acme", environment: undefined },
      publisherValues(local),
    );
    expect(rows.filter((r) => r.matches === false).map((r) => r.claim)).toEqual([
      "repository_owner",
      "environment",
    ]);
  });

  it("selects only the claims worth printing", () => {
    expect(Object.keys(selectClaims(claims, false))).not.toContain("sub");
    expect(selectClaims({ project_path: "g/p" }, true)).toEqual({
      project_path: "g/p",
      ci_config_ref_uri: null,
      ref_path: null,
      environment: null,
    });
  });

  it("warns about reusable workflows and pull_request_target", () => {
    const w = claimWarnings({
      ...claims,
      job_workflow_ref: "acme/shared/.github/workflows/pub.yml@main",
      event_name: "pull_request_target",
    });
    expect(w.map((x) => x.code)).toEqual(["W_TP_REUSABLE_WORKFLOW", "W_TP_PULL_REQUEST_TARGET"]);
    expect(w[0]!.message).toContain("acme/shared/.github/workflows/pub.yml@main");
    expect(claimWarnings(claims)).toEqual([]);
  });
});

describe("trusted publisher check", () => {
  const base = {
    mode: true as const,
    publishEnabled: true,
    job: JOB,
    audience: "pypi",
    expected: local,
    addPublisherUrl: "https://pypi.org/manage/account/publishing/",
    idTokenAvailable: false,
    inActions: false,
    comparison: null,
    tokenError: null,
  };
  it("is ok with the four fields and the link when the job may request an ID token", () => {
    const c = trustedPublisherCheck(base);
    expect(c.status).toBe("ok");
    expect(c.message).toContain("Owner acme");
    expect(c.message).toContain("Environment pypi");
    expect(c.hint).toContain("https://pypi.org/manage/account/publishing/");
  });
  it("fails with the permissions snippet when the job lacks id-token: write", () => {
    const c = trustedPublisherCheck({ ...base, job: { ...JOB, idTokenWrite: false } });
    expect(c.status).toBe("fail");
    expect(c.hint).toContain("id-token: write");
  });
  it("is skipped when publishing or trusted publishing is off", () => {
    expect(trustedPublisherCheck({ ...base, mode: false }).status).toBe("skip");
    expect(trustedPublisherCheck({ ...base, publishEnabled: false }).status).toBe("skip");
  });
  it("without a publishing workflow it warns, saying so once, and points at init", () => {
    const expected = expectedPublisher({
      remote: { path: "acme/demo", source: "remote origin" },
      env: {},
      job: null,
    });
    const c = trustedPublisherCheck({ ...base, job: null, expected });
    expect(c.status).toBe("warn");
    const reason = "no workflow under .github/workflows runs releasio release, do-release or publish";
    expect(c.message.split(reason)).toHaveLength(2);
    expect(c.hint).toContain("run 'releasio init' to generate .github/workflows/release.yml");
  });
  it("a claim that differs from the publisher is a warning naming both values", () => {
    const c = trustedPublisherCheck({
      ...base,
      inActions: true,
      idTokenAvailable: true,
      comparison: [{ claim: "environment", actual: "release", expected: "pypi", matches: false }],
    });
    expect(c.status).toBe("warn");
    expect(c.message).toContain("claim environment is release but the publisher expects pypi");
  });

  describe("on GitLab", () => {
    const expected = expectedPublisher({
      provider: "gitlab",
      remote: { path: "acme/demo", source: "remote origin" },
      env: {},
      job: GITLAB_JOB,
      pipelineFile: ".gitlab-ci.yml",
    });
    const gitlab = { ...base, job: GITLAB_JOB, expected };
    const withTokens = (idTokens: GitLabPublishingJob["idTokens"]) =>
      trustedPublisherCheck({ ...gitlab, job: { ...GITLAB_JOB, idTokens } });

    it("is ok when the publishing job declares the ID token for the index's audience", () => {
      const c = trustedPublisherCheck(gitlab);
      expect(c.status).toBe("ok");
      expect(c.message).toContain("Pipeline file .gitlab-ci.yml");
      expect(c.message).toContain("Environment pypi (environment of job 'releasio-release'");
    });

    it("fails, naming the job and its file, when the job declares no token for the audience", () => {
      const c = withTokens([{ variable: "SIGSTORE_ID_TOKEN", audiences: ["sigstore"] }]);
      expect(c.status).toBe("fail");
      expect(c.message).toContain(
        "job 'releasio-release' in ci/releasio.gitlab-ci.yml declares no PYPI_ID_TOKEN in id_tokens (only SIGSTORE_ID_TOKEN), so GitLab will not issue it an ID token for 'pypi'",
      );
      expect(c.hint).toContain("releasio-release:\n  id_tokens:\n    PYPI_ID_TOKEN:\n      aud: pypi");
      expect(c.hint).toContain("publish.trusted_publishing = false");
    });

    it("fails when the token is declared for another audience, and checks TestPyPI's own variable", () => {
      const c = withTokens([{ variable: "PYPI_ID_TOKEN", audiences: ["https://gitlab.com"] }]);
      expect(c.status).toBe("fail");
      expect(c.message).toContain(
        "requests PYPI_ID_TOKEN for aud 'https://gitlab.com', but the index expects 'pypi'",
      );
      const test = trustedPublisherCheck({ ...gitlab, audience: "testpypi" });
      expect(test.status).toBe("fail");
      expect(test.hint).toContain("TESTPYPI_ID_TOKEN:\n      aud: testpypi");
    });

    it("warns and points at init when no job of the pipeline publishes", () => {
      const c = trustedPublisherCheck({ ...gitlab, job: null });
      expect(c.status).toBe("warn");
      expect(c.message).toContain("no job of the pipeline runs releasio release, do-release or publish");
      expect(c.hint).toContain("run 'releasio init' to generate ci/releasio.gitlab-ci.yml");
    });

    it("inside a job that holds its ID token, trusts GitLab over its reading of the pipeline", () => {
      const inJob = { ...gitlab, idTokenAvailable: true };
      expect(trustedPublisherCheck({ ...inJob, job: null }).status).toBe("ok");
      expect(trustedPublisherCheck({ ...inJob, job: { ...GITLAB_JOB, idTokens: [] } }).status).toBe("ok");
    });
  });
});

describe("token kinds", () => {
  it("infers the kind from the prefix", () => {
    expect(tokenKind("ghp_abc").kind).toBe("classic");
    expect(tokenKind("github_pat_abc").kind).toBe("fine-grained");
    expect(tokenKind("ghs_abc").kind).toBe("actions");
    expect(tokenKind("glpat-abc").kind).toBe("gitlab");
    expect(tokenKind("xyz").kind).toBe("unknown");
  });
  it("classic scopes need repo or public_repo", () => {
    expect(classicScopesSuffice("read:org, repo")).toBe(true);
    expect(classicScopesSuffice("read:org")).toBe(false);
    expect(classicScopesSuffice(null)).toBeNull();
  });
});

describe("ID-token problems of a GitLab job", () => {
  const job = GITLAB_JOB;
  it("is none when the variable carries the audience, else says what is missing", () => {
    expect(idTokenProblem(job, "pypi", "PYPI_ID_TOKEN")).toBeNull();
    expect(idTokenProblem(job, "testpypi", "TESTPYPI_ID_TOKEN")).toEqual({
      kind: "missing",
      declared: ["PYPI_ID_TOKEN"],
    });
    expect(idTokenProblem(job, "pypi-custom", "PYPI_ID_TOKEN")).toEqual({
      kind: "audience",
      declared: ["pypi"],
    });
  });
});
