/** A GitLab forge wired to the fake, with recorded sleeps (no real waiting) and a recording logger. */

import { createGitLabForge } from "../../../../src/adapters/forge/gitlab/gitlab-forge.js";
import type { Forge } from "../../../../src/adapters/forge/port.js";
import type { Logger } from "../../../../src/commands/context.js";
import type { Warning } from "../../../../src/core/errors.js";
import type { FakeGitLab } from "../../../support/fake-gitlab.js";

export interface Harness {
  forge: Forge;
  sleeps: number[];
  debug: string[];
  info: string[];
}

export function forgeOn(
  fake: FakeGitLab,
  project: string,
  token: { header: "PRIVATE-TOKEN" | "JOB-TOKEN"; value: string } = {
    header: "PRIVATE-TOKEN",
    value: "glpat-maintainer",
  },
): Harness {
  const sleeps: number[] = [];
  const debug: string[] = [];
  const info: string[] = [];
  const logger: Logger = {
    info: (m) => info.push(m),
    debug: (m) => debug.push(m),
    warn: (_w: Warning) => {},
  };
  const forge = createGitLabForge({
    projectPath: project,
    apiUrl: fake.apiUrl,
    serverUrl: fake.serverUrl,
    token,
    fetch: fake.fetch,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => Date.parse("2026-11-25T12:00:00Z"),
  });
  return { forge, sleeps, debug, info };
}
