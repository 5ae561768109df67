import { describe, expect, it } from "vitest";
import { extractEntry, insertEntry, splitPreamble } from "../../../src/core/changelog/insert-entry.js";

const HEADER = "# Changelog\n\nAll notable changes to this project are documented in this file.\n";
const ENTRY = "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export\n";

describe("inserting an entry", () => {
  it("creates the file from the header and the entry (scenario 46)", () => {
    const entry =
      "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export\n\n### 🐛 Bug Fixes\n\n- **api:** handle null\n";
    expect(insertEntry(null, entry, "1.1.0", HEADER)).toBe(
      "# Changelog\n\nAll notable changes to this project are documented in this file.\n\n## [1.1.0] - 2024-05-02\n\n" +
        "### ✨ Features\n\n- add export\n\n### 🐛 Bug Fixes\n\n- **api:** handle null\n",
    );
  });

  it.each(["", "\n\n", "\uFEFF\n"])("treats an empty file (%j) like a missing one", (existing) => {
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(`${HEADER}\n${ENTRY}`);
  });

  it("writes only the entry when the header is empty", () => {
    expect(insertEntry(null, ENTRY, "1.1.0", "")).toBe(ENTRY);
  });

  it("goes after the intro and the Unreleased section, before the newest release (scenario 48)", () => {
    const existing =
      "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- wip\n\n## [1.0.0] - 2024-01-01\n\n- Initial\n";
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(
      "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n- wip\n\n" +
        "## [1.1.0] - 2024-05-02\n\n### ✨ Features\n\n- add export\n\n" +
        "## [1.0.0] - 2024-01-01\n\n- Initial\n",
    );
  });

  it.each([
    ["## [1.0.0] - 2024-01-01"],
    ["## [1.0.0](https://github.com/acme/demo/tree/v1.0.0) - 2024-01-01"],
    ["## 1.0.0"],
    ["## v1.0.0 (2024-01-01)"],
    ["## [v1.0.0]"],
    ["## 1.0.0rc1 - 2024-01-01"],
    ["## 2!1.0.0.post1"],
    ["## Version 1.0.0"],
    ["## Release 1.0.0"],
    ["## release v1.0.0 - 2024-01-01"],
    ["## [Version 1.0.0] - 2024-01-01"],
    ["## 3"],
    ["## [2024]"],
    ["## 3 - 2024-01-01"],
    ["## 3 (2024-01-01)"],
    ["## v3 2024-01-01"],
  ])("recognises %s as a version heading", (heading) => {
    const existing = `# Changelog\n\n${heading}\n\n- Initial\n`;
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n${ENTRY}\n${heading}\n\n- Initial\n`,
    );
  });

  it.each([
    ["## Unreleased"],
    ["## Notes on 1.0"],
    ["## Notes"],
    ["## Release notes"],
    ["## Versioning 1.0.0"],
    ["### 1.0.0"],
    ["##1.0.0"],
    ["## 2024 roadmap"],
    ["## 2 ways to upgrade"],
  ])("does not take %s for a version heading", (heading) => {
    const existing = `# Changelog\n\n${heading}\n\n- text\n`;
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(`${existing}\n${ENTRY}`);
  });

  it("ignores headings inside fenced code", () => {
    const existing = "# Changelog\n\n```md\n## 0.9.0\n```\n\n## 1.0.0\n\n- Initial\n";
    expect(insertEntry(existing, ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n\`\`\`md\n## 0.9.0\n\`\`\`\n\n${ENTRY}\n## 1.0.0\n\n- Initial\n`,
    );
  });

  it("appends to a file without any version heading", () => {
    expect(insertEntry("# Changelog\n\nIntro.", ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\nIntro.\n\n${ENTRY}`,
    );
  });

  it("keeps exactly one blank line around the entry and one final newline", () => {
    const existing = "# Changelog\n\n\n\n## 1.0.0\n\n- Initial\n\n\n\n";
    expect(insertEntry(existing, `\n\n${ENTRY}\n\n`, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n${ENTRY}\n## 1.0.0\n\n- Initial\n`,
    );
  });
});

describe("re-running (scenario 49)", () => {
  const existing = "# Changelog\n\n## [1.0.0] - 2024-01-01\n\n- Initial\n";

  it("replaces the section of the same version instead of adding one", () => {
    const once = insertEntry(existing, ENTRY, "1.1.0", HEADER);
    const refreshed = "## [1.1.0] - 2024-05-03\n\n### ✨ Features\n\n- add export\n- add import\n";
    const twice = insertEntry(once, refreshed, "1.1.0", HEADER);
    expect(twice).toBe(`# Changelog\n\n${refreshed}\n## [1.0.0] - 2024-01-01\n\n- Initial\n`);
    expect(insertEntry(twice, refreshed, "1.1.0", HEADER)).toBe(twice);
  });

  it("replaces a same-version section in place even when it is not the newest", () => {
    const file =
      "# Changelog\n\n## 1.2.0\n\n- b\n\n## v1.1.0\n\n- old\n\n### Fixes\n\n- old fix\n\n## 1.0.0\n\n- a\n";
    expect(insertEntry(file, ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n## 1.2.0\n\n- b\n\n${ENTRY}\n## 1.0.0\n\n- a\n`,
    );
  });

  it("replaces a section headed in words (`## Version 1.1.0`)", () => {
    const file = "# Changelog\n\n## Version 1.1.0\n\n- old\n\n## Release 1.0.0\n\n- a\n";
    expect(insertEntry(file, ENTRY, "1.1.0", HEADER)).toBe(
      `# Changelog\n\n${ENTRY}\n## Release 1.0.0\n\n- a\n`,
    );
  });

  it("removes every duplicate of the version", () => {
    const file = `# Changelog\n\n${ENTRY}\n${ENTRY}\n## 1.0.0\n\n- a\n`;
    expect(insertEntry(file, ENTRY, "1.1.0", HEADER)).toBe(`# Changelog\n\n${ENTRY}\n## 1.0.0\n\n- a\n`);
  });

  it("keeps a CRLF file CRLF, idempotently", () => {
    const crlf = existing.replace(/\n/g, "\r\n");
    const once = insertEntry(crlf, ENTRY, "1.1.0", HEADER);
    expect(once).toBe(
      `# Changelog\n\n${ENTRY}\n## [1.0.0] - 2024-01-01\n\n- Initial\n`.replace(/\n/g, "\r\n"),
    );
    expect(once.replace(/\r\n/g, "")).not.toContain("\n");
    expect(insertEntry(once, ENTRY, "1.1.0", HEADER)).toBe(once);
  });

  it("keeps a byte-order mark in front", () => {
    expect(insertEntry(`\uFEFF${existing}`, ENTRY, "1.1.0", HEADER)).toBe(
      `\uFEFF# Changelog\n\n${ENTRY}\n## [1.0.0] - 2024-01-01\n\n- Initial\n`,
    );
  });
});

describe("the preamble", () => {
  it("is the header when there is no file", () => {
    expect(splitPreamble(null, HEADER)).toBe(HEADER);
  });

  it("is the text before the first version heading, verbatim", () => {
    const file =
      "# Changelog\r\n\r\nIntro.\r\n\r\n## [Unreleased]\r\n\r\n- wip\r\n\r\n## [1.0.0]\r\n\r\n- Initial\r\n";
    expect(splitPreamble(file, HEADER)).toBe(
      "# Changelog\r\n\r\nIntro.\r\n\r\n## [Unreleased]\r\n\r\n- wip\r\n\r\n",
    );
  });

  it("is the whole file when no release is listed yet", () => {
    expect(splitPreamble("# Log\n\nNothing yet.\n", HEADER)).toBe("# Log\n\nNothing yet.\n");
  });

  it("keeps a byte-order mark", () => {
    expect(splitPreamble("\uFEFF# Log\n\n## 1.0.0\n", HEADER)).toBe("\uFEFF# Log\n\n");
  });
});

describe("extracting a release's section", () => {
  const file =
    `# Changelog\r\n\r\n${ENTRY}\n## [1.0.0] - 2024-01-01\n\n- Initial\n\n# Appendix\n\ntext\n`.replace(
      /\r?\n/g,
      "\r\n",
    );

  it("gives the section without its heading, with \\n line endings", () => {
    expect(extractEntry(file, "1.1.0")).toBe("### ✨ Features\n\n- add export\n");
  });

  it("stops at the next level-1 or level-2 heading", () => {
    expect(extractEntry(file, "v1.0.0")).toBe("- Initial\n");
  });

  it("is null for a version the file does not list", () => {
    expect(extractEntry(file, "0.9.0")).toBeNull();
  });

  it("is empty for a section without content", () => {
    expect(extractEntry("## 1.0.0\n\n## 0.9.0\n\n- a\n", "1.0.0")).toBe("");
  });
});
