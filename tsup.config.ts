import { defineConfig } from "tsup";

// Bundled CommonJS dependencies call `require`, which an ES module does not have (the Action's build uses it too).
export const REQUIRE_BANNER =
  'import { createRequire as __releasioRequire } from "node:module"; const require = __releasioRequire(import.meta.url);';

export default defineConfig([
  {
    // The library: self-contained like the CLI, so that installing releasio installs no other package's engine
    // requirements. Only valibot stays external: the type declarations name its types (ReleasioConfig is inferred
    // from a valibot schema), so it is the package's one dependency.
    entry: { index: "src/index.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    noExternal: [/^(?!valibot(\/|$))/],
    dts: true,
    sourcemap: true,
    banner: { js: REQUIRE_BANNER },
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
    banner: { js: REQUIRE_BANNER },
  },
]);
