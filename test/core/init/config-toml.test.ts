import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import {
  renderConfigToml,
  replaceReleasioTables,
  tableSections,
  verifyConfigText,
} from "../../../src/core/init/config-toml.js";
import { configValues, type Detected, defaultSettings } from "../../../src/core/init/settings.js";

const DETECTED: Detected = {
  defaultBranch: "main",
  tagPrefix: "v",
  buildTool: "auto",
  forge: "github",
  repository: "acme/demo",
  project: "demo",
  workspaceMembers: [],
  versionFiles: [],
};

describe("configuration values", () => {
  it("the detected defaults of a plain project need no value at all", () => {
    expect(configValues(defaultSettings(DETECTED, {}))).toEqual({});
  });

  it("lists only what differs from the defaults", () => {
    const s = defaultSettings(
      { ...DETECTED, buildTool: "uv", tagPrefix: "" },
      { branch: "develop", trustedPublishing: false },
    );
    expect(configValues(s)).toEqual({
      default_branch: "develop",
      version: { tag_prefix: "" },
      publish: { tool: "uv", trusted_publishing: false },
    });
    expect(configValues(defaultSettings(DETECTED, { publish: false }))).toEqual({
      publish: { enabled: false },
    });
  });
});

describe("rendering and replacing the releasio table", () => {
  const values = {
    default_branch: "develop",
    publish: { tool: "uv", enabled: true },
    release_pr: { labels: ["a", "b"] },
  };

  it("renders pyproject tables under tool.releasio and a dedicated file without prefix", () => {
    const py = renderConfigToml(values, "tool.releasio");
    expect(parse(py)).toEqual({ tool: { releasio: values } });
    expect(parse(renderConfigToml(values, ""))).toEqual(values);
    expect(py.startsWith("[tool.releasio]\n")).toBe(true);
  });

  it("renders nested tables under dotted headers, quoting keys that are not bare", () => {
    const nested = {
      default_branch: "main",
      branches: {
        develop: { match: "develop", prerelease: true, prerelease_token: "dev", publish_only: true },
        "release/1.x": { match: "release/1.x", prerelease: false },
      },
    };
    const py = renderConfigToml(nested, "tool.releasio");
    expect(py).toContain('\n[tool.releasio.branches.develop]\nmatch = "develop"\n');
    expect(py).toContain('\n[tool.releasio.branches."release/1.x"]\n');
    expect(py).not.toContain("[tool.releasio.branches]\n");
    expect(parse(py)).toEqual({ tool: { releasio: nested } });
    expect(parse(renderConfigToml(nested, ""))).toEqual(nested);
  });

  it("finds sections and keeps the comments before the next header outside them", () => {
    const text = '[a]\nx = 1\n\n# about b\n[b.c]\ny = """\n[not.a.header]\n"""\n';
    const sections = tableSections(text);
    expect(sections.map((s) => s.path)).toEqual([["a"], ["b", "c"]]);
    expect(text.slice(sections[0]!.start, sections[0]!.end)).toBe("[a]\nx = 1");
  });

  it("replaces every releasio section in place and keeps every other byte", () => {
    const before = [
      "[project]",
      'name = "demo"  # the name',
      "",
      "[tool.releasio]",
      'default_branch = "main"',
      "",
      "# hatch settings follow",
      "[tool.hatch.build]",
      'include = ["src"]',
      "",
      "[tool.releasio.publish]",
      "tool = 'build'",
      "",
      "[tool.ruff]",
      "line-length = 100",
      "",
    ].join("\n");
    const table = renderConfigToml({ default_branch: "develop" }, "tool.releasio");
    const after = replaceReleasioTables(before, table);
    expect(after).toBe(
      [
        "[project]",
        'name = "demo"  # the name',
        "",
        table.trimEnd(),
        "",
        "# hatch settings follow",
        "[tool.hatch.build]",
        'include = ["src"]',
        "",
        "[tool.ruff]",
        "line-length = 100",
        "",
      ].join("\n"),
    );
    verifyConfigText({
      file: "pyproject.toml",
      before,
      after,
      values: { default_branch: "develop" },
      pyproject: true,
    });
  });

  it("replacing its own table again and again leaves one note and the rest of the file as it was", () => {
    const base = '[project]\nname = "demo"\n\n# ruff follows\n[tool.ruff]\nline-length = 100\n';
    const empty = renderConfigToml({}, "tool.releasio");
    const develop = renderConfigToml({ default_branch: "develop" }, "tool.releasio");
    const once = replaceReleasioTables(base, empty);
    let text = once;
    for (let i = 0; i < 3; i++) text = replaceReleasioTables(text, empty);
    expect(text).toBe(once);
    const branch = replaceReleasioTables(text, develop);
    expect(replaceReleasioTables(branch, develop)).toBe(branch);
    expect(replaceReleasioTables(branch, empty)).toBe(once);
    for (const result of [once, branch]) {
      expect(result.match(/only values that differ/g)).toHaveLength(1);
      expect(result.startsWith(base)).toBe(true);
    }
  });

  it("appends the table to a file without one", () => {
    const after = replaceReleasioTables('[project]\nname = "demo"', renderConfigToml({}, "tool.releasio"));
    expect(after.startsWith('[project]\nname = "demo"\n\n[tool.releasio]\n')).toBe(true);
    expect(parse(after)).toEqual({ project: { name: "demo" }, tool: { releasio: {} } });
  });

  it("refuses text that changed something outside the table or holds other values (E_EDIT_VERIFY)", () => {
    const before = '[project]\nname = "demo"\n';
    const bad = '[project]\nname = "other"\n\n[tool.releasio]\n';
    expect(() =>
      verifyConfigText({ file: "pyproject.toml", before, after: bad, values: {}, pyproject: true }),
    ).toThrow(/E_EDIT_VERIFY|changed outside/);
    expect(() =>
      verifyConfigText({
        file: ".releasio.toml",
        before: null,
        after: 'default_branch = "x"\n',
        values: {},
        pyproject: false,
      }),
    ).toThrow(/default_branch/);
  });
});
