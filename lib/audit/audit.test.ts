import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { verifyAuthorization } from "@/lib/api-keys/verify";
import { auditEvents } from "@/lib/db/schema";
import { changeOrganizationRole } from "@/lib/orgs/service";
import { createServiceAccount, setServiceAccountStatus } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeWorld, uniqueName } from "@/lib/testing/fixtures";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

const lastEvent = async (action: string) =>
  (
    await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, action))
      .orderBy(desc(auditEvents.id))
      .limit(1)
  )[0];

describe("the audit log", () => {
  it("records who changed what, from where, in the change's own transaction", async () => {
    const w = await makeWorld(t.db);
    const admin = {
      ...(await as(t.db, w.users.orgAdmin)),
      request: { ip: "10.0.0.7", userAgent: "test-agent" },
    };
    const name = uniqueName("bot");
    const { key } = await createServiceAccount(admin, {
      scope: "team",
      team: w.team.name,
      name,
      withKey: true,
    });
    const created = await lastEvent("team:create_service_account");
    expect(created).toMatchObject({
      actorKind: "user",
      actorName: w.users.orgAdmin.username,
      orgId: w.org.id,
      teamId: w.team.id,
      targetName: `${w.team.name}/${name}`,
      ip: "10.0.0.7",
      userAgent: "test-agent",
      outcome: "success",
    });
    expect(await lastEvent("service_account:create_api_key")).toMatchObject({
      details: { keyId: key!.keyId },
    });

    await setServiceAccountStatus(t.system, w.team.name, name, "deactivated");
    expect(await lastEvent("service_account:deactivate")).toMatchObject({
      actorKind: "cli",
      details: { before: "active", after: "deactivated" },
    });

    await changeOrganizationRole(admin, w.org.slug, w.users.member.username, "viewer");
    expect(await lastEvent("org:change_role")).toMatchObject({
      targetName: w.users.member.username,
      details: { before: "member", after: "viewer" },
    });
  });

  it("names the key an API request used, and never stores a key", async () => {
    const w = await makeWorld(t.db);
    const admin = await as(t.db, w.users.orgAdmin);
    const personal = await createApiKey(admin, {
      owner: { kind: "user", userId: w.users.orgAdmin.id, username: w.users.orgAdmin.username },
      name: "automation",
    });
    const check = await verifyAuthorization(`Bearer ${personal.key}`, t.db);
    if (!check.ok || !check.identity) throw new Error("key refused");
    const viaKey = { db: t.db, actor: check.identity.principal };
    const { key } = await createServiceAccount(viaKey, {
      scope: "team",
      team: w.team.name,
      name: uniqueName("k"),
      withKey: true,
    });
    expect(await lastEvent("team:create_service_account")).toMatchObject({ credentialId: personal.keyId });
    const all = JSON.stringify(await t.db.select().from(auditEvents));
    expect(all).not.toContain(personal.key);
    expect(all).not.toContain(key!.key);
  });

  it("a refused change records nothing", async () => {
    const w = await makeWorld(t.db);
    await expectRefused(
      t.db,
      async () =>
        createServiceAccount(await as(t.db, w.users.member), {
          scope: "team",
          team: w.team.name,
          name: uniqueName("x"),
        }),
      404,
    );
  });
});
