/** The `changelog` command and the native renderer: badges, same-version tags, empty messages, word headings. */
import { execFileSync } from "node:child_process";
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

describe("tags with the same canonical version", () => {
  const changelog = (dir: string, args: string[] = []) =>
    json(dir, "changelog", ["changelog", ...args], env(NO_FORGE));
  const headings = (content: string) => content.split("\n").filter((l) => l.startsWith("## "));

  it("get one entry, under the canonically spelled tag", async () => {
    const repo = fixture({ tag: null });
    repo.commit("feat: a");
    repo.tag("v01.0.0");
    repo.tag("v1.0.0");
    const r = await changelog(repo.dir);
    expect(r.code).toBe(0);
    expect(r.json.releases).toEqual([
      expect.objectContaining({ version: "1.0.0", tag: "v1.0.0", commits: 2 }),
    ]);
    expect(headings(r.json.content as string)).toEqual([expect.stringMatching(/^## \[1\.0\.0\] - /)]);
  });

  it("get one entry under --prereleases too, and the next entry compares with the winner", async () => {
    const repo = fixture();
    repo.commit("feat: b");
    repo.tag("v1.2.0-beta.1");
    repo.tag("v1.2.0b1");
    repo.commit("fix: c");
    repo.tag("v1.2.0");
    const r = await json(repo.dir, "changelog", ["changelog", "--prereleases"], env());
    expect(r.code).toBe(0);
    expect((r.json.releases as { tag: string }[]).map((x) => x.tag)).toEqual([
      "v1.2.0",
      "v1.2.0b1",
      "v1.0.0",
    ]);
    expect(headings(r.json.content as string)[0]).toContain("/compare/v1.2.0b1...v1.2.0)");
  });
});

describe("first-time contributors in the regenerated changelog", () => {
  const BADGE = "🎉 First contribution!";
  const BO = { name: "Bo", email: "bo@example.org" };
  const CY = { name: "Cy", email: "cy@example.org" };
  const extra = { ...NO_FORGE, RELEASIO_CHANGELOG_SHOW_FIRST_TIME_CONTRIBUTORS: "true" };
  /** The entry whose heading starts with `## [<version>]`, up to the next entry. */
  const entryOf = (content: string, version: string) => {
    const start = content.indexOf(`## [${version}]`);
    const end = content.indexOf("\n## ", start + 1);
    return content.slice(start, end < 0 ? undefined : end + 1);
  };

  it("badge each author in the release of their oldest commit, never in the first release, as check does", async () => {
    const repo = fixture({ version: "0.1.0", tag: null });
    repo.commit("feat: a", { author: BO });
    repo.tag("v0.1.0");
    repo.commit("feat: b", { author: BO });
    repo.commit("feat: c", { author: CY });
    repo.commit("fix: d");
    repo.tag("v0.2.0");
    repo.commit("fix: e", { author: CY });
    repo.commit("fix: f", { author: { name: "Di", email: "DI@example.org" } });
    repo.commit("fix: g", { author: { name: "Di again", email: "di@example.org" } });

    const r = await json(repo.dir, "changelog", ["changelog", "--unreleased"], env(extra));
    expect(r.code).toBe(0);
    const content = r.json.content as string;
    expect(sectionEntries(entryOf(content, "0.1.0"), "✨ Features")).toEqual(["- a"]);
    expect(sectionEntries(entryOf(content, "0.2.0"), "✨ Features")).toEqual([`- c ${BADGE}`, "- b"]);
    expect(sectionEntries(entryOf(content, "0.2.0"), "🐛 Bug Fixes")).toEqual(["- d"]);
    const unreleased = entryOf(content, "Unreleased");
    expect(sectionEntries(unreleased, "🐛 Bug Fixes")).toEqual([`- g ${BADGE}`, `- f ${BADGE}`, "- e"]);

    const check = await json(repo.dir, "check", ["check"], env(extra));
    expect(check.code).toBe(0);
    const planned = check.json.changelog as string;
    expect(sectionEntries(planned, "🐛 Bug Fixes")).toEqual(sectionEntries(unreleased, "🐛 Bug Fixes"));
  });

  it("are not badged without show_first_time_contributors", async () => {
    const repo = fixture();
    repo.commit("feat: b", { author: BO });
    repo.tag("v1.1.0");
    const r = await json(repo.dir, "changelog", ["changelog"], env(NO_FORGE));
    expect(r.code).toBe(0);
    expect(r.json.content).not.toContain(BADGE);
    expect(r.json.content).toContain("\n- b\n");
  });
});

describe("a release whose range overlaps an older release on another branch", () => {
  /** The entry whose heading starts with `## [<version>]`, up to the next entry. */
  const entryOf = (content: string, version: string) => {
    const start = content.indexOf(`## [${version}]`);
    const end = content.indexOf("\n## ", start + 1);
    return content.slice(start, end < 0 ? undefined : end + 1);
  };

  it("lists a maintenance fix merged later in both releases, as check did at each (§4.10, §6.1)", async () => {
    const repo = fixture({ tag: null });
    repo.commit("feat: one");
    repo.tag("v1.0.0");
    repo.git("branch", "1.x");
    repo.commit("feat!: two");
    repo.tag("v2.0.0");
    repo.checkout("1.x").commit("fix: on 1x");
    repo.tag("v1.0.1");
    repo.checkout("main").merge("1.x");
    repo.commit("fix: main after");
    const planned = await json(repo.dir, "check", ["check"], env(NO_FORGE));
    expect(planned.code).toBe(0);
    expect(sectionEntries(planned.json.changelog as string, "🐛 Bug Fixes")).toEqual([
      "- main after",
      "- on 1x",
    ]);
    repo.tag("v2.0.1");
    repo.checkout("1.x").commit("fix: later on 1x");
    repo.tag("v1.0.2");
    repo.checkout("main").merge("1.x");

    const r = await json(repo.dir, "changelog", ["changelog", "--unreleased"], env(NO_FORGE));
    expect(r.code).toBe(0);
    const counts = Object.fromEntries(
      (r.json.releases as { version: string; commits: number }[]).map((x) => [x.version, x.commits]),
    );
    // 2.0.1 = v2.0.0..v2.0.1: the merge, the fix it brings and the fix after it.
    expect(counts).toEqual({ "2.0.1": 3, "2.0.0": 1, "1.0.2": 1, "1.0.1": 1, "1.0.0": 2 });
    const content = r.json.content as string;
    const fixes = (version: string) => sectionEntries(entryOf(content, version), "🐛 Bug Fixes");
    expect(fixes("2.0.1")).toEqual(["- main after", "- on 1x"]);
    expect(fixes("1.0.1")).toEqual(["- on 1x"]);
    expect(fixes("1.0.2")).toEqual(["- later on 1x"]);
    // Unreleased = v2.0.1..HEAD (the newest listed release): the maintenance fix merged since.
    expect(fixes("Unreleased")).toEqual(["- later on 1x"]);
  });
});

describe("regenerating over an existing Unreleased section (§6.11: re-runs never duplicate)", () => {
  const EXISTING = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- wip\n\n## [1.0.0] - 2020-01-01\n\n- old\n";
  const regenerate = (repo: ReturnType<typeof fixture>, ...args: string[]) =>
    json(repo.dir, "changelog", ["changelog", "-x", "--allow-dirty", ...args], env(NO_FORGE));
  const unreleasedHeadings = (text: string) => text.split("\n").filter((l) => /^## \[Unreleased\]/.test(l));

  it("replaces it with the new one under --unreleased, the same on every run", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": EXISTING } });
    repo.commit("fix: b");
    const first = await regenerate(repo, "--unreleased");
    expect(first.code).toBe(0);
    const text = repo.read("CHANGELOG.md");
    expect(text).toMatch(
      /^# Changelog\n\nIntro\.\n\n## \[Unreleased\]\n\n### 🐛 Bug Fixes\n\n- b\n\n## \[1\.0\.0\] - /,
    );
    expect(text).not.toContain("- wip");
    for (let run = 0; run < 2; run++) {
      const again = await regenerate(repo, "--unreleased");
      expect(again.code).toBe(0);
      expect(again.json.written).toBe(false);
      expect(repo.read("CHANGELOG.md")).toBe(text);
    }
    expect(unreleasedHeadings(text)).toHaveLength(1);
  });

  it("heals a file that earlier runs filled with several Unreleased sections", async () => {
    const repeated = EXISTING.replace(
      "## [Unreleased]",
      "## [Unreleased]\n\n- a\n\n## Unreleased\n\n- b\n\n## [Unreleased]",
    );
    const repo = fixture({ files: { "CHANGELOG.md": repeated } });
    repo.commit("fix: b");
    expect((await regenerate(repo, "--unreleased")).code).toBe(0);
    const text = repo.read("CHANGELOG.md");
    expect(text.split("\n").filter((l) => /^## \[?Unreleased/.test(l))).toEqual(["## [Unreleased]"]);
    expect(text).toContain("Intro.\n\n## [Unreleased]\n\n### 🐛 Bug Fixes\n\n- b\n\n## [1.0.0]");
  });

  it("keeps it verbatim without --unreleased, as part of the preamble (§4.10, §6.11)", async () => {
    const repo = fixture({ files: { "CHANGELOG.md": EXISTING } });
    repo.commit("fix: b");
    expect((await regenerate(repo)).code).toBe(0);
    const text = repo.read("CHANGELOG.md");
    expect(text).toMatch(/^# Changelog\n\nIntro\.\n\n## \[Unreleased\]\n\n- wip\n\n## \[1\.0\.0\] - /);
    const again = await regenerate(repo);
    expect(again.json.written).toBe(false);
    expect(repo.read("CHANGELOG.md")).toBe(text);
  });
});

describe("the regenerated Unreleased section in a CRLF file with other sections", () => {
  it("takes the old one's place, keeps the rest and a fenced heading verbatim, and keeps CRLF", async () => {
    const existing =
      "# Changelog\n\n```md\n## [Unreleased]\n```\n\n## [Unreleased]\n\n- wip\n\n## Notes\n\nKept.\n\n" +
      "## [1.0.0] - 2020-01-01\n\n- old\n";
    const repo = fixture({ files: { "CHANGELOG.md": existing.replace(/\n/g, "\r\n") } });
    repo.commit("fix: b");
    const r = await json(
      repo.dir,
      "changelog",
      ["changelog", "-x", "--allow-dirty", "--unreleased"],
      env(NO_FORGE),
    );
    expect(r.code).toBe(0);
    const text = repo.read("CHANGELOG.md");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text.replace(/\r\n/g, "\n")).toMatch(
      /^# Changelog\n\n```md\n## \[Unreleased\]\n```\n\n## \[Unreleased\]\n\n### 🐛 Bug Fixes\n\n- b\n\n## Notes\n\nKept\.\n\n## \[1\.0\.0\] - /,
    );
  });
});

describe("an annotated tag without a tagger line (old git, converted repositories)", () => {
  /** Tags HEAD with a tag object that has no `tagger` header, as `git tag` can no longer make. */
  const legacyTag = (repo: ReturnType<typeof fixture>, name: string) => {
    const object = `object ${repo.head()}\ntype commit\ntag ${name}\n\nlegacy tag\n`;
    const sha = execFileSync("git", ["hash-object", "-t", "tag", "-w", "--stdin", "--literally"], {
      cwd: repo.dir,
      input: object,
    })
      .toString()
      .trim();
    repo.git("update-ref", `refs/tags/${name}`, sha);
  };

  it("is dated by its commit in the regenerated changelog and in check", async () => {
    const repo = fixture();
    repo.commit("feat: a", { date: 1709546400 }); // 2024-03-04T10:00:00Z
    legacyTag(repo, "v1.1.0");
    repo.commit("fix: b");
    const r = await json(repo.dir, "changelog", ["changelog"], env(NO_FORGE));
    expect(r.code).toBe(0);
    expect(r.json.content).toContain("## [1.1.0] - 2024-03-04\n");
    const c = await json(repo.dir, "check", ["check"], env(NO_FORGE));
    expect(c.code).toBe(0);
    expect(c.json).toMatchObject({ previous_tag: "v1.1.0", next_version: "1.1.1" });
  });
});
