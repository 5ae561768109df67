import { afterAll, afterEach, describe, expect, it } from "vitest";
import { digestFile } from "../../../src/adapters/index/digests.js";
import { readDist } from "../../../src/adapters/index/read-dist.js";
import { type Presence, retryAfterMs, uploadFile } from "../../../src/adapters/index/uploader.js";
import { type DistFilename, parseDistFilename } from "../../../src/core/publish/dist-filename.js";
import { uploadFormFields } from "../../../src/core/publish/upload-form.js";
import { cleanupDists, sampleDists } from "../../support/dists.js";
import { type FakeIndex, startFakeIndex } from "../../support/fake-index.js";
import { tokenCredentials } from "../../support/index-credentials.js";

const TOKEN = "pypi-uploader-test";
let fake: FakeIndex;

afterEach(async () => {
  await fake?.close();
});
afterAll(() => cleanupDists());

async function upload(
  options: { retries?: number; presence?: () => Promise<Presence>; skipExisting?: boolean } = {},
) {
  const path = sampleDists().wheel;
  const facts = await readDist(path);
  const digests = await digestFile(path);
  const fields = uploadFormFields({
    dist: parseDistFilename(facts.filename) as DistFilename,
    metadata: facts.metadata!,
    ...digests,
  });
  const credentials = tokenCredentials(TOKEN);
  const sleeps: number[] = [];
  const result = await uploadFile(
    { path, filename: facts.filename, size: digests.size, sha256: digests.sha256, fields },
    {
      fetch: fake.fetch,
      url: "https://upload.pypi.org/legacy/",
      index: "PyPI",
      credentials,
      retries: options.retries ?? 3,
      skipExisting: options.skipExisting ?? false,
      presence: options.presence ?? null,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    },
  ).then(
    (outcome) => ({ outcome, error: null }),
    (error: Error & { code?: string; hint?: string }) => ({ outcome: null, error }),
  );
  return { ...result, sleeps, credentials };
}

describe("uploadFile", () => {
  it("waits for a slow index instead of giving up or retrying: one attempt, uploaded", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, delayMs: 1500 });
    const r = await upload();
    expect(r.outcome).toMatchObject({ status: "uploaded", attempts: 1 });
    expect(fake.uploads.map((u) => u.status)).toEqual([200]);
    expect(fake.files).toHaveLength(1);
  });

  it("retries 503, 503 and succeeds on the third attempt, asking for the Authorization header each time", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 503, times: 2 });
    const r = await upload();
    expect(r.outcome).toMatchObject({ status: "uploaded", attempts: 3 });
    expect(fake.uploads.map((u) => u.status)).toEqual([503, 503, 200]);
    expect(r.credentials.authorizations).toBe(3);
    expect(r.sleeps).toHaveLength(2);
    expect(r.sleeps[1]!).toBeGreaterThan(r.sleeps[0]!);
    expect(fake.files).toHaveLength(1);
  });

  it("does not retry a 400", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({
      path: /^\/legacy\/$/,
      status: 400,
      body: "400 Only one sdist may be uploaded per release.",
    });
    const r = await upload();
    expect(r.error).toMatchObject({ code: "E_UPLOAD_REJECTED" });
    expect(r.error?.message).toBe(
      "PyPI rejected demo-1.1.0-py3-none-any.whl: 400 Only one sdist may be uploaded per release.",
    );
    expect(r.error?.hint).toContain("one sdist");
    expect(fake.uploads).toHaveLength(1);
  });

  it("retries a connection reset in the middle of the body", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, resetMidBody: true });
    const r = await upload();
    expect(r.outcome).toMatchObject({ status: "uploaded", attempts: 2 });
    expect(fake.files).toHaveLength(1);
  });

  it("honours Retry-After on 429", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 429 });
    // failNext answers without Retry-After; check the header parser separately.
    const r = await upload();
    expect(r.outcome?.attempts).toBe(2);
    expect(retryAfterMs("7")).toBe(7000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(
      10_000,
    );
    expect(retryAfterMs("soon")).toBeNull();
  });

  it("gives up after publish.retries with the index's last answer", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 503, times: 10 });
    const r = await upload({ retries: 2 });
    expect(r.error).toMatchObject({ code: "E_UPLOAD_REJECTED" });
    expect(fake.uploads).toHaveLength(3);
  });

  it("treats a file found on the index after an ambiguous failure as uploaded", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 502 });
    const r = await upload({ presence: async () => ({ state: "present" }) });
    expect(r.outcome).toMatchObject({ status: "uploaded", attempts: 1 });
    expect(fake.uploads).toHaveLength(1);
  });

  it("renews the credentials once when the index says the token expired", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 403, body: "403 Invalid API Token: token is expired" });
    const r = await upload();
    expect(r.outcome).toMatchObject({ status: "uploaded", attempts: 2 });
    expect(r.credentials.invalidations).toBe(1);
  });

  it("reports a transport failure after the retries as E_NETWORK", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, resetMidBody: true, times: 5 });
    const r = await upload({ retries: 1 });
    expect(r.error).toMatchObject({ code: "E_NETWORK" });
    expect(r.error?.message).toContain("cannot reach upload.pypi.org");
  });

  it("never follows a redirect and names the trailing-slash fix", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    const path = sampleDists().wheel;
    const facts = await readDist(path);
    const digests = await digestFile(path);
    const fields = uploadFormFields({
      dist: parseDistFilename(facts.filename) as DistFilename,
      metadata: facts.metadata!,
      ...digests,
    });
    const error = await uploadFile(
      { path, filename: facts.filename, size: digests.size, sha256: digests.sha256, fields },
      {
        fetch: fake.fetch,
        url: "https://upload.pypi.org/legacy",
        index: "PyPI",
        credentials: tokenCredentials(TOKEN),
        retries: 3,
        skipExisting: false,
      },
    ).catch((e: Error & { code: string; hint: string }) => e);
    expect(error).toMatchObject({ code: "E_UPLOAD_REJECTED" });
    expect((error as { hint: string }).hint).toContain("trailing slash");
    // The upload, then the empty probe that finds the redirect's status and target; neither is followed.
    expect(fake.calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ["POST", "/legacy", 308],
      ["POST", "/legacy", 308],
    ]);
    expect((error as Error).message).toContain("308 redirect to /legacy/");
    expect(fake.files).toHaveLength(0);
  });

  it("skips a file that exists with other content only with skip_existing", async () => {
    fake = await startFakeIndex({ tokens: [TOKEN] });
    fake.failNext({ path: /^\/legacy\/$/, status: 409, body: "409 Conflict: file exists", times: 2 });
    const skipped = await upload({ skipExisting: true });
    expect(skipped.outcome).toMatchObject({ status: "skipped" });
    const refused = await upload();
    expect(refused.error).toMatchObject({ code: "E_UPLOAD_REJECTED" });
  });
});
