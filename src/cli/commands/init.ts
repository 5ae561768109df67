/** `releasio init`: configuration and CI workflows, from flags (`--yes`) or a short wizard on a terminal (§4.8). */
import { type Command, Option } from "commander";
import type { InitOptions, InitPayload } from "../../commands/init.js";
import { lineDiff } from "../../core/init/line-diff.js";
import type { InitSettings } from "../../core/init/settings.js";
import { escapeLine, escapeText } from "../../core/text/control.js";
import { addGlobalOptions, type CliKit, examples, type GlobalFlags } from "../main.js";
import type { CliCommand } from "./registry.js";

/** Commander's view of the flags: the names of `init()`'s options (§10), each a string as typed. */
type InitCliFlags = GlobalFlags &
  Pick<
    InitOptions,
    | "yes"
    | "force"
    | "target"
    | "forge"
    | "branch"
    | "tagPrefix"
    | "publish"
    | "trustedPublishing"
    | "workflow"
    | "prTitleWorkflow"
  > & { environment?: string; testpypiSnapshots?: string };

/** The command's own flags as `init()` options: only those given (a `--no-*` flag only when it is given). */
function optionsOf(f: InitCliFlags): Partial<InitOptions> {
  const o: Partial<InitOptions> = {};
  if (f.target !== undefined) o.target = f.target;
  if (f.forge !== undefined) o.forge = f.forge;
  if (f.branch !== undefined) o.branch = f.branch;
  if (f.tagPrefix !== undefined) o.tagPrefix = f.tagPrefix;
  if (f.publish === false) o.publish = false;
  if (f.trustedPublishing === false) o.trustedPublishing = false;
  if (f.workflow === false) o.workflow = false;
  if (f.prTitleWorkflow === true) o.prTitleWorkflow = true;
  if (f.environment !== undefined) o.environment = f.environment;
  if (f.testpypiSnapshots !== undefined) o.testpypiSnapshots = f.testpypiSnapshots;
  return o;
}

function formatInit(p: InitPayload, before: ReadonlyMap<string, string | null>): string {
  if (p.files.length === 1 && p.files[0]!.action === "unchanged" && p.files[0]!.path.endsWith(".toml")) {
    return `releasio is already configured in ${escapeLine(p.files[0]!.path)}\n--force replaces its releasio configuration and writes the workflows again; the rest of the file is kept\n`;
  }
  const out: string[] = [];
  for (const f of p.files) {
    const path = escapeLine(f.path);
    if (f.action === "unchanged") {
      out.push(`unchanged ${path}`);
      continue;
    }
    if (!p.dry_run) {
      out.push(`${f.action === "create" ? "created" : "updated"} ${path}`);
      continue;
    }
    out.push(`DRY-RUN: would ${f.action} ${path}`);
    if (f.action === "create") out.push(escapeText(f.content.replace(/\n$/, "").replace(/^/gm, "  | ")));
    else out.push(escapeText(lineDiff(before.get(f.path) ?? "", f.content).replace(/\n$/, "")));
  }
  if (p.dry_run) out.push("", "Nothing was written; run with --execute to write these files.");
  return `${out.join("\n")}\n`;
}

/** `init -q`: one line — that it is configured already, or every file written (or that would be). */
function initResult(p: InitPayload): string {
  const only = p.files[0];
  if (p.files.length === 1 && only?.action === "unchanged" && only.path.endsWith(".toml"))
    return `releasio is already configured in ${escapeLine(only.path)}\n`;
  const done = { create: "created", update: "updated", unchanged: "unchanged" } as const;
  const would = { create: "would create", update: "would update", unchanged: "unchanged" } as const;
  const parts = p.files.map((f) => `${(p.dry_run ? would : done)[f.action]} ${escapeLine(f.path)}`);
  return `${p.dry_run ? "DRY-RUN: " : ""}${parts.join(", ")}\n`;
}

export const initCommand: CliCommand = {
  name: "init",
  register(program: Command, kit: CliKit) {
    addGlobalOptions(
      program
        .command("init")
        .argument("[path]", "project path")
        .description("create the configuration and CI workflows (wizard on a terminal, or flags with --yes)")
        .option("--yes", "no questions: use the detected defaults and the flags")
        .option("--force", "replace an existing releasio configuration (the rest of the file is kept)")
        .addOption(
          new Option("--target <where>", "where the configuration lives").choices([
            "pyproject",
            "dotfile",
            "visible",
          ]),
        )
        .addOption(
          new Option("--forge <forge>", "forge to write workflows for").choices(["github", "gitlab"]),
        )
        .option("--branch <name>", "default (release) branch")
        .option("--tag-prefix <prefix>", "release tag prefix ('' for none)")
        .option("--no-publish", "do not publish to an index")
        .option("--no-trusted-publishing", "upload with a PYPI_TOKEN secret instead of trusted publishing")
        .option(
          "--environment <name>",
          "deployment environment of the publishing job ('none' for none; default pypi)",
        )
        .option("--no-workflow", "do not write the release workflow")
        .option("--pr-title-workflow", "also write .github/workflows/pr-title.yml")
        .option(
          "--testpypi-snapshots <branch>",
          "publish snapshots of <branch> to TestPyPI on every push: a publish_only channel and .github/workflows/testpypi.yml",
        ),
      true,
    )
      .addHelpText(
        "after",
        examples([
          "releasio init",
          "releasio init --yes --execute",
          "releasio init --yes --target dotfile --branch develop -x",
          "releasio init --force --branch develop -x",
          "releasio init --yes --testpypi-snapshots develop -x",
          "releasio init --force --config ci/releasio.toml -x   # replace the configuration in that file",
        ]),
      )
      .action(async (path: string | undefined, flags: InitCliFlags) => {
        kit.prepare("init", flags, true);
        const interactive =
          flags.yes !== true && !kit.mode.json && kit.io.isTty && process.stdin.isTTY === true;
        try {
          const ask = interactive
            ? async (defaults: InitSettings) => {
                // The prompt library is loaded only for an interactive run.
                const { runClackWizard } = await import("../clack-wizard.js");
                return runClackWizard(defaults, flags.execute === true);
              }
            : undefined;
          const before = new Map<string, string | null>();
          const { init } = await import("../../commands/init.js");
          const p = await init({
            ...kit.common(path, flags),
            preview: (f, text) => before.set(f.path, text),
            ...optionsOf(flags),
            execute: flags.execute === true,
            yes: flags.yes === true,
            force: flags.force === true,
            ...(ask ? { ask } : {}),
          });
          kit.emit(
            p,
            () => formatInit(p, before),
            () => initResult(p),
          );
        } catch (e) {
          kit.fail(e);
        }
      });
  },
};
