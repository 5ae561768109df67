// The `git log` format of the benchmark's raw `git log` rows and of its Node floor (scripts/bench-floor.mjs), so that
// both read the same bytes: hash, parents, author name, author email, author date, message, NUL-separated.
export const GIT_LOG_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%B";
export const GIT_LOG_FIELDS = GIT_LOG_FORMAT.split("%x00").length;
