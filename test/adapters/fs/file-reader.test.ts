import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskReader } from "../../../src/adapters/fs/file-reader.js";
import { caught } from "../../support/caught.js";
import { cleanupRepos, tempTree } from "../../support/repo.js";

afterAll(cleanupRepos);

const read = (root: string, path: string) => diskReader(root, new Set()).read(path);

describe("reading the repository's files", () => {
  it("reads files; a missing one, or one below a file, reads as null", () => {
    const root = tempTree({ "pyproject.toml": "[project]\n" });
    expect(read(root, "pyproject.toml")).toBe("[project]\n");
    expect(read(root, "setup.cfg")).toBeNull();
    expect(read(root, "pyproject.toml/x")).toBeNull();
  });

  it("reads a symlink inside the repository at its real file", () => {
    const root = tempTree({ "src/real.py": '__version__ = "1.0.0"\n' });
    symlinkSync("src/real.py", join(root, "ver.py"));
    expect(read(root, "ver.py")).toBe('__version__ = "1.0.0"\n');
  });

  it("refuses a symlink whose real path leaves the repository, naming the file and its target", () => {
    const outside = tempTree({ "secret.py": '__version__ = "1.0.0"\n' });
    const root = tempTree({});
    symlinkSync(join(outside, "secret.py"), join(root, "ver.py"));
    const error = caught(() => read(root, "ver.py"));
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toMatch(
      /^ver\.py resolves through a symlink to .*secret\.py, outside the repository/,
    );
    expect(error.hint).toContain("replace the symlink");
  });

  it("refuses a directory where a file is expected, as a write would", () => {
    const root = tempTree({ "docs/i.md": "x\n" });
    expect(caught(() => read(root, "docs")).message).toBe("docs is a directory, not a file");
  });
});
