#!/usr/bin/env node
/**
 * Upload benchmark (PRODUCT.md §12, scenario 112): a valid 1 GiB wheel (one STORED member) is uploaded with
 * releasio's uploader (the built `dist/index.js`) to a loopback server that hashes the body, and the same multipart
 * form is sent with `curl -F`, alternating which goes first, several rounds; medians are reported. The digest pass
 * (sha256 + BLAKE2b-256, which must precede the upload: the digests are form fields sent before the file) is measured
 * once, in its own process, and reported separately.
 *
 *   npm run build && node scripts/bench-upload.mjs [--size-mib 1024] [--runs 3] [--keep]
 *   npm run bench -- --only upload        (the same, from the main benchmark)
 *
 * Goals: releasio's peak RSS ≤ 150 MB (digest pass and uploads); upload throughput ≥ 70 % of curl's.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32 } from "node:zlib";
import { centralHeader, endOfCentralDirectory, localHeader } from "./zip-stored.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "pypi-bench-token";
export const UPLOAD_GOALS = { minRatio: 0.7, maxRssMb: 150 };

const loadLib = () => import(pathToFileURL(join(repoRoot, "dist", "index.js")).href);

// ---------------------------------------------------------------- child modes
/** `--hash <path>`: the digest pass alone. */
async function childHash(path) {
  const lib = await loadLib();
  const t0 = performance.now();
  const digests = await lib.digestFile(path);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `${JSON.stringify({ digests, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
  );
}

/** `--child <url> <path> <digests JSON>`: one upload with releasio's uploader. */
async function childUpload(url, path, digestsJson) {
  const lib = await loadLib();
  const digests = JSON.parse(digestsJson);
  const credentials = {
    kind: "token",
    source: "bench",
    authorization: async () => `Basic ${Buffer.from(`__token__:${TOKEN}`).toString("base64")}`,
    invalidate() {},
    secrets: () => [TOKEN],
  };
  const t1 = performance.now();
  const outcome = await lib.uploadFile(
    {
      path,
      filename: "bench-1.0.0-py3-none-any.whl",
      size: digests.size,
      sha256: digests.sha256,
      fields: benchFields(digests),
    },
    { fetch: (u, init) => fetch(u, init), url, index: "bench", credentials, retries: 0, skipExisting: false },
  );
  const seconds = (performance.now() - t1) / 1000;
  process.stdout.write(
    `${JSON.stringify({ outcome: outcome.status, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
  );
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
    const local = localHeader(m.name, m.size, m.crc);
    await write(local);
    if (m.data) await write(m.data);
    else {
      for (let w = 0; w < m.size; w += block.length)
        await write(block.subarray(0, Math.min(block.length, m.size - w)));
    }
    centrals.push(centralHeader(m.name, m.size, m.crc, offset));
    offset += local.length + m.size;
  }
  const cd = Buffer.concat(centrals);
  await write(Buffer.concat([cd, endOfCentralDirectory(members.length, cd.length, offset)]));
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
const mib = (bytes, seconds) => bytes / seconds / 1024 / 1024;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs a node child of this script under GNU time when available; peak RSS in MB from time, else from the child. */
async function nodeChild(argv, useTime) {
  const childArgs = [fileURLToPath(import.meta.url), ...argv];
  const r = useTime
    ? await runChild("/usr/bin/time", ["-v", process.execPath, ...childArgs])
    : await runChild(process.execPath, childArgs);
  if (r.code !== 0) throw new Error(`releasio ${argv[0]} failed:\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").at(-1));
  return { ...out, rssMb: (useTime ? maxRssFromTime(r.stderr) : out.maxRssKiB) / 1024 };
}

async function curlUpload(url, wheel, useTime) {
  const digests = { sha256: "0".repeat(64), blake2b_256: "0".repeat(64) };
  const form = benchFields(digests).flatMap(([k, v]) => ["-F", `${k}=${v}`]);
  const curlArgs = [
    "-sS",
    "-o",
    "/dev/null",
    "-w",
    "%{http_code} %{time_total}",
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
  const [status, seconds] = c.stdout.trim().split(" ");
  if (status !== "200") throw new Error(`curl upload failed: ${c.stdout} ${c.stderr}`);
  return { seconds: Number(seconds), rssMb: useTime ? maxRssFromTime(c.stderr) / 1024 : null };
}

/**
 * The whole upload benchmark; returns the figures and the two goals (PASS/FAIL). `log` receives progress lines.
 * Throughput ratio = releasio's median MiB/s ÷ curl's median MiB/s over `runs` rounds of the same server.
 */
export async function runUploadBench({ sizeMiB = 1024, runs = 3, keep = false, log = console.log } = {}) {
  if (!existsSync(join(repoRoot, "dist", "index.js")))
    throw new Error("dist/index.js is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "releasio-bench-upload-"));
  const wheel = join(dir, "bench-1.0.0-py3-none-any.whl");
  const useTime = existsSync("/usr/bin/time");
  const { server, received, url } = await startServer();
  try {
    log(`generating a ${sizeMiB} MiB wheel in ${dir} …`);
    await writeWheel(wheel, sizeMiB * 1024 * 1024);
    const size = statSync(wheel).size;
    const hash = await nodeChild(["--hash", wheel], useTime);
    log(
      `digest pass (sha256 + BLAKE2b-256): ${hash.seconds.toFixed(1)} s, ${mib(size, hash.seconds).toFixed(1)} MiB/s`,
    );
    const mine = [];
    const theirs = [];
    for (let round = 0; round < runs; round++) {
      // Alternate who goes first, so neither always meets a cold page cache or a busier moment.
      const order = round % 2 === 0 ? ["releasio", "curl"] : ["curl", "releasio"];
      for (const who of order) {
        if (who === "releasio")
          mine.push(await nodeChild(["--child", url, wheel, JSON.stringify(hash.digests)], useTime));
        else theirs.push(await curlUpload(url, wheel, useTime));
      }
      log(
        `  round ${round + 1}/${runs}: releasio ${mib(size, mine.at(-1).seconds).toFixed(0)} MiB/s, curl ${mib(size, theirs.at(-1).seconds).toFixed(0)} MiB/s`,
      );
    }
    const bad = received.filter((r) => r.bytes < size);
    if (bad.length)
      throw new Error(`the server received short bodies: ${bad.map((r) => r.bytes).join(", ")}`);
    const releasioMiBs = median(mine.map((r) => mib(size, r.seconds)));
    const curlMiBs = median(theirs.map((r) => mib(size, r.seconds)));
    const peakRssMb = Math.max(hash.rssMb, ...mine.map((r) => r.rssMb));
    const ratio = releasioMiBs / curlMiBs;
    const curlRss = theirs.map((r) => r.rssMb).filter((v) => v !== null);
    return {
      size_bytes: size,
      runs,
      hash: { seconds: hash.seconds, mib_s: mib(size, hash.seconds), peak_rss_mb: hash.rssMb },
      releasio: {
        median_mib_s: releasioMiBs,
        runs_mib_s: mine.map((r) => mib(size, r.seconds)),
        peak_rss_mb: peakRssMb,
      },
      curl: {
        median_mib_s: curlMiBs,
        runs_mib_s: theirs.map((r) => mib(size, r.seconds)),
        peak_rss_mb: curlRss.length ? Math.max(...curlRss) : null,
      },
      goals: [
        {
          id: "upload_vs_curl",
          label: "releasio upload throughput / curl -F",
          limit: UPLOAD_GOALS.minRatio,
          value: ratio,
          result: ratio >= UPLOAD_GOALS.minRatio ? "PASS" : "FAIL",
        },
        {
          id: "upload_peak_rss",
          label: "releasio upload peak RSS (MB)",
          limit: UPLOAD_GOALS.maxRssMb,
          value: peakRssMb,
          result: peakRssMb <= UPLOAD_GOALS.maxRssMb ? "PASS" : "FAIL",
        },
      ],
    };
  } finally {
    server.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The human summary of a `runUploadBench` result. */
export function renderUploadText(r) {
  const [ratioGoal, rssGoal] = r.goals;
  return [
    `Upload of a ${(r.size_bytes / 1024 ** 3).toFixed(2)} GiB wheel to a loopback index (median of ${r.runs} rounds)`,
    `  digest pass: ${r.hash.seconds.toFixed(1)} s (${r.hash.mib_s.toFixed(1)} MiB/s)`,
    `  releasio: ${r.releasio.median_mib_s.toFixed(1)} MiB/s, peak RSS ${r.releasio.peak_rss_mb.toFixed(1)} MB`,
    `  curl -F:  ${r.curl.median_mib_s.toFixed(1)} MiB/s, peak RSS ${r.curl.peak_rss_mb === null ? "n/a" : r.curl.peak_rss_mb.toFixed(1)} MB`,
    `  ${ratioGoal.result}  throughput releasio/curl ${(ratioGoal.value * 100).toFixed(0)} % (goal ≥ ${ratioGoal.limit * 100} %)`,
    `  ${rssGoal.result}  peak RSS ${rssGoal.value.toFixed(1)} MB (goal ≤ ${rssGoal.limit} MB)`,
  ].join("\n");
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
  };
  if (args[0] === "--hash") {
    await childHash(args[1]);
    process.exit(0);
  } else if (args[0] === "--child") {
    await childUpload(args[1], args[2], args[3]);
    process.exit(0);
  } else {
    const result = await runUploadBench({
      sizeMiB: option("--size-mib", 1024),
      runs: option("--runs", 3),
      keep: args.includes("--keep"),
    });
    console.log(`\n${renderUploadText(result)}`);
    process.exitCode = result.goals.every((g) => g.result === "PASS") ? 0 : 1;
  }
}
