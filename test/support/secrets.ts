/**
 * The secret scanner of PRODUCT.md §11.1 / scenario 117: no secret may appear in any output, whether raw,
 * URL-encoded, JSON-escaped or base64-encoded (also inside a longer base64 value such as a Basic header).
 */
import { expect } from "vitest";

/** The base64 text produced by the secret's bytes wherever they sit inside a longer encoded value. */
function base64Fragments(secret: Buffer): string[] {
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret])
      .toString("base64")
      .replace(/=+$/, "");
    const firstBit = offset * 8;
    const lastBit = (offset + secret.length) * 8;
    const start = Math.ceil(firstBit / 6);
    const end = Math.floor(lastBit / 6); // exclusive: chars whose 6 bits all come from the secret
    const fragment = encoded.slice(start, end);
    if (fragment.length >= 8) fragments.push(fragment, fragment.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return fragments;
}

/** Every encoded form of a secret worth searching for. */
export function secretForms(secret: string): Array<{ form: string; value: string }> {
  const forms = [
    { form: "raw", value: secret },
    { form: "url-encoded", value: encodeURIComponent(secret) },
    { form: "json-escaped", value: JSON.stringify(secret).slice(1, -1) },
  ];
  for (const fragment of base64Fragments(Buffer.from(secret, "utf8")))
    forms.push({ form: "base64", value: fragment });
  return forms;
}

/** Fails naming the text and the form, never printing the secret itself. */
export function expectNoSecrets(texts: readonly string[], secrets: readonly string[]): void {
  // `::add-mask::` lines are the runner's instruction to hide a value, consumed by it and never shown.
  texts = texts.map((text) =>
    text
      .split("\n")
      .filter((line) => !line.startsWith("::add-mask::"))
      .join("\n"),
  );
  const leaks: string[] = [];
  secrets.forEach((secret, s) => {
    if (secret.length < 6) return; // too short to scan without false positives
    for (const { form, value } of secretForms(secret)) {
      texts.forEach((text, t) => {
        if (text.includes(value))
          leaks.push(`secret #${s} (${secret.length} chars) appears ${form} in text #${t}`);
      });
    }
  });
  expect(leaks, "secret values leaked into outputs").toEqual([]);
}
