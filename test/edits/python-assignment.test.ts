import { describe, expect, it } from "vitest";
import {
  chooseAssignments,
  findVersionAssignments,
  setPythonAssignments,
  verifyPythonEdit,
} from "../../src/edits/python-assignment.js";
import { caught } from "../support/caught.js";

const isCurrent = (value: string) => value === "1.0.0";

function bump(text: string, to = "1.0.1"): string {
  const chosen = chooseAssignments("pkg/__init__.py", findVersionAssignments(text), isCurrent, "1.0.0");
  return setPythonAssignments(text, "pkg/__init__.py", chosen, to);
}

describe("findVersionAssignments", () => {
  it("finds line-start assignments of the four names to plain string literals", () => {
    const text = [
      '"""Docstring mentioning __version__ = "9.9.9"."""',
      '__version__ = "1.0.0"',
      "__VERSION__='1.0.0'  # comment",
      'VERSION: str = "1.0.0"',
      'version: Final[str] = u"1.0.0"',
      '    __version__ = "2.0.0"  # indented: ignored',
      '__version__ = "1.0" + "0"',
      '__version__ = f"{x}"',
      'release = "1.0.0"',
      "# __version__ = '3.0.0'",
      "",
    ].join("\n");
    expect(findVersionAssignments(text).map((a) => [a.name, a.value, a.line])).toEqual([
      ["__version__", "1.0.0", 2],
      ["__VERSION__", "1.0.0", 3],
      ["VERSION", "1.0.0", 4],
      ["version", "1.0.0", 5],
    ]);
  });

  it("ignores assignments inside a multi-line string", () => {
    const text = 'DOC = """\n__version__ = "5.0.0"\n"""\n__version__ = "1.0.0"\n';
    expect(findVersionAssignments(text).map((a) => a.line)).toEqual([4]);
  });

  it("can be restricted to given names", () => {
    expect(
      findVersionAssignments('VERSION = "1"\n__version__ = "2"\n', ["__version__"]).map((a) => a.value),
    ).toEqual(["2"]);
  });
});

describe("setPythonAssignments", () => {
  it.each([
    { name: "double quotes", before: '__version__ = "1.0.0"\n', after: '__version__ = "1.0.1"\n' },
    { name: "single quotes are kept", before: "__version__ = '1.0.0'\n", after: "__version__ = '1.0.1'\n" },
    {
      name: "CRLF and a trailing comment are kept",
      before: '"""Demo."""\r\n\r\n__version__ = "1.0.0"  # set by releasio\r\nx = 1\r\n',
      after: '"""Demo."""\r\n\r\n__version__ = "1.0.1"  # set by releasio\r\nx = 1\r\n',
    },
    {
      name: "annotations and prefixes",
      before: 'VERSION: str = u"1.0.0"\n',
      after: 'VERSION: str = u"1.0.1"\n',
    },
    {
      name: "a single assignment that disagrees with the current version is still set",
      before: '__version__ = "0.9.0"\n',
      after: '__version__ = "1.0.1"\n',
    },
    {
      name: "with several assignments only those equal to the current version change",
      before: '__version__ = "1.0.0"\nVERSION = "1.0.0"\nversion = "0.1.0"\n',
      after: '__version__ = "1.0.1"\nVERSION = "1.0.1"\nversion = "0.1.0"\n',
    },
  ])("$name", ({ before, after }) => {
    expect(bump(before)).toBe(after);
  });

  it.each([
    {
      name: "no assignment",
      text: "x = 1\n",
      message:
        "pkg/__init__.py: expected exactly 1 line-start assignment of __version__, __VERSION__, VERSION, version to a version string, found 0",
    },
    {
      name: "several assignments, none current",
      text: '__version__ = "0.1.0"\nVERSION = "0.2.0"\n',
      message:
        'pkg/__init__.py: expected exactly 1 version assignment, found 2 (__version__ = "0.1.0" on line 1, VERSION = "0.2.0" on line 2) and none equals 1.0.0',
    },
  ])("$name is E_VERSION_FILE", ({ text, message }) => {
    const error = caught(() => bump(text));
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe(message);
  });

  it("a verification mismatch is E_EDIT_VERIFY", () => {
    const before = '__version__ = "1.0.0"\nOTHER = "1"\n';
    const targets = findVersionAssignments(before);
    const error = caught(() =>
      verifyPythonEdit(before, '__version__ = "1.0.1"\nOTHER = "2"\n', "pkg/__init__.py", targets, "1.0.1"),
    );
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toBe(
      "pkg/__init__.py: the edited file does not re-parse to the expected content (text outside the version assignment changed); nothing was written",
    );
    const wrongValue = caught(() =>
      verifyPythonEdit(before, '__version__ = "1.0.2"\nOTHER = "1"\n', "pkg/__init__.py", targets, "1.0.1"),
    );
    expect(wrongValue.message).toContain('__version__ on line 1 is "1.0.2", expected "1.0.1"');
  });
});
