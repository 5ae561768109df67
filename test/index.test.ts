/** The programmatic API: one entry point with the command functions and the pure helpers. */
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../src/index.js";
import { cleanupRepos, f0 } from "./support/repo.js";

afterAll(cleanupRepos);

describe("the releasio entry point", () => {
  it("exports a function per command and the planner", () => {
    const exported = new Map(Object.entries(api));
    for (const name of [
      "check",
      "update",
      "changelog",
      "releasePr",
      "release",
      "doRelease",
      "checkPr",
      "init",
      "publish",
      "doctor",
      "planRelease",
      "buildPackagePlan",
      "parseCommit",
      "renderEntry",
    ] as const) {
      expect(typeof exported.get(name), name).toBe("function");
    }
  });

  it("Version parses, orders, bumps and formats PEP 440 versions", () => {
    const beta = api.Version.parse("1.3.0-beta.1");
    expect(api.Version.format(beta)).toBe("1.3.0b1");
    expect(api.Version.isPrerelease(beta)).toBe(true);
    const final = api.Version.parse("1.3.0");
    expect(api.Version.compare(beta, final)).toBeLessThan(0);
    expect(api.Version.format(api.Version.bump(final, "minor"))).toBe("1.4.0");
    // A plan's bump can be "none": a JavaScript caller passing it on gets an error, not a made-up version.
    expect(() => api.Version.bump(final, "none" as "minor")).toThrow("cannot bump a version by 'none'");
    expect(api.Version.normalize("v2.0.0RC2")).toBe("2.0.0rc2");
    expect(api.Version.tryParse("not a version")).toBeNull();
    expect(api.Version.equal(api.Version.parse("1.0"), api.Version.parse("1.0.0"))).toBe(true);
    expect(() => api.Version.parse("1.2.x", "--version")).toThrow(api.ReleasioError);
  });

  it("parseCommit reads a conventional header", () => {
    const parsed = api.parseCommit("feat(api)!: drop Python 3.8\n\nBREAKING CHANGE: 3.9 is the minimum");
    expect(parsed).toMatchObject({
      type: "feat",
      scope: "api",
      breaking: true,
      description: "drop Python 3.8",
    });
  });

  it("planRelease and check read a repository without printing or exiting", async () => {
    const repo = f0({ origin: false });
    repo.commits("feat: add greeting");
    const plan = await api.planRelease({ cwd: repo.dir, offline: true });
    expect(plan.packages[0]?.plan.next_version).toBe("1.1.0");
    const payload = await api.check({ cwd: repo.dir, offline: true });
    expect(payload.next_version).toBe("1.1.0");
    expect(payload.commits.map((c) => c.description)).toEqual(["add greeting"]);
  });
});

describe("init() takes the CLI flags as options", () => {
  it("init({ cwd, yes: true, branch: 'develop' }) writes default_branch = develop (a dry run)", async () => {
    const repo = f0({ origin: false });
    const p = await api.init({ cwd: repo.dir, env: { RELEASIO_OFFLINE: "1" }, yes: true, branch: "develop" });
    expect(p.dry_run).toBe(true);
    expect(p.files[0]?.content).toContain('default_branch = "develop"');
    const options: api.InitOptions = {
      tagPrefix: "",
      testpypiSnapshots: "next",
      workflow: false,
      force: true,
    };
    expect(options.tagPrefix).toBe("");
  });
});

describe("read-only commands asked to execute", () => {
  it.each([
    ["check", (o: object) => api.check(o)],
    ["doctor", (o: object) => api.doctor(o)],
    ["check-pr", (o: object) => api.checkPr({ ...o, title: "feat: x" })],
  ] as const)("%s({ execute: true }) is refused with E_USAGE, as the CLI refuses -x", async (name, run) => {
    const repo = f0();
    const error = await run({
      cwd: repo.dir,
      env: { PATH: process.env.PATH, RELEASIO_OFFLINE: "1" },
      execute: true,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(api.ReleasioError);
    expect(error).toMatchObject({
      code: "E_USAGE",
      exitCode: 2,
      message: `'${name}' is read-only and does not accept --execute`,
    });
  });
});
