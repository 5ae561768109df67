/**
 * §3.2/§3.6: an option that takes a value never takes the next option for it (`changelog -o --json` would write a
 * file named `--json`): such a value is a usage error naming the option, for every option of every command.
 */
import { readdirSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { repeatedOption } from "../../src/cli/main.js";
import { releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

const COMMANDS = [
  ["check"],
  ["explain"],
  ["update"],
  ["changelog"],
  ["config", "show"],
  ["release-pr"],
  ["check-pr"],
  ["doctor"],
  ["release"],
  ["do-release"],
  ["init"],
  ["publish"],
];

/** The options with a value that `releasio <command> --help` lists, plus the hidden aliases. */
async function valueOptions(cwd: string, command: string[]): Promise<string[]> {
  const help = await releasio(cwd, [...command, "--help"]);
  const listed = [...help.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+) <[^>]+>/gm)].map((m) => m[1]!);
  if (listed.includes("--version")) listed.push("--release-as");
  if (listed.includes("--prerelease")) listed.push("--pre");
  return listed;
}

describe("an option value that is an option", () => {
  it("changelog -o --json is refused: exit 2, one JSON object, no file written", async () => {
    const repo = f0();
    repo.commit("feat: a feature");
    const before = readdirSync(repo.dir).sort();
    const r = await releasio(repo.dir, ["changelog", "-o", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(r.json.error).toMatchObject({
      code: "E_USAGE",
      message: "option '-o, --output <file>' needs a value; got the option '--json'",
    });
    expect(readdirSync(repo.dir).sort()).toEqual(before);
  });

  it("is refused in human output too, and --output=--verbose as well", async () => {
    const repo = f0();
    const before = readdirSync(repo.dir).sort();
    const r = await releasio(repo.dir, ["changelog", "--output=--verbose"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      "error[E_USAGE]: option '-o, --output <file>' needs a value; got the option '--verbose'",
    );
    expect(readdirSync(repo.dir).sort()).toEqual(before);
  });

  it("-o - still means stdout", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["changelog", "-o", "-"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## [1.0.0]");
  });

  it("a global --config before the command takes no option either", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["--config", "--json", "check"]);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: "E_USAGE" });
    expect((r.json.error as { message: string }).message).toContain("'--config <file>' needs a value");
  });

  it("every option with a value of every command refuses --json for its value", async () => {
    const repo = f0();
    let checked = 0;
    for (const command of COMMANDS) {
      const options = await valueOptions(repo.dir, command);
      expect(options.length, command.join(" ")).toBeGreaterThan(0);
      for (const option of options) {
        const r = await releasio(repo.dir, [...command, option, "--json"]);
        const what = `${command.join(" ")} ${option} --json`;
        expect(r.code, what).toBe(2);
        expect(r.stdout.trimEnd().split("\n"), what).toHaveLength(1);
        expect(r.json.error, what).toMatchObject({ code: "E_USAGE" });
        expect((r.json.error as { message: string }).message, what).toMatch(
          new RegExp(`^option '.*${option} <\\w+>' needs a value; got the option '--json'$`),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(repo.status()).toBe("");
  });

  it("check-pr --title takes a title that starts with '-' but not one of its options", async () => {
    const repo = f0();
    const title = await releasio(repo.dir, ["check-pr", "--title", "-- wip", "--json"]);
    expect(title.code).toBe(1);
    expect(title.json.error).toMatchObject({ code: "E_PR_TITLE_INVALID" });
    const option = await releasio(repo.dir, ["check-pr", "--title", "--comment"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("needs a value; got the option '--comment'");
  });

  it("a value given with '=' to an option that is not a path is the option's, and is validated as such", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["check", "--version=-1.0", "--json"]);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: "E_VERSION_INVALID" });
    expect((r.json.error as { message: string }).message).toMatch(
      /^'-1\.0' is not a valid version \(--version\)/,
    );
    const spaced = await releasio(repo.dir, ["check", "--version", "-1.0", "--json"]);
    expect(spaced.json.error).toMatchObject({
      code: "E_USAGE",
      hint: "write --version=-1.0 for a value that starts with '-'; run 'releasio check --help'",
    });
    const path = await releasio(repo.dir, ["changelog", "-o", "-x", "--json"]);
    expect((path.json.error as { hint: string }).hint).toBe(
      "write ./-x for a path that starts with '-'; run 'releasio changelog --help'",
    );
  });
});

describe("an option and its alias", () => {
  it.each([
    [["--pre", "rc", "--prerelease", "beta"], "--prerelease beta and its alias --pre rc disagree"],
    [
      ["--version", "3.0.0", "--release-as", "2.0.0"],
      "--version 3.0.0 and its alias --release-as 2.0.0 disagree",
    ],
  ])("that disagree are refused: %j", async (flags, message) => {
    const repo = f0();
    repo.commit("feat: a feature");
    for (const command of ["check", "update"]) {
      const r = await releasio(repo.dir, [command, ...flags, "--json"]);
      expect(r.code).toBe(2);
      expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
      expect(r.json.error).toMatchObject({ code: "E_USAGE", message });
    }
    expect(repo.status()).toBe("");
  });

  it("that agree are one value", async () => {
    const repo = f0();
    repo.commit("feat: a feature");
    for (const spelling of ["beta", "b", "BETA"]) {
      const same = await releasio(repo.dir, ["check", "--pre", "beta", "--prerelease", spelling, "--json"]);
      expect(same.code, spelling).toBe(0);
      expect(same.json.next_version).toBe("1.1.0b1");
    }
  });
});

describe("an option given twice", () => {
  it.each([
    [
      ["check", "--version", "2.0.0", "--version", "3.0.0"],
      "--version is given twice, as 2.0.0 and as 3.0.0",
    ],
    [["update", "--prerelease=rc", "--prerelease", "beta"], "--prerelease is given twice, as rc and as beta"],
    [["changelog", "-o", "a.md", "--output=b.md"], "--output is given twice, as a.md and as b.md"],
    [
      ["config", "show", "--config", "a.toml", "--config", "b.toml"],
      "--config is given twice, as a.toml and as b.toml",
    ],
  ])("with two values is refused: %j", async (args, message) => {
    const repo = f0();
    repo.commit("feat: a feature");
    const r = await releasio(repo.dir, [...args, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(r.json.error).toMatchObject({ code: "E_USAGE", message });
    expect(repo.status()).toBe("");
  });

  it("with the same value twice is that value", async () => {
    const repo = f0();
    repo.commit("feat: a feature");
    const r = await releasio(repo.dir, ["check", "--version", "2.0.0", "--version=2.0.0", "--json"]);
    expect(r.code).toBe(0);
    expect(r.json.next_version).toBe("2.0.0");
  });

  it("--package may be repeated with different values", () => {
    expect(
      repeatedOption(
        [{ long: "--package", short: undefined, required: true, optional: false }],
        ["--package", "a", "--package", "b"],
      ),
    ).toBeNull();
  });

  it("a value after -- is an operand, not an option", () => {
    const version = { long: "--version", short: undefined, required: true, optional: false };
    expect(repeatedOption([version], ["--version", "1.0.0", "--", "--version", "2.0.0"])).toBeNull();
    expect(repeatedOption([version], ["--version", "1.0.0", "--version", "2.0.0"])).toEqual({
      option: "--version",
      values: ["1.0.0", "2.0.0"],
    });
  });
});
