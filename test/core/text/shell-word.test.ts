import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quotePosix, shellWord } from "../../../src/core/text/shell-word.js";

/** What `sh` passes as the first argument for `word`. */
const asShellReadsIt = (word: string) =>
  execFileSync("sh", ["-c", `printf '%s' ${word}`], { encoding: "utf8", env: { PATH: process.env.PATH } });

describe("shell words", () => {
  it.each([
    ["pyproject.toml", "pyproject.toml"],
    ["src/demo/__init__.py", "src/demo/__init__.py"],
    ["chore(release): prepare demo v1.0.1", '"chore(release): prepare demo v1.0.1"'],
    ["my file.py", '"my file.py"'],
    ["demo$(touch pwned)", "'demo$(touch pwned)'"],
    ["my $HOME v.py", "'my $HOME v.py'"],
    ["it's `here`", "'it'\\''s `here`'"],
    ["wow!", "'wow!'"],
    ["", '""'],
  ])("%s is written %s", (value, word) => {
    expect(shellWord(value)).toBe(word);
  });

  it("the shell reads every word back as the value, whatever it holds", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", minLength: 1 }).filter((s) => !s.includes("\0")),
        (value) => {
          expect(asShellReadsIt(shellWord(value))).toBe(value);
          expect(asShellReadsIt(quotePosix(value))).toBe(value);
        },
      ),
      { numRuns: 60 },
    );
  });
});
