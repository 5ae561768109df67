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
    // dist/action is committed and dist/cli has its own build: only the library's own files (top level) are
    // removed first, so that chunks of earlier builds are never published.
    clean: ["*.js", "*.js.map", "*.d.ts", "!action/**", "!cli/**"],
  },
  {
    // The CLI: self-contained (no node_modules lookups at start-up). `check` and the other planning commands are
    // in the entry chunk; the forge, publishing and signing commands load their own chunks only when they run.
    entry: { cli: "src/cli/main.ts" },
    outDir: "dist/cli",
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/.*/],
    splitting: true,
    clean: true,
    sourcemap: false,
    minify: process.env.RELEASIO_NO_MINIFY !== "1",
    banner: {
      js: 'import { createRequire as __releasioRequire } from "node:module"; const require = __releasioRequire(import.meta.url);',
    },
  },
]);
