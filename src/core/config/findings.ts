/**
 * A configuration problem before it is worded (a finding), how schema issues become findings, and the message
 * shapes of PRODUCT.md §3.7.
 */
import type { z } from "zod";
import { didYouMean } from "../text/did-you-mean.js";
import {
  configKeys,
  describeType,
  envNameOf,
  formatPath,
  nodeAt,
  type PathSegment,
  tableOptions,
} from "./keys.js";
import { getPath } from "./tree.js";

export type FindingCode =
  | "E_CONFIG_UNKNOWN_KEY"
  | "E_CONFIG_INVALID"
  | "E_CONFIG_REMOVED_KEY"
  | "E_INSECURE_URL";

export interface Finding {
  code: FindingCode;
  segments: readonly PathSegment[];
  /** For E_CONFIG_INVALID and E_INSECURE_URL: what is wrong ("must be one of …"). */
  problem: string;
  /** The offending value (undefined when the key is missing). */
  value: unknown;
  hint: string | null;
}

/** One problem as reported in `details.problems`. */
export interface ConfigProblem {
  code: string;
  key: string;
  message: string;
  hint: string | null;
}

const MAX_VALUE_LENGTH = 80;

/** A value as shown after "got": JSON for strings, arrays and tables; "nothing" for a missing key. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof Date) return value.toISOString();
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** The unique key anywhere in the schema with this last segment (`tag_prefix` → `version.tag_prefix`). */
function keyWithSameName(name: string): string | null {
  const matches = configKeys().filter((k) => k.path.split(".").pop() === name);
  return matches.length === 1 ? matches[0]!.path : null;
}

export function unknownKeyFinding(
  parent: readonly PathSegment[],
  name: string,
  parentNode: z.ZodType | null,
  value: unknown,
): Finding {
  const siblings =
    parentNode === null ? [] : [...new Set(tableOptions(parentNode).flatMap((o) => Object.keys(o.shape)))];
  const candidates = siblings.map((k) => formatPath([...parent, k]));
  const full = formatPath([...parent, name]);
  const suggestion = didYouMean(full, candidates) ?? keyWithSameName(name);
  const hint =
    suggestion !== null
      ? `did you mean '${suggestion}'?`
      : siblings.length > 0
        ? `valid keys here: ${siblings.join(", ")}`
        : null;
  return { code: "E_CONFIG_UNKNOWN_KEY", segments: [...parent, name], problem: "", value, hint };
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
}

function rangeProblem(issue: z.core.$ZodIssue, word: "least" | "most"): string {
  const bound = "minimum" in issue ? issue.minimum : "maximum" in issue ? issue.maximum : undefined;
  const origin = "origin" in issue ? issue.origin : undefined;
  if (origin === "string" && word === "least" && Number(bound) === 1) return "must not be empty";
  if (origin === "array" && word === "least") return `must have at least ${String(bound)} items`;
  if (origin === "string") return `must be at ${word} ${String(bound)} characters long`;
  return `must be at ${word} ${String(bound)}`;
}

/**
 * Findings for the issues of parsing `raw` with `root`; `prefix` is where `raw` sits in the configuration
 * (used when a part is checked on its own, e.g. one version file entry or a deprecated alias).
 */
export function issueFindings(
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType,
  raw: unknown,
  prefix: readonly PathSegment[],
): Finding[] {
  const findings: Finding[] = [];
  for (const issue of issues) {
    const path = toSegments(issue.path);
    const segments = [...prefix, ...path];
    const node = nodeAt(path, root);
    const value = getPath(raw, path);
    const expected = node === null ? "a valid value" : describeType(node);
    const invalid = (problem: string): Finding => ({
      code: "E_CONFIG_INVALID",
      segments,
      problem,
      value,
      hint: null,
    });
    switch (issue.code) {
      case "unrecognized_keys":
        for (const name of issue.keys) {
          findings.push(unknownKeyFinding(segments, name, node, getPath(raw, [...path, name])));
        }
        break;
      case "invalid_type":
        findings.push(invalid(value === undefined ? `is required (${expected})` : `must be ${expected}`));
        break;
      case "invalid_value":
      case "invalid_union":
        findings.push(invalid(`must be ${expected}`));
        break;
      case "too_small":
        findings.push(invalid(rangeProblem(issue, "least")));
        break;
      case "too_big":
        findings.push(invalid(rangeProblem(issue, "most")));
        break;
      default:
        findings.push(invalid(issue.message));
    }
  }
  return findings;
}

/** Where a value came from, for the message prefix: the file, or the environment variable that set it. */
export interface FindingSource {
  file: string;
  /** `env:RELEASIO_X` origins by dotted key. */
  origins: Readonly<Record<string, string>>;
}

function envVariableFor(key: string, origins: Readonly<Record<string, string>>): string | null {
  for (let candidate = key; candidate !== ""; ) {
    const origin = origins[candidate];
    if (origin?.startsWith("env:")) return origin.slice("env:".length);
    const cut = Math.max(candidate.lastIndexOf("."), candidate.lastIndexOf("["));
    candidate = cut < 0 ? "" : candidate.slice(0, cut);
  }
  return null;
}

function envValue(value: unknown): string {
  return typeof value === "string" ? value : formatValue(value);
}

/** The worded problem (PRODUCT.md §3.7 shapes); a value set from the environment is reported as E_CONFIG_ENV. */
export function wordFinding(finding: Finding, source: FindingSource): ConfigProblem {
  const key = formatPath(finding.segments);
  const variable = envVariableFor(key, source.origins);
  const label = variable === null ? source.file : `environment variable ${variable}`;
  const make = (code: string, message: string): ConfigProblem => ({ code, key, message, hint: finding.hint });
  switch (finding.code) {
    case "E_CONFIG_UNKNOWN_KEY":
      return make(finding.code, `${source.file}: unknown key '${key}'`);
    case "E_CONFIG_REMOVED_KEY":
      return make(finding.code, `${source.file}: '${key}' is no longer supported`);
    case "E_INSECURE_URL":
      return make(
        finding.code,
        `${variable ?? `${source.file}: ${key}`}: '${String(finding.value)}' ${finding.problem}`,
      );
    case "E_CONFIG_INVALID":
      if (variable !== null) {
        const what = key === keyOfVariable(variable) ? "" : `'${key}' `;
        return make("E_CONFIG_ENV", `${label}: ${what}${finding.problem}; got '${envValue(finding.value)}'`);
      }
      return make(finding.code, `${label}: '${key}' ${finding.problem}; got ${formatValue(finding.value)}`);
  }
}

function keyOfVariable(variable: string): string | null {
  return configKeys().find((k) => envNameOf(k.path) === variable)?.path ?? null;
}
