import { describe, expect, it } from "vitest";
import { ReleasioError } from "../../../src/core/errors.js";
import { compileAssetGlobs, globRegExp } from "../../../src/core/release/asset-globs.js";

describe("asset globs (§11.3)", () => {
  it("joins patterns to the project path and walks from their static base", () => {
    const [g] = compileAssetGlobs(["dist/*.whl"], "packages/core", "pyproject.toml");
    expect(g).toMatchObject({ path: "packages/core/dist/*.whl", base: "packages/core/dist" });
    expect(g!.regex.test("packages/core/dist/demo-1.0-py3-none-any.whl")).toBe(true);
    expect(g!.regex.test("packages/core/dist/sub/demo.whl")).toBe(false);
  });

  it("lets ** span directories and keeps * and ? inside one", () => {
    expect(globRegExp("dist/**/*.txt").test("dist/a/b/c.txt")).toBe(true);
    expect(globRegExp("dist/**/*.txt").test("dist/c.txt")).toBe(true);
    expect(globRegExp("dist/?.txt").test("dist/ab.txt")).toBe(false);
    expect(globRegExp("dist/[ab].txt").test("dist/b.txt")).toBe(true);
    expect(globRegExp("dist/a.b").test("dist/aXb")).toBe(false);
  });

  it.each(["../secret.txt", "dist/../../x", "/etc/passwd", "C:\\\\x", "~/x"])(
    "refuses %s with E_CONFIG_INVALID (exit 2) naming the file and key",
    (pattern) => {
      let error: unknown;
      try {
        compileAssetGlobs(["dist/*", pattern], ".", ".releasio.toml");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReleasioError);
      expect((error as ReleasioError).code).toBe("E_CONFIG_INVALID");
      expect((error as ReleasioError).exitCode).toBe(2);
      expect((error as ReleasioError).message).toContain(".releasio.toml: 'release.assets'");
    },
  );

  it("accepts .. that stays inside the repository", () => {
    expect(compileAssetGlobs(["../shared/*.txt"], "packages/core", "f")[0]!.path).toBe(
      "packages/shared/*.txt",
    );
  });
});
