/** Web URLs and references on GitHub and GitLab: the only place that knows their path shapes. */
import type { ForgeLinks } from "./options.js";

interface ForgeShape {
  /** Path prefix GitLab puts before project pages (`/-`). */
  pages: string;
  pullPath: string;
  /** How a PR/MR number is written in prose. */
  pullSigil: string;
}

const SHAPES: Record<ForgeLinks["kind"], ForgeShape> = {
  github: { pages: "", pullPath: "/pull/", pullSigil: "#" },
  gitlab: { pages: "/-", pullPath: "/-/merge_requests/", pullSigil: "!" },
};

function base(forge: ForgeLinks): string {
  return forge.webUrl.replace(/\/+$/, "");
}

/** The page comparing two tags, or the tree of the first release. */
export function releaseUrl(forge: ForgeLinks, previousTag: string | null, tag: string): string {
  const pages = SHAPES[forge.kind].pages;
  return previousTag === null
    ? `${base(forge)}${pages}/tree/${tag}`
    : `${base(forge)}${pages}/compare/${previousTag}...${tag}`;
}

export function pullUrl(forge: ForgeLinks, pr: number): string {
  return `${base(forge)}${SHAPES[forge.kind].pullPath}${pr}`;
}

export function commitUrl(forge: ForgeLinks, sha: string): string {
  return `${base(forge)}${SHAPES[forge.kind].pages}/commit/${sha}`;
}

/**
 * `#12` on GitHub, `!12` on GitLab (where `#12` would name an issue); `#12` when the forge is unknown.
 */
export function pullLabel(forge: ForgeLinks | null, pr: number): string {
  return `${forge ? SHAPES[forge.kind].pullSigil : "#"}${pr}`;
}
