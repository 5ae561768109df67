import { describe, expect, it } from "vitest";
import { expectedPublisher } from "../../../src/core/doctor/publisher.js";
import {
  type TrustedPublisherInput,
  trustedPublisherCheck,
} from "../../../src/core/doctor/trusted-publisher-check.js";
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

function input(overrides: Partial<TrustedPublisherInput> = {}): TrustedPublisherInput {
  const job = overrides.job === undefined ? JOB : overrides.job;
  return {
    mode: true,
    publishEnabled: true,
    job,
    expected: expectedPublisher({
      remote: { path: "acme/demo", source: "remote origin" },
      env: {},
      job: job && { file: job.file, workflow: job.workflow, environment: job.environment },
    }),
    addPublisherUrl: "https://pypi.org/manage/project/demo/settings/publishing/?provider=github",
    idTokenAvailable: false,
    inActions: false,
    comparison: null,
    tokenError: null,
    ...overrides,
  };
}

describe("the publish.trusted_publisher row", () => {
  it("a ready workflow is ok and names the publisher to register", () => {
    const row = trustedPublisherCheck(input());
    expect(row.status).toBe("ok");
    expect(row.message).toContain("Owner acme");
    expect(row.message).toContain("Workflow release.yml");
    expect(row.hint).toBe(
      "register it at https://pypi.org/manage/project/demo/settings/publishing/?provider=github",
    );
  });

  it("without a publishing workflow it warns once, pointing at init", () => {
    const row = trustedPublisherCheck(input({ job: null }));
    expect(row.status).toBe("warn");
    const reason = "no workflow under .github/workflows runs releasio release, do-release or publish";
    expect(row.message.split(reason)).toHaveLength(2);
    expect(row.hint).toContain("run 'releasio init' to generate .github/workflows/release.yml");
  });

  it("a job without id-token: write fails with the permissions to add", () => {
    const row = trustedPublisherCheck(input({ job: { ...JOB, idTokenWrite: false } }));
    expect(row.status).toBe("fail");
    expect(row.message).toContain(
      "job 'release' in .github/workflows/release.yml is not granted id-token: write",
    );
    expect(row.hint).toContain("id-token: write");
  });

  it("a claim that differs from the publisher is a warning naming both values", () => {
    const row = trustedPublisherCheck(
      input({
        inActions: true,
        idTokenAvailable: true,
        comparison: [{ claim: "environment", actual: "release", expected: "pypi", matches: false }],
      }),
    );
    expect(row.status).toBe("warn");
    expect(row.message).toContain("claim environment is release but the publisher expects pypi");
  });

  it("is skipped when publishing or trusted publishing is off", () => {
    expect(trustedPublisherCheck(input({ publishEnabled: false })).status).toBe("skip");
    expect(trustedPublisherCheck(input({ mode: false })).status).toBe("skip");
  });
});
