import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codesReference, ERROR_CODES, WARNING_CODES } from "../../src/core/codes.js";
import { ReleasioError } from "../../src/core/errors.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Every `"E_…"` / `"W_…"` string literal in the sources, with the file it is in. */
function codesInSources(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && path !== join(ROOT, "src", "core", "codes.ts")) {
        for (const m of readFileSync(path, "utf8").matchAll(/"([EW]_[A-Z0-9_]+)"/g)) found.set(m[1]!, path);
      }
    }
  };
  walk(join(ROOT, "src"));
  return found;
}

describe("the code catalogue", () => {
  const registered = new Set([...Object.keys(ERROR_CODES), ...Object.keys(WARNING_CODES)]);

  it("holds every code the sources use", () => {
    const unknown = [...codesInSources()].filter(([code]) => !registered.has(code) && code !== "E_CLIFF");
    expect(unknown).toEqual([]);
  });

  it("holds no code the sources never use", () => {
    const used = codesInSources();
    expect([...registered].filter((code) => !used.has(code))).toEqual([]);
  });

  it("gives each error its exit status", () => {
    expect(new ReleasioError("E_CONFIG_UNKNOWN_KEY", "x").exitCode).toBe(2);
    expect(new ReleasioError("E_GIT", "x").exitCode).toBe(1);
    expect(new ReleasioError("E_CONFIG_INVALID", "x", { exitCode: 1 }).exitCode).toBe(1);
  });

  it("names warnings W_ and errors E_, each described", () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^E_[A-Z0-9_]+$/);
      expect(entry.when.length).toBeGreaterThan(10);
    }
    for (const [code, text] of Object.entries(WARNING_CODES)) {
      expect(code).toMatch(/^W_[A-Z0-9_]+$/);
      expect(text.length).toBeGreaterThan(10);
    }
  });

  it("is documented in docs/codes.md exactly as generated (run `npm run schema` after changing it)", () => {
    const doc = readFileSync(join(ROOT, "docs", "codes.md"), "utf8");
    expect(doc).toBe(codesReference());
    for (const code of registered) expect(doc).toContain(`| \`${code}\` |`);
  });
});
