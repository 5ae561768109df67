import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

/**
 * zod re-exports every message locale (about 250 KB); releasio only uses the English messages, so the CLI
 * bundle gets a locales module holding just those. Less code to compile makes every run start faster.
 */
const englishZodLocalesOnly: Plugin = {
  name: "english-zod-locales-only",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${"node_modules"}/zod/`)
        ? { path: "zod-locales-en", namespace: "releasio" }
        : undefined,
    );
    build.onLoad({ filter: /^zod-locales-en$/, namespace: "releasio" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

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
    esbuildPlugins: [englishZodLocalesOnly],
    splitting: false,
    sourcemap: false,
    minify: process.env.RELEASIO_NO_MINIFY !== "1",
    banner: {
      js: 'import { createRequire as __releasioRequire } from "node:module"; const require = __releasioRequire(import.meta.url);',
    },
  },
]);
