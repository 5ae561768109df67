/** Parsing git remote URLs (§6.20): https, ssh, scp-like and git URLs; credentials are dropped. */
export interface RemoteInfo {
  host: string;
  /** Repository path without a trailing `.git`: `acme/my.lib`, `group/sub/project`. */
  path: string;
}

const URL_FORM = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/(.+)$/i;
const SCP_FORM = /^(?:[^@/]+@)?([^/:]+):(?!\/\/)(.+)$/;

export function parseRemoteUrl(url: string): RemoteInfo | null {
  const trimmed = url.trim();
  const m = URL_FORM.exec(trimmed) ?? (trimmed.includes("://") ? null : SCP_FORM.exec(trimmed));
  if (!m) return null;
  const path = m[2]!
    .replace(/\/+$/, "")
    .replace(/\.git$/, "")
    .replace(/^\/+/, "");
  if (!path.includes("/")) return null;
  return { host: m[1]!.toLowerCase(), path };
}

export function ownerAndRepo(path: string): { owner: string; repo: string } | null {
  const i = path.lastIndexOf("/");
  if (i <= 0) return null;
  return { owner: path.slice(0, i), repo: path.slice(i + 1) };
}
