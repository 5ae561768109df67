import { describe, expect, it } from "vitest";
import { configKeys, describeType, formatPath, nodeAt } from "../../../src/core/config/keys.js";

describe("schema keys", () => {
  it.each([
    [["version", "tag_prefix"], "version.tag_prefix"],
    [["commits", "commit_parsers", 1, "scope_grop"], "commits.commit_parsers[1].scope_grop"],
    [["branches", "release/1.x", "match"], 'branches."release/1.x".match'],
  ])("%j is written %s", (segments, text) => {
    expect(formatPath(segments)).toBe(text);
  });

  it.each([
    [["publish", "tool"], "one of auto, uv, build, poetry, pdm, hatch, twine"],
    [["publish", "trusted_publishing"], 'true, false or "required"'],
    [["allow_dirty"], "true or false"],
    [["publish", "retries"], "an integer"],
    [["release", "assets"], "an array of strings"],
    [["commits", "commit_parsers"], "an array of tables"],
    [["version", "version_files"], "an array of strings and tables"],
    [["changelog", "section_headers"], "a table of strings"],
    [["branches"], "a table of tables"],
    [["commits", "scope_regex"], "a string"],
  ])("%j expects %s", (segments, text) => {
    const node = nodeAt(segments);
    expect(node).not.toBeNull();
    if (node !== null) expect(describeType(node)).toBe(text);
  });

  it("classifies keys by how they can be written", () => {
    const kinds = Object.fromEntries(configKeys().map((k) => [k.path, k.kind]));
    expect(kinds["publish"]).toBe("table");
    expect(kinds["publish.registry"]).toBe("scalar");
    expect(kinds["publish.trusted_publishing"]).toBe("scalar");
    expect(kinds["release.assets"]).toBe("list");
    expect(kinds["commits.commit_parsers"]).toBe("table-list");
    expect(kinds["version.version_files"]).toBe("table-list");
    expect(kinds["branches"]).toBe("map");
    expect(kinds["changelog.section_headers"]).toBe("map");
  });

  it("finds nodes inside lists and maps", () => {
    expect(nodeAt(["branches", "beta", "prerelease_token"])).not.toBeNull();
    expect(nodeAt(["commits", "commit_parsers", 0, "scope_group"])).not.toBeNull();
    expect(nodeAt(["version", "version_files", 0, "toml_key"])).not.toBeNull();
    expect(nodeAt(["version", "nope"])).toBeNull();
  });
});
