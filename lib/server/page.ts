// Page loads: resolve the actor once, send signed-out visitors to sign-in, and turn every refusal
// into a real 404 (decided before any Suspense boundary, so the status is 404, not 200). While the
// database is known to be unreachable, they fail at once and app/error.tsx offers to retry.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { assertDatabaseReachable } from "@/lib/db/circuit";
import { type Db, getDb } from "@/lib/db/client";
import { ServiceError } from "@/lib/errors";

/** For pages that need a signed-in user: `path` is where to come back after signing in. */
export async function signedInContext(path: string): Promise<Ctx & { actor: { kind: "user" } }> {
  const actor = await getSessionActor();
  if (actor.kind !== "user") redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return { db: await pageDb(), actor };
}

/**
 * For layouts: null when signed out. A layout does not know the full path, so it leaves the
 * redirect to its page (which does, and sends the visitor back there after sign-in).
 */
export async function layoutContext(): Promise<(Ctx & { actor: { kind: "user" } }) | null> {
  const actor = await getSessionActor();
  return actor.kind === "user" ? { db: await pageDb(), actor } : null;
}

/** For pages anyone may try (an open project is readable without signing in). */
export async function pageContext(): Promise<Ctx> {
  return { db: await pageDb(), actor: await getSessionActor() };
}

function pageDb(): Promise<Db> {
  assertDatabaseReachable();
  return getDb();
}

/** Awaits a service call; a refusal or a missing object renders the 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof ServiceError && (err.status === 401 || err.status === 403 || err.status === 404))
      notFound();
    throw err;
  }
}
