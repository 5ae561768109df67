/**
 * The Action's outputs (PRODUCT.md §9.3), computed from the command's JSON object — never scraped from text — and
 * written to GITHUB_OUTPUT with heredoc delimiters, so multi-line values are safe. Every output is always set.
 */
import { randomBytes } from "node:crypto";
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

export function actionOutputs(command: ActionCommand, payload: Json): Record<OutputName, string> {
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
    result: JSON.stringify(payload),
  };
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
