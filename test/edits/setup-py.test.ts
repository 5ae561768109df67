import { describe, expect, it } from "vitest";
import {
  readSetupCall,
  setSetupPyVersion,
  setupVersionProblem,
  verifySetupPyEdit,
} from "../../src/edits/setup-py.js";
import { caught } from "../support/caught.js";

describe("readSetupCall", () => {
  it("reads name= and version= literals of the setup() call only", () => {
    const text = [
      "from setuptools import setup",
      'version = "0.0.1"  # a module variable, not the argument',
      "def setup_helpers(version='9'):",
      "    pass",
      "setup(",
      "    name='demo',",
      "    version='2.0.0',",
      '    install_requires=["other==2.0.0", dict(version="3")],',
      ")",
      "",
    ].join("\n");
    const call = readSetupCall(text);
    expect(call.name.map((k) => k.value)).toEqual(["demo"]);
    expect(call.version.map((k) => k.value)).toEqual(["2.0.0"]);
    expect(setupVersionProblem(call)).toBeNull();
  });

  it.each([
    ["setup(name='demo')\n", "setup() has no version= argument"],
    ["setup(name='demo', version=get_version())\n", "setup() version= is not a string literal"],
    ["setup(version='1' '.0')\n", "setup() version= is not a string literal"],
    ["setup(version='1.0')\nsetup(version='2.0')\n", "setup() has 2 version= arguments"],
  ])("%j → %s", (text, problem) => {
    expect(setupVersionProblem(readSetupCall(text))).toBe(problem);
  });
});

describe("setSetupPyVersion", () => {
  it.each([
    {
      name: "single quotes, scenario 4",
      before: "from setuptools import setup\nsetup(name='demo', version='2.0.0')\n",
      after: "from setuptools import setup\nsetup(name='demo', version='2.1.0')\n",
    },
    {
      name: "setuptools.setup, double quotes, CRLF and a pin of the same version",
      before:
        'import setuptools\r\nsetuptools.setup(\r\n    version = "2.0.0",  # v\r\n    install_requires=["x==2.0.0"],\r\n)\r\n',
      after:
        'import setuptools\r\nsetuptools.setup(\r\n    version = "2.1.0",  # v\r\n    install_requires=["x==2.0.0"],\r\n)\r\n',
    },
  ])("$name", ({ before, after }) => {
    expect(setSetupPyVersion(before, "setup.py", "2.1.0")).toBe(after);
  });

  it("a non-literal version is E_VERSION_FILE", () => {
    const error = caught(() => setSetupPyVersion("setup(version=VERSION)\n", "setup.py", "1.0.0"));
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe("setup.py: setup() version= is not a string literal");
  });

  it("a verification mismatch is E_EDIT_VERIFY", () => {
    const before = "setup(name='demo', version='2.0.0')\n";
    const error = caught(() =>
      verifySetupPyEdit(before, "setup(name='demo2', version='2.1.0')\n", "setup.py", "2.1.0"),
    );
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toContain("(text outside the version= literal changed)");
  });
});
