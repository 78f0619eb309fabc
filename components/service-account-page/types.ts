// What a service account's page sends to the browser: allow-listed fields, dates formatted once on
// the server (UTC, so no hydration mismatch). Never a key, beyond the one just created.
import type { KeyStatus, Revocation } from "@/components/keys/key-table";

export interface Moment {
  iso: string;
  text: string;
}

export interface ServiceAccountView {
  name: string;
  description: string;
  scope: "org" | "team";
  /** Default team (org scope) or parent team (team scope): the page lives under it. */
  team: string;
  orgSlug: string;
  authMethod: "api_key" | "federated";
  status: "active" | "deactivated";
  createdBy: string | null;
  created: Moment;
  lastUsed: Moment | null;
}

export interface KeyView {
  keyId: string;
  name: string;
  status: KeyStatus;
  createdBy: string | null;
  created: Moment;
  lastUsed: (Moment & { ip: string | null }) | null;
  expires: Moment | null;
  /**
   * When it was revoked (status revoked), or when a rotation with an overlap will revoke it
   * (`scheduled`, status active): the key works until then.
   */
  revoked: Revocation | null;
}

export interface WorkloadIdentityView {
  issuerUrl: string;
  audience: string;
  subject: string;
  /** The issuer was removed from the org: the account cannot sign in until it is bound again. */
  issuerRemoved: boolean;
}

/** The paths of the page and its tabs (the other tabs live in access/ and activity/). */
export function serviceAccountPath(team: string, name: string): string {
  return `/${encodeURIComponent(team)}/service-accounts/${encodeURIComponent(name)}`;
}
