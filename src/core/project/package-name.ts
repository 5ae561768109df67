/** PEP 503 normalisation: `Foo_Bar.baz` and `foo-bar-baz` are the same distribution. */
export function normalizePackageName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
}

// PEP 508's name: letters and digits, with `.`, `-` and `_` inside, case-insensitive.
const VALID_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** Whether `name` is a distribution name that packaging tools and the index accept (PEP 508). */
export function isValidPackageName(name: string): boolean {
  return VALID_NAME.test(name);
}
