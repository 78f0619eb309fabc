// The token exchange (RFC 7523 JWT bearer grant): a workload presents a JWT from its identity
// provider and receives a short-lived Steward access token acting as the federated service account
// bound to that issuer + subject. Every exchange, granted or refused, is audited without the JWT.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import { ENTERPRISE_FEATURE_REASON } from "@/lib/access";
import type { ServiceAccountPrincipal } from "@/lib/access/types";
import { hashKey } from "@/lib/api-keys/hash";
import { record } from "@/lib/audit";
import type { Ctx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { accessTokens, federatedIdentities, serviceAccounts, usedJwtIds } from "@/lib/db/schema";
import { asSentence } from "@/lib/errors";
import { findServiceAccountById, type ServiceAccount } from "@/lib/service-accounts/lookup";
import { purgeExpired } from "./access-tokens";
import { GuardedFetchError } from "./guarded-fetch";
import { newFederationId } from "./ids";
import { accessTokenLifetimeOf, liveIssuersByUrl } from "./issuers";
import { remoteJwks } from "./jwks";
import { generateAccessToken } from "./token-format";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** Asymmetric signatures only: `none` and HMAC (HS*) never verify, whatever the key set says. */
export const ALLOWED_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

export const CLOCK_SKEW_SECONDS = 60;
export const MAX_JWT_AGE_SECONDS = 24 * 3600;
const MAX_ASSERTION_LENGTH = 16 * 1024;

export type OAuthErrorCode = "invalid_request" | "invalid_grant" | "unsupported_grant_type";

/** A refused exchange: RFC 6749 section 5.2 error JSON. The description never holds the JWT. */
export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    description: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
}

/** What is known about an exchange so far, for its audit event. */
interface Facts {
  issuer?: string;
  subject?: string;
  orgId?: string;
  serviceAccount?: ServiceAccount;
}

const clip = (value: unknown) => (typeof value === "string" ? value.slice(0, 512) : undefined);

/**
 * Exchanges `params` (the form body of POST /oidc/token). Resolves to the token response, or
 * throws OAuthError after recording the refusal.
 */
export async function exchangeToken(
  db: Db,
  params: URLSearchParams,
  request: { ip: string | null; userAgent: string | null },
): Promise<TokenResponse> {
  const facts: Facts = {};
  const anonymous: Ctx = { db, actor: { kind: "anonymous" }, request };
  try {
    return await exchange(anonymous, params, facts);
  } catch (err) {
    if (!(err instanceof OAuthError)) throw err;
    const sa = facts.serviceAccount;
    await record(anonymous, {
      action: "service_account:exchange_token",
      orgId: sa?.orgId ?? facts.orgId ?? null,
      teamId: sa?.teamId ?? null,
      target: sa ? { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` } : undefined,
      outcome: "failure",
      details: {
        issuer: clip(facts.issuer),
        subject: clip(facts.subject),
        error: err.code,
        reason: err.message,
      },
    });
    throw err;
  }
}

async function exchange(ctx: Ctx, params: URLSearchParams, facts: Facts): Promise<TokenResponse> {
  const grantTypes = params.getAll("grant_type");
  if (grantTypes.length !== 1 || !grantTypes[0]) {
    throw new OAuthError("invalid_request", "Send exactly one grant_type.");
  }
  if (grantTypes[0] !== JWT_BEARER_GRANT) {
    throw new OAuthError("unsupported_grant_type", `Only the ${JWT_BEARER_GRANT} grant is supported.`);
  }
  const assertions = params.getAll("assertion");
  if (assertions.length !== 1 || !assertions[0]) {
    throw new OAuthError(
      "invalid_request",
      "Send exactly one assertion: the JWT from your identity provider.",
    );
  }
  const assertion = assertions[0];
  if (assertion.length > MAX_ASSERTION_LENGTH) {
    throw new OAuthError("invalid_request", "The assertion is longer than 16 KiB.");
  }

  // Unverified reads, only to choose the issuer and to refuse bad algorithms before any key fetch.
  let alg: unknown;
  let claimed: JWTPayload;
  try {
    alg = decodeProtectedHeader(assertion).alg;
    claimed = decodeJwt(assertion);
  } catch {
    throw new OAuthError("invalid_grant", "The assertion is not a signed JWT (header.payload.signature).");
  }
  facts.issuer = clip(claimed.iss);
  facts.subject = clip(claimed.sub);
  if (typeof alg !== "string" || alg.toLowerCase() === "none") {
    throw new OAuthError("invalid_grant", "Unsigned JWTs (alg none) are refused.");
  }
  if (/^HS/i.test(alg)) {
    throw new OAuthError(
      "invalid_grant",
      `HMAC-signed JWTs (${alg}) are refused: only asymmetric signatures are accepted.`,
    );
  }
  if (!ALLOWED_ALGORITHMS.includes(alg)) {
    throw new OAuthError("invalid_grant", `The JWT algorithm ${alg.slice(0, 20)} is not accepted.`);
  }
  if (typeof claimed.iss !== "string" || !claimed.iss) {
    throw new OAuthError("invalid_grant", "The JWT has no iss (issuer) claim.");
  }
  const iss = claimed.iss;
  const issuers = await liveIssuersByUrl(ctx.db, iss);
  if (!issuers.length) {
    throw new OAuthError("invalid_grant", `${clip(iss)} is not a registered JWT issuer.`);
  }
  const orgIds = new Set(issuers.map((i) => i.orgId));
  if (orgIds.size === 1) facts.orgId = issuers[0]!.orgId;

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, remoteJwks(issuers[0]!.jwksUri), {
      issuer: iss,
      audience: [...new Set(issuers.map((i) => i.audience))],
      algorithms: ALLOWED_ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      maxTokenAge: MAX_JWT_AGE_SECONDS,
      requiredClaims: ["exp", "sub"],
    }));
  } catch (err) {
    throw new OAuthError("invalid_grant", describeVerificationError(err, iss, claimed));
  }

  const sub = payload.sub;
  if (typeof sub !== "string" || !sub)
    throw new OAuthError("invalid_grant", "The JWT has no sub (subject) claim.");
  const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const matching = issuers.filter((i) => auds.includes(i.audience));
  if (new Set(matching.map((i) => i.orgId)).size === 1) facts.orgId = matching[0]!.orgId;

  const bound = await ctx.db
    .select({ id: serviceAccounts.id, issuerId: federatedIdentities.issuerId })
    .from(federatedIdentities)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, federatedIdentities.serviceAccountId))
    .where(
      and(
        inArray(
          federatedIdentities.issuerId,
          matching.map((i) => i.id),
        ),
        eq(federatedIdentities.subject, sub),
        ne(serviceAccounts.status, "deleted"),
      ),
    )
    .limit(2);
  if (!bound.length) {
    throw new OAuthError(
      "invalid_grant",
      `No service account is bound to the subject ${JSON.stringify(clip(sub))} of ${clip(iss)} (subjects are compared exactly, case included).`,
    );
  }
  if (bound.length > 1) {
    throw new OAuthError(
      "invalid_grant",
      `Several service accounts answer to this subject of ${clip(iss)} with this audience: ` +
        "their organizations must register the issuer with different audiences.",
    );
  }
  const { id: saId, issuerId } = bound[0]!;
  const sa = await findServiceAccountById(ctx.db, saId);
  if (!sa) throw new OAuthError("invalid_grant", "The service account no longer exists.");
  facts.serviceAccount = sa;
  if (sa.status !== "active") {
    throw new OAuthError(
      "invalid_grant",
      `Service account ${sa.teamName}/${sa.name} is deactivated: an admin of its team can reactivate it.`,
    );
  }
  if (sa.orgPlan !== "enterprise")
    throw new OAuthError("invalid_grant", asSentence(ENTERPRISE_FEATURE_REASON));

  const exp = payload.exp!;
  // The replay key: `jti` when the JWT has one, else the whole JWT (then it may be exchanged once too).
  const jti =
    typeof payload.jti === "string" && payload.jti
      ? `jti:${payload.jti.slice(0, 512)}`
      : `sha256:${createHash("sha256").update(assertion).digest("hex")}`;
  const lifetime = await accessTokenLifetimeOf(ctx.db, sa.orgId);
  const { token, tokenId } = generateAccessToken();
  const principal: ServiceAccountPrincipal = {
    kind: "service_account",
    id: sa.id,
    name: sa.name,
    orgId: sa.orgId,
    orgPlan: sa.orgPlan,
    scope: sa.scope,
    teamId: sa.teamId,
    teamName: sa.teamName,
    authMethod: sa.authMethod,
    status: sa.status,
    credential: { kind: "access_token", tokenId, state: "active" },
  };

  await ctx.db.transaction(async (tx) => {
    const fresh = await tx
      .insert(usedJwtIds)
      .values({ issuerUrl: iss, jti, expiresAt: new Date((exp + CLOCK_SKEW_SECONDS) * 1000) })
      .onConflictDoNothing()
      .returning({ jti: usedJwtIds.jti });
    if (!fresh.length) {
      throw new OAuthError(
        "invalid_grant",
        "This JWT has already been exchanged: fetch a fresh one from your identity provider.",
      );
    }
    await tx.insert(accessTokens).values({
      id: newFederationId("at"),
      tokenId,
      hash: hashKey(token),
      serviceAccountId: sa.id,
      issuerId,
      expiresAt: new Date(Date.now() + lifetime * 1000),
    });
    await record(
      { db: tx as unknown as Db, actor: principal, request: ctx.request },
      {
        action: "service_account:exchange_token",
        orgId: sa.orgId,
        teamId: sa.teamId,
        target: { kind: "service_account", id: sa.id, name: `${sa.teamName}/${sa.name}` },
        outcome: "success",
        details: { issuer: clip(iss), subject: clip(sub), tokenId, expiresIn: lifetime },
      },
    );
  });
  await purgeExpired(ctx.db).catch((err: unknown) =>
    console.warn("[federation] could not purge expired tokens:", err instanceof Error ? err.message : err),
  );
  return { access_token: token, token_type: "Bearer", expires_in: lifetime };
}

const when = (seconds: unknown) =>
  typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "an unknown time";

function describeVerificationError(err: unknown, iss: string, claimed: JWTPayload): string {
  const issuer = clip(iss);
  if (err instanceof errors.JWTExpired) {
    if (err.claim === "iat") {
      return `The JWT was issued at ${when(claimed.iat)}, more than 24 hours ago: fetch a fresh one.`;
    }
    return `The JWT expired at ${when(claimed.exp)}: fetch a fresh one from your identity provider.`;
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === "missing") return `The JWT has no ${err.claim} claim.`;
    switch (err.claim) {
      case "nbf":
        return `The JWT is not valid before ${when(claimed.nbf)}.`;
      case "iat":
        return `The JWT claims to be issued at ${when(claimed.iat)}, in the future.`;
      case "aud":
        return `The JWT's audience ${JSON.stringify(claimed.aud)?.slice(0, 300)} is not the audience registered for ${issuer}.`;
      case "iss":
        return `The JWT's issuer is not ${issuer}.`;
      default:
        return `The JWT's ${err.claim} claim is not valid.`;
    }
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "The JWT's algorithm is not accepted.";
  if (err instanceof errors.JWKSNoMatchingKey) {
    return `No signing key of ${issuer} matches the JWT (kid and alg); if the issuer rotated its keys, try again in a minute.`;
  }
  if (err instanceof errors.JWKSMultipleMatchingKeys) {
    return `Several signing keys of ${issuer} match the JWT: it must name its key with kid.`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return `The JWT's signature does not verify with the keys of ${issuer}.`;
  }
  if (
    err instanceof GuardedFetchError ||
    err instanceof errors.JWKSTimeout ||
    err instanceof errors.JWKSInvalid
  ) {
    return `Could not read the signing keys of ${issuer}: ${err.message}`;
  }
  if (err instanceof errors.JOSEError) {
    // jose's generic error is about fetching or parsing the key set ("Expected 200 OK ...").
    return err.code === "ERR_JOSE_GENERIC"
      ? `Could not read the signing keys of ${issuer}: ${err.message}`
      : `The JWT is not valid (${err.code}).`;
  }
  console.warn(
    "[federation] JWT verification failed unexpectedly:",
    err instanceof Error ? err.message : err,
  );
  return "The JWT could not be verified.";
}
