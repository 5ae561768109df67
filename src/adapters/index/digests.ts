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

/** An incremental BLAKE2b-256 hasher. */
export interface Blake2b256 {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}

/** BLAKE2b with a 32-byte digest, from @noble/hashes: Node's crypto offers only BLAKE2b-512. */
export function createBlake2b256(): Blake2b256 {
  return blake2b.create({ dkLen: 32 });
}

/** Incremental hasher shared by the file reader and the tests' fake index. */
export function createDigester(): { update(chunk: Uint8Array): void; digest(): FileDigests } {
  const sha = createHash("sha256");
  const b2 = createBlake2b256();
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

/**
 * Hashes a file through two reused buffers: the next chunk is read (on libuv's thread pool) while the current one is
 * hashed (synchronously), so reading and hashing overlap and memory stays at two chunks.
 */
export async function digestFile(path: string): Promise<FileDigests> {
  const d = createDigester();
  const buffers = [new Uint8Array(READ_CHUNK), new Uint8Array(READ_CHUNK)] as const;
  const handle = await open(path, "r");
  let position = 0;
  let turn = 0;
  const read = (buffer: Uint8Array) => handle.read(buffer, 0, READ_CHUNK, position);
  let next: ReturnType<typeof read> | null = read(buffers[0]);
  try {
    for (;;) {
      const { bytesRead } = await next;
      next = null;
      if (bytesRead === 0) break;
      const current = buffers[turn]!;
      position += bytesRead;
      turn ^= 1;
      next = read(buffers[turn]!);
      d.update(current.subarray(0, bytesRead));
    }
  } finally {
    // A read still in flight (hashing threw) must settle before the handle closes; its outcome no longer matters.
    await next?.catch(() => undefined);
    await handle.close();
  }
  return d.digest();
}
