/** Pre-release tokens as users spell them (`--prerelease`, channels, `version.pre_release`), PRODUCT.md §6.8 step 1. */
import { ReleasioError } from "../errors.js";
import type { PrereleaseToken } from "../plan/types.js";
import type { Phase } from "./pep440.js";

/** Every accepted spelling (in any case, surrounding whitespace ignored), each full name before its short form. */
export const PRERELEASE_SPELLINGS = ["alpha", "a", "beta", "b", "rc", "c", "dev"] as const;

export type PrereleaseSpelling = (typeof PRERELEASE_SPELLINGS)[number];

const TOKENS: Readonly<Record<PrereleaseSpelling, PrereleaseToken>> = {
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

/** The token a value spells, or null: the one rule for the flag, the channels and `version.pre_release`. */
export function prereleaseTokenOf(input: unknown): PrereleaseToken | null {
  if (typeof input !== "string") return null;
  const key = input.trim().toLowerCase();
  return Object.hasOwn(TOKENS, key) ? TOKENS[key as PrereleaseSpelling] : null;
}

/** Case-insensitive; anything but alpha (a), beta (b), rc (c) or dev is `E_PRERELEASE_TOKEN`. */
export function parsePrereleaseToken(input: string, where?: string): PrereleaseToken {
  const token = prereleaseTokenOf(input);
  if (token !== null) return token;
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
