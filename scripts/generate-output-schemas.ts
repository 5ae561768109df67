/** Writes schema/output/<command>.schema.json from the valibot output schemas (run: npx tsx scripts/generate-output-schemas.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { outputJsonSchemas } from "../src/commands/output-json-schema.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = join(root, "schema", "output");
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(outputJsonSchemas())) {
  writeFileSync(join(dir, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
