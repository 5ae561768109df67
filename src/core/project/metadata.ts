/**
 * Reads a project's name and declared version from pyproject.toml, setup.cfg or setup.py, following dynamic
 * versions to the file that holds them (PRODUCT.md §6.15). Pure: files come in through a FileReader.
 */

import { readPlainVersion } from "../../edits/plain-version-file.js";
import { findVersionAssignments } from "../../edits/python-assignment.js";
import { type IniDocument, parseIni } from "../../edits/setup-cfg.js";
import { readSetupCall, type SetupCall, setupVersionProblem } from "../../edits/setup-py.js";
import { parseToml } from "../../edits/toml-value.js";
import { ReleasioError } from "../errors.js";
import { escapeLine } from "../text/control.js";
import { formatVersion, parseVersion } from "../version/pep440.js";
import {
  attrVersion,
  type DynamicVersion,
  fileVersion,
  poetryDynamicVersioning,
  resolveDynamicVersion,
  stringAt,
  type TomlTable,
  table,
} from "./dynamic-version.js";
import { type FileReader, repoPath } from "./files.js";
import { isValidPackageName, normalizePackageName } from "./package-name.js";
import { uvWorkspaceMembers } from "./workspace.js";

export type VersionSource =
  | { kind: "pyproject-project"; path: string }
  | { kind: "pyproject-poetry"; path: string }
  | { kind: "setup-cfg"; path: string }
  | { kind: "setup-py"; path: string }
  | { kind: "python-file"; path: string }
  | { kind: "plain-file"; path: string };

export interface ProjectMetadata {
  /** Project path relative to the repository root, "." for the root. */
  path: string;
  /** Distribution name as declared. */
  name: string | null;
  /** PEP 503 normalised name. */
  normalizedName: string | null;
  /** Canonical PEP 440 form of the declared version; null when none is declared (SCM or dynamic without a file). */
  declaredVersion: string | null;
  rawDeclaredVersion: string | null;
  /** Where the declared version lives, in §6.15's order; paths are repository-relative. */
  sources: VersionSource[];
  /** Versions come from git tags through an SCM plugin. */
  scm: boolean;
  /** Why a dynamic version could not be followed; writing commands turn it into E_PROJECT_METADATA. */
  unrecognizedDynamic: string | null;
  /** Repository-relative path of the file that defines the project, null when there is none. */
  projectFile: string | null;
  /** Member globs of a uv workspace that the project's pyproject.toml declares (`[tool.uv.workspace]`). */
  uvWorkspaceMembers: string[];
}

interface Found {
  source: VersionSource;
  raw: string;
  /** Names the file and key in E_VERSION_INVALID. */
  where: string;
}

interface VersionFinding {
  found: Found[];
  scm: boolean;
  unrecognized: string | null;
}

const NOTHING: VersionFinding = { found: [], scm: false, unrecognized: null };

function unrecognized(reason: string): VersionFinding {
  return { found: [], scm: false, unrecognized: reason };
}

interface ProjectFiles {
  base: string;
  reader: FileReader;
  pyprojectPath: string;
  setupCfgPath: string;
  setupPyPath: string;
  pyproject: TomlTable | null;
  setupCfg: IniDocument | null;
  setupPy: SetupCall | null;
}

/**
 * Python's TOML and INI readers (and so pip, build and setuptools) reject a file that starts with a UTF-8 byte-order
 * mark: releasio says so instead of planning from a file the build would refuse.
 */
function refuseBom(path: string, text: string | null): string | null {
  if (text?.charCodeAt(0) !== 0xfeff) return text;
  throw new ReleasioError(
    "E_PROJECT_METADATA",
    `${path} starts with a UTF-8 byte-order mark (line 1, column 1), which Python's parsers and so pip and build reject`,
    { hint: `save ${path} as UTF-8 without a BOM`, details: { file: path } },
  );
}

function readFiles(reader: FileReader, projectPath: string): ProjectFiles {
  const base = repoPath(projectPath, ".") ?? ".";
  const at = (name: string) => repoPath(base, name) ?? name;
  const pyprojectPath = at("pyproject.toml");
  const setupCfgPath = at("setup.cfg");
  const setupPyPath = at("setup.py");
  const pyprojectText = refuseBom(pyprojectPath, reader.read(pyprojectPath));
  const setupCfgText = refuseBom(setupCfgPath, reader.read(setupCfgPath));
  const setupPyText = reader.read(setupPyPath);
  const pyproject =
    pyprojectText === null
      ? null
      : parseToml(
          pyprojectText,
          (detail, { hint }) =>
            new ReleasioError("E_PROJECT_METADATA", `invalid TOML in ${pyprojectPath} at ${detail}`, {
              hint: hint ?? "fix the TOML syntax of the project file",
              details: { file: pyprojectPath },
            }),
        );
  return {
    base,
    reader,
    pyprojectPath,
    setupCfgPath,
    setupPyPath,
    pyproject,
    setupCfg: setupCfgText === null ? null : parseIni(setupCfgText),
    setupPy: setupPyText === null ? null : readSetupCall(setupPyText),
  };
}

/** A followed dynamic version: the file must exist and hold the version. */
function followFile(files: ProjectFiles, dynamic: DynamicVersion): VersionFinding {
  if (dynamic.kind === "scm") return { found: [], scm: true, unrecognized: null };
  if (dynamic.kind === "unrecognized") return unrecognized(dynamic.reason);
  if (dynamic.kind === "legacy") return legacyVersion(files, true);
  if (dynamic.kind === "plain-file") {
    const path = repoPath(files.base, dynamic.path);
    const text = path === null ? null : files.reader.read(path);
    if (path === null || text === null)
      return unrecognized(`${dynamic.origin}: ${dynamic.path} does not exist`);
    const raw = readPlainVersion(text);
    if (raw === null) return unrecognized(`${path} (${dynamic.origin}) does not hold a single version`);
    return {
      found: [{ source: { kind: "plain-file", path }, raw, where: path }],
      scm: false,
      unrecognized: null,
    };
  }
  for (const candidate of dynamic.candidates) {
    const path = repoPath(files.base, candidate);
    const text = path === null ? null : files.reader.read(path);
    if (path === null || text === null) continue;
    const [assignment] = findVersionAssignments(text, dynamic.names);
    if (assignment === undefined) {
      return unrecognized(
        `${path} (${dynamic.origin}) has no ${dynamic.names.join(" or ")} string assignment`,
      );
    }
    const where = `${path} ${assignment.name}`;
    return {
      found: [{ source: { kind: "python-file", path }, raw: assignment.value, where }],
      scm: false,
      unrecognized: null,
    };
  }
  return unrecognized(`${dynamic.origin}: none of ${dynamic.candidates.join(", ")} exists`);
}

/** setup.cfg `[metadata] version` (static, `attr:` or `file:`), else a setup.py `version=` literal. */
function legacyVersion(files: ProjectFiles, required: boolean): VersionFinding {
  const version = files.setupCfg?.get("metadata")?.get("version")?.value.trim();
  if (version !== undefined && version !== "") {
    const origin = `${files.setupCfgPath} [metadata] version`;
    if (version.startsWith("attr:")) return followFile(files, attrVersion(version.slice(5), origin));
    if (version.startsWith("file:")) {
      const list = version
        .slice(5)
        .split(",")
        .map((item) => item.trim());
      return followFile(files, fileVersion(list.length === 1 ? list[0] : list, origin));
    }
    const source: VersionSource = { kind: "setup-cfg", path: files.setupCfgPath };
    return { found: [{ source, raw: version, where: origin }], scm: false, unrecognized: null };
  }
  if (files.setupPy !== null) {
    const problem = setupVersionProblem(files.setupPy);
    const raw = files.setupPy.version[0]?.value;
    if (problem === null && typeof raw === "string") {
      const source: VersionSource = { kind: "setup-py", path: files.setupPyPath };
      return {
        found: [{ source, raw, where: `${files.setupPyPath} version=` }],
        scm: false,
        unrecognized: null,
      };
    }
    if (files.setupPy.version.length > 0) return unrecognized(`${files.setupPyPath}: ${problem}`);
  }
  return required
    ? unrecognized(`[project].dynamic lists "version" but neither setup.cfg nor setup.py declares one`)
    : NOTHING;
}

/**
 * A name or version that is present but not a string (`version = 1`) is a broken project file, not an absent
 * value: reading past it would plan from the tags and leave the file as it is without a word.
 */
function checkStringKeys(files: ProjectFiles, document: TomlTable): void {
  const tables: [string, TomlTable | null][] = [
    ["[project]", table(document, "project")],
    ["[tool.poetry]", table(document, "tool", "poetry")],
  ];
  for (const [name, t] of tables) {
    for (const key of ["name", "version"]) {
      const value = t?.[key];
      if (value === undefined || typeof value === "string") continue;
      const written = typeof value === "number" || typeof value === "boolean" ? String(value) : typeof value;
      throw new ReleasioError(
        "E_PROJECT_METADATA",
        `${files.pyprojectPath}: ${name}.${key} must be a string, got ${written}`,
        {
          hint: `quote it: ${key} = "${typeof value === "number" ? written : "..."}"`,
          details: { file: files.pyprojectPath, key: `${name.slice(1, -1)}.${key}` },
        },
      );
    }
  }
  // PEP 621: a [project] table always names the project; an empty name names nothing.
  const project = tables[0]![1];
  const name = project === null ? null : stringAt(project, "name");
  if (project !== null && (name === null || name.trim() === "")) {
    const problem = name === null ? "is missing" : "is empty";
    throw new ReleasioError("E_PROJECT_METADATA", `${files.pyprojectPath}: [project].name ${problem}`, {
      hint: 'add name = "your-distribution-name" to the [project] table',
      details: { file: files.pyprojectPath, key: "project.name" },
    });
  }
  const poetryName = stringAt(tables[1]![1], "name");
  if (poetryName !== null && poetryName.trim() === "") {
    throw new ReleasioError("E_PROJECT_METADATA", `${files.pyprojectPath}: [tool.poetry].name is empty`, {
      hint: 'set name = "your-distribution-name" in the [tool.poetry] table',
      details: { file: files.pyprojectPath, key: "tool.poetry.name" },
    });
  }
}

function pyprojectVersion(files: ProjectFiles, document: TomlTable): VersionFinding {
  checkStringKeys(files, document);
  const project = table(document, "project");
  const poetry = table(document, "tool", "poetry");
  const dynamic = project?.["dynamic"];
  const isDynamic = Array.isArray(dynamic) && dynamic.includes("version");
  const found: Found[] = [];
  const projectVersion = stringAt(project, "version");
  if (projectVersion !== null && !isDynamic) {
    found.push({
      source: { kind: "pyproject-project", path: files.pyprojectPath },
      raw: projectVersion,
      where: `${files.pyprojectPath} [project].version`,
    });
  }
  const poetryVersion = stringAt(poetry, "version");
  // With poetry-dynamic-versioning enabled, [tool.poetry].version is only a placeholder.
  const poetryScm = poetryDynamicVersioning(document);
  if (poetryVersion !== null && !poetryScm) {
    found.push({
      source: { kind: "pyproject-poetry", path: files.pyprojectPath },
      raw: poetryVersion,
      where: `${files.pyprojectPath} [tool.poetry].version`,
    });
  }
  if (found.length > 0) return { found, scm: false, unrecognized: null };
  if (poetryScm) return { found: [], scm: true, unrecognized: null };
  if (isDynamic)
    return followFile(files, resolveDynamicVersion({ document, projectName: stringAt(project, "name") }));
  // PEP 621: a [project] table declares its version or lists it in `dynamic`; build tools refuse one that does neither.
  if (project !== null) {
    return {
      found: [],
      scm: false,
      unrecognized: `${files.pyprojectPath} has no [project].version and does not list "version" in [project].dynamic`,
    };
  }
  return NOTHING;
}

/** The distribution name; a blank one (`name =` in setup.cfg) is no name. */
function declaredName(files: ProjectFiles): string | null {
  const setupName = files.setupPy?.name.length === 1 ? (files.setupPy.name[0]?.value ?? null) : null;
  const named = (value: string | null | undefined) =>
    value === null || value === undefined || value.trim() === "" ? null : value;
  return (
    named(stringAt(table(files.pyproject, "project"), "name")) ??
    named(stringAt(table(files.pyproject, "tool", "poetry"), "name")) ??
    named(files.setupCfg?.get("metadata")?.get("name")?.value.trim()) ??
    named(setupName)
  );
}

/** The file that defines the project: pyproject with a project table, then the legacy files, then any pyproject. */
function definingFile(files: ProjectFiles): string | null {
  const pyproject = files.pyproject;
  if (
    pyproject !== null &&
    (table(pyproject, "project") !== null || table(pyproject, "tool", "poetry") !== null)
  ) {
    return files.pyprojectPath;
  }
  if (files.setupCfg?.has("metadata")) return files.setupCfgPath;
  if (files.setupPy !== null) return files.setupPyPath;
  if (pyproject !== null) return files.pyprojectPath;
  return files.setupCfg !== null ? files.setupCfgPath : null;
}

function hasProjectTable(document: TomlTable | null): document is TomlTable {
  return (
    document !== null && (table(document, "project") !== null || table(document, "tool", "poetry") !== null)
  );
}

export function readProjectMetadata(reader: FileReader, projectPath: string): ProjectMetadata {
  const files = readFiles(reader, projectPath);
  const finding = hasProjectTable(files.pyproject)
    ? pyprojectVersion(files, files.pyproject)
    : legacyVersion(files, false);
  // Every declared source is validated, not only the first: all of them are rewritten.
  const versions = finding.found.map((item) => formatVersion(parseVersion(item.raw, item.where)));
  const name = declaredName(files);
  if (name !== null && !isValidPackageName(name.trim())) {
    const file = definingFile(files) ?? files.pyprojectPath;
    throw new ReleasioError(
      "E_PROJECT_METADATA",
      `${file}: '${escapeLine(name)}' is not a valid distribution name`,
      {
        hint: "use letters, digits, '.', '-' and '_', starting and ending with a letter or digit (PEP 508)",
        details: { file, name },
      },
    );
  }
  return {
    path: files.base,
    name,
    normalizedName: name === null ? null : normalizePackageName(name),
    declaredVersion: versions[0] ?? null,
    rawDeclaredVersion: finding.found[0]?.raw ?? null,
    sources: finding.found.map((item) => item.source),
    scm: finding.scm,
    unrecognizedDynamic: finding.unrecognized,
    projectFile: definingFile(files),
    uvWorkspaceMembers: uvWorkspaceMembers(files.pyproject),
  };
}
