/**
 * `~/.pypirc` (INI) as twine reads it: sections with `repository`, `username`, `password` (PYPI.md §11). The
 * section is chosen by `publish.repository`, else by the upload URL, else `pypi`/`testpypi` by registry.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PYPI_UPLOAD_URL, TESTPYPI_UPLOAD_URL } from "../../core/config/schema.js";
import type { RegistryInfo } from "./registry.js";

export type IniSections = Record<string, Record<string, string>>;

/** configparser-style INI: `[section]`, `key = value` or `key: value`, `#`/`;` comments, indented continuation lines. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = {};
  let current: Record<string, string> | null = null;
  let lastKey: string | null = null;
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) {
      lastKey = null;
      continue;
    }
    if (/^\s/.test(raw) && current !== null && lastKey !== null) {
      current[lastKey] = `${current[lastKey]}\n${raw.trim()}`.trim();
      continue;
    }
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      const name = header[1]!.trim();
      sections[name] ??= {};
      current = sections[name];
      lastKey = null;
      continue;
    }
    const pair = /^\s*([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (pair && current !== null) {
      lastKey = pair[1]!.toLowerCase();
      current[lastKey] = pair[2]!.trim();
    }
  }
  return sections;
}

export interface PypircEntry {
  file: string;
  section: string;
  username: string | null;
  password: string | null;
}

export type PypircLookup = { found: true; entry: PypircEntry } | { found: false; why: string } | null;

/** `%USERPROFILE%\.pypirc` on Windows, `$HOME/.pypirc` elsewhere; null without a home. */
export function pypircPath(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const home = platform === "win32" ? (env.USERPROFILE ?? env.HOME) : env.HOME;
  return home ? join(home, ".pypirc") : null;
}

const DEFAULT_SECTION_URLS: Record<string, string> = { pypi: PYPI_UPLOAD_URL, testpypi: TESTPYPI_UPLOAD_URL };

const normaliseUrl = (url: string) => url.trim().replace(/\/*$/, "/");

/** Picks the section for this registry; `null` when there is no `.pypirc` at all. */
export function selectPypircSection(
  sections: IniSections,
  file: string,
  registry: Pick<RegistryInfo, "uploadUrl" | "name">,
  repository: string | null,
): Exclude<PypircLookup, null> {
  const entry = (section: string): PypircLookup => {
    const values = sections[section]!;
    return {
      found: true,
      entry: {
        file,
        section,
        username: values.username?.trim() || null,
        password: values.password?.trim() || null,
      },
    };
  };
  if (repository) {
    if (sections[repository] === undefined) {
      return { found: false, why: `~/.pypirc has no section [${repository}] (publish.repository)` };
    }
    return entry(repository) as Exclude<PypircLookup, null>;
  }
  const target = normaliseUrl(registry.uploadUrl);
  // An explicit `repository` equal to the upload URL wins over the conventional section names.
  const byUrl = Object.keys(sections).find((name) => {
    const url = sections[name]!.repository;
    return url !== undefined && normaliseUrl(url) === target;
  });
  if (byUrl !== undefined) return entry(byUrl) as Exclude<PypircLookup, null>;
  const conventional =
    registry.name ?? Object.keys(DEFAULT_SECTION_URLS).find((name) => DEFAULT_SECTION_URLS[name] === target);
  if (conventional !== undefined && sections[conventional] !== undefined) {
    const url = sections[conventional]!.repository;
    // `[pypi]` pointing elsewhere is not PyPI's section.
    if (url === undefined || normaliseUrl(url) === target)
      return entry(conventional) as Exclude<PypircLookup, null>;
  }
  return { found: false, why: `~/.pypirc has no section for ${registry.uploadUrl}` };
}

/** Reads and selects; a missing file is `null` (not an error). */
export async function readPypirc(
  env: Record<string, string | undefined>,
  registry: Pick<RegistryInfo, "uploadUrl" | "name">,
  repository: string | null,
): Promise<PypircLookup> {
  const file = pypircPath(env);
  if (file === null) return null;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return repository
      ? { found: false, why: `~/.pypirc not found (publish.repository = '${repository}')` }
      : null;
  }
  return selectPypircSection(parseIni(text), file, registry, repository);
}
