import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { writeFilesAtomically } from "../../../src/adapters/fs/write-files.js";
import { caught } from "../../support/caught.js";
import { cleanupRepos, tempTree } from "../../support/repo.js";

/** Fault injection: the errno a file-system call fails with for the file it writes, or null when it succeeds. */
type Fault = (call: "renameSync" | "writeFileSync", file: string) => string | null;
const fault = vi.hoisted(() => ({ fails: null as Fault | null }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const raise = (call: string, file: string, errno: string) => {
    throw Object.assign(new Error(`${errno}: ${call} '${file}'`), { code: errno });
  };
  return {
    ...actual,
    renameSync: (from: string, to: string) => {
      const errno = fault.fails?.("renameSync", to) ?? null;
      if (errno !== null) raise("renameSync", to, errno);
      actual.renameSync(from, to);
    },
    writeFileSync: (file: string, ...rest: [string, BufferEncoding]) => {
      const errno = fault.fails?.("writeFileSync", file) ?? null;
      if (errno === null) return actual.writeFileSync(file, ...rest);
      // A full disk leaves a partial file behind.
      actual.writeFileSync(file, "partial");
      raise("writeFileSync", file, errno);
    },
  };
});

/** Fails `call` with `errno` for the file whose name ends with `suffix`. */
const failOn =
  (call: string, suffix: string, errno: string): Fault =>
  (c, file) =>
    c === call && file.endsWith(suffix) ? errno : null;

afterEach(() => {
  fault.fails = null;
});
afterAll(cleanupRepos);

/** Every file and directory under `root` with its content ("<dir>" for directories, "-> x" for links). */
function listing(root: string, dir = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isSymbolicLink()) out[rel] = "-> link";
    else if (e.isDirectory()) Object.assign(out, { [rel]: "<dir>" }, listing(root, rel));
    else out[rel] = readFileSync(join(root, rel), "utf8");
  }
  return out;
}

const BUMP = { path: "pyproject.toml", content: "version = 2\n", original: "version = 1\n" };

describe("writing files atomically", () => {
  it("writes every file and returns the paths written", () => {
    const root = tempTree({ "pyproject.toml": "version = 1\n" });
    const written = writeFilesAtomically(root, [
      BUMP,
      { path: "docs/CHANGELOG.md", content: "# C\n", original: null },
    ]);
    expect(written).toEqual(["pyproject.toml", "docs/CHANGELOG.md"]);
    expect(listing(root)).toEqual({
      "pyproject.toml": "version = 2\n",
      docs: "<dir>",
      "docs/CHANGELOG.md": "# C\n",
    });
  });

  it("keeps the mode of the file it replaces", () => {
    const root = tempTree({ "setup.py": "v = 1\n" });
    chmodSync(join(root, "setup.py"), 0o755);
    writeFilesAtomically(root, [{ path: "setup.py", content: "v = 2\n", original: "v = 1\n" }]);
    expect(statSync(join(root, "setup.py")).mode & 0o777).toBe(0o755);
  });

  it.each([
    ["renameSync", "EPERM", "operation not permitted", "chattr -i"],
    ["renameSync", "EACCES", "permission denied", "writable"],
    ["writeFileSync", "ENOSPC", "no space left on the device", "free some disk space"],
  ])(
    "a failing %s (%s) restores the originals, leaves no temporary file and names the file",
    (call, errno, reason, hint) => {
      const root = tempTree({ "pyproject.toml": "version = 1\n", "CHANGELOG.md": "# C\n" });
      const before = listing(root);
      const file = call === "renameSync" ? "CHANGELOG.md" : `CHANGELOG.md.releasio-${process.pid}.tmp`;
      fault.fails = failOn(call, file, errno);
      const error = caught(() =>
        writeFilesAtomically(root, [
          BUMP,
          { path: "src/new.py", content: "x\n", original: null },
          { path: "CHANGELOG.md", content: "# C\n## 2\n", original: "# C\n" },
        ]),
      );
      expect(error.code).toBe("E_WRITE_FAILED");
      expect(error.exitCode).toBe(1);
      expect(error.message).toBe(
        `cannot write CHANGELOG.md: ${reason} (${errno}); the files already written were restored`,
      );
      expect(error.hint).toContain(hint);
      // The new file's directory stays (empty, so git does not see it); every file is as it was.
      expect(listing(root)).toEqual({ ...before, src: "<dir>" });
    },
  );

  it("names the files it could not restore", () => {
    const root = tempTree({ "pyproject.toml": "version = 1\n" });
    let failed = false;
    // The changelog's rename fails, then so does every later one: the restore of pyproject.toml too.
    fault.fails = (call, file) => {
      failed ||= call === "renameSync" && file.endsWith("CHANGELOG.md");
      return failed ? "EROFS" : null;
    };
    const error = caught(() =>
      writeFilesAtomically(root, [BUMP, { path: "CHANGELOG.md", content: "# C\n", original: null }]),
    );
    expect(error.message).toBe(
      "cannot write CHANGELOG.md: the file system is read-only (EROFS); could not restore pyproject.toml (check them with git status)",
    );
    expect(readdirSync(root)).toEqual(["pyproject.toml"]);
  });
});

describe("targets that are not files", () => {
  it.each([
    ["docs", "is a directory, not a file"],
    [".", "is a directory, not a file"],
    ["newdir/", "is a directory, not a file"],
    ["pyproject.toml/CHANGELOG.md", "cannot be created: a directory on its path is a file"],
  ])("%s is refused before anything is written", (path, problem) => {
    const root = tempTree({ "pyproject.toml": "version = 1\n", "docs/i.md": "x\n" });
    const before = listing(root);
    const error = caught(() =>
      writeFilesAtomically(root, [BUMP, { path, content: "# C\n", original: null }]),
    );
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${path} ${problem}`);
    expect(error.hint).not.toBeNull();
    expect(listing(root)).toEqual(before);
  });
});

describe("symlinks", () => {
  it("writes the real file of a link inside the repository; the link stays a link", () => {
    const root = tempTree({ "src/real.py": '__version__ = "1.0.0"\n' });
    symlinkSync("src/real.py", join(root, "ver.py"));
    const written = writeFilesAtomically(root, [
      { path: "ver.py", content: '__version__ = "1.1.0"\n', original: '__version__ = "1.0.0"\n' },
    ]);
    expect(written).toEqual(["src/real.py"]);
    expect(lstatSync(join(root, "ver.py")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, "src/real.py"), "utf8")).toBe('__version__ = "1.1.0"\n');
  });

  it("restores the real file when a later write fails", () => {
    const root = tempTree({ "src/real.py": "v = 1\n", "CHANGELOG.md": "# C\n" });
    symlinkSync("src/real.py", join(root, "ver.py"));
    fault.fails = failOn("renameSync", "CHANGELOG.md", "EPERM");
    caught(() =>
      writeFilesAtomically(root, [
        { path: "ver.py", content: "v = 2\n", original: "v = 1\n" },
        { path: "CHANGELOG.md", content: "# D\n", original: "# C\n" },
      ]),
    );
    expect(readFileSync(join(root, "src/real.py"), "utf8")).toBe("v = 1\n");
    expect(lstatSync(join(root, "ver.py")).isSymbolicLink()).toBe(true);
  });

  it.each([
    ["a file", (outside: string) => join(outside, "secret.py"), "ver.py"],
    ["a directory", (outside: string) => outside, "linked/secret.py"],
  ])("a link to %s outside the repository is refused before anything is written", (_kind, target, path) => {
    const outside = tempTree({ "secret.py": "v = 1\n" });
    const root = tempTree({ "pyproject.toml": "version = 1\n" });
    symlinkSync(target(outside), join(root, path.split("/")[0]!));
    const before = listing(root);
    const error = caught(() =>
      writeFilesAtomically(root, [BUMP, { path, content: "v = 2\n", original: "v = 1\n" }]),
    );
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toContain(`${path} resolves through a symlink to `);
    expect(error.message).toContain("secret.py, outside the repository");
    expect(listing(root)).toEqual(before);
    expect(readFileSync(join(outside, "secret.py"), "utf8")).toBe("v = 1\n");
  });

  it("refuses a dangling link", () => {
    const root = tempTree({ "pyproject.toml": "version = 1\n" });
    symlinkSync("gone.md", join(root, "CHANGELOG.md"));
    const error = caught(() =>
      writeFilesAtomically(root, [{ path: "CHANGELOG.md", content: "# C\n", original: null }]),
    );
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toBe(
      "CHANGELOG.md goes through a symlink that leads nowhere (CHANGELOG.md -> gone.md: ENOENT)",
    );
    expect(lstatSync(join(root, "CHANGELOG.md")).isSymbolicLink()).toBe(true);
  });
});
