#!/usr/bin/env node
/**
 * Upload benchmark (PRODUCT.md §12, scenario 112): a valid 1 GiB wheel (one STORED member) is uploaded with
 * releasio's uploader (the built `dist/index.js`) to a loopback server that hashes the body, and the same multipart
 * form is sent with `curl -F`. Prints peak RSS and throughput of both and the ratio.
 *
 *   npm run build && node scripts/bench-upload.mjs [--size-mib 1024] [--keep]
 *
 * Goals: releasio's peak RSS ≤ 150 MB; throughput ≥ 70 % of curl's.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32 } from "node:zlib";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const sizeMiB = Number(args[args.indexOf("--size-mib") + 1] ?? 1024) || 1024;
const keep = args.includes("--keep");
const TOKEN = "pypi-bench-token";

// ---------------------------------------------------------------- child mode: run releasio's uploader
if (args[0] === "--child") {
  const [, url, path] = args;
  const lib = await import(pathToFileURL(join(repoRoot, "dist", "index.js")).href);
  const t0 = performance.now();
  const digests = await lib.digestFile(path);
  const hashSeconds = (performance.now() - t0) / 1000;
  const credentials = {
    kind: "token",
    source: "bench",
    authorization: async () => `Basic ${Buffer.from(`__token__:${TOKEN}`).toString("base64")}`,
    invalidate() {},
    secrets: () => [TOKEN],
  };
  const fields = benchFields(digests);
  const t1 = performance.now();
  const outcome = await lib.uploadFile(
    { path, filename: "bench-1.0.0-py3-none-any.whl", size: digests.size, sha256: digests.sha256, fields },
    { fetch: (u, init) => fetch(u, init), url, index: "bench", credentials, retries: 0, skipExisting: false },
  );
  const uploadSeconds = (performance.now() - t1) / 1000;
  process.stdout.write(
    `${JSON.stringify({ outcome: outcome.status, hashSeconds, uploadSeconds, maxRssKiB: process.resourceUsage().maxRSS, size: digests.size })}\n`,
  );
  process.exit(0);
}

function benchFields(digests) {
  return [
    [":action", "file_upload"],
    ["protocol_version", "1"],
    ["metadata_version", "2.1"],
    ["name", "bench"],
    ["version", "1.0.0"],
    ["filetype", "bdist_wheel"],
    ["pyversion", "py3"],
    ["sha256_digest", digests.sha256],
    ["blake2_256_digest", digests.blake2b_256],
  ];
}

// ---------------------------------------------------------------- wheel generation (streamed, constant memory)
async function writeWheel(path, payloadBytes) {
  const block = randomBytes(1024 * 1024);
  const small = {
    "bench-1.0.0.dist-info/METADATA":
      "Metadata-Version: 2.1\nName: bench\nVersion: 1.0.0\nSummary: benchmark\n",
    "bench-1.0.0.dist-info/WHEEL":
      "Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  const big = "bench/data.bin";
  let bigCrc = 0;
  for (let written = 0; written < payloadBytes; written += block.length) {
    bigCrc = crc32(block.subarray(0, Math.min(block.length, payloadBytes - written)), bigCrc);
  }
  const record = `${Object.keys(small)
    .map((n) => `${n},,`)
    .join("\n")}\n${big},,\nbench-1.0.0.dist-info/RECORD,,\n`;
  const members = [
    { name: big, size: payloadBytes, crc: bigCrc, data: null },
    ...Object.entries(small).map(([name, text]) => ({
      name,
      size: Buffer.byteLength(text),
      crc: crc32(Buffer.from(text)),
      data: Buffer.from(text),
    })),
    {
      name: "bench-1.0.0.dist-info/RECORD",
      size: Buffer.byteLength(record),
      crc: crc32(Buffer.from(record)),
      data: Buffer.from(record),
    },
  ];
  const out = createWriteStream(path);
  const write = (buf) => (out.write(buf) ? Promise.resolve() : new Promise((r) => out.once("drain", r)));
  const centrals = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(m.crc, 14);
    local.writeUInt32LE(m.size, 18);
    local.writeUInt32LE(m.size, 22);
    local.writeUInt16LE(name.length, 26);
    await write(Buffer.concat([local, name]));
    if (m.data) await write(m.data);
    else {
      for (let w = 0; w < m.size; w += block.length)
        await write(block.subarray(0, Math.min(block.length, m.size - w)));
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(m.crc, 16);
    central.writeUInt32LE(m.size, 20);
    central.writeUInt32LE(m.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + m.size;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(Buffer.concat([cd, end]));
  await new Promise((r) => out.end(r));
}

// ---------------------------------------------------------------- receiving server: hashes, never buffers
function startServer() {
  const received = [];
  const server = createServer((req, res) => {
    const hash = createHash("sha256");
    let bytes = 0;
    req.on("data", (c) => {
      bytes += c.length;
      hash.update(c);
    });
    req.on("end", () => {
      received.push({ bytes, sha256: hash.digest("hex"), auth: req.headers.authorization ?? null });
      res.writeHead(200);
      res.end();
    });
  });
  return new Promise((r) =>
    server.listen(0, "127.0.0.1", () =>
      r({ server, received, url: `http://127.0.0.1:${server.address().port}/legacy/` }),
    ),
  );
}

function runChild(command, argv) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => {
      stdout += b;
    });
    child.stderr.on("data", (b) => {
      stderr += b;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const maxRssFromTime = (stderr) =>
  Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
const mb = (kib) => (kib / 1024).toFixed(1);
const rate = (bytes, seconds) => `${(bytes / seconds / 1024 / 1024).toFixed(1)} MiB/s`;

async function main() {
  if (!existsSync(join(repoRoot, "dist", "index.js"))) {
    console.error("dist/index.js is missing: run `npm run build` first");
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), "releasio-bench-upload-"));
  const wheel = join(dir, "bench-1.0.0-py3-none-any.whl");
  try {
    console.log(`generating a ${sizeMiB} MiB wheel in ${dir} …`);
    await writeWheel(wheel, sizeMiB * 1024 * 1024);
    const size = statSync(wheel).size;
    const { server, received, url } = await startServer();

    // releasio (in a child so its peak RSS is its own; /usr/bin/time when available, else resourceUsage)
    const useTime = existsSync("/usr/bin/time");
    const childArgs = [fileURLToPath(import.meta.url), "--child", url, wheel];
    const r = useTime
      ? await runChild("/usr/bin/time", ["-v", process.execPath, ...childArgs])
      : await runChild(process.execPath, childArgs);
    if (r.code !== 0) throw new Error(`releasio upload failed:\n${r.stderr}`);
    const mine = JSON.parse(r.stdout.trim().split("\n").at(-1));
    const mineRss = useTime ? maxRssFromTime(r.stderr) : mine.maxRssKiB;

    // curl -F with the same fields and file part
    const digests = { sha256: "0".repeat(64), blake2b_256: "0".repeat(64) };
    const form = benchFields(digests).flatMap(([k, v]) => ["-F", `${k}=${v}`]);
    const curlArgs = [
      "-sS",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code} %{time_total} %{size_upload}",
      "-u",
      `__token__:${TOKEN}`,
      "-H",
      "Accept: application/json",
      ...form,
      "-F",
      `content=@${wheel};type=application/octet-stream`,
      url,
    ];
    const c = useTime
      ? await runChild("/usr/bin/time", ["-v", "curl", ...curlArgs])
      : await runChild("curl", curlArgs);
    const [status, curlSeconds] = c.stdout.trim().split(" ");
    if (status !== "200") throw new Error(`curl upload failed: ${c.stdout} ${c.stderr}`);
    server.close();

    const ratio = Number(curlSeconds) / mine.uploadSeconds;
    console.log("");
    console.log(
      `file: ${size} bytes (${(size / 1024 ** 3).toFixed(2)} GiB); server received ${received.map((x) => x.bytes).join(" and ")} bytes`,
    );
    console.log(
      `releasio: hash pass ${mine.hashSeconds.toFixed(1)} s (${rate(size, mine.hashSeconds)}), upload ${mine.uploadSeconds.toFixed(1)} s (${rate(size, mine.uploadSeconds)}), peak RSS ${mb(mineRss)} MB`,
    );
    console.log(
      `curl -F:  upload ${Number(curlSeconds).toFixed(1)} s (${rate(size, Number(curlSeconds))}), peak RSS ${useTime ? mb(maxRssFromTime(c.stderr)) : "n/a"} MB`,
    );
    console.log(
      `throughput ratio releasio/curl: ${(ratio * 100).toFixed(0)} % (goal ≥ 70 %); RSS goal ≤ 150 MB: ${mineRss / 1024 <= 150 ? "met" : "NOT met"}`,
    );
    process.exitCode = mineRss / 1024 <= 150 && ratio >= 0.7 ? 0 : 1;
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
