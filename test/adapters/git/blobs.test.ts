import { afterAll, describe, expect, it } from "vitest";
import { blobIds, readBlobs } from "../../../src/adapters/git/blobs.js";
import { GitRunner } from "../../../src/adapters/git/run-git.js";
import { cleanupRepos, TestRepo } from "../../support/repo.js";

afterAll(cleanupRepos);

describe("files of many revisions through git cat-file", () => {
  const history = () => {
    const repo = TestRepo.create({ origin: false });
    const first = repo.commit("chore: one", { files: { "uv.lock": "a = 1\n", "docs/x.md": "x\n" } });
    // Larger than a pipe's buffer, with multi-byte characters across chunk boundaries.
    const big = `${"Müller ✨ naïve\n".repeat(40_000)}end\n`;
    const second = repo.commit("chore: two", { files: { "uv.lock": big, "sub dir/poetry.lock": "b = 2\n" } });
    return { repo, first, second, big, git: new GitRunner(repo.dir, process.env) };
  };

  it("names each file's blob in the order asked, null where the path is absent or not a file", async () => {
    const { repo, first, second, git } = history();
    const ids = await blobIds(git, [
      { rev: first, path: "uv.lock" },
      { rev: first, path: "sub dir/poetry.lock" },
      { rev: second, path: "sub dir/poetry.lock" },
      { rev: second, path: "docs" },
      { rev: second, path: "line\nbreak.lock" },
      { rev: second, path: "uv.lock" },
    ]);
    expect(ids).toEqual([
      repo.git("rev-parse", `${first}:uv.lock`).trim(),
      null,
      repo.git("rev-parse", `${second}:sub dir/poetry.lock`).trim(),
      null,
      null,
      repo.git("rev-parse", `${second}:uv.lock`).trim(),
    ]);
    expect(await blobIds(git, [])).toEqual([]);
  });

  it("streams each blob whole and exactly, one at a time, in the order asked", async () => {
    const { first, second, big, git } = history();
    const [small, large] = await blobIds(git, [
      { rev: first, path: "uv.lock" },
      { rev: second, path: "uv.lock" },
    ]);
    const read: [string, string][] = [];
    await readBlobs(git, [large!, small!, large!], (id, content) => read.push([id, content]));
    expect(read).toEqual([
      [large, big],
      [small, "a = 1\n"],
      [large, big],
    ]);
  });

  it("passes on what the consumer throws, once git is done", async () => {
    const { first, git } = history();
    const [id] = await blobIds(git, [{ rev: first, path: "uv.lock" }]);
    await expect(
      readBlobs(git, [id!], () => {
        throw new Error("not a lock file");
      }),
    ).rejects.toThrow("not a lock file");
  });
});
