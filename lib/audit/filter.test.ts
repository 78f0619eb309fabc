import { describe, expect, it } from "vitest";
import { filterQuery, parseAuditFilter } from "./filter";

describe("the Audit log's URL filters", () => {
  it("reads times without a zone as UTC, and keeps what the URL said", () => {
    const parsed = parseAuditFilter(
      new URLSearchParams(
        "action=auth:failed&actor=%20tom%20&since=2026-11-30T14:05&until=2026-12-01&limit=10",
      ),
    );
    expect(parsed).toMatchObject({
      ok: true,
      limit: 10,
      filter: {
        action: "auth:failed",
        actor: "tom",
        since: new Date("2026-11-30T14:05:00Z"),
        until: new Date("2026-12-01T00:00:00Z"),
      },
    });
    expect(filterQuery(parsed.params, { cursor: "abc" })).toBe(
      "?action=auth%3Afailed&actor=+tom+&since=2026-11-30T14%3A05&until=2026-12-01&limit=10&cursor=abc",
    );
  });

  it("explains bad input per field instead of failing", () => {
    const parsed = parseAuditFilter({ since: "yesterday", limit: "0", target: "x".repeat(501) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(["limit", "since", "target"]);
    expect(parseAuditFilter({ since: "2026-02-01", until: "2026-01-01" })).toMatchObject({
      ok: false,
      errors: { until: "The end of the range must come after its start." },
    });
  });

  it("ignores empty parameters and takes the first of repeated ones", () => {
    expect(parseAuditFilter({ action: "", actor: ["ada", "tom"] })).toMatchObject({
      ok: true,
      filter: { actor: "ada" },
    });
    expect(filterQuery({})).toBe("");
  });
});
