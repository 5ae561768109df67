/**
 * Which credential an upload uses (PRODUCT.md §7.3, the seed's "Token Precedence"): trusted publishing wins when
 * the CI can issue an ID token and `publish.trusted_publishing` is not false; otherwise the first API token of
 * PYPI_TOKEN › UV_PUBLISH_TOKEN › TWINE_PASSWORD › ~/.pypirc. Pure: the adapter gathers the facts (presence only,
 * never the values) and this module decides and explains.
 */

export type CiFlavour = "github-actions" | "gitlab-ci";
export type TokenSource = "PYPI_TOKEN" | "UV_PUBLISH_TOKEN" | "TWINE_PASSWORD" | "~/.pypirc";

export interface CredentialFacts {
  trustedPublishing: boolean | "required";
  /** Can the CI issue an ID token now? When not, why (shown in E_CREDENTIALS_MISSING). */
  oidc: { available: true; ci: CiFlavour } | { available: false; ci: CiFlavour | null; why: string };
  /** Which variables hold a non-empty value. */
  present: { PYPI_TOKEN: boolean; UV_PUBLISH_TOKEN: boolean; TWINE_PASSWORD: boolean };
  /** TWINE_USERNAME when set and non-empty. */
  twineUsername: string | null;
  /** The ~/.pypirc section that applies, or why none does (null: no file). */
  pypirc:
    | { found: true; section: string; username: string | null; hasPassword: boolean }
    | { found: false; why: string }
    | null;
}

export type CredentialDecision =
  | { use: "trusted-publishing"; ci: CiFlavour; why: string }
  | { use: "token"; source: TokenSource; why: string }
  | {
      use: "error";
      code: "E_TP_TOKEN_REQUEST" | "E_CREDENTIALS_MISSING";
      why: string;
      /** Why trusted publishing was not available. */
      tpWhy: string;
      /** Token sources that were present but unusable, and why. */
      notes: string[];
    };

const CI_NAMES: Record<CiFlavour, string> = { "github-actions": "GitHub Actions", "gitlab-ci": "GitLab CI" };

interface Candidate {
  source: TokenSource;
  /** null when usable, else why it was passed over. */
  skip: (facts: CredentialFacts) => string | null | "absent";
}

/** The token sources in precedence order; `absent` means nothing to say about it. */
const CANDIDATES: Candidate[] = [
  { source: "PYPI_TOKEN", skip: (f) => (f.present.PYPI_TOKEN ? null : "absent") },
  { source: "UV_PUBLISH_TOKEN", skip: (f) => (f.present.UV_PUBLISH_TOKEN ? null : "absent") },
  {
    source: "TWINE_PASSWORD",
    skip: (f) => {
      if (!f.present.TWINE_PASSWORD) return "absent";
      if (f.twineUsername === null || f.twineUsername === "__token__") return null;
      return `TWINE_PASSWORD ignored: TWINE_USERNAME is '${f.twineUsername}', but the index accepts only __token__ with an API token`;
    },
  },
  {
    source: "~/.pypirc",
    skip: (f) => {
      if (f.pypirc === null) return "absent";
      if (!f.pypirc.found) return f.pypirc.why;
      if (!f.pypirc.hasPassword) return `~/.pypirc section [${f.pypirc.section}] has no password`;
      if (f.pypirc.username !== null && f.pypirc.username !== "__token__") {
        return `~/.pypirc section [${f.pypirc.section}] has username '${f.pypirc.username}'; the index accepts only __token__ with an API token (username/password uploads were removed)`;
      }
      return null;
    },
  },
];

function tokenWhy(source: TokenSource, facts: CredentialFacts, tpWhy: string, passedOver: string[]): string {
  const label =
    source === "~/.pypirc" && facts.pypirc?.found ? `~/.pypirc section [${facts.pypirc.section}]` : source;
  const parts = [`API token from ${label}`, `trusted publishing not used: ${tpWhy}`, ...passedOver];
  return parts.join("; ");
}

/** Why trusted publishing is not in use, for the explanation. */
function trustedPublishingWhy(facts: CredentialFacts): string {
  if (facts.trustedPublishing === false) return "publish.trusted_publishing = false";
  if (facts.oidc.available) return "available";
  return facts.oidc.why;
}

export function decideCredentials(facts: CredentialFacts): CredentialDecision {
  const tokensPresent = CANDIDATES.filter((c) => c.skip(facts) === null).map((c) => c.source);
  if (facts.trustedPublishing !== false && facts.oidc.available) {
    const overridden =
      tokensPresent.length > 0 ? `; it takes precedence over ${tokensPresent.join(", ")}` : "";
    return {
      use: "trusted-publishing",
      ci: facts.oidc.ci,
      why: `trusted publishing: ${CI_NAMES[facts.oidc.ci]} can issue an OIDC ID token and publish.trusted_publishing is ${JSON.stringify(facts.trustedPublishing)}${overridden}`,
    };
  }
  const tpWhy = trustedPublishingWhy(facts);
  if (facts.trustedPublishing === "required") {
    return {
      use: "error",
      code: "E_TP_TOKEN_REQUEST",
      tpWhy,
      notes: [],
      why: `publish.trusted_publishing is "required" but no ID token can be requested: ${tpWhy}`,
    };
  }
  const passedOver: string[] = [];
  for (const candidate of CANDIDATES) {
    const skip = candidate.skip(facts);
    if (skip === null) {
      return {
        use: "token",
        source: candidate.source,
        why: tokenWhy(candidate.source, facts, tpWhy, passedOver),
      };
    }
    if (skip !== "absent") passedOver.push(skip);
  }
  return {
    use: "error",
    code: "E_CREDENTIALS_MISSING",
    tpWhy,
    notes: passedOver,
    why: [`no credential: trusted publishing unavailable (${tpWhy})`, ...passedOver].join("; "),
  };
}
