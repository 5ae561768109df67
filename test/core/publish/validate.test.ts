import { describe, expect, it } from "vitest";
import { parseCoreMetadata } from "../../../src/core/publish/metadata.js";
import {
  type DistFacts,
  distInvalidError,
  type ValidationContext,
  validateDists,
} from "../../../src/core/publish/validate.js";

function facts(filename: string, metadata: string | null, extra: Partial<DistFacts> = {}): DistFacts {
  return {
    filename,
    size: 1000,
    metadata: metadata === null ? null : parseCoreMetadata(metadata),
    archiveError: null,
    missingMembers: [],
    ...extra,
  };
}
const META = (over: Record<string, string> = {}, add: string[] = []) =>
  Object.entries({ "Metadata-Version": "2.1", Name: "demo", Version: "1.1.0", Summary: "x", ...over })
    .map(([k, v]) => `${k}: ${v}`)
    .concat(add)
    .join("\n");
const ctx: ValidationContext = { project: "demo", version: "1.1.0", pypiLike: true };
const rules = (all: DistFacts[], c = ctx) =>
  validateDists(all, c).problems.map((p) => `${p.filename}: ${p.rule}`);

describe("validateDists (PRODUCT.md §7.2)", () => {
  it("accepts a consistent wheel and sdist", () => {
    const r = validateDists(
      [facts("demo-1.1.0-py3-none-any.whl", META()), facts("demo-1.1.0.tar.gz", META())],
      ctx,
    );
    expect(r.problems).toEqual([]);
    expect(r.dists).toHaveLength(2);
  });

  it("names the file and the rule for each failure", () => {
    expect(rules([facts("demo-1.2.0-py3-none-any.whl", META({ Version: "1.2.0" }))])).toEqual([
      "demo-1.2.0-py3-none-any.whl: filename version 1.2.0 does not match the release version 1.1.0",
    ]);
    expect(rules([facts("demo-1.1.0-py3-none-any.whl", META({ Version: "1.1.1" }))])).toEqual([
      "demo-1.1.0-py3-none-any.whl: metadata Version 1.1.1 does not match the filename version 1.1.0",
    ]);
    expect(rules([facts("demo-1.1.0-cp312-cp312-linux_x86_64.whl", META())])).toEqual([
      "demo-1.1.0-cp312-cp312-linux_x86_64.whl: platform tag 'linux_x86_64' is not accepted by PyPI",
    ]);
    expect(rules([facts("Demo-1.1.0-py3-none-any.whl", META())])[0]).toContain(
      "normalized project name 'demo'",
    );
    expect(rules([facts("Demo-1.1.0.tar.gz", META())])[0]).toContain(
      "sdist filename should be 'demo-1.1.0.tar.gz'",
    );
    expect(rules([facts("demo-1.1.0.tar.gz", META()), facts("demo-1.1.0.tar.gz", META())])).toContain(
      "demo-1.1.0.tar.gz: more than one sdist for the release",
    );
    expect(rules([facts("demo-1.1.0.tar.gz", META({ "Metadata-Version": "2.0" }))])[0]).toContain(
      "Metadata-Version '2.0' is not supported",
    );
    expect(
      rules([
        facts("demo-1.1.0.tar.gz", META({ "Metadata-Version": "2.1", "License-Expression": "MIT" })),
      ])[0],
    ).toContain("License-Expression introduced in metadata version 2.4, not 2.1");
    expect(
      rules([
        facts(
          "demo-1.1.0.tar.gz",
          META({ "Metadata-Version": "2.4", License: "MIT", "License-Expression": "MIT" }),
        ),
      ])[0],
    ).toContain("License and License-Expression are exclusive");
    expect(
      rules([facts("demo-1.1.0.tar.gz", META({}, ["Requires-Dist: pkg @ https://x.example/pkg.zip"]))])[0],
    ).toContain("direct URL reference");
    expect(rules([facts("demo-1.1.0.tar.gz", META({ Summary: "y".repeat(513) }))])[0]).toContain(
      "512 characters",
    );
    expect(
      rules([facts("demo-1.1.0.tar.gz", META({ "Description-Content-Type": "text/html" }))])[0],
    ).toContain("Description-Content-Type");
    expect(
      rules([facts("demo-1.1.0.tar.gz", META({ Version: "1.1.0+local" }))], { ...ctx, version: null }),
    ).toContain("demo-1.1.0.tar.gz: local version '1.1.0+local' is not allowed on an index");
    expect(
      rules([
        facts("demo-1.1.0-py3-none-any.whl", META(), { missingMembers: ["demo-1.1.0.dist-info/RECORD"] }),
      ]),
    ).toEqual(["demo-1.1.0-py3-none-any.whl: the wheel lacks demo-1.1.0.dist-info/RECORD"]);
    expect(rules([facts("other-1.1.0.tar.gz", META({ Name: "other" }))])[0]).toContain(
      "filename project 'other' is not demo",
    );
  });

  it("warns instead of failing for platform tags on other indexes, large files and License-File below 2.4", () => {
    const r = validateDists(
      [
        facts("demo-1.1.0-cp312-cp312-linux_x86_64.whl", META({}, ["License-File: LICENSE"]), {
          size: 200 * 1024 * 1024,
        }),
      ],
      { ...ctx, pypiLike: false },
    );
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(["W_DIST_PLATFORM_TAG", "W_DIST_LARGE", "W_DIST_METADATA"]);
    expect(rules([facts("demo-1.1.0.tar.gz", META(), { size: 2 * 1024 ** 3 })])[0]).toContain(
      "exceeds PyPI's 1 GiB cap",
    );
  });

  it("takes project and version from the first dist when publishing standalone", () => {
    const r = validateDists(
      [facts("demo-1.1.0-py3-none-any.whl", META()), facts("demo-1.0.0.tar.gz", META({ Version: "1.0.0" }))],
      { project: null, version: null, pypiLike: true },
    );
    expect(r.problems.map((p) => p.rule)).toEqual([
      "filename version 1.0.0 does not match the release version 1.1.0",
    ]);
  });

  it("E_DIST_INVALID carries the first problem, its fix, and all problems in details", () => {
    const e = distInvalidError([
      { filename: "a.whl", rule: "r1", fix: "f1" },
      { filename: "b.whl", rule: "r2", fix: "f2" },
    ]);
    expect([e.code, e.exitCode, e.message, e.hint]).toEqual([
      "E_DIST_INVALID",
      1,
      "a.whl: r1 (and 1 more problem)",
      "f1",
    ]);
    expect(e.details).toMatchObject({ problems: [{ filename: "a.whl" }, { filename: "b.whl" }] });
  });
});
