#!/usr/bin/env node
// The least a Node program does to answer what `releasio check --json` answers, measured by `npm run bench` next to
// it: what is left of releasio's time once this is taken away is releasio's own work. It starts the same git reads
// that check starts before the history (the tags, HEAD and the remotes), reads the range given as its argument in one
// `git log -z` pass, splits each commit's conventional header with one regular expression, and prints the commits as
// a JSON array. No configuration, no bump rules, no versions, no changelog.
//
// Usage: node scripts/bench-floor.mjs <last-tag>..HEAD   (in the repository)
import { spawn } from "node:child_process";
import { GIT_LOG_FIELDS, GIT_LOG_FORMAT } from "./bench-git-log-format.mjs";

const HEADER = /^(\w+)(?:\(([^)]*)\))?(!)?: (.*)$/;

function git(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { stdio: ["ignore", "pipe", "inherit"] });
    const out = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args[0]} exited with ${code}`)),
    );
  });
}

const range = process.argv[2];
if (!range) {
  console.error("usage: node scripts/bench-floor.mjs <last-tag>..HEAD");
  process.exit(2);
}
await Promise.all([
  git(["for-each-ref", "--format=%(refname:strip=2)%00%(objecttype)%00%(objectname)", "refs/tags"]),
  git(["config", "--get-regexp", "^remote\\..*\\.url$"]).catch(() => Buffer.alloc(0)),
  git(["rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD"]),
]);
const fields = (await git(["log", "-z", `--format=${GIT_LOG_FORMAT}`, range, "--"]))
  .toString("utf8")
  .split("\0");
const commits = [];
for (let i = 0; i + GIT_LOG_FIELDS <= fields.length; i += GIT_LOG_FIELDS) {
  const message = fields[i + 5];
  const newline = message.indexOf("\n");
  const subject = newline < 0 ? message : message.slice(0, newline);
  const header = HEADER.exec(subject);
  commits.push({
    sha: fields[i],
    parents: fields[i + 1].split(" "),
    author: { name: fields[i + 2], email: fields[i + 3] },
    date: fields[i + 4],
    subject,
    type: header?.[1] ?? null,
    scope: header?.[2] ?? null,
    breaking: header?.[3] === "!",
    description: header?.[4] ?? subject,
  });
}
process.stdout.write(`${JSON.stringify(commits)}\n`);
