import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { outputJsonSchemas } from "../../src/commands/output-json-schema.js";
import { type OutputKind, payloadFields } from "../../src/commands/output-schemas.js";
import { cleanEnv, releasio } from "../support/cli.js";
import { cleanupRepos, f0, type TestRepo } from "../support/repo.js";

afterAll(cleanupRepos);

// ajv is CommonJS: its class is both the module and its `default` export; the latter is what TypeScript sees.
const Ajv = Ajv2020.default;

const DIR = join(import.meta.dirname, "..", "..", "schema", "output");

/** The committed (shipped) JSON Schema of a command's output, compiled. */
function shipped(kind: OutputKind) {
  const schema = JSON.parse(readFileSync(join(DIR, `${kind}.schema.json`), "utf8")) as object;
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

function expectValid(kind: OutputKind, output: unknown): void {
  const validate = shipped(kind);
  expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
}

/** A project whose configuration has several problems: every command that reads it fails with exit 2. */
function brokenConfig(): TestRepo {
  const repo = f0({ origin: false });
  repo.commit("chore: configure releasio", {
    files: { ".releasio.toml": 'default_brnch = "x"\n[version]\ninitial_version = "one"\n' },
  });
  repo.commit("feat: add export");
  return repo;
}

describe("the committed JSON Schemas of every command's --json output", () => {
  it("are exactly what the output schemas generate (run `npm run schema` after changing them)", () => {
    const generated = outputJsonSchemas();
    const committed = readdirSync(DIR).filter((f) => f.endsWith(".schema.json"));
    expect(committed.sort()).toEqual(
      Object.keys(generated)
        .map((name) => `${name}.schema.json`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(join(DIR, `${name}.schema.json`), "utf8"), name).toBe(
        `${JSON.stringify(schema, null, 2)}\n`,
      );
    }
  });

  it.each<[OutputKind, string[]]>([
    ["check", ["check"]],
    ["explain", ["explain"]],
    ["update", ["update"]],
    ["update", ["update", "-x"]],
    ["release-pr", ["release-pr"]],
    ["changelog", ["changelog"]],
    ["config-show", ["config", "show"]],
    ["release", ["release"]],
    ["do-release", ["do-release"]],
  ])("accept the failure of %s (%j): every payload field present and null", async (kind, args) => {
    const repo = brokenConfig();
    const result = await releasio(repo.dir, [...args, "--json"], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.json).toMatchObject({ ok: false, exit_code: 2, error: { code: "E_CONFIG_UNKNOWN_KEY" } });
    for (const field of payloadFields(kind)) expect(result.json, field).toHaveProperty(field, null);
    expectValid(kind, result.json);
  });

  it.each<[OutputKind, string[]]>([
    ["check", ["check", "--bogus"]],
    ["update", ["update", "--bogus"]],
    ["changelog", ["changelog", "--bogus"]],
    ["config-show", ["config", "show", "--bogus"]],
    ["config-schema", ["config", "schema", "--bogus"]],
    ["release", ["release", "--bogus"]],
    ["init", ["init", "--bogus"]],
    ["publish", ["publish", "--bogus"]],
    ["check-pr", ["check-pr", "--bogus"]],
    ["doctor", ["doctor", "--bogus"]],
  ])("accept the usage error of %s (%j)", async (kind, args) => {
    const result = await releasio(f0({ origin: false }).dir, [...args, "--json"], cleanEnv());
    expect(result.code).toBe(2);
    expect(result.json).toMatchObject({ ok: false, error: { code: "E_USAGE" } });
    expectValid(kind, result.json);
  });

  it("accept a success and reject a failure that omits a payload field or has no error", async () => {
    const repo = f0({ origin: false });
    repo.commit("feat: add export");
    const success = (await releasio(repo.dir, ["check", "--json"], cleanEnv())).json;
    expectValid("check", success);

    const failed = (await releasio(repo.dir, ["check", "--bogus", "--json"], cleanEnv())).json;
    const { project: _omitted, ...incomplete } = failed;
    expect(shipped("check")(incomplete)).toBe(false);
    expect(shipped("check")({ ...failed, error: null })).toBe(false);
  });
});
