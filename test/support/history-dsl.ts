/**
 * A small text DSL for fixture histories, so a golden fixture reads as its history:
 *
 *   write pyproject.toml        ← the indented lines below are the file's content
 *     [project]
 *     name = "demo"
 *   commit feat: add export     ← indented lines below are the message body
 *   author Jane <jane@x.org>    ← the author of the next commit
 *   tag v1.0.0                  ← annotated; `lightweight-tag NAME` for a lightweight one
 *   branch topic / checkout main / merge topic
 *
 * Lines starting with `#` are comments. Content lines are indented by two spaces; an indented empty line is
 * an empty line of content.
 */
import { TestRepo } from "./repo.js";

interface Directive {
  verb: string;
  arg: string;
  content: string[];
}

function parse(text: string): Directive[] {
  const out: Directive[] = [];
  for (const raw of text.split("\n")) {
    if (raw.startsWith("  ") || (raw === "" && out.length > 0 && out[out.length - 1]!.content.length > 0)) {
      out[out.length - 1]?.content.push(raw.slice(2));
      continue;
    }
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const space = line.indexOf(" ");
    out.push({
      verb: space < 0 ? line : line.slice(0, space),
      arg: space < 0 ? "" : line.slice(space + 1),
      content: [],
    });
  }
  for (const d of out) while (d.content.length > 0 && d.content[d.content.length - 1] === "") d.content.pop();
  return out;
}

export function buildHistory(text: string): TestRepo {
  const repo = TestRepo.create();
  const pending: Record<string, string> = {};
  let author: { name: string; email: string } | undefined;
  for (const d of parse(text)) {
    switch (d.verb) {
      case "write":
        pending[d.arg] = `${d.content.join("\n")}\n`;
        break;
      case "author": {
        const m = /^(.*?)\s*<([^>]+)>$/.exec(d.arg);
        if (!m) throw new Error(`author needs 'Name <email>': ${d.arg}`);
        author = { name: m[1]!, email: m[2]! };
        break;
      }
      case "commit": {
        const message = d.content.length > 0 ? `${d.arg}\n\n${d.content.join("\n")}` : d.arg;
        const files = Object.keys(pending).length > 0 ? { ...pending } : undefined;
        repo.commit(message, { ...(files ? { files } : {}), ...(author ? { author } : {}) });
        for (const k of Object.keys(pending)) delete pending[k];
        author = undefined;
        break;
      }
      case "tag":
        repo.tag(d.arg);
        break;
      case "lightweight-tag":
        repo.tag(d.arg, { lightweight: true });
        break;
      case "branch":
        repo.checkout(d.arg, true);
        break;
      case "checkout":
        repo.checkout(d.arg);
        break;
      case "merge":
        repo.merge(d.arg);
        break;
      default:
        throw new Error(`unknown history directive '${d.verb}'`);
    }
  }
  return repo;
}
