/**
 * GitLab failures in releasio's words: which error code a status becomes, and the hint naming what to grant.
 * GitLab's permissions are roles (Developer, Maintainer) plus token scopes (`api`); CI_JOB_TOKEN reaches only a
 * few endpoints (package registry, releases), so a refusal with it usually means "use an access token".
 */
import { ReleasioError } from "../../../core/errors.js";

/** What a request touches, for choosing the hint. */
export type GitLabAccess = "project" | "merge-requests" | "releases" | "packages" | "repository";

export type TokenHeader = "PRIVATE-TOKEN" | "JOB-TOKEN";

const ROLE_FOR: Record<GitLabAccess, string> = {
  project: "at least the Reporter role",
  "merge-requests": "at least the Developer role",
  releases: "at least the Developer role (Maintainer when the tag is protected)",
  packages: "at least the Developer role",
  repository: "at least the Reporter role",
};

/** Endpoints GitLab lets CI_JOB_TOKEN use; everything else needs GITLAB_TOKEN. */
const JOB_TOKEN_REACHES: ReadonlySet<GitLabAccess> = new Set(["packages", "releases", "project"]);

const ACCESS_TOKEN_ADVICE =
  "set GITLAB_TOKEN to a project, group or personal access token with the `api` scope";

export function permissionHint(access: GitLabAccess, header: TokenHeader, project: string): string {
  if (header === "JOB-TOKEN" && !JOB_TOKEN_REACHES.has(access)) {
    return (
      `CI_JOB_TOKEN cannot manage merge requests, notes or labels (job tokens only reach the package registry ` +
      `and releases): ${ACCESS_TOKEN_ADVICE} and ${ROLE_FOR[access]} on ${project}`
    );
  }
  if (header === "JOB-TOKEN") {
    return (
      `the job's user needs ${ROLE_FOR[access]} on ${project}, and ${project} must allow this pipeline's job ` +
      `token (Settings → CI/CD → Job token permissions); or ${ACCESS_TOKEN_ADVICE}`
    );
  }
  return `give the token the \`api\` scope and ${ROLE_FOR[access]} on ${project}`;
}

export function authHint(access: GitLabAccess, header: TokenHeader, project: string): string {
  if (header === "JOB-TOKEN") {
    return JOB_TOKEN_REACHES.has(access)
      ? `CI_JOB_TOKEN was refused: it is only valid while its job runs; or ${ACCESS_TOKEN_ADVICE}`
      : permissionHint(access, header, project);
  }
  return `GITLAB_TOKEN is invalid, expired or revoked: create a new access token with the \`api\` scope`;
}

/** GitLab answers `{message: string | string[] | {field: [msg]}}` or `{error: string}`; one line of it. */
export function gitlabMessage(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const record = body as Record<string, unknown>;
  const flatten = (value: unknown): string | null => {
    if (typeof value === "string") return value;
    if (Array.isArray(value))
      return (
        value
          .map((v) => flatten(v))
          .filter(Boolean)
          .join("; ") || null
      );
    if (typeof value === "object" && value !== null) {
      const parts = Object.entries(value).map(([key, v]) => `${key} ${flatten(v) ?? ""}`.trim());
      return parts.join("; ") || null;
    }
    return null;
  };
  return flatten(record.message) ?? flatten(record.error) ?? null;
}

export interface FailureContext {
  method: string;
  /** Path below the API base, without the query. */
  path: string;
  status: number;
  message: string | null;
  action: string;
  access: GitLabAccess;
  header: TokenHeader;
  project: string;
}

/** The ReleasioError for a final (not retried) HTTP failure. */
export function translateFailure(f: FailureContext): ReleasioError {
  const details = { status: f.status, method: f.method, path: f.path };
  if (f.status === 401) {
    return new ReleasioError("E_FORGE_AUTH", `GitLab rejected the token (401) on ${f.method} ${f.path}`, {
      hint: authHint(f.access, f.header, f.project),
      details,
    });
  }
  if (f.status === 403) {
    const said = f.message && !/^403 forbidden$/i.test(f.message) ? `: ${f.message}` : "";
    return new ReleasioError(
      "E_FORGE_PERMISSION",
      `the token cannot ${f.action} on ${f.project} (403)${said}`,
      {
        hint: permissionHint(f.access, f.header, f.project),
        details,
      },
    );
  }
  if (f.status === 404) {
    // GitLab names the missing thing (`404 Merge Request Not Found`); a bare or project 404 means the project.
    const thing = f.message && !/project|^404 not found$/i.test(f.message) ? f.message : null;
    const what = thing
      ? `${thing} in project ${f.project}`
      : `project ${f.project} not found or not visible to this token`;
    return new ReleasioError("E_FORGE_NOT_FOUND", `${what} (404 on ${f.method} ${f.path})`, {
      hint: `check gitlab.project (or the remote URL) and that the token can see ${f.project}`,
      details,
    });
  }
  return new ReleasioError(
    "E_FORGE_API",
    `${f.method} ${f.path} failed: ${f.status}${f.message ? ` ${f.message}` : ""}`,
    { details },
  );
}
