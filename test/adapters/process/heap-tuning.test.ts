import { afterEach, describe, expect, it, vi } from "vitest";
import { tuneHeapFor } from "../../../src/adapters/process/heap-tuning.js";

const v8 = vi.hoisted(() => ({ flags: [] as string[] }));

vi.mock("node:v8", async (importOriginal) => ({
  ...(await importOriginal<typeof import("node:v8")>()),
  setFlagsFromString: (flags: string) => v8.flags.push(flags),
}));

afterEach(() => {
  v8.flags = [];
});

describe("tuneHeapFor", () => {
  it("keeps the young generation at its first size for the whole-history changelog", async () => {
    await tuneHeapFor("changelog");
    expect(v8.flags).toEqual(["--semi-space-growth-factor=1"]);
  });

  it.each(["check", "update", "release-pr", "release", "publish", "--version", undefined])(
    "leaves V8 as it is for %s",
    async (command) => {
      await tuneHeapFor(command);
      expect(v8.flags).toEqual([]);
    },
  );
});
