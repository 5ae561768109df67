/**
 * Every configuration key must have an effect covered by a behavioural test (PRODUCT.md §5.2). This test
 * enumerates the schema and looks for each key in the behavioural tests (everything outside test/core/config):
 * its dotted path, its RELEASIO_* variable, or `key =` under its `[table]` in the same file.
 *
 * Keys whose behaviour belongs to commands still being built (release PRs, forge releases, publishing,
 * workspaces, check-pr) are listed in PENDING. The list must shrink as those arrive: a pending key that gains a
 * test fails this test until it is removed from the list.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { configKeys, envNameOf } from "../../../src/core/config/keys.js";

const PENDING = [
  "packages.paths",
  "packages.exclude",
  "packages.independent",
  "packages.tag_format",
  "packages.internal_dependency_update",
];

const root = join(import.meta.dirname, "..", "..");

function behaviouralTestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (relative(root, path) !== join("core", "config")) out.push(...behaviouralTestFiles(path));
    } else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

function mentions(text: string, path: string): boolean {
  if (text.includes(path) || text.includes(envNameOf(path))) return true;
  const dot = path.lastIndexOf(".");
  if (dot < 0) return new RegExp(`(^|[\\s"'\`])${path} = `, "m").test(text);
  const table = path.slice(0, dot);
  const leaf = path.slice(dot + 1);
  return text.includes(`[${table}]`) && new RegExp(`(^|\\\\n|[\\s"'\`])${leaf} = `, "m").test(text);
}

describe("every configuration key has a behavioural test", () => {
  const texts = behaviouralTestFiles(root).map((f) => readFileSync(f, "utf8"));
  const keys = configKeys()
    .filter((k) => k.kind !== "table" && !k.path.startsWith("branches.") && !k.path.includes("["))
    .map((k) => k.path);
  const uncovered = keys.filter((k) => !texts.some((t) => mentions(t, k)));

  it("lists no key without a test, except the pending ones", () => {
    expect(uncovered.filter((k) => !PENDING.includes(k))).toEqual([]);
  });

  it("keeps the pending list honest: a pending key that is now tested leaves the list", () => {
    expect(PENDING.filter((k) => !uncovered.includes(k))).toEqual([]);
  });

  it("names only real keys as pending", () => {
    expect(PENDING.filter((k) => !keys.includes(k))).toEqual([]);
  });
});
