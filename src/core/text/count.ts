/** A count with its noun, singular for one: `count(1, "commit")` → "1 commit", `count(3, "file")` → "3 files". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
