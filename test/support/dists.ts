/**
 * Real distributions for publishing tests: a sample project built once per test file with
 * `/usr/bin/python3 -m build` (hatchling backend, no isolation, no network), plus helpers that craft invalid dists.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, gunzipSync, gzipSync } from "node:zlib";
import tar from "tar-stream";
import { centralHeader, endOfCentralDirectory, localHeader } from "../../scripts/zip-stored.mjs";

export const PYTHON = "/usr/bin/python3";

export interface SampleDists {
  dir: string;
  wheel: string;
  sdist: string;
  wheelName: string;
  sdistName: string;
}

const cache = new Map<string, SampleDists>();
const roots: string[] = [];

/** Builds (once per name/version/variant in this test file; a variant changes the bytes, not the names) a wheel and an sdist of a small hatchling project. */
export function sampleDists(name = "demo", version = "1.1.0", variant = ""): SampleDists {
  const key = `${name}@${version}#${variant}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const root = mkdtempSync(join(tmpdir(), "releasio-dists-"));
  roots.push(root);
  const project = join(root, "project");
  const module = name.toLowerCase().replace(/[-.]+/g, "_");
  mkdirSync(join(project, "src", module), { recursive: true });
  writeFileSync(
    join(project, "pyproject.toml"),
    [
      "[build-system]",
      'requires = ["hatchling"]',
      'build-backend = "hatchling.build"',
      "",
      "[project]",
      `name = "${name}"`,
      `version = "${version}"`,
      'description = "A demo project"',
      'readme = "README.md"',
      'requires-python = ">=3.8"',
      'license = { text = "MIT" }',
      'dependencies = ["requests>=2"]',
      'classifiers = ["Programming Language :: Python :: 3"]',
      "",
      "[project.urls]",
      'Homepage = "https://example.com/demo"',
      "",
      "[tool.hatch.build.targets.wheel]",
      `packages = ["src/${module}"]`,
      "",
    ].join("\n"),
  );
  writeFileSync(join(project, "README.md"), `# ${name}\n\nA *demo*.\n`);
  writeFileSync(
    join(project, "src", module, "__init__.py"),
    `VALUE = 1\n${variant ? `VARIANT = "${variant}"\n` : ""}`,
  );
  const dir = join(root, "dist");
  execFileSync(
    PYTHON,
    ["-m", "build", "--no-isolation", "--skip-dependency-check", "--outdir", dir, project],
    {
      stdio: "pipe",
      env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" },
    },
  );
  const base = `${module}-${version}`;
  const dists: SampleDists = {
    dir,
    wheel: join(dir, `${base}-py3-none-any.whl`),
    sdist: join(dir, `${base}.tar.gz`),
    wheelName: `${base}-py3-none-any.whl`,
    sdistName: `${base}.tar.gz`,
  };
  cache.set(key, dists);
  return dists;
}

/** Removes every build directory of this test file. */
export function cleanupDists(): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  cache.clear();
}

/** Copies files into a fresh directory under the given names (`{ target: source }`). */
export function distDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "releasio-distdir-"));
  roots.push(dir);
  for (const [target, source] of Object.entries(files)) copyFileSync(source, join(dir, target));
  return dir;
}

/** Rewrites the METADATA of a wheel (stored zip, written by hand) under a new filename. */
export function rewriteWheel(
  source: string,
  targetPath: string,
  edit: { metadata?: (text: string) => string; drop?: (member: string) => boolean },
): void {
  const members = readZipStored(source);
  const out = members
    .filter((m) => !edit.drop?.(m.name))
    .map((m) =>
      m.name.endsWith(".dist-info/METADATA") && edit.metadata
        ? { name: m.name, data: Buffer.from(edit.metadata(m.data.toString("utf8"))) }
        : m,
    );
  writeFileSync(targetPath, writeZipStored(out));
}

/** Rewrites the PKG-INFO of an sdist. */
export async function rewriteSdist(
  source: string,
  targetPath: string,
  edit: (text: string) => string,
): Promise<void> {
  const entries: Array<{ header: tar.Header; data: Buffer }> = [];
  const extract = tar.extract();
  await new Promise<void>((resolve, reject) => {
    extract.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        entries.push({ header, data: Buffer.concat(chunks) });
        next();
      });
    });
    extract.on("finish", resolve);
    extract.on("error", reject);
    extract.end(gunzipSync(readFileSync(source)));
  });
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on("end", () => r()));
  for (const e of entries) {
    const data = /^[^/]+\/PKG-INFO$/.test(e.header.name)
      ? Buffer.from(edit(e.data.toString("utf8")))
      : e.data;
    pack.entry({ ...e.header, size: data.length }, data);
  }
  pack.finalize();
  await done;
  writeFileSync(targetPath, gzipSync(Buffer.concat(chunks)));
}

interface ZipMember {
  name: string;
  data: Buffer;
}

/** Reads a zip written by hatchling (deflated members) through Python, which every test machine has. */
function readZipStored(path: string): ZipMember[] {
  const script =
    "import zipfile,sys,json,base64\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps([[i.filename, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]))";
  const out = execFileSync(PYTHON, ["-c", script, path], { encoding: "utf8" });
  return (JSON.parse(out) as Array<[string, string]>).map(([name, b64]) => ({
    name,
    data: Buffer.from(b64, "base64"),
  }));
}

/** A minimal zip with STORED members (enough for wheels in tests). */
export function writeZipStored(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const crc = crc32(m.data);
    const local = localHeader(m.name, m.data.length, crc);
    locals.push(local, m.data);
    centrals.push(centralHeader(m.name, m.data.length, crc, offset));
    offset += local.length + m.data.length;
  }
  const cd = Buffer.concat(centrals);
  return Buffer.concat([...locals, cd, endOfCentralDirectory(members.length, cd.length, offset)]);
}
