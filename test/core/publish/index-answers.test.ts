import { describe, expect, it } from "vitest";
import {
  classifyUploadAnswer,
  indexMessage,
  uploadRejected,
} from "../../../src/core/publish/index-answers.js";

describe("index answers (PYPI.md §4)", () => {
  it("extracts Warehouse's message from JSON, HTML, text and the reason phrase", () => {
    const json = JSON.stringify({
      message: "x\n\n\nError: Use 'source'.\n\n",
      code: "400 Error: Use 'source'.",
      title: "Bad Request",
    });
    expect(indexMessage(400, "Bad Request", "application/json", json)).toBe("Error: Use 'source'.");
    expect(
      indexMessage(
        403,
        "Forbidden",
        "text/html",
        "<html><head><title>403 Invalid API Token: token is expired</title></head></html>",
      ),
    ).toBe("Invalid API Token: token is expired");
    expect(indexMessage(400, "File already exists ('a', …)", "text/plain", "")).toBe(
      "File already exists ('a', …)",
    );
    expect(indexMessage(409, "Conflict", "text/plain", "409 Conflict: exists\n")).toBe("Conflict: exists");
    expect(indexMessage(502, "", "", "")).toBe("HTTP 502");
  });

  it("classifies answers: retry transient, renew expired, conflict on exists, third-party texts only with skip_existing", () => {
    expect(classifyUploadAnswer(200, "", false).kind).toBe("ok");
    for (const s of [500, 502, 503, 408, 429]) expect(classifyUploadAnswer(s, "x", false).kind).toBe("retry");
    expect(classifyUploadAnswer(429, "Too many new projects created", false).kind).toBe("rejected");
    expect(classifyUploadAnswer(403, "Invalid API Token: token is expired", false).kind).toBe("expired");
    expect(
      classifyUploadAnswer(400, "File already exists ('a.whl', with blake2_256 hash 'h').", false).kind,
    ).toBe("exists");
    expect(classifyUploadAnswer(409, "Conflict", false).kind).toBe("rejected");
    expect(classifyUploadAnswer(409, "Conflict", true).kind).toBe("exists");
    expect(classifyUploadAnswer(400, "Validation failed: File name has already been taken", true).kind).toBe(
      "exists",
    );
    expect(classifyUploadAnswer(400, "Invalid distribution file.", true).kind).toBe("rejected");
  });

  it("hints from the catalogue and for redirects", () => {
    expect(
      uploadRejected(
        "PyPI",
        "a.whl",
        403,
        "Invalid API Token: project-scoped token is not valid for project: 'x'",
      ).hint,
    ).toContain("scoped");
    expect(
      uploadRejected("PyPI", "a.whl", 400, "File too large. Limit for project 'x' is 100 MB.").hint,
    ).toContain("limit");
    expect(uploadRejected("PyPI", "a.whl", 308, "redirect").hint).toContain("trailing slash");
    expect(uploadRejected("PyPI", "a.whl", 301, "redirect").hint).toContain("simple index");
    expect(uploadRejected("PyPI", "a.whl", 405, "Method Not Allowed").hint).toContain(
      "upload.pypi.org/legacy/",
    );
    const e = uploadRejected("PyPI", "a.whl", 400, "Only one sdist may be uploaded per release.");
    expect([e.code, e.message]).toEqual([
      "E_UPLOAD_REJECTED",
      "PyPI rejected a.whl: 400 Only one sdist may be uploaded per release.",
    ]);
  });
});
