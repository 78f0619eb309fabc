// JWT issuers (org admins, enterprise) and federated team service accounts, against a real database
// and a loopback issuer: who may do what, what discovery stores, and what removal stops.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys/service";
import { subscribeAuthChanges } from "@/lib/auth/invalidation";
import { auditEvents, federatedIdentities, serviceAccounts } from "@/lib/db/schema";
import { createServiceAccount } from "@/lib/service-accounts/service";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { addToOrg, as, expectRefused, makeOrg, makeTeam, makeUser, makeWorld } from "@/lib/testing/fixtures";
import { federatedIdentityOf, subjectWarnings } from "./bindings";
import {
  addJwtIssuer,
  canManageFederation,
  getAccessTokenLifetime,
  listIssuersForTeam,
  listJwtIssuers,
  refreshJwtIssuer,
  removeJwtIssuer,
  setAccessTokenLifetime,
} from "./issuers";
import { startTestIssuer, type TestIssuer } from "./test-issuer";

let t: TestDb;
let idp: TestIssuer;
let world: Awaited<ReturnType<typeof makeWorld>>;
const notified: string[][] = [];
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  vi.stubEnv("ALLOW_INSECURE_ISSUERS", "true");
  t = await createTestDb();
  idp = await startTestIssuer();
  world = await makeWorld(t.db);
  unsubscribe = await subscribeAuthChanges(t, {
    invalidate: (tags) => notified.push([...tags]),
    clear: () => {},
  });
});
afterAll(async () => {
  await unsubscribe?.();
  await idp?.close();
  await t?.close();
  vi.unstubAllEnvs();
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe("registering JWT issuers", () => {
  it("discovers the issuer and stores its jwks_uri and key IDs; the audience defaults to the org slug", async () => {
    const admin = await as(t.db, world.users.orgAdmin);
    expect(canManageFederation(admin, world.org)).toBe(true);
    const issuer = await addJwtIssuer(admin, world.org.slug, { url: idp.url });
    expect(issuer).toMatchObject({
      url: idp.url,
      audience: world.org.slug,
      jwksUri: idp.jwksUri,
      keys: [{ kid: idp.kid, kty: "RSA", alg: "RS256" }],
      createdBy: world.users.orgAdmin.username,
      boundServiceAccounts: 0,
    });
    expect((await listJwtIssuers(admin, world.org.slug)).map((i) => i.url)).toEqual([idp.url]);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "org:add_jwt_issuer"));
    expect(event).toMatchObject({
      orgId: world.org.id,
      actorName: world.users.orgAdmin.username,
      targetName: idp.url,
    });
  });

  it("refuses duplicates, bad URLs and bad audiences with field errors, changing nothing", async () => {
    const admin = await as(t.db, world.users.orgAdmin);
    const dup = await expectRefused(t.db, () => addJwtIssuer(admin, world.org.slug, { url: idp.url }), 409);
    expect(dup.fieldErrors?.url).toBeDefined();
    for (const url of [
      "not a url",
      "ftp://idp.example.com",
      `${idp.url}?x=1`,
      "https://u:p@idp.example.com",
    ]) {
      const err = await expectRefused(t.db, () => addJwtIssuer(admin, world.org.slug, { url }), 400);
      expect(err.fieldErrors?.url, url).toBeDefined();
    }
    const aud = await expectRefused(
      t.db,
      () => addJwtIssuer(admin, world.org.slug, { url: `${idp.url}/other`, audience: "two words" }),
      400,
    );
    expect(aud.fieldErrors?.audience).toBeDefined();
    // discovery that fails says why, on the URL field
    const missing = await expectRefused(
      t.db,
      () => addJwtIssuer(admin, world.org.slug, { url: `${idp.url}/nowhere` }),
      400,
    );
    expect(missing.fieldErrors?.url?.[0]).toMatch(/No OpenID discovery document found/);
    // an internal address is never fetched
    const internal = await expectRefused(
      t.db,
      () => addJwtIssuer(admin, world.org.slug, { url: "https://169.254.169.254" }),
      400,
    );
    expect(internal.message).toMatch(/private or reserved/);
  });

  it("is for org admins of enterprise orgs only: members 403, other orgs 404, free plan 403", async () => {
    for (const user of [world.users.teamAdmin, world.users.member, world.users.orgViewer]) {
      const ctx = await as(t.db, user);
      expect(canManageFederation(ctx, world.org)).toBe(false);
      await expectRefused(t.db, () => addJwtIssuer(ctx, world.org.slug, { url: `${idp.url}/x` }), 403);
      await expectRefused(t.db, () => listJwtIssuers(ctx, world.org.slug), 403);
      await expectRefused(t.db, () => removeJwtIssuer(ctx, world.org.slug, idp.url), 403);
      await expectRefused(t.db, () => setAccessTokenLifetime(ctx, world.org.slug, 600), 403);
    }
    const outsider = await as(t.db, world.users.outsider);
    await expectRefused(t.db, () => listJwtIssuers(outsider, world.org.slug), 404);
    const free = await makeOrg(t.db, "free");
    const freeAdmin = await makeUser(t.db);
    await addToOrg(t.db, free, freeAdmin, "admin");
    const ctx = await as(t.db, freeAdmin);
    expect(canManageFederation(ctx, free)).toBe(false);
    await expectRefused(t.db, () => addJwtIssuer(ctx, free.slug, { url: idp.url }), 403);
  });

  it("lets several orgs register the same issuer, each with its own audience", async () => {
    const admin = await as(t.db, world.users.outsider);
    const issuer = await addJwtIssuer(admin, world.otherOrg.slug, {
      url: idp.url,
      audience: "https://steward.test/x",
    });
    expect(issuer.audience).toBe("https://steward.test/x");
  });

  it("refreshes the stored keys after a rotation", async () => {
    const admin = await as(t.db, world.users.orgAdmin);
    idp.publish([idp.publicJwk, idp.foreignJwk]);
    try {
      const refreshed = await refreshJwtIssuer(admin, world.org.slug, idp.url);
      expect(refreshed.keys.map((k) => k.kid)).toEqual([idp.kid, `${idp.kid}-next`]);
    } finally {
      idp.publish([idp.publicJwk]);
    }
  });
});

describe("the access-token lifetime", () => {
  it("defaults to an hour and accepts whole minutes from 5 minutes to 12 hours", async () => {
    const admin = await as(t.db, world.users.orgAdmin);
    expect(await getAccessTokenLifetime(admin, world.org.slug)).toBe(3600);
    expect(await setAccessTokenLifetime(admin, world.org.slug, 900)).toBe(900);
    expect(await getAccessTokenLifetime(admin, world.org.slug)).toBe(900);
    for (const bad of [299, 43_260, 601, "soon"]) {
      const err = await expectRefused(t.db, () => setAccessTokenLifetime(admin, world.org.slug, bad), 400);
      expect(err.fieldErrors?.lifetime, String(bad)).toBeDefined();
    }
    expect(await setAccessTokenLifetime(admin, world.org.slug, 43_200)).toBe(43_200);
    await setAccessTokenLifetime(admin, world.org.slug, 3600);
  });
});

describe("federated team service accounts", () => {
  const subject = "repo:acme/app:ref:refs/heads/main";

  it("are created by team admins, bound to a registered issuer and an exact subject, with no keys", async () => {
    const teamAdmin = await as(t.db, world.users.teamAdmin);
    expect(await listIssuersForTeam(teamAdmin, world.team.name)).toEqual([
      { url: idp.url, audience: world.org.slug },
    ]);
    const { serviceAccount: sa, key } = await createServiceAccount(teamAdmin, {
      scope: "team",
      team: world.team.name,
      name: "deploy",
      federated: { issuerUrl: idp.url, subject: ` ${subject}` },
    });
    expect(key).toBeNull();
    expect(sa).toMatchObject({ authMethod: "federated", scope: "team", teamId: world.team.id });
    // stored exactly as given, surrounding whitespace included
    expect(await federatedIdentityOf(t.db, sa.id)).toEqual({
      issuerUrl: idp.url,
      audience: world.org.slug,
      subject: ` ${subject}`,
      issuerRemoved: false,
    });
    await expectRefused(
      t.db,
      () => createApiKey(teamAdmin, { owner: { kind: "service_account", serviceAccount: sa }, name: "nope" }),
      400,
    );
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, sa.id));
    expect(event?.details).toMatchObject({
      authMethod: "federated",
      issuer: idp.url,
      subject: ` ${subject}`,
    });
  });

  it("refuses an unregistered issuer (hinting at a near miss), a taken subject, keys and org scope", async () => {
    const teamAdmin = await as(t.db, world.users.teamAdmin);
    const create = (federated: { issuerUrl: string; subject: string }, extra: object = {}) =>
      createServiceAccount(teamAdmin, {
        scope: "team",
        team: world.team.name,
        name: "other",
        federated,
        ...extra,
      });
    const near = await expectRefused(t.db, () => create({ issuerUrl: `${idp.url}/`, subject }), 400);
    expect(near.fieldErrors?.issuer?.[0]).toMatch(/did you mean/);
    const unknown = await expectRefused(
      t.db,
      () => create({ issuerUrl: "https://token.actions.githubusercontent.com", subject }),
      400,
    );
    expect(unknown.fieldErrors?.issuer?.[0]).toMatch(/is not a JWT issuer/);
    const taken = await expectRefused(
      t.db,
      () => create({ issuerUrl: idp.url, subject: ` ${subject}` }),
      409,
    );
    expect(taken.fieldErrors?.subject?.[0]).toMatch(/deploy/);
    for (const bad of ["", "   ", "line\nbreak", "x".repeat(1025)]) {
      const err = await expectRefused(t.db, () => create({ issuerUrl: idp.url, subject: bad }), 400);
      expect(err.fieldErrors?.subject, JSON.stringify(bad)).toBeDefined();
    }
    await expectRefused(t.db, () => create({ issuerUrl: idp.url, subject: "x" }, { withKey: true }), 400);
    const admin = await as(t.db, world.users.orgAdmin);
    await expectRefused(
      t.db,
      () =>
        createServiceAccount(admin, {
          scope: "org",
          org: world.org.slug,
          defaultTeam: world.team.name,
          name: "orgfed",
          federated: { issuerUrl: idp.url, subject: "x" },
        } as never),
      400,
    );
    // a member of the team may not create one at all
    const member = await as(t.db, world.users.member);
    await expectRefused(
      t.db,
      () =>
        createServiceAccount(member, {
          scope: "team",
          team: world.team.name,
          name: "sneaky",
          federated: { issuerUrl: idp.url, subject: "sneaky" },
        }),
      404,
    );
    // an issuer of another org is not one of this org's
    const otherTeam = await makeTeam(t.db, world.otherOrg);
    const outsider = await as(t.db, world.users.outsider);
    const ok = await createServiceAccount(outsider, {
      scope: "team",
      team: otherTeam.name,
      name: "same-subject-elsewhere",
      federated: { issuerUrl: idp.url, subject },
    });
    expect(ok.serviceAccount.authMethod).toBe("federated");
  });

  it("warns about whitespace and email-looking subjects without changing them", () => {
    expect(subjectWarnings("repo:acme/app:ref:refs/heads/main")).toEqual([]);
    expect(subjectWarnings(" x")).toHaveLength(1);
    expect(subjectWarnings("ci@acme.com")[0]).toMatch(/email/);
  });

  it("removing the issuer stops its bound accounts at once (issuer and sa tags published)", async () => {
    const admin = await as(t.db, world.users.orgAdmin);
    const [bound] = await t.db
      .select({ id: federatedIdentities.serviceAccountId })
      .from(federatedIdentities)
      .innerJoin(serviceAccounts, eq(serviceAccounts.id, federatedIdentities.serviceAccountId))
      .where(eq(serviceAccounts.orgId, world.org.id));
    const [issuer] = await listJwtIssuers(admin, world.org.slug);
    expect(issuer?.boundServiceAccounts).toBe(1);
    notified.length = 0;
    const removed = await removeJwtIssuer(admin, world.org.slug, idp.url);
    expect(removed.stoppedServiceAccounts).toEqual(["deploy"]);
    await settle();
    expect(notified.flat()).toEqual(expect.arrayContaining([`issuer:${issuer!.id}`, `sa:${bound!.id}`]));
    expect(await listJwtIssuers(admin, world.org.slug)).toEqual([]);
    expect((await federatedIdentityOf(t.db, bound!.id))?.issuerRemoved).toBe(true);
    await expectRefused(t.db, () => removeJwtIssuer(admin, world.org.slug, idp.url), 404);
    // the other org's registration of the same URL is untouched
    const outsider = await as(t.db, world.users.outsider);
    expect(await listJwtIssuers(outsider, world.otherOrg.slug)).toHaveLength(1);
    // and it can be registered again (a new registration: old bindings stay stopped)
    await addJwtIssuer(admin, world.org.slug, { url: idp.url });
    const [again] = await listJwtIssuers(admin, world.org.slug);
    expect(again?.boundServiceAccounts).toBe(0);
  });
});
