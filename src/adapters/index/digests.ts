/** sha256 and BLAKE2b-256 of a file in one streaming pass (constant memory whatever the size). */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { blake2b } from "@noble/hashes/blake2.js";

export interface FileDigests {
  size: number;
  sha256: string;
  /** BLAKE2b with a 32-byte digest (not a truncated BLAKE2b-512), lower-case hex. */
  blake2b_256: string;
}

export const READ_CHUNK = 1024 * 1024;

/** Incremental hasher shared by the file reader and the tests' fake index. */
export function createDigester(): { update(chunk: Uint8Array): void; digest(): FileDigests } {
  const sha = createHash("sha256");
  const b2 = blake2b.create({ dkLen: 32 });
  let size = 0;
  return {
    update(chunk) {
      sha.update(chunk);
      b2.update(chunk);
      size += chunk.length;
    },
    digest: () => ({
      size,
      sha256: sha.digest("hex"),
      blake2b_256: Buffer.from(b2.digest()).toString("hex"),
    }),
  };
}

/** Hashes a file through one reused buffer: hashing is synchronous, so memory stays at one chunk. */
export async function digestFile(path: string): Promise<FileDigests> {
  const d = createDigester();
  const buffer = new Uint8Array(READ_CHUNK);
  const handle = await open(path, "r");
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      d.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return d.digest();
}
