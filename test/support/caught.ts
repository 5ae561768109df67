import { ReleasioError } from "../../src/core/errors.js";

/** Runs `action` and returns the ReleasioError it throws; fails the test when it throws nothing or another error. */
export function caught(action: () => unknown): ReleasioError {
  try {
    action();
  } catch (error) {
    if (error instanceof ReleasioError) return error;
    throw error;
  }
  throw new Error("expected a ReleasioError, nothing was thrown");
}

/** Awaits `promise` and returns the ReleasioError it rejects with; fails the test when it resolves or rejects otherwise. */
export async function rejected(promise: Promise<unknown>): Promise<ReleasioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof ReleasioError) return error;
  throw error ?? new Error("expected a ReleasioError, the promise resolved");
}
