/** `releasio release`: tag, publish and announce the pending release (§4.4). */
import type { Command } from "commander";
import type { ReleasePayload } from "../../commands/release.js";
import { ReleasioError } from "../../core/errors.js";
import { escapeLine, escapeText } from "../../core/text/control.js";
import { formatStep, type Step } from "../../steps/journal.js";
import { addGlobalOptions, addPackageOption, type CliKit, examples, type GlobalFlags } from "../main.js";
import type { CliCommand } from "./registry.js";

interface ReleaseFlags extends GlobalFlags {
  skipPublish?: boolean;
  distDir?: string;
  package?: string[];
  force?: boolean;
}

const CREATED_TAG = new Set(["create-tag", "push-tag"]);

/** The journal of the steps, then the result lines. */
export function releaseSummary(p: ReleasePayload): string {
  return `${p.steps.map((s) => `${escapeText(formatStep(s))}\n`).join("")}${releaseResult(p)}`;
}

/** The result lines alone, what `-q` prints: the tag made, and what became of each release. */
export function releaseResult(p: ReleasePayload): string {
  const lines: string[] = [];
  const tagged = p.steps.some((s) => CREATED_TAG.has(s.id) && s.status === "done");
  if (tagged && p.tag) lines.push(`Created and pushed tag ${escapeLine(p.tag)}`);
  for (const r of p.releases) {
    const where = [r.release_url, r.index_url].filter((u): u is string => u !== null).join(" · ");
    const suffix = where ? `: ${escapeLine(where)}` : "";
    const release = `${escapeLine(String(r.project))} ${escapeLine(String(r.version))}`;
    if (r.status === "planned")
      lines.push(
        `DRY-RUN: would release ${release} (${escapeLine(String(r.tag))}); pass --execute to release`,
      );
    else if (r.status === "already-released") lines.push(`${release} is already released${suffix}`);
    else lines.push(`Released ${release}${suffix}`);
  }
  if (p.releases.length === 0) lines.push("Nothing to release");
  return `${lines.join("\n")}\n`;
}

/** Fails the command; a failed release's journal (the steps it ran, in the error's details) goes to stderr first. */
export function failWithJournal(kit: CliKit, error: unknown): never {
  const steps = error instanceof ReleasioError ? error.details?.steps : undefined;
  // With -q only the error is printed; the journal stays in --json's details.
  if (!kit.mode.json && !kit.mode.quiet && Array.isArray(steps) && steps.length > 0)
    kit.io.stderr(`${(steps as Step[]).map((s) => escapeText(formatStep(s))).join("\n")}\n`);
  kit.fail(error);
}

export const releaseCommand: CliCommand = {
  name: "release",
  register(program: Command, kit: CliKit) {
    addGlobalOptions(
      addPackageOption(
        program
          .command("release")
          .argument("[path]", "project path")
          .description("tag, publish and announce the pending release (dry run unless --execute)")
          .option("--skip-publish", "create the tag and the forge release without building or uploading")
          .option("--dist-dir <dir>", "publish the dists in DIR instead of building"),
      ).option("--force", "release the declared version even without a release commit in range"),
      true,
    )
      .addHelpText(
        "after",
        examples([
          "releasio release",
          "releasio release --execute",
          "releasio release -x --skip-publish",
          "releasio release -x --dist-dir wheelhouse",
          "releasio release --json",
        ]),
      )
      .action(async (path: string | undefined, flags: ReleaseFlags) => {
        kit.prepare("release", flags, true);
        try {
          const { release } = await import("../../commands/release.js");
          const p = await release({
            ...kit.common(path, flags),
            execute: flags.execute === true,
            skipPublish: flags.skipPublish === true,
            distDir: flags.distDir ?? null,
            packages: flags.package ?? [],
            force: flags.force === true,
          });
          kit.emit(
            p,
            () => releaseSummary(p),
            () => releaseResult(p),
          );
        } catch (e) {
          failWithJournal(kit, e);
        }
      });
  },
};
