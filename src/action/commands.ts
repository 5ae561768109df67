/** Which programmatic API function each Action command calls, with the inputs mapped to its options. */
import { changelog } from "../commands/changelog.js";
import { check } from "../commands/check.js";
import type { CommonOptions } from "../commands/context.js";
import type { Envelope } from "../commands/envelope.js";
import { update } from "../commands/update.js";
import { ReleasioError } from "../core/errors.js";
import type { ActionCommand, ActionInputs } from "./inputs.js";

type Runner = (inputs: ActionInputs, common: CommonOptions & { path: string }) => Promise<Envelope>;

function notAvailable(command: string): Runner {
  return async () => {
    throw new ReleasioError(
      "E_USAGE",
      `the '${command}' command is not available in this version of the action`,
    );
  };
}

export const COMMAND_RUNNERS: Record<ActionCommand, Runner> = {
  check: (i, common) => check({ ...common, version: i.versionOverride, prerelease: i.prerelease }),
  update: (i, common) =>
    update({ ...common, execute: i.execute, version: i.versionOverride, prerelease: i.prerelease }),
  changelog: (i, common) => changelog({ ...common, execute: i.execute }),
  "release-pr": notAvailable("release-pr"),
  release: notAvailable("release"),
  "do-release": notAvailable("do-release"),
  publish: notAvailable("publish"),
  "check-pr": notAvailable("check-pr"),
  doctor: notAvailable("doctor"),
};
