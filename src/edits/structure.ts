/** Helpers for comparing parsed documents (TOML, JSON, INI) before and after an edit. */

export type PathSegment = string | number;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current) && typeof segment === "string" && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else return undefined;
  }
  return current;
}

/** A copy of `root` with the value at an existing `path` replaced. */
export function withValueAt(root: unknown, path: readonly PathSegment[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(root) && typeof head === "number") {
    return root.map((item, index) => (index === head ? withValueAt(item, rest, value) : item));
  }
  if (isRecord(root) && typeof head === "string") {
    return { ...root, [head]: withValueAt(root[head], rest, value) };
  }
  return root;
}

/** The first path at which two parsed documents differ, rendered dotted, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: readonly PathSegment[] = []): string | null {
  const here = path.length === 0 ? "<root>" : path.join(".");
  if (a instanceof Date || b instanceof Date) {
    const same = a instanceof Date && b instanceof Date && a.toISOString() === b.toISOString();
    return same ? null : here;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return here;
    for (let i = 0; i < a.length; i += 1) {
      const difference = firstDifference(a[i], b[i], [...path, i]);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return here;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) return [...path, key].join(".");
      const difference = firstDifference(a[key], b[key], [...path, key]);
      if (difference !== null) return difference;
    }
    return null;
  }
  return Object.is(a, b) ? null : here;
}
