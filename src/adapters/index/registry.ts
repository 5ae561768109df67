/** Index URLs: the upload endpoint and, for PyPI and TestPyPI, the JSON read API. */
import {
  PYPI_UPLOAD_URL as PYPI_UPLOAD,
  TESTPYPI_UPLOAD_URL as TESTPYPI_UPLOAD,
} from "../../core/config/schema.js";

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
