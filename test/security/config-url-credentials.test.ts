/**
 * Credentials embedded in configured URLs (PRODUCT.md §11.1) never appear in output: not in `config show` (human or
 * JSON), not in the configuration and environment errors that quote a value, and not in their hints or details.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, type TestRepo } from "../support/repo.js";
import { expectNoSecrets } from "../support/secrets.js";

afterAll(cleanupRepos);

/** Long enough that a value shortened for a message would still show part of it, were it not removed first. */
const SECRET = `pypi-AgEIcHlwaS5vcmcCJGE${"x9Q".repeat(40)}`;

function withConfig(config: string): TestRepo {
  const repo = f0({ origin: false });
  repo.commit("chore: configure releasio", { files: { ".releasio.toml": config } });
  repo.commit("feat: add export");
  return repo;
}

async function outputs(repo: TestRepo, args: string[], env = cleanEnv()) {
  const human = await releasio(repo.dir, args, env);
  const json = await releasio(repo.dir, [...args, "--json"], env);
  return { human, json, texts: [human.stdout, human.stderr, json.stdout, json.stderr] };
}

describe("credentials in configured URLs are never printed", () => {
  it("a registry URL with credentials in the file is refused by every command, without printing them", async () => {
    const repo = withConfig(
      `[publish]\nregistry = "https://__token__:${SECRET}@upload.example.org/legacy/"\n`,
    );
    for (const args of [["config", "show"], ["check"]]) {
      const { human, json, texts } = await outputs(repo, args);
      expect(human.code).toBe(2);
      expect((json.json.error as { code: string }).code).toBe("E_CONFIG_INVALID");
      expect(human.stderr).toContain("must not carry credentials in the URL");
      expect(human.stderr).toContain("https://upload.example.org/legacy/");
      expectNoSecrets(texts, [SECRET]);
    }
  });

  it("an invalid URL in the file is quoted without its credentials (E_CONFIG_INVALID)", async () => {
    const repo = withConfig(`[publish]\nregistry = "ftp://__token__:${SECRET}@x.example.org/"\n`);
    const { human, json, texts } = await outputs(repo, ["check"]);
    expect(human.code).toBe(2);
    expect((json.json.error as { code: string }).code).toBe("E_CONFIG_INVALID");
    expect(human.stderr).toContain("ftp://x.example.org/");
    expectNoSecrets(texts, [SECRET]);
  });

  it("an index URL with credentials from the environment is refused without printing them (E_CONFIG_ENV)", async () => {
    const repo = withConfig("");
    const env = cleanEnv({ RELEASIO_PUBLISH_REGISTRY: `http://u:${SECRET}@h.example.org/legacy/` });
    const { human, json, texts } = await outputs(repo, ["check"], env);
    expect(human.code).toBe(2);
    expect((json.json.error as { code: string }).code).toBe("E_CONFIG_ENV");
    expect(human.stderr).toContain("http://h.example.org/legacy/");
    expectNoSecrets(texts, [SECRET]);
  });

  it.each([
    ["RELEASIO_PUBLISH_CHECK_URL", `ftp://u:${SECRET}@h.example.org/`],
    ["RELEASIO_PUBLISH_ALLOW_HTTP_LOCALHOST", `https://u:${SECRET}@h.example.org/`],
  ])("a bad %s is quoted without its credentials (E_CONFIG_ENV)", async (name, value) => {
    const repo = withConfig("");
    const { human, json, texts } = await outputs(repo, ["check"], cleanEnv({ [name]: value }));
    expect(human.code).toBe(2);
    expect((json.json.error as { code: string }).code).toBe("E_CONFIG_ENV");
    expect(human.stderr).toContain("h.example.org");
    expectNoSecrets(texts, [SECRET]);
  });
});
