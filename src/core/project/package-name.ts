/** PEP 503 normalisation: `Foo_Bar.baz` and `foo-bar-baz` are the same distribution. */
export function normalizePackageName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
}
