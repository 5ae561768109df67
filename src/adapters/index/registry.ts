/** Index URLs: the upload endpoint and, for PyPI and TestPyPI, the JSON read API and the simple index. */
import {
  PYPI_UPLOAD_URL as PYPI_UPLOAD,
  type ReleasioConfig,
  TESTPYPI_UPLOAD_URL as TESTPYPI_UPLOAD,
} from "../../core/config/schema.js";
import { ReleasioError } from "../../core/errors.js";
import { redactUrlCredentials } from "../../core/text/redact.js";

export function uploadUrl(registry: string): string {
  if (registry === "pypi") return PYPI_UPLOAD;
  if (registry === "testpypi") return TESTPYPI_UPLOAD;
  return registry;
}

/** The JSON API base of a known index (`https://pypi.org`), or null for custom indexes. */
export function jsonApiBase(registry: string): string | null {
  const url = uploadUrl(registry).replace(/\/+$/, "/");
  if (url === PYPI_UPLOAD) return "https://pypi.org";
  if (url === TESTPYPI_UPLOAD) return "https://test.pypi.org";
  return null;
}

/** Everything releasio needs to know about the index it publishes to. */
export interface RegistryInfo {
  /** The upload endpoint (`https://upload.pypi.org/legacy/`). */
  uploadUrl: string;
  /** `pypi`/`testpypi` for the public indexes (PyPI-only behaviour applies), null for custom ones. */
  name: "pypi" | "testpypi" | null;
  /** `https://pypi.org` / `https://test.pypi.org`, or null. */
  jsonApiBase: string | null;
  /** A PEP 503 simple index base (`…/simple/`) for existence checks, or null (custom index without check_url). */
  simpleUrl: string | null;
  /** `scheme://host[:port]` of the upload URL (trusted-publishing endpoints live there). */
  origin: string;
  /** Human label used in messages: `PyPI`, `TestPyPI` or the upload host. */
  label: string;
}

type PublishConfig = Pick<ReleasioConfig["publish"], "registry" | "check_url" | "allow_http_localhost">;

const KNOWN = {
  [PYPI_UPLOAD]: { name: "pypi", api: "https://pypi.org", label: "PyPI" },
  [TESTPYPI_UPLOAD]: { name: "testpypi", api: "https://test.pypi.org", label: "TestPyPI" },
} as const satisfies Record<string, { name: "pypi" | "testpypi"; api: string; label: string }>;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * Resolves the index from the flag (`--registry URL|pypi|testpypi`), `RELEASIO_PUBLISH_REGISTRY` or
 * `publish.registry`. URLs must be https; http only on loopback hosts with `publish.allow_http_localhost`
 * (E_INSECURE_URL, exit 2).
 */
export function resolveRegistry(
  publish: PublishConfig,
  env: Record<string, string | undefined>,
  flag?: string | null,
): RegistryInfo {
  const envValue = env.RELEASIO_PUBLISH_REGISTRY?.trim() || null;
  const [key, raw] = flag
    ? ["--registry", flag]
    : envValue
      ? ["RELEASIO_PUBLISH_REGISTRY", envValue]
      : ["publish.registry", publish.registry];
  const upload = uploadUrl(raw.trim());
  const url = checkUrl(key, upload, publish.allow_http_localhost);
  const known = (KNOWN as Record<string, (typeof KNOWN)[keyof typeof KNOWN]>)[upload.replace(/\/*$/, "/")];
  const check = publish.check_url?.trim() || null;
  if (check) checkUrl("publish.check_url", check, publish.allow_http_localhost);
  return {
    uploadUrl: upload,
    name: known?.name ?? null,
    jsonApiBase: known?.api ?? null,
    simpleUrl: check ? check.replace(/\/*$/, "/") : known ? `${known.api}/simple/` : null,
    origin: url.origin,
    label: known?.label ?? url.host,
  };
}

function checkUrl(key: string, value: string, allowHttpLocalhost: boolean): URL {
  const shown = redactUrlCredentials(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ReleasioError("E_CONFIG_INVALID", `${key}: '${shown}' is not a URL, pypi or testpypi`, {
      hint: "use an upload URL such as https://upload.pypi.org/legacy/, or pypi / testpypi",
      exitCode: 2,
    });
  }
  // A user or password in the URL would be printed, logged and committed; the upload takes its credentials
  // from trusted publishing or a token (§7.3), never from the URL.
  if (url.username !== "" || url.password !== "") {
    throw new ReleasioError("E_CONFIG_INVALID", `${key}: '${shown}' carries credentials in the URL`, {
      hint: "remove them from the URL: publishing uses trusted publishing, or a token in PYPI_TOKEN (see releasio doctor)",
      details: { key, url: shown },
      exitCode: 2,
    });
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && allowHttpLocalhost && LOOPBACK.has(url.hostname)) return url;
  throw new ReleasioError(
    "E_INSECURE_URL",
    `${key}: '${shown}' must use https (http is only allowed for localhost with publish.allow_http_localhost)`,
    { hint: "use an https URL", details: { key, url: shown } },
  );
}
