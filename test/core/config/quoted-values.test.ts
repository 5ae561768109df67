/**
 * Values quoted back in configuration messages (`got …`) are shortened, so that a huge value does not flood the
 * terminal, and never show a URL's credentials, not even in part.
 */
import { describe, expect, it } from "vitest";
import { applyEnvOverrides } from "../../../src/core/config/env.js";
import { formatValue, MAX_VALUE_LENGTH, quoted } from "../../../src/core/config/findings.js";
import { applyFlagOverrides } from "../../../src/core/config/flags.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";
import { validateConfig } from "../../../src/core/config/validate.js";
import { ReleasioError } from "../../../src/core/errors.js";

const HUGE = "v".repeat(1_000_000);

function failure(run: () => unknown): ReleasioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("quoted", () => {
  it("keeps short text and shortens long text to the limit", () => {
    expect(quoted("main")).toBe("main");
    expect(quoted("x".repeat(MAX_VALUE_LENGTH))).toBe("x".repeat(MAX_VALUE_LENGTH));
    expect(quoted(HUGE)).toBe(`${"v".repeat(MAX_VALUE_LENGTH - 1)}…`);
    expect(quoted("abcdef", 4)).toBe("abc…");
  });

  it("removes credentials before shortening", () => {
    const url = `https://user:${"s".repeat(100)}@example.com/${"p".repeat(100)}`;
    expect(quoted(url)).not.toContain("user");
    expect(quoted(url)).not.toContain("sss");
    expect(quoted(url).startsWith("https://example.com/")).toBe(true);
  });

  it("takes linear time on text with many word boundaries", () => {
    const started = performance.now();
    quoted("a.".repeat(500_000));
    formatValue(["a.".repeat(500_000)]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("a huge value is quoted back shortened wherever it is reported", () => {
  it.each([
    ["an invalid file value", () => validateConfig({ publish: { tool: HUGE } }, ".releasio.toml")],
    ["an invalid environment value", () => applyEnvOverrides({}, { RELEASIO_PUBLISH_RETRIES: HUGE })],
    [
      "an environment value a rule refuses",
      () =>
        validateConfig({ default_branch: `a..${HUGE}` }, ".releasio.toml", {
          origins: { default_branch: "env:RELEASIO_DEFAULT_BRANCH" },
        }),
    ],
    [
      "an insecure index URL",
      () => validateConfig({ publish: { registry: `http://example.com/${HUGE}` } }, ".releasio.toml"),
    ],
    [
      "a flag value",
      () =>
        applyFlagOverrides(
          structuredClone(DEFAULT_CONFIG),
          { "publish.registry": `http://example.com/${HUGE}` },
          {},
        ),
    ],
    [
      "a release commit message its pattern does not match",
      () => validateConfig({ release_pr: { commit_message: `x${HUGE}` } }, ".releasio.toml"),
    ],
  ])("%s", (_, run) => {
    const error = failure(run);
    expect(error.message.length).toBeLessThan(400);
    expect((error.hint ?? "").length).toBeLessThan(400);
    expect(JSON.stringify(error.details ?? {}).length).toBeLessThan(2000);
  });
});
