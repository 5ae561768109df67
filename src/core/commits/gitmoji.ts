/** Gitmoji shortcodes and emoji that map to conventional types (§6.4). */
interface GitmojiRule {
  codes: string[];
  type: string;
  breaking?: boolean;
}

const RULES: GitmojiRule[] = [
  { codes: [":sparkles:", "✨"], type: "feat" },
  { codes: [":bug:", "🐛", ":ambulance:", "🚑", ":lock:", "🔒"], type: "fix" },
  { codes: [":zap:", "⚡"], type: "perf" },
  { codes: [":boom:", "💥"], type: "breaking", breaking: true },
  { codes: [":memo:", "📝"], type: "docs" },
  { codes: [":recycle:", "♻"], type: "refactor" },
  { codes: [":white_check_mark:", "✅"], type: "test" },
  { codes: [":construction_worker:", "👷", ":green_heart:", "💚"], type: "ci" },
  { codes: [":arrow_up:", "⬆"], type: "build" },
  { codes: [":art:", "🎨"], type: "style" },
  { codes: [":wrench:", "🔧", ":fire:", "🔥"], type: "chore" },
  { codes: [":rewind:", "⏪"], type: "revert" },
];

const LOOKUP = new Map<string, GitmojiRule>();
for (const rule of RULES) for (const code of rule.codes) LOOKUP.set(code, rule);

// A shortcode, or one emoji (with an optional variation selector), then whitespace and the description.
const PREFIX = /^(:[a-z0-9_+-]+:|\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?\s+(\S.*)$/u;

export interface GitmojiMatch {
  type: string;
  breaking: boolean;
  description: string;
}

export function parseGitmoji(subject: string): GitmojiMatch | null {
  const m = PREFIX.exec(subject);
  if (!m) return null;
  const rule = LOOKUP.get(m[1]!);
  if (!rule) return null;
  return { type: rule.type, breaking: rule.breaking === true, description: m[2]!.trim() };
}
