/** Levenshtein distance, small inputs only (config keys, variable names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * The closest candidate within edit distance `maxDistance` (3 unless given), or one that shares the last dotted
 * segment. Returns null when nothing is close enough to be a useful suggestion.
 */
export function didYouMean(input: string, candidates: readonly string[], maxDistance = 3): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== null && bestDistance <= maxDistance) return best;
  const suffix = input.split(".").pop() ?? input;
  return candidates.find((c) => (c.split(".").pop() ?? c) === suffix) ?? null;
}
