import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  renderTemplate,
  scanTemplate,
  templatePlaceholders,
  unknownPlaceholders,
} from "../../../src/core/text/template.js";

describe("scanTemplate", () => {
  it("splits text and placeholders and unescapes doubled braces", () => {
    expect(scanTemplate("{{x}} {tag}: {description}}}")).toEqual({
      parts: [
        { kind: "text", text: "{x} " },
        { kind: "placeholder", name: "tag", position: 6 },
        { kind: "text", text: ": " },
        { kind: "placeholder", name: "description", position: 13 },
        { kind: "text", text: "}" },
      ],
      errors: [],
    });
  });

  it.each([
    ["{description!r}", "malformed", 0, "{description!r}"],
    ["{ description }", "malformed", 0, "{ description }"],
    ["{description:>20}", "malformed", 0, "{description:>20}"],
    ["{0}", "malformed", 0, "{0}"],
    ["{a.b}", "malformed", 0, "{a.b}"],
    ["{description", "unclosed", 0, "{description"],
    ["{project {tag}", "unclosed", 0, "{project "],
    ["x {} y", "empty", 2, "{}"],
    ["Release {tag", "unclosed", 8, "{tag"],
    ["Release {tag}}", "lone-close", 13, "}"],
    ["Release {}", "empty", 8, "{}"],
    ["}", "lone-close", 0, "}"],
    ["{", "unclosed", 0, "{"],
    ["{{{", "unclosed", 2, "{"],
  ])("%j has a %s brace at %i", (template, kind, position, text) => {
    expect(scanTemplate(template).errors[0]).toEqual({ kind, position, text });
  });

  it.each(["", "plain", "{{}}", "{{{tag}}}", "{a}{b}", "{_x1}", "}}{{"])("%j has no errors", (template) => {
    expect(scanTemplate(template).errors).toEqual([]);
  });

  it("loses no text: errors are kept literally and escapes are undone", () => {
    const chars = fc.constantFrom(..."ab {}!:_".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (list) => {
        const template = list.join("");
        const { parts, errors } = scanTemplate(template);
        const text = parts.map((p) => (p.kind === "text" ? p.text : `{${p.name}}`)).join("");
        const doubled = /\{\{|\}\}/.test(template);
        if (!doubled) expect(text).toBe(template);
        for (const e of errors) expect(template.slice(e.position, e.position + e.text.length)).toBe(e.text);
      }),
    );
  });

  it("is linear on long templates", () => {
    const long = `${"{".repeat(200_000)}${"a}".repeat(200_000)}`;
    const started = performance.now();
    scanTemplate(long);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("placeholders", () => {
  it("lists each name once, in order, ignoring escaped and malformed braces", () => {
    expect(templatePlaceholders("{b} {{a}} {a} {b} { c } {d")).toEqual(["b", "a"]);
    expect(unknownPlaceholders("{project} {nope}", ["project"])).toEqual(["nope"]);
  });
});

describe("renderTemplate", () => {
  it.each([
    ["Release {tag}", { tag: "v1.0.0" }, "Release v1.0.0"],
    ["{{tag}} {tag}", { tag: "v1" }, "{tag} v1"],
    ["{{{tag}}}", { tag: "v1" }, "{v1}"],
    ["{unknown} {tag}", { tag: "v1" }, "{unknown} v1"],
    ["{scope}", { scope: null }, ""],
    // Braces that form no placeholder are refused by validation; rendering keeps them as written.
    ["{tag!r} {tag", { tag: "v1" }, "{tag!r} {tag"],
  ])("%j → %j", (template, values, expected) => {
    expect(renderTemplate(template, values)).toBe(expected);
  });

  it("does not read inherited names", () => {
    expect(renderTemplate("{toString}", {})).toBe("{toString}");
  });
});
