import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveCredentials } from "../../../src/adapters/index/credentials.js";
import { type RegistryInfo, resolveRegistry } from "../../../src/adapters/index/registry.js";
import { type CommandContext, contextFrom } from "../../../src/commands/context.js";
import { DEFAULT_CONFIG, type ReleasioConfig } from "../../../src/core/config/schema.js";
import { rejected } from "../../support/caught.js";
import { type FakeOidcIssuer, startFakeOidcIssuer } from "../../support/fake-oidc.js";
import {
  createTrustedPublishing,
  startTrustedPublishingStandIn,
  type TrustedPublishingHandler,
} from "../../support/fake-pypi-oidc.js";
import { mergeRoutes } from "../../support/loopback.js";
import { cleanupRepos, tempDir } from "../../support/repo.js";
import { expectNoSecrets } from "../../support/secrets.js";

const PUBLISHER = { owner: "acme", repository: "demo", workflow: "release.yml", project: "demo" };

let issuer: FakeOidcIssuer;
let tp: TrustedPublishingHandler;
let index: Awaited<ReturnType<typeof startTrustedPublishingStandIn>>;
let projects: string[];
let registered: string[];
let clock: number;

beforeAll(async () => {
  issuer = await startFakeOidcIssuer();
});
afterAll(async () => {
  await issuer.close();
  cleanupRepos();
});

beforeEach(async () => {
  issuer.issued.length = 0;
  issuer.requests.length = 0;
  projects = ["demo"];
  tp = createTrustedPublishing({
    issuer,
    publishers: [{ ...PUBLISHER }],
    projectExists: (p) => projects.includes(p),
  });
  index = await startTrustedPublishingStandIn(tp, () => projects);
  registered = [];
  clock = Date.now();
});
afterEach(async () => {
  await index.close();
});

function actionsEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HOME: tempDir("releasio-home-"),
    GITHUB_ACTIONS: "true",
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
    ...extra,
  };
}

function context(env: Record<string, string | undefined>): CommandContext {
  return contextFrom({
    cwd: tempDir(),
    env,
    now: () => new Date(clock),
    fetch: mergeRoutes(index.routes, issuer.routes),
    registerSecret: (value) => registered.push(value),
  });
}

function publishConfig(over: Partial<ReleasioConfig["publish"]> = {}): ReleasioConfig["publish"] {
  return { ...DEFAULT_CONFIG.publish, ...over };
}

function registry(over: Partial<ReleasioConfig["publish"]> = {}): RegistryInfo {
  return resolveRegistry(publishConfig(over), {});
}

const basic = (token: string) => `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;

describe("precedence (scenario 90)", () => {
  it("uses the minted token when OIDC is available, even with PYPI_TOKEN set", async () => {
    const ctx = context(actionsEnv({ PYPI_TOKEN: "pypi-configured-token-value" }));
    const { credentials, why } = await resolveCredentials(ctx, publishConfig(), registry(), {
      execute: true,
    });
    expect(credentials.kind).toBe("trusted-publishing");
    expect(credentials.source).toBe("github-actions");
    expect(why).toContain("takes precedence over PYPI_TOKEN");
    expect(issuer.requests).toEqual([]); // lazily, on first use
    const header = await credentials.authorization();
    expect(tp.minted).toHaveLength(1);
    expect(header).toBe(basic(tp.minted[0]!.token));
    expect(tp.authorize(tp.minted[0]!.token, "demo")).toEqual({ ok: true, via: "trusted-publishing" });
    expect(issuer.requests).toEqual([{ audience: "pypi", status: 200 }]);
    expect(await credentials.authorization()).toBe(header); // reused while fresh
    expect(tp.calls.filter((c) => c.path === "/_/oidc/mint-token")).toHaveLength(1);
  });

  it("uses PYPI_TOKEN when publish.trusted_publishing = false", async () => {
    const ctx = context(actionsEnv({ PYPI_TOKEN: "pypi-configured-token-value" }));
    const { credentials, why } = await resolveCredentials(
      ctx,
      publishConfig({ trusted_publishing: false }),
      registry(),
      {
        execute: true,
      },
    );
    expect(credentials).toMatchObject({ kind: "token", source: "PYPI_TOKEN" });
    expect(await credentials.authorization()).toBe(basic("pypi-configured-token-value"));
    expect(why).toContain("publish.trusted_publishing = false");
    expect(issuer.requests).toEqual([]);
    expect(tp.calls).toEqual([]);
  });

  it("skips an empty PYPI_TOKEN for UV_PUBLISH_TOKEN, then TWINE_PASSWORD, then ~/.pypirc", async () => {
    const env = { HOME: tempDir("releasio-home-"), PYPI_TOKEN: "", UV_PUBLISH_TOKEN: "pypi-uv-token-value" };
    let resolved = await resolveCredentials(context(env), publishConfig(), registry(), { execute: true });
    expect(resolved.credentials.source).toBe("UV_PUBLISH_TOKEN");
    expect(await resolved.credentials.authorization()).toBe(basic("pypi-uv-token-value"));

    resolved = await resolveCredentials(
      context({ ...env, UV_PUBLISH_TOKEN: " ", TWINE_PASSWORD: "pypi-twine-token-value" }),
      publishConfig(),
      registry(),
      { execute: true },
    );
    expect(resolved.credentials.source).toBe("TWINE_PASSWORD");

    writeFileSync(
      join(env.HOME, ".pypirc"),
      "[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = pypi-rc-token-value\n",
    );
    resolved = await resolveCredentials(context({ HOME: env.HOME }), publishConfig(), registry(), {
      execute: true,
    });
    expect(resolved.credentials.source).toBe("~/.pypirc");
    expect(resolved.why).toContain("~/.pypirc section [pypi]");
    expect(await resolved.credentials.authorization()).toBe(basic("pypi-rc-token-value"));
  });

  it("fails with E_CREDENTIALS_MISSING saying why trusted publishing was unavailable", async () => {
    const error = await rejected(
      resolveCredentials(context({ HOME: tempDir() }), publishConfig(), registry(), { execute: true }),
    );
    expect(error.code).toBe("E_CREDENTIALS_MISSING");
    expect(error.exitCode).toBe(1);
    expect(error.message).toBe(
      "no credentials for PyPI: trusted publishing unavailable (not running in GitHub Actions or GitLab CI, which issue OIDC ID tokens) and no token in PYPI_TOKEN, UV_PUBLISH_TOKEN, TWINE_PASSWORD or ~/.pypirc",
    );
  });
});

describe("missing permission (scenario 88) and required", () => {
  it("inside Actions without ACTIONS_ID_TOKEN_REQUEST_* and without tokens mentions id-token: write", async () => {
    const env = actionsEnv({
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
    });
    const error = await rejected(
      resolveCredentials(context(env), publishConfig(), registry(), { execute: true }),
    );
    expect(error.code).toBe("E_CREDENTIALS_MISSING");
    expect(error.message).toContain("id-token: write");
    expect(error.hint).toContain("permissions:\n  id-token: write");
  });

  it('trusted_publishing = "required" without an ID token is E_TP_TOKEN_REQUEST with the permissions snippet', async () => {
    const env = actionsEnv({
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      PYPI_TOKEN: "pypi-configured-token-value",
    });
    const error = await rejected(
      resolveCredentials(context(env), publishConfig({ trusted_publishing: "required" }), registry(), {
        execute: false,
      }),
    );
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toContain("the job lacks the id-token: write permission");
    expect(error.hint).toContain("permissions:\n  id-token: write\n  contents: write");
  });

  it('trusted_publishing = "required" outside CI is E_TP_TOKEN_REQUEST', async () => {
    const error = await rejected(
      resolveCredentials(
        context({ HOME: tempDir() }),
        publishConfig({ trusted_publishing: "required" }),
        registry(),
        {
          execute: false,
        },
      ),
    );
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
  });
});

describe("fork pull requests (scenario 89)", () => {
  function eventFile(event: unknown): string {
    const dir = tempDir();
    const path = join(dir, "event.json");
    writeFileSync(path, JSON.stringify(event));
    return path;
  }

  it("refuses a pull_request from a fork before requesting any ID token", async () => {
    const env = actionsEnv({
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: eventFile({
        pull_request: {
          head: { repo: { fork: true, full_name: "mallory/demo" } },
          base: { repo: { full_name: "acme/demo" } },
        },
      }),
    });
    for (const execute of [false, true]) {
      const error = await rejected(
        resolveCredentials(context(env), publishConfig(), registry(), { execute, exchangeNow: true }),
      );
      expect(error.code).toBe("E_TP_FORK");
      expect(error.message).toBe("trusted publishing is refused for pull_request from a fork");
    }
    expect(issuer.requests).toEqual([]);
    expect(tp.calls).toEqual([]);
  });

  it("refuses pull_request_target in every case and lets same-repository pull requests through", async () => {
    const same = {
      pull_request: {
        head: { repo: { fork: false, full_name: "acme/demo" } },
        base: { repo: { full_name: "acme/demo" } },
      },
    };
    const target = actionsEnv({
      GITHUB_EVENT_NAME: "pull_request_target",
      GITHUB_EVENT_PATH: eventFile(same),
    });
    expect(
      (await rejected(resolveCredentials(context(target), publishConfig(), registry(), { execute: false })))
        .code,
    ).toBe("E_TP_FORK");
    const pr = actionsEnv({ GITHUB_EVENT_NAME: "pull_request", GITHUB_EVENT_PATH: eventFile(same) });
    const { credentials } = await resolveCredentials(context(pr), publishConfig(), registry(), {
      execute: false,
    });
    expect(credentials.kind).toBe("trusted-publishing");
  });
});

describe("dry run and the exchange", () => {
  it("a dry run explains the choice without requesting an ID token or exchanging", async () => {
    const { credentials, why } = await resolveCredentials(
      context(actionsEnv()),
      publishConfig(),
      registry(),
      {
        execute: false,
        exchangeNow: true,
      },
    );
    expect(why).toContain("trusted publishing: GitHub Actions can issue an OIDC ID token");
    expect(why).toContain("audience 'pypi'");
    await expect(credentials.authorization()).rejects.toThrow(/dry run/);
    expect(issuer.requests).toEqual([]);
    expect(tp.calls.map((c) => c.path)).toEqual(["/_/oidc/audience"]);
  });

  it("publisher not found (scenario 87): E_TP_EXCHANGE with the claims and the checklist, no fallback to PYPI_TOKEN", async () => {
    tp.publishers[0]!.workflow = "publish.yml";
    issuer.claims.environment = undefined;
    const ctx = context(actionsEnv({ PYPI_TOKEN: "pypi-configured-token-value" }));
    const error = await rejected(
      resolveCredentials(ctx, publishConfig(), registry(), {
        execute: true,
        exchangeNow: true,
        project: "demo",
      }),
    );
    expect(error.code).toBe("E_TP_EXCHANGE");
    expect(error.exitCode).toBe(1);
    for (const text of [
      "Publisher not found",
      "`invalid-publisher`: valid token, but no corresponding publisher (Publisher with matching claims was not found)",
      "  repository: acme/demo",
      "  repository_owner: acme",
      "  repository_owner_id: 1001",
      "  workflow file: release.yml",
      "  ref: refs/heads/main",
      "  environment: MISSING",
      "Owner name matches exactly (case-sensitive)",
      "Repository name matches exactly",
      "Workflow filename matches (e.g., `release.yml`)",
      "Environment name matches (if configured)",
      "Publishing from correct branch",
      "https://pypi.org/manage/project/demo/settings/publishing/?provider=github&owner=acme&repository=demo&workflow_filename=release.yml",
    ]) {
      expect(error.message).toContain(text);
    }
    expect(error.hint).toContain("trusted_publishing = false");
    expectNoSecrets(
      [error.message, error.hint ?? "", JSON.stringify(error.details)],
      [...issuer.issued.map((i) => i.jwt), "pypi-configured-token-value"],
    );
  });

  it("explains pending publishers when the project is not on the index yet", async () => {
    projects = [];
    tp.publishers[0]!.owner = "someone-else";
    const error = await rejected(
      resolveCredentials(context(actionsEnv()), publishConfig(), registry(), {
        execute: true,
        exchangeNow: true,
        project: "demo",
      }),
    );
    expect(error.message).toContain("Pending publisher: demo does not exist on PyPI yet");
    expect(error.message).toContain("https://pypi.org/manage/account/publishing/");
  });

  it("a pending publisher creates the project; for an existing project it is invalid-pending-publisher", async () => {
    tp.publishers[0]!.pending = true;
    const error = await rejected(
      resolveCredentials(context(actionsEnv()), publishConfig(), registry(), {
        execute: true,
        exchangeNow: true,
        project: "demo",
      }),
    );
    expect(error.message).toContain("`invalid-pending-publisher`: valid token, but project already exists");
    expect(error.message).toContain("Add a normal trusted publisher to the existing project");
    projects = [];
    const { credentials } = await resolveCredentials(context(actionsEnv()), publishConfig(), registry(), {
      execute: true,
      exchangeNow: true,
    });
    expect(tp.authorize(tp.minted[0]!.token, "demo").ok).toBe(true);
    expect(credentials.kind).toBe("trusted-publishing");
  });

  it("an environment on the publisher must match the job's environment, ignoring case", async () => {
    tp.publishers[0]!.environment = "release";
    const ctx = context(actionsEnv());
    await expect(
      resolveCredentials(ctx, publishConfig(), registry(), { execute: true, exchangeNow: true }),
    ).rejects.toThrow(/Publisher not found/);
    issuer.claims.environment = "Release";
    await resolveCredentials(ctx, publishConfig(), registry(), { execute: true, exchangeNow: true });
    expect(tp.minted).toHaveLength(1);
    issuer.claims.environment = undefined;
  });

  it("an index without trusted publishing is E_TP_UNSUPPORTED, or a token upload with a warning when one is configured", async () => {
    tp.mode = "unsupported";
    const error = await rejected(
      resolveCredentials(context(actionsEnv()), publishConfig(), registry(), { execute: true }),
    );
    expect(error.code).toBe("E_TP_UNSUPPORTED");
    expect(error.message).toContain(
      "PyPI does not support trusted publishing (audience endpoint returned 404)",
    );
    const resolved = await resolveCredentials(
      context(actionsEnv({ PYPI_TOKEN: "pypi-configured-token-value" })),
      publishConfig(),
      registry(),
      { execute: true },
    );
    expect(resolved.credentials.source).toBe("PYPI_TOKEN");
    expect(resolved.warnings.map((w) => w.code)).toEqual(["W_TP_UNSUPPORTED"]);
    tp.mode = "disabled";
    const required = await rejected(
      resolveCredentials(
        context(actionsEnv({ PYPI_TOKEN: "x-token-value" })),
        publishConfig({ trusted_publishing: "required" }),
        registry(),
        { execute: true },
      ),
    );
    expect(required.message).toContain("audience endpoint returned 403");
  });

  it("publish.registry = testpypi uses the TestPyPI audience", async () => {
    const test = createTrustedPublishing({ issuer, audience: "testpypi", publishers: [{ ...PUBLISHER }] });
    const standIn = await startTrustedPublishingStandIn(test);
    try {
      const ctx = contextFrom({
        env: actionsEnv(),
        fetch: mergeRoutes(standIn.routes, issuer.routes),
        registerSecret: () => {},
      });
      const { credentials } = await resolveCredentials(
        ctx,
        publishConfig(),
        resolveRegistry(publishConfig({ registry: "testpypi" }), {}),
        {
          execute: true,
          exchangeNow: true,
        },
      );
      expect(credentials.kind).toBe("trusted-publishing");
      expect(issuer.requests).toEqual([{ audience: "testpypi", status: 200 }]);
    } finally {
      await standIn.close();
    }
  });
});

describe("renewal (scenario 113) and secrets", () => {
  it("renews with a fresh ID token when 5 minutes or less remain; never exchanges an ID token twice", async () => {
    const { credentials } = await resolveCredentials(context(actionsEnv()), publishConfig(), registry(), {
      execute: true,
    });
    const first = await credentials.authorization();
    // The index states expiry in whole seconds of its own clock: count from what it stated.
    const expiresAt = tp.minted[0]!.expiresAt;
    clock = expiresAt - 6 * 60 * 1000; // 6 minutes left: still fresh
    expect(await credentials.authorization()).toBe(first);
    clock = expiresAt - 5 * 60 * 1000; // 5 minutes left: renewed
    const second = await credentials.authorization();
    expect(second).not.toBe(first);
    expect(issuer.requests.map((r) => r.audience)).toEqual(["pypi", "pypi"]);
    expect(new Set(issuer.issued.map((i) => i.jwt)).size).toBe(2);
    expect(tp.calls.filter((c) => c.path === "/_/oidc/mint-token").map((c) => c.status)).toEqual([200, 200]);
  });

  it("renews after the index reports expiry (invalidate) and serialises concurrent renewals", async () => {
    const { credentials } = await resolveCredentials(context(actionsEnv()), publishConfig(), registry(), {
      execute: true,
    });
    const [a, b] = await Promise.all([credentials.authorization(), credentials.authorization()]);
    expect(a).toBe(b);
    tp.expireAll();
    expect(tp.authorize(tp.minted[0]!.token, "demo")).toMatchObject({
      status: 403,
      message: "Invalid API Token: token is expired",
    });
    credentials.invalidate();
    const renewed = await credentials.authorization();
    expect(renewed).toBe(basic(tp.minted[1]!.token));
    expect(tp.minted).toHaveLength(2);
  });

  it("the fake refuses a reused ID token with invalid-reuse-token, and the message says so", async () => {
    const jwt = await issuer.mint("pypi");
    const post = () =>
      mergeRoutes(index.routes)("https://upload.pypi.org/_/oidc/mint-token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: jwt }),
      });
    expect((await post()).status).toBe(200);
    const again = await post();
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({
      message: "Token request failed",
      errors: [{ code: "invalid-reuse-token", description: "invalid token: already used" }],
    });
  });

  it("registers every secret before use and lists them in secrets(); none appears in why texts", async () => {
    const ctx = context(actionsEnv({ PYPI_TOKEN: "pypi-configured-token-value" }));
    const { credentials, why } = await resolveCredentials(ctx, publishConfig(), registry(), {
      execute: true,
    });
    const header = await credentials.authorization();
    const secrets = credentials.secrets();
    expect(secrets).toContain(issuer.issued[0]!.jwt);
    expect(secrets).toContain(tp.minted[0]!.token);
    expect(secrets).toContain(header.slice("Basic ".length));
    for (const s of secrets) expect(registered).toContain(s);
    expect(registered.indexOf(issuer.issued[0]!.jwt)).toBeLessThan(registered.indexOf(tp.minted[0]!.token));
    expectNoSecrets([why], [...secrets, "pypi-configured-token-value", issuer.requestToken]);
  });
});

describe("GitLab CI", () => {
  it("exchanges PYPI_ID_TOKEN and cannot renew it (one ID token per job)", async () => {
    const { gitlabClaims } = await import("../../support/fake-oidc.js");
    tp.publishers.push({
      owner: "acme",
      repository: "demo",
      workflow: ".gitlab-ci.yml",
      project: "demo",
      provider: "gitlab",
    });
    const jwt = await issuer.mint("pypi", gitlabClaims());
    const env = { HOME: tempDir(), GITLAB_CI: "true", PYPI_ID_TOKEN: jwt };
    const { credentials } = await resolveCredentials(context(env), publishConfig(), registry(), {
      execute: true,
    });
    expect(credentials.source).toBe("gitlab-ci");
    await credentials.authorization();
    expect(tp.minted).toHaveLength(1);
    credentials.invalidate();
    const error = await rejected(credentials.authorization());
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toContain("one ID token per job");
  });

  it("without the id_tokens variable: E_TP_TOKEN_REQUEST when required, with the id_tokens snippet", async () => {
    const env = { HOME: tempDir(), GITLAB_CI: "true" };
    const error = await rejected(
      resolveCredentials(
        context(env),
        publishConfig({ trusted_publishing: "required", registry: "testpypi" }),
        registry({ registry: "testpypi" }),
        { execute: true },
      ),
    );
    expect(error.code).toBe("E_TP_TOKEN_REQUEST");
    expect(error.message).toBe(
      "Token request failed: TESTPYPI_ID_TOKEN is not set: add id_tokens: TESTPYPI_ID_TOKEN: aud: testpypi to the job",
    );
    expect(error.hint).toContain("  id_tokens:\n    TESTPYPI_ID_TOKEN:\n      aud: testpypi");
    const missing = await rejected(
      resolveCredentials(context(env), publishConfig(), registry(), { execute: true }),
    );
    expect(missing.message).toContain("inside GitLab CI without PYPI_ID_TOKEN");
  });
});

describe("~/.pypirc section choice", () => {
  it("publish.repository selects the ~/.pypirc section; usernames other than __token__ are refused", async () => {
    const home = tempDir("releasio-home-");
    mkdirSync(home, { recursive: true });
    writeFileSync(
      join(home, ".pypirc"),
      "[pypi]\nusername = alice\npassword = secret-password\n\n[corp]\nrepository = https://upload.pypi.org/legacy/\nusername: __token__\npassword: pypi-corp-token-value\n",
    );
    const chosen = await resolveCredentials(
      context({ HOME: home }),
      publishConfig({ repository: "corp" }),
      registry(),
      {
        execute: true,
      },
    );
    expect(await chosen.credentials.authorization()).toBe(basic("pypi-corp-token-value"));
    // by URL: the [corp] section's repository equals the upload URL, found before [pypi]
    const byUrl = await resolveCredentials(context({ HOME: home }), publishConfig(), registry(), {
      execute: true,
    });
    expect(byUrl.why).toContain("[corp]");
    writeFileSync(join(home, ".pypirc"), "[pypi]\nusername = alice\npassword = secret-password\n");
    const error = await rejected(
      resolveCredentials(context({ HOME: home }), publishConfig(), registry(), { execute: true }),
    );
    expect(error.code).toBe("E_CREDENTIALS_MISSING");
    expect(error.message).toContain("username 'alice'");
    expectNoSecrets([error.message], ["secret-password"]);
  });
});
