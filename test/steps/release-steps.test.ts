/**
 * The release engine's convergence (PRODUCT.md §8): a re-run after a failure at any step finishes the release
 * with nothing duplicated; every step observes before it applies. Real git with a bare origin, an in-memory forge.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ReleaseOptions, type ReleasePayload, release } from "../../src/commands/release.js";
import { ReleasioError } from "../../src/core/errors.js";
import { cleanEnv } from "../support/cli.js";
import { cleanupRepos, f0, PYPROJECT, type TestRepo, tempDir } from "../support/repo.js";
import { type MemoryForge, memoryForge } from "./memory-forge.js";

afterAll(cleanupRepos);

function mergedReleasePr(config = ""): TestRepo {
  const repo = f0();
  repo.commit("feat: add export");
  repo.commit("fix(security): escape html (CVE-2025-1234)");
  repo.commit("chore(release): prepare demo v1.1.0", {
    files: {
      "pyproject.toml": PYPROJECT("1.1.0"),
      "CHANGELOG.md": "# Changelog\n\n## [1.1.0] - 2026-11-25\n\n### ✨ Features\n\n- add export\n",
      ".releasio.toml": `[release]\nassets = ["dist/*"]\n${config}`,
    },
  });
  repo.push();
  mkdirSync(join(repo.dir, "dist"));
  writeFileSync(join(repo.dir, "dist", "a.txt"), "alpha\n");
  writeFileSync(join(repo.dir, "dist", "b.txt"), "beta\n");
  writeFileSync(join(repo.dir, ".git", "info", "exclude"), "dist/\n");
  return repo;
}

function options(repo: TestRepo, forge: MemoryForge, env: Record<string, string> = {}): ReleaseOptions {
  return {
    cwd: repo.dir,
    // Online: releasing needs the network (the forge here is in memory, the origin a local bare repository).
    env: cleanEnv({
      RELEASIO_GITHUB_OWNER: "acme",
      RELEASIO_GITHUB_REPO: "demo",
      RELEASIO_OFFLINE: undefined,
      ...env,
    }),
    forge,
    execute: true,
    skipPublish: true,
  };
}

function remoteTags(repo: TestRepo): string[] {
  return execFileSync("git", ["tag", "--list"], { cwd: repo.origin!, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
}

async function failing(p: Promise<ReleasePayload>): Promise<ReleasioError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("the release did not fail");
}

function journalOf(error: ReleasioError): ReleasePayload["steps"] {
  return (error.details?.steps ?? []) as ReleasePayload["steps"];
}

/** Exactly one tag, one published release with one copy of each asset. */
function expectConverged(repo: TestRepo, forge: MemoryForge): void {
  expect(remoteTags(repo)).toEqual(["v1.0.0", "v1.1.0"]);
  expect(forge.releases).toHaveLength(1);
  expect(forge.releases[0]!.draft).toBe(false);
  expect(forge.releases[0]!.assets.map((a) => a.name).sort()).toEqual(["a.txt", "b.txt"]);
  expect(forge.succeeded("uploadAsset")).toBe(2);
  expect(forge.succeeded("createDraftRelease")).toBe(1);
  expect(forge.succeeded("publishRelease")).toBe(1);
}

describe("a re-run after a failure converges with nothing duplicated", () => {
  const forgeFaults = [
    ["getRepository", "preflight"],
    ["findRelease", "preflight"],
    ["createDraftRelease", "create-draft-release"],
    ["uploadAsset", "upload-assets"],
    ["publishRelease", "publish-release"],
  ] as const;

  for (const [method, step] of forgeFaults) {
    it(`a failing ${method} fails ${step}; the re-run finishes`, async () => {
      const repo = mergedReleasePr();
      const forge = memoryForge();
      forge.failNext(method);
      const error = await failing(release(options(repo, forge)));
      const steps = journalOf(error);
      expect(steps.find((s) => s.status === "failed")?.id).toBe(step);
      expect(
        steps.slice(steps.findIndex((s) => s.status === "failed") + 1).every((s) => s.status === "not-run"),
      ).toBe(true);
      expect(error.hint).toContain(`re-run the same command at ${repo.head()} to finish`);

      const second = await release(options(repo, forge));
      expect(second.released).toBe(true);
      expectConverged(repo, forge);
    });
  }

  for (const method of ["createDraftRelease", "uploadAsset", "publishRelease"] as const) {
    it(`a crash right after ${method} took effect (chaos, scenario 94): the re-run observes it and duplicates nothing`, async () => {
      const repo = mergedReleasePr();
      const forge = memoryForge();
      forge.crashAfter(method);
      await failing(release(options(repo, forge)));
      const second = await release(options(repo, forge));
      expect(second.releases[0]!.status).toBe(method === "publishRelease" ? "already-released" : "resumed");
      expect(remoteTags(repo)).toEqual(["v1.0.0", "v1.1.0"]);
      expect(forge.releases).toHaveLength(1);
      expect(forge.releases[0]!.draft).toBe(false);
      expect(forge.releases[0]!.assets.map((a) => a.name).sort()).toEqual(["a.txt", "b.txt"]);
      expect(forge.log.filter((m) => m === "createDraftRelease")).toHaveLength(1);
      expect(forge.log.filter((m) => m === "uploadAsset")).toHaveLength(2);
      const third = await release(options(repo, forge));
      expect(third.releases[0]!.status).toBe("already-released");
      expect(third.released).toBe(false);
    });
  }

  it("a failing pre_release hook stops before the tag; the re-run releases", async () => {
    const repo = mergedReleasePr('[hooks]\npre_release = ["test \\"$BREAK\\" != 1"]\n');
    const forge = memoryForge();
    const error = await failing(release(options(repo, forge, { BREAK: "1" })));
    expect(error.code).toBe("E_HOOK_FAILED");
    expect(remoteTags(repo)).toEqual(["v1.0.0"]);
    expect(forge.writes()).toEqual([]);
    const second = await release(options(repo, forge));
    expect(second.releases[0]!.status).toBe("released");
    expectConverged(repo, forge);
  });

  it("a rejected tag push fails push-tag after the local tag; the re-run pushes it and goes on", async () => {
    const repo = mergedReleasePr();
    const forge = memoryForge();
    const marker = join(tempDir(), "reject");
    writeFileSync(marker, "");
    const hook = join(repo.origin!, "hooks", "pre-receive");
    writeFileSync(hook, `#!/bin/sh\nif [ -f '${marker}' ]; then echo "denied for now" >&2; exit 1; fi\n`);
    chmodSync(hook, 0o755);
    const error = await failing(release(options(repo, forge)));
    expect(journalOf(error).find((s) => s.status === "failed")?.id).toBe("push-tag");
    expect(repo.git("tag", "--list", "v1.1.0").trim()).toBe("v1.1.0");
    rmSync(marker);
    const second = await release(options(repo, forge));
    expect(second.releases[0]!.status).toBe("resumed");
    const steps = Object.fromEntries(
      second.steps.map((s) => [s.id, `${s.status}${s.reason ? `:${s.reason}` : ""}`]),
    );
    expect(steps["create-tag"]).toBe("skipped:already-done");
    expect(steps["push-tag"]).toBe("done");
    expectConverged(repo, forge);
  });

  it("a second upload failing leaves a draft with one asset; the re-run uploads only the missing one", async () => {
    const repo = mergedReleasePr();
    const forge = memoryForge();
    const realUpload = forge.uploadAsset.bind(forge);
    let uploads = 0;
    forge.uploadAsset = async (rel, file, tag) => {
      uploads++;
      if (uploads === 2) {
        forge.log.push("uploadAsset");
        throw new ReleasioError("E_NETWORK", "cannot reach uploads.github.com: socket hang up");
      }
      return realUpload(rel, file, tag);
    };
    await failing(release(options(repo, forge)));
    expect(forge.releases[0]!.draft).toBe(true);
    expect(forge.releases[0]!.assets.map((a) => a.name)).toEqual(["a.txt"]);
    const second = await release(options(repo, forge));
    expect(second.releases[0]!.assets).toEqual([
      expect.objectContaining({ name: "a.txt", status: "already-present" }),
      expect.objectContaining({ name: "b.txt", status: "uploaded" }),
    ]);
    expect(forge.releases[0]!.draft).toBe(false);
    expect(forge.releases[0]!.assets.map((a) => a.name)).toEqual(["a.txt", "b.txt"]);
  });

  it("a differing asset on a draft is replaced; a re-run after success writes nothing", async () => {
    const repo = mergedReleasePr("draft = true\n");
    const forge = memoryForge();
    await release(options(repo, forge));
    writeFileSync(join(repo.dir, "dist", "b.txt"), "beta, rebuilt\n");
    const second = await release(options(repo, forge));
    expect(second.releases[0]!.assets.find((a) => a.name === "b.txt")?.status).toBe("uploaded");
    expect(forge.log.filter((m) => m === "deleteAsset")).toHaveLength(1);
    const before = forge.writes().length;
    const third = await release(options(repo, forge));
    expect(third.releases[0]!.status).toBe("already-released");
    expect(forge.writes().length).toBe(before);
  });
});

describe("forges without draft releases", () => {
  it("uploads first and creates the release at publication with the asset links", async () => {
    const repo = mergedReleasePr();
    const forge = memoryForge({ drafts: false });
    const payload = await release(options(repo, forge));
    const steps = Object.fromEntries(payload.steps.map((s) => [s.id, s.status]));
    expect(steps["create-draft-release"]).toBe("skipped");
    expect(forge.releases).toHaveLength(1);
    expect(forge.releases[0]!.draft).toBe(false);
    expect(forge.releases[0]!.assets.map((a) => a.name)).toEqual(["a.txt", "b.txt"]);
  });
});

describe("security advisory (scenario 102)", () => {
  it("creates one draft advisory with the CVE id and the vulnerable range; a re-run does not duplicate it", async () => {
    const repo = mergedReleasePr();
    writeFileSync(join(repo.dir, ".git", "info", "exclude"), "dist/\n");
    const forge = memoryForge();
    const env = { RELEASIO_SECURITY_ENABLED: "true" };
    const payload = await release(options(repo, forge, env));
    expect(payload.steps.find((s) => s.id === "security-advisory")?.status).toBe("done");
    expect(forge.advisories).toEqual([
      expect.objectContaining({
        summary: "Security fixes in demo 1.1.0",
        severity: "medium",
        cveId: "CVE-2025-1234",
        vulnerableRange: "< 1.1.0",
        patchedVersions: "1.1.0",
      }),
    ]);
    expect(forge.advisories[0]!.description).toContain("escape html");
    await release(options(repo, forge, env));
    expect(forge.advisories).toHaveLength(1);
  });

  it("a refused advisory is W_ADVISORY_FAILED and the release still succeeds", async () => {
    const repo = mergedReleasePr();
    const forge = memoryForge();
    forge.failNext(
      "createAdvisory",
      new ReleasioError("E_FORGE_PERMISSION", "the token cannot create advisories on acme/demo (403)"),
    );
    const payload = await release(options(repo, forge, { RELEASIO_SECURITY_ENABLED: "true" }));
    expect(payload.released).toBe(true);
    expect(payload.warnings.map((w) => w.code)).toContain("W_ADVISORY_FAILED");
  });
});

describe("hooks", () => {
  it("a failing post_release hook is W_HOOK_FAILED, exit 0; post_release does not run on an already complete release", async () => {
    const dir = tempDir();
    const repo = mergedReleasePr(`[hooks]\npost_release = ["echo ran >> '${dir}/log'", "exit 4"]\n`);
    const forge = memoryForge();
    const first = await release(options(repo, forge));
    expect(first.warnings.map((w) => w.code)).toContain("W_HOOK_FAILED");
    await release(options(repo, forge));
    expect(execFileSync("cat", [join(dir, "log")], { encoding: "utf8" })).toBe("ran\n");
  });
});

describe("dry run", () => {
  it("plans from the same observations, writes nothing and runs no hook", async () => {
    const dir = tempDir();
    const repo = mergedReleasePr(`[hooks]\npre_release = ["touch '${dir}/pre'"]\n`);
    const forge = memoryForge();
    const payload = await release({ ...options(repo, forge), execute: false });
    expect(payload.releases[0]!.status).toBe("planned");
    expect(payload.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      "preflight:done",
      "pre-release-hook:planned",
      "build:skipped",
      "validate-dists:skipped",
      "check-index:skipped",
      "create-tag:planned",
      "push-tag:planned",
      "create-draft-release:planned",
      "upload-assets:planned",
      "verify-index:skipped",
      "publish-release:planned",
      "security-advisory:skipped",
      "post-release-hook:skipped",
    ]);
    expect(forge.writes()).toEqual([]);
    expect(remoteTags(repo)).toEqual(["v1.0.0"]);
    expect(execFileSync("ls", [dir], { encoding: "utf8" })).toBe("");
  });
});

describe("release configuration keys", () => {
  it("release.enabled = false tags and pushes without any forge release", async () => {
    const repo = mergedReleasePr("enabled = false\n");
    const forge = memoryForge();
    const payload = await release(options(repo, forge));
    expect(payload.released).toBe(true);
    expect(remoteTags(repo)).toEqual(["v1.0.0", "v1.1.0"]);
    expect(forge.releases).toEqual([]);
    expect(payload.steps.find((s) => s.id === "create-draft-release")).toMatchObject({
      status: "skipped",
      reason: "disabled",
    });
  });

  it("name_format, include_* and git.tag_message shape the release and the tag", async () => {
    const repo = mergedReleasePr(
      'name_format = "{project} {version} (after {previous_version})"\ninclude_contributors = false\ninclude_assets = false\n[git]\ntag_message = "{project} release {version}"\n',
    );
    const forge = memoryForge();
    await release(options(repo, forge));
    const rel = forge.releases[0]!;
    expect(rel.name).toBe("demo 1.1.0 (after 1.0.0)");
    expect(rel.body).not.toContain("### Contributors");
    expect(rel.body).not.toContain("### Assets");
    expect(rel.body).toContain("### ✨ Features\n\n- add export");
    expect(repo.git("tag", "-l", "--format=%(contents:subject)", "v1.1.0").trim()).toBe("demo release 1.1.0");
  });
});
