/**
 * Finding the GitLab CI job that publishes with releasio (§4.9): the job of the pipeline (`.gitlab-ci.yml` and the
 * local files it includes, or a child pipeline it triggers from the repository's files) whose script runs
 * releasio's `release`, `do-release` or `publish`, with its environment and the ID tokens it declares. Works on
 * file text; the command reads the files.
 */
import { parseAllDocuments, type Tags } from "yaml";
import {
  type Dict,
  environmentName,
  isDict,
  literalRegistry,
  PUBLISHING_RUN_LINE,
  type PublishingCommand,
  unreadableReason,
  type WorkflowFile,
} from "./workflow.js";

/** The top-level pipeline file, the one PyPI's GitLab publisher names by default. */
export const GITLAB_PIPELINE_FILE = ".gitlab-ci.yml";

export interface GitLabPublishingJob {
  /** The file that defines the job (`.gitlab-ci.yml`, `ci/releasio.gitlab-ci.yml`). */
  file: string;
  job: string;
  command: PublishingCommand;
  /** The job's `environment:` name, or null when it has none. */
  environment: string | null;
  /** `id_tokens:` of the job (its own, from `extends:`, or from `default:`): variable name and audiences. */
  idTokens: { variable: string; audiences: string[] }[];
  /** A literal `RELEASIO_PUBLISH_REGISTRY` of the job's (else the pipeline's) `variables:`; null = configured. */
  registry: string | null;
}

/** `.gitlab-ci.yml` or a file it includes. */
export type PipelineFile = WorkflowFile;

/** A child pipeline that a trigger job starts from files of the repository (`trigger: include: ci/child.yml`). */
export interface ChildPipeline {
  /** The trigger job, and the file that defines it. */
  job: string;
  file: string;
  /** The child pipeline's top-level files, in order (each may include more). */
  files: string[];
  /**
   * A literal `RELEASIO_PUBLISH_REGISTRY` the trigger job passes down (its own `variables:`, else the pipeline's,
   * unless `forward: yaml_variables: false`): it outranks the child's own.
   */
  registry: string | null;
  /** `forward: pipeline_variables: true`: what was passed down to this pipeline goes on down. */
  forwardsPassed: boolean;
}

export interface PipelineScan {
  jobs: GitLabPublishingJob[];
  /** The child pipelines the pipeline's jobs trigger from local files. */
  children: ChildPipeline[];
  /** Files that are not valid YAML pipelines, with the reason (reported, never fatal). */
  unreadable: { file: string; reason: string }[];
}

/** Top-level keys that configure the pipeline rather than name a job. */
const GLOBAL_KEYWORDS = new Set([
  "default",
  "include",
  "stages",
  "variables",
  "workflow",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
  "spec",
]);

/** `!reference [.job, key]`: kept as a marker, resolved against the pipeline's jobs. */
interface Reference {
  reference: string[];
}

const REFERENCE_TAG: Tags[number] = {
  tag: "!reference",
  collection: "seq",
  resolve: (seq) => ({ reference: (seq.toJSON() as unknown[]).map(String) }),
};

function isReference(value: unknown): value is Reference {
  return isDict(value) && Array.isArray(value["reference"]);
}

/** A pipeline file as parsed once: its content, or why it is not a pipeline. */
export type PipelineDocument = { path: string; content: Dict } | { path: string; error: string };

/**
 * Parses a pipeline file. A file with a header (`spec: inputs: …`) holds its content in a second YAML document,
 * after `---`; the header declares inputs and no job. An empty file is an empty pipeline.
 */
export function parsePipelineFile(file: PipelineFile): PipelineDocument {
  try {
    const docs = parseAllDocuments(file.text, { prettyErrors: false, customTags: [REFERENCE_TAG] });
    const list = Array.isArray(docs) ? docs : [];
    const error = list.flatMap((d) => d.errors)[0];
    if (error) throw error;
    const content: unknown = list.length === 0 ? null : list[list.length - 1]!.toJS();
    if (content === null || content === undefined) return { path: file.path, content: {} };
    return isDict(content) ? { path: file.path, content } : { path: file.path, error: "not a mapping" };
  } catch (error) {
    return { path: file.path, error: unreadableReason(error) };
  }
}

/**
 * The local files a pipeline includes (`include: path`, `- local: path`, `- path`), relative to the repository root.
 * Remote, project and template includes are not in the repository, and wildcard paths are not expanded.
 */
export function localIncludes(file: PipelineDocument): string[] {
  return "content" in file ? localPaths(file.content["include"]) : [];
}

/**
 * The local files of an `include:` value, of a pipeline or of a trigger job. Remote, project, template and
 * artifact entries name files outside the repository's tree; wildcards and variables are not expanded.
 */
function localPaths(include: unknown): string[] {
  const entries = Array.isArray(include) ? include : include === undefined ? [] : [include];
  const paths: string[] = [];
  for (const entry of entries) {
    const local =
      typeof entry === "string" && !/^https?:\/\//i.test(entry)
        ? entry
        : isDict(entry) && typeof entry["local"] === "string"
          ? entry["local"]
          : null;
    if (local === null || local.includes("*") || local.includes("$")) continue;
    const path = local.trim().replace(/^\/+/, "");
    // A path out of the repository is not the repository's.
    if (path.split("/").includes("..")) continue;
    if (path !== "" && !paths.includes(path)) paths.push(path);
  }
  return paths;
}

/** Hashes merge key by key (GitLab's `extends:` deep merge); anything else is replaced. */
function deepMerge(base: Dict, over: Dict): Dict {
  const out: Dict = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] = isDict(before) && isDict(value) ? deepMerge(before, value) : value;
  }
  return out;
}

/** GitLab resolves at most eleven levels of `extends:`. */
const MAX_EXTENDS = 11;

function resolveJob(name: string, jobs: Map<string, Dict>, depth = 0): Dict | null {
  const job = jobs.get(name);
  if (!job) return null;
  const parents = job["extends"];
  const names = typeof parents === "string" ? [parents] : Array.isArray(parents) ? parents : [];
  if (depth >= MAX_EXTENDS || names.length === 0) return job;
  let merged: Dict = {};
  for (const parent of names) {
    const resolved = typeof parent === "string" ? resolveJob(parent, jobs, depth + 1) : null;
    if (resolved) merged = deepMerge(merged, resolved);
  }
  return deepMerge(merged, job);
}

/** A script's lines, with `!reference [.job, key]` entries replaced by what they name. */
function scriptLines(script: unknown, jobs: Map<string, Dict>, depth = 0): string[] {
  if (typeof script === "string") return [script];
  if (isReference(script)) {
    if (depth >= MAX_EXTENDS) return [];
    let target: unknown = jobs.get(script.reference[0] ?? "");
    for (const key of script.reference.slice(1)) target = isDict(target) ? target[key] : undefined;
    return scriptLines(target, jobs, depth + 1);
  }
  if (Array.isArray(script)) return script.flatMap((line) => scriptLines(line, jobs, depth));
  return [];
}

function scriptCommand(job: Dict, jobs: Map<string, Dict>): PublishingCommand | null {
  for (const line of scriptLines(job["script"], jobs)) {
    const m = PUBLISHING_RUN_LINE.exec(line);
    if (m) return m[1] as PublishingCommand;
  }
  return null;
}

/** `id_tokens: { PYPI_ID_TOKEN: { aud: pypi } }`; `aud` may be a list. */
function idTokensOf(value: unknown): GitLabPublishingJob["idTokens"] {
  if (!isDict(value)) return [];
  return Object.entries(value).map(([variable, spec]) => {
    const aud = isDict(spec) ? spec["aud"] : undefined;
    const audiences = (Array.isArray(aud) ? aud : [aud]).filter((a): a is string => typeof a === "string");
    return { variable, audiences: audiences.map((a) => a.trim()) };
  });
}

/** Whether the job inherits `key` from `default:` (`inherit: default: false` or a list without it opts out). */
function inheritsDefault(job: Dict, key: string): boolean {
  const inherit = isDict(job["inherit"]) ? job["inherit"]["default"] : undefined;
  if (inherit === false) return false;
  if (Array.isArray(inherit)) return inherit.includes(key);
  return true;
}

/** A literal `RELEASIO_PUBLISH_REGISTRY` of a `variables:` map (`NAME: value` or `NAME: { value: … }`). */
function registryIn(variables: unknown): string | null {
  if (!isDict(variables)) return null;
  const raw = variables["RELEASIO_PUBLISH_REGISTRY"];
  return literalRegistry(isDict(raw) ? raw["value"] : raw, "$");
}

/**
 * The publishing jobs of a pipeline made of `files` in GitLab's merge order (an included file before the file that
 * includes it): a later file's job, `default:` and `variables:` are merged over an earlier one's.
 */
export function scanPipeline(files: readonly PipelineDocument[]): PipelineScan {
  const scan: PipelineScan = { jobs: [], children: [], unreadable: [] };
  const jobs = new Map<string, Dict>();
  const definedIn = new Map<string, string>();
  let defaults: Dict = {};
  let variables: Dict = {};
  for (const file of files) {
    if (!("content" in file)) {
      scan.unreadable.push({ file: file.path, reason: file.error });
      continue;
    }
    const doc = file.content;
    if (isDict(doc["default"])) defaults = deepMerge(defaults, doc["default"]);
    if (isDict(doc["variables"])) variables = deepMerge(variables, doc["variables"]);
    for (const [name, value] of Object.entries(doc)) {
      if (GLOBAL_KEYWORDS.has(name) || !isDict(value)) continue;
      const before = jobs.get(name);
      jobs.set(name, before ? deepMerge(before, value) : value);
      definedIn.set(name, file.path);
    }
  }
  for (const name of jobs.keys()) {
    // Hidden jobs (`.releasio`) are templates: they never run.
    if (name.startsWith(".")) continue;
    const job = resolveJob(name, jobs);
    if (!job) continue;
    // `trigger: include:` starts a child pipeline of its own files; `trigger: group/project` another project's.
    const trigger = isDict(job["trigger"]) ? job["trigger"] : {};
    const childFiles = localPaths(trigger["include"]);
    if (childFiles.length > 0) {
      const forward = isDict(trigger["forward"]) ? trigger["forward"] : {};
      scan.children.push({
        job: name,
        file: definedIn.get(name) ?? GITLAB_PIPELINE_FILE,
        files: childFiles,
        registry:
          forward["yaml_variables"] === false
            ? null
            : (registryIn(job["variables"]) ?? registryIn(variables)),
        forwardsPassed: forward["pipeline_variables"] === true,
      });
    }
    const command = scriptCommand(job, jobs);
    if (!command) continue;
    const ownTokens = job["id_tokens"];
    const tokens =
      ownTokens === undefined && inheritsDefault(job, "id_tokens") ? defaults["id_tokens"] : ownTokens;
    scan.jobs.push({
      file: definedIn.get(name) ?? GITLAB_PIPELINE_FILE,
      job: name,
      command,
      environment: environmentName(job["environment"]),
      idTokens: idTokensOf(tokens),
      registry: registryIn(job["variables"]) ?? registryIn(variables),
    });
  }
  return scan;
}
