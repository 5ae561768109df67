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
  if (env.FORCE_COLOR === "1" || env.FORCE_COLOR === "true") return true;
  return isTty;
}

export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}
