/**
 * Resolves how uploads authenticate (PRODUCT.md §7.3): trusted publishing when the CI can issue an ID token and
 * `publish.trusted_publishing` is not false (it wins over any configured token, as the seed requires), else the
 * first API token of PYPI_TOKEN › UV_PUBLISH_TOKEN › TWINE_PASSWORD › ~/.pypirc. A failed exchange is an error,
 * never a silent fallback. Minted tokens are renewed with a fresh ID token when ≤ 5 minutes remain.
 */
import type { CommandContext } from "../../commands/context.js";
import type { ReleasioConfig } from "../../core/config/schema.js";
import { ReleasioError, type Warning } from "../../core/errors.js";
import {
  type CiFlavour,
  type CredentialFacts,
  decideCredentials,
  type TokenSource,
} from "../../core/publish/credential-order.js";
import {
  credentialsMissingError,
  gitlabIdTokenVariable,
  gitlabTokenAudience,
  tokenRequestError,
} from "../../core/publish/tp-errors.js";
import { discoverAudience } from "../oidc/audience.js";
import { refuseUntrustedEvent } from "../oidc/fork-events.js";
import { githubIdTokenAvailable, requestGitHubIdToken } from "../oidc/github-id-token.js";
import { gitlabIdTokenAvailable, readGitLabIdToken } from "../oidc/gitlab-id-token.js";
import { type MintedToken, mintToken } from "../oidc/mint-token.js";
import type { IndexCredentials } from "./credentials-port.js";
import { readPypirc } from "./pypirc.js";
import type { RegistryInfo } from "./registry.js";

/** Renew a minted token when this little of its life remains (twine's TOKEN_RENEWAL_THRESHOLD). */
export const RENEWAL_THRESHOLD_MS = 5 * 60 * 1000;

export interface CredentialResolution {
  credentials: IndexCredentials;
  /** One sentence explaining the choice (shown by doctor, `publish` and the dry-run plan). */
  why: string;
  warnings: Warning[];
}

export interface ResolveOptions {
  /** Dry runs decide and explain but never request an ID token nor exchange one. */
  execute: boolean;
  /** Exchange at once (release preflight), so "publisher not found" fails before any tag exists. */
  exchangeNow?: boolean;
  /** The project being published: enables the pending-publisher explanation. */
  project?: string | null;
}

type PublishKeys = Pick<ReleasioConfig["publish"], "trusted_publishing" | "repository">;

const ENV_SOURCES = ["PYPI_TOKEN", "UV_PUBLISH_TOKEN", "TWINE_PASSWORD"] as const;

function envValue(env: CommandContext["env"], name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

const truthy = (value: string | undefined) => value !== undefined && value !== "" && value !== "false";

/** The audience an index is known to use without asking it (GitLab needs it to name the variable). */
function knownAudience(registry: Pick<RegistryInfo, "name">): string | null {
  return registry.name;
}

async function oidcFacts(
  ctx: CommandContext,
  registry: RegistryInfo,
): Promise<{ facts: CredentialFacts["oidc"]; audience: string | null }> {
  if (truthy(ctx.env.GITHUB_ACTIONS)) {
    if (githubIdTokenAvailable(ctx.env))
      return { facts: { available: true, ci: "github-actions" }, audience: null };
    const missing = ctx.env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim()
      ? "ACTIONS_ID_TOKEN_REQUEST_TOKEN"
      : "ACTIONS_ID_TOKEN_REQUEST_URL";
    return {
      facts: {
        available: false,
        ci: "github-actions",
        why: `inside GitHub Actions without ${missing}: the job lacks the id-token: write permission`,
      },
      audience: null,
    };
  }
  if (truthy(ctx.env.GITLAB_CI)) {
    let audience = knownAudience(registry);
    if (audience === null) {
      try {
        audience = await discoverAudience(ctx, registry);
      } catch (error) {
        const why = error instanceof ReleasioError ? error.message : "audience discovery failed";
        return { facts: { available: false, ci: "gitlab-ci", why }, audience: null };
      }
    }
    if (gitlabIdTokenAvailable(ctx.env, audience))
      return { facts: { available: true, ci: "gitlab-ci" }, audience };
    return {
      facts: {
        available: false,
        ci: "gitlab-ci",
        why: `inside GitLab CI without ${gitlabIdTokenVariable(audience)}: the job declares no id_tokens entry with aud: ${audience}`,
      },
      audience,
    };
  }
  return {
    facts: {
      available: false,
      ci: null,
      why: "not running in GitHub Actions or GitLab CI, which issue OIDC ID tokens",
    },
    audience: null,
  };
}

export async function resolveCredentials(
  ctx: CommandContext,
  publish: PublishKeys,
  registry: RegistryInfo,
  options: ResolveOptions,
): Promise<CredentialResolution> {
  const warnings: Warning[] = [];
  const tp = publish.trusted_publishing;
  if (tp !== false) await refuseUntrustedEvent(ctx);
  const pypirc = await readPypirc(ctx.env, registry, publish.repository ?? null);
  const oidc =
    tp === false
      ? { facts: { available: false, ci: null, why: "" } as const, audience: null }
      : await oidcFacts(ctx, registry);
  const facts: CredentialFacts = {
    trustedPublishing: tp,
    oidc: oidc.facts,
    present: {
      PYPI_TOKEN: envValue(ctx.env, "PYPI_TOKEN") !== null,
      UV_PUBLISH_TOKEN: envValue(ctx.env, "UV_PUBLISH_TOKEN") !== null,
      TWINE_PASSWORD: envValue(ctx.env, "TWINE_PASSWORD") !== null,
    },
    twineUsername: envValue(ctx.env, "TWINE_USERNAME"),
    pypirc:
      pypirc === null
        ? null
        : pypirc.found
          ? {
              found: true,
              section: pypirc.entry.section,
              username: pypirc.entry.username,
              hasPassword: pypirc.entry.password !== null,
            }
          : pypirc,
  };
  let decision = decideCredentials(facts);
  let audience = oidc.audience;
  if (decision.use === "trusted-publishing") {
    try {
      audience = await discoverAudience(ctx, registry);
    } catch (error) {
      if (!(error instanceof ReleasioError) || error.code !== "E_TP_UNSUPPORTED" || tp === "required")
        throw error;
      // The index cannot do trusted publishing: a configured token is the user's evident intent.
      const fallback = decideCredentials({
        ...facts,
        oidc: { available: false, ci: decision.ci, why: error.message },
      });
      if (fallback.use !== "token") throw error;
      warnings.push({
        code: "W_TP_UNSUPPORTED",
        message: `${error.message}; uploading with the API token from ${fallback.source}`,
      });
      decision = fallback;
    }
  }
  switch (decision.use) {
    case "error": {
      const tokenAudience = gitlabTokenAudience(audience, registry.name);
      if (decision.code === "E_TP_TOKEN_REQUEST") {
        const ci = facts.oidc.ci;
        throw ci === "github-actions"
          ? tokenRequestError({ ci: "github", reason: "permission" })
          : ci === "gitlab-ci"
            ? tokenRequestError({ ci: "gitlab", reason: "variable", audience: tokenAudience })
            : tokenRequestError({ ci: "none", reason: "no-ci" });
      }
      throw credentialsMissingError(registry.label, decision.tpWhy, decision.notes, {
        ci: facts.oidc.ci,
        audience: tokenAudience,
      });
    }
    case "token": {
      const token =
        decision.source === "~/.pypirc"
          ? pypirc?.found
            ? pypirc.entry.password
            : null
          : envValue(ctx.env, decision.source);
      if (token === null) throw credentialsMissingError(registry.label, decision.why);
      return { credentials: tokenCredentials(ctx, decision.source, token), why: decision.why, warnings };
    }
    case "trusted-publishing": {
      const credentials = new TrustedPublishingCredentials(ctx, {
        ci: decision.ci,
        audience: audience!,
        registry,
        project: options.project ?? null,
        execute: options.execute,
      });
      if (options.execute && options.exchangeNow) await credentials.authorization();
      return { credentials, why: `${decision.why}; audience '${audience}'`, warnings };
    }
  }
}

/** `Basic base64(__token__:<token>)`. */
export function basicAuthorization(token: string): string {
  return `Basic ${Buffer.from(`__token__:${token}`).toString("base64")}`;
}

function tokenCredentials(ctx: CommandContext, source: TokenSource, token: string): IndexCredentials {
  const header = basicAuthorization(token);
  ctx.registerSecret(token);
  return {
    kind: "token",
    source,
    authorization: async () => header,
    invalidate() {
      // An API token cannot be renewed; the uploader reports the index's refusal.
    },
    secrets: () => [token, header.slice("Basic ".length)],
  };
}

interface TrustedPublishingSetup {
  ci: CiFlavour;
  audience: string;
  registry: RegistryInfo;
  project: string | null;
  execute: boolean;
}

/**
 * A minted index token, exchanged lazily and renewed before it runs out. Every exchange uses a freshly requested
 * ID token: PyPI refuses an ID token it has seen (`invalid-reuse-token`).
 */
class TrustedPublishingCredentials implements IndexCredentials {
  readonly kind = "trusted-publishing" as const;
  readonly source: string;
  private minted: MintedToken | null = null;
  private stale = false;
  private renewal: Promise<MintedToken> | null = null;
  private gitlabTokenUsed = false;
  private readonly produced: string[] = [];

  constructor(
    private readonly ctx: CommandContext,
    private readonly setup: TrustedPublishingSetup,
  ) {
    this.source = setup.ci;
  }

  async authorization(): Promise<string> {
    if (!this.setup.execute) {
      throw new ReleasioError("E_INTERNAL", "a dry run never requests an ID token nor exchanges one");
    }
    const now = this.ctx.now().getTime();
    if (this.minted === null || this.stale || this.minted.expiresAt - now <= RENEWAL_THRESHOLD_MS) {
      this.renewal ??= this.renew().finally(() => {
        this.renewal = null;
      });
      this.minted = await this.renewal;
      this.stale = false;
    }
    const header = basicAuthorization(this.minted.token);
    this.remember(header.slice("Basic ".length));
    return header;
  }

  invalidate(): void {
    this.stale = true;
  }

  secrets(): string[] {
    return [...this.produced];
  }

  private remember(secret: string): void {
    if (this.produced.includes(secret)) return;
    this.produced.push(secret);
    this.ctx.registerSecret(secret);
  }

  private async freshIdToken(): Promise<string> {
    if (this.setup.ci === "github-actions") return requestGitHubIdToken(this.ctx, this.setup.audience);
    if (this.gitlabTokenUsed) {
      throw new ReleasioError(
        "E_TP_TOKEN_REQUEST",
        "the index token needs renewal, but GitLab issues one ID token per job and it was already exchanged (an ID token can be exchanged only once)",
        { hint: "re-run the job; uploads of very large releases may need splitting across jobs" },
      );
    }
    this.gitlabTokenUsed = true;
    return readGitLabIdToken(this.ctx, this.setup.audience);
  }

  private async renew(): Promise<MintedToken> {
    const idToken = await this.freshIdToken();
    this.remember(idToken);
    const minted = await mintToken(
      this.ctx,
      { registry: this.setup.registry, project: this.setup.project },
      idToken,
    );
    this.remember(minted.token);
    return minted;
  }
}

/** Names of the environment variables that may hold index tokens (for masking by hosts). */
export const TOKEN_VARIABLES: readonly string[] = [...ENV_SOURCES];
