/**
 * Which release tags need a reachability answer (§6.2): walking the candidates from the highest precedence
 * down, until the highest reachable qualifying tag — and, on a pre-release run, the highest reachable final —
 * is found. Tags below those never change the plan, so they are not asked about.
 */
import { isFinal } from "./pep440.js";
import type { ReleaseTag } from "./release-tags.js";

export type ReachabilityOracle = (names: readonly string[]) => Promise<ReadonlySet<string>>;

/** Sets `reachable` on the tags (highest first) that matter; the others stay false. Returns the number asked. */
export async function resolveReachability(
  tags: readonly ReleaseTag[],
  prereleaseRun: boolean,
  ask: ReachabilityOracle,
  batchSize = 16,
): Promise<number> {
  let foundQualifying = false;
  let foundFinal = false;
  let asked = 0;
  for (let i = 0; i < tags.length && !(foundQualifying && foundFinal); i += batchSize) {
    const batch = tags.slice(i, i + batchSize);
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
