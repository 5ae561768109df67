/**
 * Writes the configuration JSON Schemas shipped in the package: schema/releasio.schema.json (for .releasio.toml and
 * releasio.toml) and schema/pyproject.schema.json (the same under [tool.releasio]).
 * Run with `npx tsx scripts/generate-schemas.ts`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigSchema, SCHEMA_FILES, type SchemaForm } from "../src/core/config/json-schema.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const [form, file] of Object.entries(SCHEMA_FILES) as [SchemaForm, string][]) {
  const target = join(root, file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, renderConfigSchema(form));
  process.stdout.write(`wrote ${file}\n`);
}
