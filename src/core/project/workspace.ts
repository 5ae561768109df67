/** What a pyproject.toml says about a uv workspace (PRODUCT.md §6.18). Pure: takes the parsed document. */
import { table } from "./dynamic-version.js";

/** The member globs of `[tool.uv.workspace]`, as written; empty when the document declares no workspace. */
export function uvWorkspaceMembers(pyproject: unknown): string[] {
  const members = table(pyproject, "tool", "uv", "workspace")?.["members"];
  return Array.isArray(members) ? members.filter((m): m is string => typeof m === "string") : [];
}
