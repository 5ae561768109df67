import { readFileSync } from "node:fs";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { observeRelease } from "../../../src/adapters/index/observer.js";
import { resolveRegistry } from "../../../src/adapters/index/registry.js";
import { caught } from "../../support/caught.js";
import { cleanupDists, sampleDists } from "../../support/dists.js";
import { type FakeIndex, startFakeIndex } from "../../support/fake-index.js";

const base = { registry: "https://upload.pypi.org/legacy/", check_url: null, allow_http_localhost: false };

describe("resolveRegistry", () => {
  it("knows PyPI and TestPyPI by name and URL, with their JSON APIs and simple indexes", () => {
    expect(resolveRegistry(base, {})).toEqual({
      uploadUrl: "https://upload.pypi.org/legacy/",
      name: "pypi",
      jsonApiBase: "https://pypi.org",
      simpleUrl: "https://pypi.org/simple/",
      origin: "https://upload.pypi.org",
      label: "PyPI",
    });
    expect(resolveRegistry(base, {}, "testpypi")).toMatchObject({
      name: "testpypi",
      jsonApiBase: "https://test.pypi.org",
      label: "TestPyPI",
    });
    expect(resolveRegistry(base, { RELEASIO_PUBLISH_REGISTRY: "testpypi" }).name).toBe("testpypi");
    expect(resolveRegistry(base, { RELEASIO_PUBLISH_REGISTRY: "testpypi" }, "pypi").name).toBe("pypi");
  });

  it("custom indexes read through check_url only", () => {
    const custom = { ...base, registry: "https://pkgs.example.com/legacy/" };
    expect(resolveRegistry(custom, {})).toMatchObject({
      name: null,
      jsonApiBase: null,
      simpleUrl: null,
      label: "pkgs.example.com",
    });
    expect(resolveRegistry({ ...custom, check_url: "https://pkgs.example.com/simple" }, {}).simpleUrl).toBe(
      "https://pkgs.example.com/simple/",
    );
  });

  it("refuses http except on loopback with allow_http_localhost (E_INSECURE_URL, exit 2)", () => {
    const error = (() => {
      try {
        resolveRegistry({ ...base, registry: "http://example.com/legacy/" }, {});
      } catch (e) {
        return e as { code: string; exitCode: number; message: string };
      }
      return null;
    })();
    expect(error).toMatchObject({
      code: "E_INSECURE_URL",
      exitCode: 2,
      message:
        "publish.registry: 'http://example.com/legacy/' must use https (http is only allowed for localhost with publish.allow_http_localhost)",
    });
    expect(() => resolveRegistry({ ...base, registry: "http://127.0.0.1:8080/legacy/" }, {})).toThrow(
      /must use https/,
    );
    expect(
      resolveRegistry({ ...base, registry: "http://127.0.0.1:8080/legacy/", allow_http_localhost: true }, {})
        .origin,
    ).toBe("http://127.0.0.1:8080");
    expect(() => resolveRegistry({ ...base, check_url: "http://example.com/simple/" }, {})).toThrow(
      /publish.check_url/,
    );
  });
});

describe("credentials in a registry URL", () => {
  const secret = "pypi-AgEIcHlwaS5vcmcSECRET";
  it.each([
    [
      "publish.registry",
      { ...base, registry: `https://__token__:${secret}@upload.pypi.org/legacy/` },
      {},
      null,
    ],
    [
      "RELEASIO_PUBLISH_REGISTRY",
      base,
      { RELEASIO_PUBLISH_REGISTRY: `https://u:${secret}@h.example/legacy/` },
      null,
    ],
    ["--registry", base, {}, `https://${secret}@h.example/legacy/`],
    ["publish.check_url", { ...base, check_url: `https://u:${secret}@pypi.org/simple/` }, {}, null],
  ])(
    "%s: refused with E_CONFIG_INVALID, exit 2, and the secret is never printed",
    (key, settings, env, flag) => {
      const error = caught(() => resolveRegistry(settings, env, flag));
      expect(error).toMatchObject({ code: "E_CONFIG_INVALID", exitCode: 2 });
      expect(error.message).toMatch(new RegExp(`^${key}: '.*' carries credentials in the URL$`));
      expect(JSON.stringify([error.message, error.hint, error.details])).not.toContain(secret);
    },
  );

  it("names the URL without its credentials", () => {
    expect(() =>
      resolveRegistry({ ...base, registry: `http://u:${secret}@example.com/legacy/` }, {}),
    ).toThrow("publish.registry: 'http://example.com/legacy/' carries credentials in the URL");
  });
});

describe("observeRelease", () => {
  let fake: FakeIndex;
  afterEach(async () => fake?.close());
  afterAll(() => cleanupDists());

  it("lists a release's files with sha256 from the JSON API, following the same-origin name redirect", async () => {
    const d = sampleDists();
    fake = await startFakeIndex();
    fake.addFile({
      project: "demo",
      version: "1.1.0",
      filename: d.wheelName,
      content: readFileSync(d.wheel),
    });
    const listing = await observeRelease({
      fetch: fake.fetch,
      registry: resolveRegistry(base, {}),
      name: "Demo",
      version: "1.1.0",
    });
    expect([...listing!.keys()]).toEqual([d.wheelName]);
    expect(fake.calls.map((c) => c.path)).toEqual(["/pypi/demo/1.1.0/json"]);
    expect(
      await observeRelease({
        fetch: fake.fetch,
        registry: resolveRegistry(base, {}),
        name: "demo",
        version: "9.0",
      }),
    ).toEqual(new Map());
  });

  it("reads a simple index for custom indexes, and answers null when the index cannot be read", async () => {
    const d = sampleDists();
    fake = await startFakeIndex({ hosts: { upload: "pkgs.example.com", read: "pkgs.example.com" } });
    fake.addFile({
      project: "demo",
      version: "1.1.0",
      filename: d.sdistName,
      content: readFileSync(d.sdist),
    });
    const registry = resolveRegistry(
      {
        ...base,
        registry: "https://pkgs.example.com/legacy/",
        check_url: "https://pkgs.example.com/simple/",
      },
      {},
    );
    const listing = await observeRelease({ fetch: fake.fetch, registry, name: "demo", version: "1.1.0" });
    expect(listing?.get(d.sdistName)).toMatch(/^[0-9a-f]{64}$/);
    fake.failNext({ path: /^\/simple\//, status: 503, times: 5 });
    expect(
      await observeRelease({
        fetch: fake.fetch,
        registry,
        name: "demo",
        version: "1.1.0",
        retries: 1,
        sleep: async () => {},
      }),
    ).toBeNull();
  });
});
