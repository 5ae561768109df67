/**
 * Reading the schema as data: the list of keys with their kinds, the node at a dotted path and a readable
 * description of the type a key expects. Environment names, did-you-mean candidates, origins and error messages
 * all come from here, so a key added to the schema is known everywhere at once.
 */
import { z } from "zod";
import { configSchema } from "./schema.js";

/** How a key is written: a scalar or list of scalars can be overridden from the environment; the others cannot. */
export type KeyKind = "scalar" | "list" | "table" | "map" | "table-list";

export interface ConfigKey {
  /** Dotted path, e.g. `version.tag_prefix`. */
  path: string;
  kind: KeyKind;
  /** The schema node without its default/optional wrappers. */
  node: z.ZodType;
  /** The declared node, wrappers included (what a value for this key is parsed with). */
  declared: z.ZodType;
}

export type PathSegment = string | number;

/** Strips default, prefault, optional, nullable and transform wrappers. */
export function unwrap(node: z.ZodType): z.ZodType {
  let current: z.ZodType = node;
  for (;;) {
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}

export function isNullable(node: z.ZodType): boolean {
  let current: z.ZodType = node;
  for (;;) {
    if (current instanceof z.ZodNullable) return true;
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodOptional
    ) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return false;
    }
  }
}

/** The object options of a union (a version file entry's table forms). */
export function tableOptions(node: z.ZodType): z.ZodObject[] {
  const inner = unwrap(node);
  if (inner instanceof z.ZodObject) return [inner];
  if (inner instanceof z.ZodUnion) {
    return (inner.options as z.ZodType[])
      .map(unwrap)
      .filter((o): o is z.ZodObject => o instanceof z.ZodObject);
  }
  return [];
}

function isScalar(node: z.ZodType): boolean {
  const inner = unwrap(node);
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).every(isScalar);
  return (
    inner instanceof z.ZodString ||
    inner instanceof z.ZodBoolean ||
    inner instanceof z.ZodNumber ||
    inner instanceof z.ZodEnum ||
    inner instanceof z.ZodLiteral
  );
}

function kindOf(node: z.ZodType): KeyKind {
  const inner = unwrap(node);
  if (inner instanceof z.ZodObject) return "table";
  if (inner instanceof z.ZodRecord) return "map";
  if (inner instanceof z.ZodArray) return isScalar(inner.element as z.ZodType) ? "list" : "table-list";
  return "scalar";
}

function collect(table: z.ZodObject, prefix: string, out: ConfigKey[]): void {
  for (const [name, declared] of Object.entries(table.shape as Record<string, z.ZodType>)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const node = unwrap(declared);
    out.push({ path, kind: kindOf(declared), node, declared });
    if (node instanceof z.ZodObject) collect(node, path, out);
  }
}

let cachedKeys: readonly ConfigKey[] | null = null;

/** Every key of the schema, tables included, in definition order (keys inside arrays and maps are not listed). */
export function configKeys(): readonly ConfigKey[] {
  if (cachedKeys === null) {
    const out: ConfigKey[] = [];
    collect(configSchema, "", out);
    cachedKeys = out;
  }
  return cachedKeys;
}

export function configKey(path: string): ConfigKey | null {
  return configKeys().find((k) => k.path === path) ?? null;
}

/** The child schema for one path segment, or null when the segment cannot exist there. */
export function childNode(node: z.ZodType, segment: PathSegment): z.ZodType | null {
  const inner = unwrap(node);
  if (inner instanceof z.ZodObject && typeof segment === "string") {
    return ((inner.shape as Record<string, z.ZodType>)[segment] ?? null) as z.ZodType | null;
  }
  if (inner instanceof z.ZodArray && typeof segment === "number") return inner.element as z.ZodType;
  if (inner instanceof z.ZodRecord && typeof segment === "string") return inner.valueType as z.ZodType;
  if (inner instanceof z.ZodUnion) {
    const options = tableOptions(inner);
    const withKey = options.find((o) => typeof segment === "string" && segment in o.shape);
    return withKey ? childNode(withKey, segment) : null;
  }
  return null;
}

/** The schema node at a path from `root` (default: the whole configuration). */
export function nodeAt(segments: readonly PathSegment[], root: z.ZodType = configSchema): z.ZodType | null {
  let node: z.ZodType | null = root;
  for (const segment of segments) {
    if (node === null) return null;
    node = childNode(node, segment);
  }
  return node;
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** `["commits", "commit_parsers", 1, "scope_grop"]` → `commits.commit_parsers[1].scope_grop`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = BARE_KEY.test(segment) ? segment : JSON.stringify(segment);
      out += out === "" ? key : `.${key}`;
    }
  }
  return out;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function alternatives(node: z.ZodType): string[] {
  const inner = unwrap(node);
  if (inner instanceof z.ZodBoolean) return ["true", "false"];
  if (inner instanceof z.ZodLiteral) return [...inner.values].map((v) => JSON.stringify(v));
  if (inner instanceof z.ZodEnum) return (inner.options as readonly unknown[]).map((v) => JSON.stringify(v));
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodType[]).flatMap(alternatives);
  return [describeType(inner)];
}

/** What a value must be, as used in "must be <…>" messages. */
export function describeType(node: z.ZodType): string {
  const inner = unwrap(node);
  if (inner instanceof z.ZodString) return "a string";
  if (inner instanceof z.ZodBoolean) return "true or false";
  if (inner instanceof z.ZodNumber) return "an integer";
  if (inner instanceof z.ZodEnum) return `one of ${(inner.options as readonly string[]).join(", ")}`;
  if (inner instanceof z.ZodLiteral) return [...inner.values].map((v) => JSON.stringify(v)).join(" or ");
  if (inner instanceof z.ZodObject) return "a table";
  if (inner instanceof z.ZodRecord) {
    const value = unwrap(inner.valueType as z.ZodType);
    return value instanceof z.ZodObject ? "a table of tables" : `a table of ${plural(value)}`;
  }
  if (inner instanceof z.ZodArray) return `an array of ${plural(inner.element as z.ZodType)}`;
  if (inner instanceof z.ZodUnion) {
    const options = inner.options as z.ZodType[];
    if (options.every((o) => !(unwrap(o) instanceof z.ZodObject))) return joinWords(alternatives(inner));
    const kinds = [
      ...new Set(options.map((o) => (unwrap(o) instanceof z.ZodObject ? "a table" : describeType(o)))),
    ];
    return joinWords(kinds);
  }
  return "a valid value";
}

function plural(node: z.ZodType): string {
  const inner = unwrap(node);
  if (inner instanceof z.ZodString) return "strings";
  if (inner instanceof z.ZodObject) return "tables";
  if (inner instanceof z.ZodUnion) {
    const kinds = new Set((inner.options as z.ZodType[]).map(plural));
    return joinWords([...kinds]).replace(/ or /, " and ");
  }
  return `values (${describeType(inner)})`;
}

/** The environment variable overriding a key: `RELEASIO_` + the dotted path upper-cased with `.` → `_`. */
export function envNameOf(path: string): string {
  return `RELEASIO_${path.toUpperCase().replaceAll(".", "_")}`;
}
