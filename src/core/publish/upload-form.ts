/**
 * The legacy upload form (PYPI.md §3): protocol fields, then the metadata fields named as Warehouse expects them,
 * with repeated parts for multi-use fields. No `md5_digest` and no `gpg_signature`.
 */
import type { DistFilename } from "./dist-filename.js";
import { type CoreMetadata, descriptionOf } from "./metadata.js";

interface FieldRule {
  header: string;
  field: string;
  multi: boolean;
  /** The Metadata-Version that introduced the field (PYPI.md §3.3 version gating). */
  since: string;
}

const rule = (header: string, field: string, multi: boolean, since = "1.0"): FieldRule => ({
  header,
  field,
  multi,
  since,
});

/** Core-metadata header → form field; `Description` is handled apart (header or body). */
export const METADATA_FIELDS: readonly FieldRule[] = [
  rule("Metadata-Version", "metadata_version", false),
  rule("Name", "name", false),
  rule("Version", "version", false),
  rule("Summary", "summary", false),
  rule("Description-Content-Type", "description_content_type", false, "2.1"),
  rule("Keywords", "keywords", false),
  rule("Home-page", "home_page", false),
  rule("Download-URL", "download_url", false, "1.1"),
  rule("Author", "author", false),
  rule("Author-email", "author_email", false),
  rule("Maintainer", "maintainer", false, "1.2"),
  rule("Maintainer-email", "maintainer_email", false, "1.2"),
  rule("License", "license", false),
  rule("License-Expression", "license_expression", false, "2.4"),
  rule("License-File", "license_file", true, "2.4"),
  rule("Classifier", "classifiers", true, "1.1"),
  rule("Platform", "platform", true),
  rule("Supported-Platform", "supported_platform", true, "1.1"),
  rule("Requires-Dist", "requires_dist", true, "1.2"),
  rule("Requires-Python", "requires_python", false, "1.2"),
  rule("Requires-External", "requires_external", true, "1.2"),
  rule("Project-URL", "project_urls", true, "1.2"),
  rule("Provides-Extra", "provides_extra", true, "2.1"),
  rule("Provides-Dist", "provides_dist", true, "1.2"),
  rule("Obsoletes-Dist", "obsoletes_dist", true, "1.2"),
  rule("Requires", "requires", true, "1.1"),
  rule("Provides", "provides", true, "1.1"),
  rule("Obsoletes", "obsoletes", true, "1.1"),
  rule("Dynamic", "dynamic", true, "2.2"),
  rule("Import-Name", "import_name", true, "2.5"),
  rule("Import-Namespace", "import_namespace", true, "2.5"),
];

export const SUPPORTED_METADATA_VERSIONS = ["1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5"] as const;

/** `2.1` < `2.4`: compares dotted numeric versions. */
export function metadataVersionAtLeast(actual: string, since: string): boolean {
  const a = actual.split(".").map(Number);
  const b = since.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export interface UploadFormInput {
  dist: DistFilename;
  metadata: CoreMetadata;
  sha256: string;
  blake2b_256: string;
  /** The PEP 740 attestation objects, serialised into the `attestations` field when non-empty. */
  attestations?: readonly Record<string, unknown>[] | null;
}

/**
 * The non-file form fields in sending order. Empty values and `UNKNOWN` are dropped (Warehouse drops them too);
 * `License-File` below Metadata-Version 2.4 is dropped like twine does (the validator warns about it).
 */
export function uploadFormFields(input: UploadFormInput): Array<[string, string]> {
  const { dist, metadata } = input;
  const metadataVersion =
    metadata.headers.find(([n]) => n.toLowerCase() === "metadata-version")?.[1] ?? "1.0";
  const out: Array<[string, string]> = [
    [":action", "file_upload"],
    ["protocol_version", "1"],
  ];
  const push = (field: string, value: string) => {
    if (value.trim() === "" || value === "UNKNOWN") return;
    out.push([field, value]);
  };
  for (const r of METADATA_FIELDS) {
    if (r.field === "license_file" && !metadataVersionAtLeast(metadataVersion, r.since)) continue;
    const values = metadata.headers
      .filter(([n]) => n.toLowerCase() === r.header.toLowerCase())
      .map(([, v]) => v);
    for (const value of r.multi ? values : values.slice(0, 1)) push(r.field, value);
  }
  const description = descriptionOf(metadata);
  if (description !== null) push("description", description);
  out.push(["filetype", dist.kind === "wheel" ? "bdist_wheel" : "sdist"]);
  out.push(["pyversion", dist.kind === "wheel" ? dist.pythonTag : "source"]);
  out.push(["sha256_digest", input.sha256.toLowerCase()]);
  out.push(["blake2_256_digest", input.blake2b_256.toLowerCase()]);
  if (input.attestations && input.attestations.length > 0) {
    out.push(["attestations", JSON.stringify(input.attestations)]);
  }
  return out;
}
