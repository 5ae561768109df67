/** The `releasio` command line: argument parsing, human output, --json and exit codes — nothing else. */
import { isAbsolute, resolve } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { tuneHeapFor } from "../adapters/process/heap-tuning.js";
import { type ChangelogPayload, changelog } from "../commands/changelog.js";
import { type CheckPayload, check, previousReleaseDate } from "../commands/check.js";
import type { CommonOptions } from "../commands/context.js";
import { type Envelope, errorEnvelope, errorInfo } from "../commands/envelope.js";
import { type UpdatePayload, update } from "../commands/update.js";
import { addMask } from "../core/ci/workflow-commands.js";
import { type ExitCode, ReleasioError, type Warning } from "../core/errors.js";
import { escapeLine, escapeText } from "../core/text/control.js";
import { count } from "../core/text/count.js";
import { didYouMean } from "../core/text/did-you-mean.js";
import { prereleaseTokenOf } from "../core/version/prerelease-token.js";
import { releasioVersion } from "../version.js";
import { EXTRA_COMMANDS } from "./commands/registry.js";
import { fileChangeText, formatPlan, versionChange } from "./format-plan.js";
import {
  annotateErrors,
  cliLogger,
  type Io,
  inActions,
  type OutputMode,
  printError,
  terminalIo,
} from "./output.js";
import { colorEnabled, colors } from "./style.js";

export interface GlobalFlags {
  json?: boolean;
  execute?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  config?: string;
  offline?: boolean;
  allowDirty?: boolean;
  color?: boolean;
}

export interface VersionFlags {
  package?: string[];
  version?: string;
  releaseAs?: string;
  prerelease?: string;
  pre?: string;
}

/** What a command module needs to register itself (src/cli/commands/*.ts). */
export interface CliKit {
  io: Io;
  mode: OutputMode;
  c: ReturnType<typeof colors>;
  /** Records the command name, applies -v/-q and refuses --execute for read-only commands. */
  prepare(name: string, flags: GlobalFlags, mutating: boolean): void;
  /**
   * Prints the payload as JSON (--json) or as the human text; with --quiet, only `result` (the final result line)
   * when the command has one.
   */
  emit(payload: Envelope, human: () => string, result?: () => string): void;
  /** Prints the error (JSON envelope or human text) and ends the run with its exit code. */
  fail(error: unknown): never;
  /** The options every command function takes, from the path and the global flags. */
  common(path: string | undefined, flags: GlobalFlags): CommonOptions & { path?: string };
  versionOf(flags: VersionFlags): string | null;
  prereleaseOf(flags: VersionFlags): string | null;
}

export class Exit extends Error {
  constructor(readonly code: ExitCode) {
    super(`exit ${code}`);
  }
}

/**
 * The options every command takes. A read-only command accepts --execute and --allow-dirty (to refuse the one
 * clearly and ignore the other) without offering them, unless it gives --allow-dirty a meaning of its own
 * (`allowDirtyHelp`).
 */
export function addGlobalOptions(cmd: Command, mutating: boolean, allowDirtyHelp?: string): Command {
  cmd
    .option("--json", "machine output: exactly one JSON object on stdout")
    .option("-v, --verbose", "more detail (every commit, git commands)")
    .option("-q, --quiet", "only warnings, errors and the final result")
    .option("--config <file>", "use this configuration file instead of discovery")
    .option("--offline", "no network access")
    .option("--no-color", "disable colour");
  const dirty = new Option("--allow-dirty", allowDirtyHelp ?? "allow --execute on a dirty working tree");
  cmd.addOption(mutating || allowDirtyHelp ? dirty : dirty.hideHelp());
  if (mutating) cmd.option("-x, --execute", "apply the changes (the default is a dry run)");
  else cmd.addOption(new Option("-x, --execute").hideHelp());
  return cmd;
}

/**
 * `--package NAME`, repeatable (`--package a --package b`): one value each time, so that a PATH after it stays the
 * positional argument.
 */
export function addPackageOption(cmd: Command): Command {
  return cmd.option(
    "--package <name>",
    "restrict the run to this workspace package (repeat for more)",
    (name: string, previous: string[] | undefined) => [...(previous ?? []), name],
  );
}

export function addVersionOptions(cmd: Command): Command {
  return addPackageOption(
    cmd
      .option("--version <version>", "explicit next version (PEP 440 or SemVer spelling; alias --release-as)")
      .addOption(new Option("--release-as <version>", "alias of --version").hideHelp())
      .option("--prerelease <token>", "make a pre-release: alpha (a), beta (b), rc (c) or dev (alias --pre)")
      .addOption(new Option("--pre <token>", "alias of --prerelease").hideHelp()),
  );
}

/** `update`'s summary of a release to write: what it writes (or would), or that every file holds it already. */
function updateHead(p: UpdatePayload, name: string): string {
  const label = p.applied ? "EXECUTING" : "DRY-RUN";
  const lines = p.applied
    ? p.written.map((f) => `  wrote ${escapeLine(f)}`)
    : p.files.map((f) => `  ${escapeLine(f.path)}: ${fileChangeText(f)}`);
  if (lines.length === 0)
    return `${label}: ${name} ${versionChange(p)} is already written: no file needs a change\n`;
  const verb = p.applied ? "updated" : "would update";
  return `${label}: ${verb} ${name} ${versionChange(p)}\n${lines.join("\n")}\n`;
}

/** `changelog`'s human output: what was written, that the file is already up to date, or the document itself. */
function changelogResult(p: ChangelogPayload): string {
  const releases = count(p.releases.length, "release");
  const path = escapeLine(String(p.path));
  if (p.written) return `Wrote ${path} (${releases})\n`;
  return p.path === null ? escapeText(p.content) : `${path} is already up to date (${releases})\n`;
}

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

/**
 * The environment as commands see it: a relative `RELEASIO_CONFIG` names a file from the directory releasio was run
 * in, like `--config FILE`, not from the project PATH.
 */
function commandEnv(io: Io): Record<string, string | undefined> {
  const file = io.env["RELEASIO_CONFIG"];
  if (file === undefined || file.trim() === "" || isAbsolute(file)) return io.env;
  return { ...io.env, RELEASIO_CONFIG: resolve(io.cwd, file) };
}

function common(
  path: string | undefined,
  flags: GlobalFlags,
  io: Io,
  mode: OutputMode,
  seen: Warning[],
): CommonOptions & { path?: string } {
  const logger = cliLogger(io, mode);
  return {
    path: path ?? ".",
    cwd: io.cwd,
    env: commandEnv(io),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    logger: {
      ...logger,
      warn(w) {
        seen.push(w);
        logger.warn(w);
      },
    },
    // A file argument: relative to the directory releasio was run in, not to PATH.
    config: flags.config === undefined ? null : resolve(io.cwd, flags.config),
    offline: flags.offline === true,
    allowDirty: flags.allowDirty === true,
    verbose: flags.verbose === true,
    // Inside GitHub Actions every secret releasio comes to hold (a forge or index token, an ID token, a minted
    // token) is masked before it is used, so that nothing printed after can show it (§3.4).
    ...(inActions(io.env) ? { registerSecret: (value: string) => io.stderr(addMask(value)) } : {}),
  };
}

/** The global options (§3.2), with and without a value. */
const GLOBAL_FLAGS = new Set([
  "--json",
  "-x",
  "--execute",
  "-v",
  "--verbose",
  "-q",
  "--quiet",
  "--offline",
  "--allow-dirty",
  "--no-color",
]);
const GLOBAL_WITH_VALUE = new Set(["--config"]);

/**
 * Global options are accepted before the command too (`releasio --json check`): they are moved after the command
 * name, where each command declares them. Anything else before the command is left for the parser to judge.
 */
function commandFirst(argv: readonly string[]): readonly string[] {
  const moved: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    // The program's own options (`-V`, `--help`) keep it where it is: they answer before any command.
    if (ROOT_OPTIONS.has(arg)) return argv;
    if (GLOBAL_WITH_VALUE.has(arg) && i + 1 < argv.length) moved.push(arg, argv[++i]!);
    // Any other option moves too, known or not: an unknown one is then reported by the command, by its own name
    // and with the command's options to suggest (`--jsno` → `--json`), not as the first option before it.
    else if (arg.startsWith("-")) moved.push(arg);
    else break;
  }
  if (moved.length === 0 || i >= argv.length) return argv;
  return [argv[i]!, ...moved, ...argv.slice(i + 1)];
}

/**
 * `releasio help <command>` is `releasio <command> --help`; with a command that does not exist it is that command
 * alone, whose error (exit 2, with a suggestion) commander reports instead of showing the general help.
 */
function helpAsOption(argv: readonly string[], isCommand: (name: string) => boolean): readonly string[] {
  const [first, command, ...rest] = argv;
  if (first !== "help" || command === undefined || command.startsWith("-")) return argv;
  return isCommand(command) ? [command, "--help", ...rest] : [command, ...rest];
}

const ROOT_OPTIONS: ReadonlySet<string> = new Set(["-V", "--version", "-h", "--help"]);

/** Options that may be given several times, each time adding a value. */
const REPEATABLE: ReadonlySet<string> = new Set(["--package"]);

/**
 * The first option of `command` that takes one value and is given twice with different values
 * (`--version 2.0.0 --version 3.0.0`): refused rather than the last one silently winning. The same value twice is
 * harmless. Arguments after `--` are operands.
 */
export function repeatedOption(
  options: readonly Pick<Option, "long" | "short" | "required" | "optional">[],
  argv: readonly string[],
): { option: string; values: [string, string] } | null {
  const seen = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    for (const o of options) {
      if (!(o.required || o.optional) || o.long === undefined || REPEATABLE.has(o.long)) continue;
      let value: string | undefined;
      if (arg === o.long || (o.short !== undefined && arg === o.short)) value = argv[i + 1];
      else if (arg.startsWith(`${o.long}=`)) value = arg.slice(o.long.length + 1);
      else if (o.short !== undefined && arg.startsWith(o.short) && !arg.startsWith("--"))
        value = arg.slice(2);
      if (value === undefined) continue;
      const before = seen.get(o.long);
      if (before !== undefined && before !== value) return { option: o.long, values: [before, value] };
      seen.set(o.long, value);
    }
  }
  return null;
}

/**
 * Before any command, the first option that is neither a global option nor one of the program's own; null when
 * there is none or a command comes first (a word that is not an option ends the scan: the command, known or not).
 */
function strayRootOption(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("-") || arg === "-" || arg === "--") return null;
    if (ROOT_OPTIONS.has(arg)) return null;
    if (GLOBAL_WITH_VALUE.has(arg)) i++;
    else if (!isGlobalFlag(arg)) return arg.split("=")[0]!;
  }
  return null;
}

/** A global option that stands alone: a flag, or `--config=FILE`. */
function isGlobalFlag(arg: string): boolean {
  return GLOBAL_FLAGS.has(arg) || arg.startsWith("--config=");
}

/** Whether the arguments are global options and nothing else (no command). */
function onlyGlobalOptions(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBAL_WITH_VALUE.has(arg) && i + 1 < argv.length) i++;
    else if (!isGlobalFlag(arg)) return false;
  }
  return true;
}

/**
 * Options whose value may be any text (a PR title): such a value is refused only when it is one of the command's
 * options, so that a title such as "-- wip" still reaches its validation.
 */
const FREE_TEXT_OPTIONS = new Set(["--title"]);

/** Whether `value` names one of `cmd`'s options (`--json`, `-x`, `--config=FILE`, `-qv`). */
function namesOption(cmd: Command, value: string): boolean {
  const name = value.split("=")[0]!;
  return (
    name === "--help" ||
    name === "-h" ||
    cmd.options.some((o) => o.long === name || o.short === name || (o.short && name.startsWith(o.short)))
  );
}

/** An option whose value is a file or directory (`--output <file>`, `--dist-dir <dir>`). */
function isPathOption(option: Option): boolean {
  return /<(?:file|dir|path)>/i.test(option.flags);
}

/**
 * Every option that takes a value, of every command: a value that looks like an option (`-o --json`: commander would
 * take `--json` for the file name) is refused (§3.2: a missing option value is a usage error). `-` alone is a value
 * (`-o -`, stdout).
 */
function refuseOptionValues(
  program: Command,
  argv: readonly string[],
  refuse: (option: Option, value: string, command: string) => void,
): void {
  // `--version=-1.0` gives its value explicitly: it is the option's, whatever it starts with. A path is written
  // `./-name` instead (`--output=--verbose` is as likely a slip as `-o --verbose`).
  const attached = new Set(
    argv.filter((a) => a.startsWith("--") && a.includes("=")).map((a) => a.slice(a.indexOf("=") + 1)),
  );
  const visit = (cmd: Command, path: string) => {
    for (const option of cmd.options) {
      if (!option.required && !option.optional) continue;
      const parse = option.parseArg;
      const freeText = option.long !== undefined && FREE_TEXT_OPTIONS.has(option.long);
      const explicit = isPathOption(option) ? new Set<string>() : attached;
      option.argParser(<T>(value: string, previous: T): T => {
        const optionLike = value.startsWith("-") && value !== "-" && !explicit.has(value);
        if (optionLike && (!freeText || namesOption(cmd, value))) refuse(option, value, path);
        return (parse ? parse(value, previous) : value) as T;
      });
    }
    for (const sub of cmd.commands) visit(sub, path === "" ? sub.name() : `${path} ${sub.name()}`);
  };
  for (const cmd of program.commands) visit(cmd, cmd.name());
}

export async function run(given: readonly string[], terminal: Io): Promise<ExitCode> {
  const argv = commandFirst(given);
  const wantsJson = argv.includes("--json");
  const flagColor = !argv.includes("--no-color");
  const colorOn = colorEnabled(terminal.env, terminal.isTty, flagColor) && !wantsJson;
  const c = colors(colorOn);
  // Repository content is untrusted (§11): no control sequence of it reaches the terminal, whatever prints it.
  const io = terminalIo(terminal, wantsJson, colorOn);
  const mode: OutputMode = {
    json: wantsJson,
    quiet: argv.includes("-q") || argv.includes("--quiet"),
    verbose: false,
    c,
  };
  // The command being run, once known (for errors and their JSON).
  let commandName = "releasio";
  // Whether it runs as a dry run: known once its options are parsed, read from the arguments before.
  let dryRun = false;
  const executeFlag = argv.some((a) => a === "--execute" || /^-[A-Za-z]*x[A-Za-z]*$/.test(a));
  // Its output schema: `config` has one per sub-command.
  const outputKind = () => {
    if (commandName !== "config") return commandName;
    return argv.slice(1).find((a) => !a.startsWith("-")) === "schema" ? "config-schema" : "config-show";
  };

  // Warnings reported before a failure still belong in the failure's JSON.
  const seenWarnings: Warning[] = [];
  const emit = (payload: Envelope, human: () => string, result?: () => string) => {
    if (mode.json) io.stdout(`${JSON.stringify(payload, null, io.isTty ? 2 : undefined)}\n`);
    else io.stdout(mode.quiet && result ? result() : human());
  };
  const nextVersionLine = (p: { next_version: string | null }) => () =>
    `Next version: ${escapeLine(p.next_version ?? "none")}\n`;
  const fail = (error: unknown): never => {
    // Already reported (a failure inside an action's own try): it only has to end the run.
    if (error instanceof Exit) throw error;
    const info = errorInfo(error);
    if (mode.json) {
      io.stdout(
        `${JSON.stringify(errorEnvelope(commandName, error, seenWarnings, dryRun, outputKind()), null, io.isTty ? 2 : undefined)}\n`,
      );
      annotateErrors(io, info);
    } else printError(io, mode, info);
    if (io.env.RELEASIO_DEBUG === "1" && error instanceof Error && !(error instanceof ReleasioError))
      io.stderr(`${error.stack}\n`);
    throw new Exit(error instanceof ReleasioError ? error.exitCode : 1);
  };
  /** A usage error found outside any action: reported as `fail` reports it, and the run's exit code returned. */
  const usageExit = (error: ReleasioError): ExitCode => {
    try {
      return fail(error);
    } catch (exit) {
      if (exit instanceof Exit) return exit.code;
      throw exit;
    }
  };
  const prepare = (name: string, flags: GlobalFlags, mutating: boolean) => {
    commandName = name;
    dryRun = mutating && flags.execute !== true;
    mode.verbose = flags.verbose === true;
    mode.quiet = flags.quiet === true;
    if (flags.execute && !mutating) {
      fail(
        new ReleasioError("E_USAGE", `'${name}' is read-only and does not accept --execute`, {
          hint: `run 'releasio ${name} --help'`,
        }),
      );
    }
  };
  // Passed on as given, an empty value included: planning validates them before anything is read (§3.6). An option
  // and its alias that disagree are refused rather than one of them silently winning.
  const oneOf = (
    name: string,
    value: string | undefined,
    alias: string,
    other: string | undefined,
    same: (a: string, b: string) => boolean = (a, b) => a === b,
  ) => {
    if (value !== undefined && other !== undefined && !same(value, other)) {
      fail(
        new ReleasioError("E_USAGE", `${name} ${value} and its alias ${alias} ${other} disagree`, {
          hint: `pass one of them (${alias} is another name for ${name})`,
          details: { option: name, values: [value, other] },
        }),
      );
    }
    return value ?? other ?? null;
  };
  const versionOf = (f: VersionFlags) => oneOf("--version", f.version, "--release-as", f.releaseAs);
  const sameToken = (a: string, b: string) => (prereleaseTokenOf(a) ?? a) === (prereleaseTokenOf(b) ?? b);
  const prereleaseOf = (f: VersionFlags) => oneOf("--prerelease", f.prerelease, "--pre", f.pre, sameToken);

  const program = new Command("releasio")
    .description(
      "Release automation for Python projects: conventional commits → version, changelog, release.",
    )
    .version(`releasio ${releasioVersion()}`, "-V, --version", "print the releasio version")
    .enablePositionalOptions()
    .hook("preAction", (_program, action) => {
      const repeated = repeatedOption(action.options, argv);
      if (repeated === null) return;
      const [first, second] = repeated.values;
      fail(
        new ReleasioError("E_USAGE", `${repeated.option} is given twice, as ${first} and as ${second}`, {
          hint: `pass ${repeated.option} once`,
          details: { option: repeated.option, values: repeated.values },
        }),
      );
    })
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => {} })
    .exitOverride()
    .addHelpText(
      "after",
      `${examples([
        "releasio check                   # the next version, the commits that decide it, the changelog entry",
        "releasio update --execute        # write the version and the changelog into the working tree",
        "releasio release-pr --execute    # open or refresh the release pull request",
        "releasio release --execute       # after the merge: tag, GitHub release, upload to PyPI",
        "releasio init --yes --execute    # configuration and release workflows for a new project",
        "releasio doctor                  # what a release still needs, and the trusted publisher to register",
      ])}\nEvery command is a dry run unless --execute; 'releasio <command> --help' shows its options and examples.\n`,
    );

  const checkAction =
    (name: string, forceVerbose: boolean) =>
    async (path: string | undefined, flags: GlobalFlags & VersionFlags) => {
      prepare(name, flags, false);
      if (forceVerbose) mode.verbose = true;
      try {
        const options = common(path, flags, io, mode, seenWarnings);
        const payload = await check({
          ...options,
          verbose: mode.verbose,
          version: versionOf(flags),
          prerelease: prereleaseOf(flags),
          packages: flags.package ?? [],
        });
        const result: CheckPayload = { ...payload, command: name };
        const date = mode.json || mode.quiet ? null : await previousReleaseDate(options, result);
        emit(result, () => formatPlan(result, mode.verbose, c, date), nextVersionLine(result));
      } catch (e) {
        fail(e);
      }
    };

  const registerCheck = (name: "check" | "explain", verbose: boolean, summary: string) =>
    addVersionOptions(
      addGlobalOptions(program.command(name).argument("[path]", "project path").description(summary), false),
    )
      .addHelpText(
        "after",
        examples([
          `releasio ${name}`,
          `releasio ${name} --json`,
          `releasio ${name} --prerelease beta`,
          `releasio ${name} packages/core --version 2.0.0`,
        ]),
      )
      .action(checkAction(name, verbose));

  const registerUpdate = () =>
    addVersionOptions(
      addGlobalOptions(
        program
          .command("update")
          .argument("[path]", "project path")
          .description(
            "write the version bump, version files, lock files and changelog (dry run unless --execute)",
          ),
        true,
      ),
    )
      .addHelpText(
        "after",
        examples(["releasio update", "releasio update --execute", "releasio update -x --version 2.0.0"]),
      )
      .action(async (path: string | undefined, flags: GlobalFlags & VersionFlags) => {
        prepare("update", flags, true);
        try {
          const options = common(path, flags, io, mode, seenWarnings);
          let nextSteps = "";
          const p: UpdatePayload = await update({
            ...options,
            nextSteps: (hint) => {
              nextSteps = `${hint}\n`;
            },
            execute: flags.execute === true,
            version: versionOf(flags),
            prerelease: prereleaseOf(flags),
            packages: flags.package ?? [],
          });
          // Nothing to write (no release, or one already pending): the human output is check's summary.
          const summarized = !p.release_needed || p.pending_release !== null;
          const date = summarized && !mode.json && !mode.quiet ? await previousReleaseDate(options, p) : null;
          emit(
            p,
            () => {
              const name = escapeLine(p.project ?? "project");
              if (summarized) return formatPlan(p, mode.verbose, c, date);
              return `${updateHead(p, name)}Next version: ${escapeLine(String(p.next_version))}\n${escapeText(nextSteps)}`;
            },
            nextVersionLine(p),
          );
        } catch (e) {
          fail(e);
        }
      });

  const registerChangelog = () =>
    addGlobalOptions(
      addPackageOption(
        program
          .command("changelog")
          .argument("[path]", "project path")
          .description("regenerate the full changelog for every past release")
          .option("-o, --output <file>", "write the document to FILE ('-' = stdout); needs no --execute")
          .option("--prereleases", "give every pre-release its own entry")
          .option("--unreleased", "add an [Unreleased] entry for commits after the newest tag"),
      ),
      true,
    )
      .addHelpText(
        "after",
        examples([
          "releasio changelog",
          "releasio changelog -o CHANGELOG.new.md",
          "releasio changelog --execute --unreleased",
        ]),
      )
      .action(
        async (
          path: string | undefined,
          flags: GlobalFlags & {
            output?: string;
            prereleases?: boolean;
            unreleased?: boolean;
            package?: string[];
          },
        ) => {
          prepare("changelog", flags, true);
          // Writing to a file (not `-o -`, stdout) is no dry run, whether it succeeds or fails.
          if (flags.output !== undefined && flags.output !== "-") dryRun = false;
          try {
            const p: ChangelogPayload = await changelog({
              ...common(path, flags, io, mode, seenWarnings),
              execute: flags.execute === true,
              output: flags.output ?? null,
              prereleases: flags.prereleases === true,
              unreleased: flags.unreleased === true,
              packages: flags.package ?? [],
            });
            emit(p, () => changelogResult(p));
          } catch (e) {
            fail(e);
          }
        },
      );

  const registerConfig = () => {
    // The global options are accepted before the sub-command too (`config --json show`); `show` is the default.
    const config = addGlobalOptions(
      program
        .command("config")
        .description("show the effective configuration or its JSON Schema")
        .enablePositionalOptions(),
      false,
    ).addHelpText(
      "after",
      examples([
        "releasio config show",
        "releasio config show packages/core --json",
        "releasio config schema > releasio.schema.json",
      ]),
    );
    addGlobalOptions(
      config
        .command("show", { isDefault: true })
        .argument("[path]", "project path")
        .description("print the effective configuration with the origin of every value"),
      false,
    )
      .addHelpText("after", examples(["releasio config show", "releasio config show --json"]))
      .action(async (path: string | undefined, _: GlobalFlags, cmd: Command) => {
        const flags: GlobalFlags = cmd.optsWithGlobals();
        prepare("config", flags, false);
        try {
          // The config commands (and the JSON Schema generator they bring) load only when they run.
          const { configShow, configToml, unknownConfigSubcommand } = await import("../commands/config.js");
          // `show` is the default only without arguments: `config bogus` names no subcommand (§4.11).
          if (path !== undefined && cmd.parent?.args[0] !== "show")
            throw unknownConfigSubcommand(path, io.cwd);
          const p = await configShow(common(path, flags, io, mode, seenWarnings));
          emit(p, () => escapeText(configToml(p)));
        } catch (e) {
          fail(e);
        }
      });
    addGlobalOptions(
      config
        .command("schema")
        // Accepted like every command's PATH (§3.1); the schema is the same for every project.
        .argument("[path]", "project path (the schema does not depend on it)")
        .description("print the configuration JSON Schema (draft 2020-12)"),
      false,
    )
      .addHelpText("after", examples(["releasio config schema > releasio.schema.json"]))
      .action(async (_path: string | undefined, _: GlobalFlags, cmd: Command) => {
        prepare("config", cmd.optsWithGlobals(), false);
        const { configSchema } = await import("../commands/config.js");
        const p = configSchema();
        emit(p, () => `${JSON.stringify(p.json_schema, null, 2)}\n`);
      });
  };

  const kit: CliKit = {
    io,
    mode,
    c,
    prepare,
    emit,
    fail,
    common: (path, flags) => common(path, flags, io, mode, seenWarnings),
    versionOf,
    prereleaseOf,
  };
  const registrations: [string, () => unknown][] = [
    [
      "check",
      () => registerCheck("check", false, "preview the next release: version, commits and changelog entry"),
    ],
    [
      "explain",
      () =>
        registerCheck(
          "explain",
          true,
          "every commit of the range with its classification (alias of 'check --verbose')",
        ),
    ],
    ["update", registerUpdate],
    ["changelog", registerChangelog],
    ["config", registerConfig],
    ...EXTRA_COMMANDS.map((extra): [string, () => unknown] => [
      extra.name,
      () => extra.register(program, kit),
    ]),
  ];
  // A run of one command defines only that command; everything else (help, --version, a mistyped command and its
  // suggestions) sees them all.
  if (registrations.some(([name]) => name === argv[0])) commandName = argv[0]!;
  const selected = registrations.filter(([name]) => commandName === "releasio" || name === commandName);
  for (const [, register] of selected) register();
  refuseOptionValues(program, argv, (option, value, command) => {
    const name = option.long ?? option.short ?? option.flags;
    const spelling = isPathOption(option)
      ? `write ./${value} for a path that starts with '-'`
      : `write ${option.long ? `${option.long}=${value}` : `${name}${value}`} for a value that starts with '-'`;
    fail(
      new ReleasioError("E_USAGE", `option '${option.flags}' needs a value; got the option '${value}'`, {
        hint: `${spelling}; run 'releasio ${command} --help'`,
        details: { option: name, value },
      }),
    );
  });
  // A mutating command offers --execute; until its options are parsed, -x among the arguments decides.
  const selectedCommand = program.commands.find((cmd) => cmd.name() === commandName);
  const offersExecute = selectedCommand?.options.some((o) => o.long === "--execute" && !o.hidden) === true;
  dryRun = offersExecute && !executeFlag;

  // Only global options and no command (`releasio --json`) is `releasio` alone: the general help, except that
  // --json promises one JSON object, so there it is the usage error of the missing command.
  if (onlyGlobalOptions(argv)) {
    if (!wantsJson) {
      program.outputHelp();
      return 0;
    }
    return usageExit(new ReleasioError("E_USAGE", "missing command", { hint: "run 'releasio --help'" }));
  }
  // Options and no command: the first option that is not a global one is the unknown one (commander, which knows
  // the global options only after a command, would name the first option, `--json` in `releasio --json --bogus`).
  const stray = commandName === "releasio" ? strayRootOption(argv) : null;
  if (stray !== null) {
    const known = [...GLOBAL_FLAGS, ...GLOBAL_WITH_VALUE, ...ROOT_OPTIONS].filter((o) => o.startsWith("--"));
    const suggestion = didYouMean(stray, known);
    return usageExit(
      new ReleasioError("E_USAGE", `unknown option '${stray}'`, {
        hint: `${suggestion ? `did you mean '${suggestion}'? ` : ""}run 'releasio --help'`,
      }),
    );
  }
  try {
    const isCommand = (name: string) => registrations.some(([known]) => known === name);
    await program.parseAsync([...helpAsOption(argv, isCommand)], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version" ||
        e.code === "commander.help"
      )
        return 0;
      // Commander appends its suggestion on a line of its own ("(Did you mean check?)"): it becomes the hint.
      const [base = "", ...rest] = e.message.replace(/^error: /, "").split("\n");
      const suggestion = /^\(Did you mean (.+)\?\)$/.exec(rest.join(" ").trim())?.[1];
      const message =
        commandName !== "releasio" && /^unknown option/.test(base) ? `${base} for '${commandName}'` : base;
      const help = `run 'releasio ${commandName === "releasio" ? "" : `${commandName} `}--help'`;
      return usageExit(
        new ReleasioError("E_USAGE", message, {
          hint: suggestion ? `did you mean '${suggestion}'? ${help}` : help,
        }),
      );
    }
    throw e;
  }
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  // A reader that stops early (`releasio check | head`) is not an error of ours.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
  await tuneHeapFor(argv[0]);
  return run(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTty: process.stderr.isTTY === true && process.stdout.isTTY === true,
    cwd: process.cwd(),
  });
}
