/**
 * Finding the GitHub Actions job that publishes with releasio (§4.9): the workflow file and job whose step runs
 * releasio's `release`, `do-release` or `publish`, with that job's environment and whether it may request an
 * OIDC ID token. Works on workflow text; parsing YAML is pure.
 */
import { parse } from "yaml";

/** The commands that upload to an index, and so need the trusted publisher. */
export type PublishingCommand = "release" | "do-release" | "publish";
const PUBLISHING_COMMANDS = new Set(["release", "do-release", "publish"]);

/** `releasio release`, `npx releasio do-release`, `uvx releasio publish` — not `release-pr`. */
export const PUBLISHING_RUN_LINE =
  /(?:^|[\s/;&|(])releasio(?:@[\w.^~-]+)?\s+(release|do-release|publish)(?![\w-])/m;

export interface PublishingJob {
  /** Workflow file path as given (`.github/workflows/release.yml`). */
  file: string;
  /** The workflow file name PyPI matches (`release.yml`). */
  workflow: string;
  job: string;
  command: PublishingCommand;
  /** The job's `environment:` name, or null when it has none. */
  environment: string | null;
  /** `id-token: write` is granted to the job (its own permissions, else the workflow's). */
  idTokenWrite: boolean;
  /** Where the permission decision came from. */
  permissionsFrom: "job" | "workflow" | "default";
  /** Trigger events of the workflow (`push`, `pull_request_target`, `workflow_call`, ...). */
  events: string[];
  /**
   * The index the job publishes to when it sets `RELEASIO_PUBLISH_REGISTRY` literally (step, else job, else
   * workflow `env:`), as written (`https://test.pypi.org/legacy/`, `testpypi`); null = the configured one.
   */
  registry: string | null;
}

/** A CI file as read from the repository: a GitHub workflow, or a GitLab pipeline file. */
export interface WorkflowFile {
  path: string;
  text: string;
}

export interface WorkflowScan {
  /** Every job that publishes with releasio, in file then job order. */
  jobs: PublishingJob[];
  /** Files that are not valid YAML workflows, with the reason (reported, never fatal). */
  unreadable: { file: string; reason: string }[];
}

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The first line of a YAML parser's error: why a CI file cannot be read. */
export function unreadableReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The releasio command a step runs, or null: an action step with `command:`, or a `run:` script line. */
export function stepCommand(step: unknown): PublishingCommand | null {
  if (!isDict(step)) return null;
  const uses = step["uses"];
  if (typeof uses === "string" && /releasio/i.test(uses)) {
    const command = isDict(step["with"]) ? step["with"]["command"] : undefined;
    if (typeof command === "string" && PUBLISHING_COMMANDS.has(command.trim())) {
      return command.trim() as PublishingCommand;
    }
    return null;
  }
  const run = step["run"];
  if (typeof run === "string") {
    const m = PUBLISHING_RUN_LINE.exec(run);
    if (m) return m[1] as PublishingCommand;
  }
  return null;
}

/**
 * Whether a `permissions:` value grants `id-token: write`: `write-all` does; a map only with `id-token: write`.
 * Undefined means "not set at this level".
 */
export function grantsIdToken(permissions: unknown): boolean | undefined {
  if (permissions === undefined || permissions === null) return undefined;
  if (typeof permissions === "string") return permissions.trim() === "write-all";
  if (isDict(permissions)) return permissions["id-token"] === "write";
  return false;
}

export function environmentName(environment: unknown): string | null {
  if (typeof environment === "string") return environment.trim() === "" ? null : environment.trim();
  if (isDict(environment) && typeof environment["name"] === "string") {
    const name = environment["name"].trim();
    return name === "" ? null : name;
  }
  return null;
}

/**
 * The `RELEASIO_PUBLISH_REGISTRY` a CI sets when its value is literal: one holding the CI's expression marker
 * (`${{` on GitHub, `$` on GitLab) is only known when the job runs.
 */
export function literalRegistry(value: unknown, expression: string): string | null {
  return typeof value === "string" && value.trim() !== "" && !value.includes(expression)
    ? value.trim()
    : null;
}

/** A literal `RELEASIO_PUBLISH_REGISTRY` of an `env:` map. */
function registryIn(env: unknown): string | null {
  return isDict(env) ? literalRegistry(env["RELEASIO_PUBLISH_REGISTRY"], "${{") : null;
}

function triggerEvents(on: unknown): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === "string");
  if (isDict(on)) return Object.keys(on);
  return [];
}

/** The publishing jobs of one workflow file (YAML errors are thrown as Error with the parser's message). */
export function publishingJobs(file: WorkflowFile): PublishingJob[] {
  const doc: unknown = parse(file.text, { prettyErrors: false });
  if (!isDict(doc)) throw new Error("not a mapping");
  const jobs = doc["jobs"];
  if (!isDict(jobs)) return [];
  // YAML 1.1 reads a bare `on:` as true; the yaml package (1.2 core) keeps the key "on".
  const events = triggerEvents(doc["on"] ?? doc["true"]);
  const workflowGrant = grantsIdToken(doc["permissions"]);
  const found: PublishingJob[] = [];
  for (const [name, job] of Object.entries(jobs)) {
    if (!isDict(job) || !Array.isArray(job["steps"])) continue;
    const step = job["steps"].find((st) => stepCommand(st) !== null);
    const command = stepCommand(step);
    if (!command) continue;
    const jobGrant = grantsIdToken(job["permissions"]);
    found.push({
      file: file.path,
      workflow: basename(file.path),
      job: name,
      command,
      environment: environmentName(job["environment"]),
      idTokenWrite: jobGrant ?? workflowGrant ?? false,
      permissionsFrom: jobGrant !== undefined ? "job" : workflowGrant !== undefined ? "workflow" : "default",
      events,
      registry:
        registryIn(isDict(step) ? step["env"] : undefined) ??
        registryIn(job["env"]) ??
        registryIn(doc["env"]),
    });
  }
  return found;
}

/** Scans every workflow file; unreadable ones are listed rather than failing the diagnosis. */
export function scanWorkflows(files: readonly WorkflowFile[]): WorkflowScan {
  const scan: WorkflowScan = { jobs: [], unreadable: [] };
  const ordered = [...files].sort((a, b) => a.path.localeCompare(b.path));
  for (const file of ordered) {
    try {
      scan.jobs.push(...publishingJobs(file));
    } catch (error) {
      scan.unreadable.push({ file: file.path, reason: unreadableReason(error) });
    }
  }
  return scan;
}

/**
 * The job the trusted publisher is about: the running one, when it is known (in Actions, a job of the running
 * workflow file; in a GitLab pipeline, the running job). Else, by the index it publishes to, a job that names the
 * diagnosed index (`publishesHere(job.registry)`: TestPyPI's snapshot job when TestPyPI is diagnosed), then one that
 * names none (it uses the configuration), last one that names another; then a `release` job before `publish`, which
 * usually belongs to a manual workflow.
 */
export function selectPublishingJob<J extends { registry: string | null; command: PublishingCommand }>(
  jobs: readonly J[],
  isRunning: ((job: J) => boolean) | null,
  publishesHere: (registry: string) => boolean = () => false,
): J | null {
  const running = isRunning ? jobs.find(isRunning) : undefined;
  if (running) return running;
  const index = (j: J) => (j.registry === null ? 1 : publishesHere(j.registry) ? 0 : 2);
  const rank = (j: J) => index(j) * 2 + (j.command === "publish" ? 1 : 0);
  return [...jobs].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
