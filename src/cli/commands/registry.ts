/**
 * Commands registered from their own modules (one file per command in this folder). Each module exports a
 * `CliCommand`; add it to this list to make it part of the CLI.
 */
import type { Command } from "commander";
import type { CliKit } from "../main.js";

export interface CliCommand {
  name: string;
  register(program: Command, kit: CliKit): void;
}

export const EXTRA_COMMANDS: CliCommand[] = [];
