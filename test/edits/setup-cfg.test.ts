import { describe, expect, it } from "vitest";
import { parseIni, setSetupCfgVersion, verifySetupCfgEdit } from "../../src/edits/setup-cfg.js";
import { caught } from "../support/caught.js";

describe("parseIni", () => {
  it("reads sections, both delimiters, lower-cased keys, continuation lines and full-line comments", () => {
    const text =
      "[metadata]\nName = demo\nversion: 1.0.0\n# comment\n[options]\ninstall_requires =\n    a==1.0.0\n    b\n";
    const document = parseIni(text);
    expect(document.get("metadata")?.get("name")?.value).toBe("demo");
    expect(document.get("metadata")?.get("version")?.value).toBe("1.0.0");
    expect(document.get("options")?.get("install_requires")?.value).toBe("\na==1.0.0\nb");
  });
});

describe("setSetupCfgVersion", () => {
  it.each([
    {
      name: "[metadata] version only, other sections untouched",
      before: "[metadata]\nname = demo\nversion = 1.0.0\n\n[options]\ninstall_requires =\n    other==1.0.0\n",
      after: "[metadata]\nname = demo\nversion = 1.0.1\n\n[options]\ninstall_requires =\n    other==1.0.0\n",
    },
    {
      name: "colon delimiter, odd spacing and CRLF are kept",
      before: "[metadata]\r\nversion:   1.0.0   \r\n[bdist]\r\nversion = 1.0.0\r\n",
      after: "[metadata]\r\nversion:   1.0.1   \r\n[bdist]\r\nversion = 1.0.0\r\n",
    },
  ])("$name", ({ before, after }) => {
    expect(setSetupCfgVersion(before, "setup.cfg", "1.0.1")).toBe(after);
  });

  it("a missing [metadata] version is E_VERSION_FILE", () => {
    const error = caught(() => setSetupCfgVersion("[metadata]\nname = demo\n", "setup.cfg", "1.0.1"));
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe("setup.cfg: no [metadata] version option");
  });

  it("a verification mismatch is E_EDIT_VERIFY", () => {
    const before = "[metadata]\nname = demo\nversion = 1.0.0\n";
    const error = caught(() =>
      verifySetupCfgEdit(before, "[metadata]\nname = demo2\nversion = 1.0.1\n", "setup.cfg", "1.0.1"),
    );
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toBe(
      "setup.cfg: the edited file does not re-parse to the expected content (metadata.name changed unexpectedly); nothing was written",
    );
  });
});
