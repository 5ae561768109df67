/**
 * TOML floats in a configuration file. No key of the configuration takes one, and `3.0` is not the integer 3, so a
 * float keeps its kind through validation (smol-toml would give both as the same JavaScript number).
 */
import { mapTree } from "./tree.js";

export class TomlFloat {
  constructor(readonly value: number) {}

  /** The float as TOML spells it: `3.0`, `1.5`, `inf`, `nan`. */
  get text(): string {
    if (Number.isNaN(this.value)) return "nan";
    if (!Number.isFinite(this.value)) return this.value > 0 ? "inf" : "-inf";
    return Number.isInteger(this.value) ? this.value.toFixed(1) : String(this.value);
  }
}

/**
 * A document parsed with integers as BigInt, with its integers made numbers again and its floats marked: every
 * JavaScript number in it came from a float literal.
 */
export function markFloats(value: unknown): unknown {
  return mapTree(value, (leaf) =>
    typeof leaf === "bigint" ? Number(leaf) : typeof leaf === "number" ? new TomlFloat(leaf) : leaf,
  );
}
