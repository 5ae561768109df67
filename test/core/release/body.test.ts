import { describe, expect, it } from "vitest";
import {
  changelogSection,
  entryWithoutHeading,
  RELEASE_BODY_LIMITS,
  renderReleaseBody,
} from "../../../src/core/release/body.js";

const DOC = `# Changelog

## [1.1.0](https://x/compare/v1.0.0...v1.1.0) - 2026-11-25

### ✨ Features

- edited in the PR

\`\`\`
## 9.9.9 inside a fence is not a heading
\`\`\`

## [1.0.0] - 2026-01-01

- first
`;

describe("release notes source", () => {
  it("reads the version's section from the changelog without its heading, fenced headings ignored", () => {
    const section = changelogSection(DOC, "1.1.0");
    expect(section).toContain("### ✨ Features\n\n- edited in the PR");
    expect(section).toContain("## 9.9.9 inside a fence");
    expect(section).not.toContain("[1.1.0]");
    expect(section).not.toContain("- first");
  });

  it("matches v-prefixed headings and answers null for a missing version", () => {
    expect(changelogSection("## v2.0.0\n\n- x\n", "2.0.0")).toBe("- x");
    expect(changelogSection(DOC, "3.0.0")).toBeNull();
  });

  it("drops the heading line of a rendered entry", () => {
    expect(entryWithoutHeading("## [1.1.0] - 2026-11-25\n\n### Fixes\n\n- a\n")).toBe("### Fixes\n\n- a");
  });
});

describe("release body (§6.14)", () => {
  const base = {
    notes: "### Fixes\n\n- a",
    contributors: null,
    assets: null,
    installation: null,
    compareUrl: null,
  };

  it("orders notes, Contributors, Assets, Installation and the full-changelog link", () => {
    const body = renderReleaseBody({
      notes: "### Fixes\n\n- a",
      contributors: [
        { label: "@ada", firstTime: true },
        { label: "Bob", firstTime: false },
      ],
      assets: [{ name: "demo.whl", sha256: "ab".repeat(32) }],
      installation: { project: "demo", version: "1.1.0", index: "pypi" },
      compareUrl: "https://github.com/acme/demo/compare/v1.0.0...v1.1.0",
    });
    expect(body).toBe(
      [
        "### Fixes\n\n- a",
        "### Contributors\n\n- @ada (first contribution)\n- Bob",
        `### Assets\n\n- \`demo.whl\` — sha256 \`${"ab".repeat(32)}\``,
        "### Installation\n\n```sh\npip install demo==1.1.0\nuv add demo==1.1.0\n```",
        "**Full changelog**: https://github.com/acme/demo/compare/v1.0.0...v1.1.0\n",
      ].join("\n\n"),
    );
  });

  it("points TestPyPI installs at its simple index", () => {
    const body = renderReleaseBody({
      ...base,
      installation: { project: "demo", version: "1.1.0", index: "testpypi" },
    });
    expect(body).toContain("pip install -i https://test.pypi.org/simple/ demo==1.1.0");
    expect(body).toContain("uv add -i https://test.pypi.org/simple/ demo==1.1.0");
  });

  it("leaves out empty or disabled sections", () => {
    expect(renderReleaseBody({ ...base, contributors: [], assets: [] })).toBe("### Fixes\n\n- a\n");
  });

  const longNotes = (n: number) =>
    `### Features\n\n${Array.from({ length: n }, (_, i) => `- feature ${i} with a description`).join("\n")}`;
  const tail = {
    contributors: [{ label: "@ada", firstTime: true }],
    assets: [{ name: "demo.whl", sha256: "ab".repeat(32) }],
    installation: { project: "demo", version: "1.1.0", index: "pypi" as const },
    compareUrl: "https://github.com/acme/demo/compare/v1.0.0...v1.1.0",
  };

  it("within GitHub's limit, is the same with or without it", () => {
    const input = { ...tail, notes: longNotes(100) };
    expect(renderReleaseBody({ ...input, limit: RELEASE_BODY_LIMITS.github })).toBe(renderReleaseBody(input));
  });

  it("past the limit, cuts the notes between entries and keeps every other section whole", () => {
    const notes = longNotes(10_000);
    expect(notes.length).toBeGreaterThan(RELEASE_BODY_LIMITS.github);
    const body = renderReleaseBody({
      ...tail,
      notes,
      limit: RELEASE_BODY_LIMITS.github,
      changelogFile: "CHANGELOG.md",
    });
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMITS.github);
    expect(body).toContain(
      "\n\n… truncated to the forge's limit of 125,000 characters for a release; the whole entry is in CHANGELOG.md.\n\n### Contributors",
    );
    const kept = body.split("\n").filter((l) => l.startsWith("- feature "));
    expect(kept.length).toBeGreaterThan(3000);
    expect(kept).toEqual(notes.split("\n").slice(2, 2 + kept.length));
    expect(body).toContain("### Contributors\n\n- @ada (first contribution)");
    expect(body).toContain("pip install demo==1.1.0");
    expect(body.endsWith("**Full changelog**: https://github.com/acme/demo/compare/v1.0.0...v1.1.0\n")).toBe(
      true,
    );
  });

  it("a list of contributors too long for the limit is cut to a count of the others", () => {
    const contributors = Array.from({ length: 20_000 }, (_, i) => ({
      label: `@user-${i}`,
      firstTime: false,
    }));
    const body = renderReleaseBody({ ...tail, contributors, notes: longNotes(10), limit: 125_000 });
    expect(body.length).toBeLessThanOrEqual(125_000);
    const shown = body.split("\n").filter((l) => l.startsWith("- @user-"));
    expect(shown.length).toBeGreaterThan(1000);
    expect(body).toContain(`\n- … and ${20_000 - shown.length} more\n\n### Assets`);
    expect(body).toContain("- feature 0 with a description");
  });
});
