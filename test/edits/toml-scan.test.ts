import { describe, expect, it } from "vitest";
import { parseTomlKey, scanTomlStrings } from "../../src/edits/toml-scan.js";

function located(text: string): string[] {
  return scanTomlStrings(text).map(
    (token) => `${JSON.stringify(token.path)} ${text.slice(token.start, token.end)}`,
  );
}

describe("scanTomlStrings", () => {
  it("reports each string value with its table path and exact token span", () => {
    const text = [
      '# a comment with "quotes" and [brackets]',
      "title = 'top'",
      "[project]",
      'name = "demo"',
      "version = '1.0.0'  # trailing comment",
      "[ tool . poetry ]",
      'version = """1.0.0"""',
      "",
    ].join("\n");
    expect(located(text)).toEqual([
      `["title"] 'top'`,
      `["project","name"] "demo"`,
      `["project","version"] '1.0.0'`,
      `["tool","poetry","version"] """1.0.0"""`,
    ]);
  });

  it("skips arrays whole, even with brackets, quotes and comments inside, and does not report their elements", () => {
    const text = [
      "[project]",
      "dependencies = [",
      '  "other==1.0.0", # ] not the end',
      '  \'x[extra]>=1\', """multi',
      ']"""',
      "]",
      'version = "1.0.0"',
      "",
    ].join("\n");
    expect(located(text)).toEqual([`["project","version"] "1.0.0"`]);
  });

  it("follows dotted keys, quoted keys and inline tables", () => {
    const text = [
      'tool.demo."my.key" = "a"',
      'site = { "name" = "b", nested = { deep = \'c\' }, list = ["d"] }',
      "",
    ].join("\n");
    expect(located(text)).toEqual([
      `["tool","demo","my.key"] "a"`,
      `["site","name"] "b"`,
      `["site","nested","deep"] 'c'`,
    ]);
  });

  it("numbers arrays of tables per parent and attaches sub-tables to the last element", () => {
    const text = [
      "[[package]]",
      'name = "a"',
      "[package.metadata]",
      'requires = "x"',
      "[[package.wheels]]",
      'url = "w0"',
      "[[package]]",
      'name = "b"',
      "[[package.wheels]]",
      'url = "w1"',
      "",
    ].join("\n");
    expect(located(text)).toEqual([
      `["package",0,"name"] "a"`,
      `["package",0,"metadata","requires"] "x"`,
      `["package",0,"wheels",0,"url"] "w0"`,
      `["package",1,"name"] "b"`,
      `["package",1,"wheels",0,"url"] "w1"`,
    ]);
  });

  it("handles escaped quotes, quote runs closing multi-line strings, CRLF and non-string scalars", () => {
    const text =
      'a = "say \\"hi\\""\r\nb = """x""""\r\nc = 1979-05-27 07:32:00Z # date\r\nd = true\r\ne = \'\'\'it\'s\'\'\'\r\n';
    expect(located(text)).toEqual([`["a"] "say \\"hi\\""`, `["b"] """x""""`, `["e"] '''it's'''`]);
  });
});

describe("parseTomlKey", () => {
  it.each([
    ["tool.demo.version", ["tool", "demo", "version"]],
    ['tool."my.pkg".version', ["tool", "my.pkg", "version"]],
    ["tool . demo", ["tool", "demo"]],
    ["version", ["version"]],
  ])("%s → %j", (input, expected) => {
    expect(parseTomlKey(input)).toEqual(expected);
  });

  it.each(["", "tool..x", "a\nb = 1", "a = 1", "tool.[x]"])("rejects %j", (input) => {
    expect(parseTomlKey(input)).toBeNull();
  });
});
