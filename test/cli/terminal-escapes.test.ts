/**
 * §11: repository content is untrusted. Its control characters (ANSI/OSC sequences, BEL, newlines in one-line
 * fields) are shown escaped in every human output, stdout and stderr; releasio's own colours and lines stay, and
 * JSON carries the exact text.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0 } from "../support/repo.js";

afterAll(cleanupRepos);

const SUBJECT = "fix: \u001b]0;PWNED\u0007t \u001b[2Jx";
const DESCRIPTION_SHOWN = "\\x1b]0;PWNED\\x07t \\x1b[2Jx";
const FILE = "a\n\u001b[31mb";
const FILE_SHOWN = "a\\n\\x1b[31mb";

function hostile() {
  const repo = f0();
  repo.commit(SUBJECT);
  return repo;
}

/** Every control character but the line structure (and, with `colors`, SGR colour sequences). */
function controls(text: string, colors = false): string[] {
  const stripped = colors ? text.replace(/\u001b\[[0-9;]*m/g, "") : text;
  return [...stripped].filter((ch) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(ch));
}

describe("control characters of the repository", () => {
  it("check shows a commit subject's escapes visibly in the table and the changelog preview", async () => {
    const repo = hostile();
    const r = await releasio(repo.dir, ["check"]);
    expect(r.code).toBe(0);
    expect(controls(r.stdout)).toEqual([]);
    expect(controls(r.stderr)).toEqual([]);
    const table = r.stdout.split("\n").filter((l) => l.includes(DESCRIPTION_SHOWN));
    expect(table.length).toBeGreaterThanOrEqual(2); // the commit table and the changelog entry
    expect(r.stdout).toContain("Next version: 1.0.1");
  });

  it("explain escapes them in every row", async () => {
    const repo = hostile();
    const r = await releasio(repo.dir, ["explain"]);
    expect(r.code).toBe(0);
    expect(controls(r.stdout)).toEqual([]);
    expect(r.stdout).toContain(DESCRIPTION_SHOWN);
  });

  it("a file name's newline and escapes show as \\n and \\x1b in W_DIRTY_TREE, on its one line", async () => {
    const repo = hostile();
    repo.write(FILE, "x");
    const r = await releasio(repo.dir, ["update"]);
    expect(r.code).toBe(0);
    expect(controls(r.stdout)).toEqual([]);
    expect(controls(r.stderr)).toEqual([]);
    const warning = r.stderr.split("\n").find((l) => l.startsWith("warning[W_DIRTY_TREE]"));
    expect(warning).toContain(FILE_SHOWN);
  });

  it("E_DIRTY_TREE names the file on its one line, escaped", async () => {
    const repo = hostile();
    repo.write(FILE, "x");
    const r = await releasio(repo.dir, ["update", "--execute"]);
    expect(r.code).toBe(1);
    expect(controls(r.stderr)).toEqual([]);
    const error = r.stderr.split("\n").find((l) => l.startsWith("error[E_DIRTY_TREE]"));
    expect(error).toContain(FILE_SHOWN);
    expect(r.stderr).toContain("\n  hint: ");
  });

  it("with colour on, releasio's colours stay and the repository's sequences are still escaped", async () => {
    const repo = hostile();
    repo.write(FILE, "x");
    const check = await releasio(repo.dir, ["check"], cleanEnv({ FORCE_COLOR: "1" }));
    expect(check.stdout).toContain("\u001b[1m"); // the project name and the table head in bold
    expect(controls(check.stdout, true)).toEqual([]);
    expect(check.stdout).toContain(DESCRIPTION_SHOWN);
    const r = await releasio(repo.dir, ["update"], cleanEnv({ FORCE_COLOR: "1" }));
    expect(r.stderr).toContain("\u001b[33mwarning[W_DIRTY_TREE]");
    expect(controls(r.stdout, true)).toEqual([]);
    expect(controls(r.stderr, true)).toEqual([]);
    expect(r.stderr).toContain(FILE_SHOWN);
    expect(check.stdout).not.toContain("\u001b[31m");
    expect(r.stderr).not.toContain("\u001b[31m");
  });

  it("JSON keeps the exact text", async () => {
    const repo = hostile();
    repo.write(FILE, "x");
    const r = await releasio(repo.dir, ["update", "--json"]);
    const commits = r.json.commits as { subject: string }[];
    expect(commits.map((k) => k.subject)).toContain(SUBJECT);
    const warnings = r.json.warnings as { code: string; message: string }[];
    expect(warnings.find((w) => w.code === "W_DIRTY_TREE")?.message).toContain(FILE);
  });

  it("check-pr shows a PR title's escapes visibly", async () => {
    const repo = f0();
    const r = await releasio(repo.dir, ["check-pr", "--title", `feat: x\u001b[2J\u0007y`]);
    expect(r.code).toBe(0);
    expect(controls(r.stdout)).toEqual([]);
    expect(r.stdout).toContain("feat: x\\x1b[2J\\x07y");
  });
});
