import { defineConfig } from "tsup";
import { REQUIRE_BANNER } from "./tsup.config.js";

// The GitHub Action: one self-contained file committed at dist/action/index.js (runs.using: node24 installs nothing).
// Not minified, so the committed bundle stays reviewable; CI rebuilds it and fails when it differs.
export default defineConfig({
  entry: { index: "src/action/index.ts" },
  outDir: "dist/action",
  format: ["esm"],
  target: "node20",
  platform: "node",
  noExternal: [/.*/],
  splitting: false,
  sourcemap: false,
  minify: false,
  clean: true,
  banner: { js: REQUIRE_BANNER },
});
