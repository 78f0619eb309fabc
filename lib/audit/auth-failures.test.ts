import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/service";
import { auditEvents } from "@/lib/db/schema";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import { AuthFailureAggregator } from "./auth-failures";
import { listAuditEvents } from "./query";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const failuresOf = (keyId: string) =>
  t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "auth:failed"), eq(auditEvents.credentialId, keyId)))
    // By IP, then id: the first events of two IPs are written concurrently, in either order.
    .orderBy(asc(auditEvents.ip), asc(auditEvents.id));

describe("failed authentication in the audit log", () => {
  it("writes one event per key ID, IP and minute, counts the rest, and files it under the key's org", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const name = uniqueName("bot");
    const { key } = await createServiceAccount(admin, {
      scope: "team",
      team: w.team.name,
      name,
      withKey: true,
    });
    await revokeApiKey(admin, key!.keyId);

    let now = Date.UTC(2026, 10, 30, 12, 0, 5);
    const aggregator = new AuthFailureAggregator(
      async () => t.db,
      () => now,
    );
    const fail = (ip: string) =>
      aggregator.note({ keyId: key!.keyId, ip, userAgent: "curl/8", reason: "revoked" });
    for (let i = 0; i < 5; i++) fail("10.0.0.1");
    fail("10.0.0.2");
    await aggregator.flush();

    let rows = await failuresOf(key!.keyId);
    expect(rows.map((r) => [r.ip, (r.details as { count: number }).count])).toEqual([
      ["10.0.0.1", 5],
      ["10.0.0.2", 1],
    ]);
    expect(rows[0]).toMatchObject({
      actorKind: "anonymous",
      orgId: w.org.id,
      teamId: w.team.id,
      targetKind: "service_account",
      targetName: `${w.team.name}/${name}`,
      outcome: "failure",
      userAgent: "curl/8",
    });
    // The key itself is never stored, only its ID.
    expect(JSON.stringify(rows)).not.toContain(key!.key);

    // The next minute opens a new row; the finished minute keeps its count.
    now += 60_000;
    fail("10.0.0.1");
    fail("10.0.0.1");
    await aggregator.flush();
    rows = await failuresOf(key!.keyId);
    expect(rows.map((r) => [r.ip, (r.details as { count: number }).count])).toEqual([
      ["10.0.0.1", 5],
      ["10.0.0.1", 2],
      ["10.0.0.2", 1],
    ]);
    aggregator.stop();

    // And org admins find the attempts in the org's log by the key ID or by the key's owner.
    const byKey = await listAuditEvents(admin, w.org.slug, { action: "auth:failed", actor: key!.keyId });
    // newest first: the next minute's row leads; the first minute's two rows follow in either order
    expect(byKey.events.map((e) => e.details?.count)[0]).toBe(2);
    expect(byKey.events.map((e) => e.details?.count as number).sort()).toEqual([1, 2, 5]);
    const byOwner = await listAuditEvents(admin, w.org.slug, { action: "auth:failed", target: name });
    expect(byOwner.events).toHaveLength(3);
  });

  it("aggregates malformed credentials per IP, outside any org", async () => {
    const aggregator = new AuthFailureAggregator(async () => t.db);
    const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
    aggregator.note({ ip, userAgent: null, reason: "malformed" });
    aggregator.note({ ip, userAgent: null, reason: "malformed" });
    await aggregator.flush();
    aggregator.stop();
    const rows = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth:failed"), eq(auditEvents.ip, ip)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orgId: null, credentialId: null, details: { count: 2 } });
  });
});
