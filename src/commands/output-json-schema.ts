/**
 * JSON Schema (draft 2020-12) of every command's output, generated from the valibot output schemas: the success
 * payload or the failure form.
 */
import { toJsonSchema } from "@valibot/to-json-schema";
import { OUTPUT_SCHEMAS, outputSchema } from "./output-schemas.js";

export function outputJsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const name of Object.keys(OUTPUT_SCHEMAS) as (keyof typeof OUTPUT_SCHEMAS)[]) {
    out[name] = toJsonSchema(outputSchema(name), { target: "draft-2020-12" });
  }
  return out;
}
