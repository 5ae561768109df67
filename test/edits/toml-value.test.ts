import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../src/core/errors.js";
import {
  getTomlString,
  parseToml,
  setTomlString,
  tomlLineHint,
  verifyTomlEdit,
} from "../../src/edits/toml-value.js";
import { caught } from "../support/caught.js";

describe("setTomlString", () => {
  it.each([
    {
      name: "double quotes",
      before: '[project]\nname = "demo"\nversion = "1.0.0"\n',
      after: '[project]\nname = "demo"\nversion = "1.0.1"\n',
    },
    {
      name: "single quotes are kept",
      before: "[project]\nversion = '1.0.0'\n",
      after: "[project]\nversion = '1.0.1'\n",
    },
    {
      name: "a comment after the value is kept",
      before: '[project]\nversion   =   "1.0.0"   # bumped by releasio\n',
      after: '[project]\nversion   =   "1.0.1"   # bumped by releasio\n',
    },
    {
      name: "CRLF line endings stay CRLF",
      before: '[project]\r\nname = "demo"\r\nversion = "1.0.0"\r\n',
      after: '[project]\r\nname = "demo"\r\nversion = "1.0.1"\r\n',
    },
    {
      name: "a file without a final newline",
      before: '[project]\nversion = "1.0.0"',
      after: '[project]\nversion = "1.0.1"',
    },
    {
      name: "a multi-line basic string keeps its delimiters",
      before: '[project]\nversion = """1.0.0"""\n',
      after: '[project]\nversion = """1.0.1"""\n',
    },
  ])("$name", ({ before, after }) => {
    expect(setTomlString(before, "pyproject.toml", ["project", "version"], "1.0.1")).toBe(after);
  });

  it("changes only the version line when a dependency pin holds the same version (scenario 63)", () => {
    const before = [
      "[project]",
      'name = "demo"',
      "version = '1.0.0'",
      'dependencies = ["other==1.0.0"]',
      "",
      "[project.optional-dependencies]",
      'dev = ["pytest==1.0.0", "version==1.0.0"]',
      "",
      "[tool.other]",
      'version = "1.0.0"',
      "",
    ].join("\n");
    const after = setTomlString(before, "pyproject.toml", ["project", "version"], "1.0.1");
    const changed = after.split("\n").filter((line, index) => line !== before.split("\n")[index]);
    expect(changed).toEqual(["version = '1.0.1'"]);
  });

  it("updates [tool.poetry].version without touching [project]", () => {
    const before = '[project]\nversion = "1.0.0"\n\n[tool.poetry]\nversion = "1.0.0"\n';
    expect(setTomlString(before, "pyproject.toml", ["tool", "poetry", "version"], "2.0.0")).toBe(
      '[project]\nversion = "1.0.0"\n\n[tool.poetry]\nversion = "2.0.0"\n',
    );
  });

  it("updates a dotted key written in another table's body", () => {
    const before = '[tool]\ndemo.version = "1.0.0"\ndemo.other = "1.0.0"\n';
    expect(setTomlString(before, "cfg.toml", ["tool", "demo", "version"], "1.1.0")).toBe(
      '[tool]\ndemo.version = "1.1.0"\ndemo.other = "1.0.0"\n',
    );
  });

  it("updates a value inside an inline table", () => {
    const before = 'meta = { version = "1.0.0", name = "1.0.0" }\n';
    expect(setTomlString(before, "x.toml", ["meta", "version"], "1.0.1")).toBe(
      'meta = { version = "1.0.1", name = "1.0.0" }\n',
    );
  });

  it("falls back to a basic string when a literal string cannot hold the value", () => {
    expect(setTomlString("v = 'a'\n", "x.toml", ["v"], "it's")).toBe('v = "it\'s"\n');
  });

  it.each([
    { text: "[project]\nname = 'demo'\n", message: "x.toml: key 'project.version' not found" },
    { text: "[project]\nversion = 1\n", message: "x.toml: 'project.version' is not a string" },
    { text: "[project\n", message: "x.toml: invalid TOML at line 1, column 9:" },
  ])("a missing, non-string or unparsable value is E_VERSION_FILE: $message", ({ text, message }) => {
    const error = caught(() => setTomlString(text, "x.toml", ["project", "version"], "1.0.1"));
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe("getTomlString", () => {
  it("reads a string at a key path", () => {
    expect(getTomlString("[project]\nversion = '1.2.3'\n", "pyproject.toml", ["project", "version"])).toBe(
      "1.2.3",
    );
  });
});

describe("verifyTomlEdit", () => {
  const before = "[project]\nversion = '1.0.0'\ndependencies = [\"other==1.0.0\"]\n";

  it("accepts the exact edit", () => {
    const after = "[project]\nversion = '1.0.1'\ndependencies = [\"other==1.0.0\"]\n";
    expect(() =>
      verifyTomlEdit(before, after, "pyproject.toml", ["project", "version"], "1.0.1"),
    ).not.toThrow();
  });

  it.each([
    {
      name: "an edit that also moved a pin",
      after: "[project]\nversion = '1.0.1'\ndependencies = [\"other==1.0.1\"]\n",
      detail: "project.dependencies.0 changed unexpectedly",
    },
    {
      name: "an edit that did not set the value",
      after: before,
      detail: 'project.version is "1.0.0", expected "1.0.1"',
    },
    {
      name: "an edit that broke the syntax",
      after: "[project]\nversion = '1.0.1\n",
      detail: "invalid TOML at line 2",
    },
  ])("rejects $name with E_EDIT_VERIFY (scenario 63)", ({ after, detail }) => {
    const error = caught(() =>
      verifyTomlEdit(before, after, "pyproject.toml", ["project", "version"], "1.0.1"),
    );
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toContain(
      "pyproject.toml: the edited file does not re-parse to the expected content (",
    );
    expect(error.message).toContain(detail);
    expect(error.message.endsWith("; nothing was written")).toBe(true);
  });
});

describe("setTomlString property", () => {
  const bareKey = fc.constantFrom("name", "version", "license", "readme", "requires", "url", "x-y", "key_2");
  const text = fc
    .string({ maxLength: 12 })
    .map((s) => s.replace(/[\u007f\u0000-\u001f]/g, ""))
    .chain((s) => fc.constantFrom(s, "1.0.0", "other==1.0.0", "version = '1.0.0'", "# not a comment", "[x]"));
  const stringValue = fc
    .tuple(text, fc.boolean())
    .map(([s, literal]) => (literal && !/['\n]/.test(s) ? `'${s}'` : JSON.stringify(s)));
  const scalar = fc.oneof(
    stringValue,
    fc.integer().map(String),
    fc.constantFrom("true", "1979-05-27", "3.5"),
  );
  const value = fc.oneof(
    scalar,
    fc
      .array(scalar, { minLength: 1, maxLength: 3 })
      .map((items) => `[\n  ${items.join(",\n  ")}, # trailing ]\n]`),
    fc
      .array(scalar, { maxLength: 3 })
      .map((items) => `{ ${items.map((v, i) => `k${i} = ${v}`).join(", ")} }`),
  );
  const entries = fc.uniqueArray(fc.tuple(bareKey, value), { selector: ([key]) => key, maxLength: 4 });
  const comment = fc.constantFrom("", "# comment with 'quotes' and \"1.0.0\"\n", "\n");
  const table = fc.tuple(fc.constantFrom("tool.poetry", "tool.other", "build-system", "tool.x.y"), entries);
  const tables = fc.uniqueArray(table, { selector: ([name]) => name, maxLength: 3 });

  it("changes only the bytes of the version value, whatever surrounds it", () => {
    fc.assert(
      fc.property(
        tables,
        entries,
        fc.nat(4),
        fc.nat(3),
        comment,
        fc.constantFrom('"', "'"),
        fc.constantFrom("\n", "\r\n"),
        (others, project, split, position, note, quote, eol) => {
          const head = project.slice(0, split);
          const tail = project.slice(split);
          const render = (rows: [string, string][]) =>
            rows.filter(([key]) => key !== "version").map(([key, v]) => `${key} = ${v}\n`);
          const blocks = others.map(([name, rows]) => `[${name}]\n${render(rows).join("")}\n`);
          const projectHead = `${note}[project]\n${render(head).join("")}version = `;
          const projectTail = `  # keep\n${render(tail).join("")}\n`;
          const index = Math.min(position, blocks.length);
          const prefix = (blocks.slice(0, index).join("") + projectHead).replaceAll("\n", eol);
          const suffix = (projectTail + blocks.slice(index).join("")).replaceAll("\n", eol);
          const before = `${prefix}${quote}1.0.0${quote}${suffix}`;
          const after = setTomlString(before, "pyproject.toml", ["project", "version"], "2.10.3");
          expect(after).toBe(`${prefix}${quote}2.10.3${quote}${suffix}`);
          const expected = parse(before) as { project: Record<string, unknown> };
          expected.project["version"] = "2.10.3";
          expect(parse(after)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("tomlLineHint", () => {
  it.each([
    ["tag_prefix = v", 'strings take double quotes: tag_prefix = "v"'],
    ["  engine = git-cliff   # the engine", 'strings take double quotes: engine = "git-cliff"'],
    ["name = my project", 'strings take double quotes: name = "my project"'],
  ])("%s → a quoted string", (line, hint) => {
    expect(tomlLineHint(line)).toBe(hint);
  });

  it.each([
    "enabled = true",
    "timeout = 60",
    "ratio = 1.5e3",
    "when = 2026-11-26",
    'tag_prefix = "v"',
    "paths = [",
    "table = { a = 1 }",
    "[version",
    "just words",
  ])("%s → no guess", (line) => {
    expect(tomlLineHint(line)).toBeNull();
  });
});

describe("parseToml", () => {
  it("hands the caller the line, the column and the fix", () => {
    const seen: unknown[] = [];
    const error = caught(() =>
      parseToml("[version]\ntag_prefix = v\n", (detail, problem) => {
        seen.push(detail, problem);
        return new ReleasioError("E_CONFIG_TOML", detail);
      }),
    );
    expect(error).toBeInstanceOf(ReleasioError);
    expect(seen[0]).toMatch(/^line 2, column 14: /);
    expect(seen[1]).toMatchObject({
      line: 2,
      column: 14,
      hint: 'strings take double quotes: tag_prefix = "v"',
    });
  });
});
