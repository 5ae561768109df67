import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { publishingJobs } from "../../../src/core/doctor/workflow.js";
import { detectBuildTool, detectDefaultBranch, detectTagPrefix } from "../../../src/core/init/detect.js";
import { type Detected, defaultSettings } from "../../../src/core/init/settings.js";
import { type Prompter, runWizard } from "../../../src/core/init/wizard.js";
import {
  gitlabCi,
  prTitleWorkflow,
  releaseWorkflow,
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
  });
});
