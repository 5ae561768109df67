/**
 * `{name}` templates (PRODUCT.md §5.2): `{{` and `}}` are literal braces; every other `{` starts a placeholder,
 * a name alone in braces, and every other `}` closes one. One scanner serves validation and rendering.
 */

/** A piece of a template: literal text (braces already unescaped) or a placeholder. */
export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "placeholder"; name: string; position: number };

/** What is wrong with a brace of a template, at `position` (0-based, in UTF-16 code units). */
export interface TemplateSyntaxError {
  kind: "unclosed" | "empty" | "malformed" | "lone-close";
  position: number;
  /** The text as written: `{description!r}`, `{}`, `{tag` (up to the end or the next `{`), `}`. */
  text: string;
}

export interface ScannedTemplate {
  parts: TemplatePart[];
  errors: TemplateSyntaxError[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * The braces of a template, first match wins: an escaped brace, a brace pair with no brace inside (a placeholder,
 * or an empty or malformed one), a `{` with no `}` before the next `{` or the end (unclosed), a lone `}`.
 */
const BRACES = /\{\{|\}\}|\{([^{}]*)\}|\{[^{}]*|\}/g;

/**
 * Splits a template into text and placeholders. A brace that is not part of `{{`, `}}` or a `{name}` is an error;
 * it is kept as literal text in `parts`, so that rendering an unchecked template loses nothing.
 */
export function scanTemplate(template: string): ScannedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateSyntaxError[] = [];
  let text = "";
  let last = 0;
  for (const m of template.matchAll(BRACES)) {
    const written = m[0];
    text += template.slice(last, m.index);
    last = m.index + written.length;
    if (written === "{{" || written === "}}") {
      text += written[0];
      continue;
    }
    const name = m[1];
    if (name !== undefined && NAME.test(name)) {
      if (text !== "") parts.push({ kind: "text", text });
      text = "";
      parts.push({ kind: "placeholder", name, position: m.index });
      continue;
    }
    const kind =
      written === "}" ? "lone-close" : name === undefined ? "unclosed" : name === "" ? "empty" : "malformed";
    errors.push({ kind, position: m.index, text: written });
    text += written;
  }
  text += template.slice(last);
  if (text !== "") parts.push({ kind: "text", text });
  return { parts, errors };
}

/** Names used by a template, in order of appearance (duplicates kept once). */
export function templatePlaceholders(template: string): string[] {
  const names = new Set<string>();
  for (const part of scanTemplate(template).parts) if (part.kind === "placeholder") names.add(part.name);
  return [...names];
}

/** Placeholders that are not in `allowed`. */
export function unknownPlaceholders(template: string, allowed: readonly string[]): string[] {
  return templatePlaceholders(template).filter((n) => !allowed.includes(n));
}

/**
 * Substitutes `{name}` with `values[name]` and unescapes `{{` and `}}`. Unknown names, and braces that form no
 * placeholder (which validation refuses), are left as written.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Record<string, string | null | undefined>>,
): string {
  let out = "";
  for (const part of scanTemplate(template).parts) {
    if (part.kind === "text") out += part.text;
    else if (Object.hasOwn(values, part.name)) out += values[part.name] ?? "";
    else out += `{${part.name}}`;
  }
  return out;
}
