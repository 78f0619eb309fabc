// Ids of federation rows, like lib/ids.ts's (`jwi_...` an issuer, `at_...` an access token's row).
import { randomBase62 } from "@/lib/ids";

export function newFederationId(prefix: "jwi" | "at"): string {
  return `${prefix}_${randomBase62(16)}`;
}
