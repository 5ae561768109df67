/**
 * GitLab CI ID tokens come from the job's `id_tokens:` declaration as an environment variable named after the
 * audience (`PYPI_ID_TOKEN`, `TESTPYPI_ID_TOKEN`, `SIGSTORE_ID_TOKEN`). There is one per job: it cannot be renewed.
 */
import type { CommandContext } from "../../commands/context.js";
import { gitlabIdTokenVariable, tokenRequestError } from "../../core/publish/tp-errors.js";

export function gitlabIdTokenAvailable(env: CommandContext["env"], audience: string): boolean {
  return Boolean(env[gitlabIdTokenVariable(audience)]?.trim());
}

export function readGitLabIdToken(ctx: CommandContext, audience: string): string {
  const value = ctx.env[gitlabIdTokenVariable(audience)]?.trim();
  if (!value) throw tokenRequestError({ ci: "gitlab", reason: "variable", audience });
  ctx.registerSecret(value);
  return value;
}
