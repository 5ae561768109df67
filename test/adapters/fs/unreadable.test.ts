/**
 * A file releasio needs but cannot read (PRODUCT.md §3.6: exit 2) names the file, the reason and a fix; it is
 * never reported as invalid TOML, nor read as a missing file.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/adapters/fs/config-files.js";
import { diskReader } from "../../../src/adapters/fs/file-reader.js";
import { caught, rejected } from "../../support/caught.js";

/** The errno reading a file whose name ends with `suffix` fails with (a root user is not stopped by chmod). */
const fault = vi.hoisted(() => ({ suffix: null as string | null, errno: "EACCES" }));
const raise = (file: unknown) => {
  throw Object.assign(new Error(`${fault.errno}: open '${String(file)}'`), { code: fault.errno });
};
const failing = (file: unknown) => fault.suffix !== null && String(file).endsWith(fault.suffix);
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    readFile: ((file: Parameters<typeof actual.readFile>[0], ...rest: [never]) =>
      failing(file) ? Promise.reject(raise(file)) : actual.readFile(file, ...rest)) as typeof actual.readFile,
  };
});
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    readFileSync: ((file: Parameters<typeof actual.readFileSync>[0], ...rest: [never]) =>
      failing(file) ? raise(file) : actual.readFileSync(file, ...rest)) as typeof actual.readFileSync,
  };
});

let repo: string;

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), "releasio-unreadable-"));
  await mkdir(join(repo, "pkg"));
  await writeFile(join(repo, "pkg", "pyproject.toml"), '[project]\nname = "demo"\nversion = "1.0.0"\n');
  await writeFile(join(repo, ".releasio.toml"), 'default_branch = "main"\n');
});

afterEach(async () => {
  fault.suffix = null;
  fault.errno = "EACCES";
  await rm(repo, { recursive: true, force: true });
});

describe("an unreadable pyproject.toml or configuration file", () => {
  it("pyproject.toml that cannot be read is E_PROJECT_METADATA naming it, the reason and a fix, not invalid TOML", async () => {
    fault.suffix = "pkg/pyproject.toml";
    const error = await rejected(loadConfig({ cwd: join(repo, "pkg"), repoRoot: repo, env: {} }));
    expect(error.code).toBe("E_PROJECT_METADATA");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("pkg/pyproject.toml: cannot be read: permission denied (EACCES)");
    expect(error.hint).toBe(
      "make pkg/pyproject.toml readable by the user running releasio (e.g. chmod u+r pkg/pyproject.toml), then re-run",
    );
  });

  it("a configuration file that cannot be read is E_CONFIG_INVALID naming it and the reason", async () => {
    fault.suffix = ".releasio.toml";
    fault.errno = "EPERM";
    const error = await rejected(loadConfig({ cwd: repo, repoRoot: repo, env: {} }));
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(".releasio.toml: cannot be read: operation not permitted (EPERM)");
    expect(error.hint).toContain("chmod u+r .releasio.toml");
  });

  it("the project's reader refuses an unreadable project file instead of reading it as missing", () => {
    fault.suffix = "pkg/pyproject.toml";
    const error = caught(() => diskReader(repo, new Set()).read("pkg/pyproject.toml"));
    expect(error.code).toBe("E_PROJECT_METADATA");
    expect(error.message).toBe("pkg/pyproject.toml: cannot be read: permission denied (EACCES)");
  });
});
