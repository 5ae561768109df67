import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitChangelog as fitToBudget } from "../../../src/core/changelog/fit.js";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../../../src/core/config/schema.js";
import type { PackagePlan } from "../../../src/core/plan/types.js";
import {
  BODY_LIMITS,
  BODY_MARKER,
  renderReleasePrBody,
  TRUNCATION_NOTE,
} from "../../../src/core/release-pr/body.js";
import { releasePrBranch } from "../../../src/core/release-pr/branch.js";
import { extractNotes, NOTES_BEGIN, NOTES_END } from "../../../src/core/release-pr/notes.js";
import { releasePrText } from "../../../src/core/release-pr/title.js";

const fitChangelog = (changelog: string, budget: number) =>
  fitToBudget(changelog, budget, { note: TRUNCATION_NOTE });

function config(change: (c: ReleasioConfig) => void = () => {}): ReleasioConfig {
  const c = structuredClone(DEFAULT_CONFIG) as ReleasioConfig;
  change(c);
  return c;
}

function plan(fields: Partial<PackagePlan> = {}): PackagePlan {
  return {
    project: "demo",
    path: ".",
    current_version: "1.0.0",
    previous_version: "1.0.0",
    previous_tag: "v1.0.0",
    next_version: "1.1.0",
    tag: "v1.1.0",
    bump: "minor",
    release_needed: true,
    release_reason: "commits",
    first_release: false,
    prerelease: { token: null, source: null },
    pending_release: null,
    range: { from: "a".repeat(40), to: "b".repeat(40) },
    changelog: "## [1.1.0] - 2025-01-02\n\n### ✨ Features\n\n- add export\n",
    files: [],
    ...fields,
  };
}

const BASE_SHA = "0123456789abcdef0123456789abcdef01234567";

describe("the release PR branch", () => {
  it("is release_pr.branch for the default branch", () => {
    expect(releasePrBranch(config(), "main")).toBe("releasio/release");
  });

  it("gets the base appended, slashes replaced, for other bases (scenario 81)", () => {
    expect(releasePrBranch(config(), "beta")).toBe("releasio/release-beta");
    expect(releasePrBranch(config(), "release/2.x")).toBe("releasio/release-release-2.x");
  });

  it("follows a configured branch name", () => {
    const c = config((c) => {
      c.release_pr.branch = "rel";
    });
    expect(releasePrBranch(c, "main")).toBe("rel");
    expect(releasePrBranch(c, "next")).toBe("rel-next");
  });
});

describe("the release PR title and commit message", () => {
  it("renders the default templates (scenario 70)", () => {
    expect(releasePrText(config(), [plan()], "main")).toEqual({
      title: "chore(release): prepare demo v1.1.0",
      commitMessage: "chore(release): prepare demo v1.1.0",
    });
  });

  it("substitutes every placeholder", () => {
    const c = config((c) => {
      c.release_pr.title =
        "release {project} {version} ({previous_version} → {version}) into {base}: {packages}";
      c.release_pr.commit_message = "chore(release): {tag}";
    });
    expect(releasePrText(c, [plan()], "beta")).toEqual({
      title: "release demo 1.1.0 (1.0.0 → 1.1.0) into beta: demo 1.1.0",
      commitMessage: "chore(release): v1.1.0",
    });
  });
});

describe("the release PR body (§6.13)", () => {
  const render = (fields: Partial<Parameters<typeof renderReleasePrBody>[0]> = {}) =>
    renderReleasePrBody({
      packages: [plan()],
      base: "main",
      baseSha: BASE_SHA,
      commitsAnalysed: 3,
      notes: null,
      limit: BODY_LIMITS.github,
      ...fields,
    }).body;

  it("has the exact layout of the specification", () => {
    expect(render()).toBe(
      [
        "<!-- releasio:release-pr schema=1 -->",
        "## Release",
        "",
        "| Package | Current | Next | Bump |",
        "|---|---|---|---|",
        "| demo | 1.0.0 | 1.1.0 | minor |",
        "",
        "<!-- releasio:notes:begin -->",
        "<!-- Notes written here are kept when releasio refreshes this PR and become part of the changelog entry. -->",
        "<!-- releasio:notes:end -->",
        "",
        "## Changelog",
        "",
        "## [1.1.0] - 2025-01-02",
        "",
        "### ✨ Features",
        "",
        "- add export",
        "",
        "---",
        "<sub>Maintained by releasio: the branch and this description are regenerated on every run from `main` at",
        "`0123456` (3 commits analysed). Only the notes block is preserved.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("shows — as the current version of a first release and says so", () => {
    const body = render({
      packages: [plan({ first_release: true, current_version: "0.1.0", previous_tag: null, bump: "none" })],
    });
    expect(body).toContain("| demo | — | 1.1.0 | none |\n\nFirst release of demo.\n");
  });

  it("carries the notes inside the block", () => {
    const body = render({ notes: "Highlights: faster" });
    expect(body).toContain(`Highlights: faster\n${NOTES_END}`);
    expect(extractNotes(body)).toBe("Highlights: faster");
  });

  it("lists one row and one entry per released package of a workspace", () => {
    const body = render({
      packages: [
        plan(),
        plan({ project: "core", changelog: "## [2.0.0]\n\n- x\n", next_version: "2.0.0", bump: "major" }),
        plan({ project: "idle", release_needed: false, changelog: "" }),
      ],
    });
    expect(body).toContain("| demo | 1.0.0 | 1.1.0 | minor |\n| core | 1.0.0 | 2.0.0 | major |\n\n");
    expect(body).not.toContain("idle");
    expect(body).toContain("- add export\n\n## [2.0.0]\n\n- x\n\n---");
  });

  it("cuts an oversized changelog at an entry boundary and ends it with the note (scenario 82)", () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `- feature number ${i} with a [link](https://example.org/${i})`,
    );
    const changelog = `## [1.1.0] - 2025-01-02\n\n### ✨ Features\n\n${lines.join("\n")}\n`;
    const { body, truncated } = renderReleasePrBody({
      packages: [plan({ changelog })],
      base: "main",
      baseSha: BASE_SHA,
      commitsAnalysed: 3000,
      notes: null,
      limit: BODY_LIMITS.github,
    });
    expect(truncated).toBe(true);
    expect(body.length).toBeLessThanOrEqual(65_536);
    const part = body.slice(body.indexOf("## Changelog"), body.indexOf("\n---\n"));
    expect(part.trimEnd().endsWith(TRUNCATION_NOTE)).toBe(true);
    // Every kept line is a whole entry line.
    const kept = part.split("\n").filter((l) => l.startsWith("- feature"));
    expect(kept.length).toBeGreaterThan(100);
    for (const [i, line] of kept.entries()) expect(line).toBe(lines[i]);
    expect(body.startsWith(BODY_MARKER)).toBe(true);
    expect(body).toContain("Only the notes block is preserved.</sub>\n");
  });

  it("keeps the trailing spaces of the last kept line (it is cut after the line, not inside it)", () => {
    const changelog = "## [1.0.0]\n\n-  \n-  \n-    \n-       \n-          \n-         \n-     \n";
    const { text, truncated } = fitChangelog(changelog, 64);
    expect(truncated).toBe(true);
    expect(text).toBe(`## [1.0.0]\n\n-  \n\n${TRUNCATION_NOTE}`);
    expect(text.length).toBeLessThanOrEqual(64);
  });

  it("never exceeds the limit and never cuts inside a line (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 80 }).map((s) => `- ${s.replace(/\n/g, " ")}`),
          {
            maxLength: 200,
          },
        ),
        fc.integer({ min: 60, max: 4000 }),
        (items, budget) => {
          const changelog = `## [1.0.0]\n\n${items.join("\n")}\n`;
          const { text, truncated } = fitChangelog(changelog, budget);
          if (!truncated) return text === changelog;
          const keptLines = text.split("\n").slice(0, -2);
          return (
            text.length <= budget &&
            text.endsWith(TRUNCATION_NOTE) &&
            keptLines.every((l) => l === "" || changelog.split("\n").includes(l))
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("allows GitLab its larger limit", () => {
    expect(BODY_LIMITS.gitlab).toBe(1_000_000);
  });
});

describe("the notes block of an existing body", () => {
  it("is the text between the markers with HTML comments removed, trimmed", () => {
    const body = `x\n${NOTES_BEGIN}\n<!-- help -->\n\n  Highlights: faster\n<!-- hidden\nmulti -->\nMore.\n\n${NOTES_END}\ny`;
    expect(extractNotes(body)).toBe("Highlights: faster\n\nMore.");
  });

  it("is null when empty, absent or unterminated", () => {
    expect(extractNotes(`${NOTES_BEGIN}\n<!-- only help -->\n${NOTES_END}`)).toBeNull();
    expect(extractNotes("no markers")).toBeNull();
    expect(extractNotes(`${NOTES_BEGIN}\ntext without end`)).toBeNull();
    expect(extractNotes(null)).toBeNull();
  });

  it("counts a single analysed commit in the singular", () => {
    const body = renderReleasePrBody({
      packages: [plan()],
      base: "main",
      baseSha: BASE_SHA,
      commitsAnalysed: 1,
      notes: null,
      limit: BODY_LIMITS.github,
    }).body;
    expect(body).toContain("(1 commit analysed)");
  });

  it("round-trips through a rendered body (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (raw) => {
        const notes = raw.replace(/<!--|-->|<!-- releasio/g, "").trim();
        const body = renderReleasePrBody({
          packages: [plan()],
          base: "main",
          baseSha: BASE_SHA,
          commitsAnalysed: 1,
          notes: notes === "" ? null : notes,
          limit: BODY_LIMITS.github,
        }).body;
        const back = extractNotes(body);
        return notes === "" ? back === null : back === notes.replace(/\r\n?/g, "\n").trim();
      }),
    );
  });
});
