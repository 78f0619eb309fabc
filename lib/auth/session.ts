// The signed-in browser user, resolved once per request (React cache) from the Auth.js session
// cookie plus a fresh read of their roles, so a role change or removal applies on the next request.
import "server-only";
import { cache } from "react";
import type { Principal } from "@/lib/access/types";
import { assertDatabaseReachable } from "@/lib/db/circuit";
import { getDb } from "@/lib/db/client";
import { getUserById } from "@/lib/users/service";
import { auth } from "./config";
import { loadUserPrincipal } from "./principal";

const ANONYMOUS: Principal = { kind: "anonymous" };

export const getSessionActor = cache(async (): Promise<Principal> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return ANONYMOUS;
  assertDatabaseReachable();
  // A deleted user's cookie is worth nothing.
  return (await loadUserPrincipal(await getDb(), userId, { kind: "session" })) ?? ANONYMOUS;
});

/** The signed-in user's own record (header, profile), or null when signed out. */
export const getCurrentUser = cache(async () => {
  const actor = await getSessionActor();
  if (actor.kind !== "user") return null;
  return getUserById(await getDb(), actor.id);
});
