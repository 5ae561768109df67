/** `releasio do-release`: bump, commit, tag and push atomically, then publish and announce (§4.5). */
import type { Command } from "commander";
import type { DoReleasePayload } from "../../commands/do-release.js";
import { escapeLine } from "../../core/text/control.js";
import { versionChange } from "../format-plan.js";
import {
  addGlobalOptions,
  addVersionOptions,
  type CliKit,
  examples,
  type GlobalFlags,
  type VersionFlags,
} from "../main.js";
import type { CliCommand } from "./registry.js";
import { failWithJournal, releaseResult, releaseSummary } from "./release.js";

interface DoReleaseFlags extends GlobalFlags, VersionFlags {
  skipPublish?: boolean;
  distDir?: string;
}

export function doReleaseSummary(p: DoReleasePayload): string {
  const name = escapeLine(p.project ?? "project");
  const release = p.releases[0];
  const preview =
    p.release_needed && p.next_version
      ? `${p.dry_run ? "DRY-RUN: " : ""}${name} ${versionChange(p)} (tag ${escapeLine(String(p.tag))})\n`
      : "";
  if (!release && p.steps.length === 0) return `${nothingToRelease(p)}Next version: none\n`;
  return `${preview}${releaseSummary(p)}`;
}

/** What `-q` prints: the result lines, without the preview and the journal. */
export function doReleaseResult(p: DoReleasePayload): string {
  if (p.releases.length === 0 && p.steps.length === 0) return nothingToRelease(p);
  return releaseResult(p);
}

function nothingToRelease(p: DoReleasePayload): string {
  return `Nothing to release since ${escapeLine(p.previous_tag ?? "the first commit")}\n`;
}

export const doReleaseCommand: CliCommand = {
  name: "do-release",
  register(program: Command, kit: CliKit) {
    addVersionOptions(
      addGlobalOptions(
        program
          .command("do-release")
          .argument("[path]", "project path")
          .description(
            "bump, commit, tag and push atomically, then publish and announce (dry run unless --execute)",
          )
          .option("--skip-publish", "create the tag and the forge release without building or uploading")
          .option("--dist-dir <dir>", "publish the dists in DIR instead of building"),
        true,
      ),
    )
      .addHelpText(
        "after",
        examples([
          "releasio do-release",
          "releasio do-release --execute",
          "releasio do-release -x --skip-publish",
          "releasio do-release -x --version 2.0.0",
          "releasio do-release -x --prerelease rc",
          "releasio do-release --json",
        ]),
      )
      .action(async (path: string | undefined, flags: DoReleaseFlags) => {
        kit.prepare("do-release", flags, true);
        try {
          // The release machinery (forge, publishing, signing) loads only when the command runs.
          const { doRelease } = await import("../../commands/do-release.js");
          const p = await doRelease({
            ...kit.common(path, flags),
            execute: flags.execute === true,
            skipPublish: flags.skipPublish === true,
            distDir: flags.distDir ?? null,
            version: kit.versionOf(flags),
            prerelease: kit.prereleaseOf(flags),
            packages: flags.package ?? [],
          });
          kit.emit(
            p,
            () => doReleaseSummary(p),
            () => doReleaseResult(p),
          );
        } catch (e) {
          failWithJournal(kit, e);
        }
      });
  },
};
