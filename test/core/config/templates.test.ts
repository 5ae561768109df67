/**
 * Template keys (PRODUCT.md §5.2): `{name}` placeholders with the names of §5.5, `{{` and `}}` for literal braces;
 * every other brace is E_CONFIG_INVALID naming the file, the key and the value, with a fix.
 */
import { describe, expect, it } from "vitest";
import { TEMPLATE_PLACEHOLDERS } from "../../../src/core/config/rules.js";
import { type ConfigProblem, validateConfig } from "../../../src/core/config/validate.js";
import type { ReleasioError } from "../../../src/core/errors.js";
import { renderTemplate } from "../../../src/core/text/template.js";
import { FILE, failure } from "./rejected.js";

/** The configuration document setting a dotted key. */
function doc(key: string, value: unknown): Record<string, unknown> {
  const [table, name] = key.split(".") as [string, string];
  return { [table]: { [name]: value } };
}

/** The hint's example, e.g. `"Release {tag}"`, as the value it is. */
function exampleOf(hint: string | null): string | null {
  const m = /, e\.g\. ("(?:[^"\\]|\\.)*")$/.exec(hint ?? "");
  return m ? (JSON.parse(m[1]!) as string) : null;
}

describe("a template with a brace that forms no placeholder is E_CONFIG_INVALID", () => {
  it.each([
    ["changelog.commit_template", "{description!r}", "malformed placeholder", "{description}"],
    ["changelog.commit_template", "{ description }", "malformed placeholder", "{description}"],
    ["changelog.commit_template", "{description:>20}", "malformed placeholder", "{description}"],
    ["changelog.commit_template", "{description", "unclosed '{' at position 0", "{description}"],
    ["changelog.commit_template", "x {} y", "empty placeholder {} at position 2", "x {{}} y"],
    ["git.tag_message", "Release {tag", "unclosed '{' at position 8", "Release {tag}"],
    ["git.tag_message", "Release {tag}}", "'}' at position 13 that closes no placeholder", "Release {tag}}}"],
    ["git.tag_message", "Release {}", "empty placeholder {} at position 8", "Release {{}}"],
    ["git.tag_message", "{0} of {tag}", "malformed placeholder", "{{0}} of {tag}"],
    ["release.name_format", "{project} {tag", "unclosed '{' at position 10", "{project} {tag}"],
    ["release_pr.title", "chore(release): {project {tag}", "unclosed", "chore(release): {project} {tag}"],
    [
      "release_pr.commit_message",
      "chore(release): {tag} }",
      "closes no placeholder",
      "chore(release): {tag} }}",
    ],
    ["packages.tag_format", "{package}-v{version", "unclosed", "{package}-v{version}"],
    ["packages.tag_format", "{package}-{{v}-{version}", "closes no placeholder", "{package}-{{v}}-{version}"],
  ])("%s = %j: %s", (key, value, fragment, fixed) => {
    const error = failure(doc(key, value));
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(`${FILE}: '${key}' has `)).toBe(true);
    expect(error.message).toContain(fragment);
    expect(error.message.endsWith(`; got ${JSON.stringify(value)}`)).toBe(true);
    // The hint's example is a working template of the key.
    const example = exampleOf(error.hint);
    expect(example).toBe(fixed);
    expect(() => validateConfig(doc(key, example), FILE)).not.toThrow();
  });

  it("counts the other brace problems of the value", () => {
    const error = failure(doc("git.tag_message", "a {b!r} {c d} }"));
    expect(error.message).toContain("(and 2 more brace problems)");
    expect(exampleOf(error.hint)).toBe("a {{b!r}} {{c d}} }}");
  });

  it("says how to escape a brace that does not name a placeholder", () => {
    expect(failure(doc("git.tag_message", "Release {sha")).hint).toBe(
      `write {{ for a literal '{', e.g. "Release {{sha"`,
    );
    expect(failure(doc("git.tag_message", "x } y")).hint).toBe(
      `write }} for a literal '}', or remove it, e.g. "x }} y"`,
    );
  });

  it("does not quote a long value in full", () => {
    const value = `{${"a".repeat(100_000)}`;
    const error = failure(doc("git.tag_message", value));
    expect(error.message.length).toBeLessThan(400);
    expect(error.hint?.length ?? 0).toBeLessThan(400);
  });

  it("is reported from the environment as E_CONFIG_ENV", () => {
    try {
      validateConfig(doc("git.tag_message", "Release {tag"), FILE, {
        origins: { "git.tag_message": "env:RELEASIO_GIT_TAG_MESSAGE" },
      });
      expect.unreachable();
    } catch (error) {
      expect((error as ReleasioError).code).toBe("E_CONFIG_ENV");
      expect((error as ReleasioError).message).toContain("RELEASIO_GIT_TAG_MESSAGE: has an unclosed '{'");
    }
  });
});

describe("unknown placeholders", () => {
  it.each([
    ["release.name_format", "{projcet} {tag}", "did you mean {project}? write {{ and }} for literal braces"],
    ["git.tag_message", "Release {sha}", "write {{ and }} for literal braces"],
    [
      "release_pr.title",
      "{projcet} {tagg}",
      "did you mean {project} instead of {projcet}, {tag} instead of {tagg}? write {{ and }} for literal braces",
    ],
  ])("%s = %j gets the hint %j", (key, value, hint) => {
    const error = failure(doc(key, value));
    expect(error.code).toBe("E_CONFIG_INVALID");
    expect(error.message).toContain("uses unknown placeholder");
    expect(error.hint).toBe(hint);
  });
});

describe("valid templates are accepted and render as written", () => {
  it.each([
    ["git.tag_message", "Release {tag} {{signed}}", "Release v1.2.0 {signed}"],
    ["release.name_format", "{{{project}}} {tag}", "{demo} v1.2.0"],
    ["changelog.commit_template", "{description} ({short_hash})", "add x (abc1234)"],
    ["release_pr.title", "chore(release): {project} {tag}", "chore(release): demo v1.2.0"],
    ["packages.tag_format", "{package}-v{version}", "demo-v1.2.0"],
    ["git.tag_message", "}}{{", "}{"],
  ])("%s = %j", (key, value, rendered) => {
    expect(() => validateConfig(doc(key, value), FILE)).not.toThrow();
    const values = {
      tag: "v1.2.0",
      project: "demo",
      package: "demo",
      version: "1.2.0",
      description: "add x",
      short_hash: "abc1234",
    };
    expect(renderTemplate(value, values)).toBe(rendered);
  });

  it("every template key is checked", () => {
    for (const key of Object.keys(TEMPLATE_PLACEHOLDERS)) {
      const [problem] = (failure(doc(key, "{version} {")).details?.["problems"] ?? []) as ConfigProblem[];
      expect(problem?.key).toBe(key);
    }
  });

  it("{version} escaped as {{version}} does not count as the tag format's version", () => {
    const error = failure(doc("packages.tag_format", "{package}-{{version}}"));
    expect(error.message).toContain("must contain {version} exactly once (found 0)");
  });
});
