import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coAuthors, loginFromEmail, splitMessage } from "../../../src/core/commits/message.js";

describe("co-author trailers", () => {
  it.each([
    "Co-authored-by: Ann Lee <ann@example.org>",
    "co-authored-by: Ann Lee <ann@example.org>",
    "CO-AUTHORED-BY: Ann Lee <ann@example.org>",
    "Co-Authored-By: Ann Lee <ann@example.org>",
    "Co-authored-bY:   Ann Lee   <ann@example.org>  ",
  ])("reads %j in any letter case", (line) => {
    expect(coAuthors(`Some body text.\n\n${line}`)).toEqual([
      { name: "Ann Lee", email: "ann@example.org", login: null },
    ]);
  });

  it("reads several, with logins from noreply addresses, and none from prose", () => {
    const body = [
      "Pairs well with the parser work.",
      "",
      "Co-authored-by: Ann <ann@example.org>",
      "Co-authored-by: Bo <123+bo-dev@users.noreply.github.com>",
    ].join("\n");
    expect(coAuthors(body)).toEqual([
      { name: "Ann", email: "ann@example.org", login: null },
      { name: "Bo", email: "123+bo-dev@users.noreply.github.com", login: "bo-dev" },
    ]);
    expect(coAuthors("Reviewed-by: Cy <cy@example.org>\nwritten by: nobody")).toEqual([]);
    expect(coAuthors("")).toEqual([]);
  });
});

describe("splitting a message", () => {
  it("trims the subject and drops blank lines between it and the body", () => {
    expect(splitMessage("  feat: x  \r\n\r\n\r\nbody line\r\n\n")).toEqual({
      subject: "feat: x",
      body: "body line",
    });
    expect(splitMessage("fix: only a subject\n")).toEqual({ subject: "fix: only a subject", body: "" });
  });

  it("skips blank lines before the subject, as git's %s does (a message committed verbatim)", () => {
    expect(splitMessage("\n \t\n\nfeat: real subject\n\nbody\n")).toEqual({
      subject: "feat: real subject",
      body: "body",
    });
    expect(splitMessage("\r\n\r\nfix: y")).toEqual({ subject: "fix: y", body: "" });
    expect(splitMessage("\n\n")).toEqual({ subject: "", body: "" });
  });

  it("keeps a body's own indentation and drops only whole blank lines before it", () => {
    // The rule, stated as a pattern: blank lines before the subject go, then the subject line; leading lines of
    // spaces and tabs go, trailing whitespace goes.
    const reference = (message: string) => {
      const text = message.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "");
      const nl = text.indexOf("\n");
      return nl < 0
        ? ""
        : text
            .slice(nl + 1)
            .replace(/^(?:[ \t]*\n)+/, "")
            .trimEnd();
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ab \t\n\r:"), maxLength: 30 }), (message) => {
        expect(splitMessage(message).body).toBe(reference(message));
      }),
      { numRuns: 3000 },
    );
    expect(splitMessage("feat: x\n \t\n\n    indented code\n").body).toBe("    indented code");
  });
});

describe("logins from e-mail addresses", () => {
  it("takes GitHub noreply addresses, bots included, and nothing else", () => {
    expect(loginFromEmail("41898282+github-actions[bot]@users.noreply.github.com")).toBe(
      "github-actions[bot]",
    );
    expect(loginFromEmail("jane@users.noreply.github.com")).toBe("jane");
    expect(loginFromEmail("jane@example.org")).toBeNull();
  });
});
