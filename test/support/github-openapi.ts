/**
 * GitHub's OpenAPI description (package @octokit/openapi) as a test oracle: operation lookup by method and path,
 * request/response validation with ajv, and minimal valid sample objects that the fake overlays with its state.
 * Each description is parsed once per process; validators are compiled lazily per operation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

export type OpenApiVariant = "api.github.com" | "ghes-3.19";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}

export interface OperationMatch {
  method: string;
  /** `/repos/{owner}/{repo}/pulls` */
  template: string;
  operationId: string;
  params: Record<string, string>;
}

interface Template {
  template: string;
  segments: string[];
  literals: number;
}

const require = createRequire(import.meta.url);
const documents = new Map<OpenApiVariant, GitHubOpenApi>();

function escapePointer(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
}

export class GitHubOpenApi {
  private readonly spec: Schema;
  private readonly ajv: Ajv;
  private readonly templates = new Map<number, Template[]>();
  private readonly validators = new Map<string, ValidateFunction>();

  /** The description for a variant, loaded once per process. */
  static load(variant: OpenApiVariant = "api.github.com"): GitHubOpenApi {
    let doc = documents.get(variant);
    if (!doc) {
      const file = require.resolve(`@octokit/openapi/generated/${variant}.json`);
      doc = new GitHubOpenApi(JSON.parse(readFileSync(file, "utf8")) as Schema);
      documents.set(variant, doc);
    }
    return doc;
  }

  private constructor(spec: Schema) {
    this.spec = spec;
    makeNullableExplicit(spec);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, discriminator: false });
    this.ajv.addSchema(spec as object, "gh");
    for (const template of Object.keys(spec.paths as Schema)) {
      const segments = template.split("/").slice(1);
      const entry = { template, segments, literals: segments.filter((s) => !s.startsWith("{")).length };
      const list = this.templates.get(segments.length) ?? [];
      list.push(entry);
      this.templates.set(segments.length, list);
    }
  }

  /** Follows a local `$ref` (`#/components/...`) until a non-reference object. */
  resolve(node: Json | undefined): Schema | undefined {
    let current = node;
    for (let i = 0; i < 20 && current && typeof current === "object" && !Array.isArray(current); i++) {
      const ref = (current as Schema).$ref;
      if (typeof ref !== "string") return current as Schema;
      current = this.pointer(ref.replace(/^#/, ""));
    }
    return undefined;
  }

  private pointer(path: string): Json | undefined {
    let node: Json | undefined = this.spec;
    for (const raw of path.split("/").slice(1)) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
      node = (node as Schema)[key];
    }
    return node;
  }

  /** The operation for a method and concrete path, preferring literal segments over parameters. */
  match(method: string, path: string): OperationMatch | null {
    const segments = path.split("/").slice(1).map(decodeURIComponent);
    let best: { t: Template; params: Record<string, string> } | null = null;
    for (const t of this.templates.get(segments.length) ?? []) {
      const params: Record<string, string> = {};
      const ok = t.segments.every((s, i) => {
        if (s.startsWith("{") && s.endsWith("}")) {
          params[s.slice(1, -1)] = segments[i]!;
          return segments[i] !== "";
        }
        return s === segments[i];
      });
      if (!ok) continue;
      const op = (this.spec.paths as Schema)[t.template] as Schema;
      if (!op[method.toLowerCase()]) continue;
      if (!best || t.literals > best.t.literals) best = { t, params };
    }
    if (!best) return null;
    const op = ((this.spec.paths as Schema)[best.t.template] as Schema)[method.toLowerCase()] as Schema;
    return {
      method: method.toUpperCase(),
      template: best.t.template,
      operationId: String(op.operationId),
      params: best.params,
    };
  }

  private operation(m: OperationMatch): Schema {
    return ((this.spec.paths as Schema)[m.template] as Schema)[m.method.toLowerCase()] as Schema;
  }

  private validatorAt(pointer: string): ValidateFunction {
    let v = this.validators.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: `gh#${pointer}` });
      this.validators.set(pointer, v);
    }
    return v;
  }

  private errorsOf(v: ValidateFunction, value: unknown): string[] {
    if (v(value)) return [];
    return (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message ?? "invalid"}`);
  }

  /** JSON pointer of a response's JSON schema (following a `$ref` to components/responses), or null. */
  private responsePointer(m: OperationMatch, status: number): string | null {
    let pointer = `/paths/${escapePointer(m.template)}/${m.method.toLowerCase()}/responses/${status}`;
    let node = (this.operation(m).responses as Schema | undefined)?.[String(status)] as Schema | undefined;
    if (!node) return null;
    if (typeof node.$ref === "string") {
      pointer = node.$ref
        .replace(/^#/, "")
        .split("/")
        .map((s) => encodeURIComponent(s))
        .join("/");
      node = this.resolve(node);
    }
    const content = node?.content as Schema | undefined;
    if (!content?.["application/json"]) return null;
    return `${pointer}/content/${escapePointer("application/json")}/schema`;
  }

  /** Problems with a request: parameters (path, query) and a JSON body. Empty when valid. */
  validateRequest(
    m: OperationMatch,
    query: URLSearchParams,
    body: { contentType: string | null; json: unknown | undefined; raw: Buffer },
  ): string[] {
    const problems: string[] = [];
    const op = this.operation(m);
    const params = ((op.parameters as Json[] | undefined) ?? [])
      .map((p) => this.resolve(p) as unknown as Parameter)
      .filter(Boolean);
    const known = new Set(params.filter((p) => p.in === "query").map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!known.has(name)) problems.push(`unknown query parameter '${name}'`);
    }
    for (const p of params) {
      const value =
        p.in === "query" ? query.get(p.name) : p.in === "path" ? (m.params[p.name] ?? null) : undefined;
      if (value === undefined) continue;
      if (value === null) {
        if (p.required) problems.push(`missing required ${p.in} parameter '${p.name}'`);
        continue;
      }
      const schema = this.resolve(p.schema);
      if (!schema) continue;
      if ((schema.type === "integer" || schema.type === "number") && !/^-?\d+(\.\d+)?$/.test(value)) {
        problems.push(`${p.in} parameter '${p.name}' must be a number; got '${value}'`);
      }
      if (schema.type === "boolean" && value !== "true" && value !== "false") {
        problems.push(`${p.in} parameter '${p.name}' must be true or false; got '${value}'`);
      }
      if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
        problems.push(
          `${p.in} parameter '${p.name}' must be one of ${schema.enum.join(", ")}; got '${value}'`,
        );
      }
    }
    const requestBody = this.resolve(op.requestBody);
    if (!requestBody) {
      if (body.raw.length > 0) problems.push("the operation takes no request body");
      return problems;
    }
    const content = (requestBody.content ?? {}) as Schema;
    if (content["application/json"]) {
      if (body.json === undefined) {
        if (requestBody.required) problems.push("missing JSON request body");
        return problems;
      }
      const pointer = `/paths/${escapePointer(m.template)}/${m.method.toLowerCase()}/requestBody/content/${escapePointer("application/json")}/schema`;
      for (const e of this.errorsOf(this.validatorAt(pointer), body.json)) problems.push(`request body ${e}`);
      // GitHub ignores unknown fields silently; a strict fake flags them, since they are always client bugs.
      const known = this.propertyNames((content["application/json"] as Schema).schema);
      if (
        known !== null &&
        body.json !== null &&
        typeof body.json === "object" &&
        !Array.isArray(body.json)
      ) {
        for (const key of Object.keys(body.json)) {
          if (!known.has(key)) problems.push(`request body has unknown field '${key}'`);
        }
      }
    } else if (!body.contentType) {
      problems.push("missing content-type for a raw request body");
    }
    return problems;
  }

  /** Every property name a (possibly composite) object schema declares, or null when it declares none. */
  private propertyNames(schema: Json | undefined, depth = 0): Set<string> | null {
    const s = this.resolve(schema);
    if (!s || depth > 5) return null;
    const names = new Set<string>(Object.keys((s.properties ?? {}) as Schema));
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      for (const part of (s[key] as Json[] | undefined) ?? []) {
        for (const n of this.propertyNames(part, depth + 1) ?? []) names.add(n);
      }
    }
    return names.size > 0 ? names : null;
  }

  /** Problems with a response body for a status; statuses without a JSON schema are not checked. */
  validateResponse(m: OperationMatch, status: number, body: unknown): string[] {
    const pointer = this.responsePointer(m, status);
    if (pointer === null) return [];
    return this.errorsOf(this.validatorAt(pointer), body).map((e) => `response ${status} ${e}`);
  }

  /** The JSON schema of a response (resolved), for sample generation. */
  responseSchema(m: OperationMatch, status: number): Schema | undefined {
    let node = this.resolve((this.operation(m).responses as Schema)?.[String(status)]);
    node = this.resolve(
      ((node?.content as Schema | undefined)?.["application/json"] as Schema | undefined)?.schema,
    );
    return node;
  }

  /** A component schema by name (`pull-request`). */
  component(name: string): Schema | undefined {
    return this.resolve({ $ref: `#/components/schemas/${name}` });
  }

  /** A minimal value valid for `schema`: required properties only, nullable values null, arrays empty. */
  sample(schema: Json | undefined, depth = 0): unknown {
    const s = this.resolve(schema);
    if (!s || depth > 25) return null;
    if (Array.isArray(s.allOf)) {
      return Object.assign({}, ...s.allOf.map((part) => this.sample(part, depth + 1) as object));
    }
    if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
      return this.sample(((s.oneOf ?? s.anyOf) as Json[])[0], depth + 1);
    }
    if (s.nullable === true) return null;
    if (Array.isArray(s.enum)) return s.enum.find((e) => e !== null) ?? null;
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    switch (type) {
      case "object": {
        const out: Record<string, unknown> = {};
        const props = (s.properties ?? {}) as Schema;
        for (const key of (s.required as string[] | undefined) ?? [])
          out[key] = this.sample(props[key], depth + 1);
        return out;
      }
      case "array":
        return [];
      case "integer":
      case "number":
        return typeof s.minimum === "number" ? Math.max(s.minimum, 1) : 1;
      case "boolean":
        return false;
      case "null":
        return null;
      case "string":
        if (s.format === "date-time") return "2026-01-01T00:00:00Z";
        if (s.format === "uri" || s.format === "uri-template") return "https://example.invalid/";
        if (s.format === "email") return "user@example.invalid";
        return "x";
      default:
        if (s.properties) return this.sample({ ...s, type: "object" }, depth);
        return null;
    }
  }
}

/**
 * OpenAPI 3.0 allows `nullable` beside `allOf`/`oneOf`/`$ref` without `type`, which ajv refuses: such nodes become
 * `anyOf: [null, <the node>]` (null first, so samples prefer it). Done once, in place, on the parsed description.
 */
function makeNullableExplicit(node: unknown): void {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const item of node) makeNullableExplicit(item);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const value of Object.values(record)) makeNullableExplicit(value);
  if (record.nullable === true && record.type === undefined) {
    const inner: Record<string, unknown> = { ...record };
    delete inner.nullable;
    for (const key of Object.keys(record)) delete record[key];
    record.anyOf = [{ type: "null" }, inner];
  }
}

/** Deep-merges `overlay` into `base` (objects merged, everything else replaced). */
export function overlay<T>(base: unknown, patch: unknown): T {
  if (
    base === null ||
    patch === null ||
    typeof base !== "object" ||
    typeof patch !== "object" ||
    Array.isArray(base) ||
    Array.isArray(patch)
  ) {
    return (patch === undefined ? base : patch) as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = overlay(out[k], v);
  }
  return out as T;
}
