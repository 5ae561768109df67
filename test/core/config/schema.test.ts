import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  configSchema,
  DEFAULT_CONFIG,
  DEFAULT_IGNORE_AUTHORS,
  DEFAULT_SECTION_HEADERS,
} from "../../../src/core/config/schema.js";

describe("default configuration", () => {
  it.each([
    ["default_branch", "main"],
    ["allow_dirty", false],
    ["forge", "auto"],
    ["git.remote", "origin"],
    ["git.tag_message", "Release {tag}"],
    ["version.tag_prefix", "v"],
    ["version.initial_version", "0.1.0"],
    ["version.pre_release", null],
    ["version.update_lock_file", true],
    ["commits.types_major", []],
    ["commits.types_minor", ["feat"]],
    ["commits.types_patch", ["fix", "perf"]],
    ["commits.breaking_pattern", "BREAKING[ -]CHANGE:"],
    ["commits.skip_release_patterns", ["[skip release]", "[release skip]", "[no release]"]],
    ["commits.release_commit_pattern", "^chore\\(release\\):"],
    ["changelog.path", "CHANGELOG.md"],
    ["changelog.engine", "native"],
    ["changelog.header", "# Changelog\n\nAll notable changes to this project are documented in this file.\n"],
    [
      "changelog.section_order",
      ["feat", "fix", "perf", "revert", "refactor", "docs", "style", "test", "build", "ci", "chore"],
    ],
    ["changelog.first_contributor_badge", "🎉 First contribution!"],
    ["release_pr.branch", "releasio/release"],
    ["release_pr.labels", ["release"]],
    ["release_pr.title", "chore(release): prepare {project} {tag}"],
    ["release_pr.commit_message", "chore(release): prepare {project} {tag}"],
    ["release.name_format", "{project} {tag}"],
    ["github.api_url", "auto"],
    ["publish.registry", "https://upload.pypi.org/legacy/"],
    ["publish.trusted_publishing", true],
    ["publish.attestations", "auto"],
    ["publish.verify_timeout", 300],
    ["publish.retries", 3],
    ["publish.fulcio_url", "https://fulcio.sigstore.dev"],
    ["publish.rekor_url", "https://rekor.sigstore.dev"],
    ["hooks.build", null],
    ["packages.tag_format", "{package}-v{version}"],
    ["packages.internal_dependency_update", "compatible"],
    ["branches", {}],
    ["security.patterns", ["^fix\\(security\\)", "^security(\\(.+\\))?!?:", "CVE-\\d{4}-\\d+"]],
    ["security.severity", "medium"],
    ["check_pr.max_length", 100],
  ])("%s = %j", (path, value) => {
    const actual = path
      .split(".")
      .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], DEFAULT_CONFIG);
    expect(actual).toEqual(value);
  });

  it("section titles are the fifteen of the changelog format", () => {
    expect(DEFAULT_CONFIG.changelog.section_headers).toEqual(DEFAULT_SECTION_HEADERS);
    expect(Object.keys(DEFAULT_SECTION_HEADERS)).toEqual([
      "breaking",
      "security",
      "feat",
      "fix",
      "perf",
      "revert",
      "refactor",
      "docs",
      "style",
      "test",
      "build",
      "ci",
      "chore",
      "other",
      "dependencies",
    ]);
    expect(DEFAULT_SECTION_HEADERS["feat"]).toBe("✨ Features");
    expect(DEFAULT_SECTION_HEADERS["dependencies"]).toBe("⬆️ Dependencies");
  });

  it("ignores fifteen bot accounts", () => {
    expect(DEFAULT_CONFIG.changelog.ignore_authors).toEqual(DEFAULT_IGNORE_AUTHORS);
    expect(new Set(DEFAULT_IGNORE_AUTHORS).size).toBe(15);
    expect(DEFAULT_IGNORE_AUTHORS).toContain("dependabot[bot]");
    expect(DEFAULT_IGNORE_AUTHORS).toContain("mergify[bot]");
  });

  it("is frozen, and parsing gives fresh objects", () => {
    expect(Object.isFrozen(DEFAULT_CONFIG.commits.types_minor)).toBe(true);
    const parsed = v.parse(configSchema, {});
    expect(parsed).toEqual(DEFAULT_CONFIG);
    expect(parsed.commits.types_minor).not.toBe(DEFAULT_CONFIG.commits.types_minor);
  });
});
