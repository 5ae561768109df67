import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { forgeToken, openForge } from "../../../src/adapters/forge/open-forge.js";
import type { CommandContext, Logger } from "../../../src/commands/context.js";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../../../src/core/config/schema.js";
import { selectForge } from "../../../src/core/forge/select.js";
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../../support/fake-github.js";
import { strictFakes } from "../../support/strict-fakes.js";

const fakes = strictFakes<FakeGitHub>();
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "releasio-open-forge-"));
  dirs.push(d);
  return d;
}

function context(env: Record<string, string | undefined>, fetch?: CommandContext["fetch"]) {
  const lines: string[] = [];
  const secrets: string[] = [];
  const logger: Logger = {
    info: (m) => lines.push(m),
    debug: (m) => lines.push(m),
    warn: (w) => lines.push(w.message),
  };
  const ctx: CommandContext = {
    cwd: tmpdir(),
    env: { PATH: "/nonexistent", ...env },
    now: () => new Date("2026-01-01T00:00:00Z"),
    logger,
    fetch: fetch ?? (() => Promise.reject(new Error("no network in this test"))),
    registerSecret: (value) => secrets.push(value),
  };
  return { ctx, lines, secrets };
}

function config(
  github: Partial<ReleasioConfig["github"]> = {},
  forge: ReleasioConfig["forge"] = "auto",
): ReleasioConfig {
  return { ...DEFAULT_CONFIG, forge, github: { ...DEFAULT_CONFIG.github, ...github } };
}

/** A `gh` on PATH that prints a token, to prove where tokens come from. */
function fakeGh(token: string): string {
  const dir = tmp();
  const gh = join(dir, "gh");
  writeFileSync(gh, `#!/bin/sh\nif [ "$1 $2" = "auth token" ]; then echo ${token}; exit 0; fi\nexit 1\n`);
  chmodSync(gh, 0o755);
  return dir;
}

describe("tokens", () => {
  test("no token anywhere → E_FORGE_AUTH naming every place checked; not required → null", async () => {
    const { ctx } = context({ CI: "true" });
    await expect(
      openForge(ctx, config(), "git@github.com:acme/demo.git", { required: true }),
    ).rejects.toMatchObject({
      code: "E_FORGE_AUTH",
      exitCode: 1,
      message: "no GitHub token found (checked GITHUB_TOKEN, GH_TOKEN, gh auth token)",
    });
    expect(await openForge(ctx, config(), "git@github.com:acme/demo.git", { required: false })).toBeNull();
  });

  test("GITHUB_TOKEN wins over GH_TOKEN, which wins over gh auth token", async () => {
    const target = selectForge(config(), "git@github.com:acme/demo.git", {})!;
    const path = fakeGh("gho_fromgh");
    expect(
      await forgeToken(context({ GITHUB_TOKEN: "a1234", GH_TOKEN: "b1234", PATH: path }).ctx, target),
    ).toMatchObject({ source: "GITHUB_TOKEN", value: "a1234" });
    expect(await forgeToken(context({ GH_TOKEN: "b1234", PATH: path }).ctx, target)).toMatchObject({
      source: "GH_TOKEN",
    });
    expect(await forgeToken(context({ PATH: path }).ctx, target)).toMatchObject({
      source: "gh auth token",
      value: "gho_fromgh",
    });
  });

  test("gh auth token is not consulted in CI", async () => {
    const target = selectForge(config(), "git@github.com:acme/demo.git", {})!;
    expect(
      await forgeToken(context({ PATH: fakeGh("gho_fromgh"), GITHUB_ACTIONS: "true" }).ctx, target),
    ).toBeNull();
  });

  test("GitLab: GITLAB_TOKEN as PRIVATE-TOKEN, else CI_JOB_TOKEN as JOB-TOKEN", async () => {
    const target = selectForge({ ...DEFAULT_CONFIG, forge: "gitlab" }, "https://gitlab.example/g/p.git", {})!;
    expect(
      await forgeToken(context({ GITLAB_TOKEN: "glpat-1234", CI_JOB_TOKEN: "job1234" }).ctx, target),
    ).toMatchObject({
      header: "PRIVATE-TOKEN",
      source: "GITLAB_TOKEN",
    });
    expect(await forgeToken(context({ CI_JOB_TOKEN: "job1234" }).ctx, target)).toMatchObject({
      header: "JOB-TOKEN",
      source: "CI_JOB_TOKEN",
    });
    await expect(
      openForge(
        context({ CI: "1" }).ctx,
        { ...DEFAULT_CONFIG, forge: "gitlab" },
        "https://gitlab.example/g/p.git",
        { required: true },
      ),
    ).rejects.toMatchObject({
      code: "E_FORGE_AUTH",
    });
  });
});

describe("selection", () => {
  test("an unparsable remote is E_REMOTE without the credentials", async () => {
    const { ctx } = context({ GITHUB_TOKEN: "ghp_1234" });
    const error = await openForge(ctx, config(), "https://user:SECRET@git.example/demo", {
      required: true,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "E_REMOTE",
      message: "cannot determine the repository from remote 'origin' (https://git.example/demo)",
      hint: "set github.owner/github.repo or gitlab.project",
    });
    expect(await openForge(ctx, config(), null, { required: false })).toBeNull();
  });

  test("forge = none gives no forge even when required", async () => {
    const { ctx } = context({ GITHUB_TOKEN: "ghp_1234" });
    expect(
      await openForge(ctx, config({}, "none"), "git@github.com:acme/demo.git", { required: true }),
    ).toBeNull();
  });

  test("a remote with embedded credentials reaches acme/my.lib; the secret is never printed", async () => {
    const fake = await startFakeGitHub({ repo: "my.lib" });
    fakes.push(fake);
    const { ctx, lines, secrets } = context({ GITHUB_TOKEN: FAKE_GITHUB_TOKEN }, fake.fetch);
    const forge = await openForge(ctx, config(), "https://x-access-token:SECRET@github.com/acme/my.lib.git", {
      required: true,
    });
    expect(forge?.repository).toEqual({
      kind: "github",
      path: "acme/my.lib",
      webUrl: "https://github.com/acme/my.lib",
      apiUrl: "https://api.github.com",
    });
    expect(await forge?.getRepository()).toEqual({
      defaultBranch: "main",
      visibility: "public",
      canPush: true,
    });
    const output = lines.join("\n");
    expect(output).toContain("GET /repos/acme/my.lib 200");
    expect(output).not.toContain("SECRET");
    expect(output).not.toContain(FAKE_GITHUB_TOKEN);
    expect(secrets).toEqual([FAKE_GITHUB_TOKEN]);
  });
});

test("Enterprise Server: every call under /api/v3, uploads under /api/uploads, GraphQL at /api/graphql", async () => {
  const fake = await startFakeGitHub({ host: "ghe.example" });
  fakes.push(fake);
  const { ctx } = context({ GITHUB_TOKEN: FAKE_GITHUB_TOKEN }, fake.fetch);
  const forge = (await openForge(
    ctx,
    config({ api_url: "https://ghe.example/api/v3" }),
    "git@ghe.example:acme/demo.git",
    {
      required: true,
    },
  ))!;
  expect(forge.repository.webUrl).toBe("https://ghe.example/acme/demo");
  expect(forge.capabilities).toEqual({ draftReleases: true, advisories: false });
  const pr = await forge.createChangeRequest({
    title: "t",
    body: "b",
    head: "releasio/release",
    base: "main",
    draft: false,
    labels: ["release"],
  });
  expect(pr.url).toBe("https://ghe.example/acme/demo/pull/1");
  const draft = await forge.createDraftRelease({
    tag: "v1.1.0",
    name: "demo 1.1.0",
    body: "",
    prerelease: false,
    commit: "c".repeat(40),
  });
  const dir = tmp();
  writeFileSync(join(dir, "demo.whl"), "wheel");
  await forge.uploadAsset(
    draft,
    {
      name: "demo.whl",
      path: join(dir, "demo.whl"),
      size: 5,
      sha256: createHash("sha256").update("wheel").digest("hex"),
      contentType: "application/zip",
    },
    draft.tag,
  );
  await forge.lookupCommits(["d".repeat(40)]);
  expect(fake.calls.length).toBeGreaterThan(4);
  expect(fake.calls.every((c) => c.host === "ghe.example")).toBe(true);
  const upload = fake.calls.filter((c) => c.path.endsWith("/assets"));
  expect(upload.map((c) => c.path)).toEqual([`/api/uploads/repos/acme/demo/releases/${draft.id}/assets`]);
  expect(fake.calls.filter((c) => c.path === "/api/graphql")).toHaveLength(1);
  expect(
    fake.calls
      .filter((c) => !c.path.endsWith("/assets") && c.path !== "/api/graphql")
      .every((c) => c.path.startsWith("/api/v3/")),
  ).toBe(true);
});
