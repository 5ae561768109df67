/**
 * `git.sign_commits` and `git.sign_tags`: release commits and tags are signed with the user's own git signing
 * setup. The tests use an SSH signing key (`gpg.format = ssh`), which needs only ssh-keygen.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { releasio } from "../support/cli.js";
import { cleanupRepos, f0, type TestRepo, tempDir } from "../support/repo.js";
import { closeFakes, githubWorld } from "./release-fixtures.js";

afterAll(cleanupRepos);
afterEach(closeFakes);

/** Configures the repository to sign with a fresh, passphrase-less SSH key. */
function sshSigning(repo: TestRepo): void {
  const key = join(tempDir("releasio-key-"), "id_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "release@example.org", "-f", key]);
  repo.git("config", "gpg.format", "ssh");
  repo.git("config", "user.signingkey", `${key}.pub`);
}

async function signedRelease(config: string) {
  const repo = f0();
  repo.commit("feat: add export", { files: { ".releasio.toml": config, "src/demo/x.py": "x = 1\n" } });
  repo.push();
  sshSigning(repo);
  const w = await githubWorld(repo);
  const r = await releasio(repo.dir, ["do-release", "-x", "--skip-publish", "--json"], w.env, w.fetch);
  expect(r.code, r.stderr).toBe(0);
  return repo;
}

describe("signing release commits and tags", () => {
  it("git.sign_commits and git.sign_tags sign the release commit and the annotated tag", async () => {
    const repo = await signedRelease("[git]\nsign_commits = true\nsign_tags = true\n");
    expect(repo.git("cat-file", "commit", "HEAD")).toContain("-----BEGIN SSH SIGNATURE-----");
    expect(repo.git("cat-file", "tag", "v1.1.0")).toContain("-----BEGIN SSH SIGNATURE-----");
    expect(repo.git("log", "-1", "--format=%s")).toContain("chore(release): prepare demo v1.1.0");
  });

  it("by default neither the release commit nor the tag is signed", async () => {
    const repo = await signedRelease('[git]\ntag_message = "Release {tag}"\n');
    expect(repo.git("cat-file", "commit", "HEAD")).not.toContain("SIGNATURE");
    expect(repo.git("cat-file", "tag", "v1.1.0")).not.toContain("SIGNATURE");
  });
});
