import { describe, expect, it } from "vitest";
import { uvWorkspaceMembers } from "../../../src/core/project/workspace.js";

describe("uvWorkspaceMembers", () => {
  it.each<[string, unknown, string[]]>([
    [
      "a declared workspace",
      { tool: { uv: { workspace: { members: ["packages/*", "cli"] } } } },
      ["packages/*", "cli"],
    ],
    [
      "members that are not strings are left out",
      { tool: { uv: { workspace: { members: ["a", 1, null] } } } },
      ["a"],
    ],
    ["a workspace without members", { tool: { uv: { workspace: { exclude: ["x"] } } } }, []],
    ["members that are not a list", { tool: { uv: { workspace: { members: "packages/*" } } } }, []],
    ["uv settings without a workspace", { tool: { uv: { "dev-dependencies": [] } } }, []],
    ["no document", null, []],
  ])("%s", (_, document, members) => {
    expect(uvWorkspaceMembers(document)).toEqual(members);
  });
});
