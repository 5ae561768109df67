import { describe, expect, it } from "vitest";
import { setPatternVersion, verifyPatternEdit } from "../../src/edits/pattern.js";
import { caught } from "../support/caught.js";

const conf = '# docs\nproject = "demo"\nrelease = "1.0.0"\nversion = "1.0"\npins = "other==1.0.0"\n';

describe("setPatternVersion", () => {
  it("replaces exactly the literal pattern with {version} = D (scenario 62)", () => {
    expect(setPatternVersion(conf, "docs/conf.py", 'release = "{version}"', "1.0.0", "1.0.1")).toBe(
      '# docs\nproject = "demo"\nrelease = "1.0.1"\nversion = "1.0"\npins = "other==1.0.0"\n',
    );
  });

  it("replaces every occurrence when count says so", () => {
    const text = "v1.0.0 and v1.0.0\n";
    expect(setPatternVersion(text, "README.md", "v{version}", "1.0.0", "2.0.0", 2)).toBe(
      "v2.0.0 and v2.0.0\n",
    );
  });

  it.each([
    {
      text: 'release = "0.9.0"\n',
      count: 1,
      message: 'docs/conf.py: expected exactly 1 match of release = "1.0.0", found 0',
    },
    {
      text: 'release = "1.0.0"\nrelease = "1.0.0"\n',
      count: 1,
      message: 'docs/conf.py: expected exactly 1 match of release = "1.0.0", found 2',
    },
    {
      text: 'release = "1.0.0"\n',
      count: 2,
      message: 'docs/conf.py: expected exactly 2 matches of release = "1.0.0", found 1',
    },
  ])("0 or too many matches are E_VERSION_FILE: $message", ({ text, count, message }) => {
    const error = caught(() =>
      setPatternVersion(text, "docs/conf.py", 'release = "{version}"', "1.0.0", "1.0.1", count),
    );
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe(message);
  });

  it("a pattern without {version} is E_VERSION_FILE", () => {
    const error = caught(() => setPatternVersion("x", "a.txt", "release", "1.0.0", "1.0.1"));
    expect(error.message).toBe("a.txt: the pattern release does not contain {version}");
  });

  it("a verification mismatch is E_EDIT_VERIFY naming the line", () => {
    const error = caught(() => verifyPatternEdit("a\nv=1\nb\n", "a\nv=2\nc\n", "f.txt", "v=1", "v=2"));
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toContain("(unexpected text on line 3)");
  });
});
