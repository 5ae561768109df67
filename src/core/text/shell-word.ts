/** Words for a POSIX shell: values put into a command that a shell runs, or that a user pastes into one. */

/** `value` in single quotes, each `'` in it closed, escaped and reopened: the shell reads it verbatim. */
export function quotePosix(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

// Characters that no shell gives a meaning to inside a word.
const PLAIN = /^[A-Za-z0-9_./,:@%+=-]+$/;
// Characters that double quotes do not protect.
const LIVE_IN_DOUBLE_QUOTES = /[$`\\"!]/;

/**
 * `value` as one word of a command line shown to a user, quoted only as much as it needs: a plain word as it is,
 * text with spaces and punctuation in double quotes (as a person would write a commit message), and anything a
 * shell would still expand there (`$`, backquotes, `\`, `"`, `!`) in single quotes.
 */
export function shellWord(value: string): string {
  if (PLAIN.test(value)) return value;
  if (!LIVE_IN_DOUBLE_QUOTES.test(value)) return `"${value}"`;
  return quotePosix(value);
}
