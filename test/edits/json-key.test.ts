import { describe, expect, it } from "vitest";
import { readJsonString, setJsonString, verifyJsonEdit } from "../../src/edits/json-key.js";
import { caught } from "../support/caught.js";

const packageJson =
  '{\n  "name": "demo",\n  "version": "1.0.0",\n  "dependencies": { "other": "1.0.0" },\n  "meta": { "version" : "1.0.0" }\n}\n';

describe("setJsonString", () => {
  it("changes only that key's string token (scenario 62)", () => {
    expect(setJsonString(packageJson, "package.json", "version", "1.0.1")).toBe(
      '{\n  "name": "demo",\n  "version": "1.0.1",\n  "dependencies": { "other": "1.0.0" },\n  "meta": { "version" : "1.0.0" }\n}\n',
    );
  });

  it("follows dotted keys and array indices, keeping CRLF", () => {
    const text = '{\r\n  "items": [ { "v": "1.0.0" }, { "v": "1.0.0" } ]\r\n}\r\n';
    expect(setJsonString(text, "x.json", "items.1.v", "2.0.0")).toBe(
      '{\r\n  "items": [ { "v": "1.0.0" }, { "v": "2.0.0" } ]\r\n}\r\n',
    );
  });

  it("reads the current value", () => {
    expect(readJsonString(packageJson, "package.json", "meta.version").value).toBe("1.0.0");
  });

  it.each([
    ["missing.key", "package.json: key 'missing.key' not found"],
    ["dependencies", "package.json: 'dependencies' is not a string"],
  ])("%s is E_VERSION_FILE", (key, message) => {
    const error = caught(() => setJsonString(packageJson, "package.json", key, "1.0.1"));
    expect(error.code).toBe("E_VERSION_FILE");
    expect(error.message).toBe(message);
  });

  it("a verification mismatch is E_EDIT_VERIFY", () => {
    const after = packageJson
      .replace('"other": "1.0.0"', '"other": "1.0.1"')
      .replace('"version": "1.0.0"', '"version": "1.0.1"');
    const error = caught(() => verifyJsonEdit(packageJson, after, "package.json", ["version"], "1.0.1"));
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toContain("(dependencies.other changed unexpectedly)");
  });
});
