/** Dependency updates for the changelog: pinned versions read from a lock file, and the diff between two of them. */

import { parse } from "smol-toml";
import { ReleasioError } from "../errors.js";
import { normalizePackageName } from "../project/package-name.js";

/** `from` is null for an added package, `to` for a removed one. */
export interface DependencyChange {
  name: string;
  from: string | null;
  to: string | null;
}

/** The lock files compared, in the order they are looked for. */
export type LockKind = "uv.lock" | "poetry.lock" | "pdm.lock" | "requirements.txt";

export const LOCK_KINDS: readonly LockKind[] = ["uv.lock", "poetry.lock", "pdm.lock", "requirements.txt"];

export { normalizePackageName };

/** A package may be locked at several versions (per-platform forks of a uv lock); they are shown together. */
function collect(pins: Iterable<readonly [string, string]>): Map<string, string> {
  const versions = new Map<string, string[]>();
  for (const [name, version] of pins) {
    const key = normalizePackageName(name);
    const list = versions.get(key) ?? [];
    if (!list.includes(version)) list.push(version);
    versions.set(key, list);
  }
  return new Map([...versions].map(([name, list]) => [name, list.join(", ")]));
}

function* tomlPackagePins(kind: LockKind, text: string): Generator<[string, string]> {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    throw new ReleasioError("E_LOCK_INVALID", `${kind}: not valid TOML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const packages = document["package"];
  if (!Array.isArray(packages)) return;
  for (const entry of packages as unknown[]) {
    if (typeof entry !== "object" || entry === null) continue;
    const { name, version } = entry as Record<string, unknown>;
    // Virtual workspace roots and dynamic-version projects are locked without a version.
    if (typeof name === "string" && typeof version === "string") yield [name, version];
  }
}

/** `name[extras] == version` at the start of a line; `===` too. Markers, hashes and comments follow. */
const REQUIREMENT_PIN =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,#\\]+)/;

function* requirementPins(text: string): Generator<[string, string]> {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // Option lines (`-r`, `-e`, `--hash=…` continuations) pin nothing by name.
    if (line.startsWith("-") || line.startsWith("#")) continue;
    const match = REQUIREMENT_PIN.exec(line);
    if (match) yield [match[1]!, match[2]!];
  }
}

/** Normalised name → locked version. */
export function parseLockVersions(kind: LockKind, text: string): Map<string, string> {
  return collect(kind === "requirements.txt" ? requirementPins(text) : tomlPackagePins(kind, text));
}

function normalizedKeys(versions: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...versions].map(([name, version]) => [normalizePackageName(name), version]));
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Changed, added and removed packages, sorted by normalised name. `exclude` names the project itself and its
 * workspace members: their own versions move with every release and are not dependency updates.
 */
export function diffDependencies(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  exclude: readonly string[],
): DependencyChange[] {
  const excluded = new Set(exclude.map(normalizePackageName));
  const old = normalizedKeys(before);
  const current = normalizedKeys(after);
  const names = [...new Set([...old.keys(), ...current.keys()])].sort(byCodePoint);
  const changes: DependencyChange[] = [];
  for (const name of names) {
    if (excluded.has(name)) continue;
    const from = old.get(name) ?? null;
    const to = current.get(name) ?? null;
    if (from !== to) changes.push({ name, from, to });
  }
  return changes;
}

/** The changelog line of one change; null when it names no version at all. */
export function formatDependencyChange(change: DependencyChange): string | null {
  const { name, from, to } = change;
  if (from !== null && to !== null) return `- ${name}: ${from} → ${to}`;
  if (to !== null) return `- ${name} ${to} (added)`;
  if (from !== null) return `- ${name} ${from} (removed)`;
  return null;
}

/** What one release's Dependencies section compares: a lock file at the release and the same file before it. */
export interface LockComparison {
  kind: LockKind;
  /** The file's content id at the previous release; null when it did not exist there (every package is added). */
  before: string | null;
  after: string;
}

/**
 * The comparison of each release, oldest first (§6.10): the first of LOCK_KINDS present at the release, against
 * the same file at the release before. `present[i]` maps each lock kind present at release i to its content id.
 * The first release, and a release without a lock file, have none.
 */
export function releaseLockComparisons(
  present: readonly ReadonlyMap<LockKind, string>[],
): (LockComparison | null)[] {
  return present.map((files, i) => {
    if (i === 0) return null;
    const kind = LOCK_KINDS.find((k) => files.has(k));
    if (kind === undefined) return null;
    return { kind, before: present[i - 1]!.get(kind) ?? null, after: files.get(kind)! };
  });
}
