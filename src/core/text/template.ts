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
 * Splits a template into text and placeholders. A brace that is not part of `{{`, `}}` or a `{name}` is an error;
 * it is kept as literal text in `parts`, so that rendering an unchecked template loses nothing.
 */
export function scanTemplate(template: string): ScannedTemplate {
  const parts: TemplatePart[] = [];
  const errors: TemplateSyntaxError[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
  };
  // The next `{` and `}` at or after a position, each searched again only once passed: linear time.
  let open = -1;
  let close = -1;
  const nextOpen = (from: number) => {
    if (open !== Number.POSITIVE_INFINITY && open < from) {
      const at = template.indexOf("{", from);
      open = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    return open;
  };
  const nextClose = (from: number) => {
    if (close !== Number.POSITIVE_INFINITY && close < from) {
      const at = template.indexOf("}", from);
      close = at < 0 ? Number.POSITIVE_INFINITY : at;
    }
    return close;
  };
  let i = 0;
  while (i < template.length) {
    const next = Math.min(nextOpen(i), nextClose(i));
    if (next === Number.POSITIVE_INFINITY) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, next);
    const char = template[next]!;
    if (template[next + 1] === char) {
      text += char;
      i = next + 2;
      continue;
    }
    if (char === "}") {
      errors.push({ kind: "lone-close", position: next, text: "}" });
      text += "}";
      i = next + 1;
      continue;
    }
    // A placeholder runs to the next `}`; another `{` first (or the end) leaves this one unclosed.
    const end = nextClose(next + 1);
    const reopen = nextOpen(next + 1);
    if (reopen < end) {
      const stop = Math.min(reopen, template.length);
      errors.push({ kind: "unclosed", position: next, text: template.slice(next, stop) });
      text += template.slice(next, stop);
      i = stop;
      continue;
    }
    if (end === Number.POSITIVE_INFINITY) {
      errors.push({ kind: "unclosed", position: next, text: template.slice(next) });
      text += template.slice(next);
      break;
    }
    const name = template.slice(next + 1, end);
    const written = template.slice(next, end + 1);
    if (NAME.test(name)) {
      flush();
      parts.push({ kind: "placeholder", name, position: next });
    } else {
      errors.push({ kind: name === "" ? "empty" : "malformed", position: next, text: written });
      text += written;
    }
    i = end + 1;
  }
  flush();
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
