/** Behavioural tests for configuration keys that no scenario of §13 names on its own. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/commands/check.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, PYPROJECT } from "../support/repo.js";
import { commitBySubject, env, fixture, json, pathWith, sectionEntries, stubBin } from "./helpers-b.js";

afterAll(cleanupRepos);

describe("configuration keys", () => {
  it("git.remote: links come from the configured remote", async () => {
    const repo = fixture({ config: '[git]\nremote = "upstream"\n' });
    repo.git("remote", "add", "upstream", "git@github.com:other/proj.git");
    repo.commit("feat: x (#3)");
    const r = await json(repo.dir, "check", ["check"], cleanEnv());
    expect(r.json.changelog).toContain("https://github.com/other/proj/compare/v1.0.0...v1.1.0");
    expect(r.json.changelog).toContain("[#3](https://github.com/other/proj/pull/3)");
  });

  it("commits.skip_release_patterns: replaces the default markers", async () => {
    const repo = fixture({ config: '[commits]\nskip_release_patterns = ["[ci skip]"]\n' });
    repo.commits("feat: a [ci skip]", "fix: b [skip release]");
    const r = await json(repo.dir, "check", ["check"]);
    expect(commitBySubject(r, "feat: a [ci skip]").reason).toBe("skip-marker");
    expect(commitBySubject(r, "fix: b [skip release]").reason).toBe("patch-type");
    expect(r.json.next_version).toBe("1.0.1");
  });

  it("commits.release_commit_pattern and release_pr.commit_message: custom release commits", async () => {
    const repo = fixture({
      config:
        '[commits]\nrelease_commit_pattern = "^release:"\n\n[release_pr]\ncommit_message = "release: {project} {version}"\n',
    });
    repo.commits("release: demo 1.0.1", "feat: x");
    const r = await json(repo.dir, "check", ["check"]);
    expect(commitBySubject(r, "release: demo 1.0.1").reason).toBe("release-commit");
    const u = await releasio(repo.dir, ["update", "-x"], env());
    expect(u.code).toBe(0);
    // The next steps close the summary (§4.2), after the files written.
    const lines = u.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("EXECUTING: updated demo 1.0.0 → 1.1.0");
    expect(lines.at(-2)).toBe("Next version: 1.1.0");
    expect(lines.at(-1)).toBe(
      'Next steps: review, commit with git add pyproject.toml CHANGELOG.md && git commit -m "release: demo 1.1.0", then releasio release',
    );
    expect(u.stderr).not.toContain("Next steps");
  });

  it("changelog.cliff_config: git-cliff reads the configured file", async () => {
    const repo = fixture({
      config: '[changelog]\nengine = "git-cliff"\ncliff_config = "tools/cliff.toml"\n',
      files: { "tools/cliff.toml": "" },
    });
    repo.commit("feat: x");
    const log = join(repo.dir, "..", "cliff-args.txt");
    const bin = stubBin({
      "git-cliff": `printf '%s\\n' "$@" > '${log}'\necho '## [1.1.0] from git-cliff'\n`,
    });
    const r = await json(repo.dir, "check", ["check"], env({ PATH: pathWith(bin) }));
    expect(r.code).toBe(0);
    expect(readFileSync(log, "utf8").split("\n").slice(0, 2)).toEqual(["--config", "tools/cliff.toml"]);
    expect(r.json.changelog).toBe("## [1.1.0] from git-cliff\n");
  });

  it("changelog.section_order: sections follow the configured order", async () => {
    const repo = fixture({ config: '[changelog]\nsection_order = ["fix", "feat"]\n' });
    repo.commits("feat: a", "fix: b");
    const r = await json(repo.dir, "check", ["check"]);
    const entry = r.json.changelog as string;
    expect(entry.indexOf("### 🐛 Bug Fixes")).toBeLessThan(entry.indexOf("### ✨ Features"));
  });

  it("changelog.include_unconventional = false: unconventional commits leave the changelog", async () => {
    const repo = fixture({ config: "[changelog]\ninclude_unconventional = false\n" });
    repo.commits("WIP", "feat: a");
    const r = await json(repo.dir, "check", ["check"]);
    expect(commitBySubject(r, "WIP")).toMatchObject({ included: false, reason: "unconventional" });
    expect(r.json.changelog).not.toContain("WIP");
  });

  it("changelog.first_contributor_badge and ignore_authors", async () => {
    const repo = fixture({
      config:
        '[changelog]\nshow_authors = true\nshow_first_time_contributors = true\nfirst_contributor_badge = "(new!)"\nignore_authors = ["Robo Bot"]\n',
    });
    repo.commit("feat: from a newcomer", { author: { name: "Nia New", email: "nia@example.org" } });
    repo.commit("fix: from a bot", { author: { name: "Robo Bot", email: "robo@example.org" } });
    const r = await json(repo.dir, "check", ["check"]);
    const entry = r.json.changelog as string;
    expect(sectionEntries(entry, "✨ Features")).toEqual(["- from a newcomer by Nia New (new!)"]);
    expect(sectionEntries(entry, "🐛 Bug Fixes")).toEqual(["- from a bot"]);
  });

  it("publish.enabled = false: a first release does not ask the index", async () => {
    const repo = fixture({ tag: null, version: "0.1.0", config: "[publish]\nenabled = false\n" });
    const requests: string[] = [];
    const fetch = async (url: string) => {
      requests.push(url);
      return new Response("{}", { status: 200 });
    };
    const p = await check({
      cwd: repo.dir,
      env: cleanEnv({ RELEASIO_OFFLINE: undefined }),
      fetch,
      offline: false,
    });
    expect(requests).toEqual([]);
    expect(p.next_version).toBe("0.1.0");
    expect(p.warnings.map((w) => w.code)).toContain("W_INDEX_UNCHECKED");
    const on = fixture({ tag: null, version: "0.1.0", pyproject: PYPROJECT("0.1.0") });
    await check({ cwd: on.dir, env: cleanEnv({ RELEASIO_OFFLINE: undefined }), fetch, offline: false });
    expect(requests).toEqual(["https://pypi.org/pypi/demo/0.1.0/json"]);
  });

  it("security.enabled and security.patterns: security commits get their own section", async () => {
    const repo = fixture({ config: "[security]\nenabled = true\n" });
    repo.commits("fix(security): escape html (CVE-2025-1234)", "fix: typo");
    const r = await json(repo.dir, "check", ["check"]);
    expect(commitBySubject(r, "fix(security): escape html (CVE-2025-1234)").security).toBe(true);
    expect(commitBySubject(r, "fix: typo").security).toBe(false);
    expect(sectionEntries(r.json.changelog as string, "🔒 Security")).toEqual([
      "- **security:** escape html (CVE-2025-1234)",
    ]);

    const custom = fixture({ config: '[security]\nenabled = true\npatterns = ["^fix: typo"]\n' });
    custom.commits("fix(security): escape html", "fix: typo");
    const c = await json(custom.dir, "check", ["check"]);
    expect(commitBySubject(c, "fix(security): escape html").security).toBe(false);
    expect(commitBySubject(c, "fix: typo").security).toBe(true);
  });
});
