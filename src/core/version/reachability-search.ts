/**
 * Which release tags need a reachability answer (§6.2): walking the candidates from the highest precedence
 * down, until the highest reachable qualifying tag — and, on a pre-release run, the highest reachable final —
 * is found. Tags below those never change the plan, so they are not asked about.
 */
import { isFinal } from "./pep440.js";
import type { ReleaseTag } from "./release-tags.js";

export type ReachabilityOracle = (names: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Sets `reachable` on the tags (highest first) that matter; the others stay false. Returns the number asked.
 * Batches grow (1, 4, 16, …): the highest tag is usually reachable, and git's walk for a batch goes back to
 * its oldest tag, so a small first batch is the cheapest answer.
 */
export async function resolveReachability(
  tags: readonly ReleaseTag[],
  prereleaseRun: boolean,
  ask: ReachabilityOracle,
  firstBatch = 1,
): Promise<number> {
  let foundQualifying = false;
  let foundFinal = false;
  let asked = 0;
  for (
    let i = 0, size = firstBatch;
    i < tags.length && !(foundQualifying && foundFinal);
    i += size, size *= 4
  ) {
    const batch = tags.slice(i, i + size);
    const reachable = await ask(batch.map((t) => t.name));
    asked += batch.length;
    for (const t of batch) {
      t.reachable = reachable.has(t.name);
      if (!t.reachable) continue;
      if (isFinal(t.version)) {
        foundFinal = true;
        foundQualifying = true;
      } else if (prereleaseRun) foundQualifying = true;
    }
  }
  return asked;
}
