// The environment a workload of a federated service account needs (SPEC section 6): the W&B SDK
// reads its IdP's JWT from WANDB_IDENTITY_TOKEN_FILE and exchanges it at /oidc/token itself.

export interface WorkloadSnippetContext {
  /** This server, as the W&B clients want it in WANDB_BASE_URL. */
  origin: string;
  /** The service account's team: where its runs land. */
  entity: string;
  /** The audience its JWTs must carry (the issuer's, as registered). */
  audience: string;
}

/** Where the workload's platform writes the JWT; a placeholder the engineer adapts. */
export const TOKEN_FILE_PLACEHOLDER = "/var/run/secrets/wandb/token";

export function workloadSnippet(c: WorkloadSnippetContext): string {
  return [
    `# A file the platform keeps fresh with the workload's JWT (aud: ${c.audience})`,
    `export WANDB_IDENTITY_TOKEN_FILE=${TOKEN_FILE_PLACEHOLDER}`,
    `export WANDB_BASE_URL=${c.origin}`,
    `export WANDB_ENTITY=${c.entity}`,
  ].join("\n");
}
