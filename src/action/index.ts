/** Entry of the bundled GitHub Action (`dist/action/index.js`, run by `runs.using: node24`). */
import { runAction } from "./run-action.js";

process.exitCode = await runAction({
  env: process.env,
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  log: (text) => process.stdout.write(text),
});
