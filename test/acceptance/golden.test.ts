/**
 * Golden fixtures: each folder of test/fixtures/golden holds a history in the DSL of test/support/history-dsl.ts
 * and, side by side, what releasio must make of it — the `check` result (check.json), and the files after
 * `update --execute` (CHANGELOG.md, pyproject.toml). `args` holds extra command-line options.
 * RELEASIO_UPDATE_GOLDEN=1 rewrites the expected files from the current output (review the diff!).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check } from "../../src/commands/check.js";
import { update } from "../../src/commands/update.js";
import { cleanEnv } from "../support/cli.js";
import { buildHistory } from "../support/history-dsl.js";
import { cleanupRepos } from "../support/repo.js";

afterAll(cleanupRepos);

const root = join(import.meta.dirname, "..", "fixtures", "golden");
const now = () => new Date("2025-06-01T12:00:00Z");
const regenerate = process.env.RELEASIO_UPDATE_GOLDEN === "1";

function options(dir: string, args: string): { version?: string; prerelease?: string } {
  const words = args.split(/\s+/).filter(Boolean);
  const value = (flag: string) => {
    const i = words.indexOf(flag);
    return i >= 0 ? words[i + 1] : undefined;
  };
  const out: { version?: string; prerelease?: string } = {};
  const version = value("--version");
  const prerelease = value("--prerelease");
  if (version) out.version = version;
  if (prerelease) out.prerelease = prerelease;
  if (words.some((w) => w !== version && w !== prerelease && !["--version", "--prerelease"].includes(w))) {
    throw new Error(`${dir}/args: only --version and --prerelease are supported`);
  }
  return out;
}

function expectFile(dir: string, name: string, actual: string): void {
  const file = join(dir, name);
  if (regenerate) writeFileSync(file, actual);
  expect(actual, `${name} of ${dir}`).toBe(readFileSync(file, "utf8"));
}

describe("golden fixtures", () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    it(name, async () => {
      const repo = buildHistory(readFileSync(join(dir, "history"), "utf8"));
      const args = existsSync(join(dir, "args")) ? readFileSync(join(dir, "args"), "utf8") : "";
      const common = { cwd: repo.dir, env: cleanEnv(), now, ...options(dir, args) };
      const plan = await check(common);
      const summary = {
        next_version: plan.next_version,
        tag: plan.tag,
        previous_tag: plan.previous_tag,
        bump: plan.bump,
        release_reason: plan.release_reason,
        first_release: plan.first_release,
        warnings: plan.warnings.map((w) => w.code),
        commits: plan.commits.map(
          (c) => `${c.subject} → ${c.reason}, ${c.bump}${c.included ? "" : ", excluded"}`,
        ),
      };
      expectFile(dir, "check.json", `${JSON.stringify(summary, null, 2)}\n`);
      await update({ ...common, execute: true });
      expectFile(dir, "pyproject.toml", repo.read("pyproject.toml"));
      expectFile(dir, "CHANGELOG.md", repo.exists("CHANGELOG.md") ? repo.read("CHANGELOG.md") : "");
    });
  }
});
