import { describe, expect, it } from "vitest";
import { parseRemoteUrl } from "../../../src/core/forge/remote.js";
import { redactUrlCredentials } from "../../../src/core/text/redact.js";

describe("remote URLs", () => {
  it.each([
    ["git@github.com:acme/my.lib.git", "github.com", "acme/my.lib"],
    ["ssh://git@github.com/acme/my.lib", "github.com", "acme/my.lib"],
    ["https://x-access-token:SECRET@github.com/acme/my.lib.git", "github.com", "acme/my.lib"],
    ["https://github.com/acme/demo/", "github.com", "acme/demo"],
    ["https://gitlab.example/group/sub/demo.git", "gitlab.example", "group/sub/demo"],
    ["ssh://git@ghe.example:2222/acme/demo.git", "ghe.example", "acme/demo"],
    ["git://example.org/acme/demo", "example.org", "acme/demo"],
  ])("%s → %s %s", (url, host, path) => {
    expect(parseRemoteUrl(url)).toEqual({ host, path });
  });
  it.each(["/srv/git/demo.git", "file:///srv/git/demo.git", "demo", ""])(
    "%j is not a forge remote",
    (url) => {
      expect(parseRemoteUrl(url)).toBeNull();
    },
  );
  it("never keeps credentials when printing", () => {
    expect(redactUrlCredentials("fetch https://x-access-token:SECRET@github.com/acme/demo.git failed")).toBe(
      "fetch https://github.com/acme/demo.git failed",
    );
  });
});
