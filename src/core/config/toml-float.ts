/**
 * TOML numbers in a configuration file, kept as written where JavaScript numbers would change them. No key of the
 * configuration takes a float, and `3.0` is not the integer 3, so a float keeps its kind through validation
 * (smol-toml would give both as the same JavaScript number); an integer beyond JavaScript's exact range keeps its
 * exact value, so that a message quotes it as written.
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

/** A TOML integer that no JavaScript number holds exactly (beyond ±2^53 − 1): out of range for every key. */
export class TomlBigInteger {
  constructor(readonly value: bigint) {}

  /** The integer in decimal, as TOML's 64-bit integers are written (`99999999999999999999`). */
  get text(): string {
    return this.value.toString();
  }
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A document parsed with integers as BigInt, with its integers made numbers again (those beyond the exact range
 * marked instead) and its floats marked: every JavaScript number in it came from a float literal.
 */
export function markFloats(value: unknown): unknown {
  return mapTree(value, (leaf) => {
    if (typeof leaf === "bigint") {
      return leaf > MAX_EXACT || leaf < -MAX_EXACT ? new TomlBigInteger(leaf) : Number(leaf);
    }
    return typeof leaf === "number" ? new TomlFloat(leaf) : leaf;
  });
}
