/** A count with its noun, singular for one: `count(1, "commit")` → "1 commit", `count(3, "file")` → "3 files". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The first `max` items joined by `separator`, then how many more there are: a message names a few examples of a
 * long list instead of growing with it. `someOf(["a", "b", "c"], "; ", 2)` → "a; b; … and 1 more".
 */
export function someOf(items: readonly string[], separator: string, max = 10): string {
  if (items.length <= max) return items.join(separator);
  return `${items.slice(0, max).join(separator)}${separator}… and ${items.length - max} more`;
}
