import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import { readProjectMetadata } from "../../../src/core/project/metadata.js";
import { type EditPlan, type EditPlanInput, planVersionEdits } from "../../../src/core/project/plan-edits.js";
import type { VersionFileSpec } from "../../../src/core/project/version-files.js";
import { memoryReader } from "./memory-reader.js";

interface Scenario {
  files: Record<string, string>;
  untracked?: string[];
  versionFiles?: VersionFileSpec[];
  autoDetect?: boolean;
  to?: string;
  updateLockFile?: boolean;
  lockPackages?: string[];
}

function plan(scenario: Scenario): EditPlan {
  const reader = memoryReader(scenario.files, scenario.untracked);
  const metadata = readProjectMetadata(reader, ".");
  const input: EditPlanInput = {
    reader,
    metadata,
    versionFiles: scenario.versionFiles ?? [],
    autoDetect: scenario.autoDetect ?? false,
    from: metadata.declaredVersion,
    to: scenario.to ?? "1.0.1",
    updateLockFile: scenario.updateLockFile ?? true,
  };
  return planVersionEdits(
    scenario.lockPackages === undefined ? input : { ...input, lockPackages: scenario.lockPackages },
  );
}

/** path → new content, for compact expectations. */
function written(result: EditPlan): Record<string, string> {
  return Object.fromEntries(result.edits.map((edit) => [edit.path, edit.after]));
}

function failure(scenario: Scenario): ReleasioError {
  try {
    plan(scenario);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("expected a ReleasioError");
}

const F0 = '[project]\nname = "demo"\nversion = "1.0.0"\n';

describe("planVersionEdits: declared sources", () => {
  it("F0: only pyproject.toml, with from, to, kind and both contents", () => {
    expect(plan({ files: { "pyproject.toml": F0 } })).toEqual({
      edits: [
        {
          path: "pyproject.toml",
          kind: "pyproject",
          from: "1.0.0",
          to: "1.0.1",
          before: F0,
          after: '[project]\nname = "demo"\nversion = "1.0.1"\n',
        },
      ],
      warnings: [],
      managed: ["pyproject.toml"],
    });
  });

  it("pins: only the version line differs and keeps single quotes (scenario 63)", () => {
    const before = "[project]\nname = 'demo'\nversion = '1.0.0'\ndependencies = [\"other==1.0.0\"]\n";
    expect(written(plan({ files: { "pyproject.toml": before } }))).toEqual({
      "pyproject.toml": "[project]\nname = 'demo'\nversion = '1.0.1'\ndependencies = [\"other==1.0.0\"]\n",
    });
  });

  it.each<{ name: string; files: Record<string, string>; expected: Record<string, string> }>([
    {
      name: "[tool.poetry] version only",
      files: { "pyproject.toml": '[tool.poetry]\nname = "demo"\nversion = "1.0.0"\n' },
      expected: { "pyproject.toml": '[tool.poetry]\nname = "demo"\nversion = "1.0.1"\n' },
    },
    {
      name: "static [project] and [tool.poetry]: both",
      files: { "pyproject.toml": `${F0}\n[tool.poetry]\nversion = "1.0.0"\n` },
      expected: {
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.1"\n\n[tool.poetry]\nversion = "1.0.1"\n',
      },
    },
    {
      name: "setup.cfg [metadata] version",
      files: {
        "setup.cfg": "[metadata]\nname = demo\nversion = 1.0.0\n",
        "setup.py": "from setuptools import setup\nsetup()\n",
      },
      expected: { "setup.cfg": "[metadata]\nname = demo\nversion = 1.0.1\n" },
    },
    {
      name: "setup.py with version='1.0.0'",
      files: { "setup.py": "from setuptools import setup\nsetup(name='demo', version='1.0.0')\n" },
      expected: { "setup.py": "from setuptools import setup\nsetup(name='demo', version='1.0.1')\n" },
    },
    {
      name: "a hatch dynamic version file",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n',
        "src/demo/__about__.py": "__version__ = '1.0.0'\r\n",
      },
      expected: { "src/demo/__about__.py": "__version__ = '1.0.1'\r\n" },
    },
  ])("layouts: $name (scenario 64)", ({ files, expected }) => {
    expect(written(plan({ files }))).toEqual(expected);
  });

  it("the edit kinds follow the file", () => {
    const result = plan({
      files: {
        "setup.cfg": "[metadata]\nname = demo\nversion = 1.0.0\n",
        VERSION: "1.0.0\n",
      },
      versionFiles: [{ kind: "path", path: "VERSION" }],
    });
    expect(result.edits.map((edit) => [edit.path, edit.kind])).toEqual([
      ["setup.cfg", "setup-cfg"],
      ["VERSION", "version-file"],
    ]);
  });

  it("an SCM project gets no version edit, not even in uv.lock (scenario 33)", () => {
    const files = {
      "pyproject.toml":
        '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.hatch.version]\nsource = "vcs"\n',
      "uv.lock": '[[package]]\nname = "demo"\nversion = "1.0.0"\nsource = { editable = "." }\n',
    };
    const reader = memoryReader(files);
    const metadata = readProjectMetadata(reader, ".");
    const input = {
      reader,
      metadata,
      versionFiles: [],
      autoDetect: true,
      from: "1.0.0",
      to: "1.1.0",
      updateLockFile: true,
    };
    expect(planVersionEdits(input)).toEqual({ edits: [], warnings: [], managed: [] });
  });

  it("a release of the declared version itself changes nothing (first release)", () => {
    expect(plan({ files: { "pyproject.toml": F0 }, to: "1.0.0" })).toEqual({
      edits: [],
      warnings: [],
      managed: ["pyproject.toml"],
    });
  });
});

describe("planVersionEdits: a file named by two sources", () => {
  it.each<[string, VersionFileSpec]>([
    ["a pattern", { kind: "pattern", path: "pyproject.toml", pattern: 'version = "{version}"', count: 1 }],
    ["a toml_key", { kind: "toml_key", path: "pyproject.toml", toml_key: "project.version" }],
  ])(
    "pyproject.toml listed in version_files as %s is one edit, checked against the file as read",
    (_, spec) => {
      const result = plan({ files: { "pyproject.toml": F0 }, versionFiles: [spec] });
      expect(written(result)).toEqual({ "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.1"\n' });
      expect(result.warnings).toEqual([]);
    },
  );

  it("a module listed as a path and as a pattern is one edit", () => {
    const result = plan({
      files: { "pyproject.toml": F0, "src/demo/__init__.py": '__version__ = "1.0.0"\n' },
      versionFiles: [
        { kind: "path", path: "src/demo/__init__.py" },
        { kind: "pattern", path: "src/demo/__init__.py", pattern: '__version__ = "{version}"', count: 1 },
      ],
    });
    expect(written(result)["src/demo/__init__.py"]).toBe('__version__ = "1.0.1"\n');
  });

  it("a second source that changes another line of the file composes with the first", () => {
    const result = plan({
      files: { "pyproject.toml": `${F0}[tool.demo]\nrelease = "1.0.0"\n` },
      versionFiles: [{ kind: "pattern", path: "pyproject.toml", pattern: 'release = "{version}"', count: 1 }],
    });
    expect(written(result)["pyproject.toml"]).toBe(
      '[project]\nname = "demo"\nversion = "1.0.1"\n[tool.demo]\nrelease = "1.0.1"\n',
    );
  });

  it("a pattern's count is checked against the file as read", () => {
    const error = failure({
      files: { "pyproject.toml": `${F0}# version = "1.0.0"\n` },
      versionFiles: [{ kind: "pattern", path: "pyproject.toml", pattern: 'version = "{version}"', count: 1 }],
    });
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toContain("found 2");
  });
});

describe("planVersionEdits: version files", () => {
  it("auto-detect updates only the tracked package file (scenario 59)", () => {
    const result = plan({
      files: {
        "pyproject.toml": F0,
        "src/demo/__init__.py": '"""Demo."""\n__version__ = "1.0.0"\n',
        "tests/__init__.py": '__version__ = "1.0.0"\n',
        "src/demo/_version.py": '__version__ = "1.0.0"\n',
      },
      untracked: ["src/demo/_version.py"],
      autoDetect: true,
    });
    expect(result.edits.map((edit) => [edit.path, edit.kind, edit.from, edit.to])).toEqual([
      ["pyproject.toml", "pyproject", "1.0.0", "1.0.1"],
      ["src/demo/__init__.py", "version-file", "1.0.0", "1.0.1"],
    ]);
    expect(written(result)["src/demo/__init__.py"]).toBe('"""Demo."""\n__version__ = "1.0.1"\n');
  });

  it("flat layout: package modules and the root VERSION (scenario 60)", () => {
    expect(
      written(
        plan({
          files: {
            "pyproject.toml": F0,
            "demo/__init__.py": 'VERSION = "1.0.0"\n',
            "demo/__about__.py": "__version__ = '1.0.0'\n",
            VERSION: "1.0.0",
          },
          autoDetect: true,
        }),
      ),
    ).toEqual({
      "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.1"\n',
      "demo/__about__.py": "__version__ = '1.0.1'\n",
      "demo/__init__.py": 'VERSION = "1.0.1"\n',
      VERSION: "1.0.1\n",
    });
  });

  it("auto-detection without the option finds nothing", () => {
    const files = { "pyproject.toml": F0, "src/demo/__init__.py": '__version__ = "1.0.0"\n' };
    expect(Object.keys(written(plan({ files })))).toEqual(["pyproject.toml"]);
  });

  it("a missing explicit file fails before any edit is returned (scenario 61)", () => {
    const error = failure({
      files: { "pyproject.toml": F0 },
      versionFiles: [{ kind: "path", path: "missing.py" }],
    });
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe("missing.py: the version file does not exist");
  });

  it("pattern, toml_key and json_key entries change only their value (scenario 62)", () => {
    const result = plan({
      files: {
        "pyproject.toml": `${F0}\n[tool.demo]\nversion = "1.0.0"\nother = "1.0.0"\n`,
        "docs/conf.py": 'project = "demo"\nrelease = "1.0.0"\nversion = "1.0"\n',
        "package.json": '{\n  "version": "1.0.0",\n  "dependencies": { "x": "1.0.0" }\n}\n',
      },
      versionFiles: [
        { kind: "pattern", path: "docs/conf.py", pattern: 'release = "{version}"', count: 1 },
        { kind: "toml_key", path: "pyproject.toml", toml_key: "tool.demo.version" },
        { kind: "json_key", path: "package.json", json_key: "version" },
      ],
    });
    expect(written(result)).toEqual({
      "pyproject.toml":
        '[project]\nname = "demo"\nversion = "1.0.1"\n\n[tool.demo]\nversion = "1.0.1"\nother = "1.0.0"\n',
      "docs/conf.py": 'project = "demo"\nrelease = "1.0.1"\nversion = "1.0"\n',
      "package.json": '{\n  "version": "1.0.1",\n  "dependencies": { "x": "1.0.0" }\n}\n',
    });
    expect(result.edits.map((edit) => edit.kind)).toEqual(["pyproject", "version-file", "version-file"]);
  });

  it.each([
    ['release = "0.9.0"\n', 'docs/conf.py: expected exactly 1 match of release = "1.0.0", found 0'],
    [
      'release = "1.0.0"\nrelease = "1.0.0"\n',
      'docs/conf.py: expected exactly 1 match of release = "1.0.0", found 2',
    ],
  ])("a pattern matching 0 or 2 times is E_VERSION_FILE (scenario 62)", (conf, message) => {
    const error = failure({
      files: { "pyproject.toml": F0, "docs/conf.py": conf },
      versionFiles: [{ kind: "pattern", path: "docs/conf.py", pattern: 'release = "{version}"', count: 1 }],
    });
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe(message);
  });

  it("a pattern matches the declared spelling when it is not canonical", () => {
    const result = plan({
      files: {
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.2.0-beta.1"\n',
        "README.md": "Install demo 1.2.0-beta.1\n",
      },
      versionFiles: [{ kind: "pattern", path: "README.md", pattern: "demo {version}", count: 1 }],
      to: "1.2.0b2",
    });
    expect(written(result)["README.md"]).toBe("Install demo 1.2.0b2\n");
  });

  it("an explicit file that disagrees is still set, with W_VERSION_MISMATCH", () => {
    const result = plan({
      files: { "pyproject.toml": F0, "src/demo/__init__.py": "__version__ = '0.9.0'\n" },
      versionFiles: [{ kind: "path", path: "src/demo/__init__.py" }],
    });
    expect(written(result)["src/demo/__init__.py"]).toBe("__version__ = '1.0.1'\n");
    expect(result.warnings).toEqual([
      {
        code: "W_VERSION_MISMATCH",
        message:
          "src/demo/__init__.py: __version__ is 0.9.0 but the current version is 1.0.0; it will be set to 1.0.1",
      },
    ]);
  });

  it("another spelling of the same PEP 440 version is no mismatch", () => {
    const result = plan({
      files: {
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0"\n',
        "ver.py": '__version__ = "1.0.0"\n',
      },
      versionFiles: [{ kind: "path", path: "ver.py" }],
    });
    expect(written(result)["ver.py"]).toBe('__version__ = "1.0.1"\n');
    expect(result.warnings).toEqual([]);
  });

  it("a file both declared and listed is edited once, without a warning", () => {
    const result = plan({
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n',
        "src/demo/__about__.py": '__version__ = "1.0.0"\n',
      },
      versionFiles: [{ kind: "path", path: "src/demo/__about__.py" }],
      autoDetect: true,
    });
    expect(result).toMatchObject({
      edits: [{ path: "src/demo/__about__.py", after: '__version__ = "1.0.1"\n' }],
      warnings: [],
    });
  });

  it("a path entry holding neither a version nor an assignment is E_VERSION_FILE", () => {
    const error = failure({
      files: { "pyproject.toml": F0, "notes.txt": "hello world\n" },
      versionFiles: [{ kind: "path", path: "notes.txt" }],
    });
    expect(error.message).toBe("notes.txt: holds neither a single version nor a version assignment");
  });
});

describe("planVersionEdits: lock files", () => {
  const lock =
    '[[package]]\nname = "demo"\nversion = "1.0.0"\nsource = { editable = "." }\n\n[[package]]\nname = "other"\nversion = "1.0.0"\nsource = { registry = "https://pypi.org/simple" }\n';

  it("uv.lock: only demo's version line changes (scenario 65)", () => {
    const result = plan({ files: { "pyproject.toml": F0, "uv.lock": lock, "poetry.lock": "# poetry\n" } });
    expect(result.edits.map((edit) => [edit.path, edit.kind, edit.from, edit.to])).toEqual([
      ["pyproject.toml", "pyproject", "1.0.0", "1.0.1"],
      ["uv.lock", "lock-file", "1.0.0", "1.0.1"],
    ]);
    expect(written(result)["uv.lock"]).toBe(lock.replace('version = "1.0.0"', 'version = "1.0.1"'));
  });

  it("update_lock_file = false leaves uv.lock untouched (scenario 65)", () => {
    const result = plan({ files: { "pyproject.toml": F0, "uv.lock": lock }, updateLockFile: false });
    expect(result.edits.map((edit) => edit.path)).toEqual(["pyproject.toml"]);
  });

  it("a workspace member uses the root uv.lock and the listed packages", () => {
    const files = {
      "packages/core/pyproject.toml": '[project]\nname = "demo-core"\nversion = "1.0.0"\n',
      "uv.lock": lock.replace('name = "demo"', 'name = "demo-core"'),
    };
    const reader = memoryReader(files);
    const metadata = readProjectMetadata(reader, "packages/core");
    const result = planVersionEdits({
      reader,
      metadata,
      versionFiles: [],
      autoDetect: false,
      from: "1.0.0",
      to: "2.0.0",
      updateLockFile: true,
      lockPackages: ["demo-core"],
    });
    expect(result.edits.map((edit) => edit.path)).toEqual(["packages/core/pyproject.toml", "uv.lock"]);
  });
});
