import { describe, expect, it } from "vitest";
import {
  grantsIdToken,
  publishingJobs,
  scanWorkflows,
  selectPublishingJob,
  stepCommand,
} from "../../../src/core/doctor/workflow.js";

const SEED = `name: Release
on:
  push:
    branches: [main]
permissions:
  contents: write
  id-token: write
jobs:
  release:
    runs-on: ubuntu-latest
    environment: release
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: mikeleppane/releasio@v2
        with:
          command: release
          dry-run: 'false'
`;

describe("publishing job discovery", () => {
  it("finds the seed's workflow job with its environment and the workflow-level id-token grant", () => {
    const [job] = publishingJobs({ path: ".github/workflows/release.yml", text: SEED });
    expect(job).toMatchObject({
      workflow: "release.yml",
      job: "release",
      command: "release",
      environment: "release",
      idTokenWrite: true,
      permissionsFrom: "workflow",
      events: ["push"],
    });
  });

  it("job-level permissions replace the workflow's, so a job without id-token is not granted it", () => {
    const text = SEED.replace("    environment: release\n", "    permissions:\n      contents: write\n");
    const [job] = publishingJobs({ path: "w/release.yml", text });
    expect(job).toMatchObject({ idTokenWrite: false, permissionsFrom: "job", environment: null });
  });

  it("reads environment given as a mapping with a name", () => {
    const text = SEED.replace(
      "environment: release",
      "environment:\n      name: pypi\n      url: https://pypi.org",
    );
    expect(publishingJobs({ path: "a.yml", text })[0]?.environment).toBe("pypi");
  });

  it("recognises run lines calling releasio release, do-release and publish but not release-pr or check", () => {
    const step = (run: string) => stepCommand({ run });
    expect(step("npx releasio release --execute")).toBe("release");
    expect(step("uvx releasio do-release -x")).toBe("do-release");
    expect(step("set -e\nreleasio publish dist")).toBe("publish");
    expect(step("releasio release-pr -x")).toBeNull();
    expect(step("releasio check")).toBeNull();
    expect(stepCommand({ uses: "mikeleppane/releasio@v2", with: { command: "release-pr" } })).toBeNull();
    expect(stepCommand({ uses: "pypa/gh-action-pypi-publish@release/v1" })).toBeNull();
  });

  it("write-all grants the ID token, read-all and maps without it do not, absence is undecided", () => {
    expect(grantsIdToken("write-all")).toBe(true);
    expect(grantsIdToken("read-all")).toBe(false);
    expect(grantsIdToken({ contents: "write" })).toBe(false);
    expect(grantsIdToken({ "id-token": "write" })).toBe(true);
    expect(grantsIdToken(undefined)).toBeUndefined();
  });

  it("lists unreadable workflow files instead of failing, and prefers the running workflow", () => {
    const scan = scanWorkflows([
      { path: ".github/workflows/broken.yml", text: "jobs: [unclosed" },
      { path: ".github/workflows/manual.yml", text: SEED.replace("command: release", "command: publish") },
      { path: ".github/workflows/release.yml", text: SEED },
    ]);
    expect(scan.unreadable.map((u) => u.file)).toEqual([".github/workflows/broken.yml"]);
    expect(selectPublishingJob(scan.jobs, null)?.workflow).toBe("release.yml");
    expect(selectPublishingJob(scan.jobs, (j) => j.workflow === "manual.yml")?.workflow).toBe("manual.yml");
    expect(selectPublishingJob([], null)).toBeNull();
  });
});
