import { describe, expect, it } from "vitest";
import { escapeLine, escapeTerminal, escapeText } from "../../../src/core/text/control.js";

describe("escapeLine", () => {
  it("shows every C0 control, DEL and C1 control, newlines and tabs included", () => {
    expect(escapeLine("fix: \u001b]0;PWNED\u0007t \u001b[2Jx")).toBe("fix: \\x1b]0;PWNED\\x07t \\x1b[2Jx");
    expect(escapeLine("a\n\u001b[31mb")).toBe("a\\n\\x1b[31mb");
    expect(escapeLine("\t\r\u0000\u007f\u009b")).toBe("\\t\\r\\x00\\x7f\\x9b");
  });

  it("leaves text without controls as it is, Unicode included", () => {
    const text = "feat(api): naïve → café ✓ 日本";
    expect(escapeLine(text)).toBe(text);
  });
});

describe("escapeText", () => {
  it("keeps the line structure (LF, CRLF, tabs) and escapes the rest", () => {
    expect(escapeText("## 1.1.0\n\n- x\u001b[2J\ty\r\nz\rw\u0007")).toBe(
      "## 1.1.0\n\n- x\\x1b[2J\ty\r\nz\\rw\\x07",
    );
  });
});

describe("escapeTerminal", () => {
  it("keeps colour sequences only when colour is on", () => {
    const text = "\u001b[1mdemo\u001b[22m \u001b]0;t\u0007 \u001b[2J";
    expect(escapeTerminal(text, true)).toBe("\u001b[1mdemo\u001b[22m \\x1b]0;t\\x07 \\x1b[2J");
    expect(escapeTerminal(text, false)).toBe("\\x1b[1mdemo\\x1b[22m \\x1b]0;t\\x07 \\x1b[2J");
  });

  it("changes nothing in escaped text", () => {
    const escaped = escapeLine("a\n\u001b[31mb");
    expect(escapeTerminal(escaped, false)).toBe(escaped);
  });
});
