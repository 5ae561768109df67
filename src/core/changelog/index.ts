export {
  type DependencyChange,
  diffDependencies,
  formatDependencyChange,
  LOCK_KINDS,
  type LockKind,
  normalizePackageName,
  parseLockVersions,
} from "./dependencies.js";
export { renderDocument } from "./document.js";
export { extractEntry, insertEntry, splitPreamble } from "./insert-entry.js";
export {
  type ChangelogOptions,
  DEFAULT_SECTION_HEADERS,
  DEFAULT_SECTION_ORDER,
  type ForgeLinks,
} from "./options.js";
export { authorKey, type EntryInput, renderEntry } from "./render-entry.js";
export { planSections, type Section, sectionKey, sectionTitle } from "./sections.js";
