import { createRequire as __releasioRequire } from "node:module"; const require = __releasioRequire(import.meta.url);

// src/action/run-action.ts
import { appendFileSync } from "fs";
import { isAbsolute as isAbsolute2, join as join7 } from "path";

// src/adapters/git/run-git.ts
import { spawn } from "child_process";

// src/core/errors.ts
var USAGE_CODES = /* @__PURE__ */ new Set([
  "E_USAGE",
  "E_CONFIG_TOML",
  "E_CONFIG_UNKNOWN_KEY",
  "E_CONFIG_INVALID",
  "E_CONFIG_REMOVED_KEY",
  "E_CONFIG_ENV",
  "E_PROJECT_NOT_FOUND",
  "E_PROJECT_METADATA",
  "E_VERSION_INVALID",
  "E_PRERELEASE_TOKEN",
  "E_VERSION_NOT_INCREASING",
  "E_INSECURE_URL",
  "E_PR_TITLE_MISSING"
]);
var ReleasioError = class extends Error {
  code;
  exitCode;
  hint;
  details;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "ReleasioError";
    this.code = code;
    this.exitCode = options.exitCode ?? (USAGE_CODES.has(code) ? 2 : 1);
    this.hint = options.hint ?? null;
    this.details = options.details ?? null;
  }
};
function isReleasioError(value) {
  return value instanceof ReleasioError;
}

// src/core/text/redact.ts
function redactUrlCredentials(text3) {
  return text3.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, "$1");
}

// src/adapters/git/run-git.ts
var BASE_ARGS = ["-c", "core.quotepath=off", "-c", "color.ui=false", "--no-pager"];
function gitEnv(env, extra = {}) {
  return {
    ...env,
    LC_ALL: "C",
    LANG: "C",
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_OPTIONAL_LOCKS: "0",
    ...extra
  };
}
var GitRunner = class {
  constructor(cwd, env, trace = null) {
    this.cwd = cwd;
    this.env = env;
    this.trace = trace;
  }
  cwd;
  env;
  trace;
  spawnGit(args, extraEnv = {}, input = null) {
    this.trace?.(`git ${args.map((a) => redactUrlCredentials(a)).join(" ")}`);
    const child = spawn("git", [...BASE_ARGS, ...args], {
      cwd: this.cwd,
      env: gitEnv(this.env, extraEnv),
      stdio: [input === null ? "ignore" : "pipe", "pipe", "pipe"],
      windowsHide: true
    });
    if (input !== null && child.stdin) {
      child.stdin.on("error", () => {
      });
      child.stdin.end(input);
    }
    return child;
  }
  /** Runs git and resolves with its output; a non-zero exit (not in okCodes) rejects with E_GIT. */
  run(args, options = {}) {
    return new Promise((resolve4, reject) => {
      const child = this.spawnGit(args, options.env, options.input ?? null);
      const out = [];
      const err = [];
      child.stdout.on("data", (b) => out.push(b));
      child.stderr.on("data", (b) => err.push(b));
      child.on("error", (e) => {
        if (e.code === "ENOENT") {
          reject(
            new ReleasioError(
              "E_GIT_MISSING",
              "git is not usable: it was not found on PATH; releasio needs git >= 2.25",
              {
                hint: "install git and make sure it is on PATH"
              }
            )
          );
        } else reject(e);
      });
      child.on("close", (code) => {
        const result = {
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          code: code ?? 1
        };
        if (result.code === 0 || options.okCodes?.includes(result.code)) resolve4(result);
        else reject(gitFailure(args, result));
      });
    });
  }
  async text(args, options = {}) {
    return (await this.run(args, options)).stdout;
  }
};
function gitFailure(args, result) {
  const firstLines = result.stderr.trim().split("\n").slice(0, 3).join(" | ");
  const shown = args.map((a) => redactUrlCredentials(a)).join(" ");
  return new ReleasioError(
    "E_GIT",
    `git ${shown} failed (exit ${result.code}): ${redactUrlCredentials(firstLines)}`,
    {
      details: { args: args.map((a) => redactUrlCredentials(a)), exit_code: result.code }
    }
  );
}

// src/version.ts
import { readFileSync } from "fs";
import { dirname, join } from "path";
import { fileURLToPath } from "url";
var cached = null;
function releasioVersion() {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.name === "releasio" && pkg.version) {
        cached = pkg.version;
        return cached;
      }
    } catch {
    }
    dir = dirname(dir);
  }
  cached = "0.0.0";
  return cached;
}

// src/commands/envelope.ts
function envelope(command, dryRun, warnings, exitCode = 0) {
  return {
    schema: 1,
    command,
    releasio_version: releasioVersion(),
    ok: exitCode === 0,
    exit_code: exitCode,
    dry_run: dryRun,
    warnings: [...warnings],
    error: null
  };
}
function errorInfo(error) {
  if (error instanceof ReleasioError) {
    return { code: error.code, message: error.message, hint: error.hint, details: error.details };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "E_INTERNAL", message, hint: "this is a bug in releasio; please report it", details: null };
}
function errorEnvelope(command, error, warnings, dryRun = false) {
  const exit = error instanceof ReleasioError ? error.exitCode : 1;
  return { ...envelope(command, dryRun, warnings, exit), error: errorInfo(error) };
}

// src/core/ci/workflow-commands.ts
function escapeData(text3) {
  return text3.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text3) {
  return escapeData(text3).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function annotation(kind, message, title) {
  const props = title ? ` title=${escapeProperty(title)}` : "";
  return `::${kind}${props}::${escapeData(message)}
`;
}
function addMask(secret) {
  return secret.split(/\r?\n/).filter((line) => line.trim() !== "").map((line) => `::add-mask::${escapeData(line)}
`).join("");
}

// src/adapters/fs/write-files.ts
import { mkdirSync, renameSync, rmSync, writeFileSync } from "fs";
import { dirname as dirname2, resolve } from "path";
function atomicWrite(file, content) {
  mkdirSync(dirname2(file), { recursive: true });
  const tmp = `${file}.releasio-${process.pid}.tmp`;
  writeFileSync(tmp, content, "utf8");
  renameSync(tmp, file);
}
function writeFilesAtomically(root, writes) {
  const done = [];
  try {
    for (const w of writes) {
      atomicWrite(resolve(root, w.path), w.content);
      done.push(w);
    }
  } catch (error) {
    for (const w of done.reverse()) {
      if (w.original === null) rmSync(resolve(root, w.path), { force: true });
      else atomicWrite(resolve(root, w.path), w.original);
    }
    throw error;
  }
}

// src/adapters/git/read-log.ts
var FIELDS = 7;
var FORMAT = "--format=%m%x00%H%x00%P%x00%an%x00%ae%x00%aI%x00%B";
function streamLog(git, revs, onCommit, options = {}) {
  return new Promise((resolve4, reject) => {
    const args = ["log", "-z", FORMAT, ...options.onBoundary ? ["--boundary"] : [], ...revs, "--"];
    const child = git.spawnGit(args);
    const stderr = [];
    let leftover = null;
    let fields = [];
    let count = 0;
    let failed = null;
    const emit = () => {
      const [mark, sha, parents, name, email, date, message] = fields;
      fields = [];
      try {
        if (mark === "-") {
          options.onBoundary?.(sha);
          return;
        }
        count++;
        onCommit({
          sha,
          parents: parents === "" ? [] : parents.split(" "),
          author: { name, email },
          date,
          message
        });
      } catch (e) {
        failed ??= e;
      }
    };
    const consume = (chunk) => {
      const buf = leftover && chunk ? Buffer.concat([leftover, chunk]) : chunk ?? leftover;
      if (!buf) return;
      let start = 0;
      for (let nul = buf.indexOf(0, start); nul >= 0; nul = buf.indexOf(0, start)) {
        fields.push(buf.toString("utf8", start, nul));
        start = nul + 1;
        if (fields.length === FIELDS) emit();
      }
      leftover = start < buf.length ? buf.subarray(start) : null;
      if (chunk === null) {
        if (leftover !== null || fields.length > 0) fields.push(leftover ? leftover.toString("utf8") : "");
        leftover = null;
        if (fields.length === FIELDS) emit();
      }
    };
    child.stdout.on("data", (b) => consume(b));
    child.stderr.on("data", (b) => stderr.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      consume(null);
      if (code !== 0) {
        reject(
          gitFailure(args, { stdout: "", stderr: Buffer.concat(stderr).toString("utf8"), code: code ?? 1 })
        );
      } else if (failed) reject(failed);
      else resolve4(count);
    });
  });
}

// src/adapters/process/git-cliff.ts
import { existsSync, readFileSync as readFileSync2 } from "fs";
import { join as join3 } from "path";

// src/core/project/files.ts
function repoPath(projectPath, relative4) {
  if (relative4.startsWith("/") || /^[A-Za-z]:[\\/]/.test(relative4)) return null;
  const parts = [];
  for (const part of `${projectPath}/${relative4}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? "." : parts.join("/");
}
function selfAndParents(projectPath) {
  const start = repoPath(projectPath, ".") ?? ".";
  const chain = [start];
  let current = start;
  while (current !== ".") {
    const slash = current.lastIndexOf("/");
    current = slash < 0 ? "." : current.slice(0, slash);
    chain.push(current);
  }
  return chain;
}
function projectFile(projectPath, file) {
  return projectPath === "." ? file : `${projectPath}/${file}`;
}

// src/adapters/process/find-executable.ts
import { accessSync, constants, statSync } from "fs";
import { delimiter, join as join2 } from "path";
function findExecutable(name, env) {
  const dirs = (env.PATH ?? env.Path ?? "").split(delimiter).filter((d) => d !== "");
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join2(dir, name + ext);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
      }
    }
  }
  return null;
}

// src/adapters/process/run-process.ts
import { spawn as spawn2 } from "child_process";
function runProcess(command, args, options) {
  return new Promise((resolve4, reject) => {
    const child = spawn2(command, [...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: [options.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
      windowsHide: true
    });
    if (options.input !== void 0 && child.stdin) {
      child.stdin.on("error", () => {
      });
      child.stdin.end(options.input);
    }
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => {
      err.push(b);
      options.onStderr?.(b.toString("utf8"));
    });
    child.on("error", reject);
    child.on(
      "close",
      (code) => resolve4({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      })
    );
  });
}

// src/adapters/process/git-cliff.ts
function configFile(run) {
  if (run.config) return run.config;
  const cliff = projectFile(run.projectPath, "cliff.toml");
  if (existsSync(join3(run.cwd, cliff))) return cliff;
  const pyproject = projectFile(run.projectPath, "pyproject.toml");
  const pyprojectFile = join3(run.cwd, pyproject);
  if (existsSync(pyprojectFile) && /^\[tool\.git-cliff/m.test(readFileSync2(pyprojectFile, "utf8")))
    return pyproject;
  return null;
}
function requireGitCliff(env) {
  const exe = findExecutable("git-cliff", env);
  if (!exe) {
    throw new ReleasioError(
      "E_CLIFF_MISSING",
      "changelog.engine is 'git-cliff' but git-cliff was not found on PATH",
      {
        hint: 'install git-cliff >= 2.0 or set changelog.engine = "native"'
      }
    );
  }
  return exe;
}
async function runGitCliff(run) {
  const exe = requireGitCliff(run.env);
  const args = [];
  const config = configFile(run);
  if (config) args.push("--config", config);
  if (run.tag) args.push("--tag", run.tag);
  args.push("--strip", "all");
  if (run.includePath) args.push("--include-path", `${run.includePath}/**`);
  if (run.range) args.push(run.range);
  const result = await runProcess(exe, args, { cwd: run.cwd, env: run.env });
  if (result.code !== 0) {
    throw new ReleasioError(
      "E_CLIFF_FAILED",
      `git-cliff failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-5).join(" | ")}`
    );
  }
  return result.stdout.trim();
}

// src/core/changelog/line-endings.ts
var BOM = "\uFEFF";
function detectLineEnding(text3) {
  const crlf = text3.match(/\r\n/g)?.length ?? 0;
  const lf = (text3.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? "\r\n" : "\n";
}
function toLf(text3) {
  return text3.replace(/\r\n/g, "\n");
}
function withLineEnding(text3, ending) {
  return ending === "\n" ? text3 : text3.replace(/\n/g, "\r\n");
}
function splitBom(text3) {
  return text3.startsWith(BOM) ? { bom: BOM, text: text3.slice(BOM.length) } : { bom: "", text: text3 };
}
function isBlank(line) {
  return line.trim() === "";
}
function trimBlankLines(lines) {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end);
}

// src/core/changelog/document.ts
function renderDocument(preamble, entries) {
  const { bom, text: text3 } = splitBom(preamble);
  const blocks = [text3, ...entries].map((block2) => trimBlankLines(toLf(block2).split("\n")).join("\n")).filter((block2) => block2 !== "");
  if (blocks.length === 0) return "";
  return bom + withLineEnding(`${blocks.join("\n\n")}
`, detectLineEnding(text3));
}

// src/core/changelog/version-headings.ts
var VERSION_HEADING = /^ {0,3}##[ \t]+\[?[ \t]*[vV]?(\d[0-9A-Za-z.+!_-]*)(?=[\])\s(]|$)/;
var SECTION_BREAK = /^ {0,3}#{1,2}(?:[ \t]|$)/;
var FENCE = /^ {0,3}(`{3,}|~{3,})/;
function sameVersion(a, b) {
  const plain = (v) => v.trim().replace(/^[vV]/, "").toLowerCase();
  return plain(a) === plain(b);
}
function versionSections(lines) {
  const sections = [];
  let open = null;
  let fence = null;
  lines.forEach((line, index) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== void 0 && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return;
    }
    if (marker !== void 0) {
      fence = marker;
      return;
    }
    if (!SECTION_BREAK.test(line)) return;
    if (open) open.end = index;
    open = null;
    const version2 = VERSION_HEADING.exec(line)?.[1];
    if (version2 !== void 0) {
      open = { version: version2, start: index, end: lines.length };
      sections.push(open);
    }
  });
  return sections;
}

// src/core/changelog/insert-entry.ts
function isMissing(existing) {
  return existing === null || splitBom(existing).text.trim() === "";
}
function joinBlocks(blocks) {
  const present = blocks.filter((block2) => block2 !== "");
  return present.length === 0 ? "" : `${present.join("\n\n")}
`;
}
function block(text3) {
  return trimBlankLines(toLf(text3).split("\n")).join("\n");
}
function insertEntry(existing, entry, version2, header) {
  if (isMissing(existing)) return joinBlocks([block(header), block(entry)]);
  const { bom, text: text3 } = splitBom(existing);
  const ending = detectLineEnding(text3);
  const lines = toLf(text3).split("\n");
  const sections = versionSections(lines);
  const replaced = sections.filter((section2) => sameVersion(section2.version, version2));
  const at = replaced[0]?.start ?? sections[0]?.start ?? lines.length;
  const dropped = new Set(
    replaced.flatMap(({ start, end }) => Array.from({ length: end - start }, (_, i) => start + i))
  );
  const after = lines.slice(at).filter((_, i) => !dropped.has(at + i));
  const document = joinBlocks([
    trimBlankLines(lines.slice(0, at)).join("\n"),
    block(entry),
    trimBlankLines(after).join("\n")
  ]);
  return bom + withLineEnding(document, ending);
}
function splitPreamble(existing, header) {
  if (isMissing(existing)) return header;
  const { bom, text: text3 } = splitBom(existing);
  const lines = text3.split("\n");
  const first = versionSections(lines.map((line) => line.replace(/\r$/, "")))[0];
  return first === void 0 ? existing : bom + lines.slice(0, first.start).map((line) => `${line}
`).join("");
}

// src/core/text/template.ts
var TOKEN = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
function templatePlaceholders(template2) {
  const names = /* @__PURE__ */ new Set();
  for (const m of template2.matchAll(TOKEN)) if (m[1] !== void 0) names.add(m[1]);
  return [...names];
}
function unknownPlaceholders(template2, allowed) {
  return templatePlaceholders(template2).filter((n) => !allowed.includes(n));
}
function renderTemplate(template2, values) {
  return template2.replace(TOKEN, (whole, name) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    if (name !== void 0 && Object.hasOwn(values, name)) return values[name] ?? "";
    return whole;
  });
}

// src/core/changelog/links.ts
var SHAPES = {
  github: { pages: "", pullPath: "/pull/", pullSigil: "#" },
  gitlab: { pages: "/-", pullPath: "/-/merge_requests/", pullSigil: "!" }
};
function base(forge) {
  return forge.webUrl.replace(/\/+$/, "");
}
function releaseUrl(forge, previousTag, tag) {
  const pages = SHAPES[forge.kind].pages;
  return previousTag === null ? `${base(forge)}${pages}/tree/${tag}` : `${base(forge)}${pages}/compare/${previousTag}...${tag}`;
}
function pullUrl(forge, pr) {
  return `${base(forge)}${SHAPES[forge.kind].pullPath}${pr}`;
}
function commitUrl(forge, sha) {
  return `${base(forge)}${SHAPES[forge.kind].pages}/commit/${sha}`;
}
function pullLabel(forge, pr) {
  return `${forge ? SHAPES[forge.kind].pullSigil : "#"}${pr}`;
}

// src/core/changelog/commit-line.ts
function authorKey(author) {
  return author.login ? author.login : author.email.toLowerCase();
}
var lowered = /* @__PURE__ */ new WeakMap();
function isIgnored(author, ignoreAuthors) {
  let set = lowered.get(ignoreAuthors);
  if (!set) {
    set = new Set(ignoreAuthors.map((a) => a.toLowerCase()));
    lowered.set(ignoreAuthors, set);
  }
  return author.login !== null && set.has(author.login.toLowerCase()) || set.has(author.name.toLowerCase());
}
function credit(author) {
  return author.login ? `@${author.login}` : author.name.trim();
}
function linked(text3, url2) {
  return url2 === null ? text3 : `[${text3}](${url2})`;
}
function defaultText(commit, context, credited) {
  const { forge, options } = context;
  const links = options.links ? forge : null;
  let text3 = commit.scope ? `**${commit.scope}:** ${commit.description}` : commit.description;
  if (commit.pr !== null) {
    text3 += ` (${linked(pullLabel(forge, commit.pr), links && pullUrl(links, commit.pr))})`;
  }
  if (options.show_commit_hash)
    text3 += ` (${linked(commit.short_sha, links && commitUrl(links, commit.sha))})`;
  const name = credited ? credit(commit.author) : "";
  if (options.show_authors && name !== "") text3 += ` by ${name}`;
  return text3;
}
function templateText(commit, context, credited, template2) {
  const { forge } = context;
  const text3 = renderTemplate(template2, {
    description: commit.description,
    scope: commit.scope ?? "",
    type: commit.type ?? "",
    author: credited ? commit.author.name : "",
    login: credited ? commit.author.login ?? "" : "",
    hash: commit.sha,
    short_hash: commit.short_sha,
    body: commit.body,
    pr: commit.pr === null ? "" : String(commit.pr),
    pr_url: forge && commit.pr !== null ? pullUrl(forge, commit.pr) : "",
    commit_url: forge ? commitUrl(forge, commit.sha) : "",
    breaking: commit.breaking ? "BREAKING" : ""
  });
  return text3.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== "").join("\n  ");
}
function comparable(text3) {
  return text3.replace(/\s+/g, " ").replace(/[\s.!]+$/, "").trim().toLowerCase();
}
function breakingNote(commit) {
  if (!commit.breaking || commit.breaking_description === null) return null;
  const note = commit.breaking_description.replace(/\s+/g, " ").trim();
  if (note === "" || comparable(note) === comparable(commit.description)) return null;
  return note;
}
function commitLines(commit, context) {
  const { options } = context;
  const showsAuthors = options.show_authors || options.show_first_time_contributors || options.commit_template !== null;
  const credited = showsAuthors && !isIgnored(commit.author, options.ignore_authors);
  let text3 = options.commit_template === null ? defaultText(commit, context, credited) : templateText(commit, context, credited, options.commit_template);
  const firstTimer = options.show_first_time_contributors && credited && context.firstTimers.has(authorKey(commit.author));
  if (firstTimer && options.first_contributor_badge !== "") {
    text3 += ` ${options.first_contributor_badge}`;
  }
  const note = breakingNote(commit);
  return note === null ? [`- ${text3}`] : [`- ${text3}`, `  ${note}`];
}

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string2, ptr) {
  let lines = string2.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string2, line, column) {
  let lines = string2.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base2 = 10) {
  return base2 === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base2;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base2, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base2))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base2, startPtr);
}
function parseInteger(ctx, str, base2, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base2);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base2 === 10 ? BigInt(str) : BigInt((base2 === 2 ? "0b" : base2 === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table3, meta, type) {
  let t = table3;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/core/project/package-name.ts
function normalizePackageName(name) {
  return name.trim().toLowerCase().replace(/[-_.]+/g, "-");
}

// src/core/changelog/dependencies.ts
var LOCK_KINDS = ["uv.lock", "poetry.lock", "pdm.lock", "requirements.txt"];
function collect(pins) {
  const versions = /* @__PURE__ */ new Map();
  for (const [name, version2] of pins) {
    const key = normalizePackageName(name);
    const list = versions.get(key) ?? [];
    if (!list.includes(version2)) list.push(version2);
    versions.set(key, list);
  }
  return new Map([...versions].map(([name, list]) => [name, list.join(", ")]));
}
function* tomlPackagePins(kind, text3) {
  let document;
  try {
    document = parse(text3);
  } catch (error) {
    throw new ReleasioError("E_LOCK_INVALID", `${kind}: not valid TOML: ${error.message}`, {
      cause: error
    });
  }
  const packages = document["package"];
  if (!Array.isArray(packages)) return;
  for (const entry of packages) {
    if (typeof entry !== "object" || entry === null) continue;
    const { name, version: version2 } = entry;
    if (typeof name === "string" && typeof version2 === "string") yield [name, version2];
  }
}
var REQUIREMENT_PIN = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,#\\]+)/;
function* requirementPins(text3) {
  for (const raw2 of text3.split(/\r?\n/)) {
    const line = raw2.trim();
    if (line.startsWith("-") || line.startsWith("#")) continue;
    const match = REQUIREMENT_PIN.exec(line);
    if (match) yield [match[1], match[2]];
  }
}
function parseLockVersions(kind, text3) {
  return collect(kind === "requirements.txt" ? requirementPins(text3) : tomlPackagePins(kind, text3));
}
function normalizedKeys(versions) {
  return new Map([...versions].map(([name, version2]) => [normalizePackageName(name), version2]));
}
function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function diffDependencies(before, after, exclude) {
  const excluded = new Set(exclude.map(normalizePackageName));
  const old = normalizedKeys(before);
  const current = normalizedKeys(after);
  const names = [.../* @__PURE__ */ new Set([...old.keys(), ...current.keys()])].sort(byCodePoint);
  const changes = [];
  for (const name of names) {
    if (excluded.has(name)) continue;
    const from = old.get(name) ?? null;
    const to = current.get(name) ?? null;
    if (from !== to) changes.push({ name, from, to });
  }
  return changes;
}
function formatDependencyChange(change) {
  const { name, from, to } = change;
  if (from !== null && to !== null) return `- ${name}: ${from} \u2192 ${to}`;
  if (to !== null) return `- ${name} ${to} (added)`;
  if (from !== null) return `- ${name} ${from} (removed)`;
  return null;
}

// src/core/changelog/sections.ts
var LEADING_KEYS = ["breaking", "security"];
var TRAILING_KEYS = ["other", "dependencies"];
var PINNED_KEYS = /* @__PURE__ */ new Set([...LEADING_KEYS, ...TRAILING_KEYS]);
function sectionKey(commit, headers) {
  if (commit.breaking) return "breaking";
  if (commit.security) return "security";
  if (commit.group !== null && commit.group !== "") return commit.group;
  if (commit.type !== null && Object.hasOwn(headers, commit.type)) return commit.type;
  return "other";
}
function sectionTitle(key, headers) {
  return Object.hasOwn(headers, key) ? headers[key] : key;
}
function planSections(commits, dependencies, options) {
  const headers = options.section_headers;
  const keyed = commits.map((commit) => ({ commit, key: sectionKey(commit, headers) }));
  const ordered = options.section_order.filter((key) => !PINNED_KEYS.has(key));
  const listed = new Set(ordered);
  const firstSeen = [...new Set(keyed.map(({ key }) => key))].filter(
    (key) => !PINNED_KEYS.has(key) && !listed.has(key)
  );
  const placement = [...LEADING_KEYS, ...ordered, ...firstSeen, ...TRAILING_KEYS];
  const rank = /* @__PURE__ */ new Map();
  placement.forEach((key, index) => {
    const title = sectionTitle(key, headers);
    if (!rank.has(title)) rank.set(title, index);
  });
  const sections = /* @__PURE__ */ new Map();
  const sectionFor = (key) => {
    const title = sectionTitle(key, headers);
    let section2 = sections.get(title);
    if (!section2) {
      section2 = { title, commits: [], dependencies: [] };
      sections.set(title, section2);
    }
    return section2;
  };
  for (const { commit, key } of keyed) sectionFor(key).commits.push(commit);
  if (dependencies.length > 0) sectionFor("dependencies").dependencies.push(...dependencies);
  return [...sections.values()].sort((a, b) => rank.get(a.title) - rank.get(b.title));
}

// src/core/changelog/render-entry.ts
function heading(input, options) {
  const date = input.date === "" ? "" : ` - ${input.date}`;
  if (!options.links || input.forge === null) return `## [${input.version}]${date}`;
  return `## [${input.version}](${releaseUrl(input.forge, input.previousTag, input.tag)})${date}`;
}
function notesBlock(notes) {
  if (notes === null) return null;
  const text3 = notes.replace(/\r\n?/g, "\n").split("\n").map((line) => line.trimEnd()).join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return text3 === "" ? null : text3;
}
function renderEntry(input, options) {
  const context = {
    forge: input.forge,
    options,
    // Nobody is new to a project's first release.
    firstTimers: input.previousTag === null ? /* @__PURE__ */ new Set() : input.firstTimeContributors
  };
  const blocks = [heading(input, options)];
  const notes = notesBlock(input.notes);
  if (notes !== null) blocks.push(notes);
  const included = input.commits.filter((commit) => commit.included);
  const dependencies = input.dependencies.filter((change) => formatDependencyChange(change) !== null);
  for (const section2 of planSections(included, dependencies, options)) {
    const lines = [
      ...section2.commits.flatMap((commit) => commitLines(commit, context)),
      ...section2.dependencies.map((change) => formatDependencyChange(change))
    ];
    blocks.push(`### ${section2.title}

${lines.join("\n")}`);
  }
  return `${blocks.join("\n\n")}
`;
}

// src/core/commits/message.ts
function splitMessage(message) {
  const text3 = message.includes("\r") ? message.replace(/\r\n?/g, "\n") : message;
  const nl = text3.indexOf("\n");
  const subject = (nl < 0 ? text3 : text3.slice(0, nl)).trim();
  const body = nl < 0 ? "" : text3.slice(nl + 1).replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  return { subject, body };
}
var NOREPLY = /^(?:\d+\+)?([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\[bot\])?)@users\.noreply\.github\.com$/i;
function loginFromEmail(email) {
  const m = NOREPLY.exec(email.trim());
  return m ? m[1] : null;
}
var CO_AUTHOR = /^co-authored-by:[ \t]*(.+?)[ \t]*<([^<>\s]+)>[ \t]*$/gim;
var CO_AUTHOR_PROBE = /authored-by:/i;
var NO_CO_AUTHORS = [];
function coAuthors(body) {
  if (!CO_AUTHOR_PROBE.test(body)) return NO_CO_AUTHORS;
  const out = [];
  for (const m of body.matchAll(CO_AUTHOR)) {
    out.push({ name: m[1], email: m[2], login: loginFromEmail(m[2]) });
  }
  return out;
}

// src/core/commits/gitmoji.ts
var RULES = [
  { codes: [":sparkles:", "\u2728"], type: "feat" },
  { codes: [":bug:", "\u{1F41B}", ":ambulance:", "\u{1F691}", ":lock:", "\u{1F512}"], type: "fix" },
  { codes: [":zap:", "\u26A1"], type: "perf" },
  { codes: [":boom:", "\u{1F4A5}"], type: "breaking", breaking: true },
  { codes: [":memo:", "\u{1F4DD}"], type: "docs" },
  { codes: [":recycle:", "\u267B"], type: "refactor" },
  { codes: [":white_check_mark:", "\u2705"], type: "test" },
  { codes: [":construction_worker:", "\u{1F477}", ":green_heart:", "\u{1F49A}"], type: "ci" },
  { codes: [":arrow_up:", "\u2B06"], type: "build" },
  { codes: [":art:", "\u{1F3A8}"], type: "style" },
  { codes: [":wrench:", "\u{1F527}", ":fire:", "\u{1F525}"], type: "chore" },
  { codes: [":rewind:", "\u23EA"], type: "revert" }
];
var LOOKUP = /* @__PURE__ */ new Map();
for (const rule of RULES) for (const code of rule.codes) LOOKUP.set(code, rule);
var PREFIX = new RegExp("^(:[a-z0-9_+-]+:|\\p{Extended_Pictographic}|\\p{Emoji_Presentation})\\uFE0F?\\s+(\\S.*)$", "u");
function parseGitmoji(subject) {
  const m = PREFIX.exec(subject);
  if (!m) return null;
  const rule = LOOKUP.get(m[1]);
  if (!rule) return null;
  return { type: rule.type, breaking: rule.breaking === true, description: m[2].trim() };
}

// src/core/commits/parse-commit.ts
var CONVENTIONAL = /^(?<type>[A-Za-z][A-Za-z0-9-]*)(?:\((?<scope>[^()\r\n]*)\))?(?<bang>!)?:[ \t]*(?<description>\S.*)$/;
var REVERT = /^Revert "(?<inner>.+)"$/;
var TRAILING_PR = /\(#(\d+)\)\s*$/;
var MERGE_PR = /^Merge pull request #(\d+)/;
var GITLAB_MR = /^See merge request \S+!(\d+)\s*$/m;
function customHeader(subject, parsers) {
  for (const parser of parsers) {
    parser.pattern.lastIndex = 0;
    const m = parser.pattern.exec(subject);
    if (m?.index !== 0) continue;
    const groups = m.groups ?? {};
    const scope = parser.scopeGroup ? groups[parser.scopeGroup] ?? null : null;
    const description2 = groups[parser.descriptionGroup] ?? subject;
    return {
      type: parser.type,
      scope: scope?.trim() ? scope.trim() : null,
      description: description2.trim() || subject,
      breaking: parser.breaking,
      group: parser.group
    };
  }
  return null;
}
function parseConventionalHeader(subject) {
  const m = CONVENTIONAL.exec(subject);
  if (!m?.groups) return null;
  const scope = m.groups.scope?.trim();
  return {
    type: m.groups.type.toLowerCase(),
    scope: scope ? scope : null,
    description: m.groups.description.trim(),
    breaking: m.groups.bang === "!",
    group: null
  };
}
function parseHeader(subject, options) {
  const custom = customHeader(subject, options.parsers);
  if (custom) return custom;
  if (!options.useConventionalFallback) return null;
  const conventional = parseConventionalHeader(subject);
  if (conventional) return conventional;
  const revert = REVERT.exec(subject);
  if (revert?.groups)
    return { type: "revert", scope: null, description: revert.groups.inner, breaking: false, group: null };
  if (options.gitmoji) {
    const g = parseGitmoji(subject);
    if (g)
      return { type: g.type, scope: null, description: g.description, breaking: g.breaking, group: null };
  }
  return null;
}
var lineStart = /* @__PURE__ */ new WeakMap();
function atLineStart(pattern) {
  let anchored = lineStart.get(pattern);
  if (!anchored) {
    anchored = new RegExp(`^(?:${pattern.source})`, `${pattern.flags.replace(/[gym]/g, "")}m`);
    lineStart.set(pattern, anchored);
  }
  return anchored;
}
function breakingFooter(body, pattern) {
  if (!pattern || body === "") return { found: false, text: null };
  const m = atLineStart(pattern).exec(body);
  if (!m) return { found: false, text: null };
  const rest = body.slice(m.index + m[0].length);
  const paragraphEnd = rest.search(/\n[ \t]*(?:\n|$)/);
  const text3 = (paragraphEnd < 0 ? rest : rest.slice(0, paragraphEnd)).replace(/\s+/g, " ").trim();
  return { found: true, text: text3 === "" ? null : text3 };
}
function prNumber(subject, body) {
  const trailing = subject.includes("(#") ? TRAILING_PR.exec(subject) : null;
  if (trailing) return { pr: Number(trailing[1]), subject: subject.slice(0, trailing.index).trimEnd() };
  const merge = subject.startsWith("Merge pull request #") ? MERGE_PR.exec(subject) : null;
  if (merge) return { pr: Number(merge[1]), subject };
  const mr = body.includes("See merge request ") ? GITLAB_MR.exec(body) : null;
  if (mr) return { pr: Number(mr[1]), subject };
  return { pr: null, subject };
}
function parseHeaderAndBody(subject, body, options) {
  const { pr, subject: withoutPr } = prNumber(subject, body);
  const header = parseHeader(withoutPr, options);
  const footer = breakingFooter(body, options.breakingPattern);
  if (!header) {
    return {
      subject,
      body,
      type: null,
      scope: null,
      description: withoutPr.trim() || subject,
      breaking: false,
      breakingDescription: null,
      group: null,
      pr
    };
  }
  return {
    subject,
    body,
    type: header.type,
    scope: header.scope,
    description: header.description,
    breaking: header.breaking || footer.found,
    breakingDescription: footer.text,
    group: header.group,
    pr
  };
}
var STANDARD_TYPES = [
  "feat",
  "fix",
  "docs",
  "style",
  "refactor",
  "perf",
  "test",
  "build",
  "ci",
  "chore",
  "revert"
];
function splitSquashBody(body, isKnownType) {
  const parts = [];
  for (const line of body.split("\n")) {
    const candidate = line.replace(/^\s*[*-]\s+/, "").trim();
    const header = parseConventionalHeader(candidate);
    if (header?.type && isKnownType(header.type)) parts.push({ subject: candidate, lines: [] });
    else if (parts.length > 0) parts[parts.length - 1].lines.push(line);
  }
  return parts.map((p) => ({ subject: p.subject, body: p.lines.join("\n").trim() }));
}

// src/core/commits/classify.ts
function test(pattern, text3) {
  pattern.lastIndex = 0;
  return pattern.test(text3);
}
function typeBump(type, options) {
  if (options.typesMajor.has(type)) return { bump: "major", reason: "major-type" };
  if (options.typesMinor.has(type)) return { bump: "minor", reason: "minor-type" };
  if (options.typesPatch.has(type)) return { bump: "patch", reason: "patch-type" };
  return null;
}
function ruleFor(parsed, options) {
  if (parsed.type !== null && parsed.scope !== null && options.scopeRegex) {
    options.scopeRegex.lastIndex = 0;
    const m = options.scopeRegex.exec(parsed.scope);
    if (m?.index !== 0) return { included: false, bump: "none", reason: "scope-filtered" };
  }
  if (parsed.breaking) {
    return { included: true, bump: options.breakingBumpsMinor ? "minor" : "major", reason: "breaking" };
  }
  if (parsed.type === null) {
    return { included: options.includeUnconventional, bump: "none", reason: "unconventional" };
  }
  const byType = typeBump(parsed.type, options);
  if (options.excludeTypes.has(parsed.type)) {
    return { included: false, bump: byType?.bump ?? "none", reason: "excluded-type" };
  }
  if (byType) return { included: true, ...byType };
  return { included: true, bump: "none", reason: "no-bump-type" };
}
function exclusion(raw2, subject, options, packages) {
  if (test(options.releaseCommitPattern, subject)) return "release-commit";
  if (raw2.parents.length >= 2 && !options.includeMergeCommits) return "merge-commit";
  const lower = raw2.message.toLowerCase();
  if (options.skipPatterns.some((p) => lower.includes(p))) return "skip-marker";
  if (options.attribute && packages.length === 0) return "outside-package";
  return null;
}
function isSecurity(subject, body, options) {
  if (!options.securityPatterns) return false;
  const text3 = body === "" ? subject : `${subject}
${body}`;
  return options.securityPatterns.some((p) => test(p, text3));
}
function toInfo(raw2, author, coAuthorList, packages, parsed, part, pr, excluded, options) {
  const rule = excluded ? { included: false, bump: "none", reason: excluded } : ruleFor(parsed, options);
  return {
    sha: raw2.sha,
    short_sha: raw2.sha.slice(0, 7),
    subject: parsed.subject,
    part,
    author,
    date: raw2.date,
    type: parsed.type,
    scope: parsed.scope,
    description: parsed.description,
    body: options.keepBody === false ? "" : parsed.body,
    breaking: parsed.breaking,
    breaking_description: parsed.breakingDescription,
    security: isSecurity(parsed.subject, parsed.body, options),
    bump: rule.bump,
    included: rule.included,
    reason: rule.reason,
    pr,
    packages,
    group: parsed.group,
    co_authors: coAuthorList
  };
}
var NO_PACKAGES = [];
function authorOf(raw2, cache) {
  const key = `${raw2.name}\0${raw2.email}`;
  let author = cache?.get(key);
  if (!author) {
    author = { name: raw2.name, email: raw2.email, login: loginFromEmail(raw2.email) };
    cache?.set(key, author);
  }
  return author;
}
function classifyCommit(raw2, options) {
  const { subject, body } = splitMessage(raw2.message);
  const packages = options.attribute ? options.attribute(raw2) : NO_PACKAGES;
  const author = authorOf(raw2.author, options.authorCache);
  const coAuthorList = coAuthors(body);
  const whole = parseHeaderAndBody(subject, body, options.parse);
  const excluded = exclusion(raw2, subject, options, packages);
  if (options.parseSquashBodies) {
    const bodyParts = splitSquashBody(body, (t) => options.knownTypes.has(t));
    const parts = bodyParts.length > 0 && whole.type !== null ? [{ subject, body: "" }, ...bodyParts] : bodyParts;
    if (parts.length > 0) {
      return parts.map(
        (p, i) => toInfo(
          raw2,
          author,
          coAuthorList,
          packages,
          parseHeaderAndBody(p.subject, p.body, options.parse),
          i + 1,
          whole.pr,
          excluded,
          options
        )
      );
    }
  }
  return [toInfo(raw2, author, coAuthorList, packages, whole, null, whole.pr, excluded, options)];
}
function classifyCommits(raws, options) {
  const out = [];
  for (const raw2 of raws) for (const c of classifyCommit(raw2, options)) out.push(c);
  return out;
}

// src/core/text/python-regex.ts
var RegexTranslationError = class extends Error {
  constructor(message, position) {
    super(message);
    this.position = position;
  }
  position;
};
function translatePythonRegex(pattern) {
  let flags = "";
  let source = pattern;
  const leading = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (leading) {
    for (const f of leading[1]) {
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
    const ch = source[i];
    const pos = i + offset;
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === void 0) throw new RegexTranslationError("trailing backslash", pos);
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
function compileRegex(pattern, extraFlags = "") {
  const { source, flags } = translatePythonRegex(pattern);
  const all2 = [...new Set((flags + extraFlags).split(""))].join("");
  return new RegExp(source, all2);
}

// src/core/commits/rules.ts
function commitParsers(config) {
  return config.commits.commit_parsers.map((p) => ({
    pattern: compileRegex(p.pattern),
    type: p.type,
    group: p.group ?? null,
    scopeGroup: p.scope_group ?? null,
    descriptionGroup: p.description_group,
    breaking: p.breaking
  }));
}
function classifyOptions(config, options) {
  const c = config.commits;
  return {
    parse: {
      parsers: commitParsers(config),
      useConventionalFallback: c.use_conventional_fallback,
      gitmoji: c.gitmoji,
      breakingPattern: c.breaking_pattern === "" ? null : compileRegex(c.breaking_pattern)
    },
    releaseCommitPattern: compileRegex(c.release_commit_pattern),
    includeMergeCommits: c.include_merge_commits,
    skipPatterns: c.skip_release_patterns.map((p) => p.toLowerCase()),
    scopeRegex: c.scope_regex ? compileRegex(c.scope_regex) : null,
    typesMajor: new Set(c.types_major),
    typesMinor: new Set(c.types_minor),
    typesPatch: new Set(c.types_patch),
    excludeTypes: new Set(config.changelog.exclude_types),
    includeUnconventional: config.changelog.include_unconventional,
    breakingBumpsMinor: options.breakingBumpsMinor,
    securityPatterns: config.security.enabled ? config.security.patterns.map((p) => compileRegex(p, "i")) : null,
    parseSquashBodies: c.parse_squash_bodies,
    knownTypes: /* @__PURE__ */ new Set([
      ...STANDARD_TYPES,
      ...c.types_major,
      ...c.types_minor,
      ...c.types_patch,
      ...c.commit_parsers.map((p) => p.type)
    ]),
    attribute: options.attribute ?? null,
    authorCache: /* @__PURE__ */ new Map()
  };
}

// src/core/plan/release-history.ts
var UNRELEASED = "\0unreleased";
function assignCommitsToReleases(commits, releases, head) {
  const index = /* @__PURE__ */ new Map();
  for (let i = 0; i < commits.length; i++) index.set(commits[i].sha, i);
  const parentIndex = new Array(commits.length);
  let edges = 0;
  for (let i = 0; i < commits.length; i++) {
    const parents = commits[i].parents;
    const out2 = new Int32Array(parents.length);
    for (let p = 0; p < parents.length; p++) out2[p] = index.get(parents[p]) ?? -1;
    parentIndex[i] = out2;
    edges += parents.length;
  }
  const labels = [...releases.map((r) => r.name), UNRELEASED];
  const owner = new Int32Array(commits.length).fill(-1);
  const stack = new Int32Array(edges + labels.length);
  const walk = (start, label) => {
    const first = index.get(start);
    if (first === void 0) return;
    let top = 0;
    stack[top++] = first;
    while (top > 0) {
      const i = stack[--top];
      if (owner[i] !== -1) continue;
      owner[i] = label;
      const parents = parentIndex[i];
      for (let p = 0; p < parents.length; p++) {
        const j = parents[p];
        if (j >= 0 && owner[j] === -1) stack[top++] = j;
      }
    }
  };
  for (const [label, r] of releases.entries()) walk(r.commit, label);
  walk(head, releases.length);
  const out = new Map(labels.map((l) => [l, []]));
  for (let i = 0; i < commits.length; i++) {
    const label = owner[i];
    if (label >= 0) out.get(labels[label]).push(commits[i]);
  }
  return out;
}

// src/core/version/pep440.ts
var SEP = "[-_.]?";
var PRE_LABEL = "alpha|a|beta|b|preview|pre|c|rc";
var POST_LABEL = "post|rev|r";
var PUBLIC_PARTS = [
  "v?",
  "(?:(?<epoch>[0-9]+)!)?",
  "(?<release>[0-9]+(?:\\.[0-9]+)*)",
  `(?:${SEP}(?<preLabel>${PRE_LABEL})${SEP}(?<preNumber>[0-9]+)?)?`,
  `(?:-(?<implicitPost>[0-9]+)|${SEP}(?<postLabel>${POST_LABEL})${SEP}(?<postNumber>[0-9]+)?)?`,
  `(?:${SEP}(?<devLabel>dev)${SEP}(?<devNumber>[0-9]+)?)?`,
  "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
].join("");
var FULL = new RegExp(`^${PUBLIC_PARTS}$`, "i");
var LEADING = new RegExp(`^${PUBLIC_PARTS}`, "i");
var PRE_PHASES = {
  a: "a",
  alpha: "a",
  b: "b",
  beta: "b",
  c: "rc",
  rc: "rc",
  pre: "rc",
  preview: "rc"
};
var HINT = "use PEP 440, e.g. 1.2.0, 1.2.0b1, 1.2.0.post1";
function parseVersion(input, where) {
  const result = parse2(input);
  if (typeof result !== "string") return result;
  const place = where === void 0 ? "" : ` (${where})`;
  throw new ReleasioError("E_VERSION_INVALID", `'${input}' is not a valid version${place}: ${result}`, {
    hint: HINT,
    details: { input, where: where ?? null }
  });
}
function tryParseVersion(input) {
  const result = parse2(input);
  return typeof result === "string" ? null : result;
}
function parse2(input) {
  const text3 = input.trim();
  if (text3 === "") return "the version is empty";
  const m = FULL.exec(text3);
  if (m === null) return explainMismatch(text3);
  const g = m.groups ?? {};
  try {
    return {
      epoch: g["epoch"] === void 0 ? 0 : toNumber(g["epoch"]),
      release: (g["release"] ?? "").split(".").map(toNumber),
      pre: g["preLabel"] === void 0 ? null : { phase: PRE_PHASES[g["preLabel"].toLowerCase()], number: optionalNumber(g["preNumber"]) },
      post: g["implicitPost"] !== void 0 ? toNumber(g["implicitPost"]) : g["postLabel"] === void 0 ? null : optionalNumber(g["postNumber"]),
      dev: g["devLabel"] === void 0 ? null : optionalNumber(g["devNumber"]),
      local: g["local"] === void 0 ? null : canonicalLocal(g["local"])
    };
  } catch (error) {
    if (error instanceof TooLarge) return `the number '${error.digits}' is too large`;
    throw error;
  }
}
function explainMismatch(text3) {
  const m = LEADING.exec(text3);
  if (m === null) return "it must start with a release number such as 1.2.0";
  return `unexpected '${text3.slice(m[0].length)}' after '${m[0]}'`;
}
var TooLarge = class extends Error {
  constructor(digits) {
    super(digits);
    this.digits = digits;
  }
  digits;
};
function toNumber(digits) {
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new TooLarge(digits);
  return value;
}
function optionalNumber(digits) {
  return digits === void 0 ? 0 : toNumber(digits);
}
function canonicalLocal(local) {
  return local.toLowerCase().split(/[-_.]/).map((segment) => /^[0-9]+$/.test(segment) ? stripLeadingZeros(segment) : segment).join(".");
}
function stripLeadingZeros(digits) {
  return digits.replace(/^0+(?=[0-9])/, "");
}
function formatVersion(v) {
  let out = v.epoch === 0 ? "" : `${v.epoch}!`;
  out += v.release.join(".");
  if (v.pre !== null) out += `${v.pre.phase}${v.pre.number}`;
  if (v.post !== null) out += `.post${v.post}`;
  if (v.dev !== null) out += `.dev${v.dev}`;
  if (v.local !== null) out += `+${canonicalLocal(v.local)}`;
  return out;
}
function normalizeVersion(input, where) {
  return formatVersion(parseVersion(input, where));
}
var PHASE_RANK = { a: 0, b: 1, rc: 2 };
function suffixKey(v) {
  const preRank = v.pre !== null ? PHASE_RANK[v.pre.phase] : v.post === null && v.dev !== null ? -1 : 3;
  return [preRank, v.pre?.number ?? 0, v.post ?? -1, v.dev ?? Number.POSITIVE_INFINITY];
}
function withoutTrailingZeros(release) {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0) end--;
  return release.slice(0, end);
}
function compareNumberLists(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    if (d !== 0) return Math.sign(d);
  }
  return Math.sign(a.length - b.length);
}
var NUMERIC = /^[0-9]+$/;
function compareLocalSegments(a, b) {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) {
    const x = stripLeadingZeros(a);
    const y = stripLeadingZeros(b);
    if (x.length !== y.length) return Math.sign(x.length - y.length);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareLocal(a, b) {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const x = canonicalLocal(a).split(".");
  const y = canonicalLocal(b).split(".");
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = compareLocalSegments(x[i], y[i]);
    if (d !== 0) return d;
  }
  return Math.sign(x.length - y.length);
}
function compareVersions(a, b) {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  return compareNumberLists(withoutTrailingZeros(a.release), withoutTrailingZeros(b.release)) || compareNumberLists(suffixKey(a), suffixKey(b)) || compareLocal(a.local, b.local);
}
function versionsEqual(a, b) {
  return compareVersions(a, b) === 0;
}
function isPrerelease(v) {
  return v.pre !== null || v.dev !== null;
}
function isFinal(v) {
  return !isPrerelease(v);
}
function baseVersion(v) {
  return { epoch: v.epoch, release: [...v.release], pre: null, post: null, dev: null, local: null };
}
var BUMPED_INDEX = { major: 0, minor: 1, patch: 2 };
function bumpVersion(v, bump) {
  const at = BUMPED_INDEX[bump];
  const release = [0, 1, 2].map(
    (i) => i < at ? v.release[i] ?? 0 : i === at ? (v.release[i] ?? 0) + 1 : 0
  );
  return { epoch: v.epoch, release, pre: null, post: null, dev: null, local: null };
}
function isPlaceholderVersion(v) {
  return v.epoch === 0 && v.release.every((n) => n === 0) && v.pre === null && v.post === null && v.dev === null && v.local === null;
}

// src/core/version/release-tags.ts
function formatTag(pattern, version2) {
  return `${pattern.prefix}${formatVersion(version2)}${pattern.suffix}`;
}
var MIN_RELEASE_COMPONENTS = 3;
function parseReleaseTag(tag, pattern) {
  const { name } = tag;
  const { prefix, suffix } = pattern;
  if (name.length <= prefix.length + suffix.length) return null;
  if (!name.startsWith(prefix) || !name.endsWith(suffix)) return null;
  const text3 = name.slice(prefix.length, name.length - suffix.length);
  if (!/^[0-9]/.test(text3) || /\s/.test(text3)) return null;
  const version2 = tryParseVersion(text3);
  if (version2 === null || version2.release.length < MIN_RELEASE_COMPONENTS) return null;
  return { ...tag, version: version2 };
}
function releaseTags(tags, pattern) {
  const parsed = tags.flatMap((tag) => parseReleaseTag(tag, pattern) ?? []);
  const canonical2 = (t) => t.name === formatTag(pattern, t.version) ? 0 : 1;
  return parsed.sort(
    (a, b) => compareVersions(b.version, a.version) || canonical2(a) - canonical2(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
function selectPreviousRelease(tags, prereleaseRun) {
  const ordered = [...tags].sort((a, b) => compareVersions(b.version, a.version));
  const qualifies = (t) => prereleaseRun || isFinal(t.version);
  const previous = ordered.find((t) => t.reachable && qualifies(t)) ?? null;
  const previousFinal = ordered.find((t) => t.reachable && isFinal(t.version)) ?? null;
  const candidate = ordered.find((t) => !t.reachable && qualifies(t)) ?? null;
  const unreachableHigher = candidate !== null && (previous === null || compareVersions(candidate.version, previous.version) > 0) ? candidate : null;
  return { previous, previousFinal, unreachableHigher };
}

// src/commands/plan-release.ts
import { relative as relative3, resolve as resolve3 } from "path";

// src/adapters/fs/config-files.ts
import { readFile, realpath } from "fs/promises";
import { basename, dirname as dirname3, isAbsolute, join as join4, relative, resolve as resolve2, sep } from "path";

// node_modules/valibot/dist/index.mjs
var store$4;
var DEFAULT_CONFIG = {
  lang: void 0,
  message: void 0,
  abortEarly: void 0,
  abortPipeEarly: void 0
};
// @__NO_SIDE_EFFECTS__
function getGlobalConfig(config$1) {
  if (!config$1 && !store$4) return DEFAULT_CONFIG;
  return {
    lang: config$1?.lang ?? store$4?.lang,
    message: config$1?.message,
    abortEarly: config$1?.abortEarly ?? store$4?.abortEarly,
    abortPipeEarly: config$1?.abortPipeEarly ?? store$4?.abortPipeEarly
  };
}
var store$3;
// @__NO_SIDE_EFFECTS__
function getGlobalMessage(lang) {
  return store$3?.get(lang);
}
var store$2;
// @__NO_SIDE_EFFECTS__
function getSchemaMessage(lang) {
  return store$2?.get(lang);
}
var store$1;
// @__NO_SIDE_EFFECTS__
function getSpecificMessage(reference, lang) {
  return store$1?.get(reference)?.get(lang);
}
// @__NO_SIDE_EFFECTS__
function _stringify(input) {
  const type = typeof input;
  if (type === "string") return `"${input}"`;
  if (type === "number" || type === "bigint" || type === "boolean") return `${input}`;
  if (type === "object" || type === "function") return (input && Object.getPrototypeOf(input)?.constructor?.name) ?? "null";
  return type;
}
function _addIssue(context, label, dataset, config$1, other) {
  const input = other && "input" in other ? other.input : dataset.value;
  const expected = other?.expected ?? context.expects ?? null;
  const received = other?.received ?? /* @__PURE__ */ _stringify(input);
  const issue = {
    kind: context.kind,
    type: context.type,
    input,
    expected,
    received,
    message: `Invalid ${label}: ${expected ? `Expected ${expected} but r` : "R"}eceived ${received}`,
    requirement: context.requirement,
    path: other?.path,
    issues: other?.issues,
    lang: config$1.lang,
    abortEarly: config$1.abortEarly,
    abortPipeEarly: config$1.abortPipeEarly
  };
  const isSchema = context.kind === "schema";
  const message$1 = other?.message ?? context.message ?? /* @__PURE__ */ getSpecificMessage(context.reference, issue.lang) ?? (isSchema ? /* @__PURE__ */ getSchemaMessage(issue.lang) : null) ?? config$1.message ?? /* @__PURE__ */ getGlobalMessage(issue.lang);
  if (message$1 !== void 0) issue.message = typeof message$1 === "function" ? message$1(issue) : message$1;
  if (isSchema) dataset.typed = false;
  if (dataset.issues) dataset.issues.push(issue);
  else dataset.issues = [issue];
}
// @__NO_SIDE_EFFECTS__
function _isSameValueZero(value1, value2) {
  return value1 === value2 || Number.isNaN(value1) && Number.isNaN(value2);
}
// @__NO_SIDE_EFFECTS__
function _isValidObjectKey(object$1, key) {
  return Object.prototype.hasOwnProperty.call(object$1, key) && key !== "__proto__" && key !== "prototype" && key !== "constructor";
}
// @__NO_SIDE_EFFECTS__
function _joinExpects(values$1, separator) {
  const list = [...new Set(values$1)];
  if (list.length > 1) return `(${list.join(` ${separator} `)})`;
  return list[0] ?? "never";
}
function _standardSchema(schema) {
  schema["~standard"] = {
    version: 1,
    vendor: "valibot",
    validate: (value$1) => schema["~run"]({ value: value$1 }, /* @__PURE__ */ getGlobalConfig())
  };
  return schema;
}
var ValiError = class extends Error {
  /**
  * Creates a Valibot error with useful information.
  *
  * @param issues The error issues.
  */
  constructor(issues) {
    super(issues[0].message);
    this.name = "ValiError";
    this.issues = issues;
  }
};
var EMOJI_REGEX = new RegExp("^(?:[\\u{1F1E6}-\\u{1F1FF}]{2}|\\u{1F3F4}[\\u{E0061}-\\u{E007A}]{2}[\\u{E0030}-\\u{E0039}\\u{E0061}-\\u{E007A}]{1,3}\\u{E007F}|(?:\\p{Emoji}\\uFE0F\\u20E3?|\\p{Emoji_Modifier_Base}\\p{Emoji_Modifier}?|(?![\\p{Emoji_Modifier_Base}\\u{1F1E6}-\\u{1F1FF}])\\p{Emoji_Presentation})(?:\\u200D(?:\\p{Emoji}\\uFE0F\\u20E3?|\\p{Emoji_Modifier_Base}\\p{Emoji_Modifier}?|(?![\\p{Emoji_Modifier_Base}\\u{1F1E6}-\\u{1F1FF}])\\p{Emoji_Presentation}))*)+$", "u");
// @__NO_SIDE_EFFECTS__
function check(requirement, message$1) {
  return {
    kind: "validation",
    type: "check",
    reference: check,
    async: false,
    expects: null,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !this.requirement(dataset.value)) _addIssue(this, "input", dataset, config$1);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function description(description_) {
  return {
    kind: "metadata",
    type: "description",
    reference: description,
    description: description_
  };
}
// @__NO_SIDE_EFFECTS__
function integer(message$1) {
  return {
    kind: "validation",
    type: "integer",
    reference: integer,
    async: false,
    expects: null,
    requirement: Number.isInteger,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !this.requirement(dataset.value)) _addIssue(this, "integer", dataset, config$1);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function maxValue(requirement, message$1) {
  return {
    kind: "validation",
    type: "max_value",
    reference: maxValue,
    async: false,
    expects: `<=${requirement instanceof Date ? requirement.toJSON() : /* @__PURE__ */ _stringify(requirement)}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !(dataset.value <= this.requirement)) _addIssue(this, "value", dataset, config$1, { received: dataset.value instanceof Date ? dataset.value.toJSON() : /* @__PURE__ */ _stringify(dataset.value) });
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function minLength(requirement, message$1) {
  return {
    kind: "validation",
    type: "min_length",
    reference: minLength,
    async: false,
    expects: `>=${requirement}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && dataset.value.length < this.requirement) _addIssue(this, "length", dataset, config$1, { received: `${dataset.value.length}` });
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function minValue(requirement, message$1) {
  return {
    kind: "validation",
    type: "min_value",
    reference: minValue,
    async: false,
    expects: `>=${requirement instanceof Date ? requirement.toJSON() : /* @__PURE__ */ _stringify(requirement)}`,
    requirement,
    message: message$1,
    "~run"(dataset, config$1) {
      if (dataset.typed && !(dataset.value >= this.requirement)) _addIssue(this, "value", dataset, config$1, { received: dataset.value instanceof Date ? dataset.value.toJSON() : /* @__PURE__ */ _stringify(dataset.value) });
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function transform(operation) {
  return {
    kind: "transformation",
    type: "transform",
    reference: transform,
    async: false,
    operation,
    "~run"(dataset) {
      dataset.value = this.operation(dataset.value);
      return dataset;
    }
  };
}
// @__NO_SIDE_EFFECTS__
function getFallback(schema, dataset, config$1) {
  return typeof schema.fallback === "function" ? schema.fallback(dataset, config$1) : schema.fallback;
}
// @__NO_SIDE_EFFECTS__
function getDefault(schema, dataset, config$1) {
  return typeof schema.default === "function" ? schema.default(dataset, config$1) : schema.default;
}
// @__NO_SIDE_EFFECTS__
function array(item, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "array",
    reference: array,
    expects: "Array",
    async: false,
    item,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (Array.isArray(input)) {
        dataset.typed = true;
        dataset.value = [];
        for (let key = 0; key < input.length; key++) {
          const value$1 = input[key];
          const itemDataset = this.item["~run"]({ value: value$1 }, config$1);
          if (itemDataset.issues) {
            const pathItem = {
              type: "array",
              origin: "value",
              input,
              key,
              value: value$1
            };
            for (const issue of itemDataset.issues) {
              if (issue.path) issue.path.unshift(pathItem);
              else issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = itemDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          if (!itemDataset.typed) dataset.typed = false;
          dataset.value.push(itemDataset.value);
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function boolean(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "boolean",
    reference: boolean,
    expects: "boolean",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "boolean") dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function literal(literal_, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "literal",
    reference: literal,
    expects: /* @__PURE__ */ _stringify(literal_),
    async: false,
    literal: literal_,
    message: message$1,
    "~run"(dataset, config$1) {
      if (/* @__PURE__ */ _isSameValueZero(dataset.value, this.literal)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function nullable(wrapped, default_) {
  return _standardSchema({
    kind: "schema",
    type: "nullable",
    reference: nullable,
    expects: `(${wrapped.expects} | null)`,
    async: false,
    wrapped,
    default: default_,
    "~run"(dataset, config$1) {
      if (dataset.value === null) {
        if (this.default !== void 0) dataset.value = /* @__PURE__ */ getDefault(this, dataset, config$1);
        if (dataset.value === null) {
          dataset.typed = true;
          return dataset;
        }
      }
      return this.wrapped["~run"](dataset, config$1);
    }
  });
}
// @__NO_SIDE_EFFECTS__
function number(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "number",
    reference: number,
    expects: "number",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "number" && !isNaN(dataset.value)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function optional(wrapped, default_) {
  return _standardSchema({
    kind: "schema",
    type: "optional",
    reference: optional,
    expects: `(${wrapped.expects} | undefined)`,
    async: false,
    wrapped,
    default: default_,
    "~run"(dataset, config$1) {
      if (dataset.value === void 0) {
        if (this.default !== void 0) dataset.value = /* @__PURE__ */ getDefault(this, dataset, config$1);
        if (dataset.value === void 0) {
          dataset.typed = true;
          return dataset;
        }
      }
      return this.wrapped["~run"](dataset, config$1);
    }
  });
}
// @__NO_SIDE_EFFECTS__
function picklist(options, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "picklist",
    reference: picklist,
    expects: /* @__PURE__ */ _joinExpects(options.map(_stringify), "|"),
    async: false,
    options,
    message: message$1,
    "~run"(dataset, config$1) {
      if (this.options.includes(dataset.value)) dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function record(key, value$1, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "record",
    reference: record,
    expects: "Object",
    async: false,
    key,
    value: value$1,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (input && typeof input === "object") {
        dataset.typed = true;
        dataset.value = {};
        for (const entryKey in input) if (/* @__PURE__ */ _isValidObjectKey(input, entryKey)) {
          const entryValue = input[entryKey];
          const keyDataset = this.key["~run"]({ value: entryKey }, config$1);
          if (keyDataset.issues) {
            const pathItem = {
              type: "object",
              origin: "key",
              input,
              key: entryKey,
              value: entryValue
            };
            for (const issue of keyDataset.issues) {
              issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = keyDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          const valueDataset = this.value["~run"]({ value: entryValue }, config$1);
          if (valueDataset.issues) {
            const pathItem = {
              type: "object",
              origin: "value",
              input,
              key: entryKey,
              value: entryValue
            };
            for (const issue of valueDataset.issues) {
              if (issue.path) issue.path.unshift(pathItem);
              else issue.path = [pathItem];
              dataset.issues?.push(issue);
            }
            if (!dataset.issues) dataset.issues = valueDataset.issues;
            if (config$1.abortEarly) {
              dataset.typed = false;
              break;
            }
          }
          if (!keyDataset.typed || !valueDataset.typed) dataset.typed = false;
          if (keyDataset.typed) dataset.value[keyDataset.value] = valueDataset.value;
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function strictObject(entries$1, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "strict_object",
    reference: strictObject,
    expects: "Object",
    async: false,
    entries: entries$1,
    message: message$1,
    "~run"(dataset, config$1) {
      const input = dataset.value;
      if (input && typeof input === "object") {
        dataset.typed = true;
        dataset.value = {};
        for (const key in this.entries) {
          const valueSchema = this.entries[key];
          if (key in input || (valueSchema.type === "exact_optional" || valueSchema.type === "optional" || valueSchema.type === "nullish") && valueSchema.default !== void 0) {
            const value$1 = key in input ? input[key] : /* @__PURE__ */ getDefault(valueSchema);
            const valueDataset = valueSchema["~run"]({ value: value$1 }, config$1);
            if (valueDataset.issues) {
              const pathItem = {
                type: "object",
                origin: "value",
                input,
                key,
                value: value$1
              };
              for (const issue of valueDataset.issues) {
                if (issue.path) issue.path.unshift(pathItem);
                else issue.path = [pathItem];
                dataset.issues?.push(issue);
              }
              if (!dataset.issues) dataset.issues = valueDataset.issues;
              if (config$1.abortEarly) {
                dataset.typed = false;
                break;
              }
            }
            if (!valueDataset.typed) dataset.typed = false;
            dataset.value[key] = valueDataset.value;
          } else if (valueSchema.fallback !== void 0) dataset.value[key] = /* @__PURE__ */ getFallback(valueSchema);
          else if (valueSchema.type !== "exact_optional" && valueSchema.type !== "optional" && valueSchema.type !== "nullish") {
            _addIssue(this, "key", dataset, config$1, {
              input: void 0,
              expected: `"${key}"`,
              path: [{
                type: "object",
                origin: "key",
                input,
                key,
                value: input[key]
              }]
            });
            if (config$1.abortEarly) break;
          }
        }
        if (!dataset.issues || !config$1.abortEarly) {
          for (const key in input) if (!Object.prototype.hasOwnProperty.call(this.entries, key)) {
            _addIssue(this, "key", dataset, config$1, {
              input: key,
              expected: "never",
              path: [{
                type: "object",
                origin: "key",
                input,
                key,
                value: input[key]
              }]
            });
            break;
          }
        }
      } else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function string(message$1) {
  return _standardSchema({
    kind: "schema",
    type: "string",
    reference: string,
    expects: "string",
    async: false,
    message: message$1,
    "~run"(dataset, config$1) {
      if (typeof dataset.value === "string") dataset.typed = true;
      else _addIssue(this, "type", dataset, config$1);
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function _subIssues(datasets) {
  let issues;
  if (datasets) for (const dataset of datasets) if (issues) for (const issue of dataset.issues) issues.push(issue);
  else issues = dataset.issues;
  return issues;
}
// @__NO_SIDE_EFFECTS__
function union(options, message$1) {
  return _standardSchema({
    kind: "schema",
    type: "union",
    reference: union,
    expects: /* @__PURE__ */ _joinExpects(options.map((option) => option.expects), "|"),
    async: false,
    options,
    message: message$1,
    "~run"(dataset, config$1) {
      let validDataset;
      let typedDatasets;
      let untypedDatasets;
      for (const schema of this.options) {
        const optionDataset = schema["~run"]({ value: dataset.value }, config$1);
        if (optionDataset.typed) if (optionDataset.issues) if (typedDatasets) typedDatasets.push(optionDataset);
        else typedDatasets = [optionDataset];
        else {
          validDataset = optionDataset;
          break;
        }
        else if (untypedDatasets) untypedDatasets.push(optionDataset);
        else untypedDatasets = [optionDataset];
      }
      if (validDataset) return validDataset;
      if (typedDatasets) {
        if (typedDatasets.length === 1) return typedDatasets[0];
        _addIssue(this, "type", dataset, config$1, { issues: /* @__PURE__ */ _subIssues(typedDatasets) });
        dataset.typed = true;
      } else if (untypedDatasets?.length === 1) return untypedDatasets[0];
      else _addIssue(this, "type", dataset, config$1, { issues: /* @__PURE__ */ _subIssues(untypedDatasets) });
      return dataset;
    }
  });
}
function parse3(schema, input, config$1) {
  const dataset = schema["~run"]({ value: input }, /* @__PURE__ */ getGlobalConfig(config$1));
  if (dataset.issues) throw new ValiError(dataset.issues);
  return dataset.value;
}
// @__NO_SIDE_EFFECTS__
function pipe(...pipe$1) {
  return _standardSchema({
    ...pipe$1[0],
    pipe: pipe$1,
    "~run"(dataset, config$1) {
      for (const item of pipe$1) if (item.kind !== "metadata") {
        if (dataset.issues && (item.kind === "schema" || item.kind === "transformation")) {
          dataset.typed = false;
          break;
        }
        if (!dataset.issues || !config$1.abortEarly && !config$1.abortPipeEarly) dataset = item["~run"](dataset, config$1);
      }
      return dataset;
    }
  });
}
// @__NO_SIDE_EFFECTS__
function safeParse(schema, input, config$1) {
  const dataset = schema["~run"]({ value: input }, /* @__PURE__ */ getGlobalConfig(config$1));
  return {
    typed: dataset.typed,
    success: !dataset.issues,
    output: dataset.value,
    issues: dataset.issues
  };
}

// src/core/text/did-you-mean.ts
function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
function didYouMean(input, candidates) {
  let best = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== null && bestDistance <= 3) return best;
  const suffix = input.split(".").pop() ?? input;
  return candidates.find((c) => (c.split(".").pop() ?? c) === suffix) ?? null;
}

// src/core/changelog/options.ts
var DEFAULT_SECTION_HEADERS = {
  breaking: "\u26A0\uFE0F Breaking Changes",
  security: "\u{1F512} Security",
  feat: "\u2728 Features",
  fix: "\u{1F41B} Bug Fixes",
  perf: "\u26A1 Performance",
  revert: "\u23EA Reverts",
  refactor: "\u267B\uFE0F Refactoring",
  docs: "\u{1F4DA} Documentation",
  style: "\u{1F484} Style",
  test: "\u{1F9EA} Tests",
  build: "\u{1F4E6} Build",
  ci: "\u{1F527} CI",
  chore: "\u{1F528} Chores",
  other: "\u{1F4DD} Other",
  dependencies: "\u2B06\uFE0F Dependencies"
};
var DEFAULT_SECTION_ORDER = [
  "feat",
  "fix",
  "perf",
  "revert",
  "refactor",
  "docs",
  "style",
  "test",
  "build",
  "ci",
  "chore"
];

// src/core/config/tree.ts
function isTable(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Date)
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function splitDotted(path) {
  return path.split(".");
}
function getPath(root, segments) {
  let current = root;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return void 0;
      current = current[segment];
    } else {
      if (!isTable(current) || !Object.hasOwn(current, segment)) return void 0;
      current = current[segment];
    }
  }
  return current;
}
function hasPath(root, segments) {
  if (segments.length === 0) return true;
  const parent = getPath(root, segments.slice(0, -1));
  const last = segments[segments.length - 1];
  if (typeof last === "number") return Array.isArray(parent) && last < parent.length;
  return isTable(parent) && Object.hasOwn(parent, last);
}
function setPath(root, segments, value) {
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    if (!Object.hasOwn(current, segment)) current[segment] = {};
    const next = current[segment];
    if (!isTable(next)) return false;
    current = next;
  }
  current[segments[segments.length - 1]] = value;
  return true;
}
function deletePath(root, segments) {
  const parent = getPath(root, segments.slice(0, -1));
  if (isTable(parent)) delete parent[segments[segments.length - 1]];
}
function cloneTree(value) {
  if (Array.isArray(value)) return value.map((v) => cloneTree(v));
  if (isTable(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: cloneTree(v),
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return out;
  }
  return value;
}
function documentPaths(root, format, prefix = [], out = []) {
  if (isTable(root)) {
    for (const [k, v] of Object.entries(root)) {
      const segments = [...prefix, k];
      out.push(format(segments));
      documentPaths(v, format, segments, out);
    }
  } else if (Array.isArray(root)) {
    root.forEach((v, i) => {
      const segments = [...prefix, i];
      out.push(format(segments));
      documentPaths(v, format, segments, out);
    });
  }
  return out;
}

// src/core/config/schema.ts
var PRERELEASE_TOKENS = ["alpha", "beta", "rc", "dev"];
var DEFAULT_IGNORE_AUTHORS = [
  "dependabot[bot]",
  "dependabot-preview[bot]",
  "renovate[bot]",
  "renovate-bot",
  "github-actions[bot]",
  "pre-commit-ci[bot]",
  "codecov[bot]",
  "semantic-release-bot",
  "allcontributors[bot]",
  "snyk-bot",
  "greenkeeper[bot]",
  "imgbot[bot]",
  "depfu[bot]",
  "pyup-bot",
  "mergify[bot]"
];
var DEFAULT_CHANGELOG_HEADER = "# Changelog\n\nAll notable changes to this project are documented in this file.\n";
var DEFAULT_RELEASE_PR_TITLE = "chore(release): prepare {project} {tag}";
var PYPI_UPLOAD_URL = "https://upload.pypi.org/legacy/";
var TESTPYPI_UPLOAD_URL = "https://test.pypi.org/legacy/";
function tablesOnly(schema) {
  const run = schema["~run"];
  return _standardSchema({
    ...schema,
    "~run"(dataset, config) {
      const value = dataset.value;
      if (value === null || typeof value !== "object" || isTable(value))
        return run.call(this, dataset, config);
      _addIssue(this, "type", dataset, config);
      return dataset;
    }
  });
}
var table = (entries) => tablesOnly(strictObject(entries));
function tableOf(value) {
  const schema = record(string(), value);
  return _standardSchema({
    ...schema,
    "~run"(dataset, config) {
      const input = dataset.value;
      if (!isTable(input)) {
        _addIssue(this, "type", dataset, config);
        return dataset;
      }
      const output = {};
      const issues = [];
      let typed = true;
      for (const [key, item] of Object.entries(input)) {
        const checked = this.value["~run"]({ value: item }, config);
        const step = { type: "object", origin: "value", input, key, value: item };
        for (const issue of checked.issues ?? [])
          issues.push({ ...issue, path: [step, ...issue.path ?? []] });
        typed &&= checked.typed;
        Object.defineProperty(output, key, {
          value: checked.value,
          enumerable: true,
          writable: true,
          configurable: true
        });
      }
      return issues.length > 0 ? { typed, value: output, issues } : { typed, value: output };
    }
  });
}
var describe = (schema, description2) => pipe(schema, description(description2));
var int = (min) => pipe(number(), integer(), minValue(min), maxValue(Number.MAX_SAFE_INTEGER));
var filledString = () => pipe(string(), minLength(1));
var text = (value, description2) => describe(optional(string(), value), description2);
var nonEmpty = (value, description2) => describe(optional(filledString(), value), description2);
var optionalText = (description2) => describe(optional(nullable(filledString()), null), description2);
var flag = (value, description2) => describe(optional(boolean(), value), description2);
var texts = (value, description2) => describe(
  optional(array(string()), () => [...value]),
  description2
);
var integer2 = (value, min, description2) => describe(optional(int(min), value), description2);
var choice = (values, value, description2) => describe(optional(picklist(values), value), description2);
var urlOrAuto = (description2) => describe(optional(filledString(), "auto"), description2);
var section = (schema, description2) => describe(optional(schema, {}), description2);
var token = (description2) => describe(optional(nullable(picklist(PRERELEASE_TOKENS)), null), description2);
var filePath = describe(filledString(), "File path relative to the project path.");
var VERSION_FILE_TABLES = {
  path: describe(table({ path: filePath }), "A Python assignment or whole-file version, like a plain path."),
  pattern: describe(
    table({
      path: filePath,
      pattern: pipe(
        string(),
        minLength(1),
        check((p) => p.includes("{version}"), "must contain {version}"),
        description("Literal text containing {version}; it must match exactly `count` times.")
      ),
      count: integer2(1, 1, "How many times the pattern must match.")
    }),
    "Replace the version inside a literal text pattern."
  ),
  toml_key: describe(
    table({
      path: filePath,
      toml_key: describe(filledString(), "Dotted key whose string value is the version.")
    }),
    "Replace the string value of a TOML key."
  ),
  json_key: describe(
    table({
      path: filePath,
      json_key: describe(filledString(), "Dotted key whose string value is the version.")
    }),
    "Replace the string value of a JSON key."
  )
};
function toVersionFileSpec(entry) {
  if (typeof entry === "string") return { kind: "path", path: entry };
  const path = String(entry["path"]);
  if (typeof entry["pattern"] === "string") {
    return { kind: "pattern", path, pattern: entry["pattern"], count: Number(entry["count"] ?? 1) };
  }
  if (typeof entry["toml_key"] === "string") return { kind: "toml_key", path, toml_key: entry["toml_key"] };
  if (typeof entry["json_key"] === "string") return { kind: "json_key", path, json_key: entry["json_key"] };
  return { kind: "path", path };
}
var versionFileEntry = pipe(
  union([
    filePath,
    VERSION_FILE_TABLES.path,
    VERSION_FILE_TABLES.pattern,
    VERSION_FILE_TABLES.toml_key,
    VERSION_FILE_TABLES.json_key
  ]),
  description("A path, or a table { path, pattern, count }, { path, toml_key } or { path, json_key }."),
  transform((entry) => toVersionFileSpec(entry))
);
var commitParserSchema = table({
  pattern: describe(
    filledString(),
    "Regular expression matched at the start of the subject (Python (?P<name>...) groups are accepted)."
  ),
  type: describe(filledString(), "Commit type given to matching commits."),
  group: optionalText("Changelog section key or title for matching commits; default: the section of `type`."),
  scope_group: optionalText("Name of the capture group holding the scope."),
  description_group: nonEmpty(
    "description",
    "Name of the capture group holding the description; when the pattern has no such group the whole subject is used."
  ),
  breaking: flag(false, "Every matching commit is a breaking change.")
});
var branchChannelSchema = table({
  match: describe(
    filledString(),
    "Glob over the full branch name: `*` = any characters including `/`, `?` = one character."
  ),
  prerelease: flag(false, "Releases on matching branches are pre-releases with `prerelease_token`."),
  prerelease_token: token("Pre-release token of the channel; required when `prerelease = true`."),
  publish_only: flag(
    false,
    'Snapshot channel: publish `<next>.devN` builds without commit, tag or forge release (needs prerelease_token = "dev").'
  )
});
var gitTable = table({
  remote: nonEmpty("origin", "Remote used for fetch, push and repository detection."),
  sign_tags: flag(false, "Create release tags with `git tag -s`, using the user's git signing setup."),
  sign_commits: flag(false, "Create release commits with `git commit -S`."),
  tag_message: text("Release {tag}", "Annotated tag message; placeholders {project} {version} {tag}.")
});
var versionTable = table({
  tag_prefix: text("v", "Tag = prefix + canonical version; may be empty."),
  initial_version: nonEmpty("0.1.0", "First version when the project declares none."),
  pre_release: token("Pre-release token applied to every release unless a flag or channel decides."),
  major_on_zero: flag(false, "On 0.x, a breaking change bumps major (to 1.0.0) instead of minor."),
  version_files: describe(
    optional(array(versionFileEntry), () => []),
    "Extra files holding the version: paths or { path, pattern | toml_key | json_key } tables."
  ),
  auto_detect_version_files: flag(false, "Find package `__version__` files automatically."),
  update_lock_file: flag(true, "Keep uv.lock, poetry.lock and pdm.lock consistent with the bump.")
});
var commitsTable = table({
  types_major: texts([], "Commit types that force a major bump."),
  types_minor: texts(["feat"], "Commit types that bump minor."),
  types_patch: texts(
    ["fix", "perf"],
    "Commit types that bump patch. A type may appear in one of types_major/minor/patch only."
  ),
  breaking_pattern: text(
    "BREAKING[ -]CHANGE:",
    "Regular expression matched at the start of a body line (case-sensitive); an empty string disables it."
  ),
  scope_regex: optionalText("Commits whose scope does not match this regular expression are excluded."),
  skip_release_patterns: texts(
    ["[skip release]", "[release skip]", "[no release]"],
    "Case-insensitive markers; a commit containing one is excluded."
  ),
  commit_parsers: describe(
    optional(array(commitParserSchema), () => []),
    "Custom parsers tried in order before conventional parsing."
  ),
  use_conventional_fallback: flag(true, "Parse as a conventional commit when no custom parser matches."),
  gitmoji: flag(true, "Recognise Gitmoji-prefixed subjects that are not conventional."),
  release_commit_pattern: text(
    "^chore\\(release\\):",
    "Regular expression for release commit subjects; the rendered release_pr.commit_message must match it."
  ),
  include_merge_commits: flag(false, "Treat merge commits as ordinary commits instead of excluding them."),
  parse_squash_bodies: flag(false, "Split squash-merge bodies into one entry per conventional bullet.")
});
var changelogTable = table({
  enabled: flag(true, "Write the changelog file; release notes are rendered either way."),
  path: nonEmpty("CHANGELOG.md", "Changelog file, relative to the project path."),
  engine: choice(["native", "git-cliff"], "native", "Changelog renderer."),
  cliff_config: optionalText(
    "git-cliff configuration file; default: cliff.toml, else pyproject.toml with [tool.git-cliff]."
  ),
  header: text(DEFAULT_CHANGELOG_HEADER, "Preamble written when the file is created or fully regenerated."),
  section_headers: describe(
    optional(tableOf(string()), () => ({ ...DEFAULT_SECTION_HEADERS })),
    "Section titles by key, merged with the defaults key by key."
  ),
  section_order: texts(
    DEFAULT_SECTION_ORDER,
    "Order of section keys; keys not listed follow in first-seen order."
  ),
  exclude_types: texts([], "Commit types left out of the changelog (they still bump)."),
  include_unconventional: flag(true, "List non-conventional commits under Other."),
  links: flag(true, "Link versions, pull requests and commits when the forge web URL is known."),
  show_authors: flag(false, "Append the author (@login or name) to entries."),
  show_commit_hash: flag(false, "Append the short commit hash to every entry."),
  commit_template: optionalText(
    "Entry text template; placeholders {description} {scope} {type} {author} {login} {hash} {short_hash} {body} {pr} {pr_url} {commit_url} {breaking}."
  ),
  show_first_time_contributors: flag(false, "Mark entries of first-time contributors with the badge."),
  first_contributor_badge: text("\u{1F389} First contribution!", "Badge for first-time contributors."),
  include_dependency_updates: flag(false, "Add a Dependencies section from the lock-file diff."),
  use_github_prs: flag(false, "Resolve the pull request of every commit through the forge API."),
  resolve_usernames: flag(true, "Resolve author logins through the forge API when authors are shown."),
  ignore_authors: texts(
    DEFAULT_IGNORE_AUTHORS,
    "Accounts never credited as authors, contributors or first-timers."
  )
});
var releasePrTable = table({
  branch: nonEmpty("releasio/release", "Head branch of the release pull request."),
  labels: texts(["release"], "Labels applied on creation and re-applied on every refresh."),
  title: text(
    DEFAULT_RELEASE_PR_TITLE,
    "Pull request title; placeholders {project} {version} {tag} {previous_version} {base} {packages}."
  ),
  commit_message: text(
    DEFAULT_RELEASE_PR_TITLE,
    "Release commit message (default: the title); same placeholders; must match commits.release_commit_pattern."
  ),
  draft: flag(false, "Open the pull request as a draft.")
});
var releaseTable = table({
  enabled: flag(true, "Create a GitHub or GitLab release (tags and publishing happen regardless)."),
  name_format: text(
    "{project} {tag}",
    "Release name; placeholders {project} {package} {version} {tag} {previous_version} {previous_tag}."
  ),
  draft: flag(false, "Leave the release as a draft."),
  assets: texts([], "Globs of files to attach, relative to the project path and inside the repository."),
  include_contributors: flag(true, "Contributors section in the release body."),
  include_installation: flag(true, "Installation section in the release body (published packages only)."),
  include_assets: flag(true, "Assets section with names and sha256 in the release body.")
});
var githubTable = table({
  owner: optionalText("Repository owner; overrides the one parsed from the remote."),
  repo: optionalText("Repository name; overrides the one parsed from the remote."),
  api_url: urlOrAuto(
    "REST API base URL, or auto (GITHUB_API_URL, api.github.com, or https://<host>/api/v3)."
  ),
  uploads_url: urlOrAuto("Release asset upload base URL, or auto (derived from the API URL)."),
  server_url: urlOrAuto("Web base URL for links, or auto (GITHUB_SERVER_URL or https://<remote host>).")
});
var gitlabTable = table({
  project: optionalText("Project path (group/subgroup/name); default from the remote or CI_PROJECT_PATH."),
  api_url: urlOrAuto("API v4 base URL, or auto (CI_API_V4_URL or https://<host>/api/v4)."),
  server_url: urlOrAuto("Web base URL, or auto (CI_SERVER_URL or https://<host>).")
});
var publishTable = table({
  enabled: flag(true, "Build and upload during release and do-release."),
  registry: nonEmpty(PYPI_UPLOAD_URL, "Upload endpoint: an https URL, pypi or testpypi."),
  check_url: optionalText(
    "Simple-index URL for existence checks and verification; automatic for PyPI/TestPyPI."
  ),
  repository: optionalText("Section of ~/.pypirc to read a token from."),
  tool: choice(
    ["auto", "uv", "build", "poetry", "pdm", "hatch", "twine"],
    "auto",
    "Build tool; twine (kept from older configurations) builds with python -m build."
  ),
  dist_dir: nonEmpty("dist", "Where distributions are built and read, relative to the project path."),
  trusted_publishing: describe(
    optional(union([boolean(), literal("required")]), true),
    "true: OIDC when the CI offers it, else a token; false: tokens only; required: fail without OIDC."
  ),
  attestations: describe(
    optional(union([literal("auto"), boolean()]), "auto"),
    "PEP 740 attestations: auto, true or false."
  ),
  validate_before_publish: flag(true, "Validate distributions locally before publishing."),
  check_existing_version: flag(
    true,
    "Look at the index before uploading (identical: skip; different: conflict)."
  ),
  skip_existing: flag(false, "Skip, with a warning, files that exist on the index with different content."),
  verify_after_upload: flag(true, "Poll the index until every uploaded file is visible with its sha256."),
  verify_timeout: integer2(300, 1, "Maximum verification time in seconds."),
  retries: integer2(3, 0, "Retries for transient upload and read failures."),
  allow_http_localhost: flag(false, "Permit http:// index and Sigstore URLs on loopback hosts."),
  fulcio_url: nonEmpty("https://fulcio.sigstore.dev", "Sigstore certificate authority for attestations."),
  rekor_url: nonEmpty("https://rekor.sigstore.dev", "Sigstore transparency log for attestations.")
});
var hooksTable = table({
  pre_bump: texts([], "Commands run before any file is written."),
  post_bump: texts([], "Commands run after the files are written, before the release commit."),
  pre_release: texts([], "Commands run before the release tag is created."),
  post_release: texts([], "Commands run after every release step succeeded; a failure is only a warning."),
  build: optionalText("Command that replaces the default build.")
});
var packagesTable = table({
  paths: texts([], "Package directories (globs); empty = uv workspace members when discovery is on."),
  discover_uv_workspace: flag(true, "Use the [tool.uv.workspace] members of the root pyproject.toml."),
  exclude: texts([], "Package names never released."),
  independent: flag(true, "Independent versions and tags per package; false = one shared version and tag."),
  tag_format: text(
    "{package}-v{version}",
    "Per-package tag; placeholders {package} {version}; must contain {version}."
  ),
  internal_dependency_update: choice(
    ["compatible", "exact", "none"],
    "compatible",
    "How requirements on released workspace packages are rewritten."
  )
});
var securityTable = table({
  enabled: flag(false, "Detect security fixes: a Security section and a draft advisory."),
  patterns: texts(
    ["^fix\\(security\\)", "^security(\\(.+\\))?!?:", "CVE-\\d{4}-\\d+"],
    "Case-insensitive regular expressions matched against subject and body."
  ),
  auto_create_advisory: flag(true, "Create a draft GitHub security advisory on release."),
  severity: choice(["low", "medium", "high", "critical"], "medium", "Severity of created advisories.")
});
var checkPrTable = table({
  require_scope: flag(false, "Titles must have a scope."),
  max_length: integer2(100, 1, "Maximum title length."),
  allowed_scopes: texts([], "Allowed scopes; empty = any."),
  extra_types: texts([], "Types accepted in addition to the configured and conventional ones.")
});
var configSchema = describe(
  table({
    default_branch: nonEmpty("main", "Main release branch; base of its release pull request."),
    allow_dirty: flag(false, "Allow --execute on a dirty working tree."),
    forge: choice(
      ["auto", "github", "gitlab", "none"],
      "auto",
      "Forge selection; none disables PRs, releases and links."
    ),
    git: section(gitTable, "Git settings."),
    version: section(versionTable, "Versioning."),
    commits: section(commitsTable, "Commit classification."),
    changelog: section(changelogTable, "The changelog."),
    release_pr: section(releasePrTable, "The release pull request."),
    release: section(releaseTable, "The forge release."),
    github: section(githubTable, "GitHub settings."),
    gitlab: section(gitlabTable, "GitLab settings."),
    publish: section(publishTable, "Building and uploading to a package index."),
    hooks: section(hooksTable, "Commands run around the release; placeholders {version} {tag} etc."),
    packages: section(packagesTable, "Workspaces (monorepos)."),
    branches: describe(
      optional(tableOf(branchChannelSchema), () => ({})),
      "Release channels by name, evaluated in file order; the first match wins."
    ),
    security: section(securityTable, "Security fixes and advisories."),
    check_pr: section(checkPrTable, "Pull request title validation.")
  }),
  "releasio configuration."
);
function deepFreeze(value) {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
var DEFAULT_CONFIG2 = deepFreeze(parse3(configSchema, {}));

// src/core/config/keys.ts
var partsOf = (node) => node;
var WRAPPERS = /* @__PURE__ */ new Set(["optional", "nullable", "nullish", "exact_optional", "undefinedable"]);
var TABLE_TYPES = /* @__PURE__ */ new Set(["strict_object", "object", "loose_object"]);
var isTableNode = (node) => TABLE_TYPES.has(node.type);
var unionOptions = (node) => node.type === "union" ? partsOf(node).options ?? [] : [];
function wrappers(node) {
  const chain = [node];
  for (let current = node; WRAPPERS.has(current.type); ) {
    const { wrapped } = partsOf(current);
    if (wrapped === void 0) break;
    chain.push(wrapped);
    current = wrapped;
  }
  return chain;
}
function unwrap(node) {
  return wrappers(node).at(-1) ?? node;
}
function tableOptions(node) {
  const inner = unwrap(node);
  if (isTableNode(inner)) return [inner];
  return unionOptions(inner).map(unwrap).filter(isTableNode);
}
var SCALAR_TYPES = /* @__PURE__ */ new Set(["string", "boolean", "number", "picklist", "literal"]);
function isScalar(node) {
  const inner = unwrap(node);
  if (inner.type === "union") return unionOptions(inner).every(isScalar);
  return SCALAR_TYPES.has(inner.type);
}
function kindOf(node) {
  const inner = unwrap(node);
  const { type, item } = partsOf(inner);
  if (isTableNode(inner)) return "table";
  if (type === "record") return "map";
  if (type === "array" && item !== void 0) return isScalar(item) ? "list" : "table-list";
  return "scalar";
}
function collect2(table3, prefix, out) {
  for (const [name, declared] of Object.entries(table3.entries)) {
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const node = unwrap(declared);
    out.push({ path, kind: kindOf(declared), node, declared });
    if (isTableNode(node)) collect2(node, path, out);
  }
}
var cachedKeys = null;
function configKeys() {
  if (cachedKeys === null) {
    const out = [];
    collect2(configSchema, "", out);
    cachedKeys = out;
  }
  return cachedKeys;
}
function configKey(path) {
  return configKeys().find((k) => k.path === path) ?? null;
}
function childNode(node, segment) {
  const inner = unwrap(node);
  const { type, item, value } = partsOf(inner);
  if (isTableNode(inner) && typeof segment === "string") {
    return Object.hasOwn(inner.entries, segment) ? inner.entries[segment] ?? null : null;
  }
  if (type === "array" && typeof segment === "number") return item ?? null;
  if (type === "record" && typeof segment === "string") return value ?? null;
  if (type === "union") {
    const withKey = tableOptions(inner).find(
      (o) => typeof segment === "string" && Object.hasOwn(o.entries, segment)
    );
    return withKey ? childNode(withKey, segment) : null;
  }
  return null;
}
function nodeAt(segments, root = configSchema) {
  let node = root;
  for (const segment of segments) {
    if (node === null) return null;
    node = childNode(node, segment);
  }
  return node;
}
var BARE_KEY = /^[A-Za-z0-9_-]+$/;
function formatPath(segments) {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = BARE_KEY.test(segment) ? segment : JSON.stringify(segment);
      out += out === "" ? key : `.${key}`;
    }
  }
  return out;
}
function joinWords(words) {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
function alternatives(node) {
  const inner = unwrap(node);
  const { type, options, literal: literal2 } = partsOf(inner);
  if (type === "boolean") return ["true", "false"];
  if (type === "literal") return [JSON.stringify(literal2)];
  if (type === "picklist") return (options ?? []).map((o) => JSON.stringify(o));
  if (type === "union") return unionOptions(inner).flatMap(alternatives);
  return [describeType(inner)];
}
function describeType(node) {
  const inner = unwrap(node);
  const { type, options, literal: literal2, item, value } = partsOf(inner);
  if (isTableNode(inner)) return "a table";
  switch (type) {
    case "string":
      return "a string";
    case "boolean":
      return "true or false";
    case "number":
      return "an integer";
    case "picklist":
      return `one of ${(options ?? []).join(", ")}`;
    case "literal":
      return JSON.stringify(literal2);
    case "record": {
      if (value === void 0) break;
      return isTableNode(unwrap(value)) ? "a table of tables" : `a table of ${plural(value)}`;
    }
    case "array":
      if (item === void 0) break;
      return `an array of ${plural(item)}`;
    case "union": {
      const members = unionOptions(inner);
      if (!members.some((o) => isTableNode(unwrap(o)))) return joinWords(alternatives(inner));
      const kinds = [...new Set(members.map((o) => isTableNode(unwrap(o)) ? "a table" : describeType(o)))];
      return joinWords(kinds);
    }
  }
  return "a valid value";
}
function plural(node) {
  const inner = unwrap(node);
  if (inner.type === "string") return "strings";
  if (isTableNode(inner)) return "tables";
  if (inner.type === "union") {
    const kinds = new Set(unionOptions(inner).map(plural));
    return joinWords([...kinds]).replace(/ or /, " and ");
  }
  return `values (${describeType(inner)})`;
}
function envNameOf(path) {
  return `RELEASIO_${path.toUpperCase().replaceAll(".", "_")}`;
}

// src/core/config/findings.ts
var MAX_VALUE_LENGTH = 80;
function formatValue(value) {
  if (value === void 0) return "nothing";
  if (value instanceof Date) return value.toISOString();
  const text3 = JSON.stringify(value) ?? String(value);
  return text3.length > MAX_VALUE_LENGTH ? `${text3.slice(0, MAX_VALUE_LENGTH - 1)}\u2026` : text3;
}
function keyWithSameName(name) {
  const matches = configKeys().filter((k) => k.path.split(".").pop() === name);
  return matches.length === 1 ? matches[0].path : null;
}
function unknownKeyFinding(parent, name, parentNode, value) {
  const siblings = parentNode === null ? [] : keysOf(parentNode);
  const candidates = siblings.map((k) => formatPath([...parent, k]));
  const full = formatPath([...parent, name]);
  const suggestion = didYouMean(full, candidates) ?? keyWithSameName(name);
  const hint = suggestion !== null ? `did you mean '${suggestion}'?` : siblings.length > 0 ? `valid keys here: ${siblings.join(", ")}` : null;
  return { code: "E_CONFIG_UNKNOWN_KEY", segments: [...parent, name], problem: "", value, hint };
}
function keysOf(node) {
  return [...new Set(tableOptions(node).flatMap((o) => Object.keys(o.entries)))];
}
function toSegments(path) {
  return (path ?? []).map((item) => item.key).filter((key) => typeof key === "string" || typeof key === "number");
}
var BOUNDS = {
  min_length: "least",
  max_length: "most",
  min_value: "least",
  max_value: "most"
};
function rangeProblem(issue, word) {
  const bound = String(issue.requirement);
  if (typeof issue.input === "string") {
    if (word === "least" && issue.requirement === 1) return "must not be empty";
    return `must be at ${word} ${bound} characters long`;
  }
  if (Array.isArray(issue.input) && word === "least") return `must have at least ${bound} items`;
  return `must be at ${word} ${bound}`;
}
var CHOICE_TYPES = /* @__PURE__ */ new Set(["union", "picklist", "literal"]);
function isUnknownKey(issue) {
  return issue.kind === "schema" && issue.expected === "never" && issue.path?.at(-1)?.origin === "key";
}
function unknownKeyFindings(issue, root, raw2, prefix) {
  const parent = toSegments(issue.path).slice(0, -1);
  const node = nodeAt(parent, root);
  const known = new Set(node === null ? [] : keysOf(node));
  const table3 = getPath(raw2, parent);
  const written = table3 !== null && typeof table3 === "object" ? Object.keys(table3) : [];
  return written.filter((name) => !known.has(name)).map((name) => unknownKeyFinding([...prefix, ...parent], name, node, getPath(raw2, [...parent, name])));
}
function issueFindings(issues, root, raw2, prefix) {
  const findings = [];
  const mistyped = /* @__PURE__ */ new Set();
  for (const issue of issues) {
    if (isUnknownKey(issue)) {
      findings.push(...unknownKeyFindings(issue, root, raw2, prefix));
      continue;
    }
    const path = toSegments(issue.path);
    const key = formatPath(path);
    if (mistyped.has(key)) continue;
    const node = nodeAt(path, root);
    const value = getPath(raw2, path);
    const expected = node === null ? "a valid value" : describeType(node);
    const bound = BOUNDS[issue.type];
    let problem = issue.message;
    if (issue.kind === "schema" || issue.type === "integer") {
      mistyped.add(key);
      const required = value === void 0 && !CHOICE_TYPES.has(issue.type);
      problem = required ? `is required (${expected})` : `must be ${expected}`;
    } else if (bound !== void 0) {
      problem = rangeProblem(issue, bound);
    }
    findings.push({ code: "E_CONFIG_INVALID", segments: [...prefix, ...path], problem, value, hint: null });
  }
  return findings;
}
function envVariableFor(key, origins) {
  for (let candidate = key; candidate !== ""; ) {
    const origin = Object.hasOwn(origins, candidate) ? origins[candidate] : void 0;
    if (origin?.startsWith("env:")) return origin.slice("env:".length);
    const cut = Math.max(candidate.lastIndexOf("."), candidate.lastIndexOf("["));
    candidate = cut < 0 ? "" : candidate.slice(0, cut);
  }
  return null;
}
function envValue(value) {
  return typeof value === "string" ? value : formatValue(value);
}
function wordFinding(finding, source) {
  const key = formatPath(finding.segments);
  const variable = envVariableFor(key, source.origins);
  const label = variable === null ? source.file : `environment variable ${variable}`;
  const make = (code, message) => ({ code, key, message, hint: finding.hint });
  switch (finding.code) {
    case "E_CONFIG_UNKNOWN_KEY":
      return make(finding.code, `${source.file}: unknown key '${key}'`);
    case "E_CONFIG_REMOVED_KEY":
      return make(finding.code, `${source.file}: '${key}' is no longer supported`);
    case "E_INSECURE_URL":
      return make(
        finding.code,
        `${variable ?? `${source.file}: ${key}`}: '${String(finding.value)}' ${finding.problem}`
      );
    case "E_CONFIG_INVALID":
      if (variable !== null) {
        const what = key === keyOfVariable(variable) ? "" : `'${key}' `;
        return make("E_CONFIG_ENV", `${label}: ${what}${finding.problem}; got '${envValue(finding.value)}'`);
      }
      return make(finding.code, `${label}: '${key}' ${finding.problem}; got ${formatValue(finding.value)}`);
  }
}
function keyOfVariable(variable) {
  return configKeys().find((k) => envNameOf(k.path) === variable)?.path ?? null;
}

// src/core/config/legacy-keys.ts
var DEPRECATED_ALIASES = [
  { alias: "github.release_pr_branch", target: "release_pr.branch" },
  { alias: "github.release_pr_labels", target: "release_pr.labels" },
  { alias: "github.draft_releases", target: "release.draft" },
  { alias: "github.release_name_format", target: "release.name_format" },
  { alias: "github.release_assets", target: "release.assets" },
  { alias: "github.release_body_include_contributors", target: "release.include_contributors" },
  { alias: "github.release_body_include_installation", target: "release.include_installation" },
  { alias: "github.release_body_include_assets", target: "release.include_assets" },
  { alias: "github.release_body_resolve_usernames", target: "changelog.resolve_usernames" },
  { alias: "security.security_patterns", target: "security.patterns" }
];
var BREAKING_INDICATOR = {
  key: "breaking_indicator",
  target: "breaking",
  description: "Deprecated: any non-empty string means breaking = true; use breaking = true."
};
var RELEASE_NOTES_HINT = "release notes are the changelog entry; use 'changelog.show_authors' or 'changelog.section_headers' instead";
var CHANGELOG_ENGINE_HINT = `use 'changelog.engine' ("native" or "git-cliff") and 'changelog.cliff_config' instead`;
var REMOVED_KEYS = [
  { path: "github.release_body_show_authors", hint: RELEASE_NOTES_HINT },
  { path: "github.release_body_use_emojis", hint: RELEASE_NOTES_HINT },
  { path: "github.release_body_use_commit_changelog", hint: RELEASE_NOTES_HINT },
  { path: "changelog.native_fallback", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.template", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.generate_cliff_config", hint: CHANGELOG_ENGINE_HINT },
  { path: "changelog.cliff_body_template", hint: CHANGELOG_ENGINE_HINT }
];

// src/core/config/env.ts
var NON_CONFIG_ENV = ["RELEASIO_CONFIG", "RELEASIO_OFFLINE", "RELEASIO_DEBUG"];
var HOOK_ENV = [
  "RELEASIO_VERSION",
  "RELEASIO_TAG",
  "RELEASIO_PREVIOUS_VERSION",
  "RELEASIO_PREVIOUS_TAG",
  "RELEASIO_PROJECT_PATH",
  "RELEASIO_BRANCH",
  "RELEASIO_PACKAGE",
  "RELEASIO_HOOK",
  "RELEASIO_DIST_DIR"
];
var PREFIX2 = "RELEASIO_";
function overridableKeys() {
  return configKeys().filter((k) => k.kind === "scalar" || k.kind === "list");
}
var BOOLEAN_SPELLINGS = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  yes: true,
  no: false
};
function envFlag(value) {
  return value !== void 0 && BOOLEAN_SPELLINGS[value.trim().toLowerCase()] === true;
}
function acceptsBoolean(node) {
  const inner = unwrap(node);
  if (inner.type === "boolean") return true;
  return unionOptions(inner).some(acceptsBoolean);
}
function toList(text3) {
  if (text3.trimStart().startsWith("[")) {
    try {
      const parsed = JSON.parse(text3);
      if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed;
    } catch {
    }
  }
  return text3.split(",").map((item) => item.trim()).filter((item) => item !== "");
}
function convert(key, text3) {
  const node = key.node;
  if (node.type === "array") return { value: toList(text3) };
  const spelled = BOOLEAN_SPELLINGS[text3.trim().toLowerCase()];
  if (node.type === "boolean") {
    return spelled === void 0 ? { problem: "must be true or false (also 1/0, yes/no)" } : { value: spelled };
  }
  if (node.type === "number") {
    return /^\s*[+-]?\d+\s*$/.test(text3) ? { value: Number(text3) } : { problem: "must be an integer" };
  }
  if (acceptsBoolean(node) && spelled !== void 0) return { value: spelled };
  return { value: text3 };
}
function unknownVariableWarning(name, known) {
  const alias = DEPRECATED_ALIASES.find((a) => envNameOf(a.alias) === name);
  const suggestion = alias !== void 0 ? envNameOf(alias.target) : didYouMean(name, known);
  const tail = suggestion === null ? "" : `; did you mean ${suggestion}?`;
  return { code: "W_UNKNOWN_ENV", message: `unknown environment variable ${name} is ignored${tail}` };
}
function applyEnvOverrides(raw2, env) {
  const byName = new Map(overridableKeys().map((k) => [envNameOf(k.path), k]));
  const ignored = /* @__PURE__ */ new Set([...NON_CONFIG_ENV, ...HOOK_ENV]);
  const known = [...byName.keys(), ...NON_CONFIG_ENV];
  const doc = isTable(raw2) ? cloneTree(raw2) : {};
  const origins = {};
  const warnings = [];
  const problems = [];
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(PREFIX2) || ignored.has(name)) continue;
    const text3 = env[name];
    const key = byName.get(name);
    if (key === void 0) {
      warnings.push(unknownVariableWarning(name, known));
      continue;
    }
    if (text3 === void 0 || text3.trim() === "") continue;
    const fail = (problem) => {
      const message = `environment variable ${name}: ${problem}; got '${text3}'`;
      problems.push({ code: "E_CONFIG_ENV", key: key.path, message, hint: null });
    };
    const converted = convert(key, text3);
    if ("problem" in converted) {
      fail(converted.problem);
      continue;
    }
    const checked = safeParse(key.declared, converted.value);
    if (!checked.success) {
      const [first] = issueFindings(checked.issues, key.declared, converted.value, []);
      fail(first?.problem ?? "is not a valid value");
      continue;
    }
    if (setPath(doc, splitDotted(key.path), converted.value)) origins[key.path] = `env:${name}`;
  }
  if (problems.length > 0) {
    const first = problems[0];
    throw new ReleasioError("E_CONFIG_ENV", first.message, { details: { problems } });
  }
  return { raw: doc, origins, warnings };
}

// src/core/config/rules.ts
function regexProblem(pattern, flags = "") {
  try {
    compileRegex(pattern, flags);
    return null;
  } catch (error) {
    if (error instanceof RegexTranslationError) {
      return `is not a supported regular expression: ${error.message} at position ${error.position}`;
    }
    const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "") : "";
    return `is not a valid regular expression: ${detail}`;
  }
}
var regex = (flags = "") => (value) => {
  if (typeof value !== "string") return [];
  const problem = regexProblem(value, flags);
  return problem === null ? [] : [{ problem }];
};
var TEMPLATE_PLACEHOLDERS = {
  "git.tag_message": ["project", "version", "tag"],
  "release_pr.title": ["project", "version", "tag", "previous_version", "base", "packages"],
  "release_pr.commit_message": ["project", "version", "tag", "previous_version", "base", "packages"],
  "release.name_format": ["project", "package", "version", "tag", "previous_version", "previous_tag"],
  "changelog.commit_template": [
    "description",
    "scope",
    "type",
    "author",
    "login",
    "hash",
    "short_hash",
    "body",
    "pr",
    "pr_url",
    "commit_url",
    "breaking"
  ],
  "packages.tag_format": ["package", "version"]
};
var template = (key) => (value) => {
  if (typeof value !== "string") return [];
  const allowed = TEMPLATE_PLACEHOLDERS[key] ?? [];
  const unknown = unknownPlaceholders(value, allowed);
  if (unknown.length === 0) return [];
  const names = unknown.map((n) => `{${n}}`).join(", ");
  const noun = unknown.length === 1 ? "placeholder" : "placeholders";
  return [
    {
      problem: `uses unknown ${noun} ${names} (allowed: ${allowed.map((n) => `{${n}}`).join(" ")})`,
      hint: "write {{ and }} for literal braces"
    }
  ];
};
var all = (...rules) => (value, context) => rules.flatMap((rule) => rule(value, context));
var commitTemplateShape = (value) => typeof value === "string" && value.startsWith("- ") ? [{ problem: "must not start with '- ' (the list marker is added by the changelog)" }] : [];
var tagFormatShape = (value) => {
  if (typeof value !== "string") return [];
  const count = value.split("{version}").length - 1;
  return count === 1 ? [] : [{ problem: `must contain {version} exactly once (found ${count})` }];
};
var version = (value) => {
  if (typeof value !== "string") return [];
  const parsed = tryParseVersion(value);
  const hint = "use PEP 440, e.g. 0.1.0, 1.0.0, 1.0.0b1";
  if (parsed === null) return [{ problem: "is not a valid PEP 440 version", hint }];
  if (parsed.release.length < 3) {
    return [
      { problem: "must have at least three release components (e.g. 1.0.0) to form a release tag", hint }
    ];
  }
  if (parsed.local !== null) return [{ problem: "must not have a local version label (+...)", hint }];
  return [];
};
var LOOPBACK_HOSTS = /* @__PURE__ */ new Set(["localhost", "[::1]", "::1"]);
function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}
var INSECURE_INDEX_PROBLEM = "must use https (http is only allowed for localhost with publish.allow_http_localhost)";
var url = ({ keywords, index }) => (value, context) => {
  if (typeof value !== "string" || keywords.includes(value)) return [];
  const expected = keywords.length > 0 ? `an https URL or one of ${keywords.join(", ")}` : "an https URL";
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    return [{ problem: `must be ${expected}` }];
  }
  if (parsed.protocol === "https:" && parsed.hostname !== "") return [];
  if (parsed.protocol !== "http:" || parsed.hostname === "") return [{ problem: `must be ${expected}` }];
  const loopback = isLoopbackHost(parsed.hostname);
  if (!index) {
    return loopback ? [] : [{ problem: "must use https (http is only allowed for loopback hosts)" }];
  }
  if (loopback && context.allowHttpLocalhost) return [];
  return [{ problem: INSECURE_INDEX_PROBLEM, code: "E_INSECURE_URL" }];
};
function pathProblem(path) {
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return "must be a relative path";
  let depth = 0;
  for (const segment of path.split(/[/\\]+/)) {
    if (segment === "..") depth--;
    else if (segment !== "" && segment !== ".") depth++;
    if (depth < 0) return "must stay inside the repository (it climbs out with '..')";
  }
  return null;
}
var relativePath = (value) => {
  if (typeof value !== "string") return [];
  const problem = pathProblem(value);
  return problem === null ? [] : [{ problem }];
};
var eachOf = (rule) => (value, context) => Array.isArray(value) ? value.flatMap((item, i) => rule(item, context).map((f) => ({ ...f, at: [i, ...f.at ?? []] }))) : [];
var KEY_RULES = {
  "git.tag_message": template("git.tag_message"),
  "version.initial_version": version,
  "commits.breaking_pattern": regex(),
  "commits.scope_regex": regex(),
  "commits.release_commit_pattern": regex(),
  "changelog.path": relativePath,
  "changelog.cliff_config": relativePath,
  "changelog.commit_template": all(commitTemplateShape, template("changelog.commit_template")),
  "release_pr.title": template("release_pr.title"),
  "release_pr.commit_message": template("release_pr.commit_message"),
  "release.name_format": template("release.name_format"),
  "release.assets": eachOf(relativePath),
  "github.api_url": url({ keywords: ["auto"], index: false }),
  "github.uploads_url": url({ keywords: ["auto"], index: false }),
  "github.server_url": url({ keywords: ["auto"], index: false }),
  "gitlab.api_url": url({ keywords: ["auto"], index: false }),
  "gitlab.server_url": url({ keywords: ["auto"], index: false }),
  "publish.registry": url({ keywords: ["pypi", "testpypi"], index: true }),
  "publish.check_url": url({ keywords: [], index: true }),
  "publish.fulcio_url": url({ keywords: [], index: true }),
  "publish.rekor_url": url({ keywords: [], index: true }),
  "publish.dist_dir": relativePath,
  "packages.paths": eachOf(relativePath),
  "packages.tag_format": all(tagFormatShape, template("packages.tag_format")),
  "security.patterns": eachOf(regex("i"))
};

// src/core/config/cross-checks.ts
var invalid = (segments, problem, value, hint) => ({
  code: "E_CONFIG_INVALID",
  segments,
  problem,
  value,
  hint: hint ?? null
});
function effectiveValue(doc, key) {
  const segments = splitDotted(key);
  return hasPath(doc, segments) ? getPath(doc, segments) : getPath(DEFAULT_CONFIG2, segments);
}
function commitParserFindings(doc) {
  const parsers = getPath(doc, ["commits", "commit_parsers"]);
  if (!Array.isArray(parsers)) return [];
  return parsers.flatMap((entry, i) => {
    if (!isTable(entry) || typeof entry["pattern"] !== "string") return [];
    const at = ["commits", "commit_parsers", i];
    const pattern = entry["pattern"];
    const problem = regexProblem(pattern);
    if (problem !== null) return [invalid([...at, "pattern"], problem, pattern)];
    const scopeGroup = entry["scope_group"];
    if (typeof scopeGroup === "string" && !translatePythonRegex(pattern).source.includes(`(?<${scopeGroup}>`)) {
      const hint = `add a group (?P<${scopeGroup}>...) to the pattern`;
      return [
        invalid([...at, "scope_group"], "names a group that the pattern does not define", scopeGroup, hint)
      ];
    }
    return [];
  });
}
function versionFilePathFindings(doc) {
  const entries = getPath(doc, ["version", "version_files"]);
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry, i) => {
    const at = isTable(entry) ? ["version", "version_files", i, "path"] : ["version", "version_files", i];
    const path = isTable(entry) ? entry["path"] : entry;
    if (typeof path !== "string") return [];
    const problem = pathProblem(path);
    return problem === null ? [] : [invalid(at, problem, path)];
  });
}
function channelFindings(doc) {
  const branches = getPath(doc, ["branches"]);
  if (!isTable(branches)) return [];
  return Object.entries(branches).flatMap(([name, channel]) => {
    if (!isTable(channel)) return [];
    const token2 = channel["prerelease_token"];
    const at = ["branches", name, "prerelease_token"];
    const tokens = PRERELEASE_TOKENS.join(", ");
    if (token2 !== void 0 && token2 !== null && !PRERELEASE_TOKENS.includes(token2)) return [];
    const findings = [];
    if (channel["prerelease"] === true && (token2 === void 0 || token2 === null)) {
      findings.push(invalid(at, `is required when prerelease = true (one of ${tokens})`, token2));
    }
    if (channel["publish_only"] === true && token2 !== "dev") {
      findings.push(
        invalid(at, 'must be "dev" when publish_only = true (snapshot releases are .devN)', token2)
      );
    }
    return findings;
  });
}
var TYPE_LISTS = ["types_major", "types_minor", "types_patch"];
function writtenTypeLists(doc) {
  return TYPE_LISTS.filter((list) => Array.isArray(getPath(doc, ["commits", list])));
}
function typeListFindings(doc) {
  const written = writtenTypeLists(doc);
  const findings = [];
  written.forEach((later, j) => {
    const laterTypes = getPath(doc, ["commits", later]);
    for (const earlier of written.slice(0, j)) {
      const earlierTypes = getPath(doc, ["commits", earlier]);
      const shared = [
        ...new Set(laterTypes.filter((t) => typeof t === "string" && earlierTypes.includes(t)))
      ];
      if (shared.length > 0) {
        findings.push(
          invalid(
            ["commits", later],
            `repeats ${shared.join(", ")}, which commits.${earlier} also lists (a type bumps in one way only)`,
            laterTypes
          )
        );
      }
    }
  });
  return findings;
}
var SAMPLE_VALUES = {
  project: "demo",
  version: "1.2.0",
  tag: "v1.2.0",
  previous_version: "1.1.0",
  base: "main",
  packages: "demo"
};
function releaseCommitFindings(doc) {
  const messageKey = ["release_pr.commit_message", "release_pr.title"].find(
    (k) => hasPath(doc, splitDotted(k))
  );
  const patternWritten = hasPath(doc, ["commits", "release_commit_pattern"]);
  if (messageKey === void 0 && !patternWritten) return [];
  const message = effectiveValue(doc, messageKey ?? "release_pr.commit_message");
  const pattern = effectiveValue(doc, "commits.release_commit_pattern");
  if (typeof message !== "string" || typeof pattern !== "string") return [];
  const allowed = TEMPLATE_PLACEHOLDERS["release_pr.commit_message"] ?? [];
  if (unknownPlaceholders(message, allowed).length > 0 || regexProblem(pattern) !== null) return [];
  const subject = renderTemplate(message, SAMPLE_VALUES).split("\n")[0] ?? "";
  if (compileRegex(pattern).test(subject)) return [];
  const hint = "release commits must be recognisable so that they never count as changes; align the two settings";
  if (messageKey === void 0) {
    return [
      invalid(
        ["commits", "release_commit_pattern"],
        `does not match the release commit subject '${subject}' rendered from release_pr.commit_message`,
        pattern,
        hint
      )
    ];
  }
  return [
    invalid(
      splitDotted(messageKey),
      `renders as '${subject}', which commits.release_commit_pattern (${pattern}) does not match`,
      message,
      hint
    )
  ];
}
function crossFindings(doc) {
  return [
    ...commitParserFindings(doc),
    ...versionFilePathFindings(doc),
    ...channelFindings(doc),
    ...typeListFindings(doc),
    ...releaseCommitFindings(doc)
  ];
}

// src/core/config/validate.ts
var deprecated = (file, key, replacement) => ({
  code: "W_CONFIG_DEPRECATED_KEY",
  message: `${file}: '${key}' is deprecated; use '${replacement}'`
});
function removedKeyFindings(doc) {
  const findings = [];
  for (const removed of REMOVED_KEYS) {
    const segments = splitDotted(removed.path);
    if (!hasPath(doc, segments)) continue;
    findings.push({
      code: "E_CONFIG_REMOVED_KEY",
      segments,
      problem: "",
      value: getPath(doc, segments),
      hint: removed.hint
    });
    deletePath(doc, segments);
  }
  return findings;
}
function foldAliases(doc, file) {
  const folded = { findings: [], warnings: [], writtenAs: /* @__PURE__ */ new Map() };
  for (const { alias, target } of DEPRECATED_ALIASES) {
    const aliasPath = splitDotted(alias);
    const targetPath = splitDotted(target);
    if (!hasPath(doc, aliasPath)) continue;
    const value = getPath(doc, aliasPath);
    deletePath(doc, aliasPath);
    if (hasPath(doc, targetPath)) {
      folded.findings.push({
        code: "E_CONFIG_INVALID",
        segments: aliasPath,
        problem: `is a deprecated alias of '${target}', which is also set`,
        value,
        hint: `keep only '${target}'`
      });
      continue;
    }
    const declared = configKey(target)?.declared;
    const check3 = declared === void 0 ? void 0 : safeParse(declared, value);
    if (declared !== void 0 && check3 !== void 0 && !check3.success) {
      folded.findings.push(...issueFindings(check3.issues, declared, value, aliasPath));
      continue;
    }
    if (setPath(doc, targetPath, value)) {
      folded.writtenAs.set(target, alias);
      folded.warnings.push(deprecated(file, alias, target));
    }
  }
  foldBreakingIndicators(doc, file, folded);
  return folded;
}
function foldBreakingIndicators(doc, file, folded) {
  const parsers = getPath(doc, ["commits", "commit_parsers"]);
  if (!Array.isArray(parsers)) return;
  parsers.forEach((entry, i) => {
    if (!isTable(entry) || !Object.hasOwn(entry, BREAKING_INDICATOR.key)) return;
    const segments = ["commits", "commit_parsers", i, BREAKING_INDICATOR.key];
    const value = entry[BREAKING_INDICATOR.key];
    delete entry[BREAKING_INDICATOR.key];
    const fail = (problem, hint) => {
      folded.findings.push({ code: "E_CONFIG_INVALID", segments, problem, value, hint });
    };
    if (typeof value !== "string") fail("must be a string", null);
    else if (Object.hasOwn(entry, BREAKING_INDICATOR.target)) {
      fail("is a deprecated alias of 'breaking', which is also set", "keep only 'breaking'");
    } else {
      entry[BREAKING_INDICATOR.target] = value.trim() !== "";
      folded.warnings.push(deprecated(file, formatPath(segments), "breaking = true"));
    }
  });
}
var ENTRY_KINDS = ["pattern", "toml_key", "json_key"];
function versionFileEntryFindings(doc) {
  const findings = [];
  const handled = /* @__PURE__ */ new Set();
  const entries = getPath(doc, ["version", "version_files"]);
  if (!Array.isArray(entries)) return { findings, handled };
  entries.forEach((entry, i) => {
    if (!isTable(entry)) return;
    handled.add(i);
    const prefix = ["version", "version_files", i];
    const present = ENTRY_KINDS.filter((k) => Object.hasOwn(entry, k));
    const kind = present[0] ?? (Object.hasOwn(entry, "count") ? "pattern" : "path");
    const checked = { ...entry };
    for (const extra of present.slice(1)) {
      delete checked[extra];
      findings.push({
        code: "E_CONFIG_INVALID",
        segments: [...prefix, extra],
        problem: `cannot be combined with '${kind}' (an entry has one of pattern, toml_key or json_key)`,
        value: entry[extra],
        hint: "split it into two entries"
      });
    }
    const table3 = VERSION_FILE_TABLES[kind];
    const result = safeParse(table3, checked);
    if (result.success) return;
    for (const finding of issueFindings(result.issues, table3, checked, prefix)) {
      const name = finding.segments[finding.segments.length - 1];
      if (finding.code !== "E_CONFIG_UNKNOWN_KEY" || typeof name !== "string") findings.push(finding);
      else if (name === "count") {
        findings.push({ ...finding, code: "E_CONFIG_INVALID", problem: "only applies to pattern entries" });
      } else {
        findings.push(unknownKeyFinding(prefix, name, versionFileEntry, finding.value));
      }
    }
  });
  return { findings, handled };
}
function startsWith(segments, prefix) {
  return prefix.every((p, i) => segments[i] === p);
}
function schemaFindings(doc, handledEntries) {
  const result = safeParse(configSchema, doc);
  if (result.success) return [];
  const handled = [...handledEntries].map((i) => ["version", "version_files", i]);
  return issueFindings(result.issues, configSchema, doc, []).filter(
    (f) => !handled.some((prefix) => startsWith(f.segments, prefix))
  );
}
function keyRuleFindings(doc) {
  const context = { allowHttpLocalhost: effectiveValue(doc, "publish.allow_http_localhost") === true };
  const findings = [];
  for (const [key, rule] of Object.entries(KEY_RULES)) {
    const segments = splitDotted(key);
    if (!hasPath(doc, segments)) continue;
    const value = getPath(doc, segments);
    for (const found of rule(value, context)) {
      const at = [...segments, ...found.at ?? []];
      findings.push({
        code: found.code ?? "E_CONFIG_INVALID",
        segments: at,
        problem: found.problem,
        value: getPath(doc, at),
        hint: found.hint ?? null
      });
    }
  }
  return findings;
}
function byDocumentOrder(raw2, problems) {
  const rank = new Map(documentPaths(raw2, formatPath).map((p, i) => [p, i]));
  const rankOf = (key) => {
    for (let k = key; k !== ""; ) {
      const found = rank.get(k);
      if (found !== void 0) return found;
      const cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
      k = cut < 0 ? "" : k.slice(0, cut);
    }
    return Number.POSITIVE_INFINITY;
  };
  return problems.map((p, i) => ({ p, i, r: rankOf(p.key) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.p);
}
function renameToWritten(finding, writtenAs) {
  const key = formatPath(finding.segments);
  for (const [target, alias] of writtenAs) {
    if (key === target || key.startsWith(`${target}[`)) {
      return {
        ...finding,
        segments: [...splitDotted(alias), ...finding.segments.slice(splitDotted(target).length)]
      };
    }
  }
  return finding;
}
function normalizeTypeLists(config, doc) {
  const written = writtenTypeLists(doc);
  if (written.length === 0) return;
  const claimed = new Set(written.flatMap((list) => config.commits[list]));
  for (const list of ["types_major", "types_minor", "types_patch"]) {
    if (!written.includes(list)) config.commits[list] = config.commits[list].filter((t) => !claimed.has(t));
  }
}
function normalize(config, doc, file, warnings) {
  config.changelog.section_headers = { ...DEFAULT_SECTION_HEADERS, ...config.changelog.section_headers };
  normalizeTypeLists(config, doc);
  if (!hasPath(doc, ["release_pr", "commit_message"]))
    config.release_pr.commit_message = config.release_pr.title;
  if (config.publish.tool === "twine") {
    warnings.push({
      code: "W_CONFIG_DEPRECATED_KEY",
      message: `${file}: 'publish.tool' = "twine" is deprecated: dists are built with python -m build and uploaded natively; use "build"`
    });
  }
  return config;
}
function validateConfig(raw2, file, options = {}) {
  const source = { file, origins: options.origins ?? {} };
  if (!isTable(raw2)) {
    const message = `${file}: the configuration must be a table of settings; got ${formatValue(raw2)}`;
    const problem = { code: "E_CONFIG_INVALID", key: "", message, hint: null };
    throw new ReleasioError(problem.code, message, { details: { file, problems: [problem] } });
  }
  const doc = cloneTree(raw2);
  const removed = removedKeyFindings(doc);
  const folded = foldAliases(doc, file);
  const entries = versionFileEntryFindings(doc);
  const findings = [
    ...removed,
    ...folded.findings,
    ...entries.findings,
    ...[...schemaFindings(doc, entries.handled), ...keyRuleFindings(doc), ...crossFindings(doc)].map(
      (f) => renameToWritten(f, folded.writtenAs)
    )
  ];
  if (findings.length > 0) {
    const problems = byDocumentOrder(
      raw2,
      findings.map((f) => wordFinding(f, source))
    );
    const first = problems[0];
    throw new ReleasioError(first.code, first.message, { hint: first.hint, details: { file, problems } });
  }
  const warnings = [...folded.warnings];
  const config = normalize(parse3(configSchema, doc), doc, file, warnings);
  return { config, warnings };
}

// src/core/config/written-keys.ts
function writtenKeys(raw2) {
  const keys = configKeys().filter((k) => k.kind !== "table" && hasPath(raw2, splitDotted(k.path))).map((k) => k.path);
  for (const { alias, target } of DEPRECATED_ALIASES) {
    if (hasPath(raw2, splitDotted(alias)) && !keys.includes(target)) keys.push(target);
  }
  return keys;
}
function fileOrigins(raw2, label) {
  return Object.fromEntries(writtenKeys(raw2).map((key) => [key, `file:${label}`]));
}

// src/adapters/fs/config-files.ts
var CANDIDATES = [".releasio.toml", "releasio.toml", "pyproject.toml"];
var NO_FILE_LABEL = "(built-in defaults)";
function isInside(root, path) {
  const rel = relative(root, path);
  return rel === "" || !rel.startsWith("..") && !isAbsolute(rel);
}
function labelOf(path, repoRoot) {
  if (!isInside(repoRoot, path)) return path;
  return relative(repoRoot, path).split(sep).join("/");
}
async function readText(path) {
  try {
    const text3 = await readFile(path, "utf8");
    return text3.startsWith("\uFEFF") ? text3.slice(1) : text3;
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
    throw new ReleasioError("E_CONFIG_TOML", `cannot read ${path}: ${error.message}`, {
      cause: error
    });
  }
}
function parseToml(text3, label) {
  try {
    return parse(text3);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const detail = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
    throw new ReleasioError(
      "E_CONFIG_TOML",
      `invalid TOML in ${label} at line ${error.line}, column ${error.column}: ${detail}`,
      { details: { file: label, line: error.line, column: error.column }, cause: error }
    );
  }
}
function releasioTable(doc) {
  const tool = doc["tool"];
  if (tool === null || typeof tool !== "object" || Array.isArray(tool)) return void 0;
  return Object.hasOwn(tool, "releasio") ? tool["releasio"] : void 0;
}
async function readConfigFile(path, label) {
  const text3 = await readText(path);
  if (text3 === null) return null;
  const doc = parseToml(text3, label);
  if (basename(path) !== "pyproject.toml") return { path, label, raw: doc };
  const table3 = releasioTable(doc);
  return { path, label, raw: table3 === void 0 ? {} : table3 };
}
async function realOrResolved(path) {
  try {
    return await realpath(path);
  } catch {
    return resolve2(path);
  }
}
async function discover(cwd, repoRoot) {
  const root = await realOrResolved(repoRoot);
  let dir = await realOrResolved(cwd);
  const bounded = isInside(root, dir);
  for (; ; ) {
    for (const name of CANDIDATES) {
      const path = join4(dir, name);
      if (name !== "pyproject.toml") {
        const found = await readConfigFile(path, labelOf(path, root));
        if (found !== null) return found;
        continue;
      }
      const text3 = await readText(path);
      if (text3 === null) continue;
      const table3 = releasioTable(parseToml(text3, labelOf(path, root)));
      if (table3 !== void 0) return { path, label: labelOf(path, root), raw: table3 };
    }
    const parent = dirname3(dir);
    if (!bounded || dir === root || parent === dir) return null;
    dir = parent;
  }
}
async function explicitFile(configFile2, options, root) {
  const fromEnv = options.env["RELEASIO_CONFIG"];
  const chosen = configFile2 ?? (fromEnv !== void 0 && fromEnv.trim() !== "" ? fromEnv : null);
  if (chosen === null) return null;
  const path = resolve2(options.cwd, chosen);
  const found = await readConfigFile(path, labelOf(path, root));
  if (found !== null) return found;
  if (configFile2 === void 0 || configFile2 === null) {
    throw new ReleasioError(
      "E_CONFIG_ENV",
      `environment variable RELEASIO_CONFIG: file not found; got '${chosen}'`
    );
  }
  throw new ReleasioError("E_USAGE", `--config ${chosen}: file not found (${path})`, {
    hint: "pass an existing .releasio.toml, releasio.toml or pyproject.toml"
  });
}
async function loadConfig(options) {
  const root = await realOrResolved(options.repoRoot);
  const found = await explicitFile(options.configFile, options, root) ?? await discover(options.cwd, options.repoRoot);
  const label = found?.label ?? NO_FILE_LABEL;
  const raw2 = found?.raw ?? {};
  if (raw2 === null || typeof raw2 !== "object" || Array.isArray(raw2)) validateConfig(raw2, label);
  const table3 = raw2;
  const env = applyEnvOverrides(table3, options.env);
  const origins = { ...fileOrigins(table3, label), ...env.origins };
  const validated = validateConfig(env.raw, label, { origins });
  return {
    config: validated.config,
    file: found?.label ?? null,
    origins,
    warnings: [...env.warnings, ...validated.warnings]
  };
}

// src/adapters/fs/file-reader.ts
import { existsSync as existsSync2, readFileSync as readFileSync3, statSync as statSync2 } from "fs";
import { dirname as dirname4, join as join5, relative as relative2, sep as sep2 } from "path";
function diskReader(root, tracked) {
  const cache = /* @__PURE__ */ new Map();
  return {
    tracked,
    read(path) {
      if (cache.has(path)) return cache.get(path);
      let text3 = null;
      try {
        text3 = readFileSync3(join5(root, path), "utf8");
      } catch {
        text3 = null;
      }
      cache.set(path, text3);
      return text3;
    }
  };
}
var PROJECT_FILES = ["pyproject.toml", "setup.cfg", "setup.py"];
function findProjectDir(root, start) {
  let dir = start;
  for (; ; ) {
    if (PROJECT_FILES.some((f) => existsSync2(join5(dir, f)))) return toPosix(relative2(root, dir)) || ".";
    if (dir === root || !relative2(root, dir) || relative2(root, dir).startsWith("..")) return null;
    const parent = dirname4(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
function toPosix(path) {
  return sep2 === "/" ? path : path.split(sep2).join("/");
}

// src/adapters/git/repository.ts
async function dirtyFiles(git) {
  const out = await git.text(["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const files = [];
  const items = out.split("\0");
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.length < 4) continue;
    files.push(item.slice(3));
    if (item[0] === "R" || item[0] === "C") i++;
  }
  return files;
}
async function trackedFiles(git) {
  const out = await git.text(["ls-files", "-z"]);
  return new Set(out.split("\0").filter((f) => f !== ""));
}
async function remoteUrls(git) {
  const r = await git.run(["config", "--get-regexp", "^remote\\..*\\.url$"], { okCodes: [1] });
  const urls = /* @__PURE__ */ new Map();
  for (const line of r.stdout.split("\n")) {
    const m = /^remote\.(.+)\.url (.*)$/.exec(line);
    if (m && !urls.has(m[1])) urls.set(m[1], m[2]);
  }
  return urls;
}
async function isAncestor(git, ancestor, descendant) {
  const r = await git.run(["merge-base", "--is-ancestor", ancestor, descendant], { okCodes: [1] });
  return r.code === 0;
}
async function showFile(git, rev, path) {
  const r = await git.run(["show", `${rev}:${path}`], { okCodes: [128] });
  return r.code === 0 ? r.stdout : null;
}
async function deepenShallowClone(git, remote) {
  const r = await git.run(["fetch", "--unshallow", "--tags", remote], { okCodes: [1, 128] });
  if (r.code !== 0) {
    const detail = r.stderr.trim().split("\n").slice(0, 2).join(" | ");
    throw new ReleasioError(
      "E_SHALLOW_CLONE",
      `the clone is shallow and no release tag is reachable; fetching more history failed: ${redactUrlCredentials(detail)}`,
      { hint: "use actions/checkout with fetch-depth: 0" }
    );
  }
}
async function probeRepository(cwd, env, trace = null) {
  const probe = new GitRunner(cwd, env, trace);
  const r = await probe.run(
    ["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD", "--abbrev-ref", "HEAD"],
    {
      okCodes: [128]
    }
  );
  const [root, shallow, head, branch] = r.stdout.split("\n");
  if (!root) {
    throw new ReleasioError("E_NOT_A_REPO", `${cwd} is not inside a git repository`, {
      hint: "run 'git init' or pass the project path"
    });
  }
  if (r.code !== 0 || !head || !/^[0-9a-f]{40,64}$/.test(head)) {
    throw new ReleasioError("E_EMPTY_REPO", "the repository has no commits yet", {
      hint: "commit something first"
    });
  }
  return {
    git: new GitRunner(root, env, trace),
    head,
    shallow: shallow === "true",
    branch: branch && branch !== "HEAD" ? branch : null
  };
}

// src/adapters/git/tags.ts
var FORMAT2 = "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(creatordate:iso-strict)";
async function listTags(git) {
  const all2 = await git.text(["for-each-ref", FORMAT2, "refs/tags"]);
  const tags = [];
  for (const line of all2.split("\n")) {
    if (line === "") continue;
    const [name, type, object, peeledType, peeled, date] = line.split("\0");
    const commit = type === "commit" ? object : peeledType === "commit" ? peeled : null;
    if (commit === null) continue;
    tags.push({ name, commit, reachable: false, date });
  }
  return tags;
}
async function reachableTagNames(git, head, names) {
  if (names.length === 0) return /* @__PURE__ */ new Set();
  const out = await git.text([
    "for-each-ref",
    "--format=%(refname:strip=2)",
    "--merged",
    head,
    ...names.map((n) => `refs/tags/${n}`)
  ]);
  return new Set(out.split("\n").filter((l) => l !== ""));
}

// src/adapters/index/read-api.ts
async function indexHasRelease(fetch2, apiBase, name, version2, timeoutMs = 5e3) {
  const url2 = `${apiBase}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version2)}/json`;
  try {
    const response = await fetch2(url2, {
      headers: { Accept: "application/json" },
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs)
    });
    await response.body?.cancel();
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    return null;
  } catch {
    return null;
  }
}

// src/adapters/index/registry.ts
function uploadUrl(registry) {
  if (registry === "pypi") return PYPI_UPLOAD_URL;
  if (registry === "testpypi") return TESTPYPI_UPLOAD_URL;
  return registry;
}
function jsonApiBase(registry) {
  const url2 = uploadUrl(registry).replace(/\/+$/, "/");
  if (url2 === PYPI_UPLOAD_URL) return "https://pypi.org";
  if (url2 === TESTPYPI_UPLOAD_URL) return "https://test.pypi.org";
  return null;
}
var KNOWN = {
  [PYPI_UPLOAD_URL]: { name: "pypi", api: "https://pypi.org", label: "PyPI" },
  [TESTPYPI_UPLOAD_URL]: { name: "testpypi", api: "https://test.pypi.org", label: "TestPyPI" }
};

// src/core/forge/remote.ts
var URL_FORM = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.+)$/i;
var SCP_FORM = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/;
function parseRemoteUrl(url2) {
  const trimmed = url2.trim();
  const m = URL_FORM.exec(trimmed) ?? (trimmed.includes("://") ? null : SCP_FORM.exec(trimmed));
  if (!m) return null;
  const path = m[2].replace(/\/+$/, "").replace(/\.git$/, "").replace(/^\/+/, "");
  if (!path.includes("/")) return null;
  return { host: m[1].toLowerCase(), path };
}
function ownerAndRepo(path) {
  const i = path.lastIndexOf("/");
  if (i <= 0) return null;
  return { owner: path.slice(0, i), repo: path.slice(i + 1) };
}

// src/core/forge/select.ts
var PUBLIC_GITHUB_API = "https://api.github.com";
function trimSlash(url2) {
  return url2.replace(/\/+$/, "");
}
function hostOf(url2) {
  if (!url2 || url2 === "auto") return null;
  try {
    return new URL(url2).host.toLowerCase();
  } catch {
    return null;
  }
}
function originOf(url2) {
  return new URL(url2).origin;
}
var LOOPBACK = /* @__PURE__ */ new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
function requireSecure(url2, source) {
  let parsed;
  try {
    parsed = new URL(url2);
  } catch {
    throw new ReleasioError("E_CONFIG_INVALID", `${source}: '${url2}' is not a valid URL`, {
      hint: "use an absolute https URL"
    });
  }
  if (parsed.protocol === "https:") return trimSlash(url2);
  if (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname.toLowerCase())) return trimSlash(url2);
  throw new ReleasioError(
    "E_INSECURE_URL",
    `${source}: '${parsed.origin}${parsed.pathname}' must use https (http is only allowed for loopback hosts)`,
    { hint: "use the https URL of the forge API" }
  );
}
function selectForgeKind(config, remoteHost, env) {
  if (config.forge === "none") return null;
  if (config.forge !== "auto") return config.forge;
  if (remoteHost !== null) {
    const githubHosts = [
      "github.com",
      hostOf(env.GITHUB_SERVER_URL),
      hostOf(config.github.api_url),
      hostOf(config.github.server_url)
    ];
    if (githubHosts.includes(remoteHost)) return "github";
    const gitlabHosts = [
      "gitlab.com",
      env.CI_SERVER_HOST?.toLowerCase() ?? null,
      hostOf(env.CI_SERVER_URL),
      hostOf(config.gitlab.api_url),
      hostOf(config.gitlab.server_url)
    ];
    if (gitlabHosts.includes(remoteHost)) return "gitlab";
  }
  if (config.github.owner && config.github.repo) return "github";
  if (config.gitlab.project) return "gitlab";
  return null;
}
function githubTarget(config, remote, env) {
  const parsed = remote ? ownerAndRepo(remote.path) : null;
  const owner = config.github.owner ?? parsed?.owner;
  const repo = config.github.repo ?? parsed?.repo;
  if (!owner || !repo) return null;
  const remoteHost = remote && remote.host !== "github.com" ? remote.host : null;
  let apiUrl;
  if (config.github.api_url !== "auto") apiUrl = requireSecure(config.github.api_url, "github.api_url");
  else if (env.GITHUB_API_URL) apiUrl = requireSecure(env.GITHUB_API_URL, "GITHUB_API_URL");
  else apiUrl = remoteHost ? `https://${remoteHost}/api/v3` : PUBLIC_GITHUB_API;
  const isPublic = apiUrl === PUBLIC_GITHUB_API;
  const uploadsUrl = config.github.uploads_url !== "auto" ? requireSecure(config.github.uploads_url, "github.uploads_url") : isPublic ? "https://uploads.github.com" : `${originOf(apiUrl)}/api/uploads`;
  const graphqlUrl = isPublic ? `${PUBLIC_GITHUB_API}/graphql` : /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, "/api/graphql") : `${apiUrl}/graphql`;
  let serverUrl;
  if (config.github.server_url !== "auto") serverUrl = trimSlash(config.github.server_url);
  else if (env.GITHUB_SERVER_URL) serverUrl = trimSlash(env.GITHUB_SERVER_URL);
  else if (remote) serverUrl = `https://${remote.host}`;
  else serverUrl = isPublic ? "https://github.com" : originOf(apiUrl);
  return {
    kind: "github",
    owner,
    repo,
    path: `${owner}/${repo}`,
    apiUrl,
    uploadsUrl,
    graphqlUrl,
    serverUrl,
    webUrl: `${serverUrl}/${owner}/${repo}`
  };
}
function gitlabTarget(config, remote, env) {
  const projectPath = config.gitlab.project ?? env.CI_PROJECT_PATH ?? remote?.path;
  if (!projectPath) return null;
  const host = remote?.host ?? env.CI_SERVER_HOST ?? "gitlab.com";
  const apiUrl = config.gitlab.api_url !== "auto" ? requireSecure(config.gitlab.api_url, "gitlab.api_url") : env.CI_API_V4_URL ? requireSecure(env.CI_API_V4_URL, "CI_API_V4_URL") : `https://${host}/api/v4`;
  const serverUrl = config.gitlab.server_url !== "auto" ? trimSlash(config.gitlab.server_url) : env.CI_SERVER_URL ? trimSlash(env.CI_SERVER_URL) : `https://${host}`;
  return {
    kind: "gitlab",
    projectPath,
    path: projectPath,
    apiUrl,
    serverUrl,
    webUrl: `${serverUrl}/${projectPath}`
  };
}
function selectForge(config, remoteUrl, env) {
  const remote = remoteUrl ? parseRemoteUrl(remoteUrl) : null;
  const kind = selectForgeKind(config, remote?.host ?? null, env);
  if (kind === "github") return githubTarget(config, remote, env);
  if (kind === "gitlab") return gitlabTarget(config, remote, env);
  return null;
}

// src/core/forge/links.ts
function forgeLinks(config, remoteUrl, env) {
  try {
    const target = selectForge(config, remoteUrl, env);
    return target ? { kind: target.kind, webUrl: target.webUrl } : null;
  } catch (error) {
    if (isReleasioError(error)) return null;
    throw error;
  }
}

// src/core/version/prerelease-token.ts
var TOKENS = {
  alpha: "alpha",
  a: "alpha",
  beta: "beta",
  b: "beta",
  rc: "rc",
  c: "rc",
  dev: "dev"
};
var PHASES = {
  alpha: "a",
  beta: "b",
  rc: "rc",
  dev: "dev"
};
function parsePrereleaseToken(input, where) {
  const key = input.trim().toLowerCase();
  const token2 = Object.hasOwn(TOKENS, key) ? TOKENS[key] : void 0;
  if (token2 !== void 0) return token2;
  const place = where === void 0 ? "" : ` (${where})`;
  throw new ReleasioError(
    "E_PRERELEASE_TOKEN",
    `unknown pre-release token '${input}'${place}; use alpha (a), beta (b), rc (c) or dev`,
    { details: { token: input, where: where ?? null } }
  );
}
function tokenPhase(token2) {
  return PHASES[token2];
}

// src/core/version/next-version.ts
var ZERO = { epoch: 0, release: [0, 0, 0], pre: null, post: null, dev: null, local: null };
function computeNextVersion(input) {
  const firstRelease = input.previous === null;
  if (input.override !== null) {
    return {
      next: fromOverride(input, input.override),
      reason: "override",
      firstRelease,
      baseline: input.previous?.version ?? null
    };
  }
  const { next, reason, baseline } = input.previous === null ? firstReleaseVersion(input) : continuedVersion(input, input.previous);
  return next === null ? { next: null, reason: null, firstRelease, baseline } : { next, reason, firstRelease, baseline };
}
function fromOverride(input, override) {
  const previous = input.previous;
  if (previous !== null && compareVersions(override, previous.version) <= 0) {
    throw new ReleasioError(
      "E_VERSION_NOT_INCREASING",
      `--version ${formatVersion(override)} is not greater than the previous release ${formatVersion(previous.version)} (${previous.name})`,
      {
        hint: "pass a version above the previous release, or omit --version to compute it from the commits",
        details: {
          version: formatVersion(override),
          previous: formatVersion(previous.version),
          tag: previous.name
        }
      }
    );
  }
  const plain = override.pre === null && override.post === null && override.dev === null;
  if (input.token !== null && plain && override.local === null) {
    return numbered(override, input.token, input.reachable);
  }
  return padded(override);
}
function continuedVersion(input, previous) {
  const L = previous.version;
  let stable = stableTarget(L, input.previousFinal?.version ?? null, input.bump);
  let reason = stable === null ? null : "commits";
  let keep = null;
  const D = input.declared;
  if (D !== null && compareVersions(D, L) > 0 && !isTagged(D, input.all)) {
    reason = stable === null ? "pending-version" : "commits";
    stable = stable === null ? baseVersion(D) : maxVersion(stable, baseVersion(D));
    keep = D;
  }
  if (stable === null) return { next: null, reason: null, baseline: L };
  return { next: finalize(stable, keep, input.token, input.reachable), reason, baseline: L };
}
function stableTarget(previous, previousFinal, bump) {
  if (bump === "none") return null;
  if (isFinal(previous)) return bumpVersion(baseVersion(previous), bump);
  return maxVersion(baseVersion(previous), bumpVersion(previousFinal ?? ZERO, bump));
}
function firstReleaseVersion(input) {
  const D = input.declared;
  if (D === null || isPlaceholderVersion(D)) {
    const initial = input.initialVersion;
    return {
      next: finalize(baseVersion(initial), initial, input.token, input.reachable),
      reason: "first-release",
      baseline: null
    };
  }
  if (isTagged(D, input.all) || input.declaredOnIndex === true) return continuedFromDeclared(input, D);
  if (matchesKind(D, phaseOf(input.token)))
    return { next: padded(D), reason: "first-release", baseline: null };
  return {
    next: finalize(baseVersion(D), null, input.token, input.reachable),
    reason: "first-release",
    baseline: null
  };
}
function continuedFromDeclared(input, D) {
  const released = [...input.reachable, { name: formatVersion(D), version: D }];
  const previousFinal = input.previousFinal?.version ?? null;
  if (input.token === null && !isFinal(D)) {
    const base2 = baseVersion(D);
    const stable2 = input.bump === "none" ? base2 : maxVersion(base2, bumpVersion(previousFinal ?? ZERO, input.bump));
    return {
      next: finalize(stable2, null, null, released),
      reason: input.bump === "none" ? "first-release" : "commits",
      baseline: D
    };
  }
  const stable = stableTarget(D, previousFinal, input.bump);
  if (stable === null) return { next: null, reason: null, baseline: D };
  return { next: finalize(stable, null, input.token, released), reason: "commits", baseline: D };
}
function finalize(stable, keep, token2, released) {
  const computed = token2 === null ? stable : numbered(stable, token2, released);
  if (keep !== null && matchesKind(keep, phaseOf(token2)) && compareVersions(keep, computed) > 0) {
    return padded(keep);
  }
  return padded(computed);
}
var RANK = { dev: 0, a: 1, b: 2, rc: 3, final: 4 };
function standing(v) {
  if (v.pre !== null) return v.pre.phase;
  if (v.post === null && v.dev !== null) return "dev";
  return "final";
}
function numbered(stable, token2, released) {
  const phase = tokenPhase(token2);
  const base2 = padded(baseVersion(stable));
  const sameBase = released.filter((r) => versionsEqual(baseVersion(r.version), base2));
  const above = sameBase.filter((r) => RANK[standing(r.version)] > RANK[phase]).sort((a, b) => compareVersions(b.version, a.version))[0];
  if (above !== void 0) throw regression(base2, token2, above);
  const numbers = sameBase.filter((r) => standing(r.version) === phase).map((r) => (phase === "dev" ? r.version.dev : r.version.pre?.number) ?? 0);
  const n = numbers.length === 0 ? 1 : Math.max(...numbers) + 1;
  return phase === "dev" ? { ...base2, dev: n } : { ...base2, pre: { phase, number: n } };
}
function regression(base2, token2, above) {
  const b = formatVersion(base2);
  const v = formatVersion(above.version);
  const what = standing(above.version) === "final" ? `is already released as ${v}` : `already has pre-release ${v}`;
  return new ReleasioError(
    "E_PRERELEASE_REGRESSION",
    `${b} ${what}; a '${token2}' pre-release would sort below it`,
    {
      hint: "continue with the same or a later phase (alpha, beta, rc, then final), or make a stable release",
      details: { base: b, version: v, tag: above.name, token: token2 }
    }
  );
}
function phaseOf(token2) {
  return token2 === null ? null : tokenPhase(token2);
}
function matchesKind(v, phase) {
  if (phase === null) return isFinal(v);
  return standing(v) === phase && v.post === null && (phase === "dev" || v.dev === null);
}
function isTagged(v, tags) {
  return tags.some((t) => versionsEqual(t.version, v));
}
function maxVersion(a, b) {
  return compareVersions(a, b) >= 0 ? a : b;
}
function padded(v) {
  if (v.release.length >= 3) return v;
  return { ...v, release: [...v.release, ...Array.from({ length: 3 - v.release.length }, () => 0)] };
}

// src/core/plan/types.ts
var BUMP_ORDER = ["none", "patch", "minor", "major"];
function maxBump(a, b) {
  return BUMP_ORDER.indexOf(a) >= BUMP_ORDER.indexOf(b) ? a : b;
}

// src/core/plan/build-package-plan.ts
function zeroRuleBase(input, initial) {
  if (input.previous.previous) return input.previous.previous.version;
  if (input.declared) return parseVersion(input.declared);
  return initial;
}
function buildPackagePlan(input) {
  const { config } = input;
  const warnings = [];
  const initial = parseVersion(config.version.initial_version, "version.initial_version");
  const breakingBumpsMinor = !config.version.major_on_zero && (zeroRuleBase(input, initial).release[0] ?? 0) === 0;
  const commits = classifyCommits(
    input.commits,
    classifyOptions(config, { breakingBumpsMinor, attribute: input.attribute ?? null })
  );
  const bump = commits.reduce(
    (b, c) => c.included || c.reason === "excluded-type" ? maxBump(b, c.bump) : b,
    "none"
  );
  const declared = input.declared === null ? null : parseVersion(input.declared);
  const override = input.override === null ? null : parseVersion(input.override, "--version");
  const reachable = input.tags.filter((t) => t.reachable);
  const previous = input.previous.previous;
  if (input.previous.unreachableHigher) {
    warnings.push({
      code: "W_UNREACHABLE_TAG",
      message: `tag ${input.previous.unreachableHigher.name} is higher than ${previous?.name ?? "any reachable release"} but not reachable from HEAD; it is not the previous release`
    });
  }
  const releaseCommit = commits.find((c) => c.reason === "release-commit") ?? null;
  const declaredTagged = declared !== null && input.tags.some((t) => compareVersions(t.version, declared) === 0);
  const pending = releaseCommit !== null && declared !== null && !declaredTagged && override === null && (previous === null || compareVersions(declared, previous.version) > 0) && (input.prerelease.token !== null || !isPrerelease(declared));
  let next;
  let reason;
  let firstRelease;
  if (pending && declared) {
    next = declared;
    reason = "pending-version";
    firstRelease = previous === null;
  } else {
    const result = computeNextVersion({
      declared,
      token: input.prerelease.token,
      override,
      previous,
      previousFinal: input.previous.previousFinal,
      bump,
      reachable,
      all: input.tags,
      declaredOnIndex: input.declaredOnIndex,
      initialVersion: initial
    });
    next = result.next;
    reason = result.reason;
    firstRelease = result.firstRelease;
  }
  const nextText = next ? formatVersion(next) : null;
  const tag = next ? formatTag(input.tagPattern, next) : null;
  if (tag && input.tags.some((t) => t.name === tag && !t.reachable)) {
    warnings.push({
      code: "W_TAG_EXISTS_UNREACHABLE",
      message: `tag ${tag} already exists on a commit not reachable from HEAD`
    });
  }
  let entryCommits = commits;
  if (pending && releaseCommit) {
    const cut = commits.findIndex((c) => c.sha === releaseCommit.sha);
    const late = commits.slice(0, cut).filter((c) => c.included && c.bump !== "none");
    if (late.length > 0) {
      warnings.push({
        code: "W_LATE_COMMITS",
        message: `${late.length} releasable commit(s) landed after the release commit ${releaseCommit.short_sha} and are not in its changelog: ${late.map((c) => `${c.short_sha} ${c.subject}`).join("; ")}`
      });
    }
    entryCommits = commits.slice(cut + 1);
  }
  const changelog2 = nextText && tag && input.renderChangelog !== false ? renderEntry(
    {
      version: nextText,
      tag,
      previousTag: previous?.name ?? null,
      date: input.date,
      commits: entryCommits,
      forge: input.forge,
      notes: input.notes,
      firstTimeContributors: firstRelease ? /* @__PURE__ */ new Set() : input.firstTimeContributors,
      dependencies: input.dependencies
    },
    config.changelog
  ) : "";
  const plan = {
    project: input.project,
    path: input.path,
    current_version: input.declared ?? (previous ? formatVersion(previous.version) : null),
    previous_version: previous ? formatVersion(previous.version) : null,
    previous_tag: previous?.name ?? null,
    next_version: nextText,
    tag,
    bump,
    release_needed: next !== null,
    release_reason: next === null ? null : reason,
    first_release: next !== null && firstRelease,
    prerelease: input.prerelease,
    pending_release: pending && declared && releaseCommit && tag ? { version: formatVersion(declared), tag, commit: releaseCommit.sha } : null,
    range: { from: previous?.commit ?? null, to: input.head },
    changelog: changelog2,
    files: []
  };
  return { plan, commits, warnings };
}

// src/core/plan/prerelease.ts
function branchMatches(pattern, branch) {
  let source = "";
  for (const ch of pattern) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[\\^$.|+(){}[\]]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s").test(branch);
}
function channelFor(config, branch) {
  if (branch === null) return null;
  for (const [name, rule] of Object.entries(config.branches)) {
    if (branchMatches(rule.match, branch)) {
      return {
        name,
        prerelease: rule.prerelease,
        token: rule.prerelease_token ?? null,
        publishOnly: rule.publish_only
      };
    }
  }
  return null;
}
function releaseBranches(config, branch) {
  return branch !== null && (branch === config.default_branch || channelFor(config, branch) !== null);
}
function effectiveToken(flag2, channel, config) {
  if (flag2) return { token: parsePrereleaseToken(flag2, "--prerelease"), source: "flag" };
  if (channel?.prerelease && channel.token) {
    return {
      token: parsePrereleaseToken(channel.token, `branches.${channel.name}.prerelease_token`),
      source: "channel"
    };
  }
  if (config.version.pre_release) {
    return {
      token: parsePrereleaseToken(config.version.pre_release, "version.pre_release"),
      source: "config"
    };
  }
  return { token: null, source: null };
}

// src/edits/verify-error.ts
function editVerifyError(file, detail) {
  return new ReleasioError(
    "E_EDIT_VERIFY",
    `${file}: the edited file does not re-parse to the expected content (${detail}); nothing was written`,
    { details: { file } }
  );
}
function versionFileError(file, problem, hint) {
  return new ReleasioError("E_VERSION_FILE", `${file}: ${problem}`, {
    hint: hint ?? null,
    details: { file }
  });
}

// src/edits/plain-version-file.ts
function readPlainVersion(text3) {
  const content = text3.replace(/^\uFEFF/, "").trim();
  return content !== "" && !/\s/.test(content) ? content : null;
}
function verifyPlainVersionEdit(after, file, expected) {
  if (after !== `${expected}
` && after !== `${expected}\r
`) {
    throw editVerifyError(
      file,
      `the file holds ${JSON.stringify(after)}, expected "${expected}" and a newline`
    );
  }
}
function setPlainVersion(text3, file, to) {
  const after = `${to}${text3.endsWith("\r\n") ? "\r\n" : "\n"}`;
  verifyPlainVersionEdit(after, file, to);
  return after;
}

// src/edits/python-tokens.ts
var STRING_START = /^([rRuUbBfFtT]{0,2})('''|"""|'|")/;
var NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/u;
var NUMBER = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?[jJ]?)/;
var TWO_CHAR_OPS = /* @__PURE__ */ new Set(["==", "!=", "<=", ">=", ":=", "->", "**", "//", "<<", ">>"]);
var OPENING = /* @__PURE__ */ new Set(["(", "[", "{"]);
var CLOSING = /* @__PURE__ */ new Set([")", "]", "}"]);
function stringEnd(text3, bodyStart, quote) {
  let i = bodyStart;
  while (i < text3.length) {
    const c = text3.charAt(i);
    if (c === "\\") {
      i += 2;
    } else if (text3.startsWith(quote, i)) {
      return i + quote.length;
    } else if (quote.length === 1 && c === "\n") {
      return i;
    } else {
      i += 1;
    }
  }
  return text3.length;
}
function tokenizePython(text3) {
  const tokens = [];
  let pos = 0;
  let line = 1;
  let depth = 0;
  const push = (kind, end) => {
    const atLineStart2 = pos === 0 || text3.charAt(pos - 1) === "\n";
    tokens.push({ kind, text: text3.slice(pos, end), start: pos, end, atLineStart: atLineStart2, line });
    for (let i = pos; i < end; i += 1) if (text3.charAt(i) === "\n") line += 1;
    pos = end;
  };
  while (pos < text3.length) {
    const c = text3.charAt(pos);
    const rest = text3.slice(pos, pos + 5);
    if (c === "\n") {
      if (depth === 0) push("newline", pos + 1);
      else {
        pos += 1;
        line += 1;
      }
    } else if (c === " " || c === "	" || c === "\r" || c === "\f") {
      pos += 1;
    } else if (c === "\\" && (text3.charAt(pos + 1) === "\n" || text3.startsWith("\r\n", pos + 1))) {
      pos = text3.indexOf("\n", pos) + 1;
      line += 1;
    } else if (c === "#") {
      const newline = text3.indexOf("\n", pos);
      pos = newline < 0 ? text3.length : newline;
    } else if (STRING_START.test(rest)) {
      const match = STRING_START.exec(rest);
      const opening = match?.[0] ?? c;
      const quote = match?.[2] ?? c;
      push("string", stringEnd(text3, pos + opening.length, quote));
    } else if (NAME.test(rest)) {
      const match = NAME.exec(text3.slice(pos, pos + 256));
      push("name", pos + (match?.[0].length ?? 1));
    } else if (NUMBER.test(rest)) {
      const match = NUMBER.exec(text3.slice(pos, pos + 256));
      push("number", pos + (match?.[0].length ?? 1));
    } else {
      const two = text3.slice(pos, pos + 2);
      const op = TWO_CHAR_OPS.has(two) || two.length === 2 && two.endsWith("=") && "+-*/%&|^@".includes(c) ? two : c;
      if (OPENING.has(op)) depth += 1;
      if (CLOSING.has(op)) depth = Math.max(0, depth - 1);
      push("op", pos + op.length);
    }
  }
  return tokens;
}
function pythonString(token2) {
  const match = STRING_START.exec(token2.text);
  const prefix = match?.[1] ?? "";
  const quote = match?.[2] ?? '"';
  const bodyStart = token2.start + prefix.length + quote.length;
  const closed = token2.text.length >= prefix.length + 2 * quote.length && token2.text.endsWith(quote);
  const bodyEnd = closed ? token2.end - quote.length : token2.end;
  return {
    prefix,
    quote,
    body: token2.text.slice(bodyStart - token2.start, bodyEnd - token2.start),
    bodyStart,
    bodyEnd
  };
}
function plainStringValue(token2) {
  if (token2.kind !== "string") return null;
  const { prefix, quote, body } = pythonString(token2);
  if (quote.length !== 1 || /[bBfFtT]/.test(prefix) || !token2.text.endsWith(quote)) return null;
  if (token2.text.length < prefix.length + 2) return null;
  if (/[rR]/.test(prefix)) return body;
  return body.replace(
    /\\(.)/g,
    (_, escaped) => escaped === "n" ? "\n" : escaped === "t" ? "	" : escaped
  );
}
function quotePythonBody(value, quote, raw2) {
  if (raw2) return value;
  return value.replace(/\\/g, "\\\\").replaceAll(quote, `\\${quote}`);
}

// src/edits/python-assignment.ts
var VERSION_NAMES = ["__version__", "__VERSION__", "VERSION", "version"];
function isAnnotationToken(token2) {
  return token2.kind === "name" || token2.kind === "op" && [".", "[", "]", ","].includes(token2.text);
}
function endsStatement(token2) {
  return token2 === void 0 || token2.kind === "newline" || token2.kind === "op" && token2.text === ";";
}
function findVersionAssignments(text3, names = VERSION_NAMES) {
  const tokens = tokenizePython(text3);
  const found = [];
  tokens.forEach((token2, index) => {
    if (token2.kind !== "name" || !token2.atLineStart || !names.includes(token2.text)) return;
    let i = index + 1;
    if (tokens[i]?.kind === "op" && tokens[i]?.text === ":") {
      i += 1;
      while (tokens[i] !== void 0 && isAnnotationToken(tokens[i])) i += 1;
    }
    if (tokens[i]?.kind !== "op" || tokens[i]?.text !== "=") return;
    const literal2 = tokens[i + 1];
    if (literal2 === void 0 || !endsStatement(tokens[i + 2])) return;
    const value = plainStringValue(literal2);
    if (value === null) return;
    found.push({ name: token2.text, value, line: token2.line, start: literal2.start, end: literal2.end });
  });
  return found;
}
function describe2(assignments) {
  return assignments.map((a) => `${a.name} = "${a.value}" on line ${a.line}`).join(", ");
}
function chooseAssignments(file, assignments, isCurrent, current) {
  if (assignments.length === 0) {
    throw versionFileError(
      file,
      `expected exactly 1 line-start assignment of ${VERSION_NAMES.join(", ")} to a version string, found 0`,
      'use a { path, pattern } entry for other layouts, e.g. pattern = "release = \\"{version}\\""'
    );
  }
  if (assignments.length === 1) return [...assignments];
  const chosen = assignments.filter((assignment) => isCurrent(assignment.value));
  if (chosen.length === 0) {
    const against = current === null ? "no version is declared" : `none equals ${current}`;
    throw versionFileError(
      file,
      `expected exactly 1 version assignment, found ${assignments.length} (${describe2(assignments)}) and ${against}`,
      "keep one assignment or use a { path, pattern } entry"
    );
  }
  return chosen;
}
function sameSpan(a, b) {
  return a.start === b.start && a.end === b.end;
}
function verifyPythonEdit(before, after, file, targets, expected) {
  const old = findVersionAssignments(before);
  const edited = findVersionAssignments(after);
  if (old.length !== edited.length) {
    throw editVerifyError(file, `${edited.length} version assignments after the edit, ${old.length} before`);
  }
  let restored = after;
  for (let i = old.length - 1; i >= 0; i -= 1) {
    const was = old[i];
    const now = edited[i];
    const targeted = targets.some((target) => sameSpan(target, was));
    const want = targeted ? expected : was.value;
    if (now.name !== was.name || now.line !== was.line || now.value !== want) {
      throw editVerifyError(file, `${now.name} on line ${now.line} is "${now.value}", expected "${want}"`);
    }
    if (targeted)
      restored = restored.slice(0, now.start) + before.slice(was.start, was.end) + restored.slice(now.end);
  }
  if (restored !== before) throw editVerifyError(file, "text outside the version assignment changed");
}
function setPythonAssignments(text3, file, targets, to) {
  const tokens = tokenizePython(text3);
  let after = text3;
  const ordered = [...targets].sort((a, b) => b.start - a.start);
  for (const target of ordered) {
    const token2 = tokens.find((candidate) => candidate.start === target.start);
    if (token2 === void 0) throw editVerifyError(file, `no string literal on line ${target.line}`);
    const literal2 = pythonString(token2);
    const body = quotePythonBody(to, literal2.quote, /[rR]/.test(literal2.prefix));
    after = after.slice(0, literal2.bodyStart) + body + after.slice(literal2.bodyEnd);
  }
  verifyPythonEdit(text3, after, file, targets, to);
  return after;
}

// src/edits/setup-cfg.ts
var SECTION = /^\[(.+)\]\s*$/;
var OPTION = /^([^=:]*?)\s*[=:]\s*/;
function parseIni(text3) {
  const document = /* @__PURE__ */ new Map();
  let section2 = null;
  let last = null;
  let offset = 0;
  text3.split("\n").forEach((rawLine, index) => {
    const lineStart2 = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) {
      if (trimmed === "") last = null;
      return;
    }
    if (/^\s/.test(line) && last !== null) {
      last.value = `${last.value}
${trimmed}`;
      last.continued = true;
      return;
    }
    const header = SECTION.exec(line);
    if (header !== null) {
      const name = header[1];
      section2 = document.get(name) ?? /* @__PURE__ */ new Map();
      document.set(name, section2);
      last = null;
      return;
    }
    const option = OPTION.exec(line);
    if (option === null || section2 === null) {
      last = null;
      return;
    }
    const value = line.slice(option[0].length).trimEnd();
    const start = lineStart2 + option[0].length;
    last = { value, start, end: start + value.length, continued: false, line: index + 1 };
    section2.set(option[1].trim().toLowerCase(), last);
  });
  return document;
}
function flatten(document) {
  const values = /* @__PURE__ */ new Map();
  for (const [name, options] of document) {
    values.set(`[${name}]`, "");
    for (const [key, entry] of options) values.set(`${name}.${key}`, entry.value);
  }
  return values;
}
function verifySetupCfgEdit(before, after, file, expected) {
  const old = flatten(parseIni(before));
  const edited = flatten(parseIni(after));
  const version2 = edited.get("metadata.version");
  if (version2 !== expected) {
    throw editVerifyError(
      file,
      `[metadata] version is ${JSON.stringify(version2) ?? "missing"}, expected "${expected}"`
    );
  }
  old.set("metadata.version", expected);
  for (const key of /* @__PURE__ */ new Set([...old.keys(), ...edited.keys()])) {
    if (old.get(key) !== edited.get(key)) throw editVerifyError(file, `${key} changed unexpectedly`);
  }
}
function setSetupCfgVersion(text3, file, to) {
  const entry = parseIni(text3).get("metadata")?.get("version");
  if (entry === void 0) throw versionFileError(file, "no [metadata] version option");
  if (entry.continued)
    throw versionFileError(file, `[metadata] version on line ${entry.line} spans several lines`);
  const after = text3.slice(0, entry.start) + to + text3.slice(entry.end);
  verifySetupCfgEdit(text3, after, file, to);
  return after;
}

// src/edits/setup-py.ts
function isOp(token2, text3) {
  return token2?.kind === "op" && token2.text === text3;
}
function isKeyword(tokens, index) {
  const previous = tokens[index - 1];
  return tokens[index]?.kind === "name" && isOp(tokens[index + 1], "=") && (isOp(previous, "(") || isOp(previous, ","));
}
function readSetupCall(text3) {
  const tokens = tokenizePython(text3);
  const call = { name: [], version: [] };
  tokens.forEach((token2, index) => {
    const previous = tokens[index - 1];
    const isCall = token2.kind === "name" && token2.text === "setup" && isOp(tokens[index + 1], "(");
    if (!isCall || previous?.kind === "name" && previous.text === "def") return;
    let depth = 0;
    for (let i = index + 1; i < tokens.length; i += 1) {
      const current = tokens[i];
      if (current.kind === "op" && "([{".includes(current.text)) depth += 1;
      else if (current.kind === "op" && ")]}".includes(current.text)) {
        depth -= 1;
        if (depth === 0) return;
      } else if (depth === 1 && isKeyword(tokens, i)) {
        collect3(call, current.text, tokens, i + 2);
      }
    }
  });
  return call;
}
function collect3(call, keyword, tokens, valueIndex) {
  if (keyword !== "name" && keyword !== "version") return;
  const first = tokens[valueIndex];
  if (first === void 0) return;
  const next = tokens[valueIndex + 1];
  const single = isOp(next, ",") || isOp(next, ")");
  call[keyword].push({ value: single ? plainStringValue(first) : null, token: first });
}
function setupVersionProblem(call) {
  if (call.version.length === 0) return "setup() has no version= argument";
  if (call.version.length > 1) return `setup() has ${call.version.length} version= arguments`;
  if (call.version[0]?.value === null) return "setup() version= is not a string literal";
  return null;
}
function verifySetupPyEdit(before, after, file, expected) {
  const old = readSetupCall(before).version[0];
  const edited = readSetupCall(after);
  const problem = setupVersionProblem(edited);
  if (problem !== null || old === void 0)
    throw editVerifyError(file, problem ?? "no version= argument before");
  const now = edited.version[0];
  if (now.value !== expected)
    throw editVerifyError(file, `version= is "${now.value}", expected "${expected}"`);
  const restored = after.slice(0, now.token.start) + old.token.text + after.slice(now.token.end);
  if (restored !== before) throw editVerifyError(file, "text outside the version= literal changed");
}
function setSetupPyVersion(text3, file, to) {
  const call = readSetupCall(text3);
  const problem = setupVersionProblem(call);
  if (problem !== null) throw versionFileError(file, problem);
  const literal2 = pythonString(call.version[0].token);
  const body = quotePythonBody(to, literal2.quote, /[rR]/.test(literal2.prefix));
  const after = text3.slice(0, literal2.bodyStart) + body + text3.slice(literal2.bodyEnd);
  verifySetupPyEdit(text3, after, file, to);
  return after;
}

// src/edits/structure.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
function getAtPath(root, path) {
  let current = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (isRecord(current) && typeof segment === "string" && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else return void 0;
  }
  return current;
}
function withValueAt(root, path, value) {
  const [head, ...rest] = path;
  if (head === void 0) return value;
  if (Array.isArray(root) && typeof head === "number") {
    return root.map((item, index) => index === head ? withValueAt(item, rest, value) : item);
  }
  if (isRecord(root) && typeof head === "string") {
    return { ...root, [head]: withValueAt(root[head], rest, value) };
  }
  return root;
}
function firstDifference(a, b, path = []) {
  const here = path.length === 0 ? "<root>" : path.join(".");
  if (a instanceof Date || b instanceof Date) {
    const same = a instanceof Date && b instanceof Date && a.toISOString() === b.toISOString();
    return same ? null : here;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return here;
    for (let i = 0; i < a.length; i += 1) {
      const difference = firstDifference(a[i], b[i], [...path, i]);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b)) return here;
    const keys = /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) return [...path, key].join(".");
      const difference = firstDifference(a[key], b[key], [...path, key]);
      if (difference !== null) return difference;
    }
    return null;
  }
  return Object.is(a, b) ? null : here;
}

// src/edits/toml-scan.ts
var BARE_KEY2 = /[A-Za-z0-9_-]/;
var SCALAR_END = /* @__PURE__ */ new Set([",", "]", "}", "#", "\n", "\r"]);
var SIMPLE_ESCAPES = {
  b: "\b",
  t: "	",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\x1B",
  '"': '"',
  "\\": "\\"
};
var TomlScanner = class {
  constructor(text3) {
    this.text = text3;
  }
  text;
  pos = 0;
  tokens = [];
  /** Current element index of each array of tables, keyed by its resolved path. */
  arrayTables = /* @__PURE__ */ new Map();
  scan() {
    let table3 = [];
    for (; ; ) {
      this.skipBlank(true);
      if (this.pos >= this.text.length) return this.tokens;
      if (this.peek() === "[") {
        table3 = this.header();
      } else {
        const key = this.key();
        this.expect("=");
        this.value([...table3, ...key]);
      }
      this.endOfLine();
    }
  }
  peek(offset = 0) {
    return this.text.charAt(this.pos + offset);
  }
  fail(what) {
    throw new Error(`unexpected ${what} at offset ${this.pos}`);
  }
  expect(char) {
    this.skipBlank(false);
    if (this.peek() !== char) this.fail(`'${this.peek()}' (expected '${char}')`);
    this.pos += 1;
  }
  /** Skips spaces and tabs, and with `newlines` also line breaks and comments. */
  skipBlank(newlines) {
    for (; ; ) {
      const c = this.peek();
      if (c === " " || c === "	") this.pos += 1;
      else if (newlines && (c === "\n" || c === "\r")) this.pos += 1;
      else if (newlines && c === "#") this.skipComment();
      else return;
    }
  }
  skipComment() {
    while (this.pos < this.text.length && this.peek() !== "\n") this.pos += 1;
  }
  endOfLine() {
    this.skipBlank(false);
    if (this.peek() === "#") this.skipComment();
    const c = this.peek();
    if (c === "\r") this.pos += 1;
    if (this.peek() === "\n") this.pos += 1;
    else if (this.pos < this.text.length) this.fail(`'${this.peek()}' after a value`);
  }
  header() {
    const isArray = this.peek(1) === "[";
    this.pos += isArray ? 2 : 1;
    const keys = this.key();
    this.expect("]");
    if (isArray) this.expect("]");
    return this.resolveHeader(keys, isArray);
  }
  resolveHeader(keys, isArray) {
    const resolved = [];
    keys.forEach((segment, index) => {
      resolved.push(segment);
      const isLast = index === keys.length - 1;
      const current = this.arrayTables.get(JSON.stringify(resolved));
      if (current !== void 0 && !(isLast && isArray)) resolved.push(current);
    });
    if (isArray) {
      const id = JSON.stringify(resolved);
      const next = (this.arrayTables.get(id) ?? -1) + 1;
      this.arrayTables.set(id, next);
      resolved.push(next);
    }
    return resolved;
  }
  /** A dotted key: bare, basic or literal segments separated by dots (whitespace allowed around dots). */
  key() {
    const segments = [];
    for (; ; ) {
      this.skipBlank(false);
      segments.push(this.keySegment());
      this.skipBlank(false);
      if (this.peek() !== ".") return segments;
      this.pos += 1;
    }
  }
  keySegment() {
    const c = this.peek();
    if (c === '"') {
      const start2 = this.pos;
      this.basicString();
      return decodeBasic(this.text.slice(start2 + 1, this.pos - 1));
    }
    if (c === "'") {
      const start2 = this.pos;
      this.literalString();
      return this.text.slice(start2 + 1, this.pos - 1);
    }
    const start = this.pos;
    while (BARE_KEY2.test(this.peek())) this.pos += 1;
    if (this.pos === start) this.fail(`'${c}' in a key`);
    return this.text.slice(start, this.pos);
  }
  /** Scans one value; records it when it is a string and `path` is not null (array elements are not recorded). */
  value(path) {
    this.skipBlank(false);
    const start = this.pos;
    const style = this.stringStyle();
    if (style !== null) {
      this.string(style);
      if (path !== null) this.tokens.push({ path, start, end: this.pos, style });
      return;
    }
    const c = this.peek();
    if (c === "[") this.array();
    else if (c === "{") this.inlineTable(path);
    else this.scalar();
  }
  stringStyle() {
    if (this.text.startsWith('"""', this.pos)) return "multiline-basic";
    if (this.text.startsWith("'''", this.pos)) return "multiline-literal";
    if (this.peek() === '"') return "basic";
    if (this.peek() === "'") return "literal";
    return null;
  }
  string(style) {
    if (style === "basic") this.basicString();
    else if (style === "literal") this.literalString();
    else this.multilineString(style === "multiline-basic" ? '"' : "'");
  }
  basicString() {
    this.pos += 1;
    for (; ; ) {
      const c = this.peek();
      if (c === "") this.fail("end of input in a string");
      if (c === "\\") this.pos += 2;
      else {
        this.pos += 1;
        if (c === '"') return;
      }
    }
  }
  literalString() {
    const close = this.text.indexOf("'", this.pos + 1);
    if (close < 0) this.fail("end of input in a string");
    this.pos = close + 1;
  }
  /** Up to two quotes may sit right before the closing delimiter, so the longest run of quotes closes it. */
  multilineString(quote) {
    const delimiter2 = quote.repeat(3);
    this.pos += 3;
    for (; ; ) {
      const c = this.peek();
      if (c === "") this.fail("end of input in a multi-line string");
      if (quote === '"' && c === "\\") {
        this.pos += 2;
      } else if (this.text.startsWith(delimiter2, this.pos)) {
        let run = 3;
        while (run < 5 && this.peek(run) === quote) run += 1;
        this.pos += run;
        return;
      } else {
        this.pos += 1;
      }
    }
  }
  array() {
    this.pos += 1;
    for (; ; ) {
      this.skipBlank(true);
      if (this.peek() === "]") {
        this.pos += 1;
        return;
      }
      this.value(null);
      this.skipBlank(true);
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "]") this.fail(`'${this.peek()}' in an array`);
    }
  }
  /** Inline tables may span lines (TOML 1.1) and carry comments there, so blanks include line breaks. */
  inlineTable(path) {
    this.pos += 1;
    for (; ; ) {
      this.skipBlank(true);
      if (this.peek() === "}") {
        this.pos += 1;
        return;
      }
      const key = this.key();
      this.expect("=");
      this.value(path === null ? null : [...path, ...key]);
      this.skipBlank(true);
      if (this.peek() === ",") this.pos += 1;
      else if (this.peek() !== "}") this.fail(`'${this.peek()}' in an inline table`);
    }
  }
  scalar() {
    const start = this.pos;
    while (this.pos < this.text.length && !SCALAR_END.has(this.peek())) this.pos += 1;
    if (this.pos === start) this.fail(`'${this.peek()}' where a value was expected`);
  }
};
function decodeBasic(body) {
  return body.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)/g, (_, sequence) => {
    const simple = SIMPLE_ESCAPES[sequence];
    if (simple !== void 0) return simple;
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    return sequence;
  });
}
function scanTomlStrings(text3) {
  return new TomlScanner(text3).scan();
}
function parseTomlKey(dotted) {
  if (/[\r\n]/.test(dotted)) return null;
  try {
    const tokens = new TomlScanner(`${dotted} = ""`).scan();
    const path = tokens.length === 1 ? tokens[0]?.path : void 0;
    if (path === void 0 || path.some((segment) => typeof segment !== "string")) return null;
    return path;
  } catch {
    return null;
  }
}
function samePath(a, b) {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

// src/edits/toml-value.ts
function tomlErrorDetail(error) {
  if (error instanceof TomlError) {
    const reason = error.message.replace(/^Invalid TOML document: /, "").split("\n")[0];
    return `line ${error.line}, column ${error.column}: ${reason}`;
  }
  return error instanceof Error ? error.message : String(error);
}
function parseToml2(text3, onError) {
  try {
    return parse(text3);
  } catch (error) {
    throw onError(tomlErrorDetail(error));
  }
}
function formatTomlPath(path) {
  return path.map((segment) => typeof segment === "number" ? `[${segment}]` : segment).join(".");
}
function escapeBasic(value) {
  return value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    if (c === "\\" || c === '"') return `\\${c}`;
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
function renderTomlString(style, value) {
  const literalSafe = !/['\u0000-\u0008\u000a-\u001f\u007f]/.test(value);
  switch (style) {
    case "literal":
      return literalSafe ? `'${value}'` : `"${escapeBasic(value)}"`;
    case "multiline-literal":
      return literalSafe ? `'''${value}'''` : `"""${escapeBasic(value)}"""`;
    case "multiline-basic":
      return `"""${escapeBasic(value)}"""`;
    default:
      return `"${escapeBasic(value)}"`;
  }
}
function verifyTomlChanges(before, after, file, changes) {
  const original = parseToml2(
    before,
    (detail) => editVerifyError(file, `the original is not valid TOML: ${detail}`)
  );
  const edited = parseToml2(after, (detail) => editVerifyError(file, `invalid TOML at ${detail}`));
  let expected = original;
  for (const change of changes) {
    const actual = getAtPath(edited, change.path);
    if (actual !== change.value) {
      throw editVerifyError(
        file,
        `${formatTomlPath(change.path)} is ${JSON.stringify(actual) ?? "missing"}, expected ${JSON.stringify(change.value)}`
      );
    }
    expected = withValueAt(expected, change.path, change.value);
  }
  const difference = firstDifference(expected, edited);
  if (difference !== null) throw editVerifyError(file, `${difference} changed unexpectedly`);
}
function replaceTomlStrings(text3, file, changes) {
  const document = parseToml2(text3, (detail) => versionFileError(file, `invalid TOML at ${detail}`));
  const tokens = scanTomlStrings(text3);
  const replacements = changes.map((change) => {
    const token2 = tokens.find((candidate) => samePath(candidate.path, change.path));
    if (token2 === void 0) {
      const present = getAtPath(document, change.path) !== void 0;
      const key = formatTomlPath(change.path);
      throw versionFileError(file, present ? `'${key}' is not a string` : `key '${key}' not found`);
    }
    return { token: token2, text: renderTomlString(token2.style, change.value) };
  });
  replacements.sort((a, b) => b.token.start - a.token.start);
  let after = text3;
  for (const { token: token2, text: replacement } of replacements) {
    after = after.slice(0, token2.start) + replacement + after.slice(token2.end);
  }
  return after;
}
function setTomlStrings(text3, file, changes) {
  const after = replaceTomlStrings(text3, file, changes);
  verifyTomlChanges(text3, after, file, changes);
  return after;
}
function setTomlString(text3, file, keyPath, value) {
  return setTomlStrings(text3, file, [{ path: keyPath, value }]);
}
function getTomlString(text3, file, keyPath) {
  const value = getAtPath(
    parseToml2(text3, (detail) => versionFileError(file, `invalid TOML at ${detail}`)),
    keyPath
  );
  const key = formatTomlPath(keyPath);
  if (value === void 0) throw versionFileError(file, `key '${key}' not found`);
  if (typeof value !== "string") throw versionFileError(file, `'${key}' is not a string`);
  return value;
}

// src/core/project/dynamic-version.ts
function table2(root, ...keys) {
  let current = root;
  for (const key of keys) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return null;
    current = current[key];
  }
  return typeof current === "object" && current !== null && !Array.isArray(current) && !(current instanceof Date) ? current : null;
}
function stringAt(root, key) {
  const value = root?.[key];
  return typeof value === "string" ? value : null;
}
function buildRequirements(document) {
  const requires = table2(document, "build-system")?.["requires"];
  if (!Array.isArray(requires)) return [];
  return requires.filter((item) => typeof item === "string").map((item) => normalizePackageName(/^\s*([A-Za-z0-9._-]+)/.exec(item)?.[1] ?? ""));
}
function moduleFiles(module, roots) {
  const relative4 = module.split(".").join("/");
  return roots.flatMap((root) => {
    const prefix = root === "" || root === "." ? "" : `${root.replace(/\/+$/, "")}/`;
    return [`${prefix}${relative4}.py`, `${prefix}${relative4}/__init__.py`];
  });
}
var MODULE_ROOTS = ["src", "."];
function attrVersion(attr, origin, roots = MODULE_ROOTS) {
  const dot = attr.trim().lastIndexOf(".");
  const module = attr.trim().slice(0, Math.max(dot, 0));
  const name = attr.trim().slice(dot + 1);
  if (dot <= 0 || !VERSION_NAMES.includes(name)) {
    return {
      kind: "unrecognized",
      reason: `${origin} = '${attr}' is not a module attribute named ${VERSION_NAMES.join(", ")}`
    };
  }
  return { kind: "python-file", candidates: moduleFiles(module, roots), names: [name], origin };
}
function fileVersion(value, origin) {
  const files = Array.isArray(value) ? value : [value];
  const [file] = files;
  if (files.length !== 1 || typeof file !== "string") {
    return { kind: "unrecognized", reason: `${origin} must name exactly one file` };
  }
  return { kind: "plain-file", path: file.trim(), origin };
}
function hatch({ document }) {
  const version2 = table2(document, "tool", "hatch", "version");
  if (version2 === null) return null;
  const source = stringAt(version2, "source") ?? "regex";
  if (source === "vcs") return { kind: "scm", tool: "hatch-vcs" };
  if (source === "uv-dynamic-versioning") return { kind: "scm", tool: "uv-dynamic-versioning" };
  if (source === "versioningit") return { kind: "scm", tool: "versioningit" };
  const path = stringAt(version2, "path");
  if (source === "regex" && path !== null && version2["pattern"] === void 0) {
    return {
      kind: "python-file",
      candidates: [path],
      names: VERSION_NAMES,
      origin: "[tool.hatch.version].path"
    };
  }
  return { kind: "unrecognized", reason: `[tool.hatch.version] source = '${source}' is not supported` };
}
function pdm({ document }) {
  const version2 = table2(document, "tool", "pdm", "version");
  if (version2 === null) return null;
  const source = stringAt(version2, "source");
  if (source === "scm") return { kind: "scm", tool: "pdm scm" };
  const path = stringAt(version2, "path");
  if (source === "file" && path !== null) {
    return {
      kind: "python-file",
      candidates: [path],
      names: ["__version__"],
      origin: "[tool.pdm.version].path"
    };
  }
  return { kind: "unrecognized", reason: `[tool.pdm.version] source = '${source ?? ""}' is not supported` };
}
function setuptoolsDynamic({ document }) {
  const version2 = table2(document, "tool", "setuptools", "dynamic", "version");
  if (version2 === null) return null;
  const attr = stringAt(version2, "attr");
  if (attr !== null) {
    const packageDir = stringAt(table2(document, "tool", "setuptools", "package-dir"), "");
    const roots = packageDir === null ? MODULE_ROOTS : [packageDir, ...MODULE_ROOTS];
    return attrVersion(attr, "[tool.setuptools.dynamic].version.attr", roots);
  }
  if (version2["file"] !== void 0)
    return fileVersion(version2["file"], "[tool.setuptools.dynamic].version.file");
  return { kind: "unrecognized", reason: "[tool.setuptools.dynamic].version has neither attr nor file" };
}
var SCM_TABLES = [
  ["setuptools_scm", "setuptools-scm"],
  ["setuptools-scm", "setuptools-scm"],
  ["versioningit", "versioningit"],
  ["uv-dynamic-versioning", "uv-dynamic-versioning"]
];
function scmTable({ document }) {
  const found = SCM_TABLES.find(([key]) => table2(document, "tool", key) !== null);
  if (found !== void 0) return { kind: "scm", tool: found[1] };
  return poetryDynamicVersioning(document) ? { kind: "scm", tool: "poetry-dynamic-versioning" } : null;
}
var SCM_REQUIREMENTS = [
  "setuptools-scm",
  "hatch-vcs",
  "versioningit",
  "uv-dynamic-versioning",
  "poetry-dynamic-versioning"
];
function scmRequirement({ document }) {
  const tool = buildRequirements(document).find((name) => SCM_REQUIREMENTS.includes(name));
  return tool === void 0 ? null : { kind: "scm", tool };
}
function flit({ document, projectName }) {
  const backend = stringAt(table2(document, "build-system"), "build-backend") ?? "";
  if (!backend.startsWith("flit")) return null;
  const module = stringAt(table2(document, "tool", "flit", "module"), "name") ?? projectName?.replace(/[-.]/g, "_");
  if (module === void 0 || module === null)
    return { kind: "unrecognized", reason: "flit module name unknown" };
  const packages = MODULE_ROOTS.map(
    (root) => root === "." ? `${module}/__init__.py` : `${root}/${module}/__init__.py`
  );
  const singleModules = MODULE_ROOTS.map((root) => root === "." ? `${module}.py` : `${root}/${module}.py`);
  return {
    kind: "python-file",
    candidates: [...packages, ...singleModules],
    names: ["__version__"],
    origin: "flit module"
  };
}
function setuptoolsLegacy({ document }) {
  const backend = stringAt(table2(document, "build-system"), "build-backend");
  return backend === null || backend.startsWith("setuptools") ? { kind: "legacy" } : null;
}
var DETECTORS = [
  hatch,
  pdm,
  setuptoolsDynamic,
  scmTable,
  scmRequirement,
  flit,
  setuptoolsLegacy
];
function resolveDynamicVersion(view) {
  for (const detect of DETECTORS) {
    const found = detect(view);
    if (found !== null) return found;
  }
  const backend = stringAt(table2(view.document, "build-system"), "build-backend") ?? "unknown";
  return {
    kind: "unrecognized",
    reason: `[project].dynamic lists "version" but no supported version source was found (build backend ${backend})`
  };
}
function poetryDynamicVersioning(document) {
  return table2(document, "tool", "poetry-dynamic-versioning")?.["enable"] === true;
}

// src/core/project/metadata.ts
var NOTHING = { found: [], scm: false, unrecognized: null };
function unrecognized(reason) {
  return { found: [], scm: false, unrecognized: reason };
}
function readFiles(reader, projectPath) {
  const base2 = repoPath(projectPath, ".") ?? ".";
  const at = (name) => repoPath(base2, name) ?? name;
  const pyprojectPath = at("pyproject.toml");
  const setupCfgPath = at("setup.cfg");
  const setupPyPath = at("setup.py");
  const pyprojectText = reader.read(pyprojectPath);
  const setupCfgText = reader.read(setupCfgPath);
  const setupPyText = reader.read(setupPyPath);
  const pyproject = pyprojectText === null ? null : parseToml2(
    pyprojectText,
    (detail) => new ReleasioError("E_PROJECT_METADATA", `invalid TOML in ${pyprojectPath} at ${detail}`, {
      hint: "fix the TOML syntax of the project file",
      details: { file: pyprojectPath }
    })
  );
  return {
    base: base2,
    reader,
    pyprojectPath,
    setupCfgPath,
    setupPyPath,
    pyproject,
    setupCfg: setupCfgText === null ? null : parseIni(setupCfgText),
    setupPy: setupPyText === null ? null : readSetupCall(setupPyText)
  };
}
function followFile(files, dynamic) {
  if (dynamic.kind === "scm") return { found: [], scm: true, unrecognized: null };
  if (dynamic.kind === "unrecognized") return unrecognized(dynamic.reason);
  if (dynamic.kind === "legacy") return legacyVersion(files, true);
  if (dynamic.kind === "plain-file") {
    const path = repoPath(files.base, dynamic.path);
    const text3 = path === null ? null : files.reader.read(path);
    if (path === null || text3 === null)
      return unrecognized(`${dynamic.origin}: ${dynamic.path} does not exist`);
    const raw2 = readPlainVersion(text3);
    if (raw2 === null) return unrecognized(`${path} (${dynamic.origin}) does not hold a single version`);
    return {
      found: [{ source: { kind: "plain-file", path }, raw: raw2, where: path }],
      scm: false,
      unrecognized: null
    };
  }
  for (const candidate of dynamic.candidates) {
    const path = repoPath(files.base, candidate);
    const text3 = path === null ? null : files.reader.read(path);
    if (path === null || text3 === null) continue;
    const [assignment] = findVersionAssignments(text3, dynamic.names);
    if (assignment === void 0) {
      return unrecognized(
        `${path} (${dynamic.origin}) has no ${dynamic.names.join(" or ")} string assignment`
      );
    }
    const where = `${path} ${assignment.name}`;
    return {
      found: [{ source: { kind: "python-file", path }, raw: assignment.value, where }],
      scm: false,
      unrecognized: null
    };
  }
  return unrecognized(`${dynamic.origin}: none of ${dynamic.candidates.join(", ")} exists`);
}
function legacyVersion(files, required) {
  const version2 = files.setupCfg?.get("metadata")?.get("version")?.value.trim();
  if (version2 !== void 0 && version2 !== "") {
    const origin = `${files.setupCfgPath} [metadata] version`;
    if (version2.startsWith("attr:")) return followFile(files, attrVersion(version2.slice(5), origin));
    if (version2.startsWith("file:")) {
      const list = version2.slice(5).split(",").map((item) => item.trim());
      return followFile(files, fileVersion(list.length === 1 ? list[0] : list, origin));
    }
    const source = { kind: "setup-cfg", path: files.setupCfgPath };
    return { found: [{ source, raw: version2, where: origin }], scm: false, unrecognized: null };
  }
  if (files.setupPy !== null) {
    const problem = setupVersionProblem(files.setupPy);
    const raw2 = files.setupPy.version[0]?.value;
    if (problem === null && typeof raw2 === "string") {
      const source = { kind: "setup-py", path: files.setupPyPath };
      return {
        found: [{ source, raw: raw2, where: `${files.setupPyPath} version=` }],
        scm: false,
        unrecognized: null
      };
    }
    if (files.setupPy.version.length > 0) return unrecognized(`${files.setupPyPath}: ${problem}`);
  }
  return required ? unrecognized(`[project].dynamic lists "version" but neither setup.cfg nor setup.py declares one`) : NOTHING;
}
function pyprojectVersion(files, document) {
  const project = table2(document, "project");
  const poetry = table2(document, "tool", "poetry");
  const dynamic = project?.["dynamic"];
  const isDynamic = Array.isArray(dynamic) && dynamic.includes("version");
  const found = [];
  const projectVersion = stringAt(project, "version");
  if (projectVersion !== null && !isDynamic) {
    found.push({
      source: { kind: "pyproject-project", path: files.pyprojectPath },
      raw: projectVersion,
      where: `${files.pyprojectPath} [project].version`
    });
  }
  const poetryVersion = stringAt(poetry, "version");
  const poetryScm = poetryDynamicVersioning(document);
  if (poetryVersion !== null && !poetryScm) {
    found.push({
      source: { kind: "pyproject-poetry", path: files.pyprojectPath },
      raw: poetryVersion,
      where: `${files.pyprojectPath} [tool.poetry].version`
    });
  }
  if (found.length > 0) return { found, scm: false, unrecognized: null };
  if (poetryScm) return { found: [], scm: true, unrecognized: null };
  if (isDynamic)
    return followFile(files, resolveDynamicVersion({ document, projectName: stringAt(project, "name") }));
  return NOTHING;
}
function declaredName(files) {
  const setupName = files.setupPy?.name.length === 1 ? files.setupPy.name[0]?.value ?? null : null;
  return stringAt(table2(files.pyproject, "project"), "name") ?? stringAt(table2(files.pyproject, "tool", "poetry"), "name") ?? files.setupCfg?.get("metadata")?.get("name")?.value.trim() ?? setupName;
}
function definingFile(files) {
  const pyproject = files.pyproject;
  if (pyproject !== null && (table2(pyproject, "project") !== null || table2(pyproject, "tool", "poetry") !== null)) {
    return files.pyprojectPath;
  }
  if (files.setupCfg?.has("metadata")) return files.setupCfgPath;
  if (files.setupPy !== null) return files.setupPyPath;
  if (pyproject !== null) return files.pyprojectPath;
  return files.setupCfg !== null ? files.setupCfgPath : null;
}
function hasProjectTable(document) {
  return document !== null && (table2(document, "project") !== null || table2(document, "tool", "poetry") !== null);
}
function readProjectMetadata(reader, projectPath) {
  const files = readFiles(reader, projectPath);
  const finding = hasProjectTable(files.pyproject) ? pyprojectVersion(files, files.pyproject) : legacyVersion(files, false);
  const versions = finding.found.map((item) => formatVersion(parseVersion(item.raw, item.where)));
  const name = declaredName(files);
  return {
    path: files.base,
    name,
    normalizedName: name === null ? null : normalizePackageName(name),
    declaredVersion: versions[0] ?? null,
    rawDeclaredVersion: finding.found[0]?.raw ?? null,
    sources: finding.found.map((item) => item.source),
    scm: finding.scm,
    unrecognizedDynamic: finding.unrecognized,
    projectFile: definingFile(files)
  };
}

// src/edits/json-key.ts
var WHITESPACE = /* @__PURE__ */ new Set([" ", "	", "\n", "\r"]);
var JsonScanner = class {
  constructor(text3) {
    this.text = text3;
  }
  text;
  pos = 0;
  tokens = [];
  skip() {
    while (WHITESPACE.has(this.text.charAt(this.pos))) this.pos += 1;
  }
  string() {
    const start = this.pos;
    this.pos += 1;
    while (this.text.charAt(this.pos) !== '"') this.pos += this.text.charAt(this.pos) === "\\" ? 2 : 1;
    this.pos += 1;
    return JSON.parse(this.text.slice(start, this.pos));
  }
  value(path) {
    this.skip();
    const c = this.text.charAt(this.pos);
    if (c === '"') {
      const start = this.pos;
      this.string();
      this.tokens.push({ path, start, end: this.pos });
    } else if (c === "{") {
      this.container("}", () => {
        this.skip();
        const key = this.string();
        this.skip();
        this.pos += 1;
        this.value([...path, key]);
      });
    } else if (c === "[") {
      this.container("]", (index) => this.value([...path, index]));
    } else {
      while (this.pos < this.text.length && !/[\s,\]}]/.test(this.text.charAt(this.pos))) this.pos += 1;
    }
  }
  container(close, member) {
    this.pos += 1;
    this.skip();
    if (this.text.charAt(this.pos) === close) {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      member(index);
      this.skip();
      const c = this.text.charAt(this.pos);
      this.pos += 1;
      if (c === close) return;
    }
  }
};
function parseJsonKey(dotted) {
  return dotted.split(".").map((segment) => /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment);
}
function parseJson(text3, onError) {
  try {
    return JSON.parse(text3);
  } catch (error) {
    throw onError(error instanceof Error ? error.message : String(error));
  }
}
function resolvePath(document, segments) {
  const resolved = [];
  let current = document;
  for (const segment of segments) {
    const step = Array.isArray(current) ? segment : String(segment);
    resolved.push(step);
    current = getAtPath(current, [step]);
  }
  return resolved;
}
function verifyJsonEdit(before, after, file, path, expected) {
  const original = parseJson(
    before,
    (detail) => editVerifyError(file, `the original is not valid JSON: ${detail}`)
  );
  const edited = parseJson(after, (detail) => editVerifyError(file, `invalid JSON: ${detail}`));
  const actual = getAtPath(edited, path);
  if (actual !== expected) {
    throw editVerifyError(
      file,
      `${path.join(".")} is ${JSON.stringify(actual) ?? "missing"}, expected "${expected}"`
    );
  }
  const difference = firstDifference(withValueAt(original, path, expected), edited);
  if (difference !== null) throw editVerifyError(file, `${difference} changed unexpectedly`);
}
function readJsonString(text3, file, dottedKey) {
  const document = parseJson(text3, (detail) => versionFileError(file, `invalid JSON: ${detail}`));
  const path = resolvePath(document, parseJsonKey(dottedKey));
  const value = getAtPath(document, path);
  if (value === void 0) throw versionFileError(file, `key '${dottedKey}' not found`);
  if (typeof value !== "string") throw versionFileError(file, `'${dottedKey}' is not a string`);
  return { path, value };
}
function setJsonString(text3, file, dottedKey, value) {
  const { path } = readJsonString(text3, file, dottedKey);
  const scanner = new JsonScanner(text3);
  scanner.value([]);
  const token2 = scanner.tokens.findLast(
    (candidate) => candidate.path.length === path.length && candidate.path.every((s, i) => s === path[i])
  );
  if (token2 === void 0) throw versionFileError(file, `key '${dottedKey}' not found`);
  const after = text3.slice(0, token2.start) + JSON.stringify(value) + text3.slice(token2.end);
  verifyJsonEdit(text3, after, file, path, value);
  return after;
}

// src/edits/pattern.ts
var VERSION_PLACEHOLDER = "{version}";
function occurrences(text3, needle) {
  const found = [];
  if (needle === "") return found;
  for (let at = text3.indexOf(needle); at >= 0; at = text3.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}
function plural2(count) {
  return count === 1 ? "match" : "matches";
}
function verifyPatternEdit(before, after, file, oldText, newText) {
  let expectedAfter = "";
  let previous = 0;
  for (const at of occurrences(before, oldText)) {
    expectedAfter += before.slice(previous, at) + newText;
    previous = at + oldText.length;
  }
  expectedAfter += before.slice(previous);
  if (after !== expectedAfter) {
    let at = 0;
    while (at < after.length && after.charAt(at) === expectedAfter.charAt(at)) at += 1;
    const line = after.slice(0, at).split("\n").length;
    throw editVerifyError(file, `unexpected text on line ${line}`);
  }
}
function setPatternVersion(text3, file, pattern, from, to, count = 1) {
  if (!pattern.includes(VERSION_PLACEHOLDER)) {
    throw versionFileError(file, `the pattern ${pattern} does not contain ${VERSION_PLACEHOLDER}`);
  }
  const oldText = pattern.replaceAll(VERSION_PLACEHOLDER, from);
  const newText = pattern.replaceAll(VERSION_PLACEHOLDER, to);
  const found = occurrences(text3, oldText).length;
  if (found !== count) {
    throw versionFileError(file, `expected exactly ${count} ${plural2(count)} of ${oldText}, found ${found}`);
  }
  const after = text3.split(oldText).join(newText);
  verifyPatternEdit(text3, after, file, oldText, newText);
  return after;
}

// src/edits/uv-lock.ts
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null && !(value instanceof Date)) {
    const entries = Object.entries(value).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
function lockedPackages(document) {
  const packages = Array.isArray(document["package"]) ? document["package"] : [];
  return packages.flatMap((entry, index) => {
    if (typeof entry !== "object" || entry === null) return [];
    const record2 = entry;
    if (typeof record2["name"] !== "string") return [];
    const source = record2["source"];
    const local = typeof source === "object" && source !== null && ("editable" in source || "virtual" in source);
    return [
      {
        index,
        name: record2["name"],
        version: typeof record2["version"] === "string" ? record2["version"] : null,
        source: source === void 0 ? "" : canonicalJson(source),
        local
      }
    ];
  });
}
function pinsByName(packages, allowed) {
  const pins = /* @__PURE__ */ new Map();
  for (const pkg of packages) {
    const name = normalizePackageName(pkg.name);
    if (allowed.has(name)) continue;
    const list = pins.get(name) ?? [];
    list.push(`${pkg.version ?? "(no version)"}${pkg.source === "" ? "" : ` ${pkg.source}`}`);
    pins.set(name, list);
  }
  for (const list of pins.values()) list.sort();
  return pins;
}
function describeChange(name, old, now) {
  const version2 = (pin) => pin.split(" ")[0];
  if (old.length === 1 && now.length === 1 && version2(old[0]) !== version2(now[0])) {
    return `${name} ${version2(old[0])} \u2192 ${version2(now[0])}`;
  }
  return `${name} ${old.join(", ")} \u2192 ${now.join(", ")}`;
}
function checkLockPins(before, after, file, allowed) {
  const allowedNames = new Set(allowed.map(normalizePackageName));
  const old = pinsByName(
    lockedPackages(
      parseToml2(before, (detail) => editVerifyError(file, `the original is not valid TOML: ${detail}`))
    ),
    allowedNames
  );
  const now = pinsByName(
    lockedPackages(parseToml2(after, (detail) => editVerifyError(file, `invalid TOML at ${detail}`))),
    allowedNames
  );
  const changes = [];
  for (const [name, oldPins] of old) {
    const newPins = now.get(name);
    if (newPins !== void 0 && newPins.join("\n") !== oldPins.join("\n")) {
      changes.push(describeChange(name, oldPins, newPins));
    }
  }
  if (changes.length > 0) {
    throw new ReleasioError(
      "E_LOCK_PIN_CHANGED",
      `${file}: refreshing changed pinned versions (${changes.join(", ")}); restored the original file`,
      {
        hint: "only the project's own entries may change; refresh the lock separately and commit it first",
        details: { file, changes }
      }
    );
  }
}
function versionChanges(document, wanted, to) {
  const targets = lockedPackages(document).filter(
    (pkg) => pkg.local && pkg.version !== null && wanted.has(normalizePackageName(pkg.name))
  );
  const changes = targets.map((pkg) => ({
    path: ["package", pkg.index, "version"],
    value: to
  }));
  return { targets, changes };
}
function verifyUvLockEdit(before, after, file, packages, to) {
  checkLockPins(before, after, file, packages);
  const document = parseToml2(
    before,
    (detail) => editVerifyError(file, `the original is not valid TOML: ${detail}`)
  );
  const { changes } = versionChanges(document, new Set(packages.map(normalizePackageName)), to);
  verifyTomlChanges(before, after, file, changes);
}
function setUvLockVersions(text3, file, packages, to) {
  const document = parseToml2(text3, (detail) => versionFileError(file, `invalid TOML at ${detail}`));
  const { targets, changes } = versionChanges(document, new Set(packages.map(normalizePackageName)), to);
  const changed = targets.filter((pkg) => pkg.version !== to).map((pkg) => ({ name: pkg.name, from: pkg.version }));
  if (changed.length === 0) return { text: text3, changed };
  const after = replaceTomlStrings(text3, file, changes);
  verifyUvLockEdit(text3, after, file, packages, to);
  return { text: after, changed };
}

// src/core/project/version-files.ts
var EXCLUDED_DIRECTORIES = /* @__PURE__ */ new Set([
  "tests",
  "test",
  "docs",
  "doc",
  "examples",
  "scripts",
  "dist",
  "build"
]);
var VERSION_MODULES = ["__version__.py", "_version.py", "__about__.py", "__init__.py", "version.py"];
function sameVersion2(value, current) {
  if (current === null) return false;
  if (value === current) return true;
  const parsed = tryParseVersion(value);
  return parsed !== null && formatVersion(parsed) === current;
}
function versionFilePath(projectPath, spec) {
  const path = repoPath(projectPath, spec.path);
  if (path === null || path === ".") {
    throw versionFileError(spec.path, "version file paths must be relative and stay inside the repository");
  }
  return path;
}
function isPackageDirectory(name) {
  return !name.startsWith(".") && !name.startsWith("_") && !EXCLUDED_DIRECTORIES.has(name);
}
function packageDirectories(tracked, base2) {
  const prefix = base2 === "." ? "" : `${base2}/`;
  const directories = /* @__PURE__ */ new Set();
  for (const file of tracked) {
    if (!file.startsWith(prefix)) continue;
    const parts = file.slice(prefix.length).split("/");
    if (parts[0] === "src" && parts.length >= 3 && isPackageDirectory(parts[1])) {
      directories.add(`${prefix}src/${parts[1]}`);
    } else if (parts.length === 2 && parts[1] === "__init__.py" && isPackageDirectory(parts[0])) {
      directories.add(`${prefix}${parts[0]}`);
    }
  }
  return [...directories].sort();
}
function detectVersionFiles(reader, projectPath, current) {
  if (current === null) return [];
  const base2 = repoPath(projectPath, ".") ?? ".";
  const detected = [];
  for (const directory of packageDirectories(reader.tracked, base2)) {
    for (const module of VERSION_MODULES) {
      const path = `${directory}/${module}`;
      const text4 = reader.tracked.has(path) ? reader.read(path) : null;
      if (text4 === null) continue;
      if (findVersionAssignments(text4).some((assignment) => sameVersion2(assignment.value, current))) {
        detected.push({ path, format: "python" });
      }
    }
  }
  const versionFile = repoPath(base2, "VERSION") ?? "VERSION";
  const text3 = reader.tracked.has(versionFile) ? reader.read(versionFile) : null;
  const value = text3 === null ? null : readPlainVersion(text3);
  if (value !== null && sameVersion2(value, current)) detected.push({ path: versionFile, format: "plain" });
  return detected;
}
function resolveVersionFiles(reader, projectPath, specs, autoDetect, current) {
  const explicit = specs.map((spec) => {
    const path = versionFilePath(projectPath, spec);
    if (reader.read(path) === null) {
      throw versionFileError(
        path,
        "the version file does not exist",
        "fix or remove the version.version_files entry"
      );
    }
    return { origin: "explicit", path, spec };
  });
  const listed = new Set(explicit.map((file) => file.path));
  const detected = autoDetect ? detectVersionFiles(reader, projectPath, current).filter((file) => !listed.has(file.path)).map((file) => ({ origin: "auto", ...file })) : [];
  return [...explicit, ...detected];
}

// src/core/project/plan-edits.ts
var EditBuffer = class {
  constructor(reader, to) {
    this.reader = reader;
    this.to = to;
  }
  reader;
  to;
  files = /* @__PURE__ */ new Map();
  has(path) {
    return this.files.has(path);
  }
  content(path) {
    return this.files.get(path)?.after ?? this.reader.read(path);
  }
  apply(path, kind, edit) {
    const text3 = this.content(path);
    if (text3 === null) throw versionFileError(path, "the version file does not exist");
    const result = edit(text3);
    const planned = this.files.get(path);
    if (planned === void 0) {
      this.files.set(path, { path, kind, from: result.from, to: this.to, before: text3, after: result.after });
    } else {
      planned.after = result.after;
    }
    return result;
  }
  edits() {
    return [...this.files.values()].filter((edit) => edit.after !== edit.before);
  }
};
var SOURCE_KINDS = {
  "pyproject-project": "pyproject",
  "pyproject-poetry": "pyproject",
  "setup-cfg": "setup-cfg",
  "setup-py": "setup-py",
  "python-file": "version-file",
  "plain-file": "version-file"
};
function canonical(version2) {
  if (version2 === null) return null;
  const parsed = tryParseVersion(version2);
  return parsed === null ? version2 : formatVersion(parsed);
}
var Planner = class {
  constructor(input) {
    this.input = input;
    this.buffer = new EditBuffer(input.reader, input.to);
    this.current = canonical(input.from);
  }
  input;
  buffer;
  warnings = [];
  current;
  mismatch(path, label, value) {
    if (this.current === null || sameVersion2(value, this.current)) return;
    this.warnings.push({
      code: "W_VERSION_MISMATCH",
      message: `${path}: ${label} is ${value} but the current version is ${this.current}; it will be set to ${this.input.to}`
    });
  }
  toml(path, kind, keyPath, label) {
    this.buffer.apply(path, kind, (text3) => {
      const from = getTomlString(text3, path, keyPath);
      this.mismatch(path, label, from);
      return { from, after: setTomlString(text3, path, keyPath, this.input.to) };
    });
  }
  /** A Python file: the single assignment, or the ones holding the current version; `onlyCurrent` for detection. */
  python(path, onlyCurrent) {
    this.buffer.apply(path, "version-file", (text3) => {
      const all2 = findVersionAssignments(text3);
      const isCurrent = (value) => sameVersion2(value, this.current);
      const chosen = onlyCurrent ? all2.filter((assignment) => isCurrent(assignment.value)) : chooseAssignments(path, all2, isCurrent, this.current);
      for (const assignment of chosen) this.mismatch(path, assignment.name, assignment.value);
      const from = chosen[0]?.value ?? null;
      return { from, after: setPythonAssignments(text3, path, chosen, this.input.to) };
    });
  }
  plain(path) {
    this.buffer.apply(path, "version-file", (text3) => {
      const from = readPlainVersion(text3);
      if (from !== null) this.mismatch(path, "the version", from);
      return { from, after: setPlainVersion(text3, path, this.input.to) };
    });
  }
  declared(source) {
    const kind = SOURCE_KINDS[source.kind];
    const path = source.path;
    switch (source.kind) {
      case "pyproject-project":
        this.toml(path, kind, ["project", "version"], "[project].version");
        return;
      case "pyproject-poetry":
        this.toml(path, kind, ["tool", "poetry", "version"], "[tool.poetry].version");
        return;
      case "setup-cfg":
        this.buffer.apply(path, kind, (text3) => ({
          from: parseIni(text3).get("metadata")?.get("version")?.value ?? null,
          after: setSetupCfgVersion(text3, path, this.input.to)
        }));
        return;
      case "setup-py":
        this.buffer.apply(path, kind, (text3) => ({
          from: readSetupCall(text3).version[0]?.value ?? null,
          after: setSetupPyVersion(text3, path, this.input.to)
        }));
        return;
      case "python-file":
        this.python(path, false);
        return;
      case "plain-file":
        this.plain(path);
        return;
    }
  }
  /** A `"path"` entry: a Python module, or a file holding only the version. */
  pathEntry(path) {
    const text3 = this.buffer.content(path) ?? "";
    const isPython = /\.pyi?$/.test(path) || readPlainVersion(text3) === null && findVersionAssignments(text3).length > 0;
    if (isPython) {
      this.python(path, false);
      return;
    }
    if (readPlainVersion(text3) === null) {
      throw versionFileError(path, "holds neither a single version nor a version assignment");
    }
    this.plain(path);
  }
  /** The literal pattern with `{version}` = D; the declared spelling is tried when it differs from the canonical. */
  patternEntry(path, pattern, count) {
    if (this.current === null) {
      throw versionFileError(path, `cannot match ${pattern}: no current version is known`);
    }
    const current = this.current;
    const raw2 = this.input.metadata.declaredVersion === current ? this.input.metadata.rawDeclaredVersion : null;
    this.buffer.apply(path, "version-file", (text3) => {
      try {
        return {
          from: current,
          after: setPatternVersion(text3, path, pattern, current, this.input.to, count)
        };
      } catch (error) {
        if (raw2 === null || raw2 === current) throw error;
        try {
          return { from: raw2, after: setPatternVersion(text3, path, pattern, raw2, this.input.to, count) };
        } catch {
          throw error;
        }
      }
    });
  }
  explicit(path, spec) {
    switch (spec.kind) {
      case "path":
        this.pathEntry(path);
        return;
      case "pattern":
        this.patternEntry(path, spec.pattern, spec.count);
        return;
      case "toml_key": {
        const keyPath = parseTomlKey(spec.toml_key);
        if (keyPath === null) throw versionFileError(path, `'${spec.toml_key}' is not a valid TOML key`);
        this.toml(path, "version-file", keyPath, spec.toml_key);
        return;
      }
      case "json_key":
        this.buffer.apply(path, "version-file", (text3) => {
          const from = readJsonString(text3, path, spec.json_key).value;
          this.mismatch(path, spec.json_key, from);
          return { from, after: setJsonString(text3, path, spec.json_key, this.input.to) };
        });
        return;
    }
  }
  versionFiles() {
    const { reader, metadata, versionFiles, autoDetect } = this.input;
    const declaredFiles = new Set(
      metadata.sources.filter((s) => s.kind === "python-file" || s.kind === "plain-file").map((s) => s.path)
    );
    for (const file of resolveVersionFiles(reader, metadata.path, versionFiles, autoDetect, this.current)) {
      if (file.origin === "explicit" && file.spec.kind === "path" && declaredFiles.has(file.path)) continue;
      if (file.origin === "explicit") this.explicit(file.path, file.spec);
      else if (!this.buffer.has(file.path)) {
        if (file.format === "python") this.python(file.path, true);
        else this.plain(file.path);
      }
    }
  }
  lockFile() {
    const { reader, metadata, lockPackages } = this.input;
    const packages = lockPackages ?? (metadata.normalizedName === null ? [] : [metadata.normalizedName]);
    if (packages.length === 0) return;
    const lockPath = selfAndParents(metadata.path).map((directory) => repoPath(directory, "uv.lock") ?? "uv.lock").find((path) => reader.read(path) !== null);
    if (lockPath === void 0) return;
    this.buffer.apply(lockPath, "lock-file", (text3) => {
      const { text: after, changed } = setUvLockVersions(text3, lockPath, packages, this.input.to);
      return { from: changed[0]?.from ?? null, after };
    });
  }
  edits() {
    return this.buffer.edits();
  }
};
function planVersionEdits(input) {
  const planner = new Planner(input);
  for (const source of input.metadata.sources) planner.declared(source);
  planner.versionFiles();
  if (input.updateLockFile && !input.metadata.scm) planner.lockFile();
  return { edits: planner.edits(), warnings: planner.warnings };
}

// src/core/version/reachability-search.ts
async function resolveReachability(tags, prereleaseRun, ask, firstBatch = 1) {
  let foundQualifying = false;
  let foundFinal = false;
  let asked = 0;
  for (let i = 0, size = firstBatch; i < tags.length && !(foundQualifying && foundFinal); i += size, size *= 4) {
    const batch = tags.slice(i, i + size);
    const reachable = await ask(batch.map((t) => t.name));
    asked += batch.length;
    for (const t of batch) {
      t.reachable = reachable.has(t.name);
      if (!t.reachable) continue;
      if (isFinal(t.version)) {
        foundFinal = true;
        foundQualifying = true;
      } else if (prereleaseRun) foundQualifying = true;
    }
  }
  return asked;
}

// src/commands/context.ts
var silentLogger = { info() {
}, debug() {
}, warn() {
} };
function contextFrom(options) {
  return {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    now: options.now ?? (() => /* @__PURE__ */ new Date()),
    logger: options.logger ?? silentLogger,
    fetch: options.fetch ?? ((url2, init) => fetch(url2, init)),
    registerSecret: options.registerSecret ?? (() => {
    })
  };
}
var WarningList = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  items = [];
  add(warning) {
    if (this.items.some((w) => w.code === warning.code && w.message === warning.message)) return;
    this.items.push(warning);
    this.logger.warn(warning);
  }
  addAll(warnings) {
    for (const w of warnings) this.add(w);
  }
};

// src/commands/plan-release.ts
function validateFlags(options) {
  if (options.version) normalizeVersion(options.version, "--version");
  if (options.prerelease) parsePrereleaseToken(options.prerelease, "--prerelease");
}
async function resolveDetachedBranch(git, env, remote) {
  const ci = env.GITHUB_REF?.startsWith("refs/heads/") ? env.GITHUB_REF_NAME : env.CI_COMMIT_BRANCH;
  if (!ci) return null;
  const contained = await isAncestor(git, "HEAD", `refs/remotes/${remote}/${ci}`).catch(() => false);
  return contained ? ci : null;
}
async function readRange(git, head, tags, prereleaseRun) {
  const candidate = tags.find((t) => prereleaseRun || isFinal(t.version));
  if (candidate && isFinal(candidate.version)) {
    const raws2 = [];
    let reachable = candidate.commit === head;
    if (!reachable) {
      await streamLog(git, [`${candidate.commit}..${head}`], (c) => raws2.push(c), {
        onBoundary: (sha) => {
          if (sha === candidate.commit) reachable = true;
        }
      });
    }
    if (reachable) {
      candidate.reachable = true;
      return { previous: selectPreviousRelease(tags, prereleaseRun), raws: raws2 };
    }
  }
  await resolveReachability(tags, prereleaseRun, (names) => reachableTagNames(git, head, names));
  const previous = selectPreviousRelease(tags, prereleaseRun);
  const raws = [];
  await streamLog(
    git,
    [previous.previous ? `${previous.previous.commit}..${head}` : head],
    (c) => raws.push(c)
  );
  return { previous, raws };
}
async function firstTimeContributors(git, previousCommit, commits) {
  const keyOf = (name, email) => authorKey({ name, email, login: loginFromEmail(email) });
  const before = /* @__PURE__ */ new Set();
  const out = await git.text(["log", "--format=%aN%x00%aE", previousCommit]);
  for (const line of out.split("\n")) {
    const [name, email] = line.split("\0");
    if (email !== void 0) before.add(keyOf(name, email));
  }
  const firsts = /* @__PURE__ */ new Set();
  for (const c of commits) {
    const key = keyOf(c.author.name, c.author.email);
    if (!before.has(key)) firsts.add(key);
  }
  return firsts;
}
async function dependencyChanges(git, reader, projectPath, previousCommit, exclude) {
  for (const kind of LOCK_KINDS) {
    const path = projectFile(projectPath, kind);
    const after = reader.read(path);
    if (after === null) continue;
    const before = await showFile(git, previousCommit, path);
    return diffDependencies(
      before === null ? /* @__PURE__ */ new Map() : parseLockVersions(kind, before),
      parseLockVersions(kind, after),
      exclude
    );
  }
  return [];
}
function today(ctx) {
  return ctx.now().toISOString().slice(0, 10);
}
async function readProject(options = {}) {
  const ctx = contextFrom(options);
  const warnings = new WarningList(ctx.logger);
  validateFlags(options);
  const start = resolve3(ctx.cwd, options.path ?? ".");
  const probe = await probeRepository(start, ctx.env, options.verbose ? (l) => ctx.logger.debug(l) : null);
  const { git, head } = probe;
  const root = git.cwd;
  const early = probe.shallow ? null : Promise.all([listTags(git), remoteUrls(git)]);
  early?.catch(() => {
  });
  const loaded = await loadConfig({
    cwd: start,
    repoRoot: root,
    env: ctx.env,
    configFile: options.config ?? ctx.env.RELEASIO_CONFIG ?? null
  });
  warnings.addAll(loaded.warnings);
  const config = loaded.config;
  const remote = config.git.remote;
  if (probe.shallow) {
    await deepenShallowClone(git, remote);
    warnings.add({
      code: "W_SHALLOW_DEEPENED",
      message: `the clone was shallow; fetched the full history and tags from ${remote}`
    });
  }
  const [branch, tracked, [rawTags, urls]] = await Promise.all([
    probe.branch ?? resolveDetachedBranch(git, ctx.env, remote),
    config.version.auto_detect_version_files ? trackedFiles(git) : /* @__PURE__ */ new Set(),
    early ?? Promise.all([listTags(git), remoteUrls(git)])
  ]);
  const url2 = urls.get(remote) ?? null;
  await options.preflight?.({ git, config, warnings, branch });
  const channel = channelFor(config, branch);
  const reader = diskReader(root, tracked);
  const forge = config.changelog.links ? forgeLinks(config, url2, ctx.env) : null;
  const projectDir = findProjectDir(root, start);
  const projectPath = projectDir ?? (toPosix(relative3(root, start)) || ".");
  let metadata = null;
  if (projectDir === null) {
    warnings.add({
      code: "W_NO_PROJECT_FILE",
      message: `no pyproject.toml, setup.cfg or setup.py found in ${start}: versions come from tags only`
    });
  } else {
    metadata = readProjectMetadata(reader, projectDir);
    if (metadata.unrecognizedDynamic) {
      const message = `cannot determine the declared version of ${metadata.name ?? projectDir}: ${metadata.unrecognizedDynamic}`;
      if (options.writing) throw new ReleasioError("E_PROJECT_METADATA", message);
      warnings.add({ code: "W_DYNAMIC_VERSION", message });
    }
  }
  return {
    ctx,
    git,
    root,
    head,
    branch,
    channel,
    loaded,
    config,
    reader,
    forge,
    rawTags,
    projectPath,
    metadata,
    warnings
  };
}
async function planRelease(options = {}) {
  const state = await readProject(options);
  const { ctx, git, root, head, config, reader, forge, rawTags, projectPath, metadata, warnings, channel } = state;
  const prerelease = effectiveToken(options.prerelease, channel, config);
  const selected = options.packages ?? [];
  const own = [metadata?.name, metadata?.normalizedName].filter((n) => !!n);
  const unknown = selected.filter((n) => !own.includes(n) && !own.includes(normalizePackageName(n)));
  if (unknown.length > 0) {
    throw new ReleasioError(
      "E_USAGE",
      `unknown package '${unknown[0]}': this repository holds ${own[0] ?? "no named project"}`,
      {
        hint: own[0] ? `use --package ${own[0]} or leave --package out` : "leave --package out"
      }
    );
  }
  const pattern = { prefix: config.version.tag_prefix, suffix: "" };
  const tags = releaseTags(rawTags, pattern);
  const { previous, raws } = await readRange(git, head, tags, prerelease.token !== null);
  const declared = metadata?.declaredVersion ?? null;
  let declaredOnIndex = null;
  if (previous.previous === null && declared !== null && metadata?.name) {
    const api = jsonApiBase(config.publish.registry);
    const offline = options.offline || envFlag(ctx.env.RELEASIO_OFFLINE);
    if (config.publish.enabled && api && !offline) {
      declaredOnIndex = await indexHasRelease(ctx.fetch, api, metadata.name, declared);
    }
    if (declaredOnIndex === null) {
      warnings.add({
        code: "W_INDEX_UNCHECKED",
        message: `could not ask the index whether ${metadata.name} ${declared} is already released; treating it as unreleased`
      });
    }
  }
  const previousCommit = previous.previous?.commit ?? null;
  const firstTimers = config.changelog.show_first_time_contributors && previousCommit ? await firstTimeContributors(git, previousCommit, raws) : /* @__PURE__ */ new Set();
  const exclude = metadata?.normalizedName ? [metadata.normalizedName] : [];
  const dependencies = config.changelog.include_dependency_updates && previousCommit ? await dependencyChanges(git, reader, projectPath, previousCommit, exclude) : [];
  const result = buildPackagePlan({
    config,
    project: metadata?.name ?? null,
    path: projectPath,
    declared,
    tagPattern: pattern,
    tags,
    previous,
    head,
    commits: raws,
    prerelease,
    override: options.version ? normalizeVersion(options.version, "--version") : null,
    declaredOnIndex,
    date: today(ctx),
    forge,
    firstTimeContributors: firstTimers,
    dependencies,
    notes: options.notes ?? null,
    renderChangelog: config.changelog.engine === "native"
  });
  warnings.addAll(result.warnings);
  const plan = result.plan;
  if (plan.release_needed && config.changelog.engine === "git-cliff" && plan.tag) {
    plan.changelog = `${await runGitCliff({
      cwd: root,
      env: ctx.env,
      config: config.changelog.cliff_config,
      projectPath,
      tag: plan.tag,
      range: previousCommit ? `${previous.previous.name}..${head}` : head,
      includePath: null
    })}
`;
  }
  let edits = [];
  const changelogPath = config.changelog.enabled ? projectFile(projectPath, config.changelog.path) : null;
  if (plan.release_needed && plan.next_version && !plan.pending_release) {
    if (metadata && declared !== null) {
      const editPlan = planVersionEdits({
        reader,
        metadata,
        versionFiles: config.version.version_files,
        autoDetect: config.version.auto_detect_version_files,
        from: declared,
        to: plan.next_version,
        updateLockFile: config.version.update_lock_file
      });
      warnings.addAll(editPlan.warnings);
      edits = editPlan.edits.filter((e) => e.before !== e.after);
    }
    const files = edits.map((e) => ({ path: e.path, kind: e.kind, from: e.from, to: e.to }));
    if (changelogPath)
      files.push({ path: changelogPath, kind: "changelog", from: null, to: plan.next_version });
    plan.files = files;
  }
  return {
    ...state,
    packages: [{ plan, metadata, edits, changelogPath }],
    commits: result.commits,
    warnings
  };
}

// src/commands/preconditions.ts
async function checkCleanTree(plan, execute, allowDirty) {
  if (allowDirty || plan.config.allow_dirty) return;
  const dirty = await dirtyFiles(plan.git);
  if (dirty.length === 0) return;
  const list = dirty.slice(0, 5).join(", ");
  if (execute) {
    throw new ReleasioError(
      "E_DIRTY_TREE",
      `the working tree has uncommitted changes (${dirty.length} files: ${list})`,
      {
        hint: "commit or stash them, or pass --allow-dirty"
      }
    );
  }
  plan.warnings.add({
    code: "W_DIRTY_TREE",
    message: `the working tree has uncommitted changes (${dirty.length} files: ${list})`
  });
}

// src/commands/changelog.ts
function utcDate(iso) {
  return new Date(iso).toISOString().slice(0, 10);
}
async function changelog(options = {}) {
  const execute = options.execute === true;
  const rewritesChangelog = execute && !options.output;
  const state = await readProject({
    ...options,
    ...rewritesChangelog ? { preflight: (s) => checkCleanTree(s, true, options.allowDirty === true) } : {}
  });
  const { config, git, root, head } = state;
  if (execute && !options.output && !config.changelog.enabled) {
    throw new ReleasioError(
      "E_USAGE",
      "changelog.enabled is false, so 'changelog --execute' has no file to write",
      {
        hint: "set changelog.enabled = true, or write the document elsewhere with -o FILE"
      }
    );
  }
  const changelogPath = projectFile(state.projectPath, config.changelog.path);
  const rules = {
    ...classifyOptions(config, { breakingBumpsMinor: false }),
    keepBody: config.changelog.commit_template?.includes("{body}") ?? false
  };
  const commits = [];
  if (config.changelog.engine === "native") {
    await streamLog(
      git,
      [head],
      (c) => commits.push({ sha: c.sha, parents: c.parents, infos: classifyCommit(c, rules) })
    );
  }
  const inHistory = /* @__PURE__ */ new Set();
  for (const c of commits) inHistory.add(c.sha);
  const tags = releaseTags(state.rawTags, { prefix: config.version.tag_prefix, suffix: "" }).filter((t) => inHistory.has(t.commit) && (options.prereleases || isFinal(t.version))).reverse();
  const releases = [];
  const entries = [];
  if (config.changelog.engine === "git-cliff") {
    const out = await runGitCliff({
      cwd: root,
      env: state.ctx.env,
      config: config.changelog.cliff_config,
      projectPath: state.projectPath,
      tag: null,
      range: null,
      includePath: null
    });
    entries.push(`${out}
`);
  } else {
    const byRelease = assignCommitsToReleases(commits, tags, head);
    commits.length = 0;
    inHistory.clear();
    const render = (name, version2, previousTag, date, nodes) => renderEntry(
      {
        version: version2,
        tag: name,
        previousTag,
        date,
        commits: nodes.flatMap((n) => n.infos),
        forge: state.forge,
        notes: null,
        firstTimeContributors: /* @__PURE__ */ new Set(),
        dependencies: []
      },
      config.changelog
    );
    const newest = tags[tags.length - 1];
    if (options.unreleased) {
      const raws = byRelease.get(UNRELEASED) ?? [];
      byRelease.delete(UNRELEASED);
      const entry = render(head, "Unreleased", newest?.name ?? null, "", raws);
      entries.push(entry.replace(/^## .*\n/, "## [Unreleased]\n"));
    }
    for (let i = tags.length - 1; i >= 0; i--) {
      const tag = tags[i];
      const raws = byRelease.get(tag.name) ?? [];
      byRelease.delete(tag.name);
      const version2 = formatVersion(tag.version);
      const date = utcDate(tag.date);
      entries.push(render(tag.name, version2, tags[i - 1]?.name ?? null, date, raws));
      releases.push({ version: version2, tag: tag.name, date, commits: raws.length });
    }
  }
  const existing = state.reader.read(changelogPath);
  const content = renderDocument(splitPreamble(existing, config.changelog.header), entries);
  let path = null;
  let written = false;
  if (options.output && options.output !== "-") {
    path = options.output;
    writeFilesAtomically(state.ctx.cwd, [{ path: options.output, content, original: null }]);
    written = true;
  } else if (execute && !options.output) {
    path = changelogPath;
    writeFilesAtomically(root, [{ path: changelogPath, content, original: existing }]);
    written = true;
  }
  return {
    ...envelope("changelog", !execute && !written, state.warnings.items),
    path,
    written,
    releases,
    content
  };
}

// src/commands/check.ts
function planPayload(command, plan, dryRun) {
  const first = plan.packages[0].plan;
  return {
    ...envelope(command, dryRun, plan.warnings.items),
    ...first,
    head: plan.head,
    branch: plan.branch,
    channel: plan.channel?.name ?? null,
    commits: plan.commits.map(publicCommit),
    packages: plan.packages.map((p) => p.plan)
  };
}
function publicCommit(c) {
  const { group: _group, co_authors: _co, body: _body, ...rest } = c;
  return rest;
}
async function check2(options = {}) {
  const plan = await planRelease(options);
  return planPayload("check", plan, false);
}

// src/adapters/process/hooks.ts
import { spawn as spawn3 } from "child_process";

// src/core/hooks/substitute.ts
var HOOK_VARIABLES = [
  "version",
  "tag",
  "previous_version",
  "previous_tag",
  "project_path",
  "branch",
  "package"
];
var PLACEHOLDER = new RegExp(`\\{(${HOOK_VARIABLES.join("|")})\\}`, "g");
function quotePosix(value) {
  return `'${value.replace(/'/g, "'\\''")}'`;
}
function quoteWindows(name, value) {
  if (/["%!^&|<>\r\n]/.test(value)) {
    throw new ReleasioError(
      "E_HOOK_UNSAFE_VALUE",
      `cannot pass ${name}='${value}' safely to the shell; use $RELEASIO_${name.toUpperCase()} instead`
    );
  }
  return `"${value}"`;
}
function substituteHookCommand(command, values, platform) {
  return command.replace(
    PLACEHOLDER,
    (_whole, name) => platform === "posix" ? quotePosix(values[name]) : quoteWindows(name, values[name])
  );
}
function hookEnvironment(hook, values) {
  const env = { RELEASIO_HOOK: hook };
  for (const name of HOOK_VARIABLES) env[`RELEASIO_${name.toUpperCase()}`] = values[name];
  return env;
}

// src/adapters/process/hooks.ts
function shellFor(platform, command) {
  return platform === "win32" ? ["cmd.exe", ["/d", "/s", "/c", command]] : ["/bin/sh", ["-c", command]];
}
function runOne(command, options, env) {
  const [shell, args] = shellFor(options.platform ?? process.platform, command);
  return new Promise((resolve4, reject) => {
    const child = spawn3(shell, args, {
      cwd: options.cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true
    });
    let tail = "";
    const onData = (b) => {
      const text3 = b.toString("utf8");
      options.onOutput(text3);
      tail = (tail + text3).split("\n").slice(-20).join("\n");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve4({ code: code ?? 1, tail }));
  });
}
async function runHooks(hook, commands, values, options) {
  const runs = [];
  const platform = (options.platform ?? process.platform) === "win32" ? "windows" : "posix";
  const env = { ...options.env, ...hookEnvironment(hook, values) };
  for (const [i, raw2] of commands.entries()) {
    const command = substituteHookCommand(raw2, values, platform);
    const started = performance.now();
    const { code, tail } = await runOne(command, options, env);
    runs.push({ hook, command, exit_code: code, duration_ms: Math.round(performance.now() - started) });
    if (code !== 0) {
      const message = `hook ${hook} command ${i + 1} exited with ${code}: ${raw2}`;
      if (options.failureIsWarning) {
        options.onWarning?.(message);
        continue;
      }
      throw new ReleasioError("E_HOOK_FAILED", message, { details: { output_tail: tail } });
    }
  }
  return runs;
}

// src/adapters/process/lock-tools.ts
import { existsSync as existsSync3, readFileSync as readFileSync4, writeFileSync as writeFileSync2 } from "fs";
import { join as join6 } from "path";
async function refreshLockFiles(r) {
  const lockPath = projectFile(r.projectPath, "uv.lock");
  const file = join6(r.root, lockPath);
  const uv = findExecutable("uv", r.env);
  if (!uv || !existsSync3(file)) return [];
  const original = r.original ?? readFileSync4(file, "utf8");
  const result = await runProcess(uv, ["lock"], { cwd: join6(r.root, r.projectPath), env: r.env });
  if (result.code !== 0) {
    writeFileSync2(file, original);
    throw new ReleasioError(
      "E_LOCK_TOOL",
      `uv lock failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-5).join(" | ")}`
    );
  }
  const refreshed = readFileSync4(file, "utf8");
  try {
    checkLockPins(original, refreshed, lockPath, r.ownName ? [r.ownName] : []);
  } catch (error) {
    writeFileSync2(file, original);
    throw error;
  }
  return refreshed === original || r.alreadyEdited ? [] : [lockPath];
}

// src/commands/update.ts
function hookValues(plan) {
  const p = plan.packages[0].plan;
  return {
    version: p.next_version ?? "",
    tag: p.tag ?? "",
    previous_version: p.previous_version ?? "",
    previous_tag: p.previous_tag ?? "",
    project_path: p.path,
    branch: plan.branch ?? "",
    package: plan.packages.length > 1 ? p.project ?? "" : ""
  };
}
async function applyUpdate(plan) {
  const pkg = plan.packages[0];
  const p = pkg.plan;
  const hookOptions = {
    cwd: plan.root,
    env: plan.ctx.env,
    onOutput: (t) => plan.ctx.logger.info(t.trimEnd())
  };
  const values = hookValues(plan);
  const hooks = await runHooks("pre_bump", plan.config.hooks.pre_bump, values, hookOptions);
  const writes = pkg.edits.map((e) => ({ path: e.path, content: e.after, original: e.before }));
  if (pkg.changelogPath) {
    const existing = plan.reader.read(pkg.changelogPath);
    writes.push({
      path: pkg.changelogPath,
      content: insertEntry(existing, p.changelog, p.next_version, plan.config.changelog.header),
      original: existing
    });
  }
  writeFilesAtomically(plan.root, writes);
  const written = writes.map((w) => w.path);
  const lockPath = projectFile(p.path, "uv.lock");
  const lockWrites = plan.config.version.update_lock_file && pkg.metadata ? await refreshLockFiles({
    root: plan.root,
    projectPath: p.path,
    env: plan.ctx.env,
    ownName: pkg.metadata.normalizedName,
    original: plan.reader.read(lockPath),
    alreadyEdited: pkg.edits.some((e) => e.path === lockPath)
  }) : [];
  written.push(...lockWrites);
  hooks.push(...await runHooks("post_bump", plan.config.hooks.post_bump, values, hookOptions));
  return { written, hooks };
}
async function update(options = {}) {
  const execute = options.execute === true;
  const plan = await planRelease({
    ...options,
    writing: execute,
    preflight: (state) => checkCleanTree(state, execute, options.allowDirty === true)
  });
  const pkg = plan.packages[0];
  const p = pkg.plan;
  const result = (applied, written2, hooks2) => ({
    ...planPayload("update", plan, !execute),
    applied,
    written: written2,
    hooks: hooks2
  });
  if (!releaseBranches(plan.config, plan.branch)) {
    plan.warnings.add({
      code: "W_NOT_RELEASE_BRANCH",
      message: `releases are made from ${plan.config.default_branch}; current branch is '${plan.branch ?? "(detached)"}'`
    });
  }
  if (!p.release_needed || p.pending_release || !execute) return result(false, [], []);
  if (!pkg.metadata) {
    throw new ReleasioError(
      "E_PROJECT_NOT_FOUND",
      `no pyproject.toml, setup.cfg or setup.py found in ${plan.root}`
    );
  }
  const { written, hooks } = await applyUpdate(plan);
  const message = renderTemplate(plan.config.release_pr.commit_message, {
    project: p.project ?? "",
    version: p.next_version ?? "",
    tag: p.tag ?? "",
    previous_version: p.previous_version ?? "",
    base: plan.branch ?? plan.config.default_branch,
    packages: p.project ?? ""
  });
  plan.ctx.logger.info(
    `Next steps: review, then commit with git add ${written.join(" ")} && git commit -m ${JSON.stringify(message)}, then tag the release`
  );
  return result(true, written, hooks);
}

// src/action/commands.ts
function notAvailable(command) {
  return async () => {
    throw new ReleasioError("E_USAGE", `the '${command}' command is not available in this version of the action`);
  };
}
var COMMAND_RUNNERS = {
  check: (i, common) => check2({ ...common, version: i.versionOverride, prerelease: i.prerelease }),
  update: (i, common) => update({ ...common, execute: i.execute, version: i.versionOverride, prerelease: i.prerelease }),
  changelog: (i, common) => changelog({ ...common, execute: i.execute }),
  "release-pr": notAvailable("release-pr"),
  release: notAvailable("release"),
  "do-release": notAvailable("do-release"),
  publish: notAvailable("publish"),
  "check-pr": notAvailable("check-pr"),
  doctor: notAvailable("doctor")
};

// src/action/inputs.ts
var ACTION_COMMANDS = [
  "check",
  "update",
  "release-pr",
  "release",
  "do-release",
  "publish",
  "check-pr",
  "doctor",
  "changelog"
];
var RETIRED_INPUTS = {
  "python-version": "releasio runs on the runner's Node; set up Python with actions/setup-python if your build needs it",
  "releasio-version": "the action runs the releasio version of the tag you reference in `uses:`"
};
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function raw(env, name) {
  return (env[inputVariable(name)] ?? "").trim();
}
function invalid2(name, value, expected) {
  return new ReleasioError("E_USAGE", `input '${name}' must be ${expected}; got '${value}'`, {
    hint: `set '${name}' in the step's 'with:' block to ${expected}`
  });
}
function boolean2(env, name, fallback) {
  const value = raw(env, name);
  if (value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalid2(name, value, fallback === null ? "'true', 'false' or empty" : "'true' or 'false'");
}
function readInputs(env) {
  const command = raw(env, "command");
  if (!ACTION_COMMANDS.includes(command)) {
    throw new ReleasioError(
      "E_USAGE",
      command === "" ? "input 'command' is required" : `input 'command' must be one of ${ACTION_COMMANDS.join(", ")}; got '${command}'`,
      {
        hint: command === "init" ? "'init' is interactive: run 'npx releasio init' locally" : `valid commands: ${ACTION_COMMANDS.join(", ")}`
      }
    );
  }
  const dryRun = boolean2(env, "dry-run", null);
  const executeFlag = boolean2(env, "execute", null);
  if (dryRun !== null && executeFlag !== null && dryRun === executeFlag) {
    throw new ReleasioError(
      "E_USAGE",
      `inputs 'dry-run: ${dryRun}' and 'execute: ${executeFlag}' contradict each other`,
      { hint: "set only 'dry-run' ('execute' is kept for workflows written for the original action)" }
    );
  }
  const execute = dryRun !== null ? !dryRun : executeFlag !== null ? executeFlag : true;
  const notices = Object.entries(RETIRED_INPUTS).filter(([name]) => raw(env, name) !== "").map(([name, why]) => `input '${name}' is no longer used: ${why}`);
  const optional2 = (name) => raw(env, name) || null;
  return {
    command,
    githubToken: raw(env, "github-token"),
    pypiToken: raw(env, "pypi-token"),
    workingDirectory: raw(env, "working-directory") || ".",
    execute,
    skipPublish: boolean2(env, "skip-publish", false),
    distDir: optional2("dist-dir"),
    requireScope: boolean2(env, "require-scope", false),
    prerelease: optional2("prerelease"),
    versionOverride: optional2("version-override"),
    json: boolean2(env, "json", false),
    notices
  };
}

// src/action/outputs.ts
import { randomBytes } from "crypto";
var OUTPUT_NAMES = [
  "version",
  "previous-version",
  "tag",
  "released",
  "pr-number",
  "pr-url",
  "release-url",
  "valid",
  "result"
];
function text2(value) {
  return value === null || value === void 0 ? "" : String(value);
}
function field(payload, ...path) {
  let value = payload;
  for (const key of path) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[key];
  }
  return value;
}
var RELEASING = /* @__PURE__ */ new Set(["release", "do-release"]);
var PLANNING = /* @__PURE__ */ new Set(["check", "update", "release-pr"]);
function actionOutputs(command, payload) {
  const releasing = RELEASING.has(command);
  const planning = PLANNING.has(command);
  return {
    version: releasing ? text2(payload.version) : planning ? text2(payload.next_version) : "",
    "previous-version": releasing || planning ? text2(payload.previous_version) : "",
    tag: releasing || planning ? text2(payload.tag) : "",
    released: releasing && payload.released === true ? "true" : "false",
    "pr-number": command === "release-pr" ? text2(field(payload, "pr", "number")) : "",
    "pr-url": command === "release-pr" ? text2(field(payload, "pr", "url")) : "",
    "release-url": releasing ? text2(payload.release_url) : "",
    valid: command === "check-pr" ? payload.valid === true ? "true" : "false" : "",
    result: JSON.stringify(payload)
  };
}
function formatOutputFile(outputs) {
  let out = "";
  for (const [name, value] of Object.entries(outputs)) {
    let delimiter2 = `releasio_${randomBytes(8).toString("hex")}`;
    while (value.includes(delimiter2)) delimiter2 = `releasio_${randomBytes(8).toString("hex")}`;
    out += `${name}<<${delimiter2}
${value}
${delimiter2}
`;
  }
  return out;
}

// src/action/summary.ts
var STATUS_ICON = {
  done: "\u2705",
  skipped: "\u21B7",
  failed: "\u274C",
  "not-run": "\xB7",
  planned: "\u25CB"
};
function cell(value) {
  if (value === null || value === void 0 || value === "") return "\u2014";
  return String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
}
function array2(value) {
  return Array.isArray(value) ? value : [];
}
function jobSummary(command, payload) {
  const lines = [];
  const mode = payload.dry_run === true ? "DRY RUN" : "EXECUTED";
  const ok = payload.ok === true;
  lines.push(`## releasio ${command} \u2014 ${mode}${ok ? "" : " (failed)"}`, "");
  const packages = array2(payload.packages);
  if (packages.length > 0) {
    lines.push("| Package | Current | Next | Bump | Tag |", "|---|---|---|---|---|");
    for (const p of packages) {
      lines.push(
        `| ${cell(p.project)} | ${cell(p.current_version)} | ${cell(p.next_version)} | ${cell(p.bump)} | ${cell(p.tag)} |`
      );
    }
    lines.push("");
  }
  const releases = array2(payload.releases);
  if (releases.length > 0) {
    lines.push("| Package | Version | Tag | Status | Release |", "|---|---|---|---|---|");
    for (const r of releases) {
      lines.push(
        `| ${cell(r.project)} | ${cell(r.version)} | ${cell(r.tag)} | ${cell(r.status)} | ${cell(r.release_url)} |`
      );
    }
    lines.push("");
  }
  const pr = payload.pr;
  if (pr && typeof pr === "object" && pr.url) lines.push(`Release PR (${cell(pr.action)}): ${pr.url}`, "");
  if (typeof payload.release_url === "string") lines.push(`Release: ${payload.release_url}`, "");
  if (command === "check-pr") {
    lines.push(`Title: \`${cell(payload.title)}\` \u2014 ${payload.valid === true ? "valid" : "invalid"}`, "");
    for (const problem of array2(payload.problems)) lines.push(`- ${cell(problem.message)}`);
  }
  const steps = array2(payload.steps);
  if (steps.length > 0) {
    lines.push("### Steps", "", "| | Step | Status | Time | Detail |", "|---|---|---|---|---|");
    for (const s of steps) {
      const id = s.package ? `${s.id} (${s.package})` : s.id;
      const time = s.duration_ms === null ? "" : `${s.duration_ms} ms`;
      const status = s.reason && s.status === "skipped" ? `${s.status}: ${s.reason}` : s.status;
      lines.push(`| ${STATUS_ICON[s.status] ?? ""} | ${cell(id)} | ${cell(status)} | ${time} | ${cell(s.message)} |`);
    }
    lines.push("");
  }
  if (typeof payload.changelog === "string" && payload.changelog.trim() !== "") {
    lines.push("### Changelog", "", payload.changelog.trim(), "");
  }
  const warnings = array2(payload.warnings);
  if (warnings.length > 0) {
    lines.push("### Warnings", "");
    for (const w of warnings) lines.push(`- \`${cell(w.code)}\` ${cell(w.message)}`);
    lines.push("");
  }
  const error = payload.error;
  if (error && typeof error === "object") {
    lines.push("### Error", "", `\`${cell(error.code)}\` ${cell(error.message)}`);
    if (error.hint) lines.push("", `Hint: ${cell(error.hint)}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}
`;
}

// src/action/run-action.ts
function actionLogger(io) {
  return {
    info: (message) => io.log(`${message}
`),
    debug: (message) => {
      if (io.env.RUNNER_DEBUG === "1") io.log(`::debug::${message.replace(/\r?\n/g, "%0A")}
`);
    },
    warn: (w) => io.log(annotation("warning", w.message, w.code))
  };
}
function commandEnv(inputs, env) {
  const out = { ...env };
  if (inputs.githubToken !== "") out.GITHUB_TOKEN = inputs.githubToken;
  if (inputs.pypiToken !== "") out.PYPI_TOKEN = inputs.pypiToken;
  else if (out.PYPI_TOKEN === "") delete out.PYPI_TOKEN;
  return out;
}
async function ensureGitIdentity(cwd, env) {
  const git = new GitRunner(cwd, env);
  const inside = await git.run(["rev-parse", "--is-inside-work-tree"], { okCodes: [0, 128] });
  if (inside.code !== 0) return;
  const name = await git.run(["config", "user.name"], { okCodes: [0, 1] });
  const email = await git.run(["config", "user.email"], { okCodes: [0, 1] });
  if (name.stdout.trim() === "") await git.run(["config", "--local", "user.name", "github-actions[bot]"]);
  if (email.stdout.trim() === "") {
    await git.run([
      "config",
      "--local",
      "user.email",
      "41898282+github-actions[bot]@users.noreply.github.com"
    ]);
  }
}
function writeOutputs(io, outputs) {
  const file = io.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, formatOutputFile(outputs));
}
function writeSummary(io, markdown) {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, `${markdown}
`);
}
async function runAction(io) {
  let inputs;
  try {
    inputs = readInputs(io.env);
  } catch (error) {
    const info = error instanceof ReleasioError ? error : new ReleasioError("E_USAGE", String(error));
    io.log(annotation("error", `${info.message}${info.hint ? ` (${info.hint})` : ""}`, info.code));
    writeOutputs(io, emptyOutputs(errorEnvelope("action", error, [])));
    return 2;
  }
  for (const secret of [inputs.githubToken, inputs.pypiToken]) if (secret) io.log(addMask(secret));
  for (const notice of inputs.notices) io.log(annotation("notice", notice));
  const env = commandEnv(inputs, io.env);
  const cwd = isAbsolute2(inputs.workingDirectory) ? inputs.workingDirectory : join7(io.cwd, inputs.workingDirectory);
  const common = {
    cwd,
    path: ".",
    env,
    logger: actionLogger(io),
    registerSecret: (value) => io.log(addMask(value)),
    ...io.fetch ? { fetch: io.fetch } : {}
  };
  let payload;
  let code;
  try {
    if (inputs.execute && MUTATING.has(inputs.command)) await ensureGitIdentity(cwd, env);
    payload = await COMMAND_RUNNERS[inputs.command](inputs, common);
    code = payload.exit_code ?? 0;
  } catch (error) {
    const envelope2 = errorEnvelope(inputs.command, error, [], !inputs.execute);
    payload = envelope2;
    code = envelope2.exit_code;
    const hint = envelope2.error?.hint ? `
hint: ${envelope2.error.hint}` : "";
    io.log(annotation("error", `${envelope2.error?.message ?? "failed"}${hint}`, envelope2.error?.code));
  }
  writeOutputs(io, actionOutputs(inputs.command, payload));
  writeSummary(io, jobSummary(inputs.command, payload));
  if (inputs.json) io.log(`${JSON.stringify(payload)}
`);
  if (inputs.command === "check-pr" && payload.valid === false) {
    io.log(annotation("error", `invalid PR title: ${problemText(payload)}`, "E_PR_TITLE_INVALID"));
  }
  return code;
}
var MUTATING = /* @__PURE__ */ new Set(["update", "release-pr", "release", "do-release", "changelog"]);
function problemText(payload) {
  const problems = Array.isArray(payload.problems) ? payload.problems : [];
  return problems.map((p) => String(p.message)).join("; ") || "see the log";
}
function emptyOutputs(payload) {
  const outputs = {};
  for (const name of OUTPUT_NAMES) outputs[name] = "";
  outputs.released = "false";
  outputs.result = JSON.stringify(payload);
  return outputs;
}

// src/action/index.ts
process.exitCode = await runAction({
  env: process.env,
  cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
  log: (text3) => process.stdout.write(text3)
});
/*! Bundled license information:

smol-toml/dist/error.js:
smol-toml/dist/primitive.js:
smol-toml/dist/date.js:
smol-toml/dist/extract.js:
smol-toml/dist/util.js:
smol-toml/dist/struct.js:
smol-toml/dist/parse.js:
smol-toml/dist/stringify.js:
smol-toml/dist/index.js:
  (*!
   * Copyright (c) Squirrel Chat et al., All rights reserved.
   * SPDX-License-Identifier: BSD-3-Clause
   *
   * Redistribution and use in source and binary forms, with or without
   * modification, are permitted provided that the following conditions are met:
   *
   * 1. Redistributions of source code must retain the above copyright notice, this
   *    list of conditions and the following disclaimer.
   * 2. Redistributions in binary form must reproduce the above copyright notice,
   *    this list of conditions and the following disclaimer in the
   *    documentation and/or other materials provided with the distribution.
   * 3. Neither the name of the copyright holder nor the names of its contributors
   *    may be used to endorse or promote products derived from this software without
   *    specific prior written permission.
   *
   * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
   * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
   * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
   * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
   * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
   * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
   * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
   * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
   * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
   * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
   *)
*/
