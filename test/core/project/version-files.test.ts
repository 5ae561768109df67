import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import { normalizePackageName } from "../../../src/core/project/package-name.js";
import {
  detectVersionFiles,
  resolveVersionFiles,
  sameVersion,
  unmanagedVersionModules,
  type VersionFileSpec,
} from "../../../src/core/project/version-files.js";
import { memoryReader } from "./memory-reader.js";

describe("detectVersionFiles", () => {
  it("finds only tracked package modules holding the current version (scenario 59)", () => {
    const reader = memoryReader(
      {
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.0"\n',
        "src/demo/__init__.py": '__version__ = "1.0.0"\n',
        "src/demo/_version.py": '__version__ = "1.0.0"\n',
        "tests/__init__.py": '__version__ = "1.0.0"\n',
      },
      ["src/demo/_version.py"],
    );
    expect(detectVersionFiles(reader, ".", "1.0.0")).toEqual([
      { path: "src/demo/__init__.py", format: "python" },
    ]);
  });

  it("finds flat-layout packages and a root VERSION (scenario 60)", () => {
    const reader = memoryReader({
      "demo/__init__.py": 'VERSION = "1.0.0"\n',
      "demo/__about__.py": '__version__ = "1.0.0"\n',
      "demo/util.py": '__version__ = "1.0.0"\n',
      VERSION: "1.0.0\n",
    });
    expect(detectVersionFiles(reader, ".", "1.0.0")).toEqual([
      { path: "demo/__about__.py", format: "python" },
      { path: "demo/__init__.py", format: "python" },
      { path: "VERSION", format: "plain" },
    ]);
  });

  it.each([
    ["a hidden directory", ".hidden/__init__.py"],
    ["a _-prefixed directory", "_vendor/__init__.py"],
    ["docs", "docs/__init__.py"],
    ["examples", "examples/__init__.py"],
    ["scripts", "scripts/__init__.py"],
    ["build", "build/__init__.py"],
    ["dist under src", "src/dist/__init__.py"],
    ["test under src", "src/test/version.py"],
    ["a nested package", "src/demo/sub/__init__.py"],
    ["a top-level directory without __init__.py", "tools/version.py"],
  ])("ignores %s", (_, path) => {
    expect(detectVersionFiles(memoryReader({ [path]: '__version__ = "1.0.0"\n' }), ".", "1.0.0")).toEqual([]);
  });

  it("ignores files whose version differs, and detects nothing without a current version", () => {
    const reader = memoryReader({ "src/demo/__init__.py": '__version__ = "0.9.0"\n', VERSION: "0.9.0\n" });
    expect(detectVersionFiles(reader, ".", "1.0.0")).toEqual([]);
    expect(detectVersionFiles(memoryReader({ VERSION: "1.0.0\n" }), ".", null)).toEqual([]);
  });

  it("looks inside the project path of a workspace member", () => {
    const reader = memoryReader({
      "packages/core/src/core/__init__.py": '__version__ = "0.2.0"\n',
      "src/root/__init__.py": '__version__ = "0.2.0"\n',
    });
    expect(detectVersionFiles(reader, "packages/core", "0.2.0")).toEqual([
      { path: "packages/core/src/core/__init__.py", format: "python" },
    ]);
  });
});

describe("resolveVersionFiles", () => {
  const reader = memoryReader({
    "docs/conf.py": 'release = "1.0.0"\n',
    "src/demo/__init__.py": '__version__ = "1.0.0"\n',
  });

  it("lists explicit entries first, then detected files not already listed", () => {
    const specs: VersionFileSpec[] = [
      { kind: "pattern", path: "docs/conf.py", pattern: 'release = "{version}"', count: 1 },
    ];
    expect(resolveVersionFiles(reader, ".", specs, true, "1.0.0")).toEqual([
      { origin: "explicit", path: "docs/conf.py", spec: specs[0] },
      { origin: "auto", path: "src/demo/__init__.py", format: "python" },
    ]);
  });

  it.each([
    [{ kind: "path", path: "missing.py" }, "missing.py: the version file does not exist"],
    [
      { kind: "path", path: "../outside.py" },
      "../outside.py: version file paths must be relative and stay inside the repository",
    ],
    [
      { kind: "path", path: "/etc/hosts" },
      "/etc/hosts: version file paths must be relative and stay inside the repository",
    ],
  ] as const)("%j is E_VERSION_FILE (scenario 61)", (spec, message) => {
    let error: unknown;
    try {
      resolveVersionFiles(reader, ".", [spec], false, "1.0.0");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReleasioError);
    expect((error as ReleasioError).code).toBe("E_VERSION_FILE");
    expect((error as ReleasioError).exitCode).toBe(1);
    expect((error as ReleasioError).message).toBe(message);
  });
});

describe("sameVersion", () => {
  it.each([
    ["1.0.0", "1.0.0", true],
    ["v1.0.0", "1.0.0", true],
    ["1.2.0-beta.1", "1.2.0b1", true],
    ["1.0", "1.0.0", false],
    ["banana", "1.0.0", false],
    ["1.0.0", null, false],
  ])("(%j, %j) → %j", (value, current, expected) => {
    expect(sameVersion(value, current)).toBe(expected);
  });
});

describe("unmanagedVersionModules", () => {
  const reader = memoryReader(
    {
      "src/foo_bar/__init__.py": '"""Foo."""\n__version__ = "0.1.0"\nVERSION = "0.1.0"\n',
      "src/foo_bar/_version.py": '__version__ = "0.2.0"\n',
      "src/vendored/__init__.py": '__version__ = "3.2.1"\n',
      "src/other/__about__.py": '__version__ = "0.2.0"\n',
      "src/untracked/__init__.py": '__version__ = "0.2.0"\n',
      "tests/__init__.py": '__version__ = "0.2.0"\n',
    },
    ["src/untracked/__init__.py"],
  );

  it("reports the project's own modules and any module holding the current version, with the first assignment", () => {
    expect(unmanagedVersionModules(reader, ".", new Set(), "0.2.0", normalizePackageName("Foo-Bar"))).toEqual(
      [
        { path: "src/foo_bar/_version.py", name: "__version__", value: "0.2.0" },
        { path: "src/foo_bar/__init__.py", name: "__version__", value: "0.1.0" },
        { path: "src/other/__about__.py", name: "__version__", value: "0.2.0" },
      ],
    );
  });

  it("leaves out managed modules, and another package's module with another version", () => {
    const managed = new Set(["src/foo_bar/_version.py", "src/other/__about__.py"]);
    expect(unmanagedVersionModules(reader, ".", managed, "0.2.0", normalizePackageName("foo.bar"))).toEqual([
      { path: "src/foo_bar/__init__.py", name: "__version__", value: "0.1.0" },
    ]);
    expect(unmanagedVersionModules(reader, ".", managed, "0.2.0", null)).toEqual([]);
  });
});
