/** The `changelog` command and the native renderer: badges, same-version tags, empty messages, word headings. */
import { afterAll, describe, expect, it } from "vitest";
import { cleanupRepos } from "../support/repo.js";
import { env, fixture, json, sectionEntries, todayUtc } from "./helpers-b.js";

afterAll(cleanupRepos);

const NO_FORGE = { RELEASIO_FORGE: "none" };

describe("writing into an existing changelog", () => {
  it("puts the entry before a `## Version 1.0.0` heading, after a `## Notes` section", async () => {
    const repo = fixture({
      files: { "CHANGELOG.md": "# Changelog\n\n## Notes\n\nKept.\n\n## Version 1.0.0\n\n- Initial\n" },
    });
    repo.commit("feat: add export");
    const r = await json(repo.dir, "update", ["update", "-x"], env(NO_FORGE));
    expect(r.code).toBe(0);
    expect(repo.read("CHANGELOG.md")).toBe(
      "# Changelog\n\n## Notes\n\nKept.\n\n" +
        `## [1.1.0] - ${todayUtc()}\n\n### ✨ Features\n\n- add export\n\n` +
        "## Version 1.0.0\n\n- Initial\n",
    );
  });
});

describe("a commit with an empty message", () => {
  it("is listed under Other by its short hash, and no line ends in a space", async () => {
    const repo = fixture();
    repo.git("commit", "-q", "--allow-empty", "--allow-empty-message", "-m", "");
    const empty = repo.head();
    repo.commit("fix: a");
    const r = await json(repo.dir, "check", ["check"], env(NO_FORGE));
    expect(r.code).toBe(0);
    const entry = r.json.changelog as string;
    expect(sectionEntries(entry, "📝 Other")).toEqual([`- ${empty.slice(0, 7)}`]);
    expect(entry).not.toMatch(/ $/m);
  });
});
