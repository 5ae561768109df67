import { describe, expect, it } from "vitest";
import { parseVersion } from "../../../src/core/version/pep440.js";
import { resolveReachability } from "../../../src/core/version/reachability-search.js";
import type { ReleaseTag } from "../../../src/core/version/release-tags.js";

const tag = (v: string): ReleaseTag => ({
  name: `v${v}`,
  commit: v,
  reachable: false,
  date: "",
  version: parseVersion(v),
});

describe("asking reachability only where it matters", () => {
  const reachable = new Set(["v1.2.0", "v1.1.0", "v1.0.0", "v1.3.0b1"]);
  const tags = () => ["3.0.0", "2.0.0", "1.3.0b1", "1.2.0", "1.1.0", "1.0.0"].map(tag);

  it("stops at the highest reachable final on a stable run", async () => {
    const asked: string[][] = [];
    const list = tags();
    await resolveReachability(
      list,
      false,
      async (names) => {
        asked.push([...names]);
        return new Set(names.filter((n) => reachable.has(n)));
      },
      2,
    );
    expect(asked).toEqual([
      ["v3.0.0", "v2.0.0"],
      ["v1.3.0b1", "v1.2.0", "v1.1.0", "v1.0.0"],
    ]);
    expect(list.filter((t) => t.reachable).map((t) => t.name)).toEqual([
      "v1.3.0b1",
      "v1.2.0",
      "v1.1.0",
      "v1.0.0",
    ]);
  });

  it("goes on to the highest reachable final on a pre-release run", async () => {
    const list = [tag("2.0.0"), tag("1.3.0b1"), tag("1.3.0a1"), tag("1.2.0")];
    let calls = 0;
    await resolveReachability(
      list,
      true,
      async (names) => {
        calls++;
        return new Set(names.filter((n) => n !== "v2.0.0"));
      },
      1,
    );
    expect(calls).toBe(2);
    expect(list.map((t) => t.reachable)).toEqual([false, true, true, true]);
  });

  it("asks about every tag when none is reachable", async () => {
    const list = tags();
    const n = await resolveReachability(list, false, async () => new Set(), 4);
    expect(n).toBe(6);
  });
});
