import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: dependencies stay external, type declarations are emitted.
    entry: { index: "src/index.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    dts: true,
    sourcemap: true,
    clean: true,
  },
  {
    // The CLI: one self-contained file, so a run resolves and compiles a single module (startup time matters).
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/.*/],
    splitting: false,
    sourcemap: false,
    minify: process.env.RELEASIO_NO_MINIFY !== "1",
    banner: {
      js: 'import { createRequire as __releasioRequire } from "node:module"; const require = __releasioRequire(import.meta.url);',
    },
  },
]);
