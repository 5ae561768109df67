/** Turns the [commits], [changelog] and [security] configuration into the compiled rules of classification. */
import type { ReleasioConfig } from "../config/schema.js";
import { escapeRegExp } from "../text/escape-regexp.js";
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

/**
 * One case-insensitive pattern for the skip-release markers (plain substrings): a message is tested without
 * making a lower-cased copy of it. Null when there are none.
 */
export function skipMarkerPattern(markers: readonly string[]): RegExp | null {
  if (markers.length === 0) return null;
  return new RegExp(markers.map(escapeRegExp).join("|"), "iu");
}

/** What a configuration decides for every run alike: its patterns compiled, its type lists as sets. */
type ConfiguredRules = Omit<
  ClassifyOptions,
  "breakingBumpsMinor" | "attribute" | "owners" | "authorCache" | "messages"
>;

// A configuration is read once and never changed: its rules are compiled once, however many times a run classifies
// (planning reads the messages as they stream, then classifies, and again after forge lookups).
const compiled = new WeakMap<ReleasioConfig, ConfiguredRules>();

function configuredRules(config: ReleasioConfig): ConfiguredRules {
  const known = compiled.get(config);
  if (known) return known;
  const c = config.commits;
  const rules: ConfiguredRules = {
    parse: {
      parsers: commitParsers(config),
      useConventionalFallback: c.use_conventional_fallback,
      gitmoji: c.gitmoji,
      breakingPattern: c.breaking_pattern === "" ? null : compileRegex(c.breaking_pattern),
    },
    releaseCommitPattern: compileRegex(c.release_commit_pattern),
    includeMergeCommits: c.include_merge_commits,
    skipPattern: skipMarkerPattern(c.skip_release_patterns),
    scopeRegex: c.scope_regex ? compileRegex(c.scope_regex) : null,
    typesMajor: new Set(c.types_major),
    typesMinor: new Set(c.types_minor),
    typesPatch: new Set(c.types_patch),
    excludeTypes: new Set(config.changelog.exclude_types),
    includeUnconventional: config.changelog.include_unconventional,
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
  };
  compiled.set(config, rules);
  return rules;
}

export function classifyOptions(
  config: ReleasioConfig,
  options: {
    breakingBumpsMinor: boolean;
    attribute?: ClassifyOptions["attribute"];
    /** A single project's name (see `ClassifyOptions.owners`). */
    project?: string | null;
    messages?: ClassifyOptions["messages"];
  },
): ClassifyOptions {
  return {
    ...configuredRules(config),
    breakingBumpsMinor: options.breakingBumpsMinor,
    attribute: options.attribute ?? null,
    owners: options.project ? [options.project] : [],
    authorCache: new Map(),
    ...(options.messages ? { messages: options.messages } : {}),
  };
}
