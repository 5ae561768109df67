import { describe, expect, it } from "vitest";
import { checkLockPins, setUvLockVersions, verifyUvLockEdit } from "../../src/edits/uv-lock.js";
import { caught } from "../support/caught.js";

const lock = `version = 1
revision = 2
requires-python = ">=3.12"

[[package]]
name = "demo"
version = "1.0.0"
source = { editable = "." }
dependencies = [
    { name = "httpx" },
]

[package.metadata]
requires-dist = [{ name = "httpx", specifier = "==1.0.0" }]

[[package]]
name = "demo-core"
version = "1.0.0"
source = { editable = "packages/core" }

[[package]]
name = "httpx"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/httpx-1.0.0.tar.gz", hash = "sha256:00", size = 10 }
wheels = [
    { url = "https://files.example/httpx-1.0.0-py3-none-any.whl", hash = "sha256:11", size = 5 },
]

[[package]]
name = "tool"
version = "0.5.0"
source = { virtual = "tools" }
`;

describe("setUvLockVersions", () => {
  it("changes only demo's version line (scenario 65)", () => {
    const { text, changed } = setUvLockVersions(lock, "uv.lock", ["demo"], "1.1.0");
    const diff = text.split("\n").flatMap((line, index) => {
      const old = lock.split("\n")[index];
      return line === old ? [] : [[old, line]];
    });
    expect(diff).toEqual([['version = "1.0.0"', 'version = "1.1.0"']]);
    expect(text.split("\n")[6]).toBe('version = "1.1.0"');
    expect(changed).toEqual([{ name: "demo", from: "1.0.0" }]);
  });

  it("updates every named workspace member with an editable or virtual source, never a registry package", () => {
    const { text, changed } = setUvLockVersions(lock, "uv.lock", ["demo_core", "tool", "httpx"], "2.0.0");
    expect(changed).toEqual([
      { name: "demo-core", from: "1.0.0" },
      { name: "tool", from: "0.5.0" },
    ]);
    expect(text).toContain('name = "httpx"\nversion = "1.0.0"');
    expect(text).toContain('name = "demo"\nversion = "1.0.0"');
  });

  it("keeps CRLF line endings", () => {
    const crlf = lock.replaceAll("\n", "\r\n");
    const { text } = setUvLockVersions(crlf, "uv.lock", ["demo"], "1.1.0");
    expect(text).toBe(
      crlf.replace('name = "demo"\r\nversion = "1.0.0"', 'name = "demo"\r\nversion = "1.1.0"'),
    );
  });

  it("leaves a lock without the project unchanged", () => {
    expect(setUvLockVersions(lock, "uv.lock", ["absent"], "1.1.0")).toEqual({ text: lock, changed: [] });
  });
});

describe("lock verification", () => {
  it("an injected third-party change is E_LOCK_PIN_CHANGED (scenario 65)", () => {
    const after = lock
      .replace('name = "demo"\nversion = "1.0.0"', 'name = "demo"\nversion = "1.1.0"')
      .replace('name = "httpx"\nversion = "1.0.0"', 'name = "httpx"\nversion = "1.0.1"');
    const error = caught(() => verifyUvLockEdit(lock, after, "uv.lock", ["demo"], "1.1.0"));
    expect(error.code).toBe("E_LOCK_PIN_CHANGED");
    expect(error.message).toBe(
      "uv.lock: refreshing changed pinned versions (httpx 1.0.0 → 1.0.1); restored the original file",
    );
  });

  it("a changed source of another package is E_LOCK_PIN_CHANGED", () => {
    const after = lock.replace(
      'source = { editable = "packages/core" }',
      'source = { editable = "packages/other" }',
    );
    const error = caught(() => checkLockPins(lock, after, "uv.lock", ["demo"]));
    expect(error.code).toBe("E_LOCK_PIN_CHANGED");
    expect(error.message).toContain("(demo-core 1.0.0");
  });

  it("a refresh that changes only the allowed packages passes", () => {
    const after = lock.replace('name = "demo"\nversion = "1.0.0"', 'name = "demo"\nversion = "1.1.0"');
    expect(() => checkLockPins(lock, after, "uv.lock", ["demo"])).not.toThrow();
    expect(() => verifyUvLockEdit(lock, after, "uv.lock", ["demo"], "1.1.0")).not.toThrow();
  });

  it("any other change is E_EDIT_VERIFY", () => {
    const after = lock
      .replace('name = "demo"\nversion = "1.0.0"', 'name = "demo"\nversion = "1.1.0"')
      .replace('specifier = "==1.0.0"', 'specifier = "==1.1.0"');
    const error = caught(() => verifyUvLockEdit(lock, after, "uv.lock", ["demo"], "1.1.0"));
    expect(error.code).toBe("E_EDIT_VERIFY");
    expect(error.message).toContain("(package.0.metadata.requires-dist.0.specifier changed unexpectedly)");
  });
});
