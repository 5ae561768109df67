/** The `[changelog]` settings the native renderer reads, and the built-in section titles and order (§6.10). */

/** Same names and shapes as the `[changelog]` config keys, so the loaded config section is assignable. */
export interface ChangelogOptions {
  /** Section key → title, already merged with {@link DEFAULT_SECTION_HEADERS} by the config loader. */
  section_headers: Record<string, string>;
  section_order: string[];
  links: boolean;
  show_authors: boolean;
  show_commit_hash: boolean;
  commit_template: string | null;
  show_first_time_contributors: boolean;
  first_contributor_badge: string;
  ignore_authors: string[];
}

export const DEFAULT_SECTION_HEADERS: Readonly<Record<string, string>> = {
  breaking: "⚠️ Breaking Changes",
  security: "🔒 Security",
  feat: "✨ Features",
  fix: "🐛 Bug Fixes",
  perf: "⚡ Performance",
  revert: "⏪ Reverts",
  refactor: "♻️ Refactoring",
  docs: "📚 Documentation",
  style: "💄 Style",
  test: "🧪 Tests",
  build: "📦 Build",
  ci: "🔧 CI",
  chore: "🔨 Chores",
  other: "📝 Other",
  dependencies: "⬆️ Dependencies",
};

export const DEFAULT_SECTION_ORDER: readonly string[] = [
  "feat",
  "fix",
  "perf",
  "revert",
  "refactor",
  "docs",
  "style",
  "test",
  "build",
  "ci",
  "chore",
];

/** Where the project lives on its forge, e.g. `{ kind: "github", webUrl: "https://github.com/acme/demo" }`. */
export interface ForgeLinks {
  kind: "github" | "gitlab";
  webUrl: string;
}
