/** `releasio doctor [PATH] [--exchange]`: the diagnosis table and the trusted publisher to register (§4.9). */
import type { Command } from "commander";
import type { DoctorPayload } from "../../commands/doctor.js";
import { compareClaims, compareGitLabClaims } from "../../core/doctor/publisher.js";
import { PUBLISHER_FIELD_LABELS } from "../../core/doctor/trusted-publisher-check.js";
import { escapeLine } from "../../core/text/control.js";
import { count } from "../../core/text/count.js";
import { addGlobalOptions, type CliKit, Exit, examples, type GlobalFlags } from "../main.js";
import { annotateProblem } from "../output.js";
import type { CliCommand } from "./registry.js";

const MARK = { ok: "ok  ", warn: "WARN", fail: "FAIL", skip: "skip" } as const;

/** One line per check (hints indented). */
function checkLines(rows: DoctorPayload["checks"], c: CliKit["c"]): string[] {
  const paint = { ok: c.green, warn: c.yellow, fail: c.red, skip: c.dim } as const;
  const lines: string[] = [];
  for (const row of rows) {
    lines.push(
      `${paint[row.status](MARK[row.status])} ${escapeLine(row.id).padEnd(26)} ${escapeLine(row.message)}`,
    );
    for (const h of row.hint?.split("\n") ?? []) lines.push(`       hint: ${escapeLine(h)}`);
  }
  return lines;
}

/** The final result line: how many checks failed and warned. */
function summaryLine(p: DoctorPayload): string {
  const failed = p.checks.filter((r) => r.status === "fail").length;
  const warned = p.checks.filter((r) => r.status === "warn").length;
  return failed > 0
    ? `${count(failed, "check")} failed, ${count(warned, "warning")}`
    : `all checks passed (${count(warned, "warning")})`;
}

/** The human report: one line per check (hints indented), then the publisher fields and the claims. */
export function formatDoctor(p: DoctorPayload, c: CliKit["c"]): string {
  const lines = checkLines(p.checks, c);
  const tp = p.trusted_publishing;
  const e = tp.expected;
  const audience = tp.audience ? ` (audience ${escapeLine(tp.audience)})` : "";
  lines.push("", `Trusted publisher for ${escapeLine(tp.registry)}${audience}:`);
  const labels = PUBLISHER_FIELD_LABELS[e.provider];
  const fields: [string, string][] = [
    [labels.owner, e.owner ?? "unknown"],
    [labels.repository, e.repository ?? "unknown"],
    [labels.workflow, e.workflow ?? "unknown"],
    [labels.environment, e.environment ?? "none"],
    ...(tp.add_publisher_url ? [["Add it at", tp.add_publisher_url] as [string, string]] : []),
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  for (const [label, value] of fields) lines.push(`  ${`${label}:`.padEnd(width)}${escapeLine(value)}`);
  if (tp.claims) {
    // Marked as the index compares them (core's comparison); only claims with an expected value are marked.
    const rows = (e.provider === "gitlab" ? compareGitLabClaims : compareClaims)(tp.claims, e);
    lines.push("", "ID token claims (actual → expected):");
    for (const [name, value] of Object.entries(tp.claims)) {
      const row = rows.find((r) => r.claim === name);
      const want = row?.expected ?? null;
      const actual = value === null || value === undefined ? "MISSING" : String(value);
      const differs = want !== null && row?.matches === false;
      lines.push(
        `  ${differs ? c.red("✗") : " "} ${escapeLine(name).padEnd(20)} ${escapeLine(actual)}${want !== null ? `  (expected ${escapeLine(want)})` : ""}`,
      );
    }
  }
  if (tp.exchange !== "not-run") lines.push("", `Exchange: ${escapeLine(tp.exchange)}`);
  lines.push("", summaryLine(p));
  return `${lines.join("\n")}\n`;
}

/** `doctor -q`: only the checks that warn or fail (with their hints), then the summary line. */
export function formatDoctorQuiet(p: DoctorPayload, c: CliKit["c"]): string {
  const problems = p.checks.filter((r) => r.status === "warn" || r.status === "fail");
  return `${[...checkLines(problems, c), summaryLine(p)].join("\n")}\n`;
}

export const doctorCommand: CliCommand = {
  name: "doctor",
  register(program: Command, kit: CliKit) {
    addGlobalOptions(
      program
        .command("doctor")
        .argument("[path]", "project path")
        .description("diagnose git, forge token, branch, build tools and trusted-publishing readiness")
        .option("--exchange", "also perform the trusted-publishing token exchange (the token is discarded)"),
      false,
      "diagnose as --execute with --allow-dirty would run: a dirty working tree is a warning",
    )
      .addHelpText(
        "after",
        examples([
          "releasio doctor",
          "releasio doctor --json",
          "releasio doctor --exchange   # in CI, with id-token: write (GitHub) or id_tokens (GitLab)",
          "releasio doctor -q           # only what warns or fails",
        ]),
      )
      .action(async (path: string | undefined, flags: GlobalFlags & { exchange?: boolean }) => {
        kit.prepare("doctor", flags, false);
        let payload: DoctorPayload;
        try {
          const { doctor } = await import("../../commands/doctor.js");
          payload = await doctor({ ...kit.common(path, flags), exchange: flags.exchange === true });
        } catch (e) {
          kit.fail(e);
        }
        kit.emit(
          payload,
          () => formatDoctor(payload, kit.c),
          () => formatDoctorQuiet(payload, kit.c),
        );
        // Inside Actions each failing check is an error annotation and each warning check a warning one, named by
        // its id, as an error or a warning would be.
        for (const check of payload.checks) {
          const level = check.status === "fail" ? "error" : check.status === "warn" ? "warning" : null;
          if (level)
            annotateProblem(kit.io, level, { code: check.id, message: check.message, hint: check.hint });
        }
        if (payload.exit_code !== 0) throw new Exit(payload.exit_code);
      });
  },
};
