import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { blake2b } from "@noble/hashes/blake2.js";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createBlake2b256, digestFile, READ_CHUNK } from "../../../src/adapters/index/digests.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";

afterAll(() => cleanupRepos());

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const noble256 = (data: Uint8Array) => hex(blake2b(data, { dkLen: 32 }));

/** Feeds `data` to a fresh digester hasher in the given piece sizes (cycled), returns the hex digest. */
function inPieces(data: Uint8Array, pieces: number[]): string {
  const h = createBlake2b256();
  let pos = 0;
  for (let i = 0; pos < data.length; i++) {
    const n = pieces[i % pieces.length]!;
    h.update(data.subarray(pos, pos + n));
    pos += n;
  }
  return hex(h.digest());
}

describe("BLAKE2b-256", () => {
  it("gives the known digests of the empty string and 'abc' (a 32-byte digest, not a truncated BLAKE2b-512)", () => {
    expect(inPieces(new Uint8Array(0), [1])).toBe(
      "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    );
    expect(inPieces(Buffer.from("abc"), [1])).toBe(
      "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
    );
  });

  it("is the same whatever the pieces the data arrives in", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        (data, pieces) => inPieces(data, pieces) === noble256(data),
      ),
      { numRuns: 200 },
    );
  });
});

describe("digestFile", () => {
  it("gives size, sha256 and BLAKE2b-256 of files around the read-chunk boundaries", async () => {
    const dir = tempDir();
    for (const size of [0, 1, READ_CHUNK - 1, READ_CHUNK, READ_CHUNK + 1, 2 * READ_CHUNK + 77]) {
      const data = randomBytes(size);
      const path = join(dir, `f-${size}`);
      writeFileSync(path, data);
      expect(await digestFile(path), `${size} bytes`).toEqual({
        size,
        sha256: createHash("sha256").update(data).digest("hex"),
        blake2b_256: noble256(data),
      });
    }
  });

  it("rejects a missing file", async () => {
    await expect(digestFile(join(tempDir(), "absent.whl"))).rejects.toThrow(/ENOENT/);
  });
});
