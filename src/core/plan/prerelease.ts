/** Which pre-release token a run uses (§6.8 step 1): flag › channel › config › none. */
import type { ReleasioConfig } from "../config/schema.js";
import { escapeRegExp } from "../text/escape-regexp.js";
import { parsePrereleaseToken } from "../version/prerelease-token.js";
import type { PackagePlan } from "./types.js";

export interface Channel {
  name: string;
  prerelease: boolean;
  token: string | null;
  publishOnly: boolean;
}

/** `*` is any run of characters (including `/`), `?` one character, everything else literal; full match. */
export function branchMatches(pattern: string, branch: string): boolean {
  let source = "";
  for (const ch of pattern) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "s").test(branch);
}

/** The first channel whose `match` fits the branch (file order), else null. */
export function channelFor(config: ReleasioConfig, branch: string | null): Channel | null {
  if (branch === null) return null;
  for (const [name, rule] of Object.entries(config.branches)) {
    if (branchMatches(rule.match, branch)) {
      return {
        name,
        prerelease: rule.prerelease,
        token: rule.prerelease_token ?? null,
        publishOnly: rule.publish_only,
      };
    }
  }
  return null;
}

export function releaseBranches(config: ReleasioConfig, branch: string | null): boolean {
  return branch !== null && (branch === config.default_branch || channelFor(config, branch) !== null);
}

export function effectiveToken(
  flag: string | null | undefined,
  channel: Channel | null,
  config: ReleasioConfig,
): PackagePlan["prerelease"] {
  if (flag) return { token: parsePrereleaseToken(flag, "--prerelease"), source: "flag" };
  if (channel?.prerelease && channel.token) {
    return {
      token: parsePrereleaseToken(channel.token, `branches.${channel.name}.prerelease_token`),
      source: "channel",
    };
  }
  if (config.version.pre_release) {
    return {
      token: parsePrereleaseToken(config.version.pre_release, "version.pre_release"),
      source: "config",
    };
  }
  return { token: null, source: null };
}
