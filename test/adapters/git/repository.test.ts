import { describe, expect, it } from "vitest";
import { repositoryRefused } from "../../../src/adapters/git/repository.js";
import { GitRunner, gitEnv, REPOSITORY_LOCATION_VARIABLES } from "../../../src/adapters/git/run-git.js";
import { runHooks } from "../../../src/adapters/process/hooks.js";
import { HOOK_VARIABLES, type HookValues } from "../../../src/core/hooks/substitute.js";
import { tempDir } from "../../support/repo.js";

const ARGS = ["rev-parse", "--show-toplevel"];
const refused = (stderr: string) =>
  repositoryRefused(new GitRunner("/work/p", process.env), ARGS, { stdout: "", stderr, code: 128 });

describe("git refusing a repository", () => {
  it("git's 'not a git repository' answer is E_NOT_A_REPO", async () => {
    const error = await refused("fatal: not a git repository (or any of the parent directories): .git\n");
    expect(error.code).toBe("E_NOT_A_REPO");
    expect(error.message).toBe("/work/p is not inside a git repository");
  });

  it("dubious ownership is E_GIT with git's lines and the safe.directory command for the path git names", async () => {
    const error = await refused(
      "fatal: detected dubious ownership in repository at '/__w/demo/demo'\n" +
        "To add an exception for this directory, call:\n\n\tgit config --global --add safe.directory /__w/demo/demo\n",
    );
    expect(error.code).toBe("E_GIT");
    expect(error.message).toContain("fatal: detected dubious ownership in repository at '/__w/demo/demo'");
    expect(error.hint).toContain("git config --global --add safe.directory /__w/demo/demo");
  });

  it("any other refusal is E_GIT with git's first lines", async () => {
    const error = await refused("fatal: bad config line 7 in file .git/config\n");
    expect(error.code).toBe("E_GIT");
    expect(error.message).toContain("fatal: bad config line 7 in file .git/config");
    expect(error.hint).toBeNull();
  });
});

describe("the repository-location variables", () => {
  it("are not passed to git, and the caller's environment keeps them", () => {
    const env: Record<string, string> = { PATH: "/bin" };
    for (const name of REPOSITORY_LOCATION_VARIABLES) env[name] = "/elsewhere";
    const passed = gitEnv(env);
    for (const name of REPOSITORY_LOCATION_VARIABLES) expect(passed[name]).toBeUndefined();
    expect(passed.PATH).toBe("/bin");
    expect(env.GIT_DIR).toBe("/elsewhere");
  });

  it.skipIf(process.platform === "win32")(
    "are not passed to hooks, which run in the project's working tree",
    async () => {
      const values = Object.fromEntries(HOOK_VARIABLES.map((name) => [name, "x"])) as HookValues;
      let output = "";
      await runHooks(
        "pre_commit",
        ['echo "dir=[$GIT_DIR] tree=[$GIT_WORK_TREE] env=[$RELEASIO_HOOK]"'],
        values,
        {
          cwd: tempDir(),
          env: { PATH: process.env.PATH, GIT_DIR: "/elsewhere/.git", GIT_WORK_TREE: "/elsewhere" },
          onOutput: (chunk) => {
            output += chunk;
          },
        },
      );
      expect(output).toContain("dir=[] tree=[] env=[pre_commit]");
    },
  );
});
