import { describe, expect, it } from "vitest";
import { networkError, networkReason, unreachable } from "../../../src/adapters/http/network-error.js";

const refused = () => {
  const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
  return new TypeError("fetch failed", { cause });
};

describe("the one E_NETWORK shape", () => {
  it("names the system error code under fetch's generic message", () => {
    expect(networkReason(refused())).toBe("fetch failed: ECONNREFUSED");
    expect(networkReason(new Error("socket hang up", { cause: new Error("reset by peer") }))).toBe(
      "socket hang up: reset by peer",
    );
    expect(networkReason(new Error("timeout ETIMEDOUT", { cause: { code: "ETIMEDOUT" } }))).toBe(
      "timeout ETIMEDOUT",
    );
    expect(networkReason(new Error("aborted"))).toBe("aborted");
    expect(networkReason("plain")).toBe("plain");
    expect(networkReason(undefined)).toBe("network error");
  });

  it("says which host could not be reached", () => {
    expect(unreachable("https://upload.pypi.org/legacy/", refused())).toBe(
      "cannot reach upload.pypi.org: fetch failed: ECONNREFUSED",
    );
  });

  it("is an E_NETWORK error with the URL (without its query) in details, the hint and extra details", () => {
    const cause = refused();
    const error = networkError("https://api.github.com/repos/a/b?page=2", cause, {
      hint: "re-run",
      details: { attempts: 3 },
    });
    expect(error.code).toBe("E_NETWORK");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe("cannot reach api.github.com: fetch failed: ECONNREFUSED");
    expect(error.hint).toBe("re-run");
    expect(error.details).toEqual({ url: "https://api.github.com/repos/a/b", attempts: 3 });
    expect(error.cause).toBe(cause);
  });
});
