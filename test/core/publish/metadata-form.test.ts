import { describe, expect, it } from "vitest";
import type { DistFilename } from "../../../src/core/publish/dist-filename.js";
import { descriptionOf, headerValues, parseCoreMetadata } from "../../../src/core/publish/metadata.js";
import { metadataVersionAtLeast, uploadFormFields } from "../../../src/core/publish/upload-form.js";

const METADATA = [
  "Metadata-Version: 2.4",
  "Name: Demo.Pkg",
  "Version: 1.1.0",
  "Summary: A demo",
  "Keywords: a,b",
  "License-Expression: MIT",
  "License-File: LICENSE",
  "Classifier: Programming Language :: Python :: 3",
  "Classifier: Typing :: Typed",
  "Requires-Dist: requests>=2",
  "Requires-Dist: rich; extra == 'cli'",
  "Provides-Extra: cli",
  "Project-URL: Homepage, https://example.com",
  "Author: UNKNOWN",
  "Home-page: ",
  "Description-Content-Type: text/markdown",
  "",
  "# Demo",
  "",
  "Body line.",
  "",
].join("\n");

const wheel: DistFilename = {
  kind: "wheel",
  filename: "demo_pkg-1.1.0-py3-none-any.whl",
  name: "demo_pkg",
  version: "1.1.0",
  build: null,
  pythonTag: "py3",
  abiTag: "none",
  platformTags: ["any"],
};

describe("core metadata", () => {
  it("reads headers case-insensitively, repeated fields in order, and the body as the description", () => {
    const meta = parseCoreMetadata(METADATA);
    expect(headerValues(meta, "classifier")).toEqual([
      "Programming Language :: Python :: 3",
      "Typing :: Typed",
    ]);
    expect(descriptionOf(meta)).toBe("# Demo\n\nBody line.\n");
  });

  it("unfolds continuation lines of a Description header (setuptools' 8 spaces and |)", () => {
    const meta = parseCoreMetadata(
      "Metadata-Version: 1.1\r\nName: x\r\nDescription: first\r\n        |second\r\n        |third\r\n",
    );
    expect(descriptionOf(meta)).toBe("first\nsecond\nthird");
    expect(meta.body).toBeNull();
  });
});

describe("upload form fields", () => {
  it("names fields as Warehouse expects, repeats multi-use fields, drops UNKNOWN and empty values, never sends MD5", () => {
    const fields = uploadFormFields({
      dist: wheel,
      metadata: parseCoreMetadata(METADATA),
      sha256: "AB".repeat(32),
      blake2b_256: "cd".repeat(32),
    });
    expect(fields).toEqual([
      [":action", "file_upload"],
      ["protocol_version", "1"],
      ["metadata_version", "2.4"],
      ["name", "Demo.Pkg"],
      ["version", "1.1.0"],
      ["summary", "A demo"],
      ["description_content_type", "text/markdown"],
      ["keywords", "a,b"],
      ["license_expression", "MIT"],
      ["license_file", "LICENSE"],
      ["classifiers", "Programming Language :: Python :: 3"],
      ["classifiers", "Typing :: Typed"],
      ["requires_dist", "requests>=2"],
      ["requires_dist", "rich; extra == 'cli'"],
      ["project_urls", "Homepage, https://example.com"],
      ["provides_extra", "cli"],
      ["description", "# Demo\n\nBody line.\n"],
      ["filetype", "bdist_wheel"],
      ["pyversion", "py3"],
      ["sha256_digest", "ab".repeat(32)],
      ["blake2_256_digest", "cd".repeat(32)],
    ]);
  });

  it("sends pyversion source for sdists, drops License-File below 2.4 and serialises attestations as a JSON string", () => {
    const meta = parseCoreMetadata(
      "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nLicense-File: LICENSE\n",
    );
    const fields = uploadFormFields({
      dist: { kind: "sdist", filename: "demo-1.0.tar.gz", name: "demo", version: "1.0" },
      metadata: meta,
      sha256: "a".repeat(64),
      blake2b_256: "b".repeat(64),
      attestations: [{ version: 1 }],
    });
    expect(fields.find(([k]) => k === "pyversion")).toEqual(["pyversion", "source"]);
    expect(fields.some(([k]) => k === "license_file")).toBe(false);
    expect(fields.at(-1)).toEqual(["attestations", '[{"version":1}]']);
  });

  it("compares metadata versions numerically", () => {
    expect(metadataVersionAtLeast("2.4", "2.1")).toBe(true);
    expect(metadataVersionAtLeast("2.1", "2.4")).toBe(false);
    expect(metadataVersionAtLeast("1.2", "1.2")).toBe(true);
  });
});
