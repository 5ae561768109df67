/**
 * Where a `dynamic = ["version"]` project keeps its version (PRODUCT.md §6.15): a file a build backend reads, an SCM
 * plugin (no declared version), setup.cfg/setup.py for setuptools, or something releasio does not understand.
 */
import { VERSION_NAMES } from "../../edits/python-assignment.js";
import { normalizePackageName } from "./package-name.js";

export type DynamicVersion =
  | { kind: "scm"; tool: string }
  /** A Python file holding an assignment; `candidates` are project-relative, the first existing one is used. */
  | { kind: "python-file"; candidates: string[]; names: readonly string[]; origin: string }
  | { kind: "plain-file"; path: string; origin: string }
  /** setuptools without a dynamic table reads the version from setup.cfg or setup.py. */
  | { kind: "legacy" }
  | { kind: "unrecognized"; reason: string };

export type TomlTable = Record<string, unknown>;

export interface PyprojectView {
  document: TomlTable;
  projectName: string | null;
}

export function table(root: unknown, ...keys: string[]): TomlTable | null {
  let current = root;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return null;
    current = (current as TomlTable)[key];
  }
  return typeof current === "object" &&
    current !== null &&
    !Array.isArray(current) &&
    !(current instanceof Date)
    ? (current as TomlTable)
    : null;
}

export function stringAt(root: TomlTable | null, key: string): string | null {
  const value = root?.[key];
  return typeof value === "string" ? value : null;
}

/** Build requirements by normalised distribution name (`setuptools_scm>=8` → `setuptools-scm`). */
function buildRequirements(document: TomlTable): string[] {
  const requires = table(document, "build-system")?.["requires"];
  if (!Array.isArray(requires)) return [];
  return requires
    .filter((item): item is string => typeof item === "string")
    .map((item) => normalizePackageName(/^\s*([A-Za-z0-9._-]+)/.exec(item)?.[1] ?? ""));
}

/** Candidate files of a dotted module (`demo._version`) in the src layout, then the flat layout. */
export function moduleFiles(module: string, roots: readonly string[]): string[] {
  const relative = module.split(".").join("/");
  return roots.flatMap((root) => {
    const prefix = root === "" || root === "." ? "" : `${root.replace(/\/+$/, "")}/`;
    return [`${prefix}${relative}.py`, `${prefix}${relative}/__init__.py`];
  });
}

const MODULE_ROOTS = ["src", "."];

/** `demo.__version__` → the module's candidate files, reading only the standard version names. */
export function attrVersion(
  attr: string,
  origin: string,
  roots: readonly string[] = MODULE_ROOTS,
): DynamicVersion {
  const dot = attr.trim().lastIndexOf(".");
  const module = attr.trim().slice(0, Math.max(dot, 0));
  const name = attr.trim().slice(dot + 1);
  if (dot <= 0 || !VERSION_NAMES.includes(name)) {
    return {
      kind: "unrecognized",
      reason: `${origin} = '${attr}' is not a module attribute named ${VERSION_NAMES.join(", ")}`,
    };
  }
  return { kind: "python-file", candidates: moduleFiles(module, roots), names: [name], origin };
}

/** `file = "VERSION"` or a one-element list. */
export function fileVersion(value: unknown, origin: string): DynamicVersion {
  const files = Array.isArray(value) ? value : [value];
  const [file] = files;
  if (files.length !== 1 || typeof file !== "string") {
    return { kind: "unrecognized", reason: `${origin} must name exactly one file` };
  }
  return { kind: "plain-file", path: file.trim(), origin };
}

type Detector = (view: PyprojectView) => DynamicVersion | null;

function hatch({ document }: PyprojectView): DynamicVersion | null {
  const version = table(document, "tool", "hatch", "version");
  if (version === null) return null;
  const source = stringAt(version, "source") ?? "regex";
  if (source === "vcs") return { kind: "scm", tool: "hatch-vcs" };
  if (source === "uv-dynamic-versioning") return { kind: "scm", tool: "uv-dynamic-versioning" };
  if (source === "versioningit") return { kind: "scm", tool: "versioningit" };
  const path = stringAt(version, "path");
  if (source === "regex" && path !== null && version["pattern"] === undefined) {
    return {
      kind: "python-file",
      candidates: [path],
      names: VERSION_NAMES,
      origin: "[tool.hatch.version].path",
    };
  }
  const reason =
    source !== "regex"
      ? `[tool.hatch.version] source = '${source}' is not supported`
      : path === null
        ? "[tool.hatch.version] names no path"
        : "[tool.hatch.version] pattern (a custom regex) is not supported; list the file in version.version_files with a pattern";
  return { kind: "unrecognized", reason };
}

function pdm({ document }: PyprojectView): DynamicVersion | null {
  const version = table(document, "tool", "pdm", "version");
  if (version === null) return null;
  const source = stringAt(version, "source");
  if (source === "scm") return { kind: "scm", tool: "pdm scm" };
  const path = stringAt(version, "path");
  if (source === "file" && path !== null) {
    return {
      kind: "python-file",
      candidates: [path],
      names: ["__version__"],
      origin: "[tool.pdm.version].path",
    };
  }
  return { kind: "unrecognized", reason: `[tool.pdm.version] source = '${source ?? ""}' is not supported` };
}

function setuptoolsDynamic({ document }: PyprojectView): DynamicVersion | null {
  const version = table(document, "tool", "setuptools", "dynamic", "version");
  if (version === null) return null;
  const attr = stringAt(version, "attr");
  if (attr !== null) {
    const packageDir = stringAt(table(document, "tool", "setuptools", "package-dir"), "");
    const roots = packageDir === null ? MODULE_ROOTS : [packageDir, ...MODULE_ROOTS];
    return attrVersion(attr, "[tool.setuptools.dynamic].version.attr", roots);
  }
  if (version["file"] !== undefined)
    return fileVersion(version["file"], "[tool.setuptools.dynamic].version.file");
  return { kind: "unrecognized", reason: "[tool.setuptools.dynamic].version has neither attr nor file" };
}

/** Configuration tables whose presence means the version comes from git tags. */
const SCM_TABLES: ReadonlyArray<readonly [string, string]> = [
  ["setuptools_scm", "setuptools-scm"],
  ["setuptools-scm", "setuptools-scm"],
  ["versioningit", "versioningit"],
  ["uv-dynamic-versioning", "uv-dynamic-versioning"],
];

function scmTable({ document }: PyprojectView): DynamicVersion | null {
  const found = SCM_TABLES.find(([key]) => table(document, "tool", key) !== null);
  if (found !== undefined) return { kind: "scm", tool: found[1] };
  return poetryDynamicVersioning(document) ? { kind: "scm", tool: "poetry-dynamic-versioning" } : null;
}

/** Build plugins that version from SCM when the version is dynamic. */
const SCM_REQUIREMENTS = [
  "setuptools-scm",
  "hatch-vcs",
  "versioningit",
  "uv-dynamic-versioning",
  "poetry-dynamic-versioning",
];

function scmRequirement({ document }: PyprojectView): DynamicVersion | null {
  const tool = buildRequirements(document).find((name) => SCM_REQUIREMENTS.includes(name));
  return tool === undefined ? null : { kind: "scm", tool };
}

function flit({ document, projectName }: PyprojectView): DynamicVersion | null {
  const backend = stringAt(table(document, "build-system"), "build-backend") ?? "";
  if (!backend.startsWith("flit")) return null;
  const module =
    stringAt(table(document, "tool", "flit", "module"), "name") ?? projectName?.replace(/[-.]/g, "_");
  if (module === undefined || module === null)
    return { kind: "unrecognized", reason: "flit module name unknown" };
  const packages = MODULE_ROOTS.map((root) =>
    root === "." ? `${module}/__init__.py` : `${root}/${module}/__init__.py`,
  );
  const singleModules = MODULE_ROOTS.map((root) => (root === "." ? `${module}.py` : `${root}/${module}.py`));
  return {
    kind: "python-file",
    candidates: [...packages, ...singleModules],
    names: ["__version__"],
    origin: "flit module",
  };
}

function setuptoolsLegacy({ document }: PyprojectView): DynamicVersion | null {
  const backend = stringAt(table(document, "build-system"), "build-backend");
  return backend === null || backend.startsWith("setuptools") ? { kind: "legacy" } : null;
}

/** Tried in order; the first answer wins. Backend-specific tables come before generic SCM markers. */
const DETECTORS: readonly Detector[] = [
  hatch,
  pdm,
  setuptoolsDynamic,
  scmTable,
  scmRequirement,
  flit,
  setuptoolsLegacy,
];

export function resolveDynamicVersion(view: PyprojectView): DynamicVersion {
  for (const detect of DETECTORS) {
    const found = detect(view);
    if (found !== null) return found;
  }
  const backend = stringAt(table(view.document, "build-system"), "build-backend") ?? "unknown";
  return {
    kind: "unrecognized",
    reason: `[project].dynamic lists "version" but no supported version source was found (build backend ${backend})`,
  };
}

/** `[tool.poetry-dynamic-versioning] enable = true`: the plugin replaces the placeholder version from tags. */
export function poetryDynamicVersioning(document: TomlTable): boolean {
  return table(document, "tool", "poetry-dynamic-versioning")?.["enable"] === true;
}
