/**
 * Release assets on GitLab live in the project's generic package registry: package `<project name>`, version
 * `<release tag>`, one package file per asset. The release created at publication links to them.
 */
import type { ReleaseAsset } from "../port.js";
import type { GitLabClient } from "./client.js";
import type { GitLabPackage, GitLabPackageFile } from "./wire.js";

export interface GenericPackage {
  name: string;
  version: string;
}

/** Characters GitLab accepts in generic package names and versions; anything else becomes `-`. */
const sanitize = (value: string): string =>
  value
    .replace(/[^A-Za-z0-9._+-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^\.|\.$/g, "");

export function genericPackageFor(projectPath: string, tag: string): GenericPackage {
  const last = projectPath.split("/").pop() ?? projectPath;
  return { name: sanitize(last), version: sanitize(tag) };
}

export function genericFilePath(projectId: string, pkg: GenericPackage, file: string): string {
  const e = encodeURIComponent;
  return `/projects/${projectId}/packages/generic/${e(pkg.name)}/${e(pkg.version)}/${e(file)}`;
}

export function assetId(file: GitLabPackageFile): string {
  return `${file.package_id}:${file.id}`;
}

export function parseAssetId(id: string): { packageId: number; fileId: number } | null {
  const match = /^(\d+):(\d+)$/.exec(id);
  return match ? { packageId: Number(match[1]), fileId: Number(match[2]) } : null;
}

/**
 * The files of the package, newest upload per name (GitLab keeps every upload of a name; downloads serve the
 * newest). Two requests plus pages; none of the package does not exist.
 */
export async function listPackageFiles(
  client: GitLabClient,
  projectId: string,
  pkg: GenericPackage,
): Promise<GitLabPackageFile[]> {
  const packages = await client.all<GitLabPackage>({
    method: "GET",
    path: `/projects/${projectId}/packages`,
    // package_name is a fuzzy filter and package_version is ignored before GitLab 16.6: both are re-checked below.
    query: { package_type: "generic", package_name: pkg.name, package_version: pkg.version },
    action: "list packages",
    access: "packages",
  });
  const newest = new Map<string, GitLabPackageFile>();
  for (const found of packages.filter((p) => p.name === pkg.name && p.version === pkg.version)) {
    const files = await client.all<GitLabPackageFile>({
      method: "GET",
      path: `/projects/${projectId}/packages/${found.id}/package_files`,
      action: "list package files",
      access: "packages",
      accept: [404],
    });
    for (const file of files) {
      const seen = newest.get(file.file_name);
      if (!seen || seen.id < file.id) newest.set(file.file_name, file);
    }
  }
  return [...newest.values()].sort((a, b) => a.file_name.localeCompare(b.file_name));
}

export function toAsset(file: GitLabPackageFile, url: string): ReleaseAsset {
  return {
    id: assetId(file),
    name: file.file_name,
    size: file.size,
    sha256: file.file_sha256 ?? null,
    url,
  };
}
