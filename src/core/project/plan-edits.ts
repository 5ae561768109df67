/**
 * Computes every version edit of a release in memory: the declared sources, the version files and uv.lock. Each
 * updater verifies its own result; any failure is raised here, before the caller writes a single file.
 */
import { readJsonString, setJsonString } from "../../edits/json-key.js";
import { setPatternVersion } from "../../edits/pattern.js";
import { readPlainVersion, setPlainVersion } from "../../edits/plain-version-file.js";
import {
  chooseAssignments,
  findVersionAssignments,
  type PythonAssignment,
  setPythonAssignments,
} from "../../edits/python-assignment.js";
import { parseIni, setSetupCfgVersion } from "../../edits/setup-cfg.js";
import { readSetupCall, setSetupPyVersion } from "../../edits/setup-py.js";
import { parseTomlKey } from "../../edits/toml-scan.js";
import { getTomlString, setTomlString } from "../../edits/toml-value.js";
import { setUvLockVersions } from "../../edits/uv-lock.js";
import { versionFileError } from "../../edits/verify-error.js";
import type { Warning } from "../errors.js";
import type { FileChange } from "../plan/types.js";
import { formatVersion, tryParseVersion, versionsEqual } from "../version/pep440.js";
import { type FileReader, repoPath, selfAndParents } from "./files.js";
import type { ProjectMetadata, VersionSource } from "./metadata.js";
import { resolveVersionFiles, sameVersion, type VersionFileSpec } from "./version-files.js";

export interface EditPlanInput {
  reader: FileReader;
  metadata: ProjectMetadata;
  /** Explicit `version.version_files` entries, paths relative to the project. */
  versionFiles: readonly VersionFileSpec[];
  autoDetect: boolean;
  /** The current version D (canonical PEP 440), null when none is known. */
  from: string | null;
  to: string;
  updateLockFile: boolean;
  /** Normalised names of the project (and workspace members) whose uv.lock entries change; default the project. */
  lockPackages?: readonly string[];
}

export interface PlannedEdit {
  path: string;
  kind: FileChange["kind"];
  /** The version the file held (as written there). */
  from: string | null;
  to: string;
  before: string;
  after: string;
}

export interface EditPlan {
  edits: PlannedEdit[];
  warnings: Warning[];
  /** Every file the plan keeps in step (declared sources, version files, the lock file), changed or not. */
  managed: string[];
}

type EditKind = FileChange["kind"];

/** One change of one file: what it held, and the new content computed from the current content. */
interface FileEdit {
  from: string | null;
  after: string;
}

/** Whether every line `edited` changes in `before` already reads so in `planned` (all three of one line count). */
function madeAlready(before: string, edited: string, planned: string): boolean {
  const [b, e, p] = [before, edited, planned].map((text) => text.split("\n"));
  if (b!.length !== e!.length || b!.length !== p!.length) return false;
  return b!.every((line, i) => e![i] === line || p![i] === e![i]);
}

/** Accumulates edits per file so several edits of the same file (a toml_key in pyproject.toml) compose. */
class EditBuffer {
  private readonly files = new Map<string, PlannedEdit>();

  constructor(
    private readonly reader: FileReader,
    private readonly to: string,
  ) {}

  has(path: string): boolean {
    return this.files.has(path);
  }

  content(path: string): string | null {
    return this.files.get(path)?.after ?? this.reader.read(path);
  }

  /**
   * Plans `edit` of a file. `edit` is given the file as read, so that what it checks (a pattern's count, the value
   * it reports) is about the file and not about an earlier source's edit of it (`pyproject.toml` listed in
   * `version_files` too); its change is then composed with the earlier ones (`composing` set: report nothing). A
   * change the earlier edits already made, line for line, is no change.
   */
  apply(path: string, kind: EditKind, edit: (text: string, composing: boolean) => FileEdit): FileEdit {
    const planned = this.files.get(path);
    if (planned === undefined) {
      const text = this.reader.read(path);
      if (text === null) throw versionFileError(path, "the version file does not exist");
      const result = edit(text, false);
      this.files.set(path, { path, kind, from: result.from, to: this.to, before: text, after: result.after });
      return result;
    }
    const result = edit(planned.before, false);
    if (madeAlready(planned.before, result.after, planned.after)) return result;
    planned.after = edit(planned.after, true).after;
    return result;
  }

  edits(): PlannedEdit[] {
    return [...this.files.values()].filter((edit) => edit.after !== edit.before);
  }

  paths(): string[] {
    return [...this.files.keys()];
  }
}

const SOURCE_KINDS: Record<VersionSource["kind"], EditKind> = {
  "pyproject-project": "pyproject",
  "pyproject-poetry": "pyproject",
  "setup-cfg": "setup-cfg",
  "setup-py": "setup-py",
  "python-file": "version-file",
  "plain-file": "version-file",
};

function canonical(version: string | null): string | null {
  if (version === null) return null;
  const parsed = tryParseVersion(version);
  return parsed === null ? version : formatVersion(parsed);
}

class Planner {
  private readonly buffer: EditBuffer;
  readonly warnings: Warning[] = [];
  private readonly current: string | null;

  constructor(private readonly input: EditPlanInput) {
    this.buffer = new EditBuffer(input.reader, input.to);
    this.current = canonical(input.from);
  }

  private mismatch(path: string, label: string, value: string): void {
    if (this.current === null || sameVersion(value, this.current)) return;
    // Another spelling of the same PEP 440 version (`1.0.0` in a file, `1.0` declared) is no disagreement.
    const [a, b] = [tryParseVersion(value), tryParseVersion(this.current)];
    if (a !== null && b !== null && versionsEqual(a, b)) return;
    this.warnings.push({
      code: "W_VERSION_MISMATCH",
      message: `${path}: ${label} is ${value} but the current version is ${this.current}; it will be set to ${this.input.to}`,
    });
  }

  private toml(path: string, kind: EditKind, keyPath: string[], label: string): void {
    this.buffer.apply(path, kind, (text, composing) => {
      const from = getTomlString(text, path, keyPath);
      if (!composing) this.mismatch(path, label, from);
      return { from, after: setTomlString(text, path, keyPath, this.input.to) };
    });
  }

  /** A Python file: the single assignment, or the ones holding the current version; `onlyCurrent` for detection. */
  private python(path: string, onlyCurrent: boolean): void {
    this.buffer.apply(path, "version-file", (text, composing) => {
      const all = findVersionAssignments(text);
      const isCurrent = (value: string) => sameVersion(value, this.current);
      const chosen: PythonAssignment[] = onlyCurrent
        ? all.filter((assignment) => isCurrent(assignment.value))
        : chooseAssignments(path, all, isCurrent, this.current);
      if (!composing) for (const assignment of chosen) this.mismatch(path, assignment.name, assignment.value);
      const from = chosen[0]?.value ?? null;
      return { from, after: setPythonAssignments(text, path, chosen, this.input.to) };
    });
  }

  private plain(path: string): void {
    this.buffer.apply(path, "version-file", (text, composing) => {
      const from = readPlainVersion(text);
      if (from !== null && !composing) this.mismatch(path, "the version", from);
      return { from, after: setPlainVersion(text, path, this.input.to) };
    });
  }

  declared(source: VersionSource): void {
    const kind = SOURCE_KINDS[source.kind];
    const path = source.path;
    switch (source.kind) {
      case "pyproject-project":
        this.toml(path, kind, ["project", "version"], "[project].version");
        return;
      case "pyproject-poetry":
        this.toml(path, kind, ["tool", "poetry", "version"], "[tool.poetry].version");
        return;
      case "setup-cfg":
        this.buffer.apply(path, kind, (text) => ({
          from: parseIni(text).get("metadata")?.get("version")?.value ?? null,
          after: setSetupCfgVersion(text, path, this.input.to),
        }));
        return;
      case "setup-py":
        this.buffer.apply(path, kind, (text) => ({
          from: readSetupCall(text).version[0]?.value ?? null,
          after: setSetupPyVersion(text, path, this.input.to),
        }));
        return;
      case "python-file":
        this.python(path, false);
        return;
      case "plain-file":
        this.plain(path);
        return;
    }
  }

  /** A `"path"` entry: a Python module, or a file holding only the version. */
  private pathEntry(path: string): void {
    const text = this.buffer.content(path) ?? "";
    const isPython =
      /\.pyi?$/.test(path) || (readPlainVersion(text) === null && findVersionAssignments(text).length > 0);
    if (isPython) {
      this.python(path, false);
      return;
    }
    if (readPlainVersion(text) === null) {
      throw versionFileError(path, "holds neither a single version nor a version assignment");
    }
    this.plain(path);
  }

  /** The literal pattern with `{version}` = D; the declared spelling is tried when it differs from the canonical. */
  private patternEntry(path: string, pattern: string, count: number): void {
    if (this.current === null) {
      throw versionFileError(path, `cannot match ${pattern}: no current version is known`);
    }
    const current = this.current;
    const raw =
      this.input.metadata.declaredVersion === current ? this.input.metadata.rawDeclaredVersion : null;
    this.buffer.apply(path, "version-file", (text) => {
      try {
        return {
          from: current,
          after: setPatternVersion(text, path, pattern, current, this.input.to, count),
        };
      } catch (error) {
        if (raw === null || raw === current) throw error;
        try {
          return { from: raw, after: setPatternVersion(text, path, pattern, raw, this.input.to, count) };
        } catch {
          throw error;
        }
      }
    });
  }

  explicit(path: string, spec: VersionFileSpec): void {
    switch (spec.kind) {
      case "path":
        this.pathEntry(path);
        return;
      case "pattern":
        this.patternEntry(path, spec.pattern, spec.count);
        return;
      case "toml_key": {
        const keyPath = parseTomlKey(spec.toml_key);
        if (keyPath === null) throw versionFileError(path, `'${spec.toml_key}' is not a valid TOML key`);
        this.toml(path, "version-file", keyPath, spec.toml_key);
        return;
      }
      case "json_key":
        this.buffer.apply(path, "version-file", (text, composing) => {
          const from = readJsonString(text, path, spec.json_key).value;
          if (!composing) this.mismatch(path, spec.json_key, from);
          return { from, after: setJsonString(text, path, spec.json_key, this.input.to) };
        });
        return;
    }
  }

  versionFiles(): void {
    const { reader, metadata, versionFiles, autoDetect } = this.input;
    const declaredFiles = new Set(
      metadata.sources.filter((s) => s.kind === "python-file" || s.kind === "plain-file").map((s) => s.path),
    );
    for (const file of resolveVersionFiles(reader, metadata.path, versionFiles, autoDetect, this.current)) {
      // A file that is already the declared source was rewritten with it; editing it again would only warn.
      if (file.origin === "explicit" && file.spec.kind === "path" && declaredFiles.has(file.path)) continue;
      if (file.origin === "explicit") this.explicit(file.path, file.spec);
      else if (!this.buffer.has(file.path)) {
        if (file.format === "python") this.python(file.path, true);
        else this.plain(file.path);
      }
    }
  }

  lockFile(): void {
    const { reader, metadata, lockPackages } = this.input;
    const packages = lockPackages ?? (metadata.normalizedName === null ? [] : [metadata.normalizedName]);
    if (packages.length === 0) return;
    const lockPath = selfAndParents(metadata.path)
      .map((directory) => repoPath(directory, "uv.lock") ?? "uv.lock")
      .find((path) => reader.read(path) !== null);
    if (lockPath === undefined) return;
    this.buffer.apply(lockPath, "lock-file", (text) => {
      const { text: after, changed } = setUvLockVersions(text, lockPath, packages, this.input.to);
      return { from: changed[0]?.from ?? null, after };
    });
  }

  edits(): PlannedEdit[] {
    return this.buffer.edits();
  }

  managed(): string[] {
    return this.buffer.paths();
  }
}

export function planVersionEdits(input: EditPlanInput): EditPlan {
  const planner = new Planner(input);
  for (const source of input.metadata.sources) planner.declared(source);
  planner.versionFiles();
  // With SCM versioning the lock records no release version to keep in step (§6.15: no file is edited).
  if (input.updateLockFile && !input.metadata.scm) planner.lockFile();
  return { edits: planner.edits(), warnings: planner.warnings, managed: planner.managed() };
}
