import { describe, expect, it } from "vitest";
import type { Author, CommitInfo } from "../../../src/core/plan/types.js";
import { releaseContributors } from "../../../src/core/release/contributors.js";

function commit(author: Author, coAuthors: Author[] = []): CommitInfo {
  return {
    sha: "a".repeat(40),
    short_sha: "aaaaaaa",
    subject: "feat: x",
    part: null,
    author,
    date: "2026-01-01T00:00:00Z",
    type: "feat",
    scope: null,
    description: "x",
    body: "",
    breaking: false,
    breaking_description: null,
    security: false,
    bump: "minor",
    included: true,
    reason: "minor-type",
    pr: null,
    packages: [],
    group: null,
    co_authors: coAuthors,
  };
}
const person = (name: string, login: string | null = null): Author => ({
  name,
  email: `${name.toLowerCase()}@x.org`,
  login,
});

describe("release contributors", () => {
  it("lists authors and co-authors once, bots excluded, sorted case-insensitively, first-timers marked", () => {
    const list = releaseContributors(
      [
        commit(person("zed", "zed")),
        commit(person("Dependabot", "dependabot[bot]")),
        commit(person("Ada", "Ada"), [person("bob")]),
        commit(person("zed", "zed")),
      ],
      ["dependabot[bot]"],
      new Set(["bob@x.org"]),
    );
    expect(list).toEqual([
      { label: "@Ada", firstTime: false },
      { label: "bob", firstTime: true },
      { label: "@zed", firstTime: false },
    ]);
  });
});
