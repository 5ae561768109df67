import { describe, expect, it } from "vitest";
import { localIncludes, parsePipelineFile, scanPipeline } from "../../../src/core/doctor/gitlab-pipeline.js";
import { selectPublishingJob } from "../../../src/core/doctor/workflow.js";
import { type Detected, defaultSettings } from "../../../src/core/init/settings.js";
import { gitlabCi } from "../../../src/core/init/workflows.js";

const DETECTED: Detected = {
  defaultBranch: "main",
  tagPrefix: "v",
  buildTool: "auto",
  forge: "gitlab",
  repository: "acme/demo",
  project: "demo",
  workspaceMembers: [],
  versionFiles: [],
};

const file = (path: string, text: string) => parsePipelineFile({ path, text });

describe("local includes of a GitLab pipeline", () => {
  it("lists local files in every spelling, skipping remote, project, template and wildcard includes", () => {
    const text = [
      "include:",
      "  - ci/a.yml",
      "  - local: /ci/b.yml",
      "  - remote: https://example.com/c.yml",
      "  - https://example.com/d.yml",
      "  - project: group/other",
      "    file: /e.yml",
      "  - template: Security/SAST.gitlab-ci.yml",
      "  - local: ci/*.yml",
      "  - local: ../outside.yml",
      "  - local: ci/a.yml",
    ].join("\n");
    expect(localIncludes(file(".gitlab-ci.yml", text))).toEqual(["ci/a.yml", "ci/b.yml"]);
    expect(localIncludes(file(".gitlab-ci.yml", "include: ci/only.yml\n"))).toEqual(["ci/only.yml"]);
    expect(localIncludes(file(".gitlab-ci.yml", "include:\n  local: ci/one.yml\n"))).toEqual(["ci/one.yml"]);
    expect(localIncludes(file(".gitlab-ci.yml", "build:\n  script: make\n"))).toEqual([]);
    expect(localIncludes(file(".gitlab-ci.yml", "include: [\n"))).toEqual([]);
  });
});

describe("publishing jobs of a GitLab pipeline", () => {
  it("finds the job that runs releasio release with its environment and ID tokens", () => {
    const text = [
      "stages: [deploy]",
      "variables:",
      "  GIT_DEPTH: '0'",
      "release:",
      "  stage: deploy",
      "  environment:",
      "    name: pypi",
      "    url: https://pypi.org/p/demo",
      "  id_tokens:",
      "    PYPI_ID_TOKEN:",
      "      aud: pypi",
      "    SIGSTORE_ID_TOKEN:",
      "      aud: [sigstore]",
      "  script:",
      "    - npx --yes releasio release --execute",
      "release-pr:",
      "  script: npx --yes releasio release-pr --execute",
      "check:",
      "  script: [releasio check]",
    ].join("\n");
    const scan = scanPipeline([file(".gitlab-ci.yml", text)]);
    expect(scan.unreadable).toEqual([]);
    expect(scan.jobs).toEqual([
      {
        file: ".gitlab-ci.yml",
        job: "release",
        command: "release",
        environment: "pypi",
        idTokens: [
          { variable: "PYPI_ID_TOKEN", audiences: ["pypi"] },
          { variable: "SIGSTORE_ID_TOKEN", audiences: ["sigstore"] },
        ],
        registry: null,
      },
    ]);
  });

  it("reads the job that `releasio init` generates for GitLab through `extends:` of its hidden template", () => {
    const settings = { ...defaultSettings(DETECTED, {}), environment: "release" };
    const generated = gitlabCi({ settings, repository: "acme/demo", project: "demo" });
    const scan = scanPipeline([
      file("ci/releasio.gitlab-ci.yml", generated),
      file(".gitlab-ci.yml", "include:\n  - local: ci/releasio.gitlab-ci.yml\n"),
    ]);
    expect(scan.jobs).toEqual([
      expect.objectContaining({
        file: "ci/releasio.gitlab-ci.yml",
        job: "releasio-release",
        command: "release",
        environment: "release",
        idTokens: [{ variable: "PYPI_ID_TOKEN", audiences: ["pypi"] }],
      }),
    ]);
  });

  it("merges extends: deeply, in order, the job's own keys last", () => {
    const text = [
      ".tokens:",
      "  id_tokens:",
      "    PYPI_ID_TOKEN: { aud: pypi }",
      ".env:",
      "  environment: staging",
      "  id_tokens:",
      "    SIGSTORE_ID_TOKEN: { aud: sigstore }",
      "publish:",
      "  extends: [.tokens, .env]",
      "  environment: production",
      "  script: uvx releasio publish",
    ].join("\n");
    const [job] = scanPipeline([file(".gitlab-ci.yml", text)]).jobs;
    expect(job).toMatchObject({
      job: "publish",
      command: "publish",
      environment: "production",
      idTokens: [
        { variable: "PYPI_ID_TOKEN", audiences: ["pypi"] },
        { variable: "SIGSTORE_ID_TOKEN", audiences: ["sigstore"] },
      ],
    });
  });

  it("takes id_tokens from default: unless the job declares its own or does not inherit them", () => {
    const text = [
      "default:",
      "  id_tokens:",
      "    PYPI_ID_TOKEN: { aud: pypi }",
      "a:",
      "  script: releasio release -x",
      "b:",
      "  inherit:",
      "    default: false",
      "  script: releasio release -x",
      "c:",
      "  inherit:",
      "    default: [image]",
      "  script: releasio release -x",
      "d:",
      "  id_tokens:",
      "    OTHER: { aud: other }",
      "  script: releasio release -x",
    ].join("\n");
    const tokens = Object.fromEntries(
      scanPipeline([file(".gitlab-ci.yml", text)]).jobs.map((j) => [
        j.job,
        j.idTokens.map((t) => t.variable),
      ]),
    );
    expect(tokens).toEqual({ a: ["PYPI_ID_TOKEN"], b: [], c: [], d: ["OTHER"] });
  });

  it("follows !reference script lines, and never reports hidden jobs", () => {
    const text = [
      ".publish:",
      "  script:",
      "    - releasio do-release --execute",
      "release:",
      "  script:",
      "    - echo start",
      "    - !reference [.publish, script]",
    ].join("\n");
    const jobs = scanPipeline([file(".gitlab-ci.yml", text)]).jobs;
    expect(jobs.map((j) => [j.job, j.command])).toEqual([["release", "do-release"]]);
  });

  it("lets a later file override an included job, and reads a literal RELEASIO_PUBLISH_REGISTRY", () => {
    const included = "release:\n  script: releasio release -x\n  environment: pypi\n";
    const top = [
      "variables:",
      "  RELEASIO_PUBLISH_REGISTRY: https://upload.example.com/legacy/",
      "release:",
      "  environment: production",
      "snapshot:",
      "  variables:",
      "    RELEASIO_PUBLISH_REGISTRY:",
      "      value: testpypi",
      "  script: releasio publish",
      "dynamic:",
      "  variables:",
      "    RELEASIO_PUBLISH_REGISTRY: $REGISTRY",
      "  script: releasio publish",
    ].join("\n");
    const jobs = scanPipeline([file("ci/release.yml", included), file(".gitlab-ci.yml", top)]).jobs;
    expect(jobs.map((j) => [j.job, j.file, j.environment, j.registry])).toEqual([
      ["release", ".gitlab-ci.yml", "production", "https://upload.example.com/legacy/"],
      ["snapshot", ".gitlab-ci.yml", null, "testpypi"],
      ["dynamic", ".gitlab-ci.yml", null, "https://upload.example.com/legacy/"],
    ]);
    // The job publishing to the diagnosed index is the one the publisher is about, unless another is running.
    const testPypi = (registry: string) => registry === "testpypi";
    expect(selectPublishingJob(jobs, null, testPypi)?.job).toBe("snapshot");
    expect(selectPublishingJob(jobs, (j) => j.job === "dynamic", testPypi)?.job).toBe("dynamic");
  });

  it("reports a file that is not a pipeline and goes on with the others; an empty file has no jobs", () => {
    const scan = scanPipeline([
      file("ci/broken.yml", "release: [\n"),
      file("ci/list.yml", "- a\n- b\n"),
      file("ci/empty.yml", ""),
      file(".gitlab-ci.yml", "release:\n  script: releasio release\n"),
    ]);
    expect(scan.unreadable.map((u) => u.file)).toEqual(["ci/broken.yml", "ci/list.yml"]);
    expect(scan.unreadable[1]?.reason).toBe("not a mapping");
    expect(scan.jobs.map((j) => j.job)).toEqual(["release"]);
  });

  it("reads the jobs of a file with a spec: header, which GitLab keeps in a first YAML document", () => {
    const text =
      "spec:\n  inputs:\n    stage:\n      default: deploy\n---\nrelease:\n  script: releasio release\n";
    const scan = scanPipeline([file(".gitlab-ci.yml", text)]);
    expect(scan.unreadable).toEqual([]);
    expect(scan.jobs.map((j) => j.job)).toEqual(["release"]);
  });

  it("lists the child pipelines that trigger jobs start from local files, with the registry they pass down", () => {
    const text = [
      "variables:",
      "  RELEASIO_PUBLISH_REGISTRY: testpypi",
      ".child:",
      "  trigger:",
      "    include: ci/hidden.yml",
      "publish:",
      "  trigger:",
      "    include: ci/release.yml",
      "    strategy: depend",
      "docs:",
      "  variables:",
      "    RELEASIO_PUBLISH_REGISTRY: pypi",
      "  trigger:",
      "    include:",
      "      - local: /ci/docs.yml",
      "      - ci/docs-extra.yml",
      "      - artifact: generated.yml",
      "        job: generate",
      "      - project: group/other",
      "        file: /pipeline.yml",
      "quiet:",
      "  trigger:",
      "    include: ci/quiet.yml",
      "    forward:",
      "      yaml_variables: false",
      "      pipeline_variables: true",
      "downstream:",
      "  trigger: group/other-project",
      "generated:",
      "  trigger:",
      "    include:",
      "      - artifact: child.yml",
      "        job: generate",
    ].join("\n");
    const scan = scanPipeline([file(".gitlab-ci.yml", text)]);
    const child = { file: ".gitlab-ci.yml", forwardsPassed: false };
    expect(scan.children).toEqual([
      { ...child, job: "publish", files: ["ci/release.yml"], registry: "testpypi" },
      { ...child, job: "docs", files: ["ci/docs.yml", "ci/docs-extra.yml"], registry: "pypi" },
      // forward: decides what goes down: neither YAML variables here, but what this pipeline was passed.
      { ...child, job: "quiet", files: ["ci/quiet.yml"], registry: null, forwardsPassed: true },
    ]);
    // A trigger job runs no script of its own.
    expect(scan.jobs).toEqual([]);
    // The trigger may come from a template through extends:.
    const extended = scanPipeline([
      file(
        ".gitlab-ci.yml",
        ".release:\n  trigger:\n    include: ci/release.yml\nrelease:\n  extends: .release\n",
      ),
    ]);
    expect(extended.children).toEqual([
      {
        job: "release",
        file: ".gitlab-ci.yml",
        files: ["ci/release.yml"],
        registry: null,
        forwardsPassed: false,
      },
    ]);
  });

  it("stops at GitLab's depth of extends: instead of looping on a cycle", () => {
    const text =
      ".a:\n  extends: .b\n.b:\n  extends: .a\nrelease:\n  extends: .a\n  script: releasio release\n";
    expect(scanPipeline([file(".gitlab-ci.yml", text)]).jobs.map((j) => j.job)).toEqual(["release"]);
  });
});
