/**
 * The fake index is only useful if it is faithful: twine (the reference client) and releasio's uploader must be
 * accepted and refused alike. These tests upload the same real dists with `/usr/bin/twine` and with the uploader.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { digestFile } from "../../src/adapters/index/digests.js";
import { readDist } from "../../src/adapters/index/read-dist.js";
import { uploadFile } from "../../src/adapters/index/uploader.js";
import { type DistFilename, parseDistFilename } from "../../src/core/publish/dist-filename.js";
import { uploadFormFields } from "../../src/core/publish/upload-form.js";
import { cleanupDists, distDir, sampleDists } from "./dists.js";
import { type FakeIndex, startFakeIndex } from "./fake-index.js";
import { tokenCredentials } from "./index-credentials.js";

const TOKEN = "pypi-fake-token-123";
const run = promisify(execFile);
let fake: FakeIndex | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
});
afterAll(() => cleanupDists());

async function twine(url: string, files: string[], token = TOKEN): Promise<{ code: number; output: string }> {
  try {
    const r = await run(
      "/usr/bin/twine",
      [
        "upload",
        "--repository-url",
        url,
        "-u",
        "__token__",
        "-p",
        token,
        "--disable-progress-bar",
        "--non-interactive",
        ...files,
      ],
      { encoding: "utf8", env: { PATH: "/usr/bin:/bin", HOME: "/nonexistent" } },
    );
    return { code: 0, output: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

/** releasio's uploader sending `path`; `signal` lets the test hang up on the index. */
async function ours(
  index: FakeIndex,
  path: string,
  {
    token = TOKEN,
    url = `${index.origin}/legacy/`,
    signal,
  }: { token?: string; url?: string; signal?: AbortSignal } = {},
) {
  const facts = await readDist(path);
  const digests = await digestFile(path);
  const dist = parseDistFilename(facts.filename) as DistFilename;
  const fields = uploadFormFields({ dist, metadata: facts.metadata!, ...digests });
  return uploadFile(
    { path, filename: facts.filename, size: digests.size, sha256: digests.sha256, fields },
    {
      fetch: signal ? (to, init) => index.fetch(to, { ...init, signal }) : index.fetch,
      url,
      index: "PyPI",
      credentials: tokenCredentials(token),
      retries: 0,
      skipExisting: false,
      sleep: async () => {},
    },
  ).then(
    (o) => ({ ok: true as const, outcome: o }),
    (e: Error & { code?: string }) => ({ ok: false as const, code: e.code, message: e.message }),
  );
}

describe("fake index cross-checked with twine", () => {
  it("accepts twine's uploads of a real wheel and sdist and lists them", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const r = await twine(`${fake.origin}/legacy/`, [d.wheel, d.sdist]);
    expect(r.code).toBe(0);
    expect(fake.uploads.map((u) => [u.filename, u.status])).toEqual([
      [d.wheelName, 200],
      [d.sdistName, 200],
    ]);
    expect(fake.files.map((f) => f.sha256)).toEqual([
      (await digestFile(d.wheel)).sha256,
      (await digestFile(d.sdist)).sha256,
    ]);
    const json = (await (await fake.fetch("https://pypi.org/pypi/demo/1.1.0/json")).json()) as {
      urls: Array<{ filename: string }>;
    };
    expect(json.urls.map((u) => u.filename)).toEqual([d.wheelName, d.sdistName]);
  });

  it("accepts releasio's uploads of the same files, storing the same bytes and metadata as twine's", async () => {
    const d = sampleDists();
    const viaTwine = await startFakeIndex({ tokens: [TOKEN] });
    await twine(`${viaTwine.origin}/legacy/`, [d.wheel, d.sdist]);
    fake = await startFakeIndex({ tokens: [TOKEN] });
    for (const f of [d.wheel, d.sdist]) expect((await ours(fake, f)).ok).toBe(true);
    expect(fake.files).toEqual(viaTwine.files);
    // Every non-empty field twine sent, releasio sends with the same value — except MD5, which PYPI.md drops.
    for (const [i, theirs] of viaTwine.uploads.entries()) {
      const mine = fake.uploads[i]!.fields;
      for (const [k, v] of Object.entries(theirs.fields)) {
        if (v === "" || k === "md5_digest") continue;
        expect([k, mine[k]]).toEqual([k, v]);
      }
      expect(mine.md5_digest).toBeUndefined();
    }
    await viaTwine.close();
  });

  it("returns 200 to both clients for a byte-identical re-upload, without storing a second copy", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    expect((await twine(`${fake.origin}/legacy/`, [d.wheel])).code).toBe(0);
    expect((await twine(`${fake.origin}/legacy/`, [d.wheel])).code).toBe(0);
    expect((await ours(fake, d.wheel)).ok).toBe(true);
    expect(fake.uploads.map((u) => u.status)).toEqual([200, 200, 200]);
    expect(fake.files).toHaveLength(1);
  });

  it("refuses an unknown token from both with Warehouse's 403 message", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const t = await twine(`${fake.origin}/legacy/`, [d.wheel], "pypi-wrong");
    expect(t.code).toBe(1);
    expect(t.output).toContain("403");
    expect(t.output).toContain("Invalid or non-existent authentication information");
    const o = await ours(fake, d.wheel, { token: "pypi-wrong" });
    expect(o).toMatchObject({ ok: false, code: "E_UPLOAD_REJECTED" });
    expect(!o.ok && o.message).toContain("403 Invalid or non-existent authentication information");
    expect(fake.files).toHaveLength(0);
  });

  it("refuses the same filename with other content from both as 'File already exists'", async () => {
    const d = sampleDists();
    const other = sampleDists("demo", "1.1.0", "other");
    // Same filename as 1.1.0's wheel, other bytes.
    const dir = distDir({ [d.wheelName]: other.wheel });
    fake = await startFakeIndex({ tokens: [TOKEN] });
    expect((await twine(`${fake.origin}/legacy/`, [d.wheel])).code).toBe(0);
    const t = await twine(`${fake.origin}/legacy/`, [join(dir, d.wheelName)]);
    expect(t.code).toBe(1);
    expect(t.output).toContain("File already exists");
    const o = await ours(fake, join(dir, d.wheelName));
    expect(o).toMatchObject({ ok: false, code: "E_INDEX_CONFLICT" });
    expect(fake.uploads.map((u) => u.status)).toEqual([200, 400, 400]);
  });

  it("answers POST /legacy with a 308 that twine refuses and releasio reports with the trailing-slash hint", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const t = await twine(`${fake.origin}/legacy`, [d.wheel]);
    expect(t.code).toBe(1);
    expect(t.output.toLowerCase()).toContain("redirect");
    const o = await ours(fake, d.wheel, { url: `${fake.origin}/legacy` });
    expect(o).toMatchObject({ ok: false, code: "E_UPLOAD_REJECTED" });
    expect(fake.files).toHaveLength(0);
  });

  it("refuses a wheel with an unsupported platform tag from both", async () => {
    const d = sampleDists();
    const name = "demo-1.1.0-py3-none-linux_x86_64.whl";
    const dir = distDir({ [name]: d.wheel });
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const t = await twine(`${fake.origin}/legacy/`, [join(dir, name)]);
    expect(t.code).toBe(1);
    expect(t.output.replace(/\s+/g, " ")).toContain("unsupported platform tag 'linux_x86_64'");
    const o = await ours(fake, join(dir, name));
    expect(!o.ok && o.message).toContain(
      "Binary wheel 'demo-1.1.0-py3-none-linux_x86_64.whl' has an unsupported platform tag 'linux_x86_64'.",
    );
  });

  it("refuses an sdist whose PKG-INFO names another version, for both clients", async () => {
    const d = sampleDists();
    const other = sampleDists("demo", "1.2.0");
    const dir = distDir({ [d.sdistName]: other.sdist });
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const t = await twine(`${fake.origin}/legacy/`, [join(dir, d.sdistName)]);
    expect(t.code).toBe(1);
    // twine sends the PKG-INFO version (1.2.0): the filename no longer matches it.
    expect(t.output.replace(/\s+/g, " ")).toContain("is invalid, should be 'demo-1.2.0.tar.gz'");
    const o = await ours(fake, join(dir, d.sdistName));
    expect(!o.ok && o.message).toContain("is invalid, should be 'demo-1.2.0.tar.gz'");
  });
});

describe("fake index behaviour", () => {
  it("answers Warehouse's missing-file error when the content part is absent", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const form = new FormData();
    for (const [k, v] of [
      [":action", "file_upload"],
      ["metadata_version", "2.1"],
      ["name", "demo"],
      ["version", "1.0"],
      ["filetype", "sdist"],
      ["sha256_digest", "a".repeat(64)],
    ])
      form.append(k!, v!);
    const res = await fake.fetch("https://upload.pypi.org/legacy/", {
      method: "POST",
      body: form,
      headers: {
        Authorization: `Basic ${Buffer.from(`__token__:${TOKEN}`).toString("base64")}`,
        Accept: "application/json",
      },
    });
    expect(res.status).toBe(400);
    expect(res.statusText).toBe("Upload payload does not have a file.");
    expect(await res.json()).toMatchObject({
      code: "400 Upload payload does not have a file.",
      title: "Bad Request",
    });
  });

  it("records its answer to a client gone before it, whose file it stores all the same", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    // The index stores the file, then answers only after the client has given up.
    fake.failNext({ path: /^\/legacy\/$/, holdAnswerMs: 600 });
    const gone = new AbortController();
    const sent = ours(fake, d.wheel, { signal: gone.signal });
    await vi.waitFor(() => expect(fake!.files).toHaveLength(1), { timeout: 5000, interval: 20 });
    gone.abort();
    expect((await sent).ok).toBe(false);
    await vi.waitFor(
      () => expect(fake!.uploads.map((u) => [u.filename, u.status])).toEqual([[d.wheelName, 200]]),
      { timeout: 5000, interval: 20 },
    );
  });

  it("redirects non-normalised names on the JSON API and hides fresh uploads while lagging", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.jsonApiLag(60_000);
    expect((await ours(fake, d.wheel)).ok).toBe(true);
    expect((await fake.fetch("https://pypi.org/pypi/demo/1.1.0/json")).status).toBe(404);
    const r = await fake.fetch("https://pypi.org/pypi/Demo/1.1.0/json", { redirect: "manual" });
    expect([r.status, r.headers.get("location")]).toEqual([301, "/pypi/demo/1.1.0/json"]);
    fake.jsonApiLag(0);
    const simple = await (await fake.fetch("https://pypi.org/simple/demo/")).text();
    expect(simple).toContain(`#sha256=${(await digestFile(d.wheel)).sha256}">${d.wheelName}</a>`);
  });

  it("counts calls and applies injected faults once", async () => {
    fake = await startFakeIndex();
    fake.failNext({ path: /^\/simple\//, status: 503 });
    expect((await fake.fetch("https://pypi.org/simple/x/")).status).toBe(503);
    expect((await fake.fetch("https://pypi.org/simple/x/")).status).toBe(404);
    expect(fake.calls.map((c) => [c.method, c.path, c.status, c.host])).toEqual([
      ["GET", "/simple/x/", 503, "pypi.org"],
      ["GET", "/simple/x/", 404, "pypi.org"],
    ]);
  });

  it("refuses a file over the project's upload limit with Warehouse's 400 (not 413)", async () => {
    const big = sampleDists().wheel;
    fake = await startFakeIndex({ tokens: [TOKEN], projects: { demo: { uploadLimit: 100 } } });
    const o = await ours(fake, big);
    expect(!o.ok && o.message).toContain("File too large. Limit for project 'demo' is 0 MB.");
  });
});
