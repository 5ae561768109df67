/**
 * The Action's outputs (PRODUCT.md §9.3), computed from the command's JSON object — never scraped from text — and
 * written to GITHUB_OUTPUT with heredoc delimiters, so multi-line values are safe. Every output is always set.
 */
import { randomBytes } from "node:crypto";
import { fitChangelog } from "../core/changelog/fit.js";
import type { Warning } from "../core/errors.js";
import type { ActionCommand } from "./inputs.js";

export const OUTPUT_NAMES = [
  "version",
  "previous-version",
  "tag",
  "released",
  "pr-number",
  "pr-url",
  "release-url",
  "valid",
  "result",
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

type Json = Record<string, unknown>;

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function field(payload: Json, ...path: string[]): unknown {
  let value: unknown = payload;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Json)[key];
  }
  return value;
}

const RELEASING = new Set<ActionCommand>(["release", "do-release"]);
const PLANNING = new Set<ActionCommand>(["check", "update", "release-pr"]);

export function actionOutputs(
  command: ActionCommand,
  payload: Json,
  /** The `result` output, as `resultOutput` fits it. */
  result: string,
): Record<OutputName, string> {
  const releasing = RELEASING.has(command);
  const planning = PLANNING.has(command);
  // An executed release run that released nothing (nothing pending, or already released) names no version (§9.3,
  // scenario 131): workflows test `version != ''` to run follow-up jobs. A dry run names the version it plans.
  const versioned = planning || (releasing && (payload.released === true || payload.dry_run === true));
  return {
    version: releasing && versioned ? text(payload.version) : planning ? text(payload.next_version) : "",
    "previous-version": versioned ? text(payload.previous_version) : "",
    tag: versioned ? text(payload.tag) : "",
    released: releasing && payload.released === true ? "true" : "false",
    "pr-number": command === "release-pr" ? text(field(payload, "pr", "number")) : "",
    "pr-url": command === "release-pr" ? text(field(payload, "pr", "url")) : "",
    "release-url": releasing ? text(payload.release_url) : "",
    valid: command === "check-pr" ? (payload.valid === true ? "true" : "false") : "",
    result,
  };
}

/**
 * GitHub caps an output at 1 MB (a larger one breaks `fromJSON(steps.<id>.outputs.result)`); `result` is kept below
 * it, with room to spare.
 */
export const RESULT_LIMIT_BYTES = 1_000_000;

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** The texts of a result that grow with the history: the changelog entries and a regenerated changelog. */
const TEXT_FIELDS = ["changelog", "content"] as const;

function withTexts(payload: Json, cut: (text: string) => string): Json {
  const out: Json = { ...payload };
  for (const key of TEXT_FIELDS) if (typeof out[key] === "string") out[key] = cut(out[key] as string);
  if (Array.isArray(out.packages)) {
    out.packages = out.packages.map((p: unknown) =>
      p && typeof p === "object" && typeof (p as Json).changelog === "string"
        ? { ...(p as Json), changelog: cut((p as Json).changelog as string) }
        : p,
    );
  }
  return out;
}

function truncationWarning(kept: number, all: number, textsCut: boolean): Warning {
  const parts = [
    ...(kept < all ? [`${kept} of its ${all} commits`] : []),
    ...(textsCut ? ["its changelog text cut between entries"] : []),
  ];
  return {
    code: "W_RESULT_TRUNCATED",
    message: `the result output holds ${parts.join(" and ")}: GitHub caps an output at 1 MB; the command's --json output in a step of its own holds all of it`,
  };
}

/**
 * The `result` output: the command's JSON object, whole when it fits in RESULT_LIMIT_BYTES. Otherwise the commit
 * list keeps its newest entries that fit, then (if still too large) the changelog texts are cut between entries,
 * and `W_RESULT_TRUNCATED` says what was left out. Every field stays present with its type.
 */
export function resultOutput(payload: Json): { json: string; truncated: Warning | null } {
  const whole = JSON.stringify(payload);
  if (Buffer.byteLength(whole) <= RESULT_LIMIT_BYTES) return { json: whole, truncated: null };
  const warnings = Array.isArray(payload.warnings) ? (payload.warnings as unknown[]) : [];
  const commits = Array.isArray(payload.commits) ? (payload.commits as unknown[]) : [];
  const build = (kept: number, texts: Json, textsCut: boolean) => {
    const warning = truncationWarning(kept, commits.length, textsCut);
    const out: Json = { ...texts, warnings: [...warnings, warning] };
    if (Array.isArray(payload.commits)) out.commits = commits.slice(0, kept);
    return { json: JSON.stringify(out), truncated: warning };
  };
  // The newest commits that fit beside everything else (with the longest warning it could carry).
  const bare = jsonBytes({
    ...payload,
    commits: [],
    warnings: [...warnings, truncationWarning(0, commits.length, true)],
  });
  let kept = 0;
  for (let used = 0; kept < commits.length; kept++) {
    const add = jsonBytes(commits[kept]) + (kept > 0 ? 1 : 0);
    if (bare + used + add > RESULT_LIMIT_BYTES) break;
    used += add;
  }
  if (kept > 0 || bare <= RESULT_LIMIT_BYTES) return build(kept, payload, false);
  // Without any commit it is still too large: the texts share what is left, halved until the whole fits.
  const note = "… cut to fit the result output; the command's --json output holds all of it.";
  const emptied = jsonBytes(withTexts({ ...payload, commits: [] }, () => ""));
  let budget = Math.floor((RESULT_LIMIT_BYTES - emptied) / 2);
  for (let attempt = 0; attempt < 16 && budget > 0; attempt++, budget = Math.floor(budget / 2)) {
    const texts = withTexts(payload, (text) => fitChangelog(text, budget, { note, size: jsonBytes }).text);
    const result = build(0, texts, true);
    if (Buffer.byteLength(result.json) <= RESULT_LIMIT_BYTES) return result;
  }
  return build(
    0,
    withTexts(payload, () => note),
    true,
  );
}

/** `name<<DELIM\nvalue\nDELIM\n` for every output, with a delimiter that cannot occur in the value. */
export function formatOutputFile(outputs: Record<string, string>): string {
  let out = "";
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter = `releasio_${randomBytes(8).toString("hex")}`;
    while (value.includes(delimiter)) delimiter = `releasio_${randomBytes(8).toString("hex")}`;
    out += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return out;
}
