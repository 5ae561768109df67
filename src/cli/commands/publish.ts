/** `releasio publish`: upload pre-built distributions to PyPI or another index (§4.6). */
import { type Command, Option } from "commander";
import type { PublishPayload } from "../../commands/publish.js";
import { formatBytes } from "../../core/text/bytes.js";
import { escapeLine } from "../../core/text/control.js";
import { addGlobalOptions, type CliKit, examples, type GlobalFlags } from "../main.js";
import type { CliCommand } from "./registry.js";

type PublishFlags = GlobalFlags & {
  distDir?: string;
  registry?: string;
  checkUrl?: string;
  trustedPublishing?: "auto" | "always" | "never";
  attestations?: "auto" | "on" | "off";
  skipExisting?: boolean;
  verify?: boolean;
};

const VERBS: Record<PublishPayload["dists"][number]["status"], string> = {
  planned: "would upload",
  uploaded: "uploaded",
  "already-present": "already present",
  skipped: "skipped",
  failed: "failed",
};

function human(p: PublishPayload): string {
  const head = result(p).trimEnd();
  const lines = p.dists.map(
    (d) =>
      `  ${VERBS[d.status]}: ${escapeLine(d.filename)} (${formatBytes(d.size)}, sha256 ${d.sha256.slice(0, 12)}…)${d.attestation ? " + attestation" : ""}`,
  );
  return `${[head, ...lines].join("\n")}\n`;
}

/** The result line alone, what `-q` prints. */
function result(p: PublishPayload): string {
  const registry = escapeLine(String(p.registry));
  return p.dry_run ? `DRY-RUN: publishing to ${registry}\n` : `EXECUTING: published to ${registry}\n`;
}

export const publishCommand: CliCommand = {
  name: "publish",
  register(program: Command, kit: CliKit) {
    addGlobalOptions(
      program
        .command("publish")
        .argument("[path]", "project path (for the configuration and the default dist directory)")
        .description("upload pre-built distributions to PyPI or another index (dry run unless --execute)")
        .option(
          "--dist-dir <dir>",
          "directory holding the *.whl and *.tar.gz files (default: publish.dist_dir, dist)",
        )
        .option("--registry <url>", "upload URL, or pypi / testpypi (default: publish.registry)")
        .option(
          "--check-url <url>",
          "simple index URL for existence checks and verification (custom indexes)",
        )
        .addOption(
          new Option("--trusted-publishing <mode>", "OIDC trusted publishing: auto, always or never").choices(
            ["auto", "always", "never"],
          ),
        )
        .addOption(
          new Option("--attestations <mode>", "PEP 740 attestations: auto, on or off").choices([
            "auto",
            "on",
            "off",
          ]),
        )
        .option("--skip-existing", "skip, with a warning, files that exist on the index with other content")
        .option("--no-verify", "do not wait for the files to be visible on the index"),
      true,
    )
      .addHelpText(
        "after",
        examples([
          "releasio publish",
          "releasio publish --execute",
          "releasio publish -x --dist-dir wheelhouse",
          "releasio publish -x --registry testpypi",
          "releasio publish -x --registry https://pypi.example.com/legacy/ --check-url https://pypi.example.com/simple/",
        ]),
      )
      .action(async (path: string | undefined, flags: PublishFlags) => {
        kit.prepare("publish", flags, true);
        let p: PublishPayload;
        try {
          const { publish } = await import("../../commands/publish.js");
          p = await publish({
            ...kit.common(path, flags),
            execute: flags.execute === true,
            distDir: flags.distDir ?? null,
            registry: flags.registry ?? null,
            checkUrl: flags.checkUrl ?? null,
            trustedPublishing: flags.trustedPublishing ?? null,
            attestations: flags.attestations ?? null,
            skipExisting: flags.skipExisting === true,
            verify: flags.verify !== false,
          });
        } catch (e) {
          kit.fail(e);
        }
        kit.emit(
          p,
          () => human(p),
          () => result(p),
        );
      });
  },
};
