import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputJsonSchemas } from "../../src/commands/output-json-schema.js";

const DIR = join(import.meta.dirname, "..", "..", "schema", "output");

describe("the committed JSON Schemas of every command's --json output", () => {
  it("are exactly what the output schemas generate (run `npm run schema` after changing them)", () => {
    const generated = outputJsonSchemas();
    const committed = readdirSync(DIR).filter((f) => f.endsWith(".schema.json"));
    expect(committed.sort()).toEqual(
      Object.keys(generated)
        .map((name) => `${name}.schema.json`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(join(DIR, `${name}.schema.json`), "utf8"), name).toBe(
        `${JSON.stringify(schema, null, 2)}\n`,
      );
    }
  });
});
