import { describe, expect, it } from "vitest";
import { configTomlHint } from "../../../src/core/config/toml-hint.js";

const QUOTES = (key: string, word: string) => `strings take double quotes: ${key} = "${word}"`;

describe("the fix for a bare word in a configuration file", () => {
  it.each([
    ["[version]\nmajor_on_zero = tru\n", 2, "write major_on_zero = true"],
    ["[version]\nmajor_on_zero = fasle\n", 2, "write major_on_zero = false"],
    ["[version]\nmajor_on_zero = off\n", 2, "write major_on_zero = false"],
    ["version.major_on_zero = yes\n", 1, "write version.major_on_zero = true"],
    ["allow_dirty = Flase # no\n", 1, "write allow_dirty = false"],
    ["[publish]\ntrusted_publishing = ture\n", 2, "write trusted_publishing = true"],
  ])("%j: a boolean key", (text, line, fix) => {
    const word = /= (\w+)/.exec(text)![1]!;
    const key = /(\S+) =/.exec(text.split("\n")[line - 1]!)![1]!;
    expect(configTomlHint(text, line, QUOTES(key, word))).toBe(
      `booleans are true or false, without quotes: ${fix}`,
    );
  });

  it("pyproject.toml keys are read under [tool.releasio]", () => {
    const text = '[project]\nname = "demo"\n[tool.releasio.version]\nmajor_on_zero = tru\n';
    expect(configTomlHint(text, 4, QUOTES("major_on_zero", "tru"), ["tool", "releasio"])).toBe(
      "booleans are true or false, without quotes: write major_on_zero = true",
    );
  });

  it("an unknown key whose word is close to true or false", () => {
    expect(configTomlHint("[version]\nmajor_on_zer = treu\n", 2, QUOTES("major_on_zer", "treu"))).toBe(
      "booleans are true or false, without quotes: write major_on_zer = true",
    );
  });

  it.each([
    ["[version]\ntag_prefix = tru\n", 2, "tag_prefix", "tru"],
    ["[publish]\ntrusted_publishing = auto2\n", 2, "trusted_publishing", "auto2"],
    ["default_branch = trunk\n", 1, "default_branch", "trunk"],
    ["[version]\nmajor_on_zer = maybe\n", 2, "major_on_zer", "maybe"],
  ])("%j keeps the quotes hint", (text, line, key, word) => {
    expect(configTomlHint(text, line, QUOTES(key, word))).toBe(QUOTES(key, word));
  });
});
