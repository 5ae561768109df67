/** `releasio check-pr`: validate a PR title as a conventional-commit header (§4.7). */
import type { Command } from "commander";
import type { CheckPrPayload } from "../../commands/check-pr.js";
import { escapeLine } from "../../core/text/control.js";
import { addGlobalOptions, type CliKit, Exit, examples, type GlobalFlags } from "../main.js";
import { annotateErrors } from "../output.js";
import type { CliCommand } from "./registry.js";

type CheckPrFlags = GlobalFlags & { title?: string; requireScope?: boolean; comment?: boolean };

function human(p: CheckPrPayload): string {
  if (p.valid) {
    const lines = [
      `Valid PR title: ${escapeLine(String(p.title))}`,
      `  type: ${escapeLine(String(p.type))}`,
      `  scope: ${escapeLine(p.scope ?? "(none)")}`,
      `  description: ${escapeLine(String(p.description))}`,
      `  bump: ${p.bump}`,
    ];
    if (p.breaking) lines.push("Breaking change!");
    if (p.comment)
      lines.push(`Comment ${p.comment.action}${p.comment.url ? `: ${escapeLine(p.comment.url)}` : ""}`);
    return `${lines.join("\n")}\n`;
  }
  const lines = [
    `Invalid PR title: ${escapeLine(String(p.title))}`,
    ...p.problems.map((q) => `  - [${escapeLine(q.code)}] ${escapeLine(q.message)}`),
  ];
  const details = p.error?.details as { format?: string; examples?: string[] } | null | undefined;
  lines.push("", `Expected format: ${escapeLine(details?.format ?? "")}`, "Examples:");
  for (const e of details?.examples ?? []) lines.push(`  ${escapeLine(e)}`);
  return `${lines.join("\n")}\n`;
}

/** `check-pr -q`: the verdict line (with the comment written, if any); an invalid title adds its problems. */
function verdict(p: CheckPrPayload): string {
  if (p.valid) {
    const comment = p.comment
      ? `; comment ${p.comment.action}${p.comment.url ? `: ${escapeLine(p.comment.url)}` : ""}`
      : "";
    return `Valid PR title: ${escapeLine(String(p.title))} (bump: ${p.bump}${p.breaking ? ", breaking" : ""})${comment}\n`;
  }
  const lines = [
    `Invalid PR title: ${escapeLine(String(p.title))}`,
    ...p.problems.map((q) => `  - [${escapeLine(q.code)}] ${escapeLine(q.message)}`),
  ];
  return `${lines.join("\n")}\n`;
}

export const checkPrCommand: CliCommand = {
  name: "check-pr",
  register(program: Command, kit: CliKit) {
    addGlobalOptions(
      program
        .command("check-pr")
        .argument("[path]", "project path (for the configuration)")
        .description("validate a pull request title as a conventional commit header")
        .option(
          "--title <title>",
          "the title to check (default: GITHUB_PR_TITLE, CI_MERGE_REQUEST_TITLE, the event file)",
        )
        .option("--require-scope", "titles must have a scope")
        .option("--comment", "create or update one sticky comment on the PR with the verdict"),
      false,
    )
      .addHelpText(
        "after",
        examples([
          'releasio check-pr --title "feat(api): add export"',
          "releasio check-pr --require-scope",
          "releasio check-pr --comment --json",
        ]),
      )
      .action(async (path: string | undefined, flags: CheckPrFlags) => {
        kit.prepare("check-pr", flags, false);
        let p: CheckPrPayload;
        try {
          const { checkPr } = await import("../../commands/check-pr.js");
          p = await checkPr({
            ...kit.common(path, flags),
            title: flags.title ?? null,
            requireScope: flags.requireScope === true,
            comment: flags.comment === true,
          });
        } catch (e) {
          kit.fail(e);
        }
        kit.emit(
          p,
          () => human(p),
          () => verdict(p),
        );
        if (!p.valid) {
          const message = p.error?.message ?? "invalid PR title";
          if (!kit.mode.json) kit.io.stderr(`error[E_PR_TITLE_INVALID]: ${escapeLine(message)}\n`);
          annotateErrors(kit.io, {
            code: "E_PR_TITLE_INVALID",
            message,
            hint: p.error?.hint ?? null,
            details: null,
          });
          throw new Exit(1);
        }
      });
  },
};
