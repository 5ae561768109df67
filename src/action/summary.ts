/**
 * The Markdown job summary (PRODUCT.md §9.3): command, mode, version table, changelog entry, links, the step
 * journal and warnings — all from the command's JSON object.
 */

import { fitChangelog } from "../core/changelog/fit.js";

type Json = Record<string, unknown>;

/**
 * GitHub drops a step's whole job summary above 1 MiB of UTF-8 (with an error annotation). The changelog entry, the
 * only part that grows with the history, is cut to keep the summary below that, with room to spare.
 */
export const SUMMARY_LIMIT_BYTES = 1_000_000;
export const SUMMARY_TRUNCATION_NOTE =
  "… truncated: a job summary holds at most 1 MiB. The whole entry is in the changelog file, or in `releasio check`'s output.";

interface SummaryStep {
  id: string;
  package: string | null;
  status: string;
  reason: string | null;
  message: string;
  duration_ms: number | null;
}

const STATUS_ICON: Record<string, string> = {
  done: "✅",
  skipped: "↷",
  failed: "❌",
  "not-run": "·",
  planned: "○",
};

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function array<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function jobSummary(command: string, payload: Json): string {
  const lines: string[] = [];
  const mode = payload.dry_run === true ? "DRY RUN" : "EXECUTED";
  const ok = payload.ok === true;
  lines.push(`## releasio ${command} — ${mode}${ok ? "" : " (failed)"}`, "");

  const packages = array<Json>(payload.packages);
  if (packages.length > 0) {
    lines.push("| Package | Current | Next | Bump | Tag |", "|---|---|---|---|---|");
    for (const p of packages) {
      lines.push(
        `| ${cell(p.project)} | ${cell(p.current_version)} | ${cell(p.next_version)} | ${cell(p.bump)} | ${cell(p.tag)} |`,
      );
    }
    lines.push("");
  }
  const releases = array<Json>(payload.releases);
  if (releases.length > 0) {
    lines.push("| Package | Version | Tag | Status | Release |", "|---|---|---|---|---|");
    for (const r of releases) {
      lines.push(
        `| ${cell(r.project)} | ${cell(r.version)} | ${cell(r.tag)} | ${cell(r.status)} | ${cell(r.release_url)} |`,
      );
    }
    lines.push("");
  }
  const pr = payload.pr as Json | null | undefined;
  if (pr && typeof pr === "object" && pr.url) lines.push(`Release PR (${cell(pr.action)}): ${pr.url}`, "");
  if (typeof payload.release_url === "string") lines.push(`Release: ${payload.release_url}`, "");
  if (command === "check-pr") {
    lines.push(`Title: \`${cell(payload.title)}\` — ${payload.valid === true ? "valid" : "invalid"}`, "");
    for (const problem of array<Json>(payload.problems)) lines.push(`- ${cell(problem.message)}`);
  }

  const steps = array<SummaryStep>(payload.steps);
  if (steps.length > 0) {
    lines.push("### Steps", "", "| | Step | Status | Time | Detail |", "|---|---|---|---|---|");
    for (const s of steps) {
      const id = s.package ? `${s.id} (${s.package})` : s.id;
      const time = s.duration_ms === null ? "" : `${s.duration_ms} ms`;
      const status = s.reason && s.status === "skipped" ? `${s.status}: ${s.reason}` : s.status;
      lines.push(
        `| ${STATUS_ICON[s.status] ?? ""} | ${cell(id)} | ${cell(status)} | ${time} | ${cell(s.message)} |`,
      );
    }
    lines.push("");
  }
  const changelog = typeof payload.changelog === "string" ? payload.changelog.trim() : "";
  // Its place in the summary: the rest is known only once every section is written.
  const changelogAt = changelog === "" ? -1 : lines.push("### Changelog", "", "", "") - 2;
  const warnings = array<Json>(payload.warnings);
  if (warnings.length > 0) {
    lines.push("### Warnings", "");
    for (const w of warnings) lines.push(`- \`${cell(w.code)}\` ${cell(w.message)}`);
    lines.push("");
  }
  const error = payload.error as Json | null | undefined;
  if (error && typeof error === "object") {
    lines.push("### Error", "", `\`${cell(error.code)}\` ${cell(error.message)}`);
    if (error.hint) lines.push("", `Hint: ${cell(error.hint)}`);
    lines.push("");
  }
  if (changelogAt >= 0) {
    const rest = Buffer.byteLength(`${lines.join("\n").trimEnd()}\n`);
    const budget = SUMMARY_LIMIT_BYTES - rest;
    lines[changelogAt] = fitChangelog(changelog, budget, {
      note: SUMMARY_TRUNCATION_NOTE,
      size: (text) => Buffer.byteLength(text),
    }).text;
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
