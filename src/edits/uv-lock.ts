import { ReleasioError } from "../core/errors.js";
import { normalizePackageName } from "../core/project/package-name.js";
import { parseToml, replaceTomlStrings, type TomlStringChange, verifyTomlChanges } from "./toml-value.js";
import { editVerifyError, versionFileError } from "./verify-error.js";

export interface LockedPackage {
  index: number;
  name: string;
  version: string | null;
  /** The `source` table rendered canonically (`{"editable":"."}`), "" when absent. */
  source: string;
  /** The package is the project itself or a workspace member (`editable` or `virtual` source). */
  local: boolean;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The `[[package]]` entries of a parsed uv.lock. */
export function lockedPackages(document: Record<string, unknown>): LockedPackage[] {
  const packages = Array.isArray(document["package"]) ? (document["package"] as unknown[]) : [];
  return packages.flatMap((entry, index) => {
    if (typeof entry !== "object" || entry === null) return [];
    const record = entry as Record<string, unknown>;
    if (typeof record["name"] !== "string") return [];
    const source = record["source"];
    const local =
      typeof source === "object" && source !== null && ("editable" in source || "virtual" in source);
    return [
      {
        index,
        name: record["name"],
        version: typeof record["version"] === "string" ? record["version"] : null,
        source: source === undefined ? "" : canonicalJson(source),
        local,
      },
    ];
  });
}

function pinsByName(packages: readonly LockedPackage[], allowed: ReadonlySet<string>): Map<string, string[]> {
  const pins = new Map<string, string[]>();
  for (const pkg of packages) {
    const name = normalizePackageName(pkg.name);
    if (allowed.has(name)) continue;
    const list = pins.get(name) ?? [];
    list.push(`${pkg.version ?? "(no version)"}${pkg.source === "" ? "" : ` ${pkg.source}`}`);
    pins.set(name, list);
  }
  for (const list of pins.values()) list.sort();
  return pins;
}

/** `httpx 0.27.0 → 0.28.0`, or the full pin lists when several entries share the name. */
function describeChange(name: string, old: readonly string[], now: readonly string[]): string {
  const version = (pin: string) => pin.split(" ")[0];
  if (old.length === 1 && now.length === 1 && version(old[0] as string) !== version(now[0] as string)) {
    return `${name} ${version(old[0] as string)} → ${version(now[0] as string)}`;
  }
  return `${name} ${old.join(", ")} → ${now.join(", ")}`;
}

/**
 * A lock refresh or edit may change only the packages in `allowed` (normalised names): any other package present
 * before and after whose version or source differs → E_LOCK_PIN_CHANGED.
 */
export function checkLockPins(before: string, after: string, file: string, allowed: readonly string[]): void {
  const allowedNames = new Set(allowed.map(normalizePackageName));
  const old = pinsByName(
    lockedPackages(
      parseToml(before, (detail) => editVerifyError(file, `the original is not valid TOML: ${detail}`)),
    ),
    allowedNames,
  );
  const now = pinsByName(
    lockedPackages(parseToml(after, (detail) => editVerifyError(file, `invalid TOML at ${detail}`))),
    allowedNames,
  );
  const changes: string[] = [];
  for (const [name, oldPins] of old) {
    const newPins = now.get(name);
    if (newPins !== undefined && newPins.join("\n") !== oldPins.join("\n")) {
      changes.push(describeChange(name, oldPins, newPins));
    }
  }
  if (changes.length > 0) {
    throw new ReleasioError(
      "E_LOCK_PIN_CHANGED",
      `${file}: refreshing changed pinned versions (${changes.join(", ")}); restored the original file`,
      {
        hint: "only the project's own entries may change; refresh the lock separately and commit it first",
        details: { file, changes },
      },
    );
  }
}

export interface LockVersionChange {
  name: string;
  from: string;
}

export interface LockEdit {
  text: string;
  changed: LockVersionChange[];
}

function versionChanges(document: Record<string, unknown>, wanted: ReadonlySet<string>, to: string) {
  const targets = lockedPackages(document).filter(
    (pkg) => pkg.local && pkg.version !== null && wanted.has(normalizePackageName(pkg.name)),
  );
  const changes: TomlStringChange[] = targets.map((pkg) => ({
    path: ["package", pkg.index, "version"],
    value: to,
  }));
  return { targets, changes };
}

/**
 * The check behind `setUvLockVersions`: no other package's pin moved (E_LOCK_PIN_CHANGED), and the document equals
 * the original with only the project entries' `version` set to `to` (E_EDIT_VERIFY).
 */
export function verifyUvLockEdit(
  before: string,
  after: string,
  file: string,
  packages: readonly string[],
  to: string,
): void {
  // Pins first, so a moved third-party pin is reported as such rather than as a generic difference.
  checkLockPins(before, after, file, packages);
  const document = parseToml(before, (detail) =>
    editVerifyError(file, `the original is not valid TOML: ${detail}`),
  );
  const { changes } = versionChanges(document, new Set(packages.map(normalizePackageName)), to);
  verifyTomlChanges(before, after, file, changes);
}

/**
 * Sets `version` of the editable/virtual `[[package]]` entries named in `packages` (normalised names) to `to`;
 * only those `version` values change. The result is verified with `verifyUvLockEdit`.
 */
export function setUvLockVersions(
  text: string,
  file: string,
  packages: readonly string[],
  to: string,
): LockEdit {
  const document = parseToml(text, (detail) => versionFileError(file, `invalid TOML at ${detail}`));
  const { targets, changes } = versionChanges(document, new Set(packages.map(normalizePackageName)), to);
  const changed = targets
    .filter((pkg) => pkg.version !== to)
    .map((pkg) => ({ name: pkg.name, from: pkg.version as string }));
  if (changed.length === 0) return { text, changed };
  const after = replaceTomlStrings(text, file, changes);
  verifyUvLockEdit(text, after, file, packages, to);
  return { text: after, changed };
}
