import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { refuseUntrustedEvent } from "../../../src/adapters/oidc/fork-events.js";
import { contextFrom } from "../../../src/commands/context.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";

afterAll(() => cleanupRepos());

function eventEnv(name: string, event: unknown): Record<string, string> {
  const path = join(tempDir(), "event.json");
  writeFileSync(path, JSON.stringify(event));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: path };
}
const pr = (head: Record<string, unknown>, base = "acme/demo") => ({
  pull_request: { head: { repo: head }, base: { repo: { full_name: base } } },
});

describe("refuseUntrustedEvent", () => {
  it.each([
    [
      "pull_request",
      pr({ fork: true, full_name: "mallory/demo" }),
      "trusted publishing is refused for pull_request from a fork",
    ],
    ["pull_request", pr({ fork: false, full_name: "mallory/demo" }), "from a fork"],
    ["pull_request", { pull_request: { head: { repo: { fork: true } } } }, "from a fork"],
    ["pull_request_target", pr({ fork: true, full_name: "mallory/demo" }), "pull_request_target from a fork"],
    ["pull_request_target", pr({ fork: false, full_name: "acme/demo" }), "pull_request_target events"],
  ])("refuses %s %#", async (name, event, message) => {
    await expect(refuseUntrustedEvent(contextFrom({ env: eventEnv(name, event) }))).rejects.toMatchObject({
      code: "E_TP_FORK",
      message: expect.stringContaining(message),
    });
  });

  it.each([
    ["push", {}],
    ["release", {}],
    ["pull_request", pr({ fork: false, full_name: "acme/demo" })],
    ["workflow_dispatch", {}],
  ])("lets %s through", async (name, event) => {
    await expect(refuseUntrustedEvent(contextFrom({ env: eventEnv(name, event) }))).resolves.toBeUndefined();
  });

  it("lets a pull request through when the event file is unreadable (nothing says it is a fork)", async () => {
    await expect(
      refuseUntrustedEvent(
        contextFrom({ env: { GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: "/nonexistent/e.json" } }),
      ),
    ).resolves.toBeUndefined();
  });
});
