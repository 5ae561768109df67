/**
 * A strict, stateful fake of PyPI (Warehouse) for tests: the legacy upload API with Warehouse's checks in
 * Warehouse's order, statuses and messages (PYPI.md §4, §12), the JSON API and the simple index reflecting what was
 * uploaded, and fault injection. It streams and hashes upload bodies (constant memory: file bytes are kept only up to
 * KEEP_LIMIT, for the archive checks and /packages/ downloads). Every request is counted.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import { blake2b } from "@noble/hashes/blake2.js";
import tar from "tar-stream";
import yauzl from "yauzl";
import type { HttpFetch } from "../../src/adapters/http/fetch.js";
import type { TrustedPublishingHandler } from "./fake-pypi-oidc.js";
import { routeHosts, startLoopback } from "./loopback.js";

export interface FakeIndexOptions {
  tokens?: string[];
  trustedPublishing?: TrustedPublishingHandler;
  projects?: Record<string, { owners?: string[]; uploadLimit?: number }>;
  hosts?: { upload: string; read: string };
  /** Admin flag: every upload gets Warehouse's read-only 403. */
  readOnly?: boolean;
}

export interface FakeFile {
  project: string;
  version: string;
  filename: string;
  sha256: string;
  blake2b_256: string;
  size: number;
  attestations: unknown[] | null;
  uploadedWith: "token" | "trusted-publishing";
}

export interface FailRule {
  path: RegExp;
  method?: string;
  status?: number;
  times?: number;
  resetMidBody?: boolean;
  delayMs?: number;
  /** Stores the upload, then waits this long before answering (a slow index whose client may give up meanwhile). */
  holdAnswerMs?: number;
  body?: string;
}

/** One request to the upload endpoint: the file's name and the status the index answered (0: none). */
export interface Upload {
  filename: string;
  status: number;
  fields: Record<string, string>;
}

export interface FakeIndex {
  origin: string;
  fetch: HttpFetch;
  routes: Record<string, string>;
  files: FakeFile[];
  uploads: Upload[];
  calls: Array<{ method: string; path: string; status: number; host: string }>;
  addFile(f: { project: string; version: string; filename: string; content: Buffer }): void;
  failNext(rule: FailRule): void;
  jsonApiLag(ms: number): void;
  close(): Promise<void>;
}

const MB = 1024 * 1024;
const KEEP_LIMIT = 64 * MB;
const DEFAULT_UPLOAD_LIMIT = 100 * MB;
const HELP = "https://pypi.org/help/";
const SPEC = "See https://packaging.python.org/specifications/core-metadata for more information.";
const METADATA_VERSIONS = ["1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"];
const NAME_RE = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const VERSION_RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;
/** Field → the metadata version that introduced it (packaging.metadata gating). */
const SINCE: Record<string, string> = {
  supported_platform: "1.1",
  download_url: "1.1",
  classifiers: "1.1",
  requires: "1.1",
  provides: "1.1",
  obsoletes: "1.1",
  maintainer: "1.2",
  maintainer_email: "1.2",
  requires_dist: "1.2",
  provides_dist: "1.2",
  obsoletes_dist: "1.2",
  requires_python: "1.2",
  requires_external: "1.2",
  project_urls: "1.2",
  description_content_type: "2.1",
  provides_extra: "2.1",
  dynamic: "2.2",
  license_expression: "2.4",
  license_file: "2.4",
  import_name: "2.5",
  import_namespace: "2.5",
};
const PLATFORM_OK =
  /^(any|win32|win_amd64|win_arm64|win_ia64|manylinux1_(x86_64|i686)|manylinux2010_(x86_64|i686)|manylinux2014_(x86_64|i686|aarch64|armv7l|ppc64|ppc64le|s390x)|linux_(armv6l|armv7l)|manylinux_\d+_\d+_(x86_64|i686|aarch64|armv7l|ppc64le|s390x|riscv64|ppc64)|musllinux_\d+_\d+_(x86_64|i686|aarch64|armv7l|ppc64le|s390x|riscv64)|macosx_10_\d+_\w+|macosx_(11|12|13|14|15|26)_0_\w+|ios_\d+_\d+_(arm64|x86_64)_(iphoneos|iphonesimulator)|android_\d+_\w+|pyemscripten_\d+_\d+_wasm32)$/;
const PREDICATES = ["https://docs.pypi.org/attestations/publish/v1", "https://slsa.dev/provenance/v1"];

const EXPLANATIONS: Record<number, [string, string]> = {
  400: [
    "Bad Request",
    "The server could not comply with the request since it is either malformed or otherwise incorrect.",
  ],
  403: ["Forbidden", "Access was denied to this resource."],
  405: ["Method Not Allowed", "The method is not allowed for this resource."],
  409: ["Conflict", "There was a conflict when trying to complete your request."],
  410: ["Gone", "This resource is no longer available.  No forwarding address is given."],
  429: ["Too Many Requests", "The server has received too many requests from this client."],
  500: [
    "Internal Server Error",
    "The server has either erred or is incapable of performing the requested operation.",
  ],
  502: ["Bad Gateway", "Bad gateway."],
  503: ["Service Unavailable", "The server is currently unavailable. Please try again at a later time."],
};

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");
const underscore = (name: string) => normalize(name).replace(/-/g, "_");

/** PEP 440 canonical form (enough of packaging's str(Version) for the fake's comparisons). */
function canonicalVersion(input: string): string | null {
  const m = VERSION_RE.exec(input.trim());
  if (!m) return null;
  const [, epoch, release, pre, preN, implicitPost, postL, postN, devL, devN, local] = m;
  const phase = pre
    ? (
        { a: "a", alpha: "a", b: "b", beta: "b", c: "rc", rc: "rc", pre: "rc", preview: "rc" } as Record<
          string,
          string
        >
      )[pre.toLowerCase()]
    : "";
  let out = epoch && epoch !== "0" ? `${Number(epoch)}!` : "";
  out += release!.split(".").map(Number).join(".");
  if (pre) out += `${phase}${Number(preN ?? 0)}`;
  if (implicitPost !== undefined) out += `.post${Number(implicitPost)}`;
  else if (postL) out += `.post${Number(postN ?? 0)}`;
  if (devL) out += `.dev${Number(devN ?? 0)}`;
  if (local) out += `+${local.toLowerCase().replace(/[-_]/g, ".")}`;
  return out;
}
/** canonicalize_version: trailing `.0`s of the release dropped (releases are keyed on it). */
function releaseKey(v: string): string {
  const c = canonicalVersion(v) ?? v;
  return c.replace(/^((?:\d+!)?\d+(?:\.\d+)*?)(?:\.0)+(?=$|[a-z+])/i, "$1");
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface StoredFile extends FakeFile {
  content: Buffer | null;
  uploadedAt: number;
  metadata: string | null;
}

interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  value: string;
  file: { size: number; sha256: string; blake2b_256: string; content: Buffer | null } | null;
}

export async function startFakeIndex(options: FakeIndexOptions = {}): Promise<FakeIndex> {
  const hosts = options.hosts ?? { upload: "upload.pypi.org", read: "pypi.org" };
  const tokens = new Set(options.tokens ?? []);
  const projects = new Map<string, { name: string; owners: string[] | null; uploadLimit: number }>();
  for (const [name, p] of Object.entries(options.projects ?? {})) {
    projects.set(normalize(name), {
      name,
      owners: p.owners ?? null,
      uploadLimit: p.uploadLimit ?? DEFAULT_UPLOAD_LIMIT,
    });
  }
  const stored: StoredFile[] = [];
  const files: FakeFile[] = [];
  const uploads: FakeIndex["uploads"] = [];
  const calls: FakeIndex["calls"] = [];
  const rules: Array<FailRule & { left: number }> = [];
  let lag = 0;
  let serial = 1;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const host = String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "");
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const method = req.method ?? "GET";
    res.on("finish", () => calls.push({ method, path: url.pathname, status: res.statusCode, host }));
    const rule = rules.find(
      (r) => r.left > 0 && r.path.test(url.pathname) && (!r.method || r.method === method),
    );
    if (rule) {
      rule.left--;
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      if (rule.resetMidBody) {
        // Read a little of the body, then drop the connection without answering.
        await new Promise<void>((resolve) => {
          req.once("data", () => resolve());
          req.once("end", () => resolve());
        });
        calls.push({ method, path: url.pathname, status: 0, host });
        req.socket.destroy();
        return;
      }
      if (rule.status !== undefined) {
        for await (const _ of req) {
          // Drain the body so the client sees the answer, not a reset.
        }
        if (url.pathname.startsWith("/legacy"))
          uploads.push({ filename: "", status: rule.status, fields: {} });
        if (rule.body !== undefined) {
          res.writeHead(rule.status, { "content-type": "text/plain" });
          res.end(rule.body);
        } else sendError(req, res, rule.status, `${EXPLANATIONS[rule.status]?.[0] ?? "Error"}`);
        return;
      }
    }
    if (options.trustedPublishing && url.pathname.startsWith("/_/oidc/")) {
      if (await options.trustedPublishing.handle(req, res, url)) return;
    }
    try {
      if (url.pathname === "/legacy" && method === "POST") {
        for await (const _ of req) {
          // drain
        }
        throw new HttpError(
          308,
          "An upload was attempted to /legacy but the expected upload URL is /legacy/ (with a trailing slash)",
        );
      }
      if (url.pathname === "/legacy/") {
        if (method !== "POST") throw new HttpError(405, "Method Not Allowed");
        return await upload(req, res, rule?.holdAnswerMs ?? 0);
      }
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Method Not Allowed");
      const json = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(url.pathname);
      if (json)
        return jsonApi(req, res, decodeURIComponent(json[1]!), json[2] ? decodeURIComponent(json[2]) : null);
      const simple = /^\/simple\/([^/]+)\/?$/.exec(url.pathname);
      if (simple) return simpleApi(req, res, decodeURIComponent(simple[1]!), url.pathname);
      const pkg = /^\/packages\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]+\/(.+)$/.exec(url.pathname);
      if (pkg) return download(res, decodeURIComponent(pkg[1]!));
      throw new HttpError(404, "Not Found");
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 308) {
        res.writeHead(308, latin1(error.message), { location: "/legacy/", "content-type": "text/plain" });
        res.end(`308 ${error.message}`);
        return;
      }
      sendError(req, res, error.status, error.message);
    }
  };

  function visible(f: StoredFile): boolean {
    return Date.now() >= f.uploadedAt + lag;
  }

  function fileJson(f: StoredFile, readHost: string) {
    const b = f.blake2b_256;
    return {
      filename: f.filename,
      packagetype: f.filename.endsWith(".whl") ? "bdist_wheel" : "sdist",
      python_version: f.filename.endsWith(".whl") ? (f.filename.split("-").at(-3) ?? "") : "source",
      comment_text: "",
      has_sig: false,
      md5_digest: createHash("md5")
        .update(f.content ?? Buffer.alloc(0))
        .digest("hex"),
      digests: {
        md5: createHash("md5")
          .update(f.content ?? Buffer.alloc(0))
          .digest("hex"),
        sha256: f.sha256,
        blake2b_256: b,
      },
      "core-metadata": false,
      size: f.size,
      downloads: -1,
      upload_time: new Date(f.uploadedAt).toISOString().slice(0, 19),
      upload_time_iso_8601: new Date(f.uploadedAt).toISOString(),
      url: `https://${readHost === hosts.read ? "files.pythonhosted.org" : readHost}/packages/${b.slice(0, 2)}/${b.slice(2, 4)}/${b.slice(4)}/${f.filename}`,
      requires_python: null,
      yanked: false,
      yanked_reason: null,
    };
  }

  function jsonApi(req: IncomingMessage, res: ServerResponse, name: string, version: string | null) {
    const norm = normalize(name);
    if (name !== norm) {
      res.writeHead(301, { location: `/pypi/${norm}/${version ? `${version}/` : ""}json` });
      return res.end();
    }
    const project = projects.get(norm);
    const mine = stored.filter((f) => normalize(f.project) === norm && visible(f));
    if (!project || mine.length === 0) throw new HttpError(404, "Not Found");
    const readHost = String(req.headers["x-forwarded-host"] ?? hosts.read);
    const releases = new Map<string, StoredFile[]>();
    for (const f of mine) releases.set(f.version, [...(releases.get(f.version) ?? []), f]);
    let chosen: string | undefined;
    if (version !== null) {
      chosen = releases.has(version)
        ? version
        : [...releases.keys()].find((v) => releaseKey(v) === releaseKey(version));
      if (chosen === undefined) throw new HttpError(404, "Not Found");
    } else chosen = [...releases.keys()].at(-1);
    const info = {
      name: project.name,
      version: chosen,
      summary: null,
      yanked: false,
      yanked_reason: null,
      package_url: `https://${readHost}/project/${norm}/`,
      project_url: `https://${readHost}/project/${norm}/`,
      release_url: `https://${readHost}/project/${norm}/${chosen}/`,
      bugtrack_url: null,
      downloads: { last_day: -1, last_week: -1, last_month: -1 },
    };
    const body: Record<string, unknown> = {
      info,
      last_serial: serial,
      urls: (releases.get(chosen!) ?? []).map((f) => fileJson(f, readHost)),
      vulnerabilities: [],
      ownership: { roles: [], organization: null },
    };
    if (version === null) {
      body.releases = Object.fromEntries(
        [...releases].map(([v, fs]) => [v, fs.map((f) => fileJson(f, readHost))]),
      );
    }
    res.writeHead(200, {
      "content-type": "application/json",
      "x-pypi-last-serial": String(serial),
      "access-control-allow-origin": "*",
      "cache-control": "max-age=900, public",
    });
    res.end(JSON.stringify(body));
  }

  function simpleApi(req: IncomingMessage, res: ServerResponse, name: string, path: string) {
    const norm = normalize(name);
    if (name !== norm || !path.endsWith("/")) {
      res.writeHead(301, { location: `/simple/${norm}/` });
      return res.end();
    }
    const project = projects.get(norm);
    if (!project) throw new HttpError(404, "Not Found");
    const mine = stored.filter((f) => normalize(f.project) === norm && visible(f));
    const readHost = String(req.headers["x-forwarded-host"] ?? hosts.read);
    const accept = String(req.headers.accept ?? "");
    if (accept.includes("application/vnd.pypi.simple.v1+json")) {
      res.writeHead(200, { "content-type": "application/vnd.pypi.simple.v1+json", vary: "Accept" });
      res.end(
        JSON.stringify({
          meta: { "api-version": "1.4", "_last-serial": serial },
          name: norm,
          "project-status": { status: "active" },
          versions: [...new Set(mine.map((f) => f.version))],
          files: mine.map((f) => ({
            filename: f.filename,
            url: fileJson(f, readHost).url,
            hashes: { sha256: f.sha256 },
            "requires-python": null,
            size: f.size,
            "upload-time": new Date(f.uploadedAt).toISOString(),
            yanked: false,
            "data-dist-info-metadata": false,
            "core-metadata": false,
            provenance: null,
          })),
        }),
      );
      return;
    }
    const anchors = mine
      .map((f) => `    <a href="${fileJson(f, readHost).url}#sha256=${f.sha256}">${f.filename}</a><br />`)
      .join("\n");
    res.writeHead(200, { "content-type": "text/html", vary: "Accept" });
    res.end(
      `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.4">\n    <title>Links for ${norm}</title>\n  </head>\n  <body>\n    <h1>Links for ${norm}</h1>\n${anchors}\n  </body>\n</html>\n<!--SERIAL ${serial}-->\n`,
    );
  }

  function download(res: ServerResponse, filename: string) {
    const f = stored.find((s) => s.filename === filename);
    if (!f?.content) throw new HttpError(404, "Not Found");
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(f.content);
  }

  /**
   * An upload, recorded with the index's answer whether or not the client lived to read it: a client killed after
   * sending its file, while the index still checks it, has its file stored all the same. Nothing answered is 0.
   */
  async function upload(req: IncomingMessage, res: ServerResponse, holdAnswerMs: number) {
    const record: Upload = { filename: "", status: 0, fields: {} };
    uploads.push(record);
    try {
      await receiveUpload(req, res, record, holdAnswerMs);
      record.status = res.statusCode;
    } catch (error) {
      if (error instanceof HttpError) record.status = error.status;
      throw error;
    }
  }

  async function receiveUpload(
    req: IncomingMessage,
    res: ServerResponse,
    record: Upload,
    holdAnswerMs: number,
  ) {
    const ct = String(req.headers["content-type"] ?? "");
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(ct);
    if (!ct.startsWith("multipart/form-data") || !boundary) {
      for await (const _ of req) {
        // drain
      }
      throw new HttpError(400, "Invalid or missing multipart body.");
    }
    const parts = await parseMultipart(req, boundary[1] ?? boundary[2]!);
    const contentPart = parts.find((p) => p.name === "content" && p.file);
    record.filename = contentPart?.filename ?? "";
    for (const p of parts)
      if (!p.file && record.fields[p.name] === undefined) record.fields[p.name] = p.value;

    // 1. Admin modes.
    if (options.readOnly) throw new HttpError(403, "Read-only mode: Uploads are temporarily disabled.");
    // 2. Identity.
    const identity = authenticate(String(req.headers.authorization ?? ""));
    // 3. Sanitise.
    for (const p of parts) {
      if (p.filename !== null && p.name !== "content")
        throw new HttpError(400, `${p.name}: Should not be a tuple.`);
    }
    const text = parts.filter((p) => !p.file && p.value !== "UNKNOWN" && p.value !== "");
    const all = (name: string) => text.filter((p) => p.name === name).map((p) => p.value);
    const one = (name: string) => all(name)[0] ?? null;
    // 4. Protocol version.
    if ((one("protocol_version") ?? "1") !== "1") throw new HttpError(400, "Unknown protocol version.");
    if (one(":action") !== "file_upload") {
      const action = one(":action");
      if (action === "submit" || action === "submit_pkg_info")
        throw new HttpError(
          410,
          "Project pre-registration is no longer required or supported, upload your files instead.",
        );
      if (action === "doc_upload")
        throw new HttpError(
          410,
          "Uploading documentation is no longer supported, we recommend using https://readthedocs.org/.",
        );
      throw new HttpError(404, "Not Found");
    }
    // 5. Form validation (metadata-version, name, version, then alphabetical).
    const mv = one("metadata_version");
    if (mv === null) throw new HttpError(400, `'metadata_version' is a required field. ${SPEC}`);
    const name = one("name");
    if (name === null || !NAME_RE.test(name)) {
      throw new HttpError(
        400,
        `'${name ?? ""}' is an invalid value for Name. Error: Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'. ${SPEC}`,
      );
    }
    const version = one("version");
    if (version === null) throw new HttpError(400, `'version' is a required field. ${SPEC}`);
    const filetype = one("filetype");
    if (filetype !== "bdist_wheel" && filetype !== "sdist") {
      throw new HttpError(400, "Invalid value for filetype. Error: Use a known file type.");
    }
    const pyversion = one("pyversion");
    if (filetype === "bdist_wheel" && !pyversion) {
      throw new HttpError(
        400,
        "Invalid value for pyversion. Error: Python version is required for binary distribution uploads.",
      );
    }
    if (filetype === "sdist" && pyversion && pyversion !== "source") {
      throw new HttpError(
        400,
        "Invalid value for pyversion. Error: Use 'source' as Python version for an sdist.",
      );
    }
    const sha256 = one("sha256_digest");
    const blake = one("blake2_256_digest");
    if (one("md5_digest") === null && sha256 === null && blake === null) {
      throw new HttpError(400, "Error: Include at least one message digest.");
    }
    if (sha256 !== null && !/^[0-9a-f]{64}$/i.test(sha256)) {
      throw new HttpError(
        400,
        "Invalid value for sha256_digest. Error: Use a valid, hex-encoded, SHA256 message digest.",
      );
    }
    if (blake !== null && !/^[0-9a-f]{64}$/i.test(blake)) {
      throw new HttpError(
        400,
        "Invalid value for blake2_256_digest. Error: Use a valid, hex-encoded, BLAKE2 message digest.",
      );
    }
    // 6. Metadata validation.
    if (!METADATA_VERSIONS.includes(mv))
      throw new HttpError(400, `'${mv}' is not a valid metadata version. ${SPEC}`);
    const canonical = canonicalVersion(version);
    if (canonical === null) throw new HttpError(400, `'${version}' is invalid for 'version'. ${SPEC}`);
    if (canonical.includes("+"))
      throw new HttpError(400, `The use of local versions in '${version}' is not allowed. ${SPEC}`);
    for (const [field, since] of Object.entries(SINCE)) {
      if (all(field).length > 0 && Number(mv) < Number(since)) {
        throw new HttpError(
          400,
          `${field.replace(/_/g, "-")} introduced in metadata version ${since}, not ${mv}. ${SPEC}`,
        );
      }
    }
    const summary = one("summary");
    if (summary?.includes("\n")) throw new HttpError(400, `'summary' must be a single line. ${SPEC}`);
    if (summary && summary.length > 512)
      throw new HttpError(400, `'summary' field must be 512 characters or less. ${SPEC}`);
    const dct = one("description_content_type");
    if (dct !== null && !/^(text\/plain|text\/x-rst|text\/markdown)(\s*;.*)?$/i.test(dct)) {
      throw new HttpError(400, `'${dct}' is an invalid value for Description-Content-Type. ${SPEC}`);
    }
    if (one("license") !== null && one("license_expression") !== null) {
      throw new HttpError(
        400,
        `License is deprecated when License-Expression is present. Only License-Expression should be present. ${SPEC}`,
      );
    }
    for (const req of all("requires_dist")) {
      if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(req)) {
        throw new HttpError(400, `Can't have direct dependency: ${req} ${SPEC}`);
      }
    }
    // 7. The file.
    if (!contentPart?.file) throw new HttpError(400, "Upload payload does not have a file.");
    const file = contentPart.file;
    const filename = contentPart.filename ?? "";
    // 8. Project lookup.
    const norm = normalize(name);
    let project = projects.get(norm);
    if (!project) {
      if (identity.via === "trusted-publishing") {
        const verdict = options.trustedPublishing!.authorize(identity.token, norm);
        if (!verdict.ok) {
          throw new HttpError(
            400,
            "Non-user identities cannot create new projects. This was probably caused by successfully using a pending publisher but specifying the project name incorrectly (either in PyPI or in your upload). Please correct the project name and try again.",
          );
        }
      }
      project = {
        name,
        owners: identity.via === "token" ? [identity.token] : null,
        uploadLimit: DEFAULT_UPLOAD_LIMIT,
      };
      projects.set(norm, project);
    }
    // 9. Permission.
    if (identity.via === "trusted-publishing") {
      const verdict = options.trustedPublishing!.authorize(identity.token, norm);
      if (!verdict.ok) throw new HttpError(verdict.status, verdict.message);
    } else if (project.owners && !project.owners.includes(identity.token)) {
      throw new HttpError(
        403,
        `The user '__token__' isn't allowed to upload to project '${project.name}'. See ${HELP}#project-name for more information.`,
      );
    }
    // 10. Display name follows the upload's spelling.
    project.name = name;
    // 12. Filename checks.
    if (/[\x00-\x1f\x7f]/.test(filename)) {
      throw new HttpError(
        400,
        "Cannot upload a file with non-printable characters (ordinals 0-31) or the DEL character (ordinal 127) in the name.",
      );
    }
    if (/[/\\]/.test(filename))
      throw new HttpError(400, "Cannot upload a file with '/' or '\\' in the name.");
    const ext = [".tar.gz", ".whl", ".zip"].find((e) => filename.endsWith(e));
    if (!ext) {
      throw new HttpError(
        400,
        "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information",
      );
    }
    if ((filetype === "sdist") !== (ext !== ".whl")) {
      throw new HttpError(
        400,
        `Invalid file extension: Extension ${ext} is invalid for filetype ${filetype}. See https://www.python.org/dev/peps/pep-0527 for more information.`,
      );
    }
    if (!contentPart.contentType || contentPart.contentType.startsWith("image/")) {
      throw new HttpError(400, "Invalid distribution file.");
    }
    // 13. Size limits.
    if (file.size > project.uploadLimit) {
      throw new HttpError(
        400,
        `File too large. Limit for project '${project.name}' is ${Math.round(project.uploadLimit / MB)} MB. See https://docs.pypi.org/project-management/storage-limits#requesting-a-file-size-limit-increase for more information.`,
      );
    }
    // 14. Digests.
    if (
      (sha256 !== null && sha256.toLowerCase() !== file.sha256) ||
      (blake !== null && blake.toLowerCase() !== file.blake2b_256)
    ) {
      throw new HttpError(
        400,
        "The digest supplied does not match a digest calculated from the uploaded file.",
      );
    }
    // 15. Duplicates.
    const same = stored.find((f) => f.filename === filename);
    if (same && same.sha256 === file.sha256 && same.blake2b_256 === file.blake2b_256) {
      res.writeHead(200);
      return res.end();
    }
    if (same || stored.some((f) => f.blake2b_256 === file.blake2b_256)) {
      throw new HttpError(
        400,
        `File already exists ('${filename}', with blake2_256 hash '${file.blake2b_256}'). See ${HELP}#file-name-reuse for more information.`,
      );
    }
    // 18. One sdist per release.
    const key = releaseKey(version);
    if (
      filetype === "sdist" &&
      stored.some(
        (f) => normalize(f.project) === norm && releaseKey(f.version) === key && !f.filename.endsWith(".whl"),
      )
    ) {
      throw new HttpError(400, "Only one sdist may be uploaded per release.");
    }
    // 19–20. Archive and naming checks.
    const metadata = await checkArchive(filename, filetype, name, canonical, file.content);
    // 21. Attestations.
    const attestationsField = one("attestations");
    const attestations =
      attestationsField === null
        ? null
        : checkAttestations(attestationsField, identity.via, filename, file.sha256);
    // 22. Store.
    const existingRelease = stored.find(
      (f) => normalize(f.project) === norm && releaseKey(f.version) === key,
    );
    const entry: StoredFile = {
      project: project.name,
      version: existingRelease?.version ?? version,
      filename,
      sha256: file.sha256,
      blake2b_256: file.blake2b_256,
      size: file.size,
      attestations,
      uploadedWith: identity.via,
      content: file.content,
      uploadedAt: Date.now(),
      metadata,
    };
    stored.push(entry);
    files.push(publicView(entry));
    serial++;
    if (holdAnswerMs > 0) await new Promise((resolve) => setTimeout(resolve, holdAnswerMs));
    res.writeHead(200);
    res.end();
  }

  function authenticate(header: string): { via: "token" | "trusted-publishing"; token: string } {
    const invalid = () =>
      new HttpError(
        403,
        `Invalid or non-existent authentication information. See ${HELP}#invalid-auth for more information.`,
      );
    const [scheme, value] = header.split(/\s+/, 2);
    let token: string;
    if (scheme?.toLowerCase() === "basic" && value) {
      const decoded = Buffer.from(value, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const user = decoded.slice(0, colon);
      if (colon < 0) throw invalid();
      if (user !== "__token__") {
        throw new HttpError(
          403,
          "Username/Password authentication is no longer supported. Migrate to API Tokens or Trusted Publishers instead. See https://pypi.org/help/#apitoken and https://pypi.org/help/#trusted-publishers",
        );
      }
      token = decoded.slice(colon + 1).trim();
    } else if ((scheme?.toLowerCase() === "token" || scheme?.toLowerCase() === "bearer") && value)
      token = value.trim();
    else throw invalid();
    if (tokens.has(token)) return { via: "token", token };
    if (options.trustedPublishing?.minted.some((m) => m.token === token))
      return { via: "trusted-publishing", token };
    throw invalid();
  }

  function checkAttestations(raw: string, via: string, filename: string, sha256: string): unknown[] {
    const bad = (reason: string) =>
      new HttpError(400, `Invalid attestations supplied during upload: ${reason}`);
    if (via !== "trusted-publishing")
      throw bad("Attestations are only supported when using Trusted Publishing");
    let list: unknown;
    try {
      list = JSON.parse(raw);
    } catch {
      throw bad("Malformed attestations: invalid JSON");
    }
    if (!Array.isArray(list)) throw bad("Malformed attestations: expected a list");
    if (list.length === 0) throw bad("Malformed attestations: an empty attestation set is not permitted");
    if (list.length > 2) throw bad("A maximum of 2 attestations per file are supported");
    const seen = new Set<string>();
    interface Wire {
      version?: unknown;
      envelope?: { statement?: unknown; signature?: unknown };
      verification_material?: { certificate?: unknown; transparency_entries?: unknown };
    }
    for (const a of list as Wire[]) {
      if (
        a?.version !== 1 ||
        typeof a?.envelope?.statement !== "string" ||
        typeof a?.envelope?.signature !== "string" ||
        typeof a?.verification_material?.certificate !== "string" ||
        !Array.isArray(a?.verification_material?.transparency_entries)
      ) {
        throw bad("Malformed attestations: attestation does not match the schema");
      }
      let statement: { subject?: unknown; predicateType?: string };
      try {
        statement = JSON.parse(Buffer.from(a.envelope.statement, "base64").toString("utf8"));
      } catch {
        throw bad("Malformed attestations: the statement is not JSON");
      }
      const subjects = statement.subject as Array<{ name: string; digest: { sha256: string } }> | undefined;
      if (!Array.isArray(subjects) || subjects.length !== 1) {
        throw bad(
          "Could not verify the uploaded artifact using the included attestation: Verification failed: too many subjects in statement (must be exactly one)",
        );
      }
      if (subjects[0]!.name !== filename) {
        throw bad(
          `Could not verify the uploaded artifact using the included attestation: Verification failed: subject does not match distribution name: ${filename} != ${subjects[0]!.name}`,
        );
      }
      if (subjects[0]!.digest?.sha256 !== sha256) {
        throw bad(
          "Could not verify the uploaded artifact using the included attestation: Verification failed: subject does not match distribution digest",
        );
      }
      if (!PREDICATES.includes(statement.predicateType ?? "")) {
        throw bad(`Attestation with unsupported predicate type: ${statement.predicateType}`);
      }
      if (seen.has(statement.predicateType!)) {
        throw bad(
          `Multiple attestations for the same file with the same predicate type (${statement.predicateType}) are not supported`,
        );
      }
      seen.add(statement.predicateType!);
    }
    return list;
  }

  const server = await startLoopback(async (req, res) => {
    await handler(req, res);
  });
  const routes = {
    [hosts.upload]: server.origin,
    [hosts.read]: server.origin,
    "files.pythonhosted.org": server.origin,
  };
  return {
    origin: server.origin,
    fetch: routeHosts(routes),
    routes,
    files,
    uploads,
    calls,
    addFile(f) {
      const norm = normalize(f.project);
      if (!projects.has(norm))
        projects.set(norm, { name: f.project, owners: null, uploadLimit: DEFAULT_UPLOAD_LIMIT });
      const sha256 = createHash("sha256").update(f.content).digest("hex");
      const b2 = Buffer.from(blake2b(f.content, { dkLen: 32 })).toString("hex");
      const entry: StoredFile = {
        project: f.project,
        version: f.version,
        filename: f.filename,
        sha256,
        blake2b_256: b2,
        size: f.content.length,
        attestations: null,
        uploadedWith: "token",
        content: f.content,
        uploadedAt: 0,
        metadata: null,
      };
      stored.push(entry);
      files.push(publicView(entry));
      serial++;
    },
    failNext(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 });
    },
    jsonApiLag(ms) {
      lag = ms;
    },
    close: () => server.close(),
  };
}

function publicView(f: StoredFile): FakeFile {
  return {
    project: f.project,
    version: f.version,
    filename: f.filename,
    sha256: f.sha256,
    blake2b_256: f.blake2b_256,
    size: f.size,
    attestations: f.attestations,
    uploadedWith: f.uploadedWith,
  };
}

function latin1(message: string): string {
  return message.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
}

/** Warehouse's error rendering: the message in the reason phrase, the body by Accept. */
function sendError(req: IncomingMessage, res: ServerResponse, status: number, detail: string): void {
  const [title, explanation] = EXPLANATIONS[status] ?? ["Error", ""];
  const accept = String(req.headers.accept ?? "");
  const reason = latin1(`${detail}`).slice(0, 1000);
  if (accept.includes("application/json")) {
    res.writeHead(status, reason, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ message: `${explanation}\n\n\n${detail}\n\n`, code: `${status} ${detail}`, title }),
    );
  } else if (accept.includes("text/html") || accept === "" || accept.includes("*/*")) {
    res.writeHead(status, reason, { "content-type": "text/html; charset=UTF-8" });
    res.end(
      `<html>\n <head>\n  <title>${status} ${escapeHtml(detail)}</title>\n </head>\n <body>\n  <h1>${status} ${escapeHtml(detail)}</h1>\n  ${explanation}<br/><br/>\n${escapeHtml(detail)}\n\n\n </body>\n</html>`,
    );
  } else {
    res.writeHead(status, reason, { "content-type": "text/plain; charset=UTF-8" });
    res.end(`${status} ${detail}\n\n${explanation}\n\n${detail}\n\n`);
  }
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/'/g, "&#x27;")
    .replace(/"/g, "&quot;");
}

/** A streaming multipart/form-data parser: text parts kept, file parts hashed as they arrive. */
async function parseMultipart(req: IncomingMessage, boundary: string): Promise<Part[]> {
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts: Part[] = [];
  let buf: Buffer = Buffer.from("\r\n");
  let state: "preamble" | "after" | "headers" | "body" | "end" = "preamble";
  let current: Part | null = null;
  let sha: ReturnType<typeof createHash> | null = null;
  let b2: ReturnType<typeof blake2b.create> | null = null;
  let kept: Buffer[] = [];
  let keptSize = 0;
  let size = 0;
  const write = (chunk: Buffer) => {
    if (chunk.length === 0 || !current) return;
    size += chunk.length;
    if (current.filename !== null) {
      sha!.update(chunk);
      b2!.update(chunk);
    }
    if (keptSize <= KEEP_LIMIT) {
      kept.push(Buffer.from(chunk));
      keptSize += chunk.length;
    }
  };
  const finish = () => {
    if (!current) return;
    if (current.filename !== null) {
      current.file = {
        size,
        sha256: sha!.digest("hex"),
        blake2b_256: Buffer.from(b2!.digest()).toString("hex"),
        content: keptSize <= KEEP_LIMIT ? Buffer.concat(kept) : null,
      };
    } else current.value = Buffer.concat(kept).toString("utf8");
    parts.push(current);
    current = null;
  };
  const process = () => {
    for (;;) {
      if (state === "preamble" || state === "body") {
        const i = buf.indexOf(delim);
        if (i < 0) {
          const keep = Math.min(buf.length, delim.length);
          if (state === "body") write(buf.subarray(0, buf.length - keep));
          buf = buf.subarray(buf.length - keep);
          return;
        }
        if (state === "body") {
          write(buf.subarray(0, i));
          finish();
        }
        buf = buf.subarray(i + delim.length);
        state = "after";
      }
      if (state === "after") {
        if (buf.length < 2) return;
        const two = buf.subarray(0, 2).toString("latin1");
        buf = buf.subarray(2);
        if (two === "--") {
          state = "end";
          return;
        }
        state = "headers";
      }
      if (state === "headers") {
        const i = buf.indexOf("\r\n\r\n");
        if (i < 0) return;
        const lines = buf.subarray(0, i).toString("utf8").split("\r\n");
        buf = buf.subarray(i + 4);
        const headers = new Map(
          lines.map((l) => [
            l.slice(0, l.indexOf(":")).trim().toLowerCase(),
            l.slice(l.indexOf(":") + 1).trim(),
          ]),
        );
        const disposition = headers.get("content-disposition") ?? "";
        const name = /\bname="([^"]*)"/.exec(disposition)?.[1] ?? "";
        const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null;
        current = { name, filename, contentType: headers.get("content-type") ?? null, value: "", file: null };
        sha = createHash("sha256");
        b2 = blake2b.create({ dkLen: 32 });
        kept = [];
        keptSize = 0;
        size = 0;
        state = "body";
      }
      if (state === "end") return;
    }
  };
  for await (const chunk of req) {
    if ((state as string) === "end") continue;
    buf = buf.length === 0 ? (chunk as Buffer) : Buffer.concat([buf, chunk as Buffer]);
    process();
  }
  if ((state as string) !== "end") throw new HttpError(400, "Invalid or missing multipart body.");
  return parts;
}

/** Archive and naming checks (steps 19–20); returns the METADATA/PKG-INFO text when found. */
async function checkArchive(
  filename: string,
  filetype: string,
  name: string,
  version: string,
  content: Buffer | null,
): Promise<string | null> {
  const invalid = (m: string) => new HttpError(400, m);
  if (filetype === "sdist") {
    const stem = filename.slice(0, -".tar.gz".length);
    if (!filename.endsWith(".tar.gz") || !stem.includes("-"))
      throw invalid(`Invalid source distribution filename: ${filename}`);
    const expected = `${underscore(name)}-${version}.tar.gz`;
    if (!filename.startsWith(`${underscore(name)}-`))
      throw invalid(`Start filename for '${name}' with '${underscore(name)}'.`);
    if (filename !== expected) throw invalid(`Filename '${filename}' is invalid, should be '${expected}'.`);
    if (!content) return null;
    const tops = new Set<string>();
    let pkgInfo: string | null = null;
    try {
      const extract = tar.extract();
      const raw = gunzipSync(content);
      await new Promise<void>((resolve, reject) => {
        extract.on("entry", (header, stream, next) => {
          const top = header.name.split("/")[0]!;
          if ((header.type as string) !== "pax-global-header") tops.add(top);
          const chunks: Buffer[] = [];
          stream.on("data", (c: unknown) => chunks.push(c as Buffer));
          stream.on("end", () => {
            if (header.name === `${top}/PKG-INFO` && header.type === "file")
              pkgInfo = Buffer.concat(chunks).toString("utf8");
            next();
          });
        });
        extract.on("finish", resolve);
        extract.on("error", reject);
        extract.end(raw);
      });
    } catch {
      throw invalid("Invalid distribution file.");
    }
    if (tops.size !== 1)
      throw invalid("Invalid distribution file. Incorrect number of top-level directories in sdist");
    if (pkgInfo === null) throw invalid("Invalid distribution file. PKG-INFO file not found");
    return pkgInfo;
  }
  const parts = filename.slice(0, -".whl".length).split("-");
  if (parts.length !== 5 && parts.length !== 6)
    throw invalid(`Invalid wheel filename (wrong number of parts): '${filename.slice(0, -4)}'`);
  if (parts.length === 6 && !/^\d/.test(parts[2]!))
    throw invalid(`Invalid build number: ${parts[2]} in '${filename.slice(0, -4)}'`);
  const fileVersion = canonicalVersion(parts[1]!);
  if (fileVersion === null)
    throw invalid(`Invalid wheel filename (invalid version): '${filename.slice(0, -4)}'`);
  for (const tag of parts.at(-1)!.split(".")) {
    if (!PLATFORM_OK.test(tag))
      throw invalid(`Binary wheel '${filename}' has an unsupported platform tag '${tag}'.`);
  }
  if (parts[0] !== underscore(name)) {
    throw invalid(
      `Filename '${filename}' should contain the normalized project name '${underscore(name)}', not '${parts[0]}'.`,
    );
  }
  if (fileVersion !== version) throw invalid(`Version in filename should be '${version}' not '${parts[1]}'.`);
  if (!content) return null;
  const prefix = `${parts[0]}-${parts[1]}.dist-info/`;
  const { names, metadata } = await zipNames(content, `${prefix}METADATA`).catch(() => {
    throw invalid("Invalid distribution file. File is not a zipfile");
  });
  if (!names.has(`${prefix}WHEEL`)) throw invalid("Invalid distribution file. WHEEL not found");
  if (!names.has(`${prefix}RECORD`)) {
    throw invalid(`Wheel '${filename}' does not contain the required RECORD file: ${prefix}RECORD`);
  }
  if (metadata === null)
    throw invalid(`Wheel '${filename}' does not contain the required METADATA file: ${prefix}METADATA`);
  return metadata;
}

function zipNames(
  content: Buffer,
  metadataName: string,
): Promise<{ names: Set<string>; metadata: string | null }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names = new Set<string>();
      let metadata: string | null = null;
      zip.on("error", reject);
      zip.on("end", () => resolve({ names, metadata }));
      zip.on("entry", (entry: yauzl.Entry) => {
        if (names.has(entry.fileName)) return reject(new Error("duplicate"));
        names.add(entry.fileName);
        if (entry.fileName !== metadataName) return zip.readEntry();
        zip.openReadStream(entry, (e, s) => {
          if (e || !s) return reject(e);
          const chunks: Buffer[] = [];
          s.on("data", (c: Buffer) => chunks.push(c));
          s.on("end", () => {
            metadata = Buffer.concat(chunks).toString("utf8");
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
