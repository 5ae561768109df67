import { EventEmitter } from "node:events";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readLog, startChainWalk, streamLog } from "../../../src/adapters/git/read-log.js";
import { GitRunner } from "../../../src/adapters/git/run-git.js";
import { listTags, reachableTagNames } from "../../../src/adapters/git/tags.js";
import type { RawCommit } from "../../../src/core/plan/types.js";
import { cleanupRepos, TestRepo } from "../../support/repo.js";

afterAll(cleanupRepos);

describe("reading history with one git log pass", () => {
  it("returns every commit, newest first, whatever its message holds", () => {
    const repo = TestRepo.create({ origin: false });
    const messages = [
      "feat: first",
      "fix: unicode ✨ Nguyễn Müller\n\nbody with\ttabs",
      "chore: looks like a separator \u001f\u001e %x00 --format",
      "docs: empty lines\n\n\n\nat the end\n\n",
      `refactor: long body\n\n${"x".repeat(100_000)}`,
    ];
    for (const m of messages) repo.commit(m);
    return readLog(new GitRunner(repo.dir, process.env), ["HEAD"]).then((log) => {
      expect(log).toHaveLength(messages.length);
      expect(log.map((c) => c.message.split("\n")[0])).toEqual(
        messages.map((m) => m.split("\n")[0]).reverse(),
      );
      expect(log[0]!.message.length).toBeGreaterThan(100_000);
      expect(log[4]!.parents).toEqual([]);
      expect(log[0]!.parents).toEqual([log[1]!.sha]);
      expect(log[0]!.author).toEqual({ name: "Test User", email: "test@example.org" });
    });
  });

  it("reads messages as UTF-8 whatever log output encoding the repository configures", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commit("fix: Müller naïve café");
    repo.git("config", "i18n.logOutputEncoding", "ISO-8859-1");
    repo.git("config", "log.showSignature", "true");
    const [commit] = await readLog(new GitRunner(repo.dir, process.env), ["HEAD"]);
    expect(commit!.message.trim()).toBe("fix: Müller naïve café");
  });

  it("reads a range and includes the commits of merged branches", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commits("feat: base").tag("v1.0.0");
    repo.checkout("topic", true).commits("feat(io): parquet");
    repo.checkout("main").commits("fix: on main").merge("topic");
    const log = await readLog(new GitRunner(repo.dir, process.env), ["v1.0.0..HEAD"]);
    expect(log.map((c) => c.message.trim())).toEqual(
      expect.arrayContaining(["feat(io): parquet", "fix: on main", "Merge branch 'topic'"]),
    );
    expect(log).toHaveLength(3);
    expect(log.find((c) => c.message.startsWith("Merge"))!.parents).toHaveLength(2);
  });
});

/** base, then a merge of a topic branch, then two plain commits on top. */
function historyWithMerge(): { repo: TestRepo; base: string; merge: string } {
  const repo = TestRepo.create({ origin: false });
  repo.commits("feat: base");
  const base = repo.head();
  repo.checkout("topic", true).commits("feat: on topic");
  repo.checkout("main").commits("fix: on main").merge("topic");
  const merge = repo.head();
  repo.commits("docs: after the merge", "fix: last");
  return { repo, base, merge };
}

/** A linear main ("fix: six" on top) and `base` on a side branch, dated between "fix: four" and "fix: five". */
function historyWithBaseOffTheChain(): { repo: TestRepo; base: string } {
  const repo = TestRepo.create({ origin: false });
  repo.commits("feat: one", "fix: two", "fix: three", "fix: four");
  repo.checkout("side", true).commits("feat!: elsewhere");
  const base = repo.head();
  repo.checkout("main").commits("fix: five", "fix: six");
  return { repo, base };
}

describe("reading the plain chain of commits at the top of a range", () => {
  async function chain(repo: TestRepo, base: string) {
    const passed: string[] = [];
    const git = new GitRunner(repo.dir, process.env);
    const { end } = await startChainWalk(git, repo.head(), () => {}, base).readTo(base, (c) =>
      passed.push(c.message.trim()),
    );
    return { end, passed };
  }
  const subjects = async (repo: TestRepo, range: string) =>
    (await readLog(new GitRunner(repo.dir, process.env), [range])).map((c) => c.message.trim());

  it("reads base..head exactly when every commit above base has one parent", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commits("feat: one", "fix: two");
    const base = repo.head();
    repo.commits("feat: three", "fix: four", "docs: five");
    const { end, passed } = await chain(repo, base);
    expect(end).toBe(base);
    expect(passed).toEqual(["docs: five", "fix: four", "feat: three"]);
    expect(passed).toEqual(await subjects(repo, `${base}..HEAD`));
  });

  it("ends at the first merge: the commits above it plus base..merge are the range", async () => {
    const { repo, base, merge } = historyWithMerge();
    const { end, passed } = await chain(repo, base);
    expect(end).toBe(merge);
    expect(passed).toEqual(["fix: last", "docs: after the merge"]);
    const whole = await subjects(repo, `${base}..HEAD`);
    const rest = await subjects(repo, `${base}..${end}`);
    expect([...passed, ...rest].sort()).toEqual([...whole].sort());
    expect(whole).toHaveLength(5);
  });

  it("ends at head's chain when base is not an ancestor, without walking past base's date", async () => {
    const { repo, base } = historyWithBaseOffTheChain();
    const { end, passed } = await chain(repo, base);
    expect(end).not.toBe(base);
    // git shows `base` (by date) right after the two commits newer than it: the older ones are never read.
    expect(passed).toEqual(["fix: six", "fix: five"]);
  });

  it("ends at head when base is an ancestor dated after the commits above it (clock skew)", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commits("feat: one");
    const base = repo.commit("fix: from the future", { date: 2_000_000_000 });
    repo.commits("fix: two", "fix: three");
    const { end, passed } = await chain(repo, base);
    expect(end).toBe(repo.head());
    expect(passed).toEqual([]);
  });

  it("reaches a base that is the parent of head, and ends at a root commit", async () => {
    const repo = TestRepo.create({ origin: false });
    const root = repo.commit("feat: root");
    repo.commits("fix: only");
    expect(await chain(repo, root)).toEqual({ end: root, passed: ["fix: only"] });
    const unrelated = TestRepo.create({ origin: false });
    // Older than the root commit, so that git comes to the root first.
    const stranger = unrelated.commit("feat: another history", { date: 1_600_000_000 });
    repo.git("fetch", "-q", unrelated.dir, `${stranger}:refs/heads/stranger`);
    expect(await chain(repo, stranger)).toEqual({ end: root, passed: ["fix: only"] });
  });
});

describe("a chain walk started before the base is known", () => {
  const subject = (c: { message: string }) => c.message.trim();

  /** An `onRead` that passes each commit to `each`, and a promise kept once it has seen `n` commits. */
  function afterReading(n: number, each: (c: RawCommit) => void = () => {}) {
    let reached: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let count = 0;
    const onRead = (c: RawCommit) => {
      each(c);
      if (++count === n) reached();
    };
    return { onRead, done };
  }

  it("reads ahead, then hands back what it read at or below the base once the base is named", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commits("feat: one", "fix: two");
    const base = repo.head();
    repo.commits("feat: three", "fix: four", "docs: five");
    const seen: string[] = [];
    // The root has no parent: the chain ends above it, after four commits.
    const readAll = afterReading(4, (c) => seen.push(subject(c)));
    const walk = startChainWalk(new GitRunner(repo.dir, process.env), repo.head(), readAll.onRead);
    await readAll.done;
    const passed: string[] = [];
    const { end, outside } = await walk.readTo(base, (c) => passed.push(subject(c)));
    expect(end).toBe(base);
    expect(passed).toEqual(["docs: five", "fix: four", "feat: three"]);
    expect(outside.map(subject)).toEqual(["fix: two"]);
    expect(seen).toEqual(["docs: five", "fix: four", "feat: three", "fix: two"]);
    // What readTo took is no longer the walk's to hand back.
    expect(await walk.cancel()).toEqual([]);
  });

  it("goes on as a walk that knows the base, so a base off the chain stops it by date", async () => {
    const { repo, base } = historyWithBaseOffTheChain();
    const seen: string[] = [];
    const walk = startChainWalk(new GitRunner(repo.dir, process.env), repo.head(), (c) =>
      seen.push(subject(c)),
    );
    // Named at once, before git's first output: the walk has read nothing yet and goes on knowing the base.
    const passed: string[] = [];
    const { end, outside } = await walk.readTo(base, (c) => passed.push(subject(c)));
    expect(end).not.toBe(base);
    expect(passed).toEqual(["fix: six", "fix: five"]);
    expect(outside).toEqual([]);
    expect(seen).toEqual(passed);
  });

  it("ends at a merge whether it got there before or after the base was named", async () => {
    const { repo, base, merge } = historyWithMerge();
    const git = new GitRunner(repo.dir, process.env);
    for (const early of [true, false]) {
      const readAbove = afterReading(2);
      const walk = startChainWalk(git, repo.head(), readAbove.onRead);
      if (early) await readAbove.done;
      const passed: string[] = [];
      const { end } = await walk.readTo(base, (c) => passed.push(subject(c)));
      expect(end).toBe(merge);
      expect(passed).toEqual(["fix: last", "docs: after the merge"]);
    }
  });

  it("stops when cancelled and hands back every commit it read", async () => {
    const repo = TestRepo.create({ origin: false });
    repo.commits("feat: one", "fix: two", "fix: three");
    const seen: string[] = [];
    const walk = startChainWalk(new GitRunner(repo.dir, process.env), repo.head(), (c) =>
      seen.push(subject(c)),
    );
    const read = await walk.cancel();
    expect(read.map(subject)).toEqual(seen);
    expect(["fix: three", "fix: two"].slice(0, seen.length)).toEqual(seen);
  });
});

describe("listing tags", () => {
  it("peels annotated and lightweight tags and marks reachability from HEAD", async () => {
    const repo = TestRepo.create({ origin: false });
    const first = repo.commit("feat: one");
    repo.tag("v1.0.0").tag("light", { lightweight: true });
    repo.checkout("other", true);
    const other = repo.commit("feat: elsewhere");
    repo.tag("v2.0.0");
    repo.checkout("main");
    repo.git("tag", "tree-tag", `${first}^{tree}`);
    const git = new GitRunner(repo.dir, process.env);
    const tags = await listTags(git);
    expect(await reachableTagNames(git, "HEAD", ["v2.0.0", "v1.0.0"])).toEqual(new Set(["v1.0.0"]));
    const reachable = await reachableTagNames(
      git,
      "HEAD",
      tags.map((t) => t.name),
    );
    for (const t of tags) t.reachable = reachable.has(t.name);
    const byName = Object.fromEntries(tags.map((t) => [t.name, t]));
    expect(byName["v1.0.0"]).toMatchObject({ commit: first, reachable: true });
    expect(byName.light).toMatchObject({ commit: first, reachable: true });
    expect(byName["v2.0.0"]).toMatchObject({ commit: other, reachable: false });
    expect(byName["tree-tag"]).toBeUndefined();
    expect(byName["v1.0.0"]!.date).toBeNull();
  });

  it("reads the same tags with their dates as without, peeling tags of tags and leaving out trees and blobs", async () => {
    const repo = TestRepo.create({ origin: false });
    const first = repo.commit("feat: one");
    repo.tag("v1.0.0").tag("light", { lightweight: true });
    repo.git("tag", "-a", "v1.0.0-again", "-m", "a tag of a tag", "v1.0.0");
    const second = repo.commit("fix: two");
    repo.tag("v1.0.1", { lightweight: true });
    repo.git("tag", "tree-tag", `${first}^{tree}`);
    repo.git("tag", "-a", "tree-annotated", "-m", "a tree", `${second}^{tree}`);
    const blob = repo.git("hash-object", "-w", "--stdin").trim();
    repo.git("tag", "blob-tag", blob);
    const git = new GitRunner(repo.dir, process.env);
    const plain = await listTags(git);
    const dated = await listTags(git, { dates: true });
    const commits = (tags: typeof plain) => Object.fromEntries(tags.map((t) => [t.name, t.commit]));
    expect(commits(plain)).toEqual({
      light: first,
      "v1.0.0": first,
      "v1.0.0-again": first,
      "v1.0.1": second,
    });
    expect(commits(dated)).toEqual(commits(plain));
    for (const t of dated) expect(t.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const t of plain) expect(t.date).toBeNull();
  });

  it("peels tags whose messages hold non-ASCII text and blank lines, and a chain of three tags", async () => {
    const repo = TestRepo.create({ origin: false });
    const first = repo.commit("feat: one");
    // Multi-byte characters and lines that look like object headers: the batch is cut by byte counts, not lines.
    const message = "Grüße 🎉 — release\n\nobject 0000000000000000000000000000000000000000\ntype tree\n";
    repo.git("tag", "-a", "v1.0.0", "-m", message);
    repo.git("tag", "-a", "v1.0.0-a", "-m", "ü", "v1.0.0");
    repo.git("tag", "-a", "v1.0.0-b", "-m", "ß\n\n", "v1.0.0-a");
    const second = repo.commit("fix: two");
    repo.git("tag", "-a", "v1.0.1", "-m", "😀".repeat(50));
    const git = new GitRunner(repo.dir, process.env);
    const commits = (tags: Awaited<ReturnType<typeof listTags>>) =>
      Object.fromEntries(tags.map((t) => [t.name, t.commit]));
    expect(commits(await listTags(git))).toEqual({
      "v1.0.0": first,
      "v1.0.0-a": first,
      "v1.0.0-b": first,
      "v1.0.1": second,
    });
    // With dates the listing peels one level itself; the chain is followed the same.
    expect(commits(await listTags(git, { dates: true }))).toEqual(commits(await listTags(git)));
  });

  it("reads each tag object once while peeling, however many chains pass through it", async () => {
    const repo = TestRepo.create({ origin: false });
    const first = repo.commit("feat: one");
    repo.git("tag", "-a", "v1.0.0", "-m", "one");
    repo.git("tag", "-a", "v1.0.0-a", "-m", "a", "v1.0.0");
    repo.git("tag", "-a", "v1.0.0-b", "-m", "b", "v1.0.0-a");
    repo.git("tag", "-a", "v1.0.0-c", "-m", "c", "v1.0.0-b");
    const git = new GitRunner(repo.dir, process.env);
    const asked: string[] = [];
    const text = git.text.bind(git);
    git.text = (args, options) => {
      if (args[0] === "cat-file" && typeof options?.input === "string") {
        asked.push(...options.input.split("\n").filter((l) => l !== ""));
      }
      return text(args, options);
    };
    for (const dates of [false, true]) {
      asked.length = 0;
      const tags = await listTags(git, { dates });
      expect(tags.map((t) => [t.name, t.commit])).toEqual(
        ["v1.0.0", "v1.0.0-a", "v1.0.0-b", "v1.0.0-c"].map((n) => [n, first]),
      );
      expect(asked.length, `dates: ${dates}`).toBe(new Set(asked).size);
      // With dates the listing names each tag's inner tag: the outermost tag object is never read.
      if (dates) expect(asked).not.toContain(repo.git("rev-parse", "refs/tags/v1.0.0-c").trim());
    }
  });
});

/** A GitRunner whose `git log` answers with `output` cut into the given chunk sizes (a child process stand-in). */
function cannedGit(output: Buffer, sizes: readonly number[]): GitRunner {
  const git = new GitRunner("/nonexistent", {});
  git.spawnGit = (() => {
    const child = new EventEmitter() as EventEmitter & { stdout: EventEmitter; stderr: EventEmitter };
    child.stdout = new EventEmitter();
    child.stderr = new EventEmitter();
    setImmediate(() => {
      let at = 0;
      for (let i = 0; at < output.length; i++) {
        const size = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? output.length);
        child.stdout.emit("data", output.subarray(at, at + size));
        at += size;
      }
      child.emit("close", 0);
    });
    return child;
  }) as unknown as GitRunner["spawnGit"];
  return git;
}

describe("the streamed git log parser", () => {
  const commit = fc.record({
    sha: fc.stringMatching(/^[0-9a-f]{40}$/),
    parents: fc.array(fc.stringMatching(/^[0-9a-f]{40}$/), { maxLength: 3 }),
    name: fc.string({ unit: "grapheme", maxLength: 12 }).map((n) => n.replace(/\0/g, "")),
    email: fc.emailAddress(),
    message: fc.string({ unit: "grapheme", maxLength: 300 }).map((m) => m.replace(/\0/g, "")),
    boundary: fc.boolean(),
  });

  it("returns every commit exactly, whatever the chunk boundaries cut (UTF-8 sequences included)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commit, { maxLength: 25 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (commits, sizes, trailingNul) => {
          const records = commits.map((c) =>
            [
              c.boundary ? "-" : ">",
              c.sha,
              c.parents.join(" "),
              c.name,
              c.email,
              "2025-01-01T00:00:00+00:00",
              c.message,
            ].join("\0"),
          );
          const text = records.join("\0") + (trailingNul && records.length > 0 ? "\0" : "");
          const seen: string[] = [];
          const boundaries: string[] = [];
          const count = await streamLog(
            cannedGit(Buffer.from(text, "utf8"), sizes),
            ["HEAD"],
            (c) => seen.push(JSON.stringify([c.sha, c.parents, c.author.name, c.author.email, c.message])),
            { onBoundary: (sha) => boundaries.push(sha) },
          );
          const kept = commits.filter((c) => !c.boundary);
          expect(count).toBe(kept.length);
          expect(seen).toEqual(
            kept.map((c) => JSON.stringify([c.sha, c.parents, c.name, c.email, c.message])),
          );
          expect(boundaries).toEqual(commits.filter((c) => c.boundary).map((c) => c.sha));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a message far larger than a chunk", async () => {
    const message = `feat: big\n\n${"é".repeat(300_000)}`;
    const text = [
      ">",
      "a".repeat(40),
      "",
      "Ann",
      "ann@example.org",
      "2025-01-01T00:00:00+00:00",
      message,
    ].join("\0");
    const out = await readLog(cannedGit(Buffer.from(text, "utf8"), [65_536]), ["HEAD"]);
    expect(out.map((c) => c.message)).toEqual([message]);
  });
});
