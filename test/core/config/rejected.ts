/** The error and problems validation reports for a configuration document, for the tests of src/core/config. */
import { expect } from "vitest";
import { type ConfigProblem, validateConfig } from "../../../src/core/config/validate.js";
import { ReleasioError } from "../../../src/core/errors.js";

export const FILE = ".releasio.toml";

/** The error validation throws for `raw`; a document that validates fails the test. */
export function failure(
  raw: unknown,
  options: Parameters<typeof validateConfig>[2] = {},
  file = FILE,
): ReleasioError {
  try {
    validateConfig(raw, file, options);
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

/** Every problem reported for `raw`, first first (a configuration error exits 2). */
export function problemsOf(raw: unknown): ConfigProblem[] {
  const error = failure(raw);
  expect(error.exitCode).toBe(2);
  return (error.details?.["problems"] ?? []) as ConfigProblem[];
}
