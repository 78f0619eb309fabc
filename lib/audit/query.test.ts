import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceAccountPrincipal } from "@/lib/access/types";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { auditEvents } from "@/lib/db/schema";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { as, expectRefused, makeWorld, uniqueName } from "@/lib/testing/fixtures";
import { type AuditEventView, listAuditEvents, listServiceAccountActivity } from "./query";

let t: TestDb;
let w: Awaited<ReturnType<typeof makeWorld>>;
let botName: string;
let keyId: string;

beforeAll(async () => {
  t = await createTestDb();
  w = await makeWorld(t.db);
  const teamAdmin = { ...(await as(t.db, w.users.teamAdmin)), request: { ip: "10.1.2.3", userAgent: "ua" } };
  botName = uniqueName("bot");
  const created = await createServiceAccount(teamAdmin, {
    scope: "team",
    team: w.team.name,
    name: botName,
    withKey: true,
  });
  keyId = created.key!.keyId;
  await revokeApiKey(teamAdmin, keyId);
  // An event of the other team and one of the other org, which the team's readers must never see.
  await createServiceAccount(await as(t.db, w.users.otherTeamAdmin), {
    scope: "team",
    team: w.otherTeam.name,
    name: uniqueName("other"),
  });
  await createServiceAccount(await as(t.db, w.users.outsider), {
    scope: "team",
    team: w.outsiderTeam.name,
    name: uniqueName("foreign"),
  });
});
afterAll(async () => {
  await t?.close();
});

const actions = (events: AuditEventView[]) => events.map((e) => e.action);

/** Every page of a listing, following nextCursor. */
async function allPages(list: (cursor?: string) => ReturnType<typeof listAuditEvents>) {
  const seen: AuditEventView[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await list(cursor);
    seen.push(...page.events);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describe("listAuditEvents", () => {
  it("shows org admins the org's events, newest first, with actor, target, team and request", async () => {
    const admin = await as(t.db, w.users.orgAdmin);
    const { events } = await listAuditEvents(admin, w.org.slug, {});
    // Newest first; events of one transaction share its time and keep their order by id.
    expect(actions(events).slice(0, 4)).toEqual([
      "team:create_service_account",
      "service_account:revoke_api_key",
      "team:create_service_account",
      "service_account:create_api_key",
    ]);
    const revoked = events.find((e) => e.action === "service_account:revoke_api_key")!;
    expect(revoked).toMatchObject({
      actor: { kind: "user", id: w.users.teamAdmin.id, name: w.users.teamAdmin.username },
      target: { kind: "service_account", name: `${w.team.name}/${botName}` },
      teamId: w.team.id,
      team: w.team.name,
      ip: "10.1.2.3",
      userAgent: "ua",
      outcome: "success",
      details: { keyId },
    });
    expect(JSON.stringify(events)).not.toContain(w.outsiderTeam.name);
    for (let i = 1; i < events.length; i++) expect(events[i - 1]!.at >= events[i]!.at).toBe(true);
  });

  it("filters by action, actor (name, ID or key ID), target (name or key ID) and time range", async () => {
    const admin = await as(t.db, w.users.orgAdmin);
    const list = async (filter: Parameters<typeof listAuditEvents>[2]) =>
      actions((await listAuditEvents(admin, w.org.slug, filter)).events);

    expect(await list({ action: "service_account:revoke_api_key" })).toEqual([
      "service_account:revoke_api_key",
    ]);
    expect(await list({ actor: w.users.teamAdmin.username })).toEqual([
      "service_account:revoke_api_key",
      "team:create_service_account",
      "service_account:create_api_key",
    ]);
    expect(await list({ actor: w.users.teamAdmin.id })).toHaveLength(3);
    expect(await list({ actor: w.users.otherTeamAdmin.username })).toEqual(["team:create_service_account"]);
    expect(await list({ actor: "cli" })).toContain("org:add_member");
    expect(await list({ target: `${w.team.name}/${botName}` })).toEqual([
      "service_account:revoke_api_key",
      "team:create_service_account",
      "service_account:create_api_key",
    ]);
    expect(await list({ target: keyId })).toEqual([
      "service_account:revoke_api_key",
      "service_account:create_api_key",
    ]);
    expect(await list({ target: w.users.member.username })).toEqual(["team:add_member", "org:add_member"]);
    expect(await list({ actor: "nobody-at-all" })).toEqual([]);

    const [latest] = (await listAuditEvents(admin, w.org.slug, {}, { limit: 1 })).events;
    const at = new Date(latest!.at);
    expect(await list({ since: new Date(at.getTime() + 1000) })).toEqual([]);
    expect(await list({ until: new Date(at.getTime() - 60 * 60_000) })).toEqual([]);
    expect(await list({ since: new Date(at.getTime() - 60 * 60_000), action: latest!.action })).toContain(
      latest!.action,
    );
  });

  it("pages by cursor without repeating or skipping events, even events of the same microsecond", async () => {
    const at = "2020-01-01T00:00:00.123456Z";
    // 23 events sharing one timestamp and 30 spread over microseconds: ties are broken by id.
    await t.db.insert(auditEvents).values(
      Array.from({ length: 53 }, (_, i) => ({
        at: sql`${at}::timestamptz - ${i < 23 ? 0 : i} * interval '1 microsecond'`,
        orgId: w.org.id,
        actorKind: "cli",
        action: "test:bulk",
      })) as never,
    );
    const admin = await as(t.db, w.users.orgAdmin);
    const expected = await t.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, "test:bulk")))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id));
    for (const limit of [1, 7, 50, 53, 500]) {
      const seen = await allPages((cursor) =>
        listAuditEvents(admin, w.org.slug, { action: "test:bulk" }, { cursor, limit }),
      );
      expect(seen.map((e) => Number(e.id))).toEqual(expected.map((e) => e.id));
    }
    const everything = await allPages((cursor) =>
      listAuditEvents(admin, w.org.slug, {}, { cursor, limit: 9 }),
    );
    expect(new Set(everything.map((e) => e.id)).size).toBe(everything.length);
  });

  it("refuses a bad cursor or page size with a 400, not a 500", async () => {
    const admin = await as(t.db, w.users.orgAdmin);
    for (const cursor of ["nonsense", Buffer.from('["x",1]').toString("base64url")]) {
      await expectRefused(t.db, () => listAuditEvents(admin, w.org.slug, {}, { cursor }), 400);
    }
    await expectRefused(t.db, () => listAuditEvents(admin, w.org.slug, {}, { limit: 0 }), 400);
    await expectRefused(t.db, () => listAuditEvents(admin, w.org.slug, {}, { limit: 501 }), 400);
  });

  it("shows a team admin their team's events only, and nothing of the org log", async () => {
    const teamAdmin = await as(t.db, w.users.teamAdmin);
    const seen = await allPages((cursor) =>
      listAuditEvents(teamAdmin, w.org.slug, { teamId: w.team.id }, { cursor }),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.teamId === w.team.id)).toBe(true);
    await expectRefused(t.db, () => listAuditEvents(teamAdmin, w.org.slug, {}), 403);
    await expectRefused(t.db, () => listAuditEvents(teamAdmin, w.org.slug, { teamId: w.otherTeam.id }), 403);
    const orgAdmin = await as(t.db, w.users.orgAdmin);
    const viaOrgAdmin = await listAuditEvents(orgAdmin, w.org.slug, { teamId: w.team.id });
    expect(viaOrgAdmin.events.length).toBeGreaterThan(0);
  });

  it("refuses members, viewers, other teams' admins and other orgs", async () => {
    for (const user of [w.users.member, w.users.viewer, w.users.otherTeamAdmin, w.users.orgViewer]) {
      const ctx = await as(t.db, user);
      await expectRefused(t.db, () => listAuditEvents(ctx, w.org.slug, {}), 403);
    }
    const member = await as(t.db, w.users.member);
    await expectRefused(t.db, () => listAuditEvents(member, w.org.slug, { teamId: w.team.id }), 403);
    const outsider = await as(t.db, w.users.outsider);
    await expectRefused(t.db, () => listAuditEvents(outsider, w.org.slug, {}), 404);
    await expectRefused(t.db, () => listAuditEvents(outsider, w.org.slug, { teamId: w.team.id }), 404);
    // A team of another org, asked through one's own org: no such team there.
    await expectRefused(t.db, () => listAuditEvents(outsider, w.otherOrg.slug, { teamId: w.team.id }), 404);
  });

  it("refuses a service account's key: service accounts never read the log", async () => {
    const admin = await as(t.db, w.users.orgAdmin);
    const name = uniqueName("reader");
    const { serviceAccount, key } = await createServiceAccount(admin, {
      scope: "org",
      org: w.org.slug,
      defaultTeam: w.team.name,
      name,
      withKey: true,
    });
    const principal: ServiceAccountPrincipal = {
      kind: "service_account",
      id: serviceAccount.id,
      name,
      orgId: w.org.id,
      orgPlan: "enterprise",
      scope: "org",
      teamId: w.team.id,
      teamName: w.team.name,
      authMethod: "api_key",
      status: "active",
      credential: { kind: "api_key", keyId: key!.keyId, state: "active" },
    };
    await expectRefused(t.db, () => listAuditEvents({ db: t.db, actor: principal }, w.org.slug, {}), 403);
  });
});

describe("listServiceAccountActivity", () => {
  it("lists what the account did and what was done to it, for those who manage it", async () => {
    const teamAdmin = await as(t.db, w.users.teamAdmin);
    const personal = await createApiKey(teamAdmin, {
      owner: { kind: "user", userId: w.users.teamAdmin.id, username: w.users.teamAdmin.username },
      name: "mine",
    });
    expect(personal.keyId).toBeTruthy();
    const { events, nextCursor } = await listServiceAccountActivity(teamAdmin, w.team.name, botName);
    expect(actions(events)).toEqual([
      "service_account:revoke_api_key",
      "team:create_service_account",
      "service_account:create_api_key",
    ]);
    expect(nextCursor).toBeNull();
    const paged = await allPages((cursor) =>
      listServiceAccountActivity(teamAdmin, w.team.name, botName, { cursor, limit: 1 }),
    );
    expect(paged.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it("refuses a member (404) and an admin of another team (404)", async () => {
    for (const user of [w.users.member, w.users.otherTeamAdmin, w.users.outsider]) {
      const ctx = await as(t.db, user);
      await expectRefused(t.db, () => listServiceAccountActivity(ctx, w.team.name, botName), 404);
    }
  });
});
