/** `publish` end to end against the fake index (PRODUCT.md §4.6, §7; scenarios 91, 92, 96, 111, 113–115). */
import { join } from "node:path";
import * as v from "valibot";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import { digestFile } from "../../src/adapters/index/digests.js";
import { OUTPUT_SCHEMAS } from "../../src/commands/output-schemas.js";
import { type PublishOptions, publish } from "../../src/commands/publish.js";
import { ReleasioError } from "../../src/core/errors.js";
import { releasio } from "../support/cli.js";
import { cleanupDists, distDir, rewriteWheel, sampleDists } from "../support/dists.js";
import { type FakeIndex, startFakeIndex } from "../support/fake-index.js";
import { cleanupRepos, tempDir } from "../support/repo.js";

const TOKEN = "pypi-publish-command-token";
let fake: FakeIndex | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
  cleanupRepos();
});
afterAll(() => cleanupDists());

function env(extra: Record<string, string | undefined> = {}) {
  return { PATH: "/usr/bin:/bin", HOME: tempDir("releasio-home-"), PYPI_TOKEN: TOKEN, ...extra };
}

/** A directory holding the sample wheel and sdist (used as --dist-dir .). */
function project(files?: Record<string, string>): string {
  const d = sampleDists();
  return distDir(files ?? { [d.wheelName]: d.wheel, [d.sdistName]: d.sdist });
}

/** Records the request headers releasio sends. */
function recording(inner: HttpFetch): {
  fetch: HttpFetch;
  requests: Array<{ url: string; method: string; headers: Headers }>;
} {
  const requests: Array<{ url: string; method: string; headers: Headers }> = [];
  return {
    requests,
    fetch: (url, init) => {
      requests.push({ url, method: init?.method ?? "GET", headers: new Headers(init?.headers) });
      return inner(url, init);
    },
  };
}

async function run(options: PublishOptions) {
  return publish({ sleep: async () => {}, ...options });
}

async function failure(promise: Promise<unknown>): Promise<ReleasioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ReleasioError)) throw new Error(`expected a ReleasioError, got ${String(error)}`);
  return error;
}

describe("publish (scenario 111)", () => {
  it("dry run validates, observes the index and uploads nothing", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const dir = project();
    const p = await run({ cwd: dir, distDir: ".", env: env(), fetch: fake.fetch });
    expect(p.dry_run).toBe(true);
    expect(p.dists.map((d) => [d.filename, d.status])).toEqual([
      ["demo-1.1.0-py3-none-any.whl", "planned"],
      ["demo-1.1.0.tar.gz", "planned"],
    ]);
    expect(p.steps.map((s) => [s.id, s.status])).toEqual([
      ["validate-dists", "done"],
      ["resolve-credentials", "planned"],
      ["check-index", "done"],
      ["upload:demo-1.1.0-py3-none-any.whl", "planned"],
      ["upload:demo-1.1.0.tar.gz", "planned"],
      ["verify-index", "planned"],
    ]);
    expect(fake.uploads).toHaveLength(0);
    expect(fake.calls.every((c) => c.method === "GET")).toBe(true);
    v.parse(OUTPUT_SCHEMAS.publish, p);
  });

  it("offline, the dry run plans without asking the index and --execute is refused before anything is read", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const dir = project();
    for (const offline of [{ offline: true }, { env: env({ RELEASIO_OFFLINE: "1" }) }]) {
      const p = await run({ cwd: dir, distDir: ".", env: env(), fetch: fake.fetch, ...offline });
      expect(p.steps.find((s) => s.id === "check-index")).toMatchObject({ status: "planned" });
      expect(p.warnings).toContainEqual({
        code: "W_OFFLINE_SKIPPED",
        message: "offline: did not check PyPI for files already there",
      });
      const error = await failure(
        run({ cwd: dir, distDir: ".", env: env(), fetch: fake.fetch, execute: true, ...offline }),
      );
      expect(error).toMatchObject({ code: "E_USAGE", exitCode: 2 });
      expect(error.message).toBe(
        "'publish --execute' needs the network (index upload) but --offline forbids network access",
      );
    }
    expect(fake.calls).toEqual([]);
  });

  it("uploads with Basic __token__ auth, Accept: application/json and PYPI.md's fields, then verifies", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const rec = recording(fake.fetch);
    const dir = project();
    const p = await run({ cwd: dir, distDir: ".", env: env(), fetch: rec.fetch, execute: true });
    expect(p.dists.map((d) => d.status)).toEqual(["uploaded", "uploaded"]);
    expect(p.steps.map((s) => s.status)).toEqual(["done", "done", "done", "done", "done", "done"]);
    const posts = rec.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(2);
    for (const r of posts) {
      expect(r.url).toBe("https://upload.pypi.org/legacy/");
      expect(r.headers.get("authorization")).toBe(
        `Basic ${Buffer.from(`__token__:${TOKEN}`).toString("base64")}`,
      );
      expect(r.headers.get("accept")).toBe("application/json");
    }
    const wheel = fake.uploads.find((u) => u.filename.endsWith(".whl"))!.fields;
    const sha = await digestFile(sampleDists().wheel);
    expect(wheel).toMatchObject({
      ":action": "file_upload",
      protocol_version: "1",
      metadata_version: "2.1",
      name: "demo",
      version: "1.1.0",
      filetype: "bdist_wheel",
      pyversion: "py3",
      sha256_digest: sha.sha256,
      blake2_256_digest: sha.blake2b_256,
    });
    expect(wheel.md5_digest).toBeUndefined();
    expect(fake.uploads.find((u) => u.filename.endsWith(".tar.gz"))!.fields).toMatchObject({
      filetype: "sdist",
      pyversion: "source",
    });
    expect(fake.files.map((f) => f.filename).sort()).toEqual([
      "demo-1.1.0-py3-none-any.whl",
      "demo-1.1.0.tar.gz",
    ]);
    expect(JSON.stringify(p)).not.toContain(TOKEN);
  });

  it("works from the CLI without git or configuration, JSON valid against the schema", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const dir = project();
    const r = await releasio(
      dir,
      ["publish", "--dist-dir", ".", "-x", "--json", "--no-verify"],
      env(),
      fake.fetch,
    );
    expect(r.code).toBe(0);
    const json = v.parse(OUTPUT_SCHEMAS.publish, r.json);
    expect(json.registry).toBe("https://upload.pypi.org/legacy/");
    expect(json.steps.at(-1)).toMatchObject({ id: "verify-index", status: "skipped", reason: "disabled" });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});

describe("secrets (scenario 117)", () => {
  it("a refused token appears nowhere in stdout, stderr or the JSON error", async () => {
    fake = await startFakeIndex({ tokens: ["pypi-the-accepted-one"] });
    const r = await releasio(
      project(),
      ["publish", "--dist-dir", ".", "-x", "--json", "-v"],
      env(),
      fake.fetch,
    );
    expect(r.code).toBe(1);
    expect(r.json.error).toMatchObject({ code: "E_UPLOAD_REJECTED" });
    expect(r.stdout + r.stderr).toContain("Invalid or non-existent authentication information");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(Buffer.from(`__token__:${TOKEN}`).toString("base64"));
  });
});

describe("retries and faults (scenario 113)", () => {
  it("503, 503, 200 → success in three attempts; the other file once", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 503, times: 2 });
    const p = await run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true });
    expect(p.dists.map((d) => d.status)).toEqual(["uploaded", "uploaded"]);
    expect(fake.uploads.map((u) => u.status)).toEqual([503, 503, 200, 200]);
  });

  it("a 400 is not retried and the journal shows what is left", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 400, body: "400 Invalid distribution file." });
    const e = await failure(
      run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true }),
    );
    expect(e.code).toBe("E_UPLOAD_REJECTED");
    expect(fake.uploads).toHaveLength(1);
    const steps = (e.details?.steps ?? []) as Array<{ id: string; status: string }>;
    expect(steps.map((s) => s.status)).toEqual(["done", "done", "done", "failed", "not-run", "not-run"]);
  });

  it("a connection reset in the middle of the body is retried", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, resetMidBody: true });
    const p = await run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true });
    expect(p.dists.map((d) => d.status)).toEqual(["uploaded", "uploaded"]);
    expect(fake.files).toHaveLength(2);
  });
});

describe("existing files (scenarios 91, 114)", () => {
  it("an identical file on the index is already-present and not uploaded again", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const { readFileSync } = await import("node:fs");
    fake.addFile({
      project: "demo",
      version: "1.1.0",
      filename: d.wheelName,
      content: readFileSync(d.wheel),
    });
    const p = await run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true });
    expect(p.dists.map((x) => [x.filename, x.status])).toEqual([
      [d.wheelName, "already-present"],
      [d.sdistName, "uploaded"],
    ]);
    expect(fake.uploads.map((u) => u.filename)).toEqual([d.sdistName]);
    expect(p.steps.find((s) => s.id === `upload:${d.wheelName}`)).toMatchObject({
      status: "skipped",
      reason: "already-done",
    });
  });

  it("the same filename with other content is E_INDEX_CONFLICT; skip_existing warns and skips it", async () => {
    const d = sampleDists();
    const other = sampleDists("demo", "1.1.0", "other");
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const { readFileSync } = await import("node:fs");
    fake.addFile({
      project: "demo",
      version: "1.1.0",
      filename: d.sdistName,
      content: readFileSync(other.sdist),
    });
    const e = await failure(
      run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true }),
    );
    expect(e.code).toBe("E_INDEX_CONFLICT");
    expect(e.message).toMatch(
      /^demo-1\.1\.0\.tar\.gz already exists on PyPI with sha256 [0-9a-f]{64}; the local file has [0-9a-f]{64}$/,
    );
    expect(fake.uploads).toHaveLength(0);
    const p = await run({
      cwd: project(),
      distDir: ".",
      env: env(),
      fetch: fake.fetch,
      execute: true,
      skipExisting: true,
    });
    expect(p.dists.map((x) => x.status)).toEqual(["uploaded", "skipped"]);
    expect(p.warnings.map((w) => w.code)).toContain("W_FILE_EXISTS");
    expect(p.steps.find((s) => s.id === "verify-index")?.status).toBe("done");
  });
});

describe("invalid dists (scenario 92)", () => {
  it("a wheel named for another version, a METADATA mismatch or linux_x86_64 → E_DIST_INVALID naming file and rule", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { "demo-1.2.0-py3-none-any.whl": d.wheel, [d.sdistName]: d.sdist },
        /^demo-1\.2\.0-py3-none-any\.whl: /,
      ],
      [
        { "demo-1.1.0-py3-none-linux_x86_64.whl": d.wheel },
        /^demo-1\.1\.0-py3-none-linux_x86_64\.whl: platform tag 'linux_x86_64' is not accepted by PyPI/,
      ],
    ];
    const mismatch = join(distDir({}), d.wheelName);
    rewriteWheel(d.wheel, mismatch, { metadata: (t) => t.replace("Version: 1.1.0", "Version: 1.1.1") });
    cases.push([
      { [d.wheelName]: mismatch },
      /^demo-1\.1\.0-py3-none-any\.whl: metadata Version 1\.1\.1 does not match the filename version 1\.1\.0/,
    ]);
    const norecord = join(distDir({}), d.wheelName);
    rewriteWheel(d.wheel, norecord, { drop: (m) => m.endsWith("/RECORD") });
    cases.push([{ [d.wheelName]: norecord }, /the wheel lacks demo-1\.1\.0\.dist-info\/RECORD/]);
    for (const [files, message] of cases) {
      const e = await failure(
        run({ cwd: distDir(files), distDir: ".", env: env(), fetch: fake.fetch, execute: true }),
      );
      expect(e.code).toBe("E_DIST_INVALID");
      expect(e.message).toMatch(message);
      expect(e.hint).toBeTruthy();
    }
    expect(fake.uploads).toHaveLength(0);
  });

  it("an empty dist directory is E_DIST_MISSING", async () => {
    const e = await failure(run({ cwd: distDir({}), distDir: ".", env: env() }));
    expect(e.code).toBe("E_DIST_MISSING");
  });
});

describe("pre-built dists (scenario 97)", () => {
  it("--dist-dir with three platform wheels and an sdist validates and uploads all four", async () => {
    const d = sampleDists();
    const dir = distDir({ [d.sdistName]: d.sdist });
    const tags = [
      "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64",
      "cp312-cp312-macosx_11_0_arm64",
      "cp312-cp312-win_amd64",
    ];
    for (const tag of tags) {
      // Distinct bytes per wheel (the index refuses the same bytes under two names, as Warehouse does).
      rewriteWheel(d.wheel, join(dir, `demo-1.1.0-${tag}.whl`), {
        metadata: (t) => t.replace("Summary:", `Platform: ${tag}\nSummary:`),
      });
    }
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const p = await run({ cwd: tempDir(), distDir: dir, env: env(), fetch: fake.fetch, execute: true });
    expect(p.dists.map((x) => x.status)).toEqual(["uploaded", "uploaded", "uploaded", "uploaded"]);
    expect(fake.files.map((f) => f.filename).sort()).toEqual(
      [...tags.map((t) => `demo-1.1.0-${t}.whl`), d.sdistName].sort(),
    );
    expect(fake.uploads.at(-1)?.filename).toBe(d.sdistName);
  });
});

describe("registries (scenario 115)", () => {
  it("--registry testpypi uploads to test.pypi.org and checks TestPyPI", async () => {
    fake = await startFakeIndex({
      tokens: [TOKEN],
      hosts: { upload: "test.pypi.org", read: "test.pypi.org" },
    });
    const p = await run({
      cwd: project(),
      distDir: ".",
      env: env(),
      fetch: fake.fetch,
      execute: true,
      registry: "testpypi",
    });
    expect(p.registry).toBe("https://test.pypi.org/legacy/");
    expect(fake.calls.every((c) => c.host === "test.pypi.org")).toBe(true);
    expect(fake.calls.some((c) => c.path === "/pypi/demo/1.1.0/json")).toBe(true);
  });

  it("a custom https index without check_url warns W_NO_INDEX_CHECK and skips the check", async () => {
    fake = await startFakeIndex({
      tokens: [TOKEN],
      hosts: { upload: "pkgs.example.com", read: "pkgs.example.com" },
    });
    const p = await run({
      cwd: project(),
      distDir: ".",
      env: env(),
      fetch: fake.fetch,
      execute: true,
      registry: "https://pkgs.example.com/legacy/",
    });
    expect(p.warnings.map((w) => w.code)).toContain("W_NO_INDEX_CHECK");
    expect(p.steps.find((s) => s.id === "check-index")).toMatchObject({
      status: "skipped",
      reason: "not-applicable",
    });
    expect(p.dists.map((d) => d.status)).toEqual(["uploaded", "uploaded"]);
  });

  it("a custom index with --check-url is observed and verified through its simple index", async () => {
    fake = await startFakeIndex({
      tokens: [TOKEN],
      hosts: { upload: "pkgs.example.com", read: "pkgs.example.com" },
    });
    const p = await run({
      cwd: project(),
      distDir: ".",
      env: env(),
      fetch: fake.fetch,
      execute: true,
      registry: "https://pkgs.example.com/legacy/",
      checkUrl: "https://pkgs.example.com/simple/",
    });
    expect(p.steps.find((s) => s.id === "verify-index")?.status).toBe("done");
    expect(fake.calls.filter((c) => c.path === "/simple/demo/").length).toBeGreaterThanOrEqual(2);
  });

  it("http://example.com/legacy/ is E_INSECURE_URL with exit 2; http on loopback needs allow_http_localhost", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const dir = project();
    const r = await releasio(
      dir,
      ["publish", "--dist-dir", ".", "--registry", "http://example.com/legacy/", "--json"],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({
      code: "E_INSECURE_URL",
      message:
        "--registry: 'http://example.com/legacy/' must use https (http is only allowed for localhost with publish.allow_http_localhost)",
    });
    const local = `${fake.origin}/legacy/`;
    const refused = await releasio(dir, ["publish", "--dist-dir", ".", "--registry", local, "--json"], env());
    expect(refused.code).toBe(2);
    const allowed = await releasio(
      dir,
      ["publish", "--dist-dir", ".", "--registry", local, "-x", "--json"],
      env({ RELEASIO_PUBLISH_ALLOW_HTTP_LOCALHOST: "true" }),
    );
    expect(allowed.code).toBe(0);
    expect(fake.files).toHaveLength(2);
  });
});

describe("verification (scenario 96)", () => {
  it("a lagging JSON API past verify_timeout is E_VERIFY_TIMEOUT after the upload succeeded", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.jsonApiLag(600_000);
    const e = await failure(
      publish({
        cwd: project(),
        distDir: ".",
        env: env({ RELEASIO_PUBLISH_VERIFY_TIMEOUT: "1" }),
        fetch: fake.fetch,
        execute: true,
      }),
    );
    expect(e.code).toBe("E_VERIFY_TIMEOUT");
    expect(e.message).toBe("2 of 2 files not visible on PyPI after 1s; re-run to finish");
    expect(fake.files).toHaveLength(2);
    // The re-run finds nothing to upload once the index caught up.
    fake.jsonApiLag(0);
    const p = await run({ cwd: project(), distDir: ".", env: env(), fetch: fake.fetch, execute: true });
    expect(p.dists.map((d) => d.status)).toEqual(["already-present", "already-present"]);
    expect(fake.uploads).toHaveLength(2);
  });
});

describe("publish settings", () => {
  it("publish.dist_dir is read relative to the project path; publish.retries = 0 gives up after one attempt", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const dir = project();
    const parent = join(dir, "..");
    const name = dir.split("/").at(-1)!;
    fake.failNext({ path: /^\/legacy\/$/, status: 503 });
    const e = await failure(
      run({
        cwd: parent,
        env: env({ RELEASIO_PUBLISH_DIST_DIR: name, RELEASIO_PUBLISH_RETRIES: "0" }),
        fetch: fake.fetch,
        execute: true,
      }),
    );
    expect(e.code).toBe("E_UPLOAD_REJECTED");
    expect(e.message).toContain("503");
    expect(fake.uploads).toHaveLength(1);
  });

  it("check_existing_version = false skips the pre-check; validate_before_publish = false uploads what the index accepts", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const p = await run({
      cwd: project(),
      distDir: ".",
      env: env({ RELEASIO_PUBLISH_CHECK_EXISTING_VERSION: "false" }),
      fetch: fake.fetch,
      execute: true,
    });
    expect(p.steps.find((s) => s.id === "check-index")).toMatchObject({
      status: "skipped",
      reason: "disabled",
    });
    // A linux_x86_64 wheel is refused locally by default; without validation the index refuses it. (A fresh
    // index: the same bytes under another name would be refused as a duplicate first, as Warehouse does.)
    await fake.close();
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const files = { "demo-1.1.0-py3-none-linux_x86_64.whl": d.wheel };
    expect(
      (
        await failure(
          run({ cwd: distDir(files), distDir: ".", env: env(), fetch: fake.fetch, execute: true }),
        )
      ).code,
    ).toBe("E_DIST_INVALID");
    const e = await failure(
      run({
        cwd: distDir(files),
        distDir: ".",
        env: env({ RELEASIO_PUBLISH_VALIDATE_BEFORE_PUBLISH: "false" }),
        fetch: fake.fetch,
        execute: true,
      }),
    );
    expect(e.code).toBe("E_UPLOAD_REJECTED");
    expect(e.message).toContain("unsupported platform tag 'linux_x86_64'");
  });
});
