/** The oldest git releasio works with: `doctor` checks it, and a failing git command is explained by it (§3.7). */
export const MINIMUM_GIT_VERSION = "2.25";

const [MIN_MAJOR, MIN_MINOR] = MINIMUM_GIT_VERSION.split(".").map(Number) as [number, number];

/** The version in `git version 2.43.0` (Apple's and Windows' suffixes allowed), and whether it is new enough. */
export function gitVersionOk(versionLine: string): { version: string | null; ok: boolean } {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(versionLine);
  if (!m) return { version: null, ok: false };
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return { version: m[0], ok: major > MIN_MAJOR || (major === MIN_MAJOR && minor >= MIN_MINOR) };
}

/** The message of `E_GIT_MISSING` for a git that is there but too old (or says no version). */
export function unusableGitMessage(version: string | null): string {
  return `git ${version ?? "(unknown version)"} is not usable; releasio needs git >= ${MINIMUM_GIT_VERSION}`;
}
