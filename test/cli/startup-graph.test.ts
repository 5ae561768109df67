import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

// Static imports and re-exports that are kept at run time: `import type` is erased, while `import { type A }` stays
// as an import of the module for its side effects (verbatimModuleSyntax). Dynamic `import()` loads on demand.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

/** Every module the CLI loads before it runs a command, and the packages they import, by walking the sources. */
function startupGraph(entry: string): { modules: Set<string>; packages: Map<string, string> } {
  const modules = new Set<string>();
  const packages = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(STATIC_IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith(".")) {
        pending.push(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
      } else if (!specifier.startsWith("node:")) {
        const name = specifier.startsWith("@")
          ? specifier.split("/").slice(0, 2).join("/")
          : specifier.split("/")[0]!;
        if (!packages.has(name)) packages.set(name, relative(ROOT, file));
      }
    }
  }
  return { modules, packages };
}

describe("what the CLI loads before running a command", () => {
  const { modules, packages } = startupGraph(join(ROOT, "src/cli/main.ts"));

  it("finds the planning core, so that the walk follows the imports", () => {
    const files = [...modules].map((m) => relative(ROOT, m));
    expect(files).toContain("src/commands/plan-release.ts");
    expect(files).toContain("src/adapters/git/read-log.ts");
    expect([...packages.keys()]).toContain("commander");
  });

  it("leaves the forge, publishing, signing, archive, YAML and wizard libraries to the commands that need them", () => {
    // `check` and `update` start with none of these: each costs milliseconds to load on every run.
    const onDemand = [
      "@octokit/rest",
      "@octokit/plugin-retry",
      "@octokit/plugin-throttling",
      "@sigstore/sign",
      "@noble/hashes",
      "@clack/prompts",
      "yaml",
      "tar-stream",
      "yauzl",
      "bottleneck",
    ];
    const loaded = onDemand
      .filter((name) => packages.has(name))
      .map((name) => `${name} (by ${packages.get(name)})`);
    expect(loaded).toEqual([]);
  });
});
