import { describe, expect, it } from "vitest";
import {
  decodeClaims,
  formatClaims,
  isReusableWorkflow,
  publisherClaims,
  workflowFileFromRef,
  workflowPathFromCiConfigRef,
} from "../../../src/core/publish/claims.js";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (payload: unknown) =>
  `${b64url({ alg: "RS256", kid: "k" })}.${b64url(payload)}.c2lnbmF0dXJlLXNlY3JldA`;

describe("decodeClaims", () => {
  it("returns the payload of a JWT without verifying it", () => {
    expect(decodeClaims(jwt({ repository: "acme/demo", aud: "pypi" }))).toEqual({
      repository: "acme/demo",
      aud: "pypi",
    });
  });

  it("decodes unpadded base64url payloads with UTF-8 text", () => {
    expect(decodeClaims(jwt({ actor: "Zoë", x: "??>>" })).actor).toBe("Zoë");
  });

  it("never returns or quotes the signature", () => {
    const token = jwt({ sub: "x" });
    const decoded = decodeClaims(token);
    expect(JSON.stringify(decoded)).not.toContain("c2lnbmF0dXJlLXNlY3JldA");
    expect(() => decodeClaims("not-a-jwt-secret-value")).toThrowError(/three dot-separated parts/);
    try {
      decodeClaims("aaaa.!!!!.secretsig");
    } catch (error) {
      expect(String(error)).not.toContain("secretsig");
    }
  });

  it("rejects payloads that are not JSON objects", () => {
    expect(() => decodeClaims(`a.${b64url([1, 2])}.c`)).toThrowError(/not a JSON object/);
    expect(() => decodeClaims("a.bm90IGpzb24.c")).toThrowError(/not base64url-encoded JSON/);
  });
});

describe("workflow names", () => {
  it("takes the workflow file from job_workflow_ref like PyPI does", () => {
    expect(workflowFileFromRef("acme/demo/.github/workflows/release.yml@refs/heads/main")).toBe(
      "release.yml",
    );
    expect(workflowFileFromRef("acme/demo/.github/workflows/pub.yaml@refs/tags/v1")).toBe("pub.yaml");
    expect(workflowFileFromRef(null)).toBeNull();
  });

  it("takes the pipeline path from GitLab's ci_config_ref_uri", () => {
    expect(workflowPathFromCiConfigRef("gitlab.com/acme/demo//.gitlab-ci.yml@refs/heads/main")).toBe(
      ".gitlab-ci.yml",
    );
    expect(workflowPathFromCiConfigRef("gitlab.com/acme/demo//ci/release.yml@refs/tags/v1")).toBe(
      "ci/release.yml",
    );
    expect(workflowPathFromCiConfigRef("gitlab.com/a/b//ci/x.gitlab-ci.yml@refs/tags/v1")).toBe(
      "ci/x.gitlab-ci.yml",
    );
    expect(workflowPathFromCiConfigRef("gitlab.com/a/b//.gitlab-ci.yml@0123abc")).toBe(".gitlab-ci.yml");
    expect(workflowPathFromCiConfigRef("gitlab.com/a/b/.gitlab-ci.yml")).toBeNull();
    expect(workflowPathFromCiConfigRef(null)).toBeNull();
  });
});

describe("formatClaims", () => {
  it("lists PyPI's claims and shows absent ones as MISSING", () => {
    const text = formatClaims({ repository: "acme/demo", repository_owner: "acme", ref: "refs/heads/main" });
    expect(text).toContain("  repository: acme/demo");
    expect(text).toContain("  environment: MISSING");
    expect(text).toContain("  job_workflow_ref: MISSING");
  });

  it("uses GitLab's claim names for GitLab tokens", () => {
    const text = formatClaims({
      project_path: "acme/demo",
      ci_config_ref_uri: "gitlab.com/acme/demo//.gitlab-ci.yml@x",
    });
    expect(text).toContain("  project_path: acme/demo");
    expect(text).toContain("  ref_path: MISSING");
  });
});

describe("publisherClaims and reusable workflows", () => {
  it("maps claims onto the publisher form's fields", () => {
    expect(
      publisherClaims({
        repository: "acme/demo",
        repository_owner: "acme",
        job_workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
        environment: "release",
      }),
    ).toEqual({ owner: "acme", repository: "demo", workflow: "release.yml", environment: "release" });
    expect(
      publisherClaims({
        project_path: "grp/sub/demo",
        ci_config_ref_uri: "gitlab.com/grp/sub/demo//.gitlab-ci.yml@r",
      }),
    ).toEqual({
      namespace: "grp/sub",
      project: "demo",
      workflow: ".gitlab-ci.yml",
      environment: null,
    });
  });

  it("detects a reusable workflow when job_workflow_ref differs from workflow_ref", () => {
    expect(
      isReusableWorkflow({
        workflow_ref: "a/b/.github/workflows/ci.yml@r",
        job_workflow_ref: "a/b/.github/workflows/pub.yml@r",
      }),
    ).toBe(true);
    expect(isReusableWorkflow({ workflow_ref: "x@r", job_workflow_ref: "x@r" })).toBe(false);
    expect(isReusableWorkflow({ job_workflow_ref: "x@r" })).toBe(false);
  });
});
