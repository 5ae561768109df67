/**
 * The stand-ins a test file starts (fake GitHub, fake GitLab): after each test every one of them must have seen
 * no request or response that breaks the API's description, and is then closed.
 */
import { afterEach, expect } from "vitest";

export interface StrictFake {
  readonly violations: readonly string[];
  close(): Promise<void>;
}

/** A list to push the file's fakes to; checked and emptied after each test. Call it at the top of a test file. */
export function strictFakes<T extends StrictFake>(): T[] {
  const fakes: T[] = [];
  afterEach(async () => {
    for (const fake of fakes.splice(0)) {
      expect(fake.violations).toEqual([]);
      await fake.close();
    }
  });
  return fakes;
}
