import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDigester, digestFile } from "../../../src/adapters/index/digests.js";
import { readDist } from "../../../src/adapters/index/read-dist.js";
import { headerValue } from "../../../src/core/publish/metadata.js";
import {
  cleanupDists,
  distDir,
  rewriteSdist,
  rewriteWheel,
  sampleDists,
  writeZipStored,
} from "../../support/dists.js";

afterAll(() => cleanupDists());

describe("digests", () => {
  it("computes BLAKE2b-256 (not truncated BLAKE2b-512) and sha256 in one pass", () => {
    const d = createDigester();
    d.update(Buffer.from("a"));
    d.update(Buffer.from("bc"));
    expect(d.digest()).toEqual({
      size: 3,
      sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      blake2b_256: "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    });
  });

  it("agrees with Python's hashlib on a real wheel", async () => {
    const { wheel } = sampleDists();
    const py = execFileSync(
      "/usr/bin/python3",
      [
        "-c",
        "import hashlib,sys;b=open(sys.argv[1],'rb').read();print(hashlib.sha256(b).hexdigest(),hashlib.blake2b(b,digest_size=32).hexdigest())",
        wheel,
      ],
      { encoding: "utf8" },
    ).trim();
    const d = await digestFile(wheel);
    expect(`${d.sha256} ${d.blake2b_256}`).toBe(py);
  });
});

describe("readDist", () => {
  it("reads METADATA from a wheel's dist-info and PKG-INFO from an sdist's top directory", async () => {
    const d = sampleDists();
    const wheel = await readDist(d.wheel);
    expect(wheel).toMatchObject({ filename: d.wheelName, archiveError: null, missingMembers: [] });
    expect(headerValue(wheel.metadata!, "Version")).toBe("1.1.0");
    const sdist = await readDist(d.sdist);
    expect(sdist.archiveError).toBeNull();
    expect(headerValue(sdist.metadata!, "Name")).toBe("demo");
  });

  it("reports missing wheel members, unreadable archives and sdists without a single top directory", async () => {
    const d = sampleDists();
    const dir = distDir({});
    const noRecord = join(dir, d.wheelName);
    rewriteWheel(d.wheel, noRecord, { drop: (m) => m.endsWith("RECORD") || m.endsWith("WHEEL") });
    expect((await readDist(noRecord)).missingMembers).toEqual([
      "demo-1.1.0.dist-info/WHEEL",
      "demo-1.1.0.dist-info/RECORD",
    ]);
    const notZip = join(dir, "demo-1.1.0-py3-none-any.whl");
    writeFileSync(notZip, "not a zip");
    expect((await readDist(notZip)).archiveError).toMatch(/cannot read the archive/);
    const empty = join(dir, "demo-2.0-py3-none-any.whl");
    writeFileSync(empty, writeZipStored([{ name: "demo-2.0.dist-info/WHEEL", data: Buffer.from("x") }]));
    expect(await readDist(empty)).toMatchObject({
      metadata: null,
      missingMembers: ["demo-2.0.dist-info/METADATA", "demo-2.0.dist-info/RECORD"],
    });
    const edited = join(dir, d.sdistName);
    await rewriteSdist(d.sdist, edited, (t) => t.replace("Version: 1.1.0", "Version: 9.9.9"));
    expect(headerValue((await readDist(edited)).metadata!, "Version")).toBe("9.9.9");
  });
});
