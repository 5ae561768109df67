/**
 * The interactive questions of `init` (§4.8). The wizard only fills the same settings object `--yes` uses: every
 * question starts at that object's value, so answering each with Enter gives exactly the `--yes` result. The
 * prompt library is behind `Prompter` (the CLI binds @clack/prompts).
 */
import type { BuildTool, InitSettings, InitTarget } from "./settings.js";

export interface Prompter {
  text(question: { message: string; initial: string }): Promise<string>;
  confirm(question: { message: string; initial: boolean }): Promise<boolean>;
  select<T extends string>(question: {
    message: string;
    initial: T;
    options: { value: T; label: string }[];
  }): Promise<T>;
}

const BUILD_TOOLS: { value: BuildTool; label: string }[] = [
  { value: "auto", label: "auto (uv when installed, else python -m build)" },
  { value: "uv", label: "uv" },
  { value: "build", label: "python -m build" },
  { value: "poetry", label: "poetry" },
  { value: "pdm", label: "pdm" },
  { value: "hatch", label: "hatch" },
];

const TARGETS: { value: InitTarget; label: string }[] = [
  { value: "pyproject", label: "pyproject.toml [tool.releasio]" },
  { value: "dotfile", label: ".releasio.toml" },
  { value: "visible", label: "releasio.toml" },
];

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

export async function runWizard(defaults: InitSettings, ask: Prompter): Promise<InitSettings> {
  const s: InitSettings = {
    ...defaults,
    labels: [...defaults.labels],
    assets: [...defaults.assets],
    versionFiles: [...defaults.versionFiles],
  };
  s.defaultBranch =
    (await ask.text({ message: "Default (release) branch", initial: s.defaultBranch })).trim() ||
    s.defaultBranch;
  s.tagPrefix = (await ask.text({ message: "Tag prefix (empty for none)", initial: s.tagPrefix })).trim();
  s.publish = await ask.confirm({ message: "Publish to PyPI when releasing?", initial: s.publish });
  if (s.publish) {
    s.trustedPublishing = await ask.confirm({
      message: "Use trusted publishing (OIDC, no token secret)?",
      initial: s.trustedPublishing,
    });
    s.testPypi = await ask.confirm({ message: "Publish to TestPyPI instead of PyPI?", initial: s.testPypi });
    s.buildTool = await ask.select({ message: "Build tool", initial: s.buildTool, options: BUILD_TOOLS });
    const environment = await ask.text({
      message: "Deployment environment of the publishing job (must match the PyPI publisher; empty for none)",
      initial: s.trustedPublishing ? (s.environment ?? "") : "",
    });
    s.environment = environment.trim() === "" ? null : environment.trim();
    if (s.forge !== "gitlab") {
      const snapshots = await ask.text({
        message: "Publish snapshots of a branch to TestPyPI on every push (e.g. develop; empty for none)",
        initial: s.snapshotBranch ?? "",
      });
      s.snapshotBranch = snapshots.trim() === "" ? null : snapshots.trim();
    }
  } else {
    s.trustedPublishing = false;
    s.environment = null;
    s.snapshotBranch = null;
  }
  // Asked only when detection found package modules carrying a version: most projects declare it in one place.
  if (defaults.versionFiles.length > 0) {
    s.versionFiles = list(
      await ask.text({
        message:
          "Other files that carry the version, updated with each release (comma-separated; empty for none)",
        initial: s.versionFiles.join(", "),
      }),
    );
  }
  s.changelogPath =
    (await ask.text({ message: "Changelog file", initial: s.changelogPath })).trim() || s.changelogPath;
  s.labels = list(
    await ask.text({ message: "Release PR labels (comma-separated)", initial: s.labels.join(", ") }),
  );
  s.assets = list(
    await ask.text({ message: "Release assets (globs, comma-separated)", initial: s.assets.join(", ") }),
  );
  s.target = await ask.select({
    message: "Where should the configuration live?",
    initial: s.target,
    options: TARGETS,
  });
  s.workflow = await ask.confirm({
    message:
      s.forge === "gitlab" ? "Write ci/releasio.gitlab-ci.yml?" : "Write .github/workflows/release.yml?",
    initial: s.workflow,
  });
  if (s.forge !== "gitlab") {
    s.prTitleWorkflow = await ask.confirm({
      message: "Write .github/workflows/pr-title.yml (conventional PR titles)?",
      initial: s.prTitleWorkflow,
    });
  }
  return s;
}
