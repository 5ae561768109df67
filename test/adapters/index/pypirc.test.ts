import { describe, expect, it } from "vitest";
import { parseIni, pypircPath, selectPypircSection } from "../../../src/adapters/index/pypirc.js";
import { resolveRegistry } from "../../../src/adapters/index/registry.js";
import { DEFAULT_CONFIG } from "../../../src/core/config/schema.js";

const pypi = resolveRegistry(DEFAULT_CONFIG.publish, {});
const testpypi = resolveRegistry({ ...DEFAULT_CONFIG.publish, registry: "testpypi" }, {});
const corp = resolveRegistry(
  { ...DEFAULT_CONFIG.publish, registry: "https://pypi.corp.example/legacy/" },
  {},
);

const RC = `; comment
[distutils]
index-servers =
    pypi
    testpypi
    corp

[pypi]
username = __token__
password = pypi-main

[testpypi]
username: __token__
password: pypi-test

[corp]
repository = https://pypi.corp.example/legacy
username = __token__
password = pypi-corp # not a comment in configparser
`;

describe("parseIni", () => {
  it("reads sections, = and : separators, continuation lines and comments like configparser", () => {
    const ini = parseIni(RC);
    expect(ini.distutils?.["index-servers"]).toBe("pypi\ntestpypi\ncorp");
    expect(ini.testpypi).toEqual({ username: "__token__", password: "pypi-test" });
    expect(ini.corp?.password).toBe("pypi-corp # not a comment in configparser");
  });
});

describe("selectPypircSection", () => {
  const ini = parseIni(RC);
  it("uses [pypi] / [testpypi] for the public indexes", () => {
    expect(selectPypircSection(ini, "/h/.pypirc", pypi, null)).toMatchObject({
      found: true,
      entry: { section: "pypi", password: "pypi-main" },
    });
    expect(selectPypircSection(ini, "/h/.pypirc", testpypi, null)).toMatchObject({
      entry: { section: "testpypi" },
    });
  });

  it("matches a custom index by its repository URL, ignoring a trailing slash", () => {
    expect(selectPypircSection(ini, "/h/.pypirc", corp, null)).toMatchObject({
      entry: { section: "corp", password: "pypi-corp # not a comment in configparser" },
    });
  });

  it("publish.repository names the section; a missing one says so", () => {
    expect(selectPypircSection(ini, "/h/.pypirc", pypi, "testpypi")).toMatchObject({
      entry: { section: "testpypi" },
    });
    expect(selectPypircSection(ini, "/h/.pypirc", pypi, "nope")).toEqual({
      found: false,
      why: "~/.pypirc has no section [nope] (publish.repository)",
    });
  });

  it("does not take [pypi] for PyPI when it points at another index", () => {
    const other = parseIni("[pypi]\nrepository = https://mirror.example/legacy/\npassword = x\n");
    expect(selectPypircSection(other, "/h/.pypirc", pypi, null).found).toBe(false);
  });
});

describe("pypircPath", () => {
  it("uses HOME, or USERPROFILE on Windows", () => {
    expect(pypircPath({ HOME: "/home/u" }, "linux")).toBe("/home/u/.pypirc");
    expect(pypircPath({}, "linux")).toBeNull();
    expect(pypircPath({ USERPROFILE: "C:/Users/u" }, "win32")).toMatch(/C:[/\\]Users[/\\]u[/\\]\.pypirc$/);
  });
});
