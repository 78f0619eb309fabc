// Typed service errors. Services throw them; each edge maps them to its own form
// (field errors in forms, HTTP status + JSON in APIs, GraphQL errors on /graphql).
import type { Decision } from "@/lib/access/types";

export type FieldErrors = Record<string, string[]>;

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: the message and field errors say what to fix. */
export class Invalid extends ServiceError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 400, fieldErrors);
  }
}

/** The object does not exist, or the caller may not know that it does. */
export class NotFound extends ServiceError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}

/** A duplicate or a state conflict ("the last admin cannot leave"). */
export class Conflict extends ServiceError {
  constructor(message: string, fieldErrors?: FieldErrors) {
    super(message, 409, fieldErrors);
  }
}

/** The access policy refused: carries its status (401/403/404) and reason sentence. */
export class AccessDenied extends ServiceError {
  constructor(readonly decision: Extract<Decision, { allowed: false }>) {
    super(decision.status === 404 ? "Not found." : asSentence(decision.reason), decision.status);
  }
}

/** The policy's reasons read well inside lists ("tom is a team admin"); messages are sentences. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capitalized = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}
