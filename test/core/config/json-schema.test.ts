import { readFile } from "node:fs/promises";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import {
  configJsonSchema,
  renderConfigSchema,
  SCHEMA_FILES,
  type SchemaForm,
} from "../../../src/core/config/json-schema.js";
import { configKeys } from "../../../src/core/config/keys.js";
import { DEPRECATED_ALIASES, REMOVED_KEYS } from "../../../src/core/config/legacy-keys.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";
import { validateConfig } from "../../../src/core/config/validate.js";

type Json = Record<string, unknown>;

const ROOT = join(import.meta.dirname, "..", "..", "..");

// ajv is CommonJS: its class is both the module and its `default` export; the latter is what TypeScript sees.
const Ajv = Ajv2020.default;

function compile(form: SchemaForm) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(configJsonSchema(form));
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Every property schema of the document, with its dotted path and whether its parent requires it. */
function properties(node: unknown, path = ""): { path: string; schema: Json; required: boolean }[] {
  if (!isObject(node)) return [];
  const out: { path: string; schema: Json; required: boolean }[] = [];
  const required = Array.isArray(node["required"]) ? (node["required"] as string[]) : [];
  if (isObject(node["properties"])) {
    for (const [name, child] of Object.entries(node["properties"])) {
      const childPath = path === "" ? name : `${path}.${name}`;
      out.push({ path: childPath, schema: child as Json, required: required.includes(name) });
      out.push(...properties(child, childPath));
    }
  }
  out.push(...properties(node["items"], `${path}[]`));
  if (isObject(node["additionalProperties"]))
    out.push(...properties(node["additionalProperties"], `${path}.*`));
  for (const branch of (node["anyOf"] as unknown[] | undefined) ?? []) out.push(...properties(branch, path));
  return out;
}

/** Every sub-schema that describes a table (has properties). */
function tables(node: unknown): Json[] {
  if (!isObject(node)) return [];
  const own = isObject(node["properties"]) ? [node] : [];
  const children = [
    ...Object.values(isObject(node["properties"]) ? node["properties"] : {}),
    node["items"],
    node["additionalProperties"],
    ...((node["anyOf"] as unknown[] | undefined) ?? []),
  ];
  return [...own, ...children.flatMap(tables)];
}

describe("configuration JSON Schema", () => {
  it.each(Object.entries(SCHEMA_FILES))(
    "the committed %s schema is the generated one (%s)",
    async (form, file) => {
      const committed = await readFile(join(ROOT, file), "utf8");
      expect(committed).toBe(renderConfigSchema(form as SchemaForm));
      expect(committed.endsWith("}\n")).toBe(true);
    },
  );

  it("is draft 2020-12", () => {
    expect(configJsonSchema("top-level")["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(configJsonSchema("pyproject")["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("validates the default configuration", () => {
    const validate = compile("top-level");
    expect(validate(JSON.parse(JSON.stringify(DEFAULT_CONFIG))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it("rejects an unknown key such as version.prefix", () => {
    const validate = compile("top-level");
    expect(validate({ version: { prefix: "v" } })).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe("additionalProperties");
  });

  it("rejects values of the wrong type and outside enums", () => {
    const validate = compile("top-level");
    expect(validate({ publish: { tool: "flit" } })).toBe(false);
    expect(validate({ allow_dirty: "yes" })).toBe(false);
    expect(validate({ publish: { trusted_publishing: "required", attestations: false } })).toBe(true);
  });

  it("every key has a description, and a default unless it is required", () => {
    const all = properties(configJsonSchema("top-level"));
    expect(all.length).toBeGreaterThan(100);
    const undocumented = all.filter((p) => typeof p.schema["description"] !== "string").map((p) => p.path);
    const withoutDefault = all.filter((p) => !p.required && !("default" in p.schema)).map((p) => p.path);
    expect(undocumented).toEqual([]);
    expect(withoutDefault).toEqual([]);
    const required = all.filter((p) => p.required).map((p) => p.path);
    expect(required).toEqual(
      expect.arrayContaining([
        "commits.commit_parsers[].pattern",
        "commits.commit_parsers[].type",
        "branches.*.match",
      ]),
    );
  });

  it("every key of the schema definition appears with the default the code uses", () => {
    const byPath = new Map(properties(configJsonSchema("top-level")).map((p) => [p.path, p.schema]));
    for (const key of configKeys()) {
      const schema = byPath.get(key.path);
      expect(schema, key.path).toBeDefined();
      if (key.kind !== "table") {
        const value = key.path.split(".").reduce<unknown>((v, k) => (v as Json)[k], DEFAULT_CONFIG);
        expect(schema?.["default"], key.path).toEqual(value);
      }
    }
  });

  it("tables reject unknown keys at every level", () => {
    for (const table of tables(configJsonSchema("top-level"))) {
      expect(table["additionalProperties"]).toBe(false);
    }
  });

  it("lists the deprecated aliases as deprecated, so configurations releasio accepts validate", () => {
    const byPath = new Map(properties(configJsonSchema("top-level")).map((p) => [p.path, p.schema]));
    for (const { alias } of DEPRECATED_ALIASES) expect(byPath.get(alias)?.["deprecated"], alias).toBe(true);
    expect(byPath.get("commits.commit_parsers[].breaking_indicator")?.["deprecated"]).toBe(true);
    const document = {
      github: { release_pr_branch: "rel", draft_releases: true },
      security: { security_patterns: ["CVE"] },
      commits: { commit_parsers: [{ pattern: "^:boom:", type: "feat", breaking_indicator: ":boom:" }] },
    };
    expect(compile("top-level")(document)).toBe(true);
    expect(validateConfig(document, "releasio.toml").config.release_pr.branch).toBe("rel");
  });

  it("leaves the removed keys out", () => {
    const paths = new Set(properties(configJsonSchema("top-level")).map((p) => p.path));
    for (const { path } of REMOVED_KEYS) expect(paths.has(path), path).toBe(false);
    expect(compile("top-level")({ changelog: { native_fallback: true } })).toBe(false);
  });

  it("the pyproject form holds the same schema under tool.releasio and allows other tools", () => {
    const validate = compile("pyproject");
    const pyproject = {
      project: { name: "demo", version: "1.0.0" },
      tool: { ruff: { line_length: 100 }, releasio: { version: { tag_prefix: "" } } },
    };
    expect(validate(pyproject)).toBe(true);
    expect(validate({ tool: { releasio: { version: { prefix: "v" } } } })).toBe(false);
    const releasio = ((configJsonSchema("pyproject")["properties"] as Json)["tool"] as Json)[
      "properties"
    ] as Json;
    expect((releasio["releasio"] as Json)["properties"]).toEqual(configJsonSchema("top-level")["properties"]);
  });

  it("describes version file entries in each of their forms", () => {
    const validate = compile("top-level");
    const entries = [
      "src/demo/__init__.py",
      { path: "VERSION" },
      { path: "docs/conf.py", pattern: 'release = "{version}"', count: 2 },
      { path: "package.json", json_key: "version" },
      { path: "Cargo.toml", toml_key: "package.version" },
    ];
    expect(validate({ version: { version_files: entries } })).toBe(true);
    expect(validate({ version: { version_files: [{ path: "x", patern: "{version}" }] } })).toBe(false);
  });
});
