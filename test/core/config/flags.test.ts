import { describe, expect, it } from "vitest";
import { applyFlagOverrides } from "../../../src/core/config/flags.js";
import { validateConfig } from "../../../src/core/config/validate.js";
import type { ReleasioError } from "../../../src/core/errors.js";
import { caught } from "../../support/caught.js";

const fresh = () => validateConfig({}, ".releasio.toml").config;

function flagError(overrides: Record<string, unknown>, names: Record<string, string> = {}): ReleasioError {
  return caught(() => applyFlagOverrides(fresh(), overrides, {}, names));
}

describe("command-line overrides", () => {
  it("set dotted keys and record flag origins, over file and environment origins", () => {
    const config = fresh();
    const origins: Record<string, string> = { allow_dirty: "env:RELEASIO_ALLOW_DIRTY" };
    const result = applyFlagOverrides(
      config,
      { allow_dirty: true, "publish.dist_dir": "wheelhouse" },
      origins,
    );
    expect(result).toBe(config);
    expect(config.allow_dirty).toBe(true);
    expect(config.publish.dist_dir).toBe("wheelhouse");
    expect(origins).toEqual({ allow_dirty: "flag:--allow-dirty", "publish.dist_dir": "flag:--dist-dir" });
  });

  it("use the caller's flag name when it differs from the key", () => {
    const config = fresh();
    const origins: Record<string, string> = {};
    applyFlagOverrides(config, { "publish.enabled": false }, origins, {
      "publish.enabled": "--skip-publish",
    });
    expect(config.publish.enabled).toBe(false);
    expect(origins).toEqual({ "publish.enabled": "flag:--skip-publish" });
  });

  it("skip undefined values", () => {
    const origins: Record<string, string> = {};
    const config = applyFlagOverrides(fresh(), { allow_dirty: undefined }, origins);
    expect(config.allow_dirty).toBe(false);
    expect(origins).toEqual({});
  });

  it("reject a value of the wrong type as a usage error", () => {
    const error = flagError({ "publish.tool": "flit" }, { "publish.tool": "tool" });
    expect(error.code).toBe("E_USAGE");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "--tool: must be one of auto, uv, build, poetry, pdm, hatch, twine; got 'flit'",
    );
  });

  it("apply the key's rules: an http registry is E_INSECURE_URL (scenario 115)", () => {
    const error = flagError({ "publish.registry": "http://example.com/legacy/" });
    expect(error.code).toBe("E_INSECURE_URL");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      "--registry: 'http://example.com/legacy/' must use https (http is only allowed for localhost with publish.allow_http_localhost)",
    );
  });

  it("allow a loopback http registry with allow_http_localhost", () => {
    const config = fresh();
    config.publish.allow_http_localhost = true;
    applyFlagOverrides(config, { "publish.registry": "http://127.0.0.1:9000/legacy/" }, {});
    expect(config.publish.registry).toBe("http://127.0.0.1:9000/legacy/");
    expect(flagError({ "publish.registry": "http://127.0.0.1:9000/legacy/" }).code).toBe("E_INSECURE_URL");
  });

  it("reject keys that are not configuration keys", () => {
    expect(flagError({ "publish.nope": 1 }).code).toBe("E_USAGE");
    expect(flagError({ publish: {} }).code).toBe("E_USAGE");
  });
});
