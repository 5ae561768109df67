/** Scenarios 127–129 (§13 doctor): the trusted publisher to register, actual claims in Actions, failing checks. */
import * as v from "valibot";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { doctorSchema } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { startFakeGitHub } from "../support/fake-github.js";
import { startFakeIndex } from "../support/fake-index.js";
import { type FakeOidcIssuer, gitlabClaims, startFakeOidcIssuer } from "../support/fake-oidc.js";
import { createTrustedPublishing } from "../support/fake-pypi-oidc.js";
import { mergeRoutes } from "../support/loopback.js";
import { cleanupRepos, f0, TestRepo } from "../support/repo.js";
import { expectNoSecrets } from "../support/secrets.js";

const WORKFLOW = `name: Release
on:
  push:
    branches: [main]
concurrency:
  group: releasio-\${{ github.ref }}
jobs:
  release:
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      contents: write
      id-token: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: mikeleppane/releasio@v2
        with:
          command: release
`;

/** /usr/bin first: its python3 has `build`, so build.tool does not depend on the developer's PATH. */
function env(extra: Record<string, string | undefined> = {}) {
  const base = cleanEnv(extra);
  return { ...base, PATH: `/usr/bin:${base.PATH ?? ""}` };
}

/** A job of acme/demo's GitLab pipeline running `.gitlab-ci.yml`, with a forge token; `extra` adds or overrides. */
function gitlabJobEnv(extra: Record<string, string | undefined> = {}) {
  return env({
    GITLAB_CI: "true",
    CI: "true",
    GITLAB_TOKEN: "glpat-localtest0001",
    CI_PROJECT_NAMESPACE: "acme",
    CI_PROJECT_NAME: "demo",
    CI_CONFIG_PATH: ".gitlab-ci.yml",
    ...extra,
  });
}

type Doctor = v.InferOutput<typeof doctorSchema>;

async function doctorJson(
  cwd: string,
  args: string[],
  e: Record<string, string | undefined>,
  fetch?: Parameters<typeof releasio>[3],
) {
  const r = await releasio(cwd, ["doctor", ...args, "--json"], e, fetch);
  expect(r.stdout.endsWith("}\n")).toBe(true);
  const json: Doctor = v.parse(doctorSchema, JSON.parse(r.stdout));
  const row = (id: string) => json.checks.find((c) => c.id === id);
  return { ...r, json, row };
}

/**
 * The GitLab publisher doctor expects: the top-level pipeline file, and the environment `source` says it came from
 * (e.g. "environment of job 'publish' in ci/release.yml"), reported as matching.
 */
function expectGitLabPublisher(
  r: Awaited<ReturnType<typeof doctorJson>>,
  environment: string,
  source: string,
) {
  expect(r.json.trusted_publishing.expected).toMatchObject({
    provider: "gitlab",
    workflow: ".gitlab-ci.yml",
    environment,
  });
  const row = r.row("publish.trusted_publisher");
  expect(row?.status).toBe("ok");
  expect(row?.message).toContain(`Environment ${environment} (${source})`);
}

/** F0 on github.com/acme/demo with the release workflow committed. */
function acmeDemo(workflow = WORKFLOW): TestRepo {
  const repo = f0();
  repo.commit("ci: release workflow", { files: { ".github/workflows/release.yml": workflow } });
  repo.git("remote", "set-url", "origin", "https://github.com/acme/demo.git");
  return repo;
}

afterAll(cleanupRepos);

describe("127: the trusted publisher PyPI expects, from the workflow file", () => {
  it("prints Owner acme, Repository demo, Workflow release.yml, Environment pypi and the add-publisher link; exit 0", async () => {
    const repo = acmeDemo();
    const r = await doctorJson(repo.dir, [], env({ GITHUB_TOKEN: "ghp_localtesttoken0001" }));
    expect(r.json.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.json.ok).toBe(true);
    expect(r.json.trusted_publishing.expected).toEqual({
      provider: "github",
      owner: "acme",
      repository: "demo",
      workflow: "release.yml",
      environment: "pypi",
    });
    expect(r.json.trusted_publishing.add_publisher_url).toBe(
      "https://pypi.org/manage/project/demo/settings/publishing/?provider=github&owner=acme&repository=demo&workflow_filename=release.yml",
    );
    expect(r.json.trusted_publishing.exchange).toBe("not-run");
    expect(r.row("publish.trusted_publisher")?.status).toBe("ok");
    expect(r.row("forge.token")?.message).toContain("GITHUB_TOKEN");
    expect(r.row("forge.token")?.message).toContain("classic");
    expect(r.row("forge.access")?.status).toBe("skip");
    expectNoSecrets([r.stdout, r.stderr], ["ghp_localtesttoken0001"]);

    const human = await releasio(repo.dir, ["doctor"], env({ GITHUB_TOKEN: "ghp_localtesttoken0001" }));
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Owner:\s+acme/);
    expect(human.stdout).toMatch(/Environment:\s+pypi/);
    expect(human.stdout).toContain("settings/publishing/?provider=github");
  });

  it("a remote that is a local path is fine when github.owner/github.repo name the repository", async () => {
    const repo = f0();
    repo.commit("ci: release workflow", { files: { ".github/workflows/release.yml": WORKFLOW } });
    const r = await doctorJson(
      repo.dir,
      [],
      env({
        GITHUB_TOKEN: "ghp_localtesttoken0001",
        RELEASIO_GITHUB_OWNER: "acme",
        RELEASIO_GITHUB_REPO: "demo",
      }),
    );
    expect(r.row("git.remote")).toMatchObject({ status: "ok" });
    expect(r.row("git.remote")?.message).toContain("(github acme/demo from the configuration)");
    expect(r.json.checks.filter((c) => c.status === "fail")).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.json.trusted_publishing.expected).toMatchObject({ owner: "acme", repository: "demo" });
  });

  it("a job without id-token: write fails the trusted-publisher check with the permissions snippet", async () => {
    const repo = acmeDemo(WORKFLOW.replace("      id-token: write\n", ""));
    const r = await doctorJson(repo.dir, [], env({ GITHUB_TOKEN: "ghp_localtesttoken0001" }));
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.row("publish.trusted_publisher")).toMatchObject({ status: "fail" });
    expect(r.row("publish.trusted_publisher")?.hint).toContain("id-token: write");
  });
});

describe("an index out of reach", () => {
  it("warns on publish.registry with a hint about reaching the host, not about tokens", async () => {
    const repo = f0();
    const unreachable = async (): Promise<Response> => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }),
      });
    };
    const r = await doctorJson(repo.dir, [], env({ RELEASIO_OFFLINE: undefined }), unreachable);
    expect(r.row("publish.registry")).toMatchObject({ status: "warn" });
    expect(r.row("publish.registry")?.message).toMatch(/^E_NETWORK: cannot reach upload\.pypi\.org/);
    expect(r.row("publish.registry")?.hint).toBe(
      "check that this machine can reach upload.pypi.org; --offline skips the checks that need the index",
    );
  });
});

describe("129: no remote, dirty tree and no token", () => {
  it("fails those checks with hints and exits 1, still printing the whole report", async () => {
    const repo = f0({ origin: false });
    repo.write("scratch.txt", "uncommitted\n");
    const r = await doctorJson(repo.dir, [], env());
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.json.exit_code).toBe(1);
    expect(r.json.error).toBeNull();
    for (const id of ["git.remote", "git.clean", "forge.token"]) {
      expect(r.row(id), id).toMatchObject({ status: "fail" });
      expect(r.row(id)?.hint, id).toBeTruthy();
    }
    expect(r.row("git.repository")?.status).toBe("ok");
    expect(r.row("git.clean")?.message).toContain("scratch.txt");
    expect(r.json.trusted_publishing.expected.owner).toBeNull();
    const human = await releasio(repo.dir, ["doctor"], env());
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/FAIL git\.remote/);
    expect(human.stdout).toContain("hint:");
    const failed = r.json.checks.filter((c) => c.status === "fail").length;
    const warned = r.json.checks.filter((c) => c.status === "warn").length;
    expect(human.stdout.trimEnd().split("\n").at(-1)).toBe(
      `${failed} checks failed, ${warned} warning${warned === 1 ? "" : "s"}`,
    );
  });

  it("bare version tags under the default prefix make git.tags a warning naming the setting", async () => {
    const repo = f0();
    repo.tag("1.0.0");
    repo.git("tag", "-d", "v1.0.0");
    const r = await doctorJson(repo.dir, ["--offline"], env());
    expect(r.row("git.tags")).toMatchObject({ status: "warn" });
    expect(r.row("git.tags")?.message).toContain("tag '1.0.0' looks like a release with the prefix ''");
    expect(r.row("git.tags")?.message).toContain('version.tag_prefix = ""');
    expect(r.row("git.tags")?.hint).toContain("version.tag_prefix");
  });

  it("a package __version__ that no release updates makes project.files a warning naming the file and the fix", async () => {
    const repo = f0();
    repo.commit("chore: package module", {
      files: {
        "src/demo/__init__.py": '__version__ = "0.9.0"\n',
        "src/vendored/__init__.py": '__version__ = "3.2.1"\n',
      },
    });
    const off = await doctorJson(repo.dir, ["--offline"], env());
    expect(off.row("project.files")).toMatchObject({
      status: "warn",
      message: 'src/demo/__init__.py sets __version__ = "0.9.0", which no release updates',
    });
    expect(off.row("project.files")?.hint).toContain("version.auto_detect_version_files = true");

    // Listed in version_files, the module is managed: the mismatch is reported as what the next update sets, next
    // to another module of the package that holds the current version and is not listed.
    repo.commit("chore: manage the module", {
      files: {
        "pyproject.toml": `${repo.read("pyproject.toml")}\n[tool.releasio.version]\nversion_files = ["src/demo/__init__.py"]\n`,
        "src/demo/_version.py": '__version__ = "1.0.0"\n',
      },
    });
    const listed = await doctorJson(repo.dir, ["--offline"], env());
    expect(listed.row("project.files")?.status).toBe("warn");
    expect(listed.row("project.files")?.message).toContain("it will be set to 1.0.0");
    expect(listed.row("project.files")?.message).toContain(
      'src/demo/_version.py sets __version__ = "1.0.0", which no release updates',
    );
    expect(listed.row("project.files")?.message).not.toContain("vendored");
    expect(listed.row("project.files")?.hint).toBe(
      "the next 'releasio update' sets the listed version files; set version.auto_detect_version_files = true (it updates files holding the current version) or list the module in version.version_files",
    );
  });

  it("outside a repository the repository check fails and git checks are skipped", async () => {
    const repo = TestRepo.create({ origin: false });
    const r = await doctorJson(repo.dir, [], env());
    expect(r.code).toBe(1);
    expect(r.row("git.repository")?.status).toBe("fail");
  });
});

describe("128: in GitHub Actions with the fake OIDC issuer", () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  async function actions(
    options: { claims?: Record<string, unknown>; publisherEnvironment?: string | null } = {},
  ) {
    const issuer: FakeOidcIssuer = await startFakeOidcIssuer({
      claims: { environment: "pypi", ...options.claims },
    });
    const tp = createTrustedPublishing({
      issuer,
      publishers: [
        {
          owner: "acme",
          repository: "demo",
          workflow: "release.yml",
          environment: options.publisherEnvironment === undefined ? "pypi" : options.publisherEnvironment,
          project: "demo",
        },
      ],
      existingProjects: ["demo"],
    });
    const index = await startFakeIndex({ trustedPublishing: tp, projects: { demo: {} } });
    const github = await startFakeGitHub({ owner: "acme", repo: "demo" });
    closers.push(
      () => issuer.close(),
      () => index.close(),
      () => github.close(),
    );
    const e = env({
      RELEASIO_OFFLINE: undefined,
      GITHUB_ACTIONS: "true",
      CI: "true",
      GITHUB_REPOSITORY: "acme/demo",
      GITHUB_WORKFLOW_REF: "acme/demo/.github/workflows/release.yml@refs/heads/main",
      GITHUB_REF: "refs/heads/main",
      GITHUB_REF_NAME: "main",
      GITHUB_EVENT_NAME: "push",
      GITHUB_TOKEN: "ghs_faketoken0000000000000000000000000001",
      ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
    });
    const fetch = mergeRoutes(issuer.routes, index.routes, github.routes);
    const secrets = () => [
      issuer.requestToken,
      ...issuer.issued.map((i) => i.jwt),
      ...tp.minted.map((m) => m.token),
    ];
    return { issuer, tp, index, github, env: e, fetch, secrets };
  }

  it("prints the actual claims next to the expected ones; no token is printed", async () => {
    const repo = acmeDemo();
    const w = await actions();
    const r = await doctorJson(repo.dir, [], w.env, w.fetch);
    expect(r.json.trusted_publishing.audience).toBe("pypi");
    expect(r.json.trusted_publishing.claims).toMatchObject({
      repository: "acme/demo",
      repository_owner: "acme",
      repository_owner_id: "1001",
      job_workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
      workflow_ref: "acme/demo/.github/workflows/release.yml@refs/heads/main",
      ref: "refs/heads/main",
      environment: "pypi",
      event_name: "push",
    });
    expect(r.json.trusted_publishing.expected).toEqual({
      provider: "github",
      owner: "acme",
      repository: "demo",
      workflow: "release.yml",
      environment: "pypi",
    });
    expect(r.row("publish.trusted_publisher")?.status).toBe("ok");
    expect(r.row("publish.credentials")?.message).toContain("trusted publishing");
    expect(r.row("forge.access")?.status).toBe("ok");
    expect(r.json.trusted_publishing.exchange).toBe("not-run");
    expect(w.issuer.issued.map((i) => i.audience)).toEqual(["pypi"]);
    expect(w.tp.minted).toEqual([]);
    const human = await releasio(repo.dir, ["doctor"], w.env, w.fetch);
    expect(human.stdout).toMatch(/repository_owner\s+acme\s+\(expected acme\)/);
    expectNoSecrets([r.stdout, r.stderr, human.stdout, human.stderr], w.secrets());
  });

  it("marks a mismatching environment and warns about a reusable workflow", async () => {
    const repo = acmeDemo();
    const w = await actions({
      claims: {
        environment: "staging",
        job_workflow_ref: "acme/demo/.github/workflows/publish.yml@refs/heads/main",
      },
    });
    const r = await doctorJson(repo.dir, [], w.env, w.fetch);
    expect(r.json.warnings.map((x) => x.code)).toContain("W_TP_REUSABLE_WORKFLOW");
    const tp = r.row("publish.trusted_publisher")!;
    expect(tp.status).toBe("warn");
    expect(tp.message).toContain("claim environment is staging but the publisher expects pypi");
    const human = await releasio(repo.dir, ["doctor"], w.env, w.fetch);
    expect(human.stdout).toMatch(/✗ environment\s+staging/);
    expectNoSecrets([r.stdout, r.stderr, human.stdout, human.stderr], w.secrets());
  });

  it("--exchange reports ok when the index accepts the token, and discards the minted token", async () => {
    const repo = acmeDemo();
    const w = await actions();
    const r = await doctorJson(repo.dir, ["--exchange"], w.env, w.fetch);
    expect(r.json.trusted_publishing.exchange).toBe("ok");
    expect(r.row("publish.credentials")?.status).toBe("ok");
    expect(w.tp.minted).toHaveLength(1);
    expect(r.code).toBe(0);
    expectNoSecrets([r.stdout, r.stderr], w.secrets());
  });

  it("--exchange reports failed with the index's error when no publisher matches; exit 1", async () => {
    const repo = acmeDemo();
    const w = await actions({ publisherEnvironment: "release" });
    const r = await doctorJson(repo.dir, ["--exchange"], w.env, w.fetch);
    expect(r.json.trusted_publishing.exchange).toBe("failed");
    const row = r.row("publish.credentials")!;
    expect(row.status).toBe("fail");
    expect(row.message).toContain("E_TP_EXCHANGE");
    expect(r.code).toBe(1);
    expect(w.tp.minted).toEqual([]);
    expectNoSecrets([r.stdout, r.stderr], w.secrets());
  });
});

describe("doctor on GitLab CI and the CLI surface", () => {
  it("prints the GitLab claims of the job's PYPI_ID_TOKEN without printing the token", async () => {
    const issuer = await startFakeOidcIssuer();
    try {
      const jwt = await issuer.mint("pypi", gitlabClaims({ environment: "pypi" }));
      const repo = f0();
      repo.git("remote", "set-url", "origin", "https://gitlab.com/acme/demo.git");
      const r = await doctorJson(
        repo.dir,
        [],
        gitlabJobEnv({ PYPI_ID_TOKEN: jwt, CI_ENVIRONMENT_NAME: "pypi" }),
      );
      // PyPI's GitLab publisher: namespace, project, top-level pipeline file and environment, from the job.
      expect(r.json.trusted_publishing.expected).toEqual({
        provider: "gitlab",
        owner: "acme",
        repository: "demo",
        workflow: ".gitlab-ci.yml",
        environment: "pypi",
      });
      expect(r.row("publish.trusted_publisher")?.message).toContain(
        "Namespace acme (CI_PROJECT_NAMESPACE); Project demo (CI_PROJECT_NAME); Pipeline file .gitlab-ci.yml (CI_CONFIG_PATH); Environment pypi (CI_ENVIRONMENT_NAME)",
      );
      expect(r.json.trusted_publishing.claims).toEqual({
        project_path: "acme/demo",
        ci_config_ref_uri: "gitlab.com/acme/demo//.gitlab-ci.yml@refs/heads/main",
        ref_path: "refs/heads/main",
        environment: "pypi",
      });
      expect(r.row("forge.token")?.message).toContain("GitLab");
      expect(r.row("publish.credentials")?.status).toBe("ok");
      expect(r.row("publish.trusted_publisher")?.status).toBe("ok");
      expectNoSecrets([r.stdout, r.stderr], [jwt, "glpat-localtest0001"]);
    } finally {
      await issuer.close();
    }
  });

  it("in a pipeline whose top-level file is not .gitlab-ci.yml, reads the one CI_CONFIG_PATH names", async () => {
    const repo = f0();
    const pipeline =
      "publish:\n  environment: pypi\n  id_tokens:\n    PYPI_ID_TOKEN: { aud: pypi }\n  script: releasio release -x\n";
    repo.commit("ci: pipeline", { files: { "ci/main.yml": pipeline } });
    repo.git("remote", "set-url", "origin", "https://gitlab.com/acme/demo.git");
    const e = gitlabJobEnv({ CI_CONFIG_PATH: "ci/main.yml", CI_JOB_NAME: "doctor" });
    const r = await doctorJson(repo.dir, [], e);
    expect(r.json.trusted_publishing.expected).toMatchObject({
      workflow: "ci/main.yml",
      environment: "pypi",
    });
    const row = r.row("publish.trusted_publisher");
    expect(row?.message).toContain("Environment pypi (environment of job 'publish' in ci/main.yml)");
    expect(row?.message).not.toContain("no job of the pipeline");
  });

  it("finds the publishing job in a child pipeline a trigger job starts; the publisher still names the top-level file", async () => {
    const repo = f0();
    const parent = [
      "variables:",
      "  RELEASIO_PUBLISH_REGISTRY: testpypi",
      "tests:",
      "  script: pytest",
      "release:",
      "  trigger:",
      "    include: ci/release.yml",
      "    strategy: depend",
      "",
    ].join("\n");
    const child = [
      "include:",
      "  - local: ci/tokens.yml",
      "publish:",
      "  environment: testpypi",
      "  script: releasio release -x",
      "",
    ].join("\n");
    const tokens = "default:\n  id_tokens:\n    TESTPYPI_ID_TOKEN: { aud: testpypi }\n";
    repo.commit("ci: release in a child pipeline", {
      files: { ".gitlab-ci.yml": parent, "ci/release.yml": child, "ci/tokens.yml": tokens },
    });
    repo.git("remote", "set-url", "origin", "https://gitlab.com/acme/demo.git");
    const e = gitlabJobEnv({ CI_JOB_NAME: "tests", RELEASIO_PUBLISH_REGISTRY: "testpypi" });
    const r = await doctorJson(repo.dir, [], e);
    // ci_config_ref_uri names the top-level pipeline file in a child pipeline too.
    expectGitLabPublisher(r, "testpypi", "environment of job 'publish' in ci/release.yml");
    expect(r.json.warnings).toEqual([]);

    // The child's default: no longer gives the job its ID token: the check fails, naming the child's job.
    repo.write("ci/tokens.yml", "default:\n  image: python:3.12\n");
    const untokened = await doctorJson(repo.dir, [], e);
    expect(untokened.code).toBe(1);
    expect(untokened.row("publish.trusted_publisher")?.message).toContain(
      "job 'publish' in ci/release.yml declares no TESTPYPI_ID_TOKEN in id_tokens",
    );

    // A child pipeline file that is not there is reported with the job that triggers it.
    repo.write(".gitlab-ci.yml", parent.replace("ci/release.yml", "ci/gone.yml"));
    const gone = await doctorJson(repo.dir, [], e);
    expect(gone.json.warnings).toContainEqual(
      expect.objectContaining({
        code: "W_WORKFLOW_UNREADABLE",
        message:
          "ci/gone.yml is not a readable pipeline file: triggered by job 'release' in .gitlab-ci.yml, but not found",
      }),
    );
    expect(gone.row("publish.trusted_publisher")?.message).toContain("no job of the pipeline runs releasio");

    // A child that triggers itself is read once; GitLab stops two levels down anyway.
    repo.write(".gitlab-ci.yml", parent);
    repo.write("ci/tokens.yml", tokens);
    repo.write("ci/release.yml", `${child}again:\n  trigger:\n    include: ci/release.yml\n`);
    const looped = await doctorJson(repo.dir, [], e);
    expect(looped.row("publish.trusted_publisher")?.status).toBe("ok");
    expect(looped.json.warnings).toEqual([]);
  });

  it("compares the claims as the index does: run from another job, the environment's case differs", async () => {
    const issuer = await startFakeOidcIssuer();
    try {
      // doctor runs in its own job (environment pypi); the publishing job's environment is PyPI.
      const jwt = await issuer.mint("pypi", gitlabClaims({ environment: "pypi" }));
      const repo = f0();
      const pipeline = [
        "release:",
        "  environment: PyPI",
        "  id_tokens:",
        "    PYPI_ID_TOKEN: { aud: pypi }",
        "  script: releasio release -x",
        "doctor:",
        "  environment: pypi",
        "  id_tokens:",
        "    PYPI_ID_TOKEN: { aud: pypi }",
        "  script: releasio doctor",
      ].join("\n");
      repo.commit("ci: pipeline", { files: { ".gitlab-ci.yml": `${pipeline}\n` } });
      repo.git("remote", "set-url", "origin", "https://gitlab.com/acme/demo.git");
      const e = gitlabJobEnv({
        PYPI_ID_TOKEN: jwt,
        CI_PROJECT_NAMESPACE: "ACME",
        CI_JOB_NAME: "doctor",
        CI_ENVIRONMENT_NAME: "pypi",
      });
      const r = await doctorJson(repo.dir, [], e);
      expect(r.json.trusted_publishing.expected.environment).toBe("PyPI");
      const row = r.row("publish.trusted_publisher");
      // The project path is compared ignoring case (ACME/demo and acme/demo), the environment with its case.
      expect(row?.status).toBe("warn");
      expect(row?.message).toContain("claim environment is pypi but the publisher expects PyPI");
      expect(row?.message).not.toContain("claim project_path");
      const human = await releasio(repo.dir, ["doctor"], e);
      expect(human.stdout).toContain("✗ environment          pypi  (expected PyPI)");
      expect(human.stdout).toMatch(/ {3}project_path {9}acme\/demo {2}\(expected ACME\/demo\)/);
      expectNoSecrets([r.stdout, r.stderr, human.stdout, human.stderr], [jwt, "glpat-localtest0001"]);
    } finally {
      await issuer.close();
    }
  });

  it("outside CI, a GitLab project's publisher comes from its remote and its .gitlab-ci.yml, on GitLab's form", async () => {
    const repo = f0();
    const pipeline =
      "release:\n  environment: pypi\n  id_tokens:\n    PYPI_ID_TOKEN:\n      aud: pypi\n  script: releasio release -x\n";
    repo.commit("ci: pipeline", { files: { ".gitlab-ci.yml": pipeline } });
    repo.git("remote", "set-url", "origin", "https://gitlab.com/acme/tools/demo.git");
    const r = await doctorJson(repo.dir, [], env({ GITLAB_TOKEN: "glpat-localtest0001" }));
    expect(r.json.trusted_publishing.expected).toEqual({
      provider: "gitlab",
      owner: "acme/tools",
      repository: "demo",
      workflow: ".gitlab-ci.yml",
      environment: "pypi",
    });
    expect(r.json.trusted_publishing.add_publisher_url).toBe(
      "https://pypi.org/manage/project/demo/settings/publishing/?provider=gitlab&namespace=acme%2Ftools&project=demo&workflow_filepath=.gitlab-ci.yml",
    );
    const row = r.row("publish.trusted_publisher");
    expect(row?.status).toBe("ok");
    expect(row?.message).toContain("Namespace acme/tools (remote origin); Project demo (remote origin)");
    expect(row?.message).not.toContain(".github/workflows");

    const human = await releasio(repo.dir, ["doctor"], env({ GITLAB_TOKEN: "glpat-localtest0001" }));
    expect(human.stdout).toMatch(
      / {2}Namespace: {5}acme\/tools\n {2}Project: {7}demo\n {2}Pipeline file: .gitlab-ci.yml\n/,
    );
    expect(human.stdout).toContain("?provider=gitlab&namespace=acme%2Ftools");
    expect(human.stdout).not.toContain("Owner:");

    // Without a pipeline file nothing can publish yet: a warning, and how to declare the job's ID token.
    const bare = f0();
    bare.git("remote", "set-url", "origin", "https://gitlab.com/acme/demo.git");
    const none = await doctorJson(bare.dir, [], env({ GITLAB_TOKEN: "glpat-localtest0001" }));
    const warned = none.row("publish.trusted_publisher");
    expect(warned?.status).toBe("warn");
    expect(warned?.message).toContain("Pipeline file unknown (no .gitlab-ci.yml in the repository)");
    expect(warned?.hint).toContain("id_tokens:\n    PYPI_ID_TOKEN:\n      aud: pypi");
  });

  it("reads the pipeline's included files: the job `init` generates passes; a token for another audience fails", async () => {
    const repo = f0();
    repo.git("remote", "set-url", "origin", "git@gitlab.com:acme/demo.git");
    const init = await releasio(repo.dir, ["init", "--yes", "-x", "--environment", "release"], env());
    expect(init.code).toBe(0);
    const gitlabEnv = env({ GITLAB_TOKEN: "glpat-localtest0001" });
    // Written but not included yet: nothing runs it, and doctor says how to include it.
    const alone = (await doctorJson(repo.dir, [], gitlabEnv)).row("publish.trusted_publisher");
    expect(alone?.status).toBe("warn");
    expect(alone?.hint).toContain(
      "add a .gitlab-ci.yml that includes ci/releasio.gitlab-ci.yml:\ninclude:\n  - local: ci/releasio.gitlab-ci.yml",
    );
    repo.commit("ci: a pipeline of its own", { files: { ".gitlab-ci.yml": "test:\n  script: pytest\n" } });
    const unused = (await doctorJson(repo.dir, [], gitlabEnv)).row("publish.trusted_publisher");
    expect(unused?.message).toContain(
      "ci/releasio.gitlab-ci.yml holds releasio's jobs, but the pipeline does not include it",
    );
    expect(unused?.hint).toContain("add to .gitlab-ci.yml:\ninclude:\n  - local: ci/releasio.gitlab-ci.yml");
    repo.commit("ci: include the releasio pipeline", {
      files: { ".gitlab-ci.yml": "include:\n  - local: ci/releasio.gitlab-ci.yml\n" },
    });
    const gitlab = env({ GITLAB_TOKEN: "glpat-localtest0001" });
    const ok = await doctorJson(repo.dir, [], gitlab);
    expectGitLabPublisher(
      ok,
      "release",
      "environment of job 'releasio-release' in ci/releasio.gitlab-ci.yml",
    );

    // The token is declared for another audience: GitLab would issue one PyPI refuses.
    const included = repo.read("ci/releasio.gitlab-ci.yml").replace("aud: pypi", "aud: https://gitlab.com");
    repo.write("ci/releasio.gitlab-ci.yml", included);
    const wrong = await doctorJson(repo.dir, [], gitlab);
    expect(wrong.code).toBe(1);
    expect(wrong.row("publish.trusted_publisher")?.message).toContain(
      "job 'releasio-release' in ci/releasio.gitlab-ci.yml requests PYPI_ID_TOKEN for aud 'https://gitlab.com', but the index expects 'pypi'",
    );

    // An include that is not there is reported, and nothing publishes.
    repo.write(".gitlab-ci.yml", "include:\n  - local: ci/missing.yml\n");
    const missing = await doctorJson(repo.dir, [], gitlab);
    expect(missing.json.warnings).toContainEqual(
      expect.objectContaining({
        code: "W_WORKFLOW_UNREADABLE",
        message: "ci/missing.yml is not a readable pipeline file: included by .gitlab-ci.yml, but not found",
      }),
    );
    expect(missing.row("publish.trusted_publisher")?.message).toContain(
      "no job of the pipeline runs releasio release, do-release or publish",
    );
  });

  it("in a repository with no commits yet, still checks its remote, branch and identity", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.git("remote", "add", "origin", "https://github.com/acme/demo.git");
    repo.write("pyproject.toml", '[project]\nname = "demo"\nversion = "0.1.0"\n');
    const r = await doctorJson(repo.dir, [], env());
    expect(r.code).toBe(1);
    expect(r.row("git.repository")).toMatchObject({
      status: "fail",
      message: "E_EMPTY_REPO: the repository has no commits yet",
    });
    expect(r.row("git.remote")).toMatchObject({
      status: "ok",
      message: "origin: github.com acme/demo (github)",
    });
    expect(r.row("git.branch")).toMatchObject({ status: "ok", message: "on release branch 'main'" });
    expect(r.row("git.identity")?.status).toBe("ok");
    expect(r.row("git.clean")?.message).toContain("pyproject.toml");
    for (const id of ["git.shallow", "git.tags", "project.version", "project.files"]) {
      expect(r.row(id)).toMatchObject({ status: "skip", message: "the repository has no commits yet" });
    }
    expect(r.json.trusted_publishing.expected).toMatchObject({ owner: "acme", repository: "demo" });
  });

  it("is read-only (--execute is refused with exit 2) and --help shows examples", async () => {
    const repo = f0();
    const refused = await releasio(repo.dir, ["doctor", "-x", "--json"], env());
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.code).toBe("E_USAGE");
    const help = await releasio(repo.dir, ["doctor", "--help"], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--exchange");
    expect(help.stdout).toContain("Examples:");
  });
});
