import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { publishingJobs, selectPublishingJob } from "../../../src/core/doctor/workflow.js";
import { detectBuildTool, detectDefaultBranch, detectTagPrefix } from "../../../src/core/init/detect.js";
import { configValues, type Detected, defaultSettings } from "../../../src/core/init/settings.js";
import { type Prompter, runWizard } from "../../../src/core/init/wizard.js";
import {
  gitlabCi,
  prTitleWorkflow,
  releaseWorkflow,
  snapshotWorkflow,
  TESTPYPI_UPLOAD_URL,
  verifyWorkflow,
} from "../../../src/core/init/workflows.js";

const DETECTED: Detected = {
  defaultBranch: "main",
  tagPrefix: "v",
  buildTool: "auto",
  forge: "github",
  repository: "acme/demo",
  project: "demo",
  workspaceMembers: [],
  versionFiles: [],
};

type Job = {
  permissions?: Record<string, string>;
  environment?: string;
  steps: Array<Record<string, unknown>>;
  needs?: unknown;
  if?: string;
};

describe("generated release workflow (§9.4)", () => {
  const settings = defaultSettings(DETECTED, {});
  const text = releaseWorkflow({ settings, repository: "acme/demo", project: "demo" });
  const doc = parse(text) as { on: unknown; concurrency: unknown; jobs: Record<string, Job> };

  it("has plan, release and release-pr jobs with their permissions and full-history checkouts", () => {
    expect(Object.keys(doc.jobs)).toEqual(["plan", "release", "release-pr"]);
    expect(doc.jobs.plan!.permissions).toEqual({ contents: "read" });
    expect(doc.jobs.release!.permissions).toEqual({ contents: "write", "id-token": "write" });
    expect(doc.jobs["release-pr"]!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    for (const job of Object.values(doc.jobs)) {
      expect(job.steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    }
    expect(doc.on).toEqual({ push: { branches: ["main"] } });
    expect(doc.concurrency).toEqual({ group: `releasio-\${{ github.ref }}`, "cancel-in-progress": false });
    expect(doc.jobs.release!.environment).toBe("pypi");
    expect(doc.jobs.release!.if).toContain("pending");
    expect(doc.jobs["release-pr"]!.needs).toEqual(["plan", "release"]);
    verifyWorkflow(".github/workflows/release.yml", text, ["plan", "release", "release-pr"]);
  });

  it("names the trusted-publisher fields in comments, and doctor finds the publishing job in it", () => {
    expect(text).toContain("#   Owner:       acme");
    expect(text).toContain("#   Repository:  demo");
    expect(text).toContain("#   Workflow:    release.yml");
    expect(text).toContain("#   Environment: pypi");
    const [job] = publishingJobs({ path: ".github/workflows/release.yml", text });
    expect(job).toMatchObject({
      job: "release",
      command: "release",
      environment: "pypi",
      idTokenWrite: true,
    });
  });

  it("token publishing drops id-token and the environment and passes the PYPI_TOKEN secret", () => {
    const t = releaseWorkflow({
      settings: defaultSettings(DETECTED, { trustedPublishing: false }),
      repository: "acme/demo",
      project: "demo",
    });
    const jobs = (parse(t) as { jobs: Record<string, Job> }).jobs;
    expect(jobs.release!.permissions).toEqual({ contents: "write" });
    expect(jobs.release!.environment).toBeUndefined();
    expect(JSON.stringify(jobs.release!.steps)).toContain("secrets.PYPI_TOKEN");
  });

  it("pr-title and GitLab files parse and carry their jobs", () => {
    const ctx = { settings, repository: "acme/demo", project: "demo" };
    const pr = parse(prTitleWorkflow(ctx)) as { on: unknown; permissions: unknown };
    expect(pr.on).toEqual({ pull_request: { types: ["opened", "edited", "synchronize", "reopened"] } });
    expect(pr.permissions).toEqual({ contents: "read" });
    const gl = parse(gitlabCi(ctx)) as Record<string, { id_tokens?: unknown }>;
    expect(gl["releasio-release"]!.id_tokens).toEqual({ PYPI_ID_TOKEN: { aud: "pypi" } });
    expect(() => verifyWorkflow("x.yml", "jobs: [", ["a"])).toThrow(/E_EDIT_VERIFY|re-parse/);
  });
});

describe("TestPyPI snapshots of a branch (the seed's TestPyPI workflow, §6.19)", () => {
  const settings = defaultSettings(DETECTED, { snapshotBranch: "develop" });
  const ctx = { settings, repository: "acme/demo", project: "demo" };
  const text = snapshotWorkflow(ctx);
  type Doc = { on: unknown; permissions: unknown; jobs: Record<string, Job & { env?: unknown }> };
  const doc = parse(text) as Doc;

  it("configures a publish_only dev channel for the branch", () => {
    expect(configValues(settings)["branches"]).toEqual({
      develop: { match: "develop", prerelease: true, prerelease_token: "dev", publish_only: true },
    });
    expect(configValues(defaultSettings(DETECTED, {}))["branches"]).toBeUndefined();
    // Without publishing there is nothing to snapshot (init refuses the combination with E_USAGE).
    const off = defaultSettings(DETECTED, { snapshotBranch: "develop", publish: false });
    expect(configValues(off)["branches"]).toBeUndefined();
  });

  it("runs release on every push to the branch against TestPyPI, with contents: read and id-token: write", () => {
    expect(doc.on).toEqual({ push: { branches: ["develop"] } });
    expect(doc.permissions).toEqual({});
    const job = doc.jobs.snapshot!;
    expect(job.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(job.environment).toBe("testpypi");
    expect(job.steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    expect(job.steps[1]).toEqual({
      uses: "mikeleppane/releasio@v2",
      with: { command: "release" },
      env: { RELEASIO_PUBLISH_REGISTRY: TESTPYPI_UPLOAD_URL },
    });
    expect(text).toContain("register this publisher on test.pypi.org");
    expect(text).toContain("#   Workflow:    testpypi.yml");
    expect(text).toContain("#   Environment: testpypi");
    verifyWorkflow(".github/workflows/testpypi.yml", text, ["snapshot"]);
  });

  it("with token publishing passes the TEST_PYPI_TOKEN secret and asks for no ID token", () => {
    const t = snapshotWorkflow({
      ...ctx,
      settings: defaultSettings(DETECTED, { snapshotBranch: "develop", trustedPublishing: false }),
    });
    const job = (parse(t) as Doc).jobs.snapshot!;
    expect(job.permissions).toEqual({ contents: "read" });
    expect(job.environment).toBeUndefined();
    expect(job.steps[1]!["with"]).toEqual({
      command: "release",
      "pypi-token": `\${{ secrets.TEST_PYPI_TOKEN }}`,
    });
  });

  it("doctor picks the job of the index it diagnoses", () => {
    const jobs = [
      ...publishingJobs({ path: ".github/workflows/release.yml", text: releaseWorkflow(ctx) }),
      ...publishingJobs({ path: ".github/workflows/testpypi.yml", text }),
    ];
    expect(jobs.map((j) => [j.workflow, j.registry])).toEqual([
      ["release.yml", null],
      ["testpypi.yml", TESTPYPI_UPLOAD_URL],
    ]);
    const testPypi = (value: string) => value === TESTPYPI_UPLOAD_URL;
    expect(selectPublishingJob(jobs, null, testPypi)?.workflow).toBe("testpypi.yml");
    expect(selectPublishingJob(jobs, null, () => false)?.workflow).toBe("release.yml");
    expect(selectPublishingJob([...jobs].reverse(), null, () => false)?.workflow).toBe("release.yml");
    expect(selectPublishingJob(jobs, (j) => j.workflow === "release.yml", testPypi)?.workflow).toBe(
      "release.yml",
    );
  });
});

describe("detection", () => {
  it("default branch from the remote HEAD, else main, else master", () => {
    expect(
      detectDefaultBranch({
        remoteHead: "refs/remotes/origin/trunk",
        remote: "origin",
        localBranches: ["main"],
        current: "x",
      }),
    ).toBe("trunk");
    expect(
      detectDefaultBranch({
        remoteHead: null,
        remote: "origin",
        localBranches: ["master", "dev"],
        current: "dev",
      }),
    ).toBe("master");
    expect(
      detectDefaultBranch({ remoteHead: null, remote: "origin", localBranches: [], current: null }),
    ).toBe("main");
  });
  it("tag prefix from the release-looking tags, v by default", () => {
    expect(detectTagPrefix(["1.0.0", "1.1.0", "v0.9"])).toBe("");
    expect(detectTagPrefix(["v1.0.0", "docs-2020"])).toBe("v");
    expect(detectTagPrefix([])).toBe("v");
  });
  it("build tool from lock files", () => {
    expect(detectBuildTool((f) => f === "poetry.lock")).toBe("poetry");
    expect(detectBuildTool(() => false)).toBe("auto");
  });
});

describe("wizard (126)", () => {
  const enter: Prompter = {
    text: async (q) => q.initial,
    confirm: async (q) => q.initial,
    select: async (q) => q.initial,
  };
  it("pressing Enter at every prompt gives exactly the --yes settings", async () => {
    for (const flags of [
      {},
      { branch: "develop" },
      { trustedPublishing: false },
      { publish: false },
      { prTitleWorkflow: true },
      { snapshotBranch: "develop" },
    ]) {
      const yes = defaultSettings({ ...DETECTED, buildTool: "uv" }, flags);
      expect(await runWizard(yes, enter)).toEqual(yes);
    }
  });
  it("answers change the settings", async () => {
    const answers: Prompter = {
      ...enter,
      text: async (q) => (q.message.startsWith("Default") ? "trunk" : q.initial),
    };
    const s = await runWizard(defaultSettings(DETECTED, {}), answers);
    expect(s.defaultBranch).toBe("trunk");
    const snapshots = await runWizard(defaultSettings(DETECTED, {}), {
      ...enter,
      text: async (q) => (q.message.includes("snapshots") ? " develop " : q.initial),
    });
    expect(snapshots.snapshotBranch).toBe("develop");
  });
});
