// Identity federation: the JWT issuers an org trusts, the issuer + subject each federated service
// account answers to, the access tokens the exchange issued, and the JWT IDs already exchanged.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { serviceAccounts } from "./service-accounts";
import { users } from "./users";

/** A signing key found in an issuer's JWKS, as the Settings page shows it. */
export interface DiscoveredKey {
  kid: string | null;
  kty: string;
  alg: string | null;
}

export const jwtIssuers = pgTable(
  "jwt_issuers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // Exactly as the JWTs' `iss` claim spells it (no normalisation: `iss` is compared verbatim).
    url: text("url").notNull(),
    // The `aud` a JWT must carry to be exchanged here: by default the org slug.
    audience: text("audience").notNull(),
    // Where discovery was found (openid-configuration or its oidc-configuration fallback).
    discoveryUrl: text("discovery_url").notNull(),
    jwksUri: text("jwks_uri").notNull(),
    keys: jsonb("keys").$type<DiscoveredKey[]>().notNull().default([]),
    discoveredAt: timestamp("discovered_at", { withTimezone: true }).notNull().defaultNow(),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Removed issuers stay as rows: the service accounts bound to them keep saying what they were.
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    // the Settings tab's list, and "is this URL already registered here" (one live row per org)
    uniqueIndex("jwt_issuers_org_url_unique").on(t.orgId, t.url).where(sql`${t.removedAt} is null`),
    // the exchange: every org's live registration of a JWT's `iss`
    index("jwt_issuers_url_idx").on(t.url).where(sql`${t.removedAt} is null`),
  ],
);

export const federatedIdentities = pgTable(
  "federated_identities",
  {
    serviceAccountId: text("service_account_id")
      .primaryKey()
      .references(() => serviceAccounts.id, { onDelete: "cascade" }),
    issuerId: text("issuer_id")
      .notNull()
      .references(() => jwtIssuers.id, { onDelete: "restrict" }),
    // Stored exactly as given: the JWT's `sub` must equal it byte for byte.
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // the exchange (issuer + sub -> service account), and an issuer's bound accounts (its removal)
    index("federated_identities_issuer_subject_idx").on(t.issuerId, t.subject),
  ],
);

export const accessTokens = pgTable(
  "access_tokens",
  {
    id: text("id").primaryKey(),
    // The public token ID (prefix + 12 characters), named in audit events instead of the token.
    tokenId: text("token_id").notNull(),
    // SHA-256 (or HMAC-SHA-256 with KEY_PEPPER) of the whole token, hex. Never the token itself.
    hash: text("hash").notNull(),
    serviceAccountId: text("service_account_id")
      .notNull()
      .references(() => serviceAccounts.id, { onDelete: "cascade" }),
    issuerId: text("issuer_id")
      .notNull()
      .references(() => jwtIssuers.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // authentication: the one lookup of an uncached token
    uniqueIndex("access_tokens_hash_unique").on(t.hash),
    // a token ID named in the audit log -> its token (and no two tokens share an ID)
    uniqueIndex("access_tokens_token_id_unique").on(t.tokenId),
    // purging expired tokens
    index("access_tokens_expires_at_idx").on(t.expiresAt),
  ],
);

export const usedJwtIds = pgTable(
  "used_jwt_ids",
  {
    // The JWT's `iss` and `jti` (or a digest of the whole JWT when it has no `jti`).
    issuerUrl: text("issuer_url").notNull(),
    jti: text("jti").notNull(),
    // The JWT's own expiry plus the allowed clock skew: until then a replay must be refused.
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // the replay check: one insert per exchange, refused on conflict
    primaryKey({ columns: [t.issuerUrl, t.jti] }),
    // purging entries whose JWT has expired
    index("used_jwt_ids_expires_at_idx").on(t.expiresAt),
  ],
);

export const federationSettings = pgTable(
  "federation_settings",
  {
    orgId: text("org_id")
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // 5 minutes to 12 hours; an org without a row gets 1 hour.
    accessTokenLifetimeSeconds: integer("access_token_lifetime_seconds").notNull().default(3600),
    updatedById: text("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("federation_settings_lifetime_range", sql`${t.accessTokenLifetimeSeconds} between 300 and 43200`),
  ],
);
