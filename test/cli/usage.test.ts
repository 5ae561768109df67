/** §3.2, §3.7: usage errors name what is wrong — the unknown option or command itself — and exit 2. */
import { afterAll, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

describe("an unknown option before the command", () => {
  it.each([
    [["--json", "--bogus", "check"], "unknown option '--bogus' for 'check'"],
    [["--offline", "--bogus", "check", "--json"], "unknown option '--bogus' for 'check'"],
    [["-q", "--bogus", "check", "--json"], "unknown option '--bogus' for 'check'"],
  ])("%j is reported by its own name, not the global option before it", async (args, message) => {
    const repo = f0();
    const r = await releasio(repo.dir, args);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: "E_USAGE", message });
  });

  it("a misspelt global option before the command gets the command's suggestion", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["--jsno", "check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error[E_USAGE]: unknown option '--jsno' for 'check'\n  hint: did you mean '--json'? run 'releasio check --help'\n",
    );
  });

  it("-V and --help before a command still answer for the program", async () => {
    const repo = f0();
    const version = await releasio(repo.dir, ["-V", "check"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^releasio \d+\.\d+\.\d+/);
    const help = await releasio(repo.dir, ["--help", "check"]);
    expect(help.code).toBe(0);
    expect(help.stdout + help.stderr).toMatch(/Usage: releasio \[options\] \[command\]/);
  });
});

describe("an unknown option and no command", () => {
  it.each([
    [["--json", "--bogus"], "unknown option '--bogus'", "run 'releasio --help'"],
    [["--offline", "--bogus", "--json"], "unknown option '--bogus'", "run 'releasio --help'"],
    [["-q", "--bogus", "--json"], "unknown option '--bogus'", "run 'releasio --help'"],
    [["--jsno", "--json"], "unknown option '--jsno'", "did you mean '--json'? run 'releasio --help'"],
    [["--verbos", "--json"], "unknown option '--verbos'", "did you mean '--verbose'? run 'releasio --help'"],
  ])("%j names the unknown option, not a global one, exit 2", async (args, message, hint) => {
    const repo = f0();
    const r = await releasio(repo.dir, args);
    expect(r.code).toBe(2);
    expect(r.json.error).toMatchObject({ code: "E_USAGE", message, hint });
  });
});

describe("releasio help <command>", () => {
  it("shows the command's help", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["help", "check"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: releasio check \[options\] \[path\]/);
  });

  it("with a command that does not exist is a usage error with a suggestion, exit 2", async () => {
    const repo = f0();
    const bogus = await releasio(repo.dir, ["help", "bogus"]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toBe("error[E_USAGE]: unknown command 'bogus'\n  hint: run 'releasio --help'\n");
    const typo = await releasio(repo.dir, ["help", "chek", "--json"]);
    expect(typo.code).toBe(2);
    expect(typo.json.error).toMatchObject({
      code: "E_USAGE",
      message: "unknown command 'chek'",
      hint: "did you mean 'check'? run 'releasio --help'",
    });
  });

  it("alone shows the general help", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["help"]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/Usage: releasio \[options\] \[command\]/);
  });
});
