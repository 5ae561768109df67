/**
 * Distribution filenames (PYPI.md §8): wheels `{name}-{ver}(-{build})?-{py}-{abi}-{plat}.whl` and sdists
 * `{name}-{ver}.tar.gz` (PEP 625). Parsing keeps the raw segments; the checks compare them with the normalised forms.
 */
import { normalizePackageName } from "../project/package-name.js";
import { formatVersion, tryParseVersion } from "../version/pep440.js";

export interface WheelFilename {
  kind: "wheel";
  filename: string;
  /** The name segment exactly as written in the filename. */
  name: string;
  version: string;
  build: string | null;
  /** The raw python tag group (`py3`, `py2.py3`): sent as `pyversion`. */
  pythonTag: string;
  abiTag: string;
  platformTags: string[];
}

export interface SdistFilename {
  kind: "sdist";
  filename: string;
  name: string;
  version: string;
}

export type DistFilename = WheelFilename | SdistFilename;

/** `Some.Thing` → `some_thing`: the name form every filename of a normalised project must use. */
export function filenameName(name: string): string {
  return normalizePackageName(name).replace(/-/g, "_");
}

/** The form-field `filetype` of a parsed dist. */
export function filetypeOf(dist: DistFilename): "bdist_wheel" | "sdist" {
  return dist.kind === "wheel" ? "bdist_wheel" : "sdist";
}

/** Parses a dist filename; a string is the reason it is not one. */
export function parseDistFilename(filename: string): DistFilename | string {
  if (/[\x00-\x1f\x7f]/.test(filename)) return "the name contains control characters";
  if (/[/\\]/.test(filename)) return "the name contains '/' or '\\'";
  if (filename.endsWith(".whl")) return parseWheel(filename);
  if (filename.endsWith(".tar.gz")) return parseSdist(filename);
  if (filename.endsWith(".zip")) return "zip sdists are not accepted (PEP 625): build a .tar.gz sdist";
  return "not a distribution (expected .whl or .tar.gz)";
}

function parseWheel(filename: string): WheelFilename | string {
  const parts = filename.slice(0, -".whl".length).split("-");
  if (parts.length !== 5 && parts.length !== 6) return "invalid wheel filename (wrong number of parts)";
  const [name, version] = parts as [string, string];
  const build = parts.length === 6 ? parts[2]! : null;
  if (build !== null && !/^\d/.test(build))
    return `invalid build number '${build}' (it must start with a digit)`;
  const [pythonTag, abiTag, platform] = parts.slice(-3) as [string, string, string];
  if (tryParseVersion(version) === null) return `invalid version '${version}' in the wheel filename`;
  return {
    kind: "wheel",
    filename,
    name,
    version,
    build,
    pythonTag,
    abiTag,
    platformTags: platform.split("."),
  };
}

function parseSdist(filename: string): SdistFilename | string {
  const stem = filename.slice(0, -".tar.gz".length);
  const dash = stem.lastIndexOf("-");
  if (dash <= 0) return "invalid sdist filename (expected {name}-{version}.tar.gz)";
  const name = stem.slice(0, dash);
  const version = stem.slice(dash + 1);
  if (tryParseVersion(version) === null) return `invalid version '${version}' in the sdist filename`;
  return { kind: "sdist", filename, name, version };
}

/** The exact sdist filename PEP 625 requires for a project and version. */
export function expectedSdistFilename(name: string, version: string): string {
  const v = tryParseVersion(version);
  return `${filenameName(name)}-${v ? formatVersion(v) : version}.tar.gz`;
}

const MACOS_ARCHES = "ppc|ppc64|i386|x86_64|arm64|intel|fat|fat3|fat64|universal|universal2";
/** Platform tags Warehouse accepts (`legacy.py: _valid_platform_tag`); `linux_x86_64` is not one of them. */
const PLATFORM_PATTERNS: readonly RegExp[] = [
  /^(any|win32|win_amd64|win_arm64|win_ia64)$/,
  /^manylinux1_(x86_64|i686)$/,
  /^manylinux2010_(x86_64|i686)$/,
  /^manylinux2014_(x86_64|i686|aarch64|armv7l|ppc64|ppc64le|s390x)$/,
  /^linux_(armv6l|armv7l)$/,
  /^manylinux_\d+_\d+_(x86_64|i686|aarch64|armv7l|ppc64le|s390x|riscv64|ppc64)$/,
  /^musllinux_\d+_\d+_(x86_64|i686|aarch64|armv7l|ppc64le|s390x|riscv64)$/,
  new RegExp(`^macosx_10_\\d+_(${MACOS_ARCHES})$`),
  new RegExp(`^macosx_(11|12|13|14|15|26)_0_(${MACOS_ARCHES})$`),
  /^ios_\d+_\d+_(arm64|x86_64)_(iphoneos|iphonesimulator)$/,
  /^android_\d+_(armeabi_v7a|arm64_v8a|x86|x86_64)$/,
  /^pyemscripten_\d+_\d+_wasm32$/,
];

export function isAllowedPlatformTag(tag: string): boolean {
  return PLATFORM_PATTERNS.some((p) => p.test(tag));
}
