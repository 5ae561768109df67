/**
 * Human output of a plan: the summary lines, the commit table, the files and the entry (§4.1). What comes from the
 * repository (subjects, names, paths, the entry) is escaped where it enters the text (§11).
 */
import type { CheckPayload, PublicCommit } from "../commands/check.js";
import type { FileChange } from "../core/plan/types.js";
import { escapeLine, escapeText } from "../core/text/control.js";
import { count } from "../core/text/count.js";
import type { Colors } from "./style.js";

// A character outside the Basic Multilingual Plane is one column but two UTF-16 units.
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** A cell's width in characters (code points), without making an array of them for every cell. */
function cellWidth(text: string): number {
  return /[\uD800-\uDBFF]/.test(text) ? text.length - (text.match(ASTRAL)?.length ?? 0) : text.length;
}

// Columns are measured in a loop, not with `Math.max(...cells)`: a first release of a long history has more rows
// than a call takes arguments.
function table(rows: string[][], c: Colors): string {
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) {
    for (let i = 0; i < r.length - 1; i++) widths[i] = Math.max(widths[i]!, cellWidth(r[i]!));
  }
  return rows
    .map((r, ri) => {
      const line = r
        .map((cell, i) => (i === r.length - 1 ? cell : cell + " ".repeat(widths[i]! - cellWidth(cell))))
        .join("  ");
      return `  ${ri === 0 ? c.bold(line) : line}`.trimEnd();
    })
    .join("\n");
}

function commitRows(commits: readonly PublicCommit[], verbose: boolean): string[][] {
  const head = verbose
    ? ["SHA", "TYPE", "SCOPE", "BUMP", "IN", "REASON", "DESCRIPTION"]
    : ["SHA", "TYPE", "SCOPE", "BUMP", "DESCRIPTION"];
  const rows = [head];
  for (const k of commits) {
    const sha = k.part === null ? k.short_sha : `${k.short_sha}.${k.part}`;
    const type = escapeLine(k.type ?? "-");
    const scope = escapeLine(k.scope ?? "");
    const bump = k.bump === "none" ? "-" : k.bump;
    const description = escapeLine(k.breaking ? `${k.description} (breaking)` : k.description);
    rows.push(
      verbose
        ? [sha, type, scope, bump, k.included ? "✓" : "·", escapeLine(k.reason), description]
        : [sha, type, scope, bump, description],
    );
  }
  return rows;
}

// Reasons that are about the commit's type: the type says more. Any other (a scope filter, a skip marker, a merge)
// is named itself, so that `feat ×1` never stands in a list of commits that release nothing.
const TYPE_REASONS: ReadonlySet<string> = new Set(["no-bump-type", "excluded-type"]);

function ignoredSummary(commits: readonly PublicCommit[]): string {
  const counts = new Map<string, number>();
  for (const k of commits) {
    const key = k.type !== null && TYPE_REASONS.has(k.reason) ? k.type : k.reason;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => `${escapeLine(k)} ×${n}`).join(", ");
}

/** What happens to one file, for people: `1.0.0 → 1.1.0`, or the changelog's new or replaced entry. */
export function fileChangeText(f: FileChange): string {
  if (f.kind === "changelog")
    return `${f.from === null ? "new" : "replace"} entry ${escapeLine(String(f.to))}`;
  return `${escapeLine(f.from ?? "—")} → ${escapeLine(String(f.to))}`;
}

/**
 * The version change for people: `1.0.0 → 1.1.0`, or the version alone when it stays (the first release of the
 * declared version), followed by `(first release)` for a first release. `paint` colours the new version.
 */
export function versionChange(
  p: Pick<CheckPayload, "current_version" | "next_version" | "release_reason">,
  paint: (s: string) => string = (s) => s,
): string {
  const from = escapeLine(p.current_version ?? "—");
  const to = escapeLine(p.next_version ?? "");
  const change = from === to ? paint(to) : `${from} → ${paint(to)}`;
  return p.release_reason === "first-release" ? `${change} (first release)` : change;
}

/** `previousDate`: the previous release's date (see `previousReleaseDate`), shown after its commit. */
export function formatPlan(
  p: CheckPayload,
  verbose: boolean,
  c: Colors,
  previousDate: string | null = null,
): string {
  const out: string[] = [];
  const name = escapeLine(p.project ?? "project");
  const previousTag = p.previous_tag === null ? null : escapeLine(p.previous_tag);
  const since = previousTag ? ` since ${previousTag}` : "";
  const included = p.commits.filter((k) => k.included);
  if (previousTag) {
    const sha = escapeLine((p.range.from ?? "").slice(0, 7));
    out.push(`Previous release: ${previousTag} (${previousDate ? `${sha}, ${previousDate}` : sha})`);
  } else out.push("Previous release: none (first release)");
  if (!p.release_needed) {
    const n = p.commits.length;
    out.unshift(
      n === 0
        ? `Nothing to release${since}: no commits`
        : `Nothing to release${since}: ${count(n, "commit")}, none releasable (${ignoredSummary(p.commits)})`,
    );
    out.push("Next version: none");
  } else {
    // A first release is named as such (see versionChange), not as a bump.
    const why =
      p.release_reason === "first-release"
        ? ""
        : ` (${p.bump === "none" || p.release_reason === "override" ? p.release_reason : p.bump})`;
    out.unshift(`${c.bold(name)} ${versionChange(p, c.green)}${why}`);
    out.push(`Next version: ${escapeLine(String(p.next_version))}`, `Tag: ${escapeLine(String(p.tag))}`);
    if (p.pending_release) {
      const pending = p.pending_release;
      out.push(
        `Pending release: ${escapeLine(pending.version)} (release commit ${escapeLine(pending.commit.slice(0, 7))}): run 'releasio release'`,
      );
    }
  }
  const ignored = p.commits.length - included.length;
  // A split squash commit is one commit in range with one entry per part: commits are counted by SHA, entries
  // (what is included or ignored) by part.
  const inRange = new Set(p.commits.map((commit) => commit.sha)).size;
  const entries = inRange === p.commits.length ? "" : ` (${p.commits.length} entries)`;
  out.push(`Commits: ${inRange} in range${entries}, ${included.length} included, ${ignored} ignored`);
  const shown = verbose ? p.commits : included;
  if (shown.length > 0) out.push("", table(commitRows(shown, verbose), c));
  if (p.release_needed && p.files.length > 0) {
    const rows = p.files.map((f) => [escapeLine(f.path), fileChangeText(f)]);
    out.push("", table([["FILE", "CHANGE"], ...rows], c));
  }
  if (p.changelog) out.push("", escapeText(p.changelog.trimEnd()));
  return `${out.join("\n")}\n`;
}
