/**
 * Planning a repository. It reads the range while git still lists the tags: the walk down from HEAD starts as soon
 * as the configuration is known, unless the tags are listed by then, and it then starts knowing where the range
 * ends. Either order must give the same plan. The tag listing and the configuration are held back in turn to force
 * each order; everything else is real git.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { planRelease } from "../../src/commands/plan-release.js";
import { rejected } from "../support/caught.js";
import { cleanupRepos, f0, PYPROJECT, TestRepo } from "../support/repo.js";

const order = vi.hoisted(() => ({
  /** Set by a test: the tag listing resolves only once this does. */
  tagsAfter: null as Promise<void> | null,
  /** Set by a test: the configuration is read only once this does. */
  configAfter: null as Promise<void> | null,
  /** Resolved each time a tag listing is done. */
  onTagsListed: [] as (() => void)[],
}));

vi.mock("../../src/adapters/git/tags.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/adapters/git/tags.js")>();
  return {
    ...real,
    listTags: async (...args: Parameters<typeof real.listTags>) => {
      const tags = await real.listTags(...args);
      await order.tagsAfter;
      for (const done of order.onTagsListed.splice(0)) done();
      return tags;
    },
  };
});

vi.mock("../../src/adapters/fs/config-files.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/adapters/fs/config-files.js")>();
  return {
    ...real,
    loadConfig: async (...args: Parameters<typeof real.loadConfig>) => {
      await order.configAfter;
      return real.loadConfig(...args);
    },
  };
});

afterAll(cleanupRepos);
afterEach(() => {
  order.tagsAfter = null;
  order.configAfter = null;
  order.onTagsListed = [];
});

type Order = "tags first" | "configuration first";

/** Plans `repo` with the tags listed before the configuration is read, or after the walk from HEAD started. */
async function plan(repo: TestRepo, which: Order) {
  const gitCommands: string[] = [];
  let walkStarted: () => void = () => {};
  if (which === "tags first") {
    order.configAfter = new Promise((resolve) => order.onTagsListed.push(resolve));
  } else {
    order.tagsAfter = new Promise((resolve) => {
      walkStarted = resolve;
    });
  }
  const result = await planRelease({
    cwd: repo.dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, RELEASIO_OFFLINE: "1" },
    now: () => new Date("2026-01-02T00:00:00Z"),
    verbose: true,
    logger: {
      info() {},
      warn() {},
      debug(line) {
        gitCommands.push(line);
        if (line.startsWith("git log")) walkStarted();
      },
    },
  });
  const logs = gitCommands.filter((l) => l.startsWith("git log -z"));
  const plan = result.packages[0]!.plan;
  return {
    plan: { previous: plan.previous_tag, next: plan.next_version, changelog: plan.changelog },
    commits: result.commits.map((c) => `${c.subject} ${c.included}`),
    logs,
  };
}

/** The revisions a `git log -z --format=… REVS --` line names. */
const revisions = (line: string) => line.split(" ").slice(4, -1);

describe("planRelease: the walk from HEAD and the tag listing, in either order", () => {
  it("starts the walk knowing the previous release when the tags are listed first", async () => {
    const repo = f0();
    const base = repo.head();
    repo.commits("fix: one", "feat: two", "docs: three");
    const head = repo.head();
    const { plan: p, logs } = await plan(repo, "tags first");
    expect(logs.map(revisions)).toEqual([[head, base]]);
    expect(p.previous).toBe("v1.0.0");
    expect(p.next).toBe("1.1.0");
  });

  it("starts the walk from HEAD alone when the tags come later, and goes on from where it is", async () => {
    const repo = f0();
    repo.commits("fix: one", "feat: two", "docs: three");
    const late = await plan(repo, "configuration first");
    expect(revisions(late.logs[0]!)).toEqual([repo.head()]);
    expect(late).toMatchObject({ plan: (await plan(repo, "tags first")).plan });
  });

  it.each<Order>(["tags first", "configuration first"])(
    "gives the same plan in either order (%s), with the highest tag on an unmerged branch",
    async (which) => {
      const repo = f0();
      repo.commits("fix: one");
      repo.checkout("maintenance", true).commits("feat: elsewhere").tag("v2.0.0").checkout("main");
      repo.commits("feat: two", "fix: three");
      const got = await plan(repo, which);
      expect(got.plan.previous).toBe("v1.0.0");
      expect(got.plan.next).toBe("1.1.0");
      expect(got.commits).toEqual(["fix: three true", "feat: two true", "fix: one true"]);
      expect(got.plan.changelog).not.toContain("elsewhere");
    },
  );

  it.each<Order>(["tags first", "configuration first"])(
    "gives the same plan in either order (%s), with the previous release below a merge",
    async (which) => {
      const repo = f0();
      repo.checkout("topic", true).commits("feat: on a branch");
      repo.checkout("main").commits("fix: on main").merge("topic");
      repo.commits("docs: after the merge");
      const got = await plan(repo, which);
      expect(got.plan.previous).toBe("v1.0.0");
      expect(got.plan.next).toBe("1.1.0");
      expect(got.commits.sort()).toEqual([
        "Merge branch 'topic' false",
        "docs: after the merge true",
        "feat: on a branch true",
        "fix: on main true",
      ]);
    },
  );
});

describe("planRelease: a uv workspace, whose packages are not released yet", () => {
  const WORKSPACE = PYPROJECT("1.0.0", "demo", '\n[tool.uv.workspace]\nmembers = ["packages/*"]\n');

  async function planWorkspace(files: Record<string, string>) {
    const repo = TestRepo.create();
    repo.commit("chore: initial import", { files: { "pyproject.toml": WORKSPACE, ...files } });
    repo.tag("v1.0.0");
    repo.commit("feat: add export", {
      files: { "packages/core/pyproject.toml": PYPROJECT("0.1.0", "core") },
    });
    const result = await planRelease({
      cwd: repo.dir,
      env: { PATH: process.env.PATH, RELEASIO_OFFLINE: "1" },
    });
    return { next: result.packages[0]!.plan.next_version, warnings: result.warnings.items };
  }

  it("plans the root project and says that the members are not released", async () => {
    const { next, warnings } = await planWorkspace({});
    expect(next).toBe("1.1.0");
    expect(warnings).toContainEqual({
      code: "W_WORKSPACE_UNSUPPORTED",
      message:
        "pyproject.toml declares a uv workspace (members: packages/*), whose packages releasio does not release " +
        "yet: only the project in the repository root is planned. Set packages.discover_uv_workspace = false to plan it alone " +
        "without this warning",
    });
  });

  it("plans the root project alone, without the warning, when workspace discovery is off", async () => {
    const { next, warnings } = await planWorkspace({
      ".releasio.toml": "[packages]\ndiscover_uv_workspace = false\n",
    });
    expect(next).toBe("1.1.0");
    expect(warnings.map((w) => w.code)).not.toContain("W_WORKSPACE_UNSUPPORTED");
  });
});

describe("planRelease: the version options of the API", () => {
  it.each([
    [{ version: "" }, "E_VERSION_INVALID"],
    [{ prerelease: "" }, "E_PRERELEASE_TOKEN"],
  ])("an empty %o is refused like the empty flag, not ignored", async (options, code) => {
    const repo = f0();
    repo.commit("feat: add export");
    const error = await rejected(
      planRelease({ cwd: repo.dir, env: { PATH: process.env.PATH, RELEASIO_OFFLINE: "1" }, ...options }),
    );
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(2);
  });
});
