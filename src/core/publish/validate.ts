/**
 * Local validation of distributions before any irreversible step (PRODUCT.md §7.2, PYPI.md §8). Each rule yields a
 * problem naming the file, the rule and the fix; the first error becomes `E_DIST_INVALID`.
 */
import { ReleasioError, type Warning } from "../errors.js";
import { normalizePackageName } from "../project/package-name.js";
import { tryParseVersion, versionsEqual } from "../version/pep440.js";
import {
  type DistFilename,
  expectedSdistFilename,
  filenameName,
  isAllowedPlatformTag,
  parseDistFilename,
} from "./dist-filename.js";
import { type CoreMetadata, headerValue, headerValues } from "./metadata.js";
import { METADATA_FIELDS, metadataVersionAtLeast, SUPPORTED_METADATA_VERSIONS } from "./upload-form.js";

const MiB = 1024 * 1024;
export const WARN_SIZE = 100 * MiB;
export const PYPI_MAX_SIZE = 1024 * MiB;

/** What the adapter learnt from reading one dist file. */
export interface DistFacts {
  filename: string;
  size: number;
  /** The METADATA/PKG-INFO text, or null when it could not be found. */
  metadata: CoreMetadata | null;
  /** Why the archive could not be read or lacks its metadata (null when fine). */
  archiveError: string | null;
  /** Wheel members `WHEEL`, `METADATA`, `RECORD` of `{name}-{version}.dist-info/` (wheels only). */
  missingMembers: string[];
}

export interface ValidationContext {
  /** The project name the dists must belong to (null: taken from the first dist). */
  project: string | null;
  /** The release version (null: any single version, the same for every dist). */
  version: string | null;
  /** PyPI or TestPyPI: platform tags and the 1 GiB cap are errors there, warnings elsewhere. */
  pypiLike: boolean;
}

export interface DistProblem {
  filename: string;
  rule: string;
  fix: string;
}

export interface ValidationResult {
  dists: Array<{ facts: DistFacts; parsed: DistFilename }>;
  problems: DistProblem[];
  warnings: Warning[];
}

const NAME_RE = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const CONTENT_TYPES = new Set(["text/plain", "text/x-rst", "text/markdown"]);
const NO_URL_FIELDS = ["Requires-Dist", "Provides-Dist", "Obsoletes-Dist"];
const REBUILD = "fix the project metadata (pyproject.toml) and rebuild the distributions";

/** Validates every dist; problems are collected so the error can list all of them. */
export function validateDists(all: readonly DistFacts[], ctx: ValidationContext): ValidationResult {
  const problems: DistProblem[] = [];
  const warnings: Warning[] = [];
  const dists: ValidationResult["dists"] = [];
  let project = ctx.project;
  let version = ctx.version;
  let sdists = 0;
  for (const facts of all) {
    const bad = (rule: string, fix: string) => problems.push({ filename: facts.filename, rule, fix });
    const parsed = parseDistFilename(facts.filename);
    if (typeof parsed === "string") {
      bad(`invalid filename: ${parsed}`, "rebuild with a PEP 427/625 compliant build backend");
      continue;
    }
    dists.push({ facts, parsed });
    project ??= parsed.name;
    version ??= parsed.version;
    checkFilename(parsed, project, version, bad);
    if (parsed.kind === "sdist" && ++sdists > 1) {
      bad("more than one sdist for the release", "keep exactly one .tar.gz in the dist directory");
    }
    if (parsed.kind === "wheel") {
      for (const tag of parsed.platformTags) {
        if (isAllowedPlatformTag(tag)) continue;
        const rule = `platform tag '${tag}' is not accepted by PyPI`;
        const fix = "build manylinux/musllinux wheels (e.g. with cibuildwheel and auditwheel repair)";
        if (ctx.pypiLike) bad(rule, fix);
        else warnings.push({ code: "W_DIST_PLATFORM_TAG", message: `${facts.filename}: ${rule}` });
      }
    }
    if (facts.size > PYPI_MAX_SIZE && ctx.pypiLike) {
      bad(`file size ${facts.size} bytes exceeds PyPI's 1 GiB cap`, "split the package or reduce its size");
    } else if (facts.size > WARN_SIZE) {
      warnings.push({
        code: "W_DIST_LARGE",
        message: `${facts.filename} is larger than 100 MiB; the index refuses it unless the project's limit was raised`,
      });
    }
    if (facts.archiveError !== null) {
      bad(facts.archiveError, "rebuild the distribution");
      continue;
    }
    for (const m of facts.missingMembers) {
      bad(`the wheel lacks ${m}`, "rebuild the wheel with a standard build backend");
    }
    if (facts.metadata === null) {
      bad("no metadata (METADATA / PKG-INFO) found", "rebuild the distribution");
      continue;
    }
    checkMetadata(facts, facts.metadata, parsed, bad, warnings);
  }
  return { dists, problems, warnings };
}

type Bad = (rule: string, fix: string) => void;

function checkFilename(parsed: DistFilename, project: string, version: string, bad: Bad): void {
  if (normalizePackageName(parsed.name) !== normalizePackageName(project)) {
    bad(
      `filename project '${parsed.name}' is not ${project}`,
      "remove distributions of other projects from the dist directory",
    );
  }
  const fileVersion = tryParseVersion(parsed.version);
  const releaseVersion = tryParseVersion(version);
  if (fileVersion && releaseVersion && !versionsEqual(fileVersion, releaseVersion)) {
    bad(
      `filename version ${parsed.version} does not match the release version ${version}`,
      "rebuild the distributions after the version bump (or clean the dist directory)",
    );
  }
  if (parsed.kind === "wheel" && parsed.name !== filenameName(parsed.name)) {
    bad(
      `filename should contain the normalized project name '${filenameName(parsed.name)}', not '${parsed.name}'`,
      "rebuild with a current build backend",
    );
  }
  if (parsed.kind === "sdist") {
    const expected = expectedSdistFilename(parsed.name, parsed.version);
    if (parsed.filename !== expected) {
      bad(`sdist filename should be '${expected}' (PEP 625)`, "rebuild with a current build backend");
    }
  }
}

function checkMetadata(
  facts: DistFacts,
  meta: CoreMetadata,
  parsed: DistFilename,
  bad: Bad,
  warnings: Warning[],
): void {
  const mv = headerValue(meta, "Metadata-Version");
  if (mv === null || !(SUPPORTED_METADATA_VERSIONS as readonly string[]).includes(mv)) {
    bad(
      `Metadata-Version '${mv ?? "(missing)"}' is not supported`,
      "use a build backend writing metadata 2.1 or later",
    );
    return;
  }
  for (const r of METADATA_FIELDS) {
    if (metadataVersionAtLeast(mv, r.since) || headerValues(meta, r.header).length === 0) continue;
    if (r.field === "license_file") {
      warnings.push({
        code: "W_DIST_METADATA",
        message: `${facts.filename}: License-File needs Metadata-Version 2.4 (found ${mv}); it is not sent`,
      });
      continue;
    }
    bad(
      `${r.header} introduced in metadata version ${r.since}, not ${mv}`,
      "upgrade the build backend and rebuild",
    );
  }
  const name = headerValue(meta, "Name");
  const version = headerValue(meta, "Version");
  if (name === null || !NAME_RE.test(name)) bad(`metadata Name '${name ?? ""}' is invalid`, REBUILD);
  else if (normalizePackageName(name) !== normalizePackageName(parsed.name)) {
    bad(`metadata Name '${name}' does not match the filename project '${parsed.name}'`, REBUILD);
  }
  const v = version === null ? null : tryParseVersion(version);
  const fileVersion = tryParseVersion(parsed.version);
  if (v === null) bad(`metadata Version '${version ?? ""}' is not PEP 440`, REBUILD);
  else {
    if (v.local !== null)
      bad(`local version '${version}' is not allowed on an index`, "release without a +local part");
    if (fileVersion && !versionsEqual(v, fileVersion)) {
      bad(`metadata Version ${version} does not match the filename version ${parsed.version}`, REBUILD);
    }
  }
  const summary = headerValue(meta, "Summary");
  if (summary !== null) {
    if (summary.includes("\n"))
      bad("Summary must be a single line", "shorten project.description to one line");
    if (summary.length > 512) bad("Summary must be 512 characters or less", "shorten project.description");
  }
  const contentType = headerValue(meta, "Description-Content-Type");
  if (contentType !== null) {
    const problem = contentTypeProblem(contentType);
    if (problem) bad(problem, "use text/markdown, text/x-rst or text/plain (charset UTF-8)");
  }
  if (headerValue(meta, "License") !== null && headerValue(meta, "License-Expression") !== null) {
    bad("License and License-Expression are exclusive", "keep only project.license as an SPDX expression");
  }
  for (const field of NO_URL_FIELDS) {
    for (const req of headerValues(meta, field)) {
      if (/^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@/.test(req)) {
        bad(
          `${field} '${req}' is a direct URL reference, which indexes refuse`,
          "depend on a released version instead",
        );
      }
    }
  }
  for (const d of headerValues(meta, "Dynamic")) {
    if (["name", "version", "metadata-version"].includes(d.toLowerCase())) {
      bad(`Dynamic must not list ${d}`, REBUILD);
    }
  }
}

function contentTypeProblem(value: string): string | null {
  const [type, ...params] = value.split(";").map((s) => s.trim());
  if (!CONTENT_TYPES.has((type ?? "").toLowerCase()))
    return `Description-Content-Type '${value}' is not supported`;
  for (const p of params) {
    const [k, val] = p.split("=").map((s) => s.trim());
    if (k?.toLowerCase() === "charset" && val?.toUpperCase() !== "UTF-8")
      return `charset '${val}' is not UTF-8`;
    if (k?.toLowerCase() === "variant" && !["GFM", "CommonMark"].includes(val ?? "")) {
      return `Markdown variant '${val}' is not GFM or CommonMark`;
    }
  }
  return null;
}

/** The `E_DIST_INVALID` error for the problems (the first one in the message, all in details). */
export function distInvalidError(problems: readonly DistProblem[]): ReleasioError {
  const first = problems[0]!;
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return new ReleasioError("E_DIST_INVALID", `${first.filename}: ${first.rule}${more}`, {
    hint: first.fix,
    details: { problems: problems.map((p) => ({ ...p })) },
  });
}
