import { randomBytes } from "node:crypto";
import { truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { multipartBody } from "../../../src/adapters/index/multipart.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";

afterAll(() => cleanupRepos());

async function drain(stream: ReadableStream<Uint8Array>): Promise<{ body: Buffer; chunks: number }> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(Uint8Array.from(chunk));
  return { body: Buffer.concat(parts), chunks: parts.length };
}

describe("multipartBody", () => {
  it("streams the fields, then the file spread over many chunks, byte for byte and as long as announced", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 13);
    const path = join(tempDir(), "demo-1.0.0-py3-none-any.whl");
    writeFileSync(path, data);
    const mp = multipartBody(
      [
        [":action", "file_upload"],
        ["name", "demo"],
      ],
      { field: "content", filename: "demo-1.0.0-py3-none-any.whl", path, size: data.length },
    );
    const boundary = /boundary=(.+)$/.exec(mp.contentType)![1]!;
    const sent: number[] = [];
    const { body, chunks } = await drain(mp.stream((n) => sent.push(n)));
    expect(body.length).toBe(mp.length);
    expect(chunks).toBeGreaterThan(3);
    expect(sent.at(-1)).toBe(mp.length);
    const head =
      `--${boundary}\r\nContent-Disposition: form-data; name=":action"\r\n\r\nfile_upload\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\ndemo\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="demo-1.0.0-py3-none-any.whl"\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n";
    expect(body.subarray(0, head.length).toString("utf8")).toBe(head);
    expect(body.subarray(head.length, head.length + data.length).equals(data)).toBe(true);
    expect(body.subarray(head.length + data.length).toString("utf8")).toBe(`\r\n--${boundary}--\r\n`);
    // A second attempt streams the same body again.
    expect((await drain(mp.stream())).body.equals(body)).toBe(true);
  });

  it("fails the stream when the file shrank after it was measured", async () => {
    const path = join(tempDir(), "demo-1.0.0.tar.gz");
    writeFileSync(path, randomBytes(600 * 1024));
    const mp = multipartBody([], { field: "content", filename: "demo-1.0.0.tar.gz", path, size: 600 * 1024 });
    truncateSync(path, 500 * 1024);
    await expect(drain(mp.stream())).rejects.toThrow(
      /changed size while uploading \(512000 of 614400 bytes\)/,
    );
  });
});
