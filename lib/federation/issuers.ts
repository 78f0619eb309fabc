// The JWT issuers an org trusts (org admins, enterprise plan: `jwt_issuer.manage`) and the org's
// access-token lifetime: the org dashboard's Settings tab and the CLI's `issuer` commands.
import "server-only";
import { and, asc, count, desc, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import type { JwtIssuerResource } from "@/lib/access/types";
import { record } from "@/lib/audit";
import { type AuthTag, publishAuthChange } from "@/lib/auth/invalidation";
import { allows, authorize, type Ctx, inTransaction } from "@/lib/context";
import type { Db, Tx } from "@/lib/db/client";
import {
  type DiscoveredKey,
  federatedIdentities,
  federationSettings,
  jwtIssuers,
  serviceAccounts,
  users,
} from "@/lib/db/schema";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { getOrganization, type Organization } from "@/lib/orgs/service";
import { getTeam, teamResource } from "@/lib/teams/service";
import { fieldErrorsOf } from "@/lib/validation";
import { DiscoveryError, discoverIssuer } from "./discovery";
import { GuardedFetchError, insecureIssuersAllowed } from "./guarded-fetch";
import { newFederationId } from "./ids";

export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 3600;
export const MIN_ACCESS_TOKEN_LIFETIME_SECONDS = 5 * 60;
export const MAX_ACCESS_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface JwtIssuer {
  id: string;
  url: string;
  audience: string;
  discoveryUrl: string;
  jwksUri: string;
  keys: DiscoveredKey[];
  discoveredAt: Date;
  createdBy: string | null;
  createdAt: Date;
  /** Live (not deleted) service accounts bound to this issuer. */
  boundServiceAccounts: number;
}

export function jwtIssuerResource(org: Organization): JwtIssuerResource {
  return { type: "jwt_issuer", orgId: org.id, orgPlan: org.plan };
}

/** Whether the org's Settings tab (JWT issuers, token lifetime) exists for this actor. */
export function canManageFederation(ctx: Ctx, org: Organization): boolean {
  return allows(ctx.actor, "jwt_issuer.manage", jwtIssuerResource(org));
}

/** The issuer URL exactly as JWTs spell `iss`: absolute https (http for loopback in development). */
export const issuerUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL.")
  .max(2048, "The issuer URL must be at most 2048 characters.")
  .superRefine((value, issue) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      issue.addIssue({
        code: "custom",
        message: "Enter an absolute URL, like https://token.actions.githubusercontent.com.",
      });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && insecureIssuersAllowed())) {
      issue.addIssue({ code: "custom", message: "The issuer URL must start with https://." });
    } else if (url.username || url.password) {
      issue.addIssue({ code: "custom", message: "The issuer URL must not contain a user name or password." });
    } else if (url.search || url.hash || value.includes("?") || value.includes("#")) {
      issue.addIssue({ code: "custom", message: "The issuer URL has no query string or fragment." });
    }
  });

/** `aud`: any string or absolute URI, without whitespace. */
export const audienceSchema = z
  .string()
  .trim()
  .min(1, "Enter an audience, or leave it empty for the organization's slug.")
  .max(255, "The audience must be at most 255 characters.")
  .regex(/^[^\s\p{Cc}]+$/u, "The audience cannot contain spaces or control characters.");

export const accessTokenLifetimeSchema = z.coerce
  .number({ error: "Enter a number of seconds." })
  .int("Enter a whole number.")
  .multipleOf(60, "Use whole minutes.")
  .min(MIN_ACCESS_TOKEN_LIFETIME_SECONDS, "The lifetime must be at least 5 minutes.")
  .max(MAX_ACCESS_TOKEN_LIFETIME_SECONDS, "The lifetime must be at most 12 hours.");

function parseField<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Invalid("Check the highlighted fields.", { [field]: fieldErrorsOf(parsed.error)._ ?? [] });
  }
  return parsed.data;
}

const issuerColumns = {
  id: jwtIssuers.id,
  url: jwtIssuers.url,
  audience: jwtIssuers.audience,
  discoveryUrl: jwtIssuers.discoveryUrl,
  jwksUri: jwtIssuers.jwksUri,
  keys: jwtIssuers.keys,
  discoveredAt: jwtIssuers.discoveredAt,
  createdBy: users.username,
  createdAt: jwtIssuers.createdAt,
};

async function selectIssuers(db: Db | Tx, orgId: string, url?: string): Promise<JwtIssuer[]> {
  const rows = await db
    .select(issuerColumns)
    .from(jwtIssuers)
    .leftJoin(users, eq(users.id, jwtIssuers.createdById))
    .where(
      and(
        eq(jwtIssuers.orgId, orgId),
        isNull(jwtIssuers.removedAt),
        url === undefined ? undefined : eq(jwtIssuers.url, url),
      ),
    )
    .orderBy(asc(jwtIssuers.url));
  if (!rows.length) return [];
  const counts = await db
    .select({ issuerId: federatedIdentities.issuerId, n: count() })
    .from(federatedIdentities)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, federatedIdentities.serviceAccountId))
    .innerJoin(jwtIssuers, eq(jwtIssuers.id, federatedIdentities.issuerId))
    .where(
      and(eq(jwtIssuers.orgId, orgId), isNull(jwtIssuers.removedAt), ne(serviceAccounts.status, "deleted")),
    )
    .groupBy(federatedIdentities.issuerId);
  const byIssuer = new Map(counts.map((c) => [c.issuerId, c.n]));
  return rows.map((r) => ({ ...r, boundServiceAccounts: byIssuer.get(r.id) ?? 0 }));
}

async function manageableOrg(ctx: Ctx, orgSlug: string): Promise<Organization> {
  const org = await getOrganization(ctx, orgSlug);
  authorize(ctx.actor, "jwt_issuer.manage", jwtIssuerResource(org));
  return org;
}

export async function listJwtIssuers(ctx: Ctx, orgSlug: string): Promise<JwtIssuer[]> {
  const org = await manageableOrg(ctx, orgSlug);
  return selectIssuers(ctx.db, org.id);
}

async function requireIssuer(db: Db | Tx, org: Organization, url: string): Promise<JwtIssuer> {
  const [issuer] = await selectIssuers(db, org.id, url.trim());
  if (!issuer) throw new NotFound(`${org.slug} has no JWT issuer ${url.trim()}.`);
  return issuer;
}

async function discover(url: string) {
  try {
    return await discoverIssuer(url);
  } catch (err) {
    if (err instanceof DiscoveryError || err instanceof GuardedFetchError) {
      throw new Invalid(`Could not use ${url} as a JWT issuer: ${err.message}`, { url: [err.message] });
    }
    throw err;
  }
}

/**
 * Registers an issuer after discovering it (its discovery document must name it exactly and its
 * JWKS must hold a signing key). The audience defaults to the org's slug.
 */
export async function addJwtIssuer(
  ctx: Ctx,
  orgSlug: string,
  input: { url: string; audience?: string | null },
): Promise<JwtIssuer> {
  const org = await manageableOrg(ctx, orgSlug);
  const url = parseField(issuerUrlSchema, input.url, "url");
  const audience = input.audience?.trim() ? parseField(audienceSchema, input.audience, "audience") : org.slug;
  const duplicate = () =>
    new Conflict(`${url} is already a JWT issuer of ${org.slug}.`, {
      url: ["This issuer is already registered."],
    });
  if ((await selectIssuers(ctx.db, org.id, url)).length) throw duplicate();
  // Network I/O before the transaction: nothing is held open while an identity provider answers.
  const discovery = await discover(url);
  return inTransaction(ctx, async (tx) => {
    const id = newFederationId("jwi");
    const [row] = await tx.db
      .insert(jwtIssuers)
      .values({
        id,
        orgId: org.id,
        url,
        audience,
        discoveryUrl: discovery.discoveryUrl,
        jwksUri: discovery.jwksUri,
        keys: discovery.keys,
        createdById: tx.actor.kind === "user" ? tx.actor.id : null,
      })
      .onConflictDoNothing()
      .returning({ id: jwtIssuers.id });
    if (!row) throw duplicate();
    await record(tx, {
      action: "org:add_jwt_issuer",
      orgId: org.id,
      target: { kind: "jwt_issuer", id, name: url },
      details: { audience, jwksUri: discovery.jwksUri, keyIds: discovery.keys.map((k) => k.kid) },
    });
    return requireIssuer(tx.db, org, url);
  });
}

/** Discovers the issuer again (new jwks_uri, rotated keys) and stores what it found. */
export async function refreshJwtIssuer(ctx: Ctx, orgSlug: string, url: string): Promise<JwtIssuer> {
  const org = await manageableOrg(ctx, orgSlug);
  const issuer = await requireIssuer(ctx.db, org, url);
  const discovery = await discover(issuer.url);
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(jwtIssuers)
      .set({
        discoveryUrl: discovery.discoveryUrl,
        jwksUri: discovery.jwksUri,
        keys: discovery.keys,
        discoveredAt: new Date(),
      })
      .where(and(eq(jwtIssuers.id, issuer.id), isNull(jwtIssuers.removedAt)));
    await record(tx, {
      action: "org:refresh_jwt_issuer",
      orgId: org.id,
      target: { kind: "jwt_issuer", id: issuer.id, name: issuer.url },
      details: {
        before: { jwksUri: issuer.jwksUri, keyIds: issuer.keys.map((k) => k.kid) },
        after: { jwksUri: discovery.jwksUri, keyIds: discovery.keys.map((k) => k.kid) },
      },
    });
    return requireIssuer(tx.db, org, issuer.url);
  });
}

/**
 * Removes an issuer: the service accounts bound to it can no longer exchange JWTs, and the access
 * tokens they hold stop working on every instance at once.
 */
export async function removeJwtIssuer(
  ctx: Ctx,
  orgSlug: string,
  url: string,
): Promise<{ issuer: JwtIssuer; stoppedServiceAccounts: string[] }> {
  const org = await manageableOrg(ctx, orgSlug);
  return inTransaction(ctx, async (tx) => {
    const issuer = await requireIssuer(tx.db, org, url);
    const removed = await tx.db
      .update(jwtIssuers)
      .set({ removedAt: new Date() })
      .where(and(eq(jwtIssuers.id, issuer.id), isNull(jwtIssuers.removedAt)))
      .returning({ id: jwtIssuers.id });
    if (!removed.length) throw new NotFound(`${org.slug} has no JWT issuer ${issuer.url}.`);
    const bound = await tx.db
      .select({ id: serviceAccounts.id, name: serviceAccounts.name })
      .from(federatedIdentities)
      .innerJoin(serviceAccounts, eq(serviceAccounts.id, federatedIdentities.serviceAccountId))
      .where(and(eq(federatedIdentities.issuerId, issuer.id), ne(serviceAccounts.status, "deleted")))
      .orderBy(asc(serviceAccounts.name));
    const tags: AuthTag[] = [`issuer:${issuer.id}`, ...bound.map((sa): AuthTag => `sa:${sa.id}`)];
    await publishAuthChange(tx.db, tags);
    await record(tx, {
      action: "org:remove_jwt_issuer",
      orgId: org.id,
      target: { kind: "jwt_issuer", id: issuer.id, name: issuer.url },
      details: {
        audience: issuer.audience,
        stoppedServiceAccounts: bound.length,
        serviceAccountIds: bound.slice(0, 100).map((sa) => sa.id),
      },
    });
    return { issuer, stoppedServiceAccounts: bound.map((sa) => sa.name) };
  });
}

/** For the team's New service account dialog: the issuers a federated account may be bound to. */
export async function listIssuersForTeam(
  ctx: Ctx,
  teamName: string,
): Promise<Array<{ url: string; audience: string }>> {
  const team = await getTeam(ctx, teamName);
  authorize(ctx.actor, "service_account.create_team_scoped", teamResource(team));
  return ctx.db
    .select({ url: jwtIssuers.url, audience: jwtIssuers.audience })
    .from(jwtIssuers)
    .where(and(eq(jwtIssuers.orgId, team.orgId), isNull(jwtIssuers.removedAt)))
    .orderBy(asc(jwtIssuers.url));
}

/** The lifetime of the access tokens the exchange issues to the org's service accounts, in seconds. */
export async function accessTokenLifetimeOf(db: Db | Tx, orgId: string): Promise<number> {
  const [row] = await db
    .select({ seconds: federationSettings.accessTokenLifetimeSeconds })
    .from(federationSettings)
    .where(eq(federationSettings.orgId, orgId))
    .limit(1);
  return row?.seconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
}

export async function getAccessTokenLifetime(ctx: Ctx, orgSlug: string): Promise<number> {
  const org = await manageableOrg(ctx, orgSlug);
  return accessTokenLifetimeOf(ctx.db, org.id);
}

/** Applies to tokens issued from now on; tokens already issued keep their expiry. */
export async function setAccessTokenLifetime(ctx: Ctx, orgSlug: string, seconds: unknown): Promise<number> {
  const org = await manageableOrg(ctx, orgSlug);
  const value = parseField(accessTokenLifetimeSchema, seconds, "lifetime");
  return inTransaction(ctx, async (tx) => {
    const before = await accessTokenLifetimeOf(tx.db, org.id);
    if (before === value) return value;
    const updatedById = tx.actor.kind === "user" ? tx.actor.id : null;
    await tx.db
      .insert(federationSettings)
      .values({ orgId: org.id, accessTokenLifetimeSeconds: value, updatedById })
      .onConflictDoUpdate({
        target: federationSettings.orgId,
        set: { accessTokenLifetimeSeconds: value, updatedById, updatedAt: new Date() },
      });
    await record(tx, {
      action: "org:set_access_token_lifetime",
      orgId: org.id,
      target: { kind: "organization", id: org.id, name: org.slug },
      details: { before, after: value },
    });
    return value;
  });
}

/** The most recently discovered live registrations of `iss` (the exchange's first lookup). */
export async function liveIssuersByUrl(db: Db | Tx, url: string) {
  return db
    .select({
      id: jwtIssuers.id,
      orgId: jwtIssuers.orgId,
      url: jwtIssuers.url,
      audience: jwtIssuers.audience,
      jwksUri: jwtIssuers.jwksUri,
    })
    .from(jwtIssuers)
    .where(and(eq(jwtIssuers.url, url), isNull(jwtIssuers.removedAt)))
    .orderBy(desc(jwtIssuers.discoveredAt))
    .limit(100);
}
