import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/cli/style.js";

describe("colorEnabled", () => {
  it.each<[Record<string, string | undefined>, boolean, boolean, boolean]>([
    [{}, true, true, true],
    [{}, false, true, false],
    [{}, true, false, false],
    [{ NO_COLOR: "" }, true, true, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, true, false],
    [{ FORCE_COLOR: "1" }, false, true, true],
    [{ FORCE_COLOR: "3" }, false, true, true],
    [{ FORCE_COLOR: "true" }, false, true, true],
    [{ FORCE_COLOR: "0" }, true, true, false],
    [{ FORCE_COLOR: "false" }, true, true, false],
    [{ FORCE_COLOR: "" }, true, true, true],
    [{ FORCE_COLOR: "1" }, true, false, false],
  ])("env %j, terminal %s, no --no-color %s → %s", (env, isTty, flag, expected) => {
    expect(colorEnabled(env, isTty, flag)).toBe(expected);
  });
});
