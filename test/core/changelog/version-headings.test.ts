import { describe, expect, it } from "vitest";
import { extractEntry, insertEntry, splitPreamble } from "../../../src/core/changelog/insert-entry.js";
import {
  headingVersion,
  sameVersion,
  versionSections,
} from "../../../src/core/changelog/version-headings.js";

const HEADER = "# Changelog\n";
const ENTRY = "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export\n";

describe("headings that name a version", () => {
  it.each([
    // towncrier and other tools that put the project's name first
    ["## demo 1.0.0 (2020-01-01)", "1.0.0"],
    ["## demo v1.0.0 (2020-01-01)", "1.0.0"],
    ["## my-package 1.0.0", "1.0.0"],
    ["## my_package.core 2.0.0b1 (2020-01-01)", "2.0.0b1"],
    ["## Demo 1.0.0 - 2020-01-01", "1.0.0"],
    ["## [demo 1.0.0](https://example.org) - 2020-01-01", "1.0.0"],
    ["## demo [1.0.0] - 2020-01-01", "1.0.0"],
    ["## demo **1.0.0**", "1.0.0"],
    // bold, underscores and backticks
    ["## **1.0.0** (2020-01-01)", "1.0.0"],
    ["## **v1.0.0** - 2020-01-01", "1.0.0"],
    ["## __1.0.0__", "1.0.0"],
    ["## *1.0.0*", "1.0.0"],
    ["## `1.0.0`", "1.0.0"],
    ["## `v1.0.0` (2020-01-01)", "1.0.0"],
    ["## [**1.0.0**](https://example.org)", "1.0.0"],
    ["## [`1.0.0`] - 2020-01-01", "1.0.0"],
    // PEP 440 and SemVer spellings, anything after the version
    ["## **1.1.0-rc.1**", "1.1.0-rc.1"],
    ["## `2!1.0.0.post1+local`", "2!1.0.0.post1+local"],
    ["## 1.0 (2020-01-01)", "1.0"],
    ["## 1.0.0: the first stable release", "1.0.0"],
    ["## demo 1.0.0.", "1.0.0"],
    ["   ## demo 1.0.0", "1.0.0"],
  ])("%s names %s", (heading, version) => {
    expect(headingVersion(heading)).toBe(version);
  });

  it.each([
    ["## Unreleased"],
    ["## [Unreleased]"],
    ["## [Unreleased](https://example.org/compare/v1.0.0...HEAD)"],
    ["## Unreleased 1.1.0"],
    ["## Contributors"],
    ["## Notes for 2024"],
    ["## Python 3.12 support"],
    ["## Django 4.2 compatibility (2024-01-01)"],
    ["## Notes on 1.0"],
    ["## Versioning 1.0.0"],
    ["## Releases 1.0.0"],
    ["## **2024**"],
    ["## `2024`"],
    ["## demo 2024"],
    ["## demo 1"],
    ["## **1.0.0"],
    ["## `1.0.0"],
    ["## [demo 1.0.0"],
    ["## **1.0.0`"],
    ["## demo 1.0.x"],
    ["## demo 1.0.0-foo.1"],
    ["## demo app 1.0.0"],
    ["### demo 1.0.0"],
    ["##demo 1.0.0"],
    ["# demo 1.0.0"],
    ["    ## demo 1.0.0"],
  ])("%s names none", (heading) => {
    expect(headingVersion(heading)).toBeNull();
  });

  it.each([
    ["## [1.0.0] - 2024-01-01", "1.0.0"],
    ["## v1.0.0 (2024-01-01)", "1.0.0"],
    ["## Version 1.0.0", "1.0.0"],
    ["## 3", "3"],
    ["## [2024]", "2024"],
    ["## 3.x", "3.x"],
  ])("keeps %s as before (%s)", (heading, version) => {
    expect(headingVersion(heading)).toBe(version);
  });

  it("splits a towncrier file into its releases", () => {
    const lines = [
      "# Changelog",
      "",
      "<!-- towncrier release notes start -->",
      "",
      "## demo 1.0.0 (2020-01-01)",
      "",
      "- Initial",
      "",
      "## demo 0.9.0 (2019-01-01)",
      "",
      "- Beta",
      "",
    ];
    expect(versionSections(lines)).toEqual([
      { version: "1.0.0", start: 4, end: 8 },
      { version: "0.9.0", start: 8, end: 12 },
    ]);
  });
});

describe("the same version in two spellings", () => {
  it.each([
    ["1.1.0-rc.1", "1.1.0rc1", true],
    ["v1.1.0-rc.1", "1.1.0rc1", true],
    ["1.2.0-beta.1", "1.2.0b1", true],
    ["1.2.0-alpha", "1.2.0a0", true],
    ["1.0.0.POST1", "1.0.0.post1", true],
    ["1.0.0-1", "1.0.0.post1", true],
    ["1.0.0.dev", "1.0.0.dev0", true],
    ["v1.0.0", "1.0.0", true],
    ["V1.0.0", "1.0.0", true],
    ["3.X", "3.x", true],
    ["1.0", "1.0.0", false],
    ["1.1.0-rc.1", "1.1.0rc2", false],
    ["1.1.0-rc.1", "1.1.0b1", false],
    ["1.1.0", "1.1.0rc1", false],
    ["1.0.0-foo", "1.0.0", false],
  ])("%s and %s: %s", (a, b, same) => {
    expect(sameVersion(a, b)).toBe(same);
    expect(sameVersion(b, a)).toBe(same);
  });
});

describe("writing into a file with headings in other styles", () => {
  const towncrier =
    "# Changelog\n\n<!-- towncrier release notes start -->\n\n" +
    "## demo 1.0.0 (2020-01-01)\n\n- Initial\n\n## demo 0.9.0 (2019-01-01)\n\n- Beta\n";

  it("inserts the entry before the newest release of a towncrier file", () => {
    expect(insertEntry(towncrier, ENTRY, "1.1.0", HEADER)).toBe(
      "# Changelog\n\n<!-- towncrier release notes start -->\n\n" +
        `${ENTRY}\n## demo 1.0.0 (2020-01-01)\n\n- Initial\n\n## demo 0.9.0 (2019-01-01)\n\n- Beta\n`,
    );
  });

  it.each([
    ["## **1.0.0** (2020-01-01)"],
    ["## `1.0.0`"],
    ["## demo v1.0.0"],
    ["## [demo 1.0.0] - 2020-01-01"],
  ])("inserts the entry before %s", (heading) => {
    const existing = `# Changelog\n\n## [Unreleased]\n\n- wip\n\n${heading}\n\n- Initial\n`;
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n## [Unreleased]\n\n- wip\n\n${ENTRY}\n${heading}\n\n- Initial\n`,
    );
  });

  it.each([["## Contributors"], ["## Notes for 2024"], ["## Unreleased"]])(
    "still appends after %s when no release is listed",
    (heading) => {
      const existing = `# Changelog\n\n${heading}\n\n- text\n`;
      expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(`${existing}\n${ENTRY}`);
    },
  );

  it("keeps everything before the newest release as the preamble", () => {
    expect(splitPreamble(towncrier, HEADER)).toBe(
      "# Changelog\n\n<!-- towncrier release notes start -->\n\n",
    );
  });

  it("extracts a release's section by its version", () => {
    expect(extractEntry(towncrier, "1.0.0")).toBe("- Initial\n");
    expect(extractEntry(towncrier, "0.9.0")).toBe("- Beta\n");
  });
});

describe("replacing a section across spellings", () => {
  const RC = "## [1.1.0rc1] - 2024-05-02\n\n### ✨ Features\n\n- add export\n";

  it.each([
    ["## [1.1.0-rc.1] - 2020-01-01", "1.1.0rc1", RC],
    ["## v1.1.0-rc.1 (2020-01-01)", "1.1.0rc1", RC],
    ["## 1.1.0-RC1", "1.1.0rc1", RC],
    ["## demo 1.1.0-rc.1 (2020-01-01)", "1.1.0rc1", RC],
    ["## **1.1.0-rc.1**", "1.1.0rc1", RC],
    ["## demo 1.1.0 (2020-01-01)", "1.1.0", ENTRY],
    ["## `v1.1.0`", "1.1.0", ENTRY],
  ])("replaces %s with the entry of %s", (heading, version, entry) => {
    const existing = `# Changelog\n\n${heading}\n\n- old\n\n## [1.0.0] - 2019-01-01\n\n- Initial\n`;
    const once = insertEntry(existing, entry, version, HEADER);
    expect(once).toBe(`# Changelog\n\n${entry}\n## [1.0.0] - 2019-01-01\n\n- Initial\n`);
    expect(insertEntry(once, entry, version, HEADER)).toBe(once);
  });

  it("finds the section of a version spelled the other way", () => {
    const existing = "# Changelog\n\n## [1.1.0-rc.1] - 2020-01-01\n\n- old\n";
    expect(extractEntry(existing, "1.1.0rc1")).toBe("- old\n");
    expect(extractEntry("# Changelog\n\n## [1.1.0rc1]\n\n- new\n", "1.1.0-rc.1")).toBe("- new\n");
  });

  it("does not replace a different pre-release of the same base", () => {
    const existing = "# Changelog\n\n## [1.1.0-rc.1] - 2020-01-01\n\n- old\n";
    const entry = "## [1.1.0rc2] - 2024-05-02\n\n- new\n";
    expect(insertEntry(existing, entry, "1.1.0rc2", HEADER)).toBe(
      `# Changelog\n\n${entry}\n## [1.1.0-rc.1] - 2020-01-01\n\n- old\n`,
    );
  });

  it("keeps 1.0 and 1.0.0 apart", () => {
    const existing = "# Changelog\n\n## 1.0 (2020-01-01)\n\n- old\n";
    const entry = "## [1.0.0] - 2024-05-02\n\n- new\n";
    expect(insertEntry(existing, entry, "1.0.0", HEADER)).toBe(
      `# Changelog\n\n${entry}\n## 1.0 (2020-01-01)\n\n- old\n`,
    );
  });
});
