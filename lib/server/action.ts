// The one wrapper every server action goes through: resolve the actor from the session, parse
// the input with zod, call a service, map typed errors to what a form shows. Services authorize.
import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { getSessionActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { databaseCircuit } from "@/lib/db/circuit";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/health";
import { type FieldErrors, ServiceError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation";
import { clientIp } from "./client-ip";

export interface ActionState<T = unknown> {
  ok?: boolean;
  /** A sentence for the whole form (a refusal, a conflict, a success message). */
  message?: string;
  fieldErrors?: FieldErrors;
  data?: T;
  /**
   * On failure, what was submitted (never secrets), so a form can show it again: React 19 resets
   * a form after its action runs, and a refused form should keep what the person typed.
   */
  values?: Record<string, string>;
}

/** Fields never echoed back to the browser. */
const SECRET_FIELD = /password|secret|token|key$/i;

function echoValues(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  // A forged post can send anything (null, a number, an array) where a form object belongs.
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string" && !SECRET_FIELD.test(k)) out[k] = v;
  return out;
}

/** FormData -> plain object (repeated keys become arrays; files are dropped). */
export function formDataToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * `action(schema, fn)` returns a `(prevState, formData | object) => ActionState` usable with
 * useActionState (FormData) or TanStack Query's useMutation (a plain object).
 */
export function action<S extends z.ZodType, T>(
  schema: S,
  fn: (ctx: Ctx, input: z.infer<S>) => Promise<T | ActionState<T>>,
) {
  return async (_prev: ActionState<T> | undefined, input: FormData | Record<string, unknown>) => {
    const raw = input instanceof FormData ? formDataToObject(input) : input;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        message: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
        values: echoValues(raw),
      };
    }
    if (databaseCircuit.isOpen())
      return { ok: false, message: DATABASE_UNAVAILABLE, values: echoValues(raw) };
    const began = Date.now();
    try {
      const h = await headers();
      const ctx: Ctx = {
        db: await getDb(),
        actor: await getSessionActor(),
        request: { ip: clientIp(h), userAgent: h.get("user-agent") },
      };
      const result = await fn(ctx, parsed.data);
      if (result && typeof result === "object" && "ok" in result) return result as ActionState<T>;
      return { ok: true, data: result as T };
    } catch (err) {
      return { ...toActionState<T>(err, began), values: echoValues(raw) };
    }
  };
}

const DATABASE_UNAVAILABLE = "The database is unavailable for a moment: try again in a few seconds.";

/** What a form shows for an error thrown by work that began at `began` (Date.now()). */
export function toActionState<T>(err: unknown, began = Date.now()): ActionState<T> {
  if (err instanceof ServiceError) {
    const message = err.status === 401 ? "Your session has ended: sign in again." : err.message;
    return { ok: false, message, fieldErrors: err.fieldErrors };
  }
  // Next's redirect()/notFound() travel as exceptions and must keep travelling.
  if (isNextControlFlow(err)) throw err;
  if (isDatabaseUnavailable(err)) {
    databaseCircuit.noteError(err, began);
    console.warn("[action] database unavailable:", (err as { code?: unknown })?.code ?? "-");
    return { ok: false, message: DATABASE_UNAVAILABLE };
  }
  console.error("[action] unexpected error", err);
  return { ok: false, message: "Something went wrong on our side. Try again in a moment." };
}

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown })?.digest;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR"))
  );
}
