/**
 * Integers beyond JavaScript's exact range (TOML allows 64 bits; smol-toml gives them exactly as BigInt) are out of
 * range for every key and are quoted back as written, never as the nearest double.
 */
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { formatValue } from "../../../src/core/config/findings.js";
import { markFloats, TomlBigInteger, TomlFloat } from "../../../src/core/config/toml-float.js";
import { validateConfig } from "../../../src/core/config/validate.js";
import { ReleasioError } from "../../../src/core/errors.js";

const FILE = ".releasio.toml";

/** The error validating `toml` as a configuration file, read as the loader reads it. */
function failure(toml: string): ReleasioError {
  try {
    validateConfig(markFloats(parse(toml, { integersAsBigInt: true })), FILE);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(toml)} to be rejected`);
}

describe("markFloats", () => {
  it("keeps integers beyond the exact range exact, and makes the others numbers", () => {
    const doc = markFloats({
      a: 9007199254740991n,
      b: 9007199254740992n,
      c: -9007199254740992n,
      d: [99999999999999999999n],
    });
    expect(doc).toEqual({
      a: 9007199254740991,
      b: new TomlBigInteger(9007199254740992n),
      c: new TomlBigInteger(-9007199254740992n),
      d: [new TomlBigInteger(99999999999999999999n)],
    });
    expect(new TomlBigInteger(-9223372036854775808n).text).toBe("-9223372036854775808");
  });
});

describe("formatValue quotes TOML numbers as written, alone or inside lists and tables", () => {
  it.each([
    [new TomlBigInteger(9223372036854775807n), "9223372036854775807"],
    [12345678901234567890n, "12345678901234567890"],
    [[new TomlBigInteger(99999999999999999999n), "x"], '[99999999999999999999,"x"]'],
    [{ a: new TomlFloat(1.5), b: [new TomlFloat(3)] }, '{"a":1.5,"b":[3.0]}'],
    [[new TomlFloat(Number.NaN)], "[nan]"],
    [["\u0000 1 \u0000"], '["\\u0000 1 \\u0000"]'],
  ])("%s → %s", (value, shown) => {
    expect(formatValue(value)).toBe(shown);
  });
});

describe("an integer beyond the exact range is E_CONFIG_INVALID quoting it as written", () => {
  it.each([
    [
      "[publish]\nretries = 99999999999999999999",
      "'publish.retries' must be at most 9007199254740991; got 99999999999999999999",
      "use a whole number of at least 0: write retries = 3",
    ],
    [
      "[publish]\nverify_timeout = 9223372036854775807",
      "'publish.verify_timeout' must be at most 9007199254740991; got 9223372036854775807",
      "use a whole number of at least 1: write verify_timeout = 300",
    ],
    [
      "[publish]\nverify_timeout = -9223372036854775808",
      "'publish.verify_timeout' must be at least 1; got -9223372036854775808",
      "use a whole number of at least 1: write verify_timeout = 300",
    ],
    [
      "[publish]\nretries = 9007199254740992",
      "'publish.retries' must be at most 9007199254740991; got 9007199254740992",
      "use a whole number of at least 0: write retries = 3",
    ],
    [
      "[check_pr]\nmax_length = 18446744073709551616",
      "'check_pr.max_length' must be at most 9007199254740991; got 18446744073709551616",
      "use a whole number of at least 1: write max_length = 100",
    ],
    [
      "default_branch = 9223372036854775807",
      "'default_branch' must be a string; got 9223372036854775807",
      null,
    ],
    [
      "[commits]\ntypes_minor = [9223372036854775807]",
      "'commits.types_minor[0]' must be a string; got 9223372036854775807",
      null,
    ],
  ])("%j", (toml, message, hint) => {
    const error = failure(toml);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${FILE}: ${message}`);
    expect(error.hint).toBe(hint);
    expect(error.details?.["problems"]).toHaveLength(1);
  });

  it("the largest exact integer is accepted", () => {
    const doc = markFloats(parse("[publish]\nretries = 9007199254740991", { integersAsBigInt: true }));
    expect(validateConfig(doc, FILE).config.publish.retries).toBe(9007199254740991);
  });
});

describe("integers in the wrong form get a hint with a valid integer", () => {
  it.each([
    ['[publish]\nretries = "7"', "numbers take no quotes: write retries = 7"],
    ['[publish]\nretries = "99999999999999999999"', "use a whole number of at least 0: write retries = 3"],
    ["[publish]\nretries = 3.0", "an integer has no decimal point: write retries = 3"],
    ["[publish]\nretries = 1e300", "use a whole number of at least 0: write retries = 3"],
    ["[publish]\nretries = 1.5", null],
    ["[publish]\nverify_timeout = 0", "use a whole number of at least 1: write verify_timeout = 300"],
    ["[publish]\nretries = -1", "use a whole number of at least 0: write retries = 3"],
  ])("%j", (toml, hint) => {
    const error = failure(toml);
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.hint).toBe(hint);
  });
});
