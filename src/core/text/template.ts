/**
 * `{name}` templates: `{{` and `}}` are literal braces; any other `{...}` must be a known placeholder.
 */
const TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names used by a template, in order of appearance (duplicates kept once). */
export function templatePlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(TOKEN)) if (m[1] !== undefined) names.add(m[1]);
  return [...names];
}

/** Placeholders that are not in `allowed`. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  return templatePlaceholders(template).filter((n) => !allowed.includes(n));
}

/** Substitutes `{name}` with `values[name]`; unknown names are left as written. */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string | null | undefined>>,
): string {
  return template.replace(TOKEN, (whole, name: string | undefined) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    if (name !== undefined && Object.hasOwn(values, name)) return values[name] ?? "";
    return whole;
  });
}
