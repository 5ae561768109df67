import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AssetFile, Forge, ForgeRelease, ReleaseAsset } from "../../../../src/adapters/forge/port.js";
import { isReleasioError } from "../../../../src/core/errors.js";
import { type FakeGitLab, startFakeGitLab } from "../../../support/fake-gitlab.js";
import { forgeOn } from "./setup.js";

const PROJECT = "group/sub/demo";
const ENCODED = "/projects/group%2Fsub%2Fdemo";
const TAG = "v1.1.0";
const COMMIT = "c".repeat(40);

let fake: FakeGitLab;
let dir: string;
beforeEach(async () => {
  fake = await startFakeGitLab({ host: "gitlab.example", projects: [{ path: PROJECT }] });
  dir = mkdtempSync(join(tmpdir(), "releasio-gitlab-"));
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function dist(name: string, content: string): AssetFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return {
    name,
    path,
    size: Buffer.byteLength(content),
    sha256: createHash("sha256").update(content).digest("hex"),
    contentType: "application/octet-stream",
  };
}

const releaseInput = (assets: ReleaseAsset[]) => ({
  tag: TAG,
  name: "demo v1.1.0",
  body: "### Features\n\n- add export",
  prerelease: false,
  commit: COMMIT,
  makeLatest: true,
  assets,
});

/** What the release steps do on a forge without drafts (§8): observe, upload what is missing, publish. */
async function releaseSteps(forge: Forge, files: AssetFile[]): Promise<ForgeRelease> {
  const existing = await forge.findRelease(TAG);
  const stored = await forge.listAssets(existing, TAG);
  const assets: ReleaseAsset[] = [];
  for (const file of files) {
    const same = stored.find((a) => a.name === file.name && a.sha256 === file.sha256);
    assets.push(same ?? (await forge.uploadAsset(existing, file, TAG)));
  }
  return existing ?? (await forge.publishRelease(null, releaseInput(assets)));
}

describe("GitLab forge: releases and the generic package registry", () => {
  it("uploads assets to the generic package registry, then creates the release with links at publication", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const sdist = dist("demo-1.1.0.tar.gz", "sdist bytes");
    const wheel = dist("demo-1.1.0-py3-none-any.whl", "wheel bytes");
    const release = await releaseSteps(forge, [sdist, wheel]);

    const lines = fake.calls.map((c) => `${c.method} ${c.path}`);
    expect(lines).toEqual([
      `GET ${ENCODED}/releases/v1.1.0`,
      `GET ${ENCODED}/packages`,
      `PUT ${ENCODED}/packages/generic/demo/v1.1.0/demo-1.1.0.tar.gz`,
      `PUT ${ENCODED}/packages/generic/demo/v1.1.0/demo-1.1.0-py3-none-any.whl`,
      `POST ${ENCODED}/releases`,
    ]);
    expect(fake.state.packageFiles.map((f) => [f.file_name, f.file_sha256])).toEqual([
      [sdist.name, sdist.sha256],
      [wheel.name, wheel.sha256],
    ]);
    const base = "https://gitlab.example/api/v4/projects/group%2Fsub%2Fdemo/packages/generic/demo/v1.1.0";
    expect(fake.calls.at(-1)!.body).toEqual({
      tag_name: TAG,
      name: "demo v1.1.0",
      description: "### Features\n\n- add export",
      ref: COMMIT,
      assets: {
        links: [
          {
            name: sdist.name,
            url: `${base}/demo-1.1.0.tar.gz`,
            link_type: "package",
            direct_asset_path: `/${sdist.name}`,
          },
          {
            name: wheel.name,
            url: `${base}/demo-1.1.0-py3-none-any.whl`,
            link_type: "package",
            direct_asset_path: `/${wheel.name}`,
          },
        ],
      },
    });
    expect(release).toMatchObject({
      id: TAG,
      tag: TAG,
      name: "demo v1.1.0",
      draft: false,
      url: "https://gitlab.example/group/sub/demo/-/releases/v1.1.0",
    });
    expect(release.assets.map((a) => [a.name, a.size, a.sha256])).toEqual([
      [sdist.name, sdist.size, sdist.sha256],
      [wheel.name, wheel.size, wheel.sha256],
    ]);
    expect(fake.state.releases).toHaveLength(1);
  });

  it("a re-run after success finds the release and its uploads and duplicates nothing", async () => {
    const files = [dist("demo-1.1.0.tar.gz", "sdist"), dist("demo-1.1.0-py3-none-any.whl", "wheel")];
    await releaseSteps(forgeOn(fake, PROJECT).forge, files);
    const before = fake.calls.length;
    const { forge } = forgeOn(fake, PROJECT);
    const again = await releaseSteps(forge, files);
    const methods = fake.calls.slice(before).map((c) => c.method);
    expect(methods.every((m) => m === "GET")).toBe(true);
    expect(fake.state.releases).toHaveLength(1);
    expect(fake.state.packageFiles).toHaveLength(2);
    expect(fake.state.releases[0]!.links).toHaveLength(2);
    expect(again.assets.map((a) => [a.name, a.sha256])).toEqual([
      [files[0]!.name, files[0]!.sha256],
      [files[1]!.name, files[1]!.sha256],
    ]);
  });

  it("a re-run after a failure between uploads and publication uploads only what is missing", async () => {
    const files = [dist("demo-1.1.0.tar.gz", "sdist"), dist("demo-1.1.0-py3-none-any.whl", "wheel")];
    const first = forgeOn(fake, PROJECT).forge;
    await first.listAssets(null, TAG);
    await first.uploadAsset(null, files[0]!, TAG);
    const { forge } = forgeOn(fake, PROJECT);
    await releaseSteps(forge, files);
    expect(fake.state.packageFiles.map((f) => f.file_name)).toEqual(files.map((f) => f.name));
    expect(fake.state.releases[0]!.links.map((l) => l.name)).toEqual(files.map((f) => f.name));
  });

  it("publishing a release that an interrupted run already created returns it and links what is missing", async () => {
    const file = dist("demo-1.1.0.tar.gz", "sdist");
    const { forge } = forgeOn(fake, PROJECT);
    await forge.listAssets(null, TAG);
    const asset = await forge.uploadAsset(null, file, TAG);
    fake.state.releases.push({
      project: PROJECT,
      tag_name: TAG,
      name: "demo v1.1.0",
      description: "",
      ref: COMMIT,
      links: [],
    });
    const release = await forge.publishRelease(null, releaseInput([asset]));
    expect(release.tag).toBe(TAG);
    expect(fake.state.releases).toHaveLength(1);
    expect(fake.state.releases[0]!.links.map((l) => l.name)).toEqual([file.name]);
    expect(fake.calls.at(-1)!.path).toBe(`${ENCODED}/releases/v1.1.0/assets/links`);
  });

  it("an upload to an existing release also links it", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.publishRelease(null, releaseInput([]));
    const release = (await forge.findRelease(TAG))!;
    expect(release.assets).toEqual([]);
    await forge.uploadAsset(release, dist("demo-1.1.0.tar.gz", "sdist"), TAG);
    const found = (await forge.findRelease(TAG))!;
    expect(found.assets.map((a) => [a.name, a.size])).toEqual([["demo-1.1.0.tar.gz", 5]]);
  });

  it("lists the newest upload per file name and deletes a package file", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.listAssets(null, TAG);
    await forge.uploadAsset(null, dist("a.txt", "old"), TAG);
    const newer = await forge.uploadAsset(null, dist("a.txt", "newer"), TAG);
    const listed = await forge.listAssets(null, TAG);
    expect(listed).toEqual([newer]);
    await forge.deleteAsset(null, newer);
    expect((await forge.listAssets(null, TAG)).map((a) => a.size)).toEqual([3]);
  });

  it("keeps the assets of different tags in different package versions", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await forge.uploadAsset(null, dist("a.txt", "a"), "pkg-a/v1.0.0");
    expect(fake.calls.at(-1)!.path).toBe(`${ENCODED}/packages/generic/demo/pkg-a-v1.0.0/a.txt`);
    expect(await forge.listAssets(null, "v9.9.9")).toEqual([]);
  });

  it("refuses an upload without a tag to store it under", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    const error = await forge.uploadAsset(null, dist("a.txt", "a"), "").catch((e: unknown) => e);
    expect(isReleasioError(error) && error.code).toBe("E_FORGE_API");
    expect(fake.calls).toEqual([]);
  });

  it("has no draft releases and no advisories", async () => {
    const { forge } = forgeOn(fake, PROJECT);
    await expect(forge.createDraftRelease(releaseInput([]))).rejects.toMatchObject({ code: "E_FORGE_API" });
    expect(await forge.listAdvisorySummaries()).toEqual([]);
    await expect(
      forge.createAdvisory({
        summary: "s",
        description: "d",
        severity: "low",
        cveId: null,
        packageName: "demo",
        vulnerableRange: "< 1.1.0",
        patchedVersions: "1.1.0",
      }),
    ).rejects.toMatchObject({ code: "E_FORGE_API" });
    expect(fake.calls).toEqual([]);
  });

  it("works with CI_JOB_TOKEN for uploads and releases", async () => {
    const { forge } = forgeOn(fake, PROJECT, { header: "JOB-TOKEN", value: "job-token" });
    await releaseSteps(forge, [dist("demo-1.1.0.tar.gz", "sdist")]);
    expect(fake.calls.every((c) => c.token === "JOB-TOKEN")).toBe(true);
    expect(fake.state.releases[0]!.links).toHaveLength(1);
  });
});
