import { describe, expect, it } from "vitest";
import { markFloats, TomlFloat } from "../../../src/core/config/toml-float.js";

describe("TOML floats in a configuration document", () => {
  it("makes integers numbers again and marks every float, in tables and arrays", () => {
    const doc = markFloats({ a: 3n, b: 3, c: [1n, 2.5], d: { e: -0, f: new Date(0) }, g: "x", h: true });
    expect(doc).toEqual({
      a: 3,
      b: new TomlFloat(3),
      c: [1, new TomlFloat(2.5)],
      d: { e: new TomlFloat(-0), f: new Date(0) },
      g: "x",
      h: true,
    });
  });

  it("keeps a key written __proto__ as a key", () => {
    const doc = markFloats(JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });

  it.each([
    [3, "3.0"],
    [1.5, "1.5"],
    [1e21, "1e+21"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
    [Number.NaN, "nan"],
  ])("spells %s as %s", (value, text) => {
    expect(new TomlFloat(value).text).toBe(text);
  });
});
