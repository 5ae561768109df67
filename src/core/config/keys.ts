/**
 * Reading the schema as data: the list of keys with their kinds, the node at a dotted path and a readable
 * description of the type a key expects. Environment names, did-you-mean candidates, origins and error messages
 * all come from here, so a key added to the schema is known everywhere at once.
 */
import type * as v from "valibot";
import { configSchema } from "./schema.js";

/** A node of the configuration schema. */
export type SchemaNode = v.GenericSchema;
/** A table of the configuration schema (a strict object). */
export type TableNode = v.StrictObjectSchema<v.ObjectEntries, undefined>;

/** How a key is written: a scalar or list of scalars can be overridden from the environment; the others cannot. */
export type KeyKind = "scalar" | "list" | "table" | "map" | "table-list";

export interface ConfigKey {
  /** Dotted path, e.g. `version.tag_prefix`. */
  path: string;
  kind: KeyKind;
  /** The schema node without its default/optional wrappers. */
  node: SchemaNode;
  /** The declared node, wrappers included (what a value for this key is parsed with). */
  declared: SchemaNode;
}

export type PathSegment = string | number;

/**
 * What the configuration reads of a schema node. Valibot schemas are plain objects: a pipe carries the properties
 * of its first schema, so a described or transformed node reads like the node it wraps.
 */
interface NodeParts {
  type: string;
  /** optional, nullable: the inner schema. */
  wrapped?: SchemaNode;
  /** Objects: the schema of every key. */
  entries?: Record<string, SchemaNode>;
  /** Arrays: the schema of every item. */
  item?: SchemaNode;
  /** Records: the schema of every value. */
  value?: SchemaNode;
  /** Unions: the member schemas; picklists: the allowed values. */
  options?: readonly unknown[];
  /** Literals: the value. */
  literal?: unknown;
}

const partsOf = (node: SchemaNode): NodeParts => node as unknown as NodeParts;

const WRAPPERS = new Set(["optional", "nullable", "nullish", "exact_optional", "undefinedable"]);
const TABLE_TYPES = new Set(["strict_object", "object", "loose_object"]);

const isTableNode = (node: SchemaNode): node is TableNode => TABLE_TYPES.has(node.type);

/** The member schemas of a union node (none for any other node). */
export const unionOptions = (node: SchemaNode): SchemaNode[] =>
  node.type === "union" ? ((partsOf(node).options ?? []) as SchemaNode[]) : [];

/** The chain of a node and the nodes it wraps, outermost first. */
function wrappers(node: SchemaNode): SchemaNode[] {
  const chain = [node];
  for (let current = node; WRAPPERS.has(current.type); ) {
    const { wrapped } = partsOf(current);
    if (wrapped === undefined) break;
    chain.push(wrapped);
    current = wrapped;
  }
  return chain;
}

/** The allowed values of a choice (picklist) node, as written; none for any other node. */
export function choices(node: SchemaNode): string[] {
  const inner = unwrap(node);
  return inner.type === "picklist" ? (partsOf(inner).options ?? []).map(String) : [];
}

/** Strips default, optional and nullable wrappers (descriptions and transforms are pipes: nothing to strip). */
export function unwrap(node: SchemaNode): SchemaNode {
  return wrappers(node).at(-1) ?? node;
}

export function isNullable(node: SchemaNode): boolean {
  return wrappers(node).some((n) => n.type === "nullable" || n.type === "nullish");
}

/** The object options of a union (a version file entry's table forms). */
export function tableOptions(node: SchemaNode): TableNode[] {
  const inner = unwrap(node);
  if (isTableNode(inner)) return [inner];
  return unionOptions(inner).map(unwrap).filter(isTableNode);
}

const SCALAR_TYPES = new Set(["string", "boolean", "number", "picklist", "literal"]);

function isScalar(node: SchemaNode): boolean {
  const inner = unwrap(node);
  if (inner.type === "union") return unionOptions(inner).every(isScalar);
  return SCALAR_TYPES.has(inner.type);
}

function kindOf(node: SchemaNode): KeyKind {
  const inner = unwrap(node);
  const { type, item } = partsOf(inner);
  if (isTableNode(inner)) return "table";
  if (type === "record") return "map";
  if (type === "array" && item !== undefined) return isScalar(item) ? "list" : "table-list";
  return "scalar";
}

function collect(table: TableNode, prefix: string, out: ConfigKey[]): void {
  for (const [name, declared] of Object.entries(table.entries)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const node = unwrap(declared);
    out.push({ path, kind: kindOf(declared), node, declared });
    if (isTableNode(node)) collect(node, path, out);
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
export function childNode(node: SchemaNode, segment: PathSegment): SchemaNode | null {
  const inner = unwrap(node);
  const { type, item, value } = partsOf(inner);
  if (isTableNode(inner) && typeof segment === "string") {
    return Object.hasOwn(inner.entries, segment) ? (inner.entries[segment] ?? null) : null;
  }
  if (type === "array" && typeof segment === "number") return item ?? null;
  if (type === "record" && typeof segment === "string") return value ?? null;
  if (type === "union") {
    const withKey = tableOptions(inner).find(
      (o) => typeof segment === "string" && Object.hasOwn(o.entries, segment),
    );
    return withKey ? childNode(withKey, segment) : null;
  }
  return null;
}

/** The schema node at a path from `root` (default: the whole configuration). */
export function nodeAt(segments: readonly PathSegment[], root: SchemaNode = configSchema): SchemaNode | null {
  let node: SchemaNode | null = root;
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

function alternatives(node: SchemaNode): string[] {
  const inner = unwrap(node);
  const { type, options, literal } = partsOf(inner);
  if (type === "boolean") return ["true", "false"];
  if (type === "literal") return [JSON.stringify(literal)];
  if (type === "picklist") return (options ?? []).map((o) => JSON.stringify(o));
  if (type === "union") return unionOptions(inner).flatMap(alternatives);
  return [describeType(inner)];
}

/** What a value must be, as used in "must be <…>" messages. */
export function describeType(node: SchemaNode): string {
  const inner = unwrap(node);
  const { type, options, literal, item, value } = partsOf(inner);
  if (isTableNode(inner)) return "a table";
  switch (type) {
    case "string":
      return "a string";
    case "boolean":
      return "true or false";
    case "number":
      return "an integer";
    case "picklist":
      return `one of ${(options ?? []).join(", ")}`;
    case "literal":
      return JSON.stringify(literal);
    case "record": {
      if (value === undefined) break;
      return isTableNode(unwrap(value)) ? "a table of tables" : `a table of ${plural(value)}`;
    }
    case "array":
      if (item === undefined) break;
      return `an array of ${plural(item)}`;
    case "union": {
      const members = unionOptions(inner);
      if (!members.some((o) => isTableNode(unwrap(o)))) return joinWords(alternatives(inner));
      const kinds = [...new Set(members.map((o) => (isTableNode(unwrap(o)) ? "a table" : describeType(o))))];
      return joinWords(kinds);
    }
  }
  return "a valid value";
}

function plural(node: SchemaNode): string {
  const inner = unwrap(node);
  if (inner.type === "string") return "strings";
  if (isTableNode(inner)) return "tables";
  if (inner.type === "union") {
    const kinds = new Set(unionOptions(inner).map(plural));
    return joinWords([...kinds]).replace(/ or /, " and ");
  }
  return `values (${describeType(inner)})`;
}

/** The environment variable overriding a key: `RELEASIO_` + the dotted path upper-cased with `.` → `_`. */
export function envNameOf(path: string): string {
  return `RELEASIO_${path.toUpperCase().replaceAll(".", "_")}`;
}
