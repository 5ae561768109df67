import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import { type ProjectMetadata, readProjectMetadata } from "../../../src/core/project/metadata.js";
import { isValidPackageName } from "../../../src/core/project/package-name.js";
import { memoryReader } from "./memory-reader.js";

function read(files: Record<string, string>, projectPath = "."): ProjectMetadata {
  return readProjectMetadata(memoryReader(files), projectPath);
}

function failure(files: Record<string, string>): ReleasioError {
  try {
    read(files);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("expected a ReleasioError");
}

const HATCH_DYNAMIC =
  '[project]\nname = "demo"\ndynamic = ["version"]\n\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';
const SETUPTOOLS_DYNAMIC =
  '[project]\nname = "demo"\ndynamic = ["version"]\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n';

interface DeclaredCase {
  name: string;
  files: Record<string, string>;
  path?: string;
  expected: Partial<ProjectMetadata>;
}

interface UnrecognizedCase {
  name: string;
  files: Record<string, string>;
  reason: string;
}

describe("readProjectMetadata: declared versions", () => {
  it.each<DeclaredCase>([
    {
      name: "static [project].version (F0)",
      files: { "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.0"\n' },
      expected: {
        name: "demo",
        declaredVersion: "1.0.0",
        rawDeclaredVersion: "1.0.0",
        sources: [{ kind: "pyproject-project", path: "pyproject.toml" }],
        projectFile: "pyproject.toml",
      },
    },
    {
      name: "a SemVer spelling is normalised (scenario 21)",
      files: { "pyproject.toml": '[project]\nname = "demo"\nversion = "1.2.3-beta.2"\n' },
      expected: { declaredVersion: "1.2.3b2", rawDeclaredVersion: "1.2.3-beta.2" },
    },
    {
      name: "[tool.poetry] only",
      files: { "pyproject.toml": '[tool.poetry]\nname = "Demo_Core.X"\nversion = "0.3.0"\n' },
      expected: {
        name: "Demo_Core.X",
        normalizedName: "demo-core-x",
        declaredVersion: "0.3.0",
        sources: [{ kind: "pyproject-poetry", path: "pyproject.toml" }],
      },
    },
    {
      name: "both [project] and [tool.poetry] static",
      files: {
        "pyproject.toml": '[project]\nname = "demo"\nversion = "1.0.0"\n\n[tool.poetry]\nversion = "1.0.0"\n',
      },
      expected: {
        declaredVersion: "1.0.0",
        sources: [
          { kind: "pyproject-project", path: "pyproject.toml" },
          { kind: "pyproject-poetry", path: "pyproject.toml" },
        ],
      },
    },
    {
      name: "Poetry 2: dynamic [project] version kept in [tool.poetry]",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.poetry]\nversion = "2.1.0"\n',
      },
      expected: { declaredVersion: "2.1.0", sources: [{ kind: "pyproject-poetry", path: "pyproject.toml" }] },
    },
    {
      name: "hatch [tool.hatch.version].path",
      files: {
        "pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n`,
        "src/demo/__about__.py": '__version__ = "1.4.0"\n',
      },
      expected: {
        declaredVersion: "1.4.0",
        sources: [{ kind: "python-file", path: "src/demo/__about__.py" }],
        scm: false,
      },
    },
    {
      name: "setuptools attr, module under src/",
      files: {
        "pyproject.toml": `${SETUPTOOLS_DYNAMIC}\n[tool.setuptools.dynamic]\nversion = { attr = "demo.__version__" }\n`,
        "src/demo/__init__.py": "__version__ = '0.9.1'\n",
      },
      expected: {
        declaredVersion: "0.9.1",
        sources: [{ kind: "python-file", path: "src/demo/__init__.py" }],
      },
    },
    {
      name: "setuptools attr, module at the project root",
      files: {
        "pyproject.toml": `${SETUPTOOLS_DYNAMIC}\n[tool.setuptools.dynamic]\nversion = { attr = "demo._version.__version__" }\n`,
        "demo/_version.py": '__version__ = "3.0.0"\n',
      },
      expected: { declaredVersion: "3.0.0", sources: [{ kind: "python-file", path: "demo/_version.py" }] },
    },
    {
      name: "setuptools file = VERSION",
      files: {
        "pyproject.toml": `${SETUPTOOLS_DYNAMIC}\n[tool.setuptools.dynamic]\nversion = { file = "VERSION" }\n`,
        VERSION: "2.2.2\n",
      },
      expected: { declaredVersion: "2.2.2", sources: [{ kind: "plain-file", path: "VERSION" }] },
    },
    {
      name: "pdm file source",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.pdm.version]\nsource = "file"\npath = "src/demo/__init__.py"\n',
        "src/demo/__init__.py": '__version__ = "0.1.0"\n',
      },
      expected: {
        declaredVersion: "0.1.0",
        sources: [{ kind: "python-file", path: "src/demo/__init__.py" }],
      },
    },
    {
      name: "flit module __init__.py",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo-app"\ndynamic = ["version", "description"]\n[build-system]\nbuild-backend = "flit_core.buildapi"\n',
        "demo_app/__init__.py": '"""Demo."""\n__version__ = "0.4.0"\n',
      },
      expected: {
        declaredVersion: "0.4.0",
        sources: [{ kind: "python-file", path: "demo_app/__init__.py" }],
      },
    },
    {
      name: "setup.cfg [metadata] version",
      files: {
        "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\n',
        "setup.cfg": "[metadata]\nname = demo\nversion = 1.1.0\n",
        "setup.py": "from setuptools import setup\nsetup()\n",
      },
      expected: {
        name: "demo",
        declaredVersion: "1.1.0",
        sources: [{ kind: "setup-cfg", path: "setup.cfg" }],
        projectFile: "setup.cfg",
      },
    },
    {
      name: "setup.cfg version = attr:",
      files: {
        "setup.cfg": "[metadata]\nname = demo\nversion = attr: demo.__version__\n",
        "src/demo/__init__.py": '__version__ = "5.0.0"\n',
      },
      expected: {
        declaredVersion: "5.0.0",
        sources: [{ kind: "python-file", path: "src/demo/__init__.py" }],
      },
    },
    {
      name: "setup.py with version='2.0.0' and no pyproject (scenario 4)",
      files: { "setup.py": "from setuptools import setup\n\nsetup(name='demo', version='2.0.0')\n" },
      expected: {
        name: "demo",
        declaredVersion: "2.0.0",
        sources: [{ kind: "setup-py", path: "setup.py" }],
        projectFile: "setup.py",
      },
    },
    {
      name: "setuptools dynamic version without a dynamic table reads setup.py",
      files: { "pyproject.toml": SETUPTOOLS_DYNAMIC, "setup.py": "setup(version='1.3.0')\n" },
      expected: { declaredVersion: "1.3.0", sources: [{ kind: "setup-py", path: "setup.py" }] },
    },
    {
      name: "a project in a sub-directory reports repository-relative paths",
      files: {
        "packages/core/pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\npath = "src/core/__about__.py"\n`,
        "packages/core/src/core/__about__.py": '__version__ = "0.2.0"\n',
      },
      path: "packages/core",
      expected: {
        path: "packages/core",
        declaredVersion: "0.2.0",
        sources: [{ kind: "python-file", path: "packages/core/src/core/__about__.py" }],
        projectFile: "packages/core/pyproject.toml",
      },
    },
  ])("$name", ({ files, path, expected }) => {
    expect(read(files, path)).toMatchObject({ unrecognizedDynamic: null, ...expected });
  });
});

describe("readProjectMetadata: SCM versioning", () => {
  it.each([
    ["hatch-vcs", `${HATCH_DYNAMIC}\n[tool.hatch.version]\nsource = "vcs"\n`],
    ["uv-dynamic-versioning", `${HATCH_DYNAMIC}\n[tool.hatch.version]\nsource = "uv-dynamic-versioning"\n`],
    ["setuptools-scm table", `${SETUPTOOLS_DYNAMIC}\n[tool.setuptools_scm]\n`],
    [
      "setuptools-scm requirement",
      '[project]\nname = "demo"\ndynamic = ["version"]\n[build-system]\nrequires = ["setuptools>=64", "setuptools_scm>=8"]\nbuild-backend = "setuptools.build_meta"\n',
    ],
    ["pdm scm", '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.pdm.version]\nsource = "scm"\n'],
    ["versioningit", '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.versioningit]\n'],
    [
      "poetry-dynamic-versioning",
      '[tool.poetry]\nname = "demo"\nversion = "0.0.0"\n[tool.poetry-dynamic-versioning]\nenable = true\n',
    ],
  ])("%s: no declared version, scm true (scenario 33)", (_, pyproject) => {
    expect(read({ "pyproject.toml": pyproject })).toMatchObject({
      name: "demo",
      declaredVersion: null,
      rawDeclaredVersion: null,
      sources: [],
      scm: true,
      unrecognizedDynamic: null,
    });
  });
});

describe("readProjectMetadata: unrecognised and missing", () => {
  it.each<UnrecognizedCase>([
    {
      name: "maturin",
      files: {
        "pyproject.toml":
          '[project]\nname = "demo"\ndynamic = ["version"]\n[build-system]\nbuild-backend = "maturin"\n',
      },
      reason:
        '[project].dynamic lists "version" but no supported version source was found (build backend maturin)',
    },
    {
      name: "hatch path to a missing file",
      files: { "pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n` },
      reason: "[tool.hatch.version].path: none of src/demo/__about__.py exists",
    },
    {
      name: "hatch path with a custom pattern",
      files: {
        "pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\npath = "src/demo/v.py"\npattern = "V = (?P<version>.+)"\n`,
        "src/demo/v.py": "V = 1.0.0\n",
      },
      reason:
        "[tool.hatch.version] pattern (a custom regex) is not supported; list the file in version.version_files with a pattern",
    },
    {
      name: "hatch regex source without a path",
      files: { "pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\nsource = "regex"\n` },
      reason: "[tool.hatch.version] names no path",
    },
    {
      name: "setuptools attr with another name",
      files: {
        "pyproject.toml": `${SETUPTOOLS_DYNAMIC}\n[tool.setuptools.dynamic]\nversion = { attr = "demo.RELEASE" }\n`,
      },
      reason:
        "[tool.setuptools.dynamic].version.attr = 'demo.RELEASE' is not a module attribute named __version__, __VERSION__, VERSION, version",
    },
    {
      name: "setup.py with a computed version",
      files: { "setup.py": "setup(name='demo', version=read_version())\n" },
      reason: "setup.py: setup() version= is not a string literal",
    },
  ])("$name → unrecognizedDynamic", ({ files, reason }) => {
    expect(read(files)).toMatchObject({
      declaredVersion: null,
      sources: [],
      scm: false,
      unrecognizedDynamic: reason,
    });
  });

  it("no project file at all", () => {
    expect(read({ "README.md": "# demo\n" })).toEqual({
      path: ".",
      name: null,
      normalizedName: null,
      declaredVersion: null,
      rawDeclaredVersion: null,
      sources: [],
      scm: false,
      unrecognizedDynamic: null,
      projectFile: null,
      uvWorkspaceMembers: [],
    });
  });

  it("the members of a uv workspace that the pyproject.toml declares", () => {
    const pyproject =
      '[project]\nname = "demo"\nversion = "1.0.0"\n\n[tool.uv.workspace]\nmembers = ["packages/*", "tools/cli"]\n';
    expect(read({ "pyproject.toml": pyproject }).uvWorkspaceMembers).toEqual(["packages/*", "tools/cli"]);
  });

  it("an invalid declared version is E_VERSION_INVALID naming pyproject.toml (scenario 21)", () => {
    const error = failure({ "pyproject.toml": '[project]\nname = "demo"\nversion = "1.2.x"\n' });
    expect(error.code).toBe("E_VERSION_INVALID");
    expect(error.exitCode).toBe(2);
    expect(
      error.message.startsWith("'1.2.x' is not a valid version (pyproject.toml [project].version): "),
    ).toBe(true);
  });

  it("an invalid version in a followed file names that file", () => {
    const error = failure({
      "pyproject.toml": `${HATCH_DYNAMIC}\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n`,
      "src/demo/__about__.py": '__version__ = "banana"\n',
    });
    expect(error.code).toBe("E_VERSION_INVALID");
    expect(error.message).toContain("(src/demo/__about__.py __version__)");
  });

  it("invalid TOML is E_PROJECT_METADATA naming the file, line and column", () => {
    const error = failure({ "pyproject.toml": '[project]\nname = "demo"\nversion = \n' });
    expect(error.code).toBe("E_PROJECT_METADATA");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("invalid TOML in pyproject.toml at line 3, column 11: invalid value");
  });

  it("an empty [project].name is E_PROJECT_METADATA as a missing one is", () => {
    for (const name of ['""', '"  "']) {
      const error = failure({ "pyproject.toml": `[project]\nname = ${name}\nversion = "1.0.0"\n` });
      expect(error.code).toBe("E_PROJECT_METADATA");
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe("pyproject.toml: [project].name is empty");
      expect(error.hint).toBe('add name = "your-distribution-name" to the [project] table');
      expect(error.details).toEqual({ file: "pyproject.toml", key: "project.name" });
    }
  });

  it("a blank setup.cfg name is no name", () => {
    expect(read({ "setup.cfg": "[metadata]\nname =\nversion = 1.0.0\n" }).name).toBeNull();
  });
});

describe("distribution names (PEP 508)", () => {
  it.each(["demo", "Demo_Pkg", "a", "a.b-c_d", "9lives"])("%s is valid", (name) => {
    expect(isValidPackageName(name)).toBe(true);
  });
  it.each(["", "-demo", "demo-", "demo pkg", "demo$(x)", "demo\nversion = 1", "dé"])("%j is not", (name) => {
    expect(isValidPackageName(name)).toBe(false);
  });
});
