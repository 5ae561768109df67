/**
 * An in-memory forge for the release engine's tests: stateful and strict (a tag has one release, published
 * releases refuse asset changes, drafts only when the forge has them), counting calls, with injectable faults.
 */
import type {
  AdvisoryInput,
  AssetFile,
  Forge,
  ForgeRelease,
  ReleaseAsset,
  ReleaseInput,
} from "../../src/adapters/forge/port.js";
import { ReleasioError } from "../../src/core/errors.js";

type Method = keyof Omit<Forge, "repository" | "capabilities" | "calls">;

export interface MemoryForge extends Forge {
  releases: (ForgeRelease & { makeLatest: boolean | null })[];
  advisories: AdvisoryInput[];
  /** Method names in call order (failed calls included). */
  log: Method[];
  /** Calls that failed through `failNext`. */
  failed: Method[];
  /** Successful calls of a method. */
  succeeded(method: Method): number;
  writes(): Method[];
  /** The next call of `method` throws `error` (default: a 503 E_FORGE_API). */
  failNext(method: Method, error?: Error): void;
  /** The next call of `method` takes effect, then throws (a crash or lost answer after the write). */
  crashAfter(method: Method): void;
}

const WRITES: ReadonlySet<Method> = new Set([
  "createDraftRelease",
  "uploadAsset",
  "deleteAsset",
  "publishRelease",
  "createAdvisory",
]);

export function memoryForge(options: { drafts?: boolean; advisories?: boolean } = {}): MemoryForge {
  const drafts = options.drafts !== false;
  const releases: MemoryForge["releases"] = [];
  const pendingAssets: ReleaseAsset[] = [];
  const advisories: AdvisoryInput[] = [];
  const log: Method[] = [];
  const failed: Method[] = [];
  const faults = new Map<Method, Error>();
  const crashes = new Set<Method>();
  let ids = 0;
  const copy = (r: ForgeRelease): ForgeRelease => ({ ...r, assets: r.assets.map((a) => ({ ...a })) });
  const enter = (m: Method) => {
    log.push(m);
    const fault = faults.get(m);
    if (fault) {
      faults.delete(m);
      failed.push(m);
      throw fault;
    }
  };
  const byId = (id: string) => {
    const r = releases.find((x) => x.id === id);
    if (!r) throw new Error(`memory forge: no release ${id}`);
    return r;
  };
  const toAsset = (file: AssetFile, tag: string): ReleaseAsset => ({
    id: String(++ids),
    name: file.name,
    size: file.size,
    sha256: file.sha256,
    url: `https://forge.example/acme/demo/releases/download/${tag}/${file.name}`,
  });
  const make = (input: ReleaseInput, draft: boolean, assets: ReleaseAsset[]) => {
    if (releases.some((r) => r.tag === input.tag))
      throw new Error(`memory forge: duplicate release for ${input.tag}`);
    const r = {
      id: String(++ids),
      tag: input.tag,
      name: input.name,
      body: input.body,
      draft,
      prerelease: input.prerelease,
      url: `https://forge.example/acme/demo/releases/tag/${input.tag}`,
      assets,
      makeLatest: null as boolean | null,
    };
    releases.push(r);
    return r;
  };
  const forge: MemoryForge = {
    repository: {
      kind: drafts ? "github" : "gitlab",
      path: "acme/demo",
      webUrl: "https://forge.example/acme/demo",
      apiUrl: "https://api.forge.example",
    },
    capabilities: { draftReleases: drafts, advisories: options.advisories !== false && drafts },
    get calls() {
      return log.length;
    },
    releases,
    advisories,
    log,
    failed,
    succeeded: (m) => log.filter((x) => x === m).length - failed.filter((x) => x === m).length,
    writes: () => log.filter((m) => WRITES.has(m)),
    crashAfter(method) {
      crashes.add(method);
    },
    failNext(method, error) {
      faults.set(
        method,
        error ?? new ReleasioError("E_FORGE_API", `${method} failed: 503 Service Unavailable`),
      );
    },
    async getRepository() {
      enter("getRepository");
      return { defaultBranch: "main", visibility: "public" };
    },
    async findOpenChangeRequest() {
      throw new Error("not used");
    },
    async findMergedChangeRequest() {
      throw new Error("not used");
    },
    async createChangeRequest() {
      throw new Error("not used");
    },
    async updateChangeRequest() {
      throw new Error("not used");
    },
    async addLabels() {
      throw new Error("not used");
    },
    async closeChangeRequest() {
      throw new Error("not used");
    },
    async upsertComment() {
      throw new Error("not used");
    },
    async lookupCommits() {
      enter("lookupCommits");
      return new Map();
    },
    async findRelease(tag) {
      enter("findRelease");
      const r = releases.find((x) => x.tag === tag);
      return r ? copy(r) : null;
    },
    async createDraftRelease(input) {
      enter("createDraftRelease");
      if (!drafts) throw new Error("memory forge: no drafts on this forge");
      return copy(make(input, true, []));
    },
    async uploadAsset(release, file) {
      enter("uploadAsset");
      if (release === null) {
        const asset = toAsset(file, "pending");
        pendingAssets.push(asset);
        return asset;
      }
      const r = byId(release.id);
      if (!r.draft) throw new Error("memory forge: published releases are immutable");
      if (r.assets.some((a) => a.name === file.name))
        throw new Error(`memory forge: asset ${file.name} exists`);
      const asset = toAsset(file, r.tag);
      r.assets.push(asset);
      return { ...asset };
    },
    async deleteAsset(release, asset) {
      enter("deleteAsset");
      if (!release) {
        pendingAssets.splice(0, pendingAssets.length, ...pendingAssets.filter((a) => a.id !== asset.id));
        return;
      }
      const r = byId(release.id);
      if (!r.draft) throw new Error("memory forge: published releases are immutable");
      r.assets = r.assets.filter((a) => a.id !== asset.id);
    },
    async listAssets(release) {
      enter("listAssets");
      return release ? byId(release.id).assets.map((a) => ({ ...a })) : pendingAssets.map((a) => ({ ...a }));
    },
    async publishRelease(draft, input) {
      enter("publishRelease");
      if (draft) {
        const r = byId(draft.id);
        if (!r.draft) throw new Error("memory forge: already published");
        r.draft = false;
        r.makeLatest = input.makeLatest;
        return copy(r);
      }
      const r = make(
        input,
        false,
        input.assets.map((a) => ({ ...a })),
      );
      r.makeLatest = input.makeLatest;
      return copy(r);
    },
    async listAdvisorySummaries() {
      enter("listAdvisorySummaries");
      return advisories.map((a) => a.summary);
    },
    async createAdvisory(input) {
      enter("createAdvisory");
      advisories.push(input);
      return { url: `https://forge.example/acme/demo/security/advisories/GHSA-${advisories.length}` };
    },
  };
  // A crash after the write: the forge changed, the caller never heard back.
  for (const method of WRITES) {
    const original = forge[method] as (...args: unknown[]) => Promise<unknown>;
    (forge as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const result = await original.apply(forge, args);
      if (crashes.delete(method)) throw new ReleasioError("E_NETWORK", `connection reset after ${method}`);
      return result;
    };
  }
  return forge;
}
