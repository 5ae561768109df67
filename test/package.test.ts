/**
 * The package as npm publishes it: `npm pack`'s tarball, unpacked where no other package can be found, runs the
 * executable and the programmatic API with only its declared dependencies, and everything an install brings along
 * supports every Node version releasio supports.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNodeSync } from "./support/cli.js";
import { cleanupRepos, f0, tempDir } from "./support/repo.js";

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
}

const ROOT = join(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;
const nodeRange = manifest.engines?.node ?? "";

/**
 * The directory of package `name` as Node finds it from `from`: the nearest `node_modules/<name>` up the tree (its
 * package.json may be hidden from `require.resolve` by the package's exports).
 */
function packageDir(from: string, name: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} is not installed where ${from} can find it`);
  }
}

/** Every package an install of `from` brings along: its dependencies, theirs, and so on, each once. */
function installedClosure(from: string, names: readonly string[]): Map<string, Manifest> {
  const found = new Map<string, Manifest>();
  const visit = (dir: string, deps: readonly string[]) => {
    for (const name of deps) {
      const at = packageDir(dir, name);
      if (found.has(at)) continue;
      const dep = JSON.parse(readFileSync(join(at, "package.json"), "utf8")) as Manifest;
      found.set(at, dep);
      visit(at, Object.keys(dep.dependencies ?? {}));
    }
  };
  visit(from, names);
  return found;
}

let consumer = "";
let packed: string[] = [];

beforeAll(() => {
  const work = tempDir("releasio-package-");
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error(`npm pack printed no package: ${out}`);
  packed = info.files.map((f) => f.path);
  // A project that has installed releasio: the tarball's contents, and beside them only its declared dependencies.
  consumer = join(work, "consumer");
  const installed = join(consumer, "node_modules", "releasio");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", join(work, info.filename), "-C", installed, "--strip-components=1"]);
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const target = join(consumer, "node_modules", name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(packageDir(ROOT, name), target, "dir");
  }
}, 120_000);

afterAll(cleanupRepos);

describe("the published package", () => {
  it("declares the Node versions it supports, and every package an install brings supports all of them", () => {
    expect(semver.validRange(nodeRange), `engines.node '${nodeRange}'`).not.toBeNull();
    const closure = installedClosure(ROOT, Object.keys(manifest.dependencies ?? {}));
    expect(closure.size).toBeGreaterThan(0);
    const excluding = [...closure.values()]
      .filter((dep) => dep.engines?.node && !semver.subset(nodeRange, dep.engines.node))
      .map((dep) => `${dep.name}@${dep.version} wants node ${dep.engines?.node}`);
    expect(excluding).toEqual([]);
  });

  it("holds the executable, the library with its types, the schemas and the Action's metadata, and no sources", () => {
    for (const file of [
      "package.json",
      "bin/releasio.js",
      "dist/cli/cli.js",
      "dist/index.js",
      "dist/index.d.ts",
      "schema/releasio.schema.json",
      "action.yml",
    ]) {
      expect(packed, file).toContain(file);
    }
    expect(packed.filter((f) => /^(src|test|scripts)\//.test(f))).toEqual([]);
  });

  it("runs the executable with nothing installed beside it but its dependencies", () => {
    const repo = f0({ origin: false });
    repo.commits("feat: add a parser", "fix: an off-by-one");
    const bin = join(consumer, "node_modules", "releasio", "bin", "releasio.js");
    const version = runNodeSync([bin, "--version"], repo.dir);
    expect(version.stderr).toBe("");
    expect(version.stdout.trim()).toBe(`releasio ${manifest.version}`);
    const check = runNodeSync([bin, "check", "--json"], repo.dir);
    expect(check.status, check.stderr).toBe(0);
    const json = JSON.parse(check.stdout) as { next_version: string; commits: unknown[] };
    expect(json.next_version).toBe("1.1.0");
    expect(json.commits).toHaveLength(2);
  });

  it("serves the programmatic API to a project that imports it by name", () => {
    const repo = f0({ origin: false });
    repo.commit("feat!: drop Python 3.8");
    const script = `
      import { parseCommit, planRelease, Version, validateConfig } from "releasio";
      const parsed = parseCommit("fix(api)!: rename");
      const plan = await planRelease({ cwd: ${JSON.stringify(repo.dir)}, offline: true });
      let unknownKey = "";
      try { validateConfig({ changelog: { pathh: "x" } }, ".releasio.toml"); } catch (e) { unknownKey = e.code; }
      console.log(JSON.stringify({
        type: parsed.type, scope: parsed.scope, breaking: parsed.breaking,
        next: plan.packages[0].plan.next_version, bumped: Version.format(Version.bump(Version.parse("1.2.3"), "minor")),
        unknownKey,
      }));`;
    const run = runNodeSync(["--input-type=module", "-e", script], consumer);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      type: "fix",
      scope: "api",
      breaking: true,
      next: "2.0.0",
      bumped: "1.3.0",
      unknownKey: "E_CONFIG_UNKNOWN_KEY",
    });
  });
});
