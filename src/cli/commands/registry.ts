/**
 * Commands registered from their own modules (one file per command in this folder). Each module exports a
 * `CliCommand`; add it to this list to make it part of the CLI.
 */
import type { Command } from "commander";
import type { CliKit } from "../main.js";
import { checkPrCommand } from "./check-pr.js";
import { doReleaseCommand } from "./do-release.js";
import { doctorCommand } from "./doctor.js";
import { initCommand } from "./init.js";
import { publishCommand } from "./publish.js";
import { releaseCommand } from "./release.js";
import { releasePrCommand } from "./release-pr.js";

export interface CliCommand {
  name: string;
  register(program: Command, kit: CliKit): void;
}

export const EXTRA_COMMANDS: CliCommand[] = [
  releasePrCommand,
  checkPrCommand,
  doctorCommand,
  releaseCommand,
  doReleaseCommand,
  initCommand,
  publishCommand,
];
