import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectedSdistFilename,
  filenameName,
  isAllowedPlatformTag,
  parseDistFilename,
} from "../../../src/core/publish/dist-filename.js";

describe("parseDistFilename", () => {
  it("parses wheel tags, with and without a build tag", () => {
    expect(parseDistFilename("demo-1.1.0-py2.py3-none-any.whl")).toEqual({
      kind: "wheel",
      filename: "demo-1.1.0-py2.py3-none-any.whl",
      name: "demo",
      version: "1.1.0",
      build: null,
      pythonTag: "py2.py3",
      abiTag: "none",
      platformTags: ["any"],
    });
    expect(
      parseDistFilename("demo-1.0-1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"),
    ).toMatchObject({
      build: "1",
      platformTags: ["manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    });
  });

  it("parses sdists and refuses zip sdists, odd names and path characters", () => {
    expect(parseDistFilename("some_thing-2.0rc1.tar.gz")).toEqual({
      kind: "sdist",
      filename: "some_thing-2.0rc1.tar.gz",
      name: "some_thing",
      version: "2.0rc1",
    });
    expect(parseDistFilename("demo-1.0.zip")).toMatch(/PEP 625/);
    expect(parseDistFilename("demo-1.0-py3-any.whl")).toMatch(/wrong number of parts/);
    expect(parseDistFilename("demo-1.0-x-py3-none-any.whl")).toMatch(/build number/);
    expect(parseDistFilename("a/b-1.0.tar.gz")).toMatch(/'\/'/);
    expect(parseDistFilename("README.md")).toMatch(/not a distribution/);
  });

  it("builds PEP 625 sdist names from the normalised name and version", () => {
    expect(filenameName("Some.Thing")).toBe("some_thing");
    expect(expectedSdistFilename("Some.Thing", "1.0.0-RC.1")).toBe("some_thing-1.0.0rc1.tar.gz");
  });

  it("accepts PyPI's platform tags and refuses linux_x86_64", () => {
    for (const t of [
      "any",
      "win_amd64",
      "manylinux2014_aarch64",
      "manylinux_2_28_x86_64",
      "musllinux_1_2_x86_64",
      "macosx_10_9_x86_64",
      "macosx_11_0_arm64",
      "linux_armv7l",
    ]) {
      expect([t, isAllowedPlatformTag(t)]).toEqual([t, true]);
    }
    for (const t of ["linux_x86_64", "linux_aarch64", "macosx_16_0_arm64", "manylinux2014_riscv64"]) {
      expect([t, isAllowedPlatformTag(t)]).toEqual([t, false]);
    }
  });

  it("round-trips any well-formed wheel name", () => {
    const seg = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    fc.assert(
      fc.property(seg, fc.nat(99), fc.nat(99), seg, (name, major, minor, plat) => {
        const filename = `${name}-${major}.${minor}-py3-none-${plat}.whl`;
        const parsed = parseDistFilename(filename);
        expect(parsed).toMatchObject({
          kind: "wheel",
          name,
          version: `${major}.${minor}`,
          platformTags: [plat],
        });
      }),
    );
  });
});
