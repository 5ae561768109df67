/**
 * What an index's answer to an upload means (PYPI.md §4–§6): the message extracted from Warehouse's JSON, HTML or
 * text bodies (or the reason phrase), the action to take, and the user-facing error with a hint from the catalogue.
 */
import { ReleasioError } from "../errors.js";

/** The human message of an error answer: JSON `code` (minus the status), HTML title, text, or the reason phrase. */
export function indexMessage(status: number, reason: string, contentType: string, body: string): string {
  const strip = (s: string) => s.replace(new RegExp(`^${status}\\s+`), "").trim();
  if (contentType.includes("json")) {
    try {
      const json = JSON.parse(body) as { code?: unknown; message?: unknown; detail?: unknown };
      if (typeof json.code === "string" && json.code.trim() !== "") return strip(json.code);
      if (typeof json.message === "string" && json.message.trim() !== "") return json.message.trim();
      if (typeof json.detail === "string") return json.detail.trim();
    } catch {
      // Not JSON after all: fall through to the other shapes.
    }
  }
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
  if (title) return strip(decodeEntities(title));
  if (reason && reason !== defaultReason(status)) return reason;
  const text = body.trim().split("\n")[0] ?? "";
  if (text !== "" && !text.startsWith("<")) return strip(text).slice(0, 500);
  return reason || `HTTP ${status}`;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const DEFAULT_REASONS: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};
function defaultReason(status: number): string {
  return DEFAULT_REASONS[status] ?? "";
}

export type UploadAnswer =
  | { kind: "ok" }
  | { kind: "retry" }
  | { kind: "expired" }
  | { kind: "exists" }
  | { kind: "rejected" };

/** Transient statuses worth retrying (PYPI.md §7). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** Third-party "already exists" answers, honoured only with skip_existing (PYPI.md §5). */
const THIRD_PARTY_EXISTS: ReadonlyArray<(status: number, message: string) => boolean> = [
  (s) => s === 409,
  (s, m) => s === 400 && /cannot be updated|updating asset/i.test(m),
  (s, m) => s === 403 && /overwrite/i.test(m),
  (s, m) => s === 400 && /already been taken/i.test(m),
  (_, m) => /requested entity already exists/i.test(m),
];

export function classifyUploadAnswer(status: number, message: string, skipExisting: boolean): UploadAnswer {
  if (status >= 200 && status < 300) return { kind: "ok" };
  if (status === 429 && /too many new projects/i.test(message)) return { kind: "rejected" };
  if (isRetryableStatus(status)) return { kind: "retry" };
  if (status === 403 && /token is expired/i.test(message)) return { kind: "expired" };
  if (status === 400 && /^File already exists/i.test(message)) return { kind: "exists" };
  if (skipExisting && THIRD_PARTY_EXISTS.some((t) => t(status, message))) return { kind: "exists" };
  return { kind: "rejected" };
}

/** Catalogue entries: message pattern → hint (first match wins). */
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [
    /Invalid or non-existent authentication/i,
    "the token was refused: check PYPI_TOKEN (or ~/.pypirc) or the trusted publisher configuration",
  ],
  [
    /Username\/Password authentication/i,
    "use the username __token__ with an API token, or trusted publishing",
  ],
  [
    /project-scoped token is not valid/i,
    "the API token is scoped to another project: create a token for this project",
  ],
  [
    /OIDC scoped token is not valid/i,
    "the trusted publisher is configured for another project: add a publisher for this project on the index",
  ],
  [/token is expired/i, "the upload token expired: re-run the job"],
  [
    /isn't allowed to upload/i,
    "the token's owner is not a maintainer of this project: ask an owner for the Maintainer role",
  ],
  [
    /Non-user identities cannot create new projects/i,
    "the project does not exist yet: add a pending publisher on the index so the first upload creates it",
  ],
  [
    /File too large/i,
    "request a file size limit increase for the project (https://docs.pypi.org/project-management/storage-limits) or make the file smaller",
  ],
  [/Project size too large/i, "delete old releases or request a project size limit increase"],
  [/Too many new projects/i, "the index limits project creation: retry later"],
  [
    /previously used by a file that has since been deleted/i,
    "bump the version; a deleted filename can never be reused",
  ],
  [/older than 14 days/i, "files can only be added to releases younger than 14 days: release a new version"],
  [/Only one sdist/i, "keep exactly one sdist per release"],
  [/temporarily disabled|Read-only mode/i, "the index has disabled uploads for now: retry later"],
  [
    /Invalid attestations/i,
    "attestations need trusted publishing; set publish.attestations = false to upload without them",
  ],
  [
    /is not a valid|is an invalid value|is invalid for|introduced in metadata version|must be a single line|characters or less|classifier|License/i,
    "the index refused the metadata: fix pyproject.toml and rebuild",
  ],
  [
    /Invalid (wheel|source distribution|distribution) file|Filename|Invalid file extension|does not contain the required/i,
    "the index refused the file itself: rebuild it with a current build backend",
  ],
];

const STATUS_HINTS: Record<number, string> = {
  301: "the index URL redirects: the simple index URL was probably given instead of the upload URL (…/legacy/)",
  302: "the index URL redirects: check publish.registry is the upload URL (…/legacy/)",
  307: "the index URL redirects: check publish.registry is the exact upload URL",
  308: "use the upload URL with its trailing slash (…/legacy/)",
  404: "no upload endpoint at this URL: check publish.registry",
  405: "this URL does not accept uploads: use https://upload.pypi.org/legacy/ or https://test.pypi.org/legacy/",
  410: "this index endpoint is gone: use https://upload.pypi.org/legacy/",
};

/** The `E_UPLOAD_REJECTED` error for a refused upload. */
export function uploadRejected(
  index: string,
  filename: string,
  status: number,
  message: string,
): ReleasioError {
  const hint = STATUS_HINTS[status] ?? HINTS.find(([re]) => re.test(message))?.[1] ?? null;
  return new ReleasioError("E_UPLOAD_REJECTED", `${index} rejected ${filename}: ${status} ${message}`, {
    hint,
    details: { index, filename, status },
  });
}

/** `E_INDEX_CONFLICT`: the same filename with other content is already on the index. */
export function indexConflict(
  index: string,
  filename: string,
  remoteSha: string | null,
  localSha: string,
): ReleasioError {
  return new ReleasioError(
    "E_INDEX_CONFLICT",
    `${filename} already exists on ${index} with sha256 ${remoteSha ?? "(unknown)"}; the local file has ${localSha}`,
    {
      hint: "bump the version; files cannot be replaced (or set publish.skip_existing = true to skip it)",
      details: { index, filename, remote_sha256: remoteSha, local_sha256: localSha },
    },
  );
}
