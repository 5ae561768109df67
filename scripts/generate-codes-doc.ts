/** Writes docs/codes.md from the code catalogue (run: npx tsx scripts/generate-codes-doc.ts). */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { codesReference } from "../src/core/codes.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
writeFileSync(join(root, "docs", "codes.md"), codesReference());
