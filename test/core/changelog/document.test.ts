import { describe, expect, it } from "vitest";
import { renderDocument } from "../../../src/core/changelog/document.js";
import { splitPreamble } from "../../../src/core/changelog/insert-entry.js";
import { renderEntry } from "../../../src/core/changelog/render-entry.js";
import { changelogOptions, commit } from "./commit-factory.js";

const HEADER = "# Changelog\n\nAll notable changes to this project are documented in this file.\n";

function release(version: string, previous: string | null, date: string, description: string): string {
  return renderEntry(
    {
      version,
      tag: version === "Unreleased" ? "HEAD" : `v${version}`,
      previousTag: previous === null ? null : `v${previous}`,
      date,
      commits: [commit({ type: "feat", description })],
      forge: null,
      notes: null,
      firstTimeContributors: new Set(),
      dependencies: [],
    },
    changelogOptions(),
  );
}

describe("the regenerated document (scenario 58)", () => {
  const entries = [
    release("1.0.0", "0.2.0", "2024-03-01", "stable api"),
    release("0.2.0", "0.1.0", "2024-02-01", "more"),
    release("0.1.0", null, "2024-01-01", "start"),
  ];

  it("is the preamble, then the entries newest first, one blank line apart", () => {
    expect(renderDocument(HEADER, entries)).toBe(
      "# Changelog\n\nAll notable changes to this project are documented in this file.\n\n" +
        "## [1.0.0] - 2024-03-01\n\n### ✨ Features\n\n- stable api\n\n" +
        "## [0.2.0] - 2024-02-01\n\n### ✨ Features\n\n- more\n\n" +
        "## [0.1.0] - 2024-01-01\n\n### ✨ Features\n\n- start\n",
    );
  });

  it("can start with an undated Unreleased entry", () => {
    const unreleased = release("Unreleased", "1.0.0", "", "soon");
    expect(renderDocument(HEADER, [unreleased, ...entries])).toContain(
      "this file.\n\n## [Unreleased]\n\n### ✨ Features\n\n- soon\n\n## [1.0.0] - 2024-03-01\n",
    );
  });

  it("keeps an existing file's preamble and drops its old entries", () => {
    const existing = "# History\n\nSee below.\n\n## [0.1.0] - 2023-12-31\n\n- outdated\n";
    expect(renderDocument(splitPreamble(existing, HEADER), entries.slice(2))).toBe(
      "# History\n\nSee below.\n\n## [0.1.0] - 2024-01-01\n\n### ✨ Features\n\n- start\n",
    );
  });

  it("takes the preamble's CRLF style for the whole document", () => {
    const text = renderDocument("# Changelog\r\n\r\nIntro.\r\n\r\n", entries.slice(2));
    expect(text).toBe(
      "# Changelog\r\n\r\nIntro.\r\n\r\n## [0.1.0] - 2024-01-01\r\n\r\n### ✨ Features\r\n\r\n- start\r\n",
    );
  });

  it("is only the entries without a preamble, and only the preamble without entries", () => {
    expect(renderDocument("", entries.slice(2))).toBe(entries[2]);
    expect(renderDocument(`${HEADER}\n\n`, [])).toBe(HEADER);
    expect(renderDocument("", [])).toBe("");
  });
});
