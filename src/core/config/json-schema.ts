/**
 * The configuration JSON Schema (draft 2020-12, PRODUCT.md §5.4), generated from the schema definition: every key
 * with its description and default, deprecated aliases marked `"deprecated": true` so configurations releasio
 * accepts also validate, removed keys absent, unknown keys rejected at every level.
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import { BREAKING_INDICATOR, DEPRECATED_ALIASES } from "./legacy-keys.js";
import { configSchema } from "./schema.js";
import { isTable, splitDotted, type Table } from "./tree.js";

export type SchemaForm = "top-level" | "pyproject";

const TITLE = "releasio configuration";
const DESCRIPTION =
  "Configuration of releasio, the release automation tool for Python projects: .releasio.toml, releasio.toml " +
  "or [tool.releasio] in pyproject.toml.";

const SAFE_INTEGER_BOUNDS = new Set([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]);

const LEADING_KEYWORDS = new Set(["description", "default"]);

/**
 * Drops what says nothing to a reader of the schema (the safe-integer bounds every integer has, the empty
 * `required` list of tables whose keys all have defaults) and puts each key's description and default first.
 */
function tidy(node: Table): void {
  for (const bound of ["minimum", "maximum"]) {
    if (SAFE_INTEGER_BOUNDS.has(node[bound] as number)) delete node[bound];
  }
  if (Array.isArray(node["required"]) && node["required"].length === 0) delete node["required"];
  for (const [keyword, value] of Object.entries(node)) {
    if (LEADING_KEYWORDS.has(keyword)) continue;
    delete node[keyword];
    node[keyword] = value;
  }
}

/** Visits every sub-schema. */
function visit(node: unknown, fn: (node: Table) => void): void {
  if (!isTable(node)) return;
  fn(node);
  const properties = node["properties"];
  if (isTable(properties)) for (const child of Object.values(properties)) visit(child, fn);
  visit(node["items"], fn);
  visit(node["additionalProperties"], fn);
  for (const combinator of ["anyOf", "oneOf", "allOf"]) {
    const branches = node[combinator];
    if (Array.isArray(branches)) for (const branch of branches) visit(branch, fn);
  }
}

function propertiesAt(root: Table, path: readonly string[]): Table {
  let node: unknown = root;
  for (const name of path) {
    const properties: unknown = isTable(node) ? node["properties"] : undefined;
    node = isTable(properties) ? properties[name] : undefined;
  }
  const properties = isTable(node) ? node["properties"] : undefined;
  if (!isTable(properties)) throw new Error(`no table at ${path.join(".")} in the configuration schema`);
  return properties;
}

function addDeprecatedAliases(root: Table): void {
  for (const { alias, target } of DEPRECATED_ALIASES) {
    const targetPath = splitDotted(target);
    const targetSchema = propertiesAt(root, targetPath.slice(0, -1))[targetPath[targetPath.length - 1]!];
    const aliasPath = splitDotted(alias);
    const copy = structuredClone(targetSchema) as Table;
    copy["description"] = `Deprecated: use '${target}'. ${String(copy["description"] ?? "")}`.trim();
    copy["deprecated"] = true;
    propertiesAt(root, aliasPath.slice(0, -1))[aliasPath[aliasPath.length - 1]!] = copy;
  }
  const parsers = propertiesAt(root, ["commits"])["commit_parsers"];
  const parserProperties =
    isTable(parsers) && isTable(parsers["items"]) ? parsers["items"]["properties"] : null;
  if (!isTable(parserProperties)) throw new Error("no commit parser table in the configuration schema");
  parserProperties[BREAKING_INDICATOR.key] = {
    type: "string",
    description: BREAKING_INDICATOR.description,
    default: "",
    deprecated: true,
  };
}

function topLevelSchema(): Table {
  // The input side is what a file holds (version file entries before they are normalised); a check (a pattern
  // must contain {version}) has no JSON Schema form and is left to releasio's own validation.
  const generated = toJsonSchema(configSchema, {
    target: "draft-2020-12",
    typeMode: "input",
    ignoreActions: ["check"],
  }) as Table;
  const { $schema, ...body } = generated;
  visit(body, tidy);
  addDeprecatedAliases(body);
  return { $schema, title: TITLE, ...body, description: DESCRIPTION };
}

/** The configuration JSON Schema, for a releasio file or for a whole pyproject.toml. */
export function configJsonSchema(form: SchemaForm): Record<string, unknown> {
  const topLevel = topLevelSchema();
  if (form === "top-level") return topLevel;
  const { $schema, title: _title, description: _description, ...releasio } = topLevel;
  return {
    $schema,
    title: `${TITLE} in pyproject.toml`,
    description: "pyproject.toml with releasio's settings in [tool.releasio].",
    type: "object",
    properties: {
      tool: {
        type: "object",
        description: "Tool settings.",
        properties: { releasio: { ...releasio, description: DESCRIPTION, default: {} } },
      },
    },
  };
}

/** Where the generated schemas are shipped, relative to the package root. */
export const SCHEMA_FILES: Readonly<Record<SchemaForm, string>> = {
  "top-level": "schema/releasio.schema.json",
  pyproject: "schema/pyproject.schema.json",
};

/** The schema file's exact text: pretty-printed JSON with a final newline. */
export function renderConfigSchema(form: SchemaForm): string {
  return `${JSON.stringify(configJsonSchema(form), null, 2)}\n`;
}
