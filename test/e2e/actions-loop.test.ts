/**
 * The whole release loop as GitHub Actions runs it (PRODUCT.md §9, scenarios 130–133, the seed
 * `trusted-publishing.md`): push → `command: release-pr` → the reviewer squash-merges → `command: release`
 * publishing through trusted publishing with attestations → a second `command: release` that has nothing to do.
 * Every step goes through `runAction` with the runner's variables, an event payload, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY, and the fakes behind a routed fetch. The seed's example workflows run as written.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PYPI_TEST_TOKEN } from "../acceptance/release-fixtures.js";
import { cleanupDists, type SampleDists, sampleDists } from "../support/dists.js";
import { cleanupRepos } from "../support/repo.js";
import {
  type ActionsWorld,
  actionStep,
  actionsWorld,
  publishingConfig,
  pullRequestEvent,
  pushEvent,
  squashMerge,
} from "./actions-world.js";

let dists: SampleDists;
beforeAll(() => {
  dists = sampleDists("demo", "1.1.0");
});
afterAll(() => {
  cleanupRepos();
  cleanupDists();
});
const worlds: ActionsWorld[] = [];
afterEach(async () => {
  for (const w of worlds.splice(0)) {
    expect(w.github.violations).toEqual([]);
    await w.close();
  }
});

async function world(options: Parameters<typeof actionsWorld>[0] = {}) {
  const w = await actionsWorld(options);
  worlds.push(w);
  return w;
}

/** A developer pushes a feature (with the project's `.releasio.toml`) to main. */
function pushFeature(w: ActionsWorld, config: string) {
  const before = w.repo.head();
  w.repo.commit("feat: add export", {
    files: { "src/demo/export.py": "x = 1\n", ".releasio.toml": config, ".gitignore": "dist/\n" },
    author: { name: "Ada Lovelace", email: "ada@example.org" },
  });
  w.repo.push();
  return pushEvent(w, before);
}

/** The seed's release job step: `command: release`, `dry-run: 'false'`, `github-token`. */
const RELEASE_STEP = {
  command: "release",
  "dry-run": "false",
  "github-token": "ghs_faketoken0000000000000000000000000001",
};

/** push → release-pr → merge; returns the push event of the merge. */
async function toMergedReleasePr(w: ActionsWorld, config: string) {
  const pushed = pushFeature(w, config);
  const pr = await actionStep(w, { command: "release-pr" }, pushed);
  expect(pr.code, pr.log).toBe(0);
  const before = w.repo.head();
  squashMerge(w, Number(pr.outputs["pr-number"]));
  return { pr, merged: pushEvent(w, before) };
}

describe("the release loop through the action (scenarios 130, 131)", () => {
  it("push → release-pr → merge → release with trusted publishing and attestations → nothing left to do", async () => {
    const w = await world();
    const { pr, merged } = await toMergedReleasePr(
      w,
      publishingConfig(w, dists, ["trusted_publishing = true"]),
    );

    // scenario 130
    expect(pr.outputs.version).toBe("1.1.0");
    expect(pr.outputs["pr-number"]).toMatch(/^\d+$/);
    expect(pr.outputs["pr-url"]).toBe(`https://github.com/acme/demo/pull/${pr.outputs["pr-number"]}`);
    expect(pr.outputs.released).toBe("false");
    const prResult = JSON.parse(pr.outputs.result!) as Record<string, unknown>;
    expect(prResult.schema).toBe(1);
    expect(prResult.ok).toBe(true);
    expect(pr.summary).toContain("release-pr");
    expect(pr.summary).toContain("EXECUTED");
    expect(w.github.state.pulls).toHaveLength(1);

    // scenario 131: the merge's push runs the release job
    const rel = await actionStep(w, RELEASE_STEP, merged);
    expect(rel.code, rel.log).toBe(0);
    expect(rel.outputs).toMatchObject({
      released: "true",
      tag: "v1.1.0",
      version: "1.1.0",
      "previous-version": "1.0.0",
      "release-url": "https://github.com/acme/demo/releases/tag/v1.1.0",
    });
    expect(rel.summary).toContain("EXECUTED");
    expect(rel.summary).toMatch(/publish-release/);
    // published to the fake index through trusted publishing, each file with an attestation
    expect(w.index.files.map((f) => f.filename).sort()).toEqual([dists.sdistName, dists.wheelName].sort());
    expect(w.index.files.every((f) => f.uploadedWith === "trusted-publishing")).toBe(true);
    expect(w.index.files.every((f) => (f.attestations ?? []).length === 1)).toBe(true);
    expect(w.tp.minted.length).toBeGreaterThanOrEqual(1);
    // the ID token carried the job's environment, as the publisher on PyPI requires
    const pypiTokens = w.issuer.issued.filter((t) => t.audience === "pypi");
    expect(pypiTokens.length).toBeGreaterThanOrEqual(1);
    expect((await w.issuer.verify(pypiTokens[0]!.jwt, "pypi")).environment).toBe("release");
    // verification before publication: the release is public and points at installable files
    expect(w.github.state.releases).toHaveLength(1);
    expect(w.github.state.releases[0]).toMatchObject({ tag_name: "v1.1.0", draft: false });

    // the job re-run on the same commit, then a later push with nothing pending: exit 0, released 'false', version ''
    const rerun = await actionStep(w, RELEASE_STEP, merged);
    const before = w.repo.head();
    w.repo.commit("docs: readme", { files: { "README.md": "demo\n" } });
    w.repo.push();
    const later = await actionStep(w, RELEASE_STEP, pushEvent(w, before));
    for (const again of [rerun, later]) {
      expect(again.code, again.log).toBe(0);
      expect(again.outputs.released).toBe("false");
      expect(again.outputs.version).toBe("");
      expect(again.outputs.tag).toBe("");
    }
    expect(w.github.state.releases).toHaveLength(1);
    expect(w.index.uploads.filter((u) => u.status === 200)).toHaveLength(2);
  }, 120_000);
});

describe("the seed's example workflows, as written", () => {
  it("main release workflow (environment release, id-token: write): publishes via trusted publishing", async () => {
    const w = await world({ environment: "release" });
    const { merged } = await toMergedReleasePr(w, publishingConfig(w, dists, ["trusted_publishing = true"]));
    const rel = await actionStep(w, RELEASE_STEP, merged);
    expect(rel.code, rel.log).toBe(0);
    expect(rel.outputs.released).toBe("true");
    expect(w.index.files.map((f) => f.uploadedWith)).toEqual(["trusted-publishing", "trusted-publishing"]);
  }, 120_000);

  it("the environment must match the publisher: a job without `environment: release` is refused before any tag", async () => {
    const w = await world({ environment: "release" });
    const { merged } = await toMergedReleasePr(w, publishingConfig(w, dists, ["trusted_publishing = true"]));
    w.issuer.claims.environment = undefined;
    delete w.issuer.claims.environment;
    const rel = await actionStep(w, RELEASE_STEP, merged);
    expect(rel.code).toBe(1);
    expect(rel.outputs.released).toBe("false");
    expect(rel.log).toMatch(/::error title=E_TP_EXCHANGE::/);
    expect(w.github.state.releases).toEqual([]);
    expect(w.index.files).toEqual([]);
  }, 120_000);

  it("token fallback (pypi-token input, trusted_publishing = false): uploads with the token", async () => {
    const w = await world({ indexTokens: [PYPI_TEST_TOKEN] });
    const { merged } = await toMergedReleasePr(w, publishingConfig(w, dists, ["trusted_publishing = false"]));
    // id-token: write is still granted (the OIDC variables are set): the configuration alone decides
    const rel = await actionStep(w, { ...RELEASE_STEP, "pypi-token": PYPI_TEST_TOKEN }, merged);
    expect(rel.code, rel.log).toBe(0);
    expect(rel.outputs.released).toBe("true");
    expect(w.index.files.map((f) => f.uploadedWith)).toEqual(["token", "token"]);
    expect(w.tp.minted).toEqual([]);
    expect(w.issuer.issued.filter((t) => t.audience === "pypi")).toEqual([]);
    expect(rel.log.split("\n")).toContain(`::add-mask::${PYPI_TEST_TOKEN}`);
  }, 120_000);

  it("token precedence: with trusted_publishing = true and a pypi-token, trusted publishing is preferred", async () => {
    const w = await world({ indexTokens: [PYPI_TEST_TOKEN] });
    const { merged } = await toMergedReleasePr(w, publishingConfig(w, dists, ["trusted_publishing = true"]));
    const rel = await actionStep(w, { ...RELEASE_STEP, "pypi-token": PYPI_TEST_TOKEN }, merged);
    expect(rel.code, rel.log).toBe(0);
    expect(w.index.files.map((f) => f.uploadedWith)).toEqual(["trusted-publishing", "trusted-publishing"]);
    expect(w.tp.minted.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe("check-pr and input handling in the action (scenarios 132, 133)", () => {
  it("scenario 132: an invalid PR title → valid 'false' and a failed step", async () => {
    const w = await world();
    const run = await actionStep(w, { command: "check-pr" }, pullRequestEvent(7, "Update stuff"));
    expect(run.code).not.toBe(0);
    expect(run.outputs.valid).toBe("false");
    expect(run.log).toMatch(/::error/);
    const ok = await actionStep(w, { command: "check-pr" }, pullRequestEvent(8, "feat(api): add export"));
    expect(ok.code, ok.log).toBe(0);
    expect(ok.outputs.valid).toBe("true");
  });

  it("scenario 133: bogus command, dry-run 'true' writes nothing, dry-run 'maybe', python-version notice", async () => {
    const w = await world();
    const pushed = pushFeature(w, "");
    const bogus = await actionStep(w, { command: "bogus" }, pushed);
    expect(bogus.code).toBe(2);
    expect(bogus.log).toMatch(/must be one of check, update, release-pr, release, do-release/);

    const preview = await actionStep(w, { command: "release-pr", "dry-run": "true" }, pushed);
    expect(preview.code, preview.log).toBe(0);
    expect(preview.outputs.version).toBe("1.1.0");
    expect(preview.summary).toContain("DRY RUN");
    expect(w.github.writeCalls().filter((c) => c.path !== "/graphql")).toEqual([]);
    expect(w.github.state.pulls).toEqual([]);

    const maybe = await actionStep(w, { command: "check", "dry-run": "maybe" }, pushed);
    expect(maybe.code).toBe(2);
    expect(maybe.log).toContain("input 'dry-run'");

    const retired = await actionStep(w, { command: "check", "python-version": "3.12" }, pushed);
    expect(retired.code).toBe(0);
    expect(retired.log).toMatch(/::notice::input 'python-version'/);
  });

  it("scenario 133: an empty pypi-token does not set PYPI_TOKEN (a hook sees it unset)", async () => {
    const w = await world();
    const pushed = pushFeature(
      w,
      // the hook tests "is PYPI_TOKEN set at all" (`${PYPI_TOKEN+set}` expands to nothing when it is unset)
      `[hooks]\npre_bump = ["sh -c 'test -z \\"$\{PYPI_TOKEN+set}\\" && touch no-token.txt'"]\n`,
    );
    const run = await actionStep(w, { command: "update", "pypi-token": "" }, pushed, { PYPI_TOKEN: "" });
    expect(run.code, run.log).toBe(0);
    expect(w.repo.exists("no-token.txt")).toBe(true);
  });
});
