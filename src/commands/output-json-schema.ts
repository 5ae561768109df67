/** JSON Schema (draft 2020-12) of every command's output, generated from the valibot output schemas. */
import { toJsonSchema } from "@valibot/to-json-schema";
import { OUTPUT_SCHEMAS } from "./output-schemas.js";

export function outputJsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, schema] of Object.entries(OUTPUT_SCHEMAS)) {
    out[name] = toJsonSchema(schema, { target: "draft-2020-12" });
  }
  return out;
}
