/** GitHub API failures as ReleasioErrors whose hint says what to do (PRODUCT.md §3.7, §6.20). */
import { isReleasioError, ReleasioError } from "../../../core/errors.js";
import { networkReason } from "../../http/network-error.js";

/** What a call was doing, for messages: `create pull requests`, permission `pull-requests: write`. */
export interface GitHubOperation {
  action: string;
  permission: string;
  /** A 404 on the repository or one of its collections means the repository is missing or invisible. */
  repositoryLevel?: boolean;
}

interface ApiErrorDetail {
  message?: string;
  resource?: string;
  field?: string;
  code?: string;
}

interface RequestErrorLike {
  status: number;
  message: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
  cause?: unknown;
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/** `/repos/o/r` or one of its collections (`/repos/o/r/pulls`): a 404 there means the repository is not visible. */
const REPOSITORY_LEVEL_PATH = /\/repos\/[^/]+\/[^/]+(?:\/[a-z-]+)?$/;

const ACTIONS_PR_REFUSAL = /not permitted to create or approve pull requests/i;

/** `GET /repos/acme/demo/pulls` from the failed request, without query or credentials. */
function requestLine(error: RequestErrorLike): string {
  const method = (error.request?.method ?? "GET").toUpperCase();
  let path = "";
  try {
    path = new URL(error.request?.url ?? "").pathname;
  } catch {
    path = "";
  }
  return `${method} ${decodeURIComponent(path)}`;
}

function apiMessage(data: unknown): { message: string; details: string[] } {
  if (typeof data === "string") return { message: data.slice(0, 300), details: [] };
  if (data === null || typeof data !== "object") return { message: "", details: [] };
  const record = data as { message?: unknown; errors?: unknown };
  const message = typeof record.message === "string" ? record.message : "";
  const details = Array.isArray(record.errors)
    ? (record.errors as Array<ApiErrorDetail | string>).map((e) =>
        typeof e === "string"
          ? e
          : (e.message ?? [e.resource, e.field, e.code].filter((part) => part !== undefined).join(" ")),
      )
    : [];
  return { message, details };
}

/** Translates any failure of a GitHub call; ReleasioErrors (network, rate limit) pass through. */
export function translateGitHubError(error: unknown, op: GitHubOperation, repository: string): ReleasioError {
  if (isReleasioError(error)) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isReleasioError(cause)) return cause;
  if (!isRequestError(error) || error.status === 0 || error.response === undefined) {
    return new ReleasioError("E_NETWORK", `cannot reach GitHub: ${networkReason(error)}`, {
      hint: "check the network connection and re-run",
      cause: error,
    });
  }
  const { message, details } = apiMessage(error.response.data);
  const status = error.status;
  if (status === 401) {
    return new ReleasioError("E_FORGE_AUTH", "GitHub rejected the token (401)", {
      hint: "the token in GITHUB_TOKEN/GH_TOKEN is invalid or expired; provide a valid one",
    });
  }
  if (status === 403) {
    if (ACTIONS_PR_REFUSAL.test(message)) {
      return new ReleasioError("E_FORGE_PERMISSION", `the token cannot ${op.action} on ${repository} (403)`, {
        hint:
          'GitHub Actions is not permitted to create pull requests: enable "Allow GitHub Actions to create and ' +
          "approve pull requests\" in the repository's (or organization's) Settings → Actions → General, or use " +
          "a GitHub App or personal access token",
        details: { permission: "actions: allow pull request creation" },
      });
    }
    return new ReleasioError("E_FORGE_PERMISSION", `the token cannot ${op.action} on ${repository} (403)`, {
      hint: `grant the token '${op.permission}' (in a workflow: permissions: ${op.permission})`,
      details: { permission: op.permission, message },
    });
  }
  if (status === 404 && op.repositoryLevel && REPOSITORY_LEVEL_PATH.test(requestLine(error))) {
    return new ReleasioError(
      "E_FORGE_NOT_FOUND",
      `repository ${repository} not found or not visible to this token`,
      {
        hint: "check github.owner/github.repo (or the remote URL) and that the token can read the repository",
      },
    );
  }
  const text = [message || "request failed", ...details].join(": ").replace(/\s+/g, " ").trim();
  return new ReleasioError("E_FORGE_API", `${requestLine(error)} failed: ${status} ${text}`, {
    hint: status === 422 ? "the API refused the request's content; see the message" : null,
    details: { status },
  });
}
