/** Entry of the bundled GitHub Action (`dist/action/index.js`, run by `runs.using: node24`). */
import { tuneHeapFor } from "../adapters/process/heap-tuning.js";
import { inputValue } from "./inputs.js";
import { runAction } from "./run-action.js";

await tuneHeapFor(inputValue(process.env, "command"));

process.exitCode = await runAction({
  env: process.env,
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  log: (text) => process.stdout.write(text),
});
