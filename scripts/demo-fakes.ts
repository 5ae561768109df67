/**
 * The local stand-ins of `npm run demo`: the test suite's strict fakes of GitHub, PyPI (with trusted publishing),
 * the GitHub Actions OIDC issuer and Sigstore, all on 127.0.0.1. The demo runs the built CLI as a child process,
 * so nothing can be routed through `fetch`: releasio is pointed at the loopback origins through the configuration
 * keys and environment variables it accepts for local stand-ins (`github.api_url`, `publish.registry` with
 * `publish.allow_http_localhost`, `ACTIONS_ID_TOKEN_REQUEST_URL`, …), which `configToml` and `env` spell out.
 */
import { FAKE_GITHUB_TOKEN, type FakeGitHub, startFakeGitHub } from "../test/support/fake-github.js";
import { type FakeIndex, startFakeIndex } from "../test/support/fake-index.js";
import { type FakeOidcIssuer, githubClaims, startFakeOidcIssuer } from "../test/support/fake-oidc.js";
import { createTrustedPublishing } from "../test/support/fake-pypi-oidc.js";
import { type FakeSigstore, startFakeSigstore } from "../test/support/fake-sigstore.js";
import { type LoopbackServer, readBody, routeHosts, startLoopback } from "../test/support/loopback.js";

export interface DemoFakesOptions {
  /** The bare repository the fake GitHub reads branches, tags and commits from. */
  bare: string;
  owner?: string;
  repo?: string;
  /** The PyPI project the trusted publisher is registered for. */
  project: string;
  /** The workflow file the ID tokens claim to come from (the trusted publisher's workflow). */
  workflow?: string;
}

export interface DemoFakes {
  github: FakeGitHub;
  index: FakeIndex;
  issuer: FakeOidcIssuer;
  sigstore: FakeSigstore;
  /** Loopback values releasio is configured with. */
  urls: {
    githubApi: string;
    githubUploads: string;
    registry: string;
    checkUrl: string;
    fulcio: string;
    rekor: string;
  };
  /** `[github]` and `[publish]` tables pointing releasio at the fakes (no secrets). */
  configToml: string;
  /** The forge token (the fake's, never a real one). */
  forgeEnv: Record<string, string>;
  /** What a GitHub Actions job with `id-token: write` would offer (the fake issuer's endpoint). */
  actionsEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The fake GitHub tells its surfaces apart by the public host name (`x-forwarded-host`, defaulting to
 * api.github.com). A client given plain loopback URLs sends no such header, so the uploads surface gets its own
 * loopback origin that re-issues each request as `uploads.github.com` through the suite's host routing.
 */
async function uploadsFrontDoor(github: FakeGitHub): Promise<LoopbackServer> {
  const routed = routeHosts({ "uploads.github.com": github.origin });
  return startLoopback(async (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || name === "host" || name === "connection" || name === "content-length")
        continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const answer = await routed(`https://uploads.github.com${req.url ?? "/"}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: "manual",
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name))
        out[name] = value;
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, out);
    res.end(bytes);
  });
}

export async function startDemoFakes(options: DemoFakesOptions): Promise<DemoFakes> {
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "demo";
  const workflow = options.workflow ?? "release.yml";
  const opened: Array<{ close(): Promise<void> }> = [];
  const close = async () => {
    for (const server of opened.splice(0).reverse()) await server.close();
  };
  try {
    const github = await startFakeGitHub({ bare: options.bare, owner, repo });
    opened.push(github);
    const uploads = await uploadsFrontDoor(github);
    opened.push(uploads);
    const issuer = await startFakeOidcIssuer({
      claims: githubClaims({
        repository: `${owner}/${repo}`,
        repository_owner: owner,
        workflow_ref: `${owner}/${repo}/.github/workflows/${workflow}@refs/heads/main`,
        job_workflow_ref: `${owner}/${repo}/.github/workflows/${workflow}@refs/heads/main`,
      }),
    });
    opened.push(issuer);
    const sigstore = await startFakeSigstore({ issuer });
    opened.push(sigstore);
    const trustedPublishing = createTrustedPublishing({
      issuer,
      publishers: [{ owner, repository: repo, workflow, project: options.project }],
      existingProjects: [options.project],
    });
    const index = await startFakeIndex({ trustedPublishing, projects: { [options.project]: {} } });
    opened.push(index);

    const urls = {
      githubApi: github.origin,
      githubUploads: uploads.origin,
      registry: `${index.origin}/legacy/`,
      checkUrl: `${index.origin}/simple/`,
      fulcio: sigstore.fulcioUrl,
      rekor: sigstore.rekorUrl,
    };
    const configToml = [
      "[github]",
      `owner = "${owner}"`,
      `repo = "${repo}"`,
      `api_url = "${urls.githubApi}"`,
      `uploads_url = "${urls.githubUploads}"`,
      "# links in changelogs and release notes (the default derives them from api_url)",
      'server_url = "https://github.com"',
      "",
      "[publish]",
      `registry = "${urls.registry}"`,
      `check_url = "${urls.checkUrl}"`,
      "allow_http_localhost = true",
      `fulcio_url = "${urls.fulcio}"`,
      `rekor_url = "${urls.rekor}"`,
      "# a custom index gets no attestations under `auto`; the fake index accepts them",
      "attestations = true",
      "",
    ].join("\n");
    return {
      github,
      index,
      issuer,
      sigstore,
      urls,
      configToml,
      forgeEnv: { GITHUB_TOKEN: FAKE_GITHUB_TOKEN },
      actionsEnv: {
        GITHUB_ACTIONS: "true",
        ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
