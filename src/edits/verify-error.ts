import { ReleasioError } from "../core/errors.js";

/** The one failure of every updater's self-check: the caller must not write anything. */
export function editVerifyError(file: string, detail: string): ReleasioError {
  return new ReleasioError(
    "E_EDIT_VERIFY",
    `${file}: the edited file does not re-parse to the expected content (${detail}); nothing was written`,
    { details: { file } },
  );
}

/** A version file that cannot be edited as configured (missing, no match, ambiguous). */
export function versionFileError(file: string, problem: string, hint?: string): ReleasioError {
  return new ReleasioError("E_VERSION_FILE", `${file}: ${problem}`, {
    hint: hint ?? null,
    details: { file },
  });
}
