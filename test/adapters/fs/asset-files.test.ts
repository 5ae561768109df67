import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { matchAssets } from "../../../src/adapters/fs/asset-files.js";
import { compileAssetGlobs } from "../../../src/core/release/asset-globs.js";
import { cleanupRepos, tempTree } from "../../support/repo.js";

afterAll(cleanupRepos);

describe("matching release assets", () => {
  it("matches files with their sha256 and size, and reports globs that match nothing", async () => {
    const root = tempTree({ "dist/demo-1.1.0-py3-none-any.whl": "wheel", "dist/notes.txt": "n" });
    const { files: assets, unmatched } = await matchAssets(
      root,
      compileAssetGlobs(["dist/*.whl", "docs/*.pdf"], ".", "t"),
    );
    expect(assets.map((a) => [a.name, a.size])).toEqual([["demo-1.1.0-py3-none-any.whl", 5]]);
    expect(assets[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(unmatched).toEqual(["docs/*.pdf"]);
  });

  it("never treats the attestations saved next to the dists as assets", async () => {
    const root = tempTree({
      "dist/demo-1.1.0.tar.gz": "sdist",
      "dist/demo-1.1.0.tar.gz.publish.attestation": "{}",
    });
    const { files: assets } = await matchAssets(root, compileAssetGlobs(["dist/*"], ".", "t"));
    expect(assets.map((a) => a.name)).toEqual(["demo-1.1.0.tar.gz"]);
  });

  it("refuses a symlink that leaves the repository", async () => {
    const root = tempTree({ "dist/a.whl": "x" });
    symlinkSync("/etc/passwd", join(root, "dist", "passwd"));
    await expect(matchAssets(root, compileAssetGlobs(["dist/*"], ".", "t"))).rejects.toMatchObject({
      code: "E_CONFIG_INVALID",
    });
  });

  it("refuses the files of a symlinked directory that leaves the repository", async () => {
    const outside = tempTree({ "passwd.whl": "secret" });
    const root = tempTree({ "README.md": "x" });
    symlinkSync(outside, join(root, "dist"));
    await expect(matchAssets(root, compileAssetGlobs(["dist/*.whl"], ".", "t"))).rejects.toMatchObject({
      code: "E_CONFIG_INVALID",
      message:
        "release asset dist/passwd.whl is a symlink to a file outside the repository; it is not uploaded",
    });
  });
});
