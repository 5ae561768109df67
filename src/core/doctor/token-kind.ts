/** What kind of forge token a value is, from its documented prefix (§4.9 `forge.token`); never the value. */
export type TokenKind = "classic" | "fine-grained" | "actions" | "oauth" | "gitlab" | "unknown";

const PREFIXES: ReadonlyArray<readonly [string, TokenKind, string]> = [
  ["github_pat_", "fine-grained", "fine-grained personal access token"],
  ["ghp_", "classic", "classic personal access token"],
  ["ghs_", "actions", "GitHub Actions / App installation token"],
  ["gho_", "oauth", "OAuth token (gh auth login)"],
  ["glpat-", "gitlab", "GitLab personal/project access token"],
];

export function tokenKind(token: string): { kind: TokenKind; label: string } {
  for (const [prefix, kind, label] of PREFIXES) {
    if (token.startsWith(prefix)) return { kind, label };
  }
  return { kind: "unknown", label: "token of unknown kind" };
}

/** Classic tokens list their scopes in `X-OAuth-Scopes`; pushing and releasing need `repo` or `public_repo`. */
export function classicScopesSuffice(header: string | null): boolean | null {
  if (header === null) return null;
  const scopes = header.split(",").map((s) => s.trim());
  return scopes.includes("repo") || scopes.includes("public_repo");
}
