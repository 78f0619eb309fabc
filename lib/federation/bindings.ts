// A federated team service account's identity: one registered issuer of its org and an exact `sub`.
// Used by createServiceAccount (lib/service-accounts/service.ts) inside its transaction.
import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import { federatedIdentities, jwtIssuers, serviceAccounts } from "@/lib/db/schema";
import { Conflict, Invalid } from "@/lib/errors";

export interface FederatedBinding {
  /** A JWT issuer registered for the service account's org, exactly as registered. */
  issuerUrl: string;
  /** The JWT `sub` the service account answers to, stored exactly as given. */
  subject: string;
}

export interface ResolvedBinding {
  issuerId: string;
  issuerUrl: string;
  subject: string;
}

const MAX_SUBJECT_LENGTH = 1024;

/** Things worth a second look in a subject that is nevertheless stored as given. */
export function subjectWarnings(subject: string): string[] {
  const warnings: string[] = [];
  if (subject !== subject.trim()) {
    warnings.push(
      "The subject starts or ends with whitespace. It is stored exactly as given, and the JWT's sub must match it character for character.",
    );
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(subject.trim())) {
    warnings.push(
      "The subject looks like an email address. Identity providers usually put a stable ID in sub " +
        "(GitHub Actions: repo:<owner>/<repo>:ref:refs/heads/main; Kubernetes: " +
        "system:serviceaccount:<namespace>:<name>); check the sub of a real token.",
    );
  }
  return warnings;
}

function checkSubject(subject: unknown): string {
  if (typeof subject !== "string" || !subject.trim()) {
    throw new Invalid("Enter the subject (the JWT's sub claim).", { subject: ["Enter the subject."] });
  }
  if (subject.length > MAX_SUBJECT_LENGTH) {
    throw new Invalid("The subject is too long.", {
      subject: [`The subject must be at most ${MAX_SUBJECT_LENGTH} characters.`],
    });
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(subject)) {
    throw new Invalid("The subject contains control characters.", {
      subject: ["The subject cannot contain line breaks, tabs or other control characters."],
    });
  }
  return subject;
}

/**
 * Checks that the issuer is registered (live) for the org and that no other live service account
 * answers to the same issuer + subject (an exchange could not tell them apart).
 */
export async function resolveFederatedBinding(
  db: Db | Tx,
  orgId: string,
  input: FederatedBinding,
): Promise<ResolvedBinding> {
  const subject = checkSubject(input.subject);
  const issuerUrl = typeof input.issuerUrl === "string" ? input.issuerUrl : "";
  const registered = await db
    .select({ id: jwtIssuers.id, url: jwtIssuers.url })
    .from(jwtIssuers)
    .where(and(eq(jwtIssuers.orgId, orgId), isNull(jwtIssuers.removedAt)));
  const issuer = registered.find((i) => i.url === issuerUrl);
  if (!issuer) {
    const loose = (u: string) => u.trim().replace(/\/+$/, "").toLowerCase();
    const near = registered.find((i) => loose(i.url) === loose(issuerUrl));
    const given = issuerUrl.trim() || "That URL";
    const message = near
      ? `${given} is not registered exactly; did you mean ${near.url}?`
      : registered.length
        ? `${given} is not a JWT issuer of this organization. Registered: ${registered
            .slice(0, 5)
            .map((i) => i.url)
            .join(", ")}.`
        : "This organization has no JWT issuers yet: an org admin registers one on the organization's Settings tab.";
    throw new Invalid(message, { issuer: [message] });
  }
  const [taken] = await db
    .select({ name: serviceAccounts.name })
    .from(federatedIdentities)
    .innerJoin(serviceAccounts, eq(serviceAccounts.id, federatedIdentities.serviceAccountId))
    .where(
      and(
        eq(federatedIdentities.issuerId, issuer.id),
        eq(federatedIdentities.subject, subject),
        ne(serviceAccounts.status, "deleted"),
      ),
    )
    .limit(1);
  if (taken) {
    throw new Conflict(`Service account ${taken.name} is already bound to this subject of ${issuer.url}.`, {
      subject: [`Already used by service account ${taken.name}: one service account per issuer and subject.`],
    });
  }
  return { issuerId: issuer.id, issuerUrl: issuer.url, subject };
}

export async function bindFederatedIdentity(
  db: Db | Tx,
  serviceAccountId: string,
  binding: ResolvedBinding,
): Promise<void> {
  await db
    .insert(federatedIdentities)
    .values({ serviceAccountId, issuerId: binding.issuerId, subject: binding.subject });
}

/** What a federated service account answers to (for its page); null for built-in accounts. */
export async function federatedIdentityOf(
  db: Db | Tx,
  serviceAccountId: string,
): Promise<{ issuerUrl: string; audience: string; subject: string; issuerRemoved: boolean } | null> {
  const [row] = await db
    .select({
      issuerUrl: jwtIssuers.url,
      audience: jwtIssuers.audience,
      subject: federatedIdentities.subject,
      removedAt: jwtIssuers.removedAt,
    })
    .from(federatedIdentities)
    .innerJoin(jwtIssuers, eq(jwtIssuers.id, federatedIdentities.issuerId))
    .where(eq(federatedIdentities.serviceAccountId, serviceAccountId))
    .limit(1);
  return row
    ? {
        issuerUrl: row.issuerUrl,
        audience: row.audience,
        subject: row.subject,
        issuerRemoved: !!row.removedAt,
      }
    : null;
}
