/**
 * The step journal (PRODUCT.md §8): ordered steps that each observe the world, then skip, apply or fail. After a
 * failure every later step is `not-run`. The journal is printed one line per step and returned as `steps`.
 */
import { ReleasioError } from "../core/errors.js";

export type StepStatus = "planned" | "done" | "skipped" | "failed" | "not-run";

export interface Step {
  id: string;
  package: string | null;
  status: StepStatus;
  reason: string | null;
  message: string;
  duration_ms: number | null;
}

/** What a step's body reports: applied (done), nothing to do (skipped with a reason) or, in a dry run, planned. */
export type StepOutcome =
  | { status: "done"; message: string }
  | { status: "skipped"; reason: "already-done" | "disabled" | "not-applicable"; message: string }
  | { status: "planned"; message: string };

export class Journal {
  readonly steps: Step[] = [];
  private failed = false;

  constructor(private readonly onStep: (step: Step) => void = () => {}) {}

  /** True once a step failed: later steps are recorded as not run. */
  get hasFailed(): boolean {
    return this.failed;
  }

  /**
   * Runs one step. A thrown error marks it failed and is rethrown after recording; once a step has failed, later
   * calls record `not-run` without running their body.
   */
  async run(
    id: string,
    pkg: string | null,
    body: () => Promise<StepOutcome> | StepOutcome,
  ): Promise<StepOutcome | null> {
    if (this.failed) {
      this.record({ id, package: pkg, status: "not-run", reason: null, message: "", duration_ms: null });
      return null;
    }
    const started = performance.now();
    try {
      const outcome = await body();
      this.record({
        id,
        package: pkg,
        status: outcome.status,
        reason: outcome.status === "skipped" ? outcome.reason : null,
        message: outcome.message,
        duration_ms: Math.round(performance.now() - started),
      });
      return outcome;
    } catch (error) {
      this.failed = true;
      this.record({
        id,
        package: pkg,
        status: "failed",
        reason: error instanceof ReleasioError ? error.code : null,
        message: error instanceof Error ? error.message : String(error),
        duration_ms: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  /** Records the remaining steps of a plan that was cut short as not run. */
  notRun(ids: readonly string[], pkg: string | null): void {
    for (const id of ids) {
      this.record({ id, package: pkg, status: "not-run", reason: null, message: "", duration_ms: null });
    }
  }

  private record(step: Step): void {
    this.steps.push(step);
    this.onStep(step);
  }
}

const SYMBOLS: Record<StepStatus, string> = {
  done: "✓",
  skipped: "↷",
  failed: "✗",
  "not-run": "·",
  planned: "○",
};

/** One line per step: `✓ push-tag  done (120 ms) — pushed v1.1.0`. */
export function formatStep(step: Step): string {
  const label = step.status === "not-run" ? "not run" : step.status;
  const time = step.duration_ms === null ? "" : ` (${step.duration_ms} ms)`;
  const pkg = step.package ? ` [${step.package}]` : "";
  const why = step.reason && step.status !== "failed" ? ` ${step.reason}` : "";
  const message = step.message ? ` — ${step.message}` : "";
  return `${SYMBOLS[step.status]} ${step.id}${pkg} ${label}${why}${time}${message}`;
}
