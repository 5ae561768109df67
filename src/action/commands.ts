/** Which programmatic API function each Action command calls, with the inputs mapped to its options. */
import { changelog } from "../commands/changelog.js";
import { check } from "../commands/check.js";
import { checkPr } from "../commands/check-pr.js";
import type { CommonOptions } from "../commands/context.js";
import { doRelease } from "../commands/do-release.js";
import { doctor } from "../commands/doctor.js";
import type { Envelope } from "../commands/envelope.js";
import { publish } from "../commands/publish.js";
import { release } from "../commands/release.js";
import { releasePr } from "../commands/release-pr.js";
import { update } from "../commands/update.js";
import type { ActionCommand, ActionInputs } from "./inputs.js";

type Runner = (inputs: ActionInputs, common: CommonOptions & { path: string }) => Promise<Envelope>;

const versionOptions = (i: ActionInputs) => ({ version: i.versionOverride, prerelease: i.prerelease });

export const COMMAND_RUNNERS: Record<ActionCommand, Runner> = {
  check: (i, common) => check({ ...common, ...versionOptions(i) }),
  update: (i, common) => update({ ...common, ...versionOptions(i), execute: i.execute }),
  changelog: (i, common) => changelog({ ...common, execute: i.execute }),
  "release-pr": (i, common) => releasePr({ ...common, ...versionOptions(i), execute: i.execute }),
  release: (i, common) =>
    release({ ...common, execute: i.execute, skipPublish: i.skipPublish, distDir: i.distDir }),
  "do-release": (i, common) =>
    doRelease({
      ...common,
      ...versionOptions(i),
      execute: i.execute,
      skipPublish: i.skipPublish,
      distDir: i.distDir,
    }),
  publish: (i, common) => publish({ ...common, execute: i.execute, distDir: i.distDir }),
  "check-pr": (i, common) => checkPr({ ...common, requireScope: i.requireScope }),
  doctor: (_i, common) => doctor({ ...common }),
};
