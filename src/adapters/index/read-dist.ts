/**
 * Reads what validation and the upload form need from a dist without loading it whole: a wheel's central directory
 * and its `.dist-info/METADATA` (yauzl), an sdist's top-level directory and `PKG-INFO` (tar-stream over gunzip).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import yauzl from "yauzl";
import { parseDistFilename } from "../../core/publish/dist-filename.js";
import { parseCoreMetadata } from "../../core/publish/metadata.js";
import type { DistFacts } from "../../core/publish/validate.js";

const MAX_METADATA = 16 * 1024 * 1024;

export async function readDist(path: string): Promise<DistFacts> {
  const filename = basename(path);
  const { size } = await stat(path);
  const facts: DistFacts = { filename, size, metadata: null, archiveError: null, missingMembers: [] };
  const parsed = parseDistFilename(filename);
  if (typeof parsed === "string") return facts;
  try {
    if (parsed.kind === "wheel") {
      const prefix = `${parsed.name}-${parsed.version}.dist-info/`;
      const wheel = await readWheel(path, prefix);
      facts.missingMembers = ["WHEEL", "METADATA", "RECORD"]
        .filter((m) => !wheel.names.has(prefix + m))
        .map((m) => prefix + m);
      if (wheel.problem) facts.archiveError = wheel.problem;
      if (wheel.metadata !== null) facts.metadata = parseCoreMetadata(wheel.metadata);
    } else {
      const sdist = await readSdist(path);
      if (sdist.problem) facts.archiveError = sdist.problem;
      else if (sdist.metadata !== null) facts.metadata = parseCoreMetadata(sdist.metadata);
    }
  } catch (error) {
    facts.archiveError = `cannot read the archive: ${error instanceof Error ? error.message : String(error)}`;
  }
  return facts;
}

interface WheelRead {
  names: Set<string>;
  metadata: string | null;
  problem: string | null;
}

function readWheel(path: string, prefix: string): Promise<WheelRead> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("cannot open the zip"));
      const out: WheelRead = { names: new Set(), metadata: null, problem: null };
      zip.on("error", reject);
      zip.on("end", () => resolve(out));
      zip.on("entry", (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (out.names.has(name)) out.problem ??= `duplicate zip entry ${name}`;
        out.names.add(name);
        if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
          out.problem ??= `zip entry ${name} uses compression method ${entry.compressionMethod} (only stored and deflated are accepted)`;
        }
        if (name !== `${prefix}METADATA` || entry.uncompressedSize > MAX_METADATA) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("cannot read METADATA"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.metadata = Buffer.concat(chunks).toString("utf8");
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

interface SdistRead {
  metadata: string | null;
  problem: string | null;
}

async function readSdist(path: string): Promise<SdistRead> {
  const extract = tar.extract();
  const tops = new Set<string>();
  let metadata: string | null = null;
  let sparse = false;
  extract.on("entry", (header, stream, next) => {
    const name = header.name.replace(/^\.\//, "");
    const top = name.split("/")[0] ?? "";
    if (top !== "" && (header.type as string) !== "pax-global-header") tops.add(top);
    if ((header.type as string) === "gnu-sparse") sparse = true;
    const isPkgInfo =
      header.type === "file" && name === `${top}/PKG-INFO` && (header.size ?? 0) <= MAX_METADATA;
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => {
      if (isPkgInfo) chunks.push(c as Buffer);
    });
    stream.on("end", () => {
      if (isPkgInfo && metadata === null) metadata = Buffer.concat(chunks).toString("utf8");
      next();
    });
    stream.resume();
  });
  await pipeline(createReadStream(path), createGunzip(), extract);
  if (sparse) return { metadata: null, problem: "tar archive not accepted: sparse members are not allowed" };
  if (tops.size !== 1) {
    return {
      metadata: null,
      problem: `the sdist must contain exactly one top-level directory (found ${tops.size})`,
    };
  }
  if (metadata === null) return { metadata: null, problem: `the sdist lacks ${[...tops][0]}/PKG-INFO` };
  return { metadata, problem: null };
}
