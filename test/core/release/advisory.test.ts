import { describe, expect, it } from "vitest";
import type { CommitInfo } from "../../../src/core/plan/types.js";
import { advisoryInput, cveIds } from "../../../src/core/release/advisory.js";

const c = (subject: string, body = ""): CommitInfo =>
  ({ subject, body, short_sha: "abc1234", security: true }) as unknown as CommitInfo;

describe("security advisory input (§8)", () => {
  it("names the version, lists the commits and sets cve_id for exactly one CVE", () => {
    const a = advisoryInput("demo", "1.1.0", "medium", [c("fix(security): escape html (CVE-2025-1234)")]);
    expect(a).toMatchObject({
      summary: "Security fixes in demo 1.1.0",
      severity: "medium",
      cveId: "CVE-2025-1234",
      packageName: "demo",
      vulnerableRange: "< 1.1.0",
      patchedVersions: "1.1.0",
    });
    expect(a.description).toContain("- fix(security): escape html (CVE-2025-1234) (abc1234)");
  });

  it("leaves cve_id empty when several CVEs are named, listing them all", () => {
    const commits = [
      c("fix(security): a", "Fixes cve-2025-1 and CVE-2025-1234"),
      c("security: b (CVE-2024-9999)"),
    ];
    expect(cveIds(commits)).toEqual(["CVE-2025-1234", "CVE-2024-9999"]);
    const a = advisoryInput("demo", "2.0.0", "high", commits);
    expect(a.cveId).toBeNull();
    expect(a.description).toContain("CVE ids: CVE-2025-1234, CVE-2024-9999");
  });
});
