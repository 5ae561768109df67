/** Pre-release tokens as users spell them (`--prerelease`, channels, `version.pre_release`), PRODUCT.md §6.8 step 1. */
import { ReleasioError } from "../errors.js";
import type { PrereleaseToken } from "../plan/types.js";
import type { Phase } from "./pep440.js";

const TOKENS: Readonly<Record<string, PrereleaseToken>> = {
  alpha: "alpha",
  a: "alpha",
  beta: "beta",
  b: "beta",
  rc: "rc",
  c: "rc",
  dev: "dev",
};

const PHASES: Readonly<Record<PrereleaseToken, Phase | "dev">> = {
  alpha: "a",
  beta: "b",
  rc: "rc",
  dev: "dev",
};

/** Case-insensitive; anything but alpha (a), beta (b), rc (c) or dev is `E_PRERELEASE_TOKEN`. */
export function parsePrereleaseToken(input: string, where?: string): PrereleaseToken {
  const key = input.trim().toLowerCase();
  const token = Object.hasOwn(TOKENS, key) ? TOKENS[key] : undefined;
  if (token !== undefined) return token;
  const place = where === undefined ? "" : ` (${where})`;
  throw new ReleasioError(
    "E_PRERELEASE_TOKEN",
    `unknown pre-release token '${input}'${place}; use alpha (a), beta (b), rc (c) or dev`,
    { details: { token: input, where: where ?? null } },
  );
}

export function tokenPhase(token: PrereleaseToken): Phase | "dev" {
  return PHASES[token];
}
