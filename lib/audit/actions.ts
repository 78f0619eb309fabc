// The stable action names of the audit log (what `record` writes), with words for people. The
// Audit log's action filter offers these; a name not listed here still filters (new services
// may record new actions before this list learns them).
export const AUDIT_ACTIONS = {
  "auth:failed": "Failed authentication (per key ID, IP and minute)",
  "org:create": "Organization created",
  "org:set_plan": "Plan changed",
  "org:add_member": "Member added to the organization",
  "org:change_role": "Organization role changed",
  "org:remove_member": "Member removed from the organization",
  "org:create_team": "Team created",
  "org:create_service_account": "Org service account created",
  "org:add_jwt_issuer": "JWT issuer added",
  "org:refresh_jwt_issuer": "JWT issuer keys refreshed",
  "org:remove_jwt_issuer": "JWT issuer removed",
  "org:set_access_token_lifetime": "Access token lifetime changed",
  "team:add_member": "Member added to a team",
  "team:change_role": "Team role changed",
  "team:remove_member": "Member removed from a team",
  "team:update_settings": "Team settings changed",
  "team:create_project": "Project created",
  "team:create_service_account": "Team service account created",
  "project:change_visibility": "Project visibility changed",
  "project:add_member": "Restricted project member added",
  "project:remove_member": "Restricted project member removed",
  "service_account:rename": "Service account renamed",
  "service_account:update": "Service account updated",
  "service_account:deactivate": "Service account deactivated",
  "service_account:reactivate": "Service account reactivated",
  "service_account:delete": "Service account deleted",
  "service_account:create_api_key": "Service account key created",
  "service_account:revoke_api_key": "Service account key revoked",
  "service_account:rotate_api_key": "Service account key rotated",
  "service_account:exchange_token": "Federated token exchanged",
  "user:create_api_key": "Personal key created",
  "user:revoke_api_key": "Personal key revoked",
  "user:rotate_api_key": "Personal key rotated",
  "user:update_profile": "Profile updated",
} as const satisfies Record<string, string>;

export type KnownAuditAction = keyof typeof AUDIT_ACTIONS;

/** Words for an action; the stable name itself for one this list does not know yet. */
export function describeAction(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}
