import { describe, expect, it } from "vitest";
import {
  type HookValues,
  hookEnvironment,
  substituteHookCommand,
} from "../../../src/core/hooks/substitute.js";
import { quotePosix } from "../../../src/core/text/shell-word.js";

const values: HookValues = {
  version: "1.1.0",
  tag: "v1.1.0",
  previous_version: "1.0.0",
  previous_tag: "v1.0.0",
  project_path: ".",
  branch: "feat/it's",
  package: "",
};

describe("hook commands", () => {
  it("substitute only the known placeholders, shell-quoted", () => {
    expect(substituteHookCommand("echo {version} {previous_version} > pre.txt", values, "posix")).toBe(
      "echo '1.1.0' '1.0.0' > pre.txt",
    );
  });
  it("leave every other brace alone", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${HOME} is a shell variable the hook must keep
    const cmd = "make dist V={version} && awk '{print $1}' /dev/null && echo ${HOME} {nope} '{\"a\": 1}'";
    expect(substituteHookCommand(cmd, values, "posix")).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: ${HOME} is a shell variable the hook must keep
      "make dist V='1.1.0' && awk '{print $1}' /dev/null && echo ${HOME} {nope} '{\"a\": 1}'",
    );
  });
  it("quote values that hold quotes and shell metacharacters so they stay literal", () => {
    expect(substituteHookCommand("echo {branch}", values, "posix")).toBe("echo 'feat/it'\\''s'");
    expect(quotePosix("$(touch pwned)")).toBe("'$(touch pwned)'");
  });
  it("refuse values cmd.exe cannot quote", () => {
    expect(() => substituteHookCommand("echo {branch}", { ...values, branch: "a&b" }, "windows")).toThrow(
      /E_HOOK_UNSAFE_VALUE|safely/,
    );
    expect(substituteHookCommand("echo {version}", values, "windows")).toBe('echo "1.1.0"');
  });
  it("export the same values as RELEASIO_* variables", () => {
    expect(hookEnvironment("pre_bump", values)).toMatchObject({
      RELEASIO_HOOK: "pre_bump",
      RELEASIO_VERSION: "1.1.0",
      RELEASIO_PREVIOUS_TAG: "v1.0.0",
      RELEASIO_BRANCH: "feat/it's",
      RELEASIO_PACKAGE: "",
    });
  });
});
