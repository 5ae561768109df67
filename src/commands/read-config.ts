/** Loading just the configuration (for `config show`): the repository root bounds discovery. */
import { resolve } from "node:path";
import { type LoadedConfig, loadConfig } from "../adapters/fs/config-files.js";
import { openRepository } from "../adapters/git/repository.js";
import { type CommonOptions, contextFrom, projectDirectory } from "./context.js";

export async function readConfigOnly(options: CommonOptions & { path?: string }): Promise<LoadedConfig> {
  const ctx = contextFrom(options);
  const start = projectDirectory(ctx.cwd, options.path);
  const root = await openRepository(start, ctx.env)
    .then((g) => g.cwd)
    .catch(() => start);
  return loadConfig({
    cwd: start,
    repoRoot: root,
    env: ctx.env,
    // A file argument is relative to the working directory, not to PATH.
    configFile: options.config == null ? null : resolve(ctx.cwd, options.config),
  });
}
