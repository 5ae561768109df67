/** The doctor report's checks (§4.9): one row per check id with a status, a message and an optional hint. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

export interface DoctorCheck {
  id: string;
  status: CheckStatus;
  message: string;
  hint: string | null;
}

/** The check ids of §4.9's table in report order (git.clean reports the dirty tree of scenario 129). */
export const CHECK_IDS = [
  "git.version",
  "git.repository",
  "git.clean",
  "git.shallow",
  "git.remote",
  "git.branch",
  "git.identity",
  "git.tags",
  "config.valid",
  "project.version",
  "project.files",
  "forge.token",
  "forge.access",
  "forge.actions",
  "build.tool",
  "changelog.engine",
  "publish.registry",
  "publish.credentials",
  "publish.trusted_publisher",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export function check(
  id: CheckId,
  status: CheckStatus,
  message: string,
  hint: string | null = null,
): DoctorCheck {
  return { id, status, message, hint };
}

/** Orders checks like CHECK_IDS whatever order they were computed in. */
export function orderChecks(checks: readonly DoctorCheck[]): DoctorCheck[] {
  const rank = (id: string) => {
    const i = (CHECK_IDS as readonly string[]).indexOf(id);
    return i < 0 ? CHECK_IDS.length : i;
  };
  return [...checks].sort((a, b) => rank(a.id) - rank(b.id));
}

export function anyFailed(checks: readonly DoctorCheck[]): boolean {
  return checks.some((c) => c.status === "fail");
}
