/** The `init` wizard on @clack/prompts: Enter accepts the shown default; cancelling writes nothing. */
import * as clack from "@clack/prompts";
import { ReleasioError } from "../core/errors.js";
import type { InitSettings } from "../core/init/settings.js";
import { type Prompter, runWizard } from "../core/init/wizard.js";

function cancelled(): never {
  throw new ReleasioError("E_USAGE", "init was cancelled; nothing was written", { exitCode: 1 });
}

const clackPrompter: Prompter = {
  async text(q) {
    const answer = await clack.text({ message: q.message, initialValue: q.initial });
    if (clack.isCancel(answer)) cancelled();
    return answer ?? "";
  },
  async confirm(q) {
    const answer = await clack.confirm({ message: q.message, initialValue: q.initial });
    if (clack.isCancel(answer)) cancelled();
    return answer;
  },
  async select(q) {
    const answer = await clack.select({
      message: q.message,
      initialValue: q.initial,
      options: q.options.map((o) => ({ value: o.value, label: o.label })),
    } as Parameters<typeof clack.select>[0]);
    if (clack.isCancel(answer)) cancelled();
    return answer as typeof q.initial;
  },
};

export async function runClackWizard(defaults: InitSettings, execute: boolean): Promise<InitSettings> {
  clack.intro("releasio init");
  const chosen = await runWizard(defaults, clackPrompter);
  clack.outro(execute ? "Writing the files" : "Dry run: add --execute to write them");
  return chosen;
}
