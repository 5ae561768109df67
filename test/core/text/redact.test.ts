import { describe, expect, it } from "vitest";
import { redactSecrets, redactUrlCredentials } from "../../../src/core/text/redact.js";

describe("redactUrlCredentials", () => {
  it.each([
    ["https://__token__:pypi-abc@upload.pypi.org/legacy/", "https://upload.pypi.org/legacy/"],
    ["git+ssh://git@github.com/acme/demo.git", "git+ssh://github.com/acme/demo.git"],
    ["see https://u:p@a.org/x and http://t@b.org", "see https://a.org/x and http://b.org"],
    ["no url here: user@example.org", "no url here: user@example.org"],
    ["https://host/path@not-credentials", "https://host/path@not-credentials"],
  ])("%s → %s", (text, expected) => {
    expect(redactUrlCredentials(text)).toBe(expected);
  });

  it("stays linear on long text with many word boundaries", () => {
    // Quadratic matching would take seconds here; the assertion is on the result, the suite's timeout on the time.
    const text = `${"a.".repeat(50_000)}https://u:secret@x.org/`;
    expect(redactUrlCredentials(text).endsWith("https://x.org/")).toBe(true);
  });
});

describe("redactSecrets", () => {
  it("replaces every occurrence of each secret of four characters or more", () => {
    expect(redactSecrets("tok abcd and abcd, xyz", ["abcd", "xyz"])).toBe("tok *** and ***, xyz");
  });
});
