/**
 * Regular expressions in configuration are often written for Python (`(?P<name>...)`). They are translated to
 * JavaScript syntax; constructs without a JavaScript equivalent are rejected with their position.
 */
export interface TranslatedRegex {
  source: string;
  flags: string;
}

export class RegexTranslationError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export function translatePythonRegex(pattern: string): TranslatedRegex {
  let flags = "";
  let source = pattern;
  const leading = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (leading) {
    for (const f of leading[1]!) {
      if (f === "i" || f === "m" || f === "s") flags += f;
      else if (f !== "u")
        throw new RegexTranslationError(`inline flag '${f}' has no JavaScript equivalent`, 2);
    }
    source = source.slice(leading[0].length);
  }
  let out = "";
  let inClass = false;
  const offset = pattern.length - source.length;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    const pos = i + offset;
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) throw new RegexTranslationError("trailing backslash", pos);
      if (!inClass && next === "Z") throw new RegexTranslationError("'\\Z' is not supported; use '$'", pos);
      if (!inClass && next === "A") {
        out += "^";
        i++;
        continue;
      }
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      if (source[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (ch === "(" && source.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (ch === "(" && source.startsWith("(?P=", i)) {
      const end = source.indexOf(")", i);
      if (end < 0) throw new RegexTranslationError("unterminated backreference", pos);
      out += `\\k<${source.slice(i + 4, end)}>`;
      i = end;
      continue;
    }
    if (ch === "(" && /^\(\?[aiLmsux]+[):]/.test(source.slice(i))) {
      throw new RegexTranslationError("inline flags are only supported at the start of the pattern", pos);
    }
    if ((ch === "+" || ch === "*" || ch === "?" || ch === "}") && source[i + 1] === "+" && i > 0) {
      throw new RegexTranslationError("possessive quantifiers are not supported", pos + 1);
    }
    out += ch;
  }
  return { source: out, flags };
}

/** Compiles a Python- or JavaScript-style pattern; throws RegexTranslationError or SyntaxError. */
export function compileRegex(pattern: string, extraFlags = ""): RegExp {
  const { source, flags } = translatePythonRegex(pattern);
  const all = [...new Set((flags + extraFlags).split(""))].join("");
  return new RegExp(source, all);
}
