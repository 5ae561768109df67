/** JSON Schema (draft 2020-12) of every command's output, generated from the zod output schemas. */
import { z } from "zod";
import { OUTPUT_SCHEMAS } from "./output-schemas.js";

export function outputJsonSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, schema] of Object.entries(OUTPUT_SCHEMAS)) {
    out[name] = z.toJSONSchema(schema, { target: "draft-2020-12" });
  }
  return out;
}
