/** Colour only on a TTY, never with NO_COLOR or --no-color; FORCE_COLOR=1 forces it. */
import pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

export function colorEnabled(
  env: Record<string, string | undefined>,
  isTty: boolean,
  flag: boolean,
): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined) return false;
  // FORCE_COLOR as Node and most tools read it: 0 or false turns colour off even on a terminal, any other
  // non-empty value turns it on even through a pipe.
  const force = env.FORCE_COLOR?.trim().toLowerCase();
  if (force === "0" || force === "false") return false;
  if (force !== undefined && force !== "") return true;
  return isTty;
}

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}
