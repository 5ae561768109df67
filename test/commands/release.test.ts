import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planRelease } from "../../src/commands/plan-release.js";
import { prepareRelease } from "../../src/commands/release.js";
import { cleanupRepos, PYPROJECT, TestRepo } from "../support/repo.js";

afterAll(cleanupRepos);

describe("prepareRelease", () => {
  it("runs the release hooks in the project path, below the repository root", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commit("chore: initial import", {
      files: {
        "pkg/pyproject.toml": `${PYPROJECT("1.0.0")}\n[tool.releasio.hooks]\npre_release = ["true"]\n`,
      },
    });
    repo.tag("v1.0.0");
    repo.commit("feat: add export");
    const env = { PATH: process.env.PATH, RELEASIO_OFFLINE: "1" };
    const state = await planRelease({ cwd: join(repo.dir, "pkg"), env });
    const pkg = state.packages[0]!.plan;
    const prepared = await prepareRelease(
      state,
      null,
      { version: "1.1.0", tag: "v1.1.0", scope: { plan: pkg, commits: state.commits } },
      { cwd: join(repo.dir, "pkg"), env, skipPublish: true },
    );
    const root = repo.git("rev-parse", "--show-toplevel").trim();
    expect(prepared.run.hooks.options.cwd).toBe(join(root, "pkg"));
    expect(prepared.run.hooks.values.project_path).toBe("pkg");
  });
});
