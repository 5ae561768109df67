/** Turns the [commits], [changelog] and [security] configuration into the compiled rules of classification. */
import type { ReleasioConfig } from "../config/schema.js";
import { compileRegex } from "../text/python-regex.js";
import type { ClassifyOptions } from "./classify.js";
import { type CommitParser, STANDARD_TYPES } from "./parse-commit.js";

export function commitParsers(config: ReleasioConfig): CommitParser[] {
  return config.commits.commit_parsers.map((p) => ({
    pattern: compileRegex(p.pattern),
    type: p.type,
    group: p.group ?? null,
    scopeGroup: p.scope_group ?? null,
    descriptionGroup: p.description_group,
    breaking: p.breaking,
  }));
}

export function classifyOptions(
  config: ReleasioConfig,
  options: {
    breakingBumpsMinor: boolean;
    attribute?: ClassifyOptions["attribute"];
    messages?: ClassifyOptions["messages"];
  },
): ClassifyOptions {
  const c = config.commits;
  return {
    parse: {
      parsers: commitParsers(config),
      useConventionalFallback: c.use_conventional_fallback,
      gitmoji: c.gitmoji,
      breakingPattern: c.breaking_pattern === "" ? null : compileRegex(c.breaking_pattern),
    },
    releaseCommitPattern: compileRegex(c.release_commit_pattern),
    includeMergeCommits: c.include_merge_commits,
    skipPatterns: c.skip_release_patterns.map((p) => p.toLowerCase()),
    scopeRegex: c.scope_regex ? compileRegex(c.scope_regex) : null,
    typesMajor: new Set(c.types_major),
    typesMinor: new Set(c.types_minor),
    typesPatch: new Set(c.types_patch),
    excludeTypes: new Set(config.changelog.exclude_types),
    includeUnconventional: config.changelog.include_unconventional,
    breakingBumpsMinor: options.breakingBumpsMinor,
    securityPatterns: config.security.enabled
      ? config.security.patterns.map((p) => compileRegex(p, "i"))
      : null,
    parseSquashBodies: c.parse_squash_bodies,
    knownTypes: new Set([
      ...STANDARD_TYPES,
      ...c.types_major,
      ...c.types_minor,
      ...c.types_patch,
      ...c.commit_parsers.map((p) => p.type),
    ]),
    attribute: options.attribute ?? null,
    authorCache: new Map(),
    ...(options.messages ? { messages: options.messages } : {}),
  };
}
