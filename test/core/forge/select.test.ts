import { describe, expect, test } from "vitest";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../../../src/core/config/schema.js";
import { forgeLinks } from "../../../src/core/forge/links.js";
import { selectForge } from "../../../src/core/forge/select.js";

type Tables = {
  forge?: ReleasioConfig["forge"];
  github?: Partial<ReleasioConfig["github"]>;
  gitlab?: Partial<ReleasioConfig["gitlab"]>;
};

function config(t: Tables = {}): ReleasioConfig {
  return {
    ...DEFAULT_CONFIG,
    forge: t.forge ?? "auto",
    github: { ...DEFAULT_CONFIG.github, ...t.github },
    gitlab: { ...DEFAULT_CONFIG.gitlab, ...t.gitlab },
  };
}

describe("GitHub remotes", () => {
  test.each([
    "git@github.com:acme/my.lib.git",
    "ssh://git@github.com/acme/my.lib",
    "https://x-access-token:SECRET@github.com/acme/my.lib.git",
    "https://github.com/acme/my.lib/",
    "ssh://git@github.com:22/acme/my.lib.git",
  ])("%s → acme/my.lib on the public API", (remote) => {
    const target = selectForge(config(), remote, {});
    expect(target).toEqual({
      kind: "github",
      owner: "acme",
      repo: "my.lib",
      path: "acme/my.lib",
      apiUrl: "https://api.github.com",
      uploadsUrl: "https://uploads.github.com",
      graphqlUrl: "https://api.github.com/graphql",
      serverUrl: "https://github.com",
      webUrl: "https://github.com/acme/my.lib",
    });
    expect(JSON.stringify(target)).not.toContain("SECRET");
  });

  test("github.owner/github.repo override the remote and work without one", () => {
    expect(
      selectForge(config({ github: { owner: "org", repo: "other" } }), "git@github.com:acme/demo.git", {}),
    ).toMatchObject({
      path: "org/other",
      webUrl: "https://github.com/org/other",
    });
    expect(
      selectForge(config({ github: { owner: "org", repo: "x" } }), "/srv/git/demo.git", {}),
    ).toMatchObject({
      path: "org/x",
      apiUrl: "https://api.github.com",
      serverUrl: "https://github.com",
    });
  });

  test("an unknown host with no configuration selects no forge; forge = github uses it as Enterprise Server", () => {
    expect(selectForge(config(), "https://git.example/acme/demo.git", {})).toBeNull();
    expect(selectForge(config({ forge: "github" }), "https://git.example/acme/demo.git", {})).toMatchObject({
      apiUrl: "https://git.example/api/v3",
      uploadsUrl: "https://git.example/api/uploads",
      graphqlUrl: "https://git.example/api/graphql",
      serverUrl: "https://git.example",
    });
  });

  test("GHES: github.api_url selects the host; uploads under /api/uploads, links on the host (github.server_url auto)", () => {
    const target = selectForge(
      config({ github: { api_url: "https://ghe.example/api/v3" } }),
      "git@ghe.example:acme/demo.git",
      {},
    );
    expect(target).toMatchObject({
      kind: "github",
      apiUrl: "https://ghe.example/api/v3",
      uploadsUrl: "https://ghe.example/api/uploads",
      graphqlUrl: "https://ghe.example/api/graphql",
      webUrl: "https://ghe.example/acme/demo",
    });
  });

  test("inside Actions, GITHUB_API_URL and GITHUB_SERVER_URL are used", () => {
    const env = { GITHUB_API_URL: "https://ghe.example/api/v3", GITHUB_SERVER_URL: "https://ghe.example" };
    expect(selectForge(config(), "https://ghe.example/acme/demo", env)).toMatchObject({
      apiUrl: "https://ghe.example/api/v3",
      uploadsUrl: "https://ghe.example/api/uploads",
      serverUrl: "https://ghe.example",
    });
  });

  test("explicit github.uploads_url and github.server_url win over the derived ones", () => {
    const target = selectForge(
      config({ github: { uploads_url: "https://up.example", server_url: "https://web.example/" } }),
      "git@github.com:acme/demo.git",
      {},
    );
    expect(target).toMatchObject({
      uploadsUrl: "https://up.example",
      serverUrl: "https://web.example",
      webUrl: "https://web.example/acme/demo",
    });
  });

  test("API URLs must be https except on loopback", () => {
    expect(() =>
      selectForge(config({ github: { api_url: "http://ghe.example/api/v3" } }), "git@github.com:a/b.git", {}),
    ).toThrow(expect.objectContaining({ code: "E_INSECURE_URL", exitCode: 2 }));
    expect(() =>
      selectForge(config(), "git@github.com:a/b.git", { GITHUB_API_URL: "http://api.example" }),
    ).toThrow(expect.objectContaining({ code: "E_INSECURE_URL" }));
    expect(
      selectForge(
        config({ github: { api_url: "http://127.0.0.1:8080/api/v3" } }),
        "git@github.com:a/b.git",
        {},
      ),
    ).toMatchObject({
      apiUrl: "http://127.0.0.1:8080/api/v3",
      uploadsUrl: "http://127.0.0.1:8080/api/uploads",
    });
  });
});

describe("GitLab", () => {
  test("nested groups and the host give the API and web URLs", () => {
    expect(selectForge(config({ forge: "gitlab" }), "https://gitlab.example/group/sub/demo.git", {})).toEqual(
      {
        kind: "gitlab",
        projectPath: "group/sub/demo",
        path: "group/sub/demo",
        apiUrl: "https://gitlab.example/api/v4",
        serverUrl: "https://gitlab.example",
        webUrl: "https://gitlab.example/group/sub/demo",
      },
    );
  });

  test("gitlab.com remotes select GitLab; CI variables give the URLs", () => {
    expect(selectForge(config(), "git@gitlab.com:group/demo.git", {})).toMatchObject({
      kind: "gitlab",
      apiUrl: "https://gitlab.com/api/v4",
    });
    const env = {
      CI_SERVER_HOST: "code.example",
      CI_API_V4_URL: "https://code.example/api/v4",
      CI_SERVER_URL: "https://code.example",
    };
    expect(selectForge(config(), "https://gitlab-ci-token:TOKEN@code.example/g/p.git", env)).toMatchObject({
      kind: "gitlab",
      projectPath: "g/p",
      apiUrl: "https://code.example/api/v4",
    });
  });

  test("gitlab.project overrides the remote; gitlab.api_url and gitlab.server_url are configurable", () => {
    const target = selectForge(
      config({
        gitlab: {
          project: "a/b/c",
          api_url: "https://api.example/api/v4",
          server_url: "https://web.example",
        },
      }),
      null,
      {},
    );
    expect(target).toMatchObject({
      kind: "gitlab",
      projectPath: "a/b/c",
      apiUrl: "https://api.example/api/v4",
      webUrl: "https://web.example/a/b/c",
    });
  });
});

test("forge = none selects nothing and gives no links", () => {
  expect(selectForge(config({ forge: "none" }), "git@github.com:acme/demo.git", {})).toBeNull();
  expect(forgeLinks(config({ forge: "none" }), "git@github.com:acme/demo.git", {})).toBeNull();
});

test("links agree with the selection, also for an insecure API URL (links need no API)", () => {
  expect(forgeLinks(config(), "git@github.com:acme/my.lib.git", {})).toEqual({
    kind: "github",
    webUrl: "https://github.com/acme/my.lib",
  });
  expect(
    forgeLinks(config({ github: { api_url: "http://ghe.example/api/v3" } }), "git@ghe.example:a/b.git", {}),
  ).toBeNull();
});
