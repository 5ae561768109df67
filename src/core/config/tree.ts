/** Reading and writing nested plain-object values (a parsed TOML document) by path. */
import type { PathSegment } from "./keys.js";

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date)
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function splitDotted(path: string): string[] {
  return path.split(".");
}

export function getPath(root: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isTable(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

export function hasPath(root: unknown, segments: readonly PathSegment[]): boolean {
  if (segments.length === 0) return true;
  const parent = getPath(root, segments.slice(0, -1));
  const last = segments[segments.length - 1]!;
  if (typeof last === "number") return Array.isArray(parent) && last < parent.length;
  return isTable(parent) && Object.hasOwn(parent, last);
}

/**
 * Sets a value, creating missing tables on the way. Returns false (and changes nothing) when a non-table value
 * is in the way: that value is itself invalid and will be reported by validation.
 */
export function setPath(root: Table, segments: readonly string[], value: unknown): boolean {
  let current: Table = root;
  for (const segment of segments.slice(0, -1)) {
    if (!Object.hasOwn(current, segment)) current[segment] = {};
    const next = current[segment];
    if (!isTable(next)) return false;
    current = next;
  }
  current[segments[segments.length - 1]!] = value;
  return true;
}

export function deletePath(root: Table, segments: readonly string[]): void {
  const parent = getPath(root, segments.slice(0, -1));
  if (isTable(parent)) delete parent[segments[segments.length - 1]!];
}

/**
 * A copy of a parsed document with every value that is neither a table nor an array replaced by `leaf` of it
 * (tables and arrays are new, keys keep their order).
 */
export function mapTree(value: unknown, leaf: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapTree(v, leaf));
  if (isTable(value)) {
    const out: Table = {};
    // Defined, not assigned: a key written `__proto__` stays a key (and is then reported as unknown).
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: mapTree(v, leaf),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return leaf(value);
}

/** A deep copy of a parsed document (tables, arrays, scalars and dates). */
export function cloneTree<T>(value: T): T {
  return mapTree(value, (v) => v) as T;
}

/** Every path of a document in document order, tables and array items included. */
export function documentPaths(
  root: unknown,
  format: (segments: PathSegment[]) => string,
  prefix: PathSegment[] = [],
  out: string[] = [],
): string[] {
  if (isTable(root)) {
    for (const [k, v] of Object.entries(root)) {
      const segments = [...prefix, k];
      out.push(format(segments));
      documentPaths(v, format, segments, out);
    }
  } else if (Array.isArray(root)) {
    root.forEach((v, i) => {
      const segments = [...prefix, i];
      out.push(format(segments));
      documentPaths(v, format, segments, out);
    });
  }
  return out;
}
