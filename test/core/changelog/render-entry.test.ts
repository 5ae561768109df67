import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ForgeLinks } from "../../../src/core/changelog/options.js";
import { DEFAULT_SECTION_HEADERS, DEFAULT_SECTION_ORDER } from "../../../src/core/changelog/options.js";
import { authorKey, type EntryInput, renderEntry } from "../../../src/core/changelog/render-entry.js";
import type { CommitInfo } from "../../../src/core/plan/types.js";
import { changelogOptions, commit } from "./commit-factory.js";

const GITHUB: ForgeLinks = { kind: "github", webUrl: "https://github.com/acme/demo" };
const GITLAB: ForgeLinks = { kind: "gitlab", webUrl: "https://gitlab.com/acme/demo" };
const SHA = "0123456789abcdef0123456789abcdef01234567";

function input(commits: readonly CommitInfo[], fields: Partial<EntryInput> = {}): EntryInput {
  return {
    version: "1.1.0",
    tag: "v1.1.0",
    previousTag: "v1.0.0",
    date: "2024-05-02",
    commits,
    forge: null,
    notes: null,
    firstTimeContributors: new Set(),
    dependencies: [],
    ...fields,
  };
}

describe("the entry format", () => {
  it("lists features before fixes, scoped entries with a bold scope, without a forge (scenario 46)", () => {
    const commits = [
      commit({ type: "feat", description: "add export" }),
      commit({ type: "fix", scope: "api", description: "handle null", bump: "patch" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export\n\n### 🐛 Bug Fixes\n\n- **api:** handle null\n",
    );
  });

  it("leaves out commits that are not included", () => {
    const commits = [commit({ description: "shown" }), commit({ description: "hidden", included: false })];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- shown\n",
    );
  });

  it("is only the heading when nothing is listed", () => {
    expect(renderEntry(input([]), changelogOptions())).toBe("## [1.1.0] - 2024-05-02\n");
  });

  it("has no date part when the date is empty (the Unreleased entry)", () => {
    const text = renderEntry(input([], { version: "Unreleased", tag: "HEAD", date: "" }), changelogOptions());
    expect(text).toBe("## [Unreleased]\n");
  });

  it("keeps the given (newest first) order inside a section", () => {
    const commits = ["third", "second", "first"].map((description) => commit({ description }));
    expect(renderEntry(input(commits), changelogOptions())).toContain("- third\n- second\n- first\n");
  });
});

describe("links (scenario 47)", () => {
  const pr = commit({ description: "add export", pr: 12, sha: SHA, short_sha: "0123456" });

  it("links the comparison and the pull request on GitHub", () => {
    expect(renderEntry(input([pr], { forge: GITHUB }), changelogOptions())).toBe(
      "## [1.1.0](https://github.com/acme/demo/compare/v1.0.0...v1.1.0) - 2024-05-02\n\n### ✨ Features\n\n" +
        "- add export ([#12](https://github.com/acme/demo/pull/12))\n",
    );
  });

  it("appends the linked short hash with show_commit_hash", () => {
    const text = renderEntry(input([pr], { forge: GITHUB }), changelogOptions({ show_commit_hash: true }));
    expect(text).toContain(
      `- add export ([#12](https://github.com/acme/demo/pull/12)) ([0123456](https://github.com/acme/demo/commit/${SHA}))\n`,
    );
  });

  it("uses GitLab's /-/ paths and merge request references", () => {
    const text = renderEntry(input([pr], { forge: GITLAB }), changelogOptions({ show_commit_hash: true }));
    expect(text).toBe(
      "## [1.1.0](https://gitlab.com/acme/demo/-/compare/v1.0.0...v1.1.0) - 2024-05-02\n\n### ✨ Features\n\n" +
        "- add export ([!12](https://gitlab.com/acme/demo/-/merge_requests/12))" +
        ` ([0123456](https://gitlab.com/acme/demo/-/commit/${SHA}))\n`,
    );
  });

  it.each([
    ["GitHub", GITHUB, "## [1.0.0](https://github.com/acme/demo/tree/v1.0.0) - 2024-05-02"],
    ["GitLab", GITLAB, "## [1.0.0](https://gitlab.com/acme/demo/-/tree/v1.0.0) - 2024-05-02"],
  ])("a first release on %s links the tag's tree", (_name, forge, heading) => {
    const text = renderEntry(
      input([], { version: "1.0.0", tag: "v1.0.0", previousTag: null, forge }),
      changelogOptions(),
    );
    expect(text).toBe(`${heading}\n`);
  });

  it("writes plain references with links = false", () => {
    const text = renderEntry(
      input([pr], { forge: GITHUB }),
      changelogOptions({ links: false, show_commit_hash: true }),
    );
    expect(text).toBe("## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export (#12) (0123456)\n");
  });

  it("writes a GitLab merge request as !12 with links = false, still unlinked", () => {
    const text = renderEntry(input([pr], { forge: GITLAB }), changelogOptions({ links: false }));
    expect(text).toBe("## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export (!12)\n");
  });

  it("writes plain references when no forge is known", () => {
    expect(renderEntry(input([pr]), changelogOptions())).toContain("- add export (#12)\n");
  });

  it("ignores a trailing slash in the web URL", () => {
    const forge: ForgeLinks = { kind: "github", webUrl: "https://github.com/acme/demo/" };
    expect(renderEntry(input([pr], { forge }), changelogOptions())).toContain(
      "(https://github.com/acme/demo/pull/12)",
    );
  });
});

describe("authors (scenario 50)", () => {
  const options = changelogOptions({ show_authors: true });

  it.each([
    [
      "a known login",
      { name: "Jane Doe", email: "123+jane@users.noreply.github.com", login: "jane" },
      " by @jane",
    ],
    ["no login", { name: "Jane Doe", email: "jane@example.com", login: null }, " by Jane Doe"],
  ])("credits %s", (_case, author, credit) => {
    expect(renderEntry(input([commit({ description: "x", author })]), options)).toContain(`- x${credit}\n`);
  });

  it.each([
    [
      "by login",
      {
        name: "dependabot[bot]",
        email: "49699333+dependabot[bot]@users.noreply.github.com",
        login: "dependabot[bot]",
      },
    ],
    [
      "by name when the login is unknown",
      { name: "renovate[bot]", email: "bot@renovateapp.com", login: null },
    ],
  ])("lists a bot's commit without crediting it (%s)", (_case, author) => {
    const text = renderEntry(input([commit({ description: "bump httpx", author })]), options);
    expect(text).toContain("- bump httpx\n");
    expect(text).not.toContain(" by ");
  });

  it("credits nobody without show_authors", () => {
    expect(renderEntry(input([commit({ description: "x" })]), changelogOptions())).not.toContain(" by ");
  });

  it("keys authors by login, else by lower-cased email", () => {
    expect(authorKey({ name: "J", email: "Jane@Example.com", login: "jane" })).toBe("jane");
    expect(authorKey({ name: "J", email: "Jane@Example.com", login: null })).toBe("jane@example.com");
  });
});

describe("commit_template (scenario 51)", () => {
  it("replaces the entry text", () => {
    const options = changelogOptions({ commit_template: "[{type}] {scope}: {description} - {author}" });
    const text = renderEntry(input([commit({ type: "feat", scope: "core", description: "new" })]), options);
    expect(text).toContain("\n- [feat] core: new - Jane Doe\n");
  });

  it("renders an empty scope as nothing", () => {
    const options = changelogOptions({ commit_template: "[{type}] {scope}: {description}" });
    expect(renderEntry(input([commit({ description: "new" })]), options)).toContain("\n- [feat] : new\n");
  });

  it("offers every placeholder", () => {
    const options = changelogOptions({
      commit_template: "{hash}|{short_hash}|{pr}|{pr_url}|{commit_url}|{login}|{breaking}|{body}|{{x}}",
    });
    const c = commit({
      sha: SHA,
      short_sha: "0123456",
      pr: 7,
      author: { name: "Jane Doe", email: "j@x.org", login: "jane" },
      breaking: true,
      body: "why",
    });
    expect(renderEntry(input([c], { forge: GITHUB }), options)).toContain(
      `\n- ${SHA}|0123456|7|https://github.com/acme/demo/pull/7|https://github.com/acme/demo/commit/${SHA}|jane|BREAKING|why|{x}\n`,
    );
  });

  it("leaves {pr_url} and {commit_url} empty with links = false", () => {
    const options = changelogOptions({
      links: false,
      commit_template: "{description}|{pr}|{pr_url}|{commit_url}|",
    });
    const c = commit({ description: "new", sha: SHA, pr: 7 });
    expect(renderEntry(input([c], { forge: GITHUB }), options)).toContain("\n- new|7|||\n");
  });

  it("indents a multi-line result as one list item, without blank or trailing-space lines", () => {
    const options = changelogOptions({ commit_template: "{description}\n{body}" });
    const c = commit({ description: "new", body: "first line  \n\nsecond line" });
    expect(renderEntry(input([c]), options)).toContain("\n- new\n  first line\n  second line\n");
  });

  it("keeps the first-contribution badge after the template text", () => {
    const options = changelogOptions({
      commit_template: "{description}!",
      show_first_time_contributors: true,
    });
    const text = renderEntry(
      input([commit({ description: "new" })], { firstTimeContributors: new Set(["jane@example.com"]) }),
      options,
    );
    expect(text).toContain("\n- new! 🎉 First contribution!\n");
  });

  it("does not credit an ignored author through {author} or {login}", () => {
    const options = changelogOptions({ commit_template: "{description} ({author}{login})" });
    const author = { name: "dependabot[bot]", email: "d@x.org", login: "dependabot[bot]" };
    expect(renderEntry(input([commit({ description: "bump", author })]), options)).toContain("\n- bump ()\n");
  });
});

describe("breaking changes (scenario 52)", () => {
  it("are listed once, first, with the description on an indented line", () => {
    const commits = [
      commit({ type: "fix", description: "a" }),
      commit({
        type: "feat",
        description: "redo",
        breaking: true,
        breaking_description: "config format changed",
        reason: "breaking",
      }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ⚠️ Breaking Changes\n\n- redo\n  config format changed\n\n" +
        "### 🐛 Bug Fixes\n\n- a\n",
    );
  });

  it.each([
    ["absent", null],
    ["the same as the description", "Redo."],
    ["blank", "  "],
  ])("have no continuation line when the breaking description is %s", (_case, breaking_description) => {
    const c = commit({ description: "redo", breaking: true, breaking_description });
    expect(renderEntry(input([c]), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ⚠️ Breaking Changes\n\n- redo\n",
    );
  });

  it("puts the badge on the item line, before the continuation", () => {
    const c = commit({ description: "redo", breaking: true, breaking_description: "new format" });
    const options = changelogOptions({ show_first_time_contributors: true });
    const text = renderEntry(input([c], { firstTimeContributors: new Set(["jane@example.com"]) }), options);
    expect(text).toContain("- redo 🎉 First contribution!\n  new format\n");
  });

  it("are listed even when their type is excluded (scenario 53)", () => {
    const commits = [
      commit({ type: "chore", description: "drop py38", breaking: true, reason: "breaking" }),
      commit({ type: "chore", description: "tidy", included: false, reason: "excluded-type" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ⚠️ Breaking Changes\n\n- drop py38\n",
    );
  });

  it("come before security, and a breaking security fix is listed only as breaking", () => {
    const commits = [
      commit({ type: "fix", description: "escape input", security: true }),
      commit({ type: "fix", description: "new auth", security: true, breaking: true }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ⚠️ Breaking Changes\n\n- new auth\n\n### 🔒 Security\n\n- escape input\n",
    );
  });
});

describe("sections", () => {
  it.each([
    ["breaking", "⚠️ Breaking Changes"],
    ["security", "🔒 Security"],
    ["feat", "✨ Features"],
    ["fix", "🐛 Bug Fixes"],
    ["perf", "⚡ Performance"],
    ["revert", "⏪ Reverts"],
    ["refactor", "♻️ Refactoring"],
    ["docs", "📚 Documentation"],
    ["style", "💄 Style"],
    ["test", "🧪 Tests"],
    ["build", "📦 Build"],
    ["ci", "🔧 CI"],
    ["chore", "🔨 Chores"],
    ["other", "📝 Other"],
    ["dependencies", "⬆️ Dependencies"],
  ])("%s is titled %s by default", (key, title) => {
    expect(DEFAULT_SECTION_HEADERS[key]).toBe(title);
  });

  it("come in the order breaking, security, section_order, custom groups, other, dependencies", () => {
    const byType = [...DEFAULT_SECTION_ORDER]
      .reverse()
      .map((type) => commit({ type, description: `a ${type} change` }));
    const commits = [
      commit({ type: null, description: "unconventional" }),
      ...byType,
      commit({ type: "fix", description: "group", group: "🚀 Deploys" }),
      commit({ type: "fix", description: "patched", security: true }),
      commit({ type: "feat", description: "removed", breaking: true }),
    ];
    const dependencies = [{ name: "httpx", from: "0.27.0", to: "0.28.0" }];
    const titles = [
      ...renderEntry(input(commits, { dependencies }), changelogOptions()).matchAll(/^### (.*)$/gm),
    ].map((m) => m[1]);
    expect(titles).toEqual([
      "⚠️ Breaking Changes",
      "🔒 Security",
      ...DEFAULT_SECTION_ORDER.map((key) => DEFAULT_SECTION_HEADERS[key]),
      "🚀 Deploys",
      "📝 Other",
      "⬆️ Dependencies",
    ]);
  });

  it("follow a custom section_order", () => {
    const commits = [commit({ type: "feat", description: "f" }), commit({ type: "fix", description: "x" })];
    const text = renderEntry(input(commits), changelogOptions({ section_order: ["fix", "feat"] }));
    expect(text).toBe("## [1.1.0] - 2024-05-02\n\n### 🐛 Bug Fixes\n\n- x\n\n### ✨ Features\n\n- f\n");
  });

  it("send unconventional commits and types without a title to Other", () => {
    const commits = [
      commit({ type: "feat2", description: "typo type" }),
      commit({ type: "hotfix", description: "custom type" }),
      commit({ type: null, description: "Update README" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### 📝 Other\n\n- typo type\n- custom type\n- Update README\n",
    );
  });

  it("give a type with its own title a section in first-seen order after section_order", () => {
    const commits = [
      commit({ type: "hotfix", description: "h" }),
      commit({ type: null, description: "u" }),
      commit({ type: "deploy", description: "d" }),
      commit({ type: "fix", description: "x" }),
    ];
    const options = changelogOptions({ section_headers: { hotfix: "🚑 Hotfixes", deploy: "🚀 Deploys" } });
    expect(renderEntry(input(commits), options)).toBe(
      "## [1.1.0] - 2024-05-02\n\n### 🐛 Bug Fixes\n\n- x\n\n### 🚑 Hotfixes\n\n- h\n\n### 🚀 Deploys\n\n- d\n\n" +
        "### 📝 Other\n\n- u\n",
    );
  });

  it("place a titled type where section_order lists it", () => {
    const commits = [commit({ type: "fix", description: "x" }), commit({ type: "hotfix", description: "h" })];
    const options = changelogOptions({
      section_headers: { hotfix: "🚑 Hotfixes" },
      section_order: ["hotfix", ...DEFAULT_SECTION_ORDER],
    });
    expect(renderEntry(input(commits), options)).toBe(
      "## [1.1.0] - 2024-05-02\n\n### 🚑 Hotfixes\n\n- h\n\n### 🐛 Bug Fixes\n\n- x\n",
    );
  });

  it("merge when their titles are identical (a custom group joins Features)", () => {
    const commits = [
      commit({ type: "feat", description: "conventional" }),
      commit({ type: "fix", description: "a fix" }),
      commit({ type: "feat", description: "gitmoji", group: "✨ Features" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- conventional\n- gitmoji\n\n### 🐛 Bug Fixes\n\n- a fix\n",
    );
  });

  it("merge at the place of the first key sharing the title, even when only the group has commits", () => {
    const commits = [
      commit({ type: "fix", description: "a fix" }),
      commit({ type: "sparkles", description: "gitmoji", group: "✨ Features" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- gitmoji\n\n### 🐛 Bug Fixes\n\n- a fix\n",
    );
  });

  it("use a group that names a section key as that section", () => {
    const commits = [
      commit({ type: "fix", description: "x" }),
      commit({ type: "wip", description: "w", group: "feat" }),
    ];
    expect(renderEntry(input(commits), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- w\n\n### 🐛 Bug Fixes\n\n- x\n",
    );
  });

  it("take titles from section_headers key by key (scenario 53)", () => {
    const commits = [commit({ type: "feat", description: "f" }), commit({ type: "fix", description: "x" })];
    expect(renderEntry(input(commits), changelogOptions({ section_headers: { feat: "Features" } }))).toBe(
      "## [1.1.0] - 2024-05-02\n\n### Features\n\n- f\n\n### 🐛 Bug Fixes\n\n- x\n",
    );
  });
});

describe("dependencies", () => {
  it("are listed last, one line per change", () => {
    const dependencies = [
      { name: "httpx", from: "0.27.0", to: "0.28.0" },
      { name: "new-pkg", from: null, to: "1.0.0" },
      { name: "old-pkg", from: "0.5.0", to: null },
    ];
    const text = renderEntry(
      input([commit({ type: null, description: "u" })], { dependencies }),
      changelogOptions(),
    );
    expect(text).toBe(
      "## [1.1.0] - 2024-05-02\n\n### 📝 Other\n\n- u\n\n### ⬆️ Dependencies\n\n" +
        "- httpx: 0.27.0 → 0.28.0\n- new-pkg 1.0.0 (added)\n- old-pkg 0.5.0 (removed)\n",
    );
  });

  it("make no section when there are none", () => {
    expect(renderEntry(input([], { dependencies: [] }), changelogOptions())).not.toContain("Dependencies");
  });
});

describe("first-time contributors (scenario 55)", () => {
  const newcomer = { name: "New Person", email: "New@Example.com", login: null };
  const regular = { name: "Old Hand", email: "old@example.com", login: "old" };
  const commits = [
    commit({ description: "first", author: newcomer }),
    commit({ description: "again", author: regular }),
  ];
  const firstTimeContributors = new Set(["new@example.com"]);
  const options = changelogOptions({ show_first_time_contributors: true });

  it("mark a newcomer's entries with the badge, not an earlier author's", () => {
    const text = renderEntry(input(commits, { firstTimeContributors }), options);
    expect(text).toContain("\n- first 🎉 First contribution!\n- again\n");
  });

  it("are never marked on a first release", () => {
    const text = renderEntry(input(commits, { firstTimeContributors, previousTag: null }), options);
    expect(text).not.toContain("🎉");
  });

  it("are not marked unless show_first_time_contributors is on", () => {
    expect(renderEntry(input(commits, { firstTimeContributors }), changelogOptions())).not.toContain("🎉");
  });

  it("never include ignored bots", () => {
    const bot = { name: "renovate[bot]", email: "bot@renovateapp.com", login: "renovate[bot]" };
    const text = renderEntry(
      input([commit({ description: "bump", author: bot })], {
        firstTimeContributors: new Set(["renovate[bot]"]),
      }),
      options,
    );
    expect(text).toContain("- bump\n");
    expect(text).not.toContain("🎉");
  });

  it("come after the author credit", () => {
    const text = renderEntry(
      input(commits, { firstTimeContributors }),
      changelogOptions({ ...options, show_authors: true }),
    );
    expect(text).toContain("- first by New Person 🎉 First contribution!\n");
  });
});

describe("release notes", () => {
  it("go right after the heading", () => {
    const text = renderEntry(
      input([commit({ description: "f" })], { notes: "\r\nHighlights: faster  \r\n\r\n\r\n\r\nMore.\n" }),
      changelogOptions(),
    );
    expect(text).toBe("## [1.1.0] - 2024-05-02\n\nHighlights: faster\n\nMore.\n\n### ✨ Features\n\n- f\n");
  });

  it.each([null, "", " \n \n"])("are left out when empty (%j)", (notes) => {
    expect(renderEntry(input([], { notes }), changelogOptions())).toBe("## [1.1.0] - 2024-05-02\n");
  });
});

describe("a commit with an empty message", () => {
  const empty = commit({ type: null, description: "", sha: SHA, short_sha: "0123456" });
  const entryOf = (text: string) => text.slice(text.indexOf("\n- "));

  it("is named by its short hash, without a trailing space", () => {
    expect(renderEntry(input([empty]), changelogOptions())).toBe(
      "## [1.1.0] - 2024-05-02\n\n### 📝 Other\n\n- 0123456\n",
    );
  });

  it("links the hash once, even with show_commit_hash", () => {
    const text = renderEntry(input([empty], { forge: GITHUB }), changelogOptions({ show_commit_hash: true }));
    expect(entryOf(text)).toBe(`\n- [0123456](https://github.com/acme/demo/commit/${SHA})\n`);
  });

  it("is named by its short hash when the commit template renders nothing", () => {
    const options = changelogOptions({
      commit_template: "{description}",
      show_first_time_contributors: true,
    });
    const text = renderEntry(
      input([empty], { firstTimeContributors: new Set(["jane@example.com"]) }),
      options,
    );
    expect(entryOf(text)).toBe("\n- 0123456 🎉 First contribution!\n");
  });
});

describe("every rendering", () => {
  const types = ["feat", "fix", "perf", "docs", "chore", "hotfix", "feat2", null] as const;
  const arbitraryCommit = fc.record({
    type: fc.constantFrom(...types),
    scope: fc.option(fc.constantFrom("api", "core", "a/b"), { nil: null }),
    breaking: fc.boolean(),
    breaking_description: fc.option(fc.constantFrom("new format", "x"), { nil: null }),
    security: fc.boolean(),
    group: fc.option(fc.constantFrom("✨ Features", "🚀 Deploys", "fix", "other"), { nil: null }),
    included: fc.boolean(),
    pr: fc.option(fc.integer({ min: 1, max: 9999 }), { nil: null }),
  });
  const arbitraryOptions = fc.record({
    links: fc.boolean(),
    show_authors: fc.boolean(),
    show_commit_hash: fc.boolean(),
    show_first_time_contributors: fc.boolean(),
    commit_template: fc.constantFrom(null, "{description} [{type}]", "{scope}{description}\n{body}"),
    section_order: fc.shuffledSubarray([...DEFAULT_SECTION_ORDER]),
  });

  it("lists each included commit exactly once and nothing else, in the documented layout", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryCommit, { maxLength: 30 }),
        arbitraryOptions,
        fc.constantFrom(null, GITHUB, GITLAB),
        (fields, optionFields, forge) => {
          const commits = fields.map((f, i) =>
            commit({ ...f, description: `entry-${i}-end`, body: "body text" }),
          );
          const text = renderEntry(
            input(commits, { forge, firstTimeContributors: new Set(["jane@example.com"]) }),
            changelogOptions(optionFields),
          );
          commits.forEach((c, i) => {
            const count = text.split(`entry-${i}-end`).length - 1;
            expect(count).toBe(c.included ? 1 : 0);
          });
          expect(text.endsWith("\n")).toBe(true);
          expect(text.endsWith("\n\n")).toBe(false);
          expect(text).not.toMatch(/\n\n\n/);
          expect(text).not.toMatch(/[ \t]$/m);
          expect(text).not.toContain("\r");
        },
      ),
    );
  });
});
