/** `releasio release-pr`: create or refresh the release pull/merge request (§4.3). */
import type { Command } from "commander";
import type { ReleasePrPayload } from "../../commands/release-pr.js";
import { escapeLine, escapeText } from "../../core/text/control.js";
import {
  addGlobalOptions,
  addVersionOptions,
  type CliKit,
  examples,
  type GlobalFlags,
  type VersionFlags,
} from "../main.js";
import type { CliCommand } from "./registry.js";

/**
 * `release-pr -q`: one line — the PR created, updated, up to date or closed; for a dry run, what it would do with
 * the PR's title; otherwise the first line of the summary (nothing to release, a pending release).
 */
function releasePrResult(p: ReleasePrPayload, summary: string): string {
  const pr = p.pr;
  if (pr && (pr.action === "would-create" || pr.action === "would-update")) {
    const what =
      pr.action === "would-update" ? `update PR #${pr.number}: ${pr.url}` : "create the release PR";
    return `DRY-RUN: would ${escapeLine(what)} (${escapeLine(pr.title)})\n`;
  }
  return `${escapeLine(summary.split("\n")[0] ?? "")}\n`;
}

export const releasePrCommand: CliCommand = {
  name: "release-pr",
  register(program: Command, kit: CliKit) {
    addVersionOptions(
      addGlobalOptions(
        program
          .command("release-pr")
          .argument("[path]", "project path")
          .description("create or refresh the release pull request (dry run unless --execute)"),
        true,
      ),
    )
      .addHelpText(
        "after",
        examples([
          "releasio release-pr",
          "releasio release-pr --execute",
          "releasio release-pr -x --prerelease beta",
          "releasio release-pr --json",
        ]),
      )
      .action(async (path: string | undefined, flags: GlobalFlags & VersionFlags) => {
        kit.prepare("release-pr", flags, true);
        try {
          const { releasePr, releasePrSummary } = await import("../../commands/release-pr.js");
          const p: ReleasePrPayload = await releasePr({
            ...kit.common(path, flags),
            execute: flags.execute === true,
            version: kit.versionOf(flags),
            prerelease: kit.prereleaseOf(flags),
            packages: flags.package ?? [],
          });
          kit.emit(
            p,
            () => escapeText(releasePrSummary(p)),
            () => releasePrResult(p, releasePrSummary(p)),
          );
        } catch (e) {
          kit.fail(e);
        }
      });
  },
};
