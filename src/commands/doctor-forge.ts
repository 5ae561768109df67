/**
 * doctor's forge rows (§4.9 `forge.token`, `forge.access`, `forge.actions`): which token would be used (never its
 * value), whether it can read the repository, and whether the workflow token may open pull requests. Read-only
 * GET requests through the context's HTTP client; redirects are not followed.
 */

import type { ForgeToken } from "../adapters/forge/open-forge.js";
import { unreachable } from "../adapters/http/network-error.js";
import { check, type DoctorCheck } from "../core/doctor/checks.js";
import { classicScopesSuffice, tokenKind } from "../core/doctor/token-kind.js";
import type { ForgeTarget } from "../core/forge/select.js";
import type { CommandContext } from "./context.js";

type FoundToken = Pick<ForgeToken, "value" | "source" | "header">;

const ANY_TOKEN = ["GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "CI_JOB_TOKEN"] as const;

export function tokenCheck(
  target: ForgeTarget | null,
  token: FoundToken | null,
  env: CommandContext["env"],
  forgeDisabled: boolean,
): DoctorCheck {
  if (forgeDisabled) return check("forge.token", "skip", 'forge = "none": no forge is used');
  const inActions = env.GITHUB_ACTIONS === "true";
  if (target === null) {
    // Without a known forge any conventional token variable still tells whether releases could authenticate.
    const found = ANY_TOKEN.find((name) => env[name]?.trim());
    return found
      ? check(
          "forge.token",
          "ok",
          `token from ${found}: ${tokenKind(env[found]!.trim()).label} (the forge is unknown)`,
        )
      : check(
          "forge.token",
          "fail",
          `no forge token found (checked ${ANY_TOKEN.join(", ")}) and the remote does not identify the forge`,
          "export GITHUB_TOKEN (or GITLAB_TOKEN) and add the repository's remote",
        );
  }
  if (token === null) {
    const names =
      target.kind === "github" ? "GITHUB_TOKEN, GH_TOKEN, gh auth token" : "GITLAB_TOKEN, CI_JOB_TOKEN";
    return check(
      "forge.token",
      "fail",
      `no ${target.kind === "github" ? "GitHub" : "GitLab"} token found (checked ${names})`,
      target.kind === "github"
        ? inActions
          ? "pass the github-token input (secrets.GITHUB_TOKEN) to the action"
          : "export GITHUB_TOKEN (a fine-grained token with contents and pull-requests write) or GH_TOKEN=$(gh auth token)"
        : "export GITLAB_TOKEN (a project access token with api scope)",
    );
  }
  const kind = tokenKind(token.value);
  return check("forge.token", "ok", `token from ${token.source}: ${kind.label}`);
}

async function get(
  ctx: CommandContext,
  url: string,
  headers: Record<string, string>,
): Promise<Response | string> {
  try {
    return await ctx.fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    return unreachable(url, error);
  }
}

function githubHeaders(token: string): Record<string, string> {
  return {
    Accept: "application/vnd.github+json",
    Authorization: `Bearer ${token}`,
    "X-GitHub-Api-Version": "2022-11-28",
    "User-Agent": "releasio-doctor",
  };
}

export async function accessCheck(
  ctx: CommandContext,
  target: ForgeTarget,
  token: FoundToken,
): Promise<DoctorCheck> {
  const id = "forge.access";
  const github = target.kind === "github";
  const url = github
    ? `${target.apiUrl}/repos/${target.path}`
    : `${target.apiUrl}/projects/${encodeURIComponent(target.path)}`;
  const headers = github ? githubHeaders(token.value) : { [token.header]: token.value };
  const answer = await get(ctx, url, headers);
  if (typeof answer === "string") {
    return check(id, "fail", answer, "check the network or run with --offline");
  }
  await answer.body?.cancel();
  if (answer.status === 401) {
    return check(
      id,
      "fail",
      `${github ? "GitHub" : "GitLab"} rejected the token from ${token.source} (401)`,
      "the token is invalid or expired; create a new one",
    );
  }
  if (answer.status === 404 || answer.status === 403) {
    return check(
      id,
      "fail",
      `repository ${target.path} not found or not visible to this token (${answer.status})`,
      github
        ? "grant the token access to this repository (fine-grained: Repository access)"
        : "grant the token the api scope on this project",
    );
  }
  if (answer.status !== 200)
    return check(id, "warn", `GET ${new URL(url).pathname} answered ${answer.status}`);
  if (github && tokenKind(token.value).kind === "classic") {
    const enough = classicScopesSuffice(answer.headers.get("x-oauth-scopes"));
    if (enough === false) {
      return check(
        id,
        "fail",
        `repository ${target.path} is readable but the classic token lacks the repo/public_repo scope (scopes: ${answer.headers.get("x-oauth-scopes") || "none"})`,
        "regenerate the token with the repo scope (public_repo for public repositories)",
      );
    }
  }
  return check(id, "ok", `repository ${target.path} is readable with the token`);
}

/** GitHub only: can the workflow token open pull requests, and the note about PRs not triggering workflows. */
export async function actionsCheck(
  ctx: CommandContext,
  target: ForgeTarget,
  token: FoundToken,
): Promise<DoctorCheck> {
  const id = "forge.actions";
  if (target.kind !== "github") return check(id, "skip", "GitLab: no workflow permission settings to check");
  const note =
    token.source === "GITHUB_TOKEN" || tokenKind(token.value).kind === "actions"
      ? "; note: pull requests created with GITHUB_TOKEN do not trigger other workflows (CI on the release PR), use a PAT or GitHub App token for that"
      : "";
  const answer = await get(
    ctx,
    `${target.apiUrl}/repos/${target.path}/actions/permissions/workflow`,
    githubHeaders(token.value),
  );
  if (typeof answer === "string") return check(id, "skip", `cannot read the workflow permissions: ${answer}`);
  if (answer.status === 403 || answer.status === 404) {
    await answer.body?.cancel();
    return check(id, "skip", `the token may not read the workflow permissions (${answer.status})${note}`);
  }
  if (answer.status !== 200) {
    await answer.body?.cancel();
    return check(id, "skip", `reading the workflow permissions answered ${answer.status}${note}`);
  }
  const body = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
  if (body["can_approve_pull_request_reviews"] === false) {
    return check(
      id,
      "warn",
      `GitHub Actions may not create pull requests in ${target.path}, so release-pr fails with GITHUB_TOKEN${note}`,
      "Settings → Actions → General → Workflow permissions: allow GitHub Actions to create and approve pull requests",
    );
  }
  return check(
    id,
    note === "" ? "ok" : "warn",
    `workflow permissions: ${String(body["default_workflow_permissions"] ?? "unknown")}, pull request creation allowed${note}`,
  );
}
