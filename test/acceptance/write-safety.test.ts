/**
 * Writing files safely (PRODUCT.md §4.2, §5.2, §11.3): a failed write restores the originals and leaves nothing
 * behind, configured paths name files, and symlinks are written at their real file inside the repository or
 * refused.
 */
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { cleanupRepos, type TestRepo, tempDir } from "../support/repo.js";
import { refsSnapshot, treeSnapshot } from "./helpers-a.js";
import { env, errorCode, fixture, json } from "./helpers-b.js";

/** The file whose rename fails with EPERM, as it does for a file marked immutable (`chattr +i`). */
const immutable = vi.hoisted(() => ({ suffix: null as string | null }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    renameSync: (from: string, to: string) => {
      if (immutable.suffix !== null && to.endsWith(immutable.suffix)) {
        throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}' -> '${to}'`), {
          code: "EPERM",
        });
      }
      actual.renameSync(from, to);
    },
  };
});

afterEach(() => {
  immutable.suffix = null;
});
afterAll(cleanupRepos);

const updateX = (repo: TestRepo) => json(repo.dir, "update", ["update", "-x"], env());
const check = (repo: TestRepo) => json(repo.dir, "check", ["check"], env());
const errorOf = (r: { json: Record<string, unknown> }) =>
  r.json.error as { message: string; hint: string; details: Record<string, unknown> | null };

/** Everything a refused run must leave alone: files, refs, index and untracked files. */
const state = (repo: TestRepo) => ({ tree: treeSnapshot(repo), refs: refsSnapshot(repo) });

describe("a failed write", () => {
  it("restores the originals, leaves no temporary file and says which file could not be written", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": "# C\n" } });
    repo.commit("feat: add export");
    const before = state(repo);
    immutable.suffix = "CHANGELOG.md";
    const r = await updateX(repo);
    expect(r.code).toBe(1);
    expect(errorCode(r)).toBe("E_WRITE_FAILED");
    expect(errorOf(r).message).toBe(
      "cannot write CHANGELOG.md: operation not permitted (EPERM); the files already written were restored",
    );
    expect(errorOf(r).hint).toContain("make the file writable");
    expect(state(repo)).toEqual(before);

    // Nothing is left to make the next run fail on a dirty tree.
    immutable.suffix = null;
    const again = await updateX(repo);
    expect(again.code).toBe(0);
    expect(again.json.written).toEqual(["pyproject.toml", "CHANGELOG.md"]);
  });
});

describe("changelog.path naming a directory", () => {
  it.each([".", "newdir/", "docs/"])("'%s' is refused at configuration time", async (path) => {
    const repo = fixture({ config: `[changelog]\npath = "${path}"\n` });
    repo.commit("feat: add export");
    const before = state(repo);
    const parent = readdirSync(join(repo.dir, ".."));
    const r = await updateX(repo);
    expect(r.code).toBe(2);
    expect(errorCode(r)).toBe("E_CONFIG_INVALID");
    expect(errorOf(r).message).toBe(
      `.releasio.toml: 'changelog.path' must name a file, not a directory; got "${path}"`,
    );
    expect(state(repo)).toEqual(before);
    expect(readdirSync(join(repo.dir, ".."))).toEqual(parent);
  });

  it("an existing directory is refused by the plan and by update, which writes nothing", async () => {
    const repo = fixture({ config: '[changelog]\npath = "docs"\n', files: { "docs/i.md": "x\n" } });
    repo.commit("feat: add export");
    const before = state(repo);
    for (const r of [await check(repo), await updateX(repo)]) {
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_CONFIG_INVALID");
      expect(errorOf(r).message).toBe("docs is a directory, not a file");
    }
    expect(state(repo)).toEqual(before);
  });

  it("a version_files entry that is a directory is refused naming the entry", async () => {
    const repo = fixture({
      config: '[version]\nversion_files = ["VERSIONDIR"]\n',
      files: { "VERSIONDIR/x": "" },
    });
    repo.commit("feat: add export");
    const before = state(repo);
    const r = await updateX(repo);
    expect(r.code).toBe(2);
    expect(errorCode(r)).toBe("E_CONFIG_INVALID");
    expect(errorOf(r).message).toBe("'version.version_files[0]': VERSIONDIR is a directory, not a file");
    expect(errorOf(r).hint).toContain("at a file");
    expect(errorOf(r).details).toMatchObject({ file: "VERSIONDIR", key: "version.version_files[0]" });
    expect(state(repo)).toEqual(before);
  });
});

describe("symlinks", () => {
  const linked = (target: string) => {
    const repo = fixture({
      config: '[version]\nversion_files = ["ver.py"]\n',
      files: { "src/real.py": '__version__ = "1.0.0"\n', "CHANGELOG.md": "# C\n" },
    });
    symlinkSync(target, join(repo.dir, "ver.py"));
    repo.commit("feat: add export", { files: {} });
    return repo;
  };

  it("a link inside the repository is written at its real file and stays a link", async () => {
    const repo = linked("src/real.py");
    const r = await updateX(repo);
    expect(r.code).toBe(0);
    expect(repo.read("src/real.py")).toBe('__version__ = "1.1.0"\n');
    expect(repo.git("status", "--porcelain").split("\n").sort()).toEqual([
      "",
      " M CHANGELOG.md",
      " M pyproject.toml",
      " M src/real.py",
    ]);
  });

  it("a link whose real path leaves the repository is refused before anything is written", async () => {
    const outside = join(tempDir(), "secret.py");
    writeFileSync(outside, '__version__ = "1.0.0"\n');
    const repo = linked(outside);
    const before = state(repo);
    for (const r of [await check(repo), await updateX(repo)]) {
      expect(r.code).toBe(2);
      expect(errorCode(r)).toBe("E_CONFIG_INVALID");
      expect(errorOf(r).message).toMatch(
        /^'version\.version_files\[0\]': ver\.py resolves through a symlink to .*secret\.py, outside the repository/,
      );
    }
    expect(state(repo)).toEqual(before);
    expect(readFileSync(outside, "utf8")).toBe('__version__ = "1.0.0"\n');
  });
});
