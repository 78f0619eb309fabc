// Idempotency keys of the REST API's creates (lib/rest/idempotency.ts): the first request with a key
// stores its response, a retry with the same key and body gets it again. Kept for 24 hours. A created
// key's plaintext is never stored here: the replayed body has it removed.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    // Who sent the key ("user:<id>" or "service_account:<id>"): keys of different callers never collide.
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    // "POST /api/v1/teams/ml/service-accounts": the same key on another endpoint is a different request.
    endpoint: text("endpoint").notNull(),
    // SHA-256 of the canonical JSON body: the same key with another body is refused (422).
    requestHash: text("request_hash").notNull(),
    // pending while the first request runs (a concurrent retry gets 409), then completed.
    state: text("state").notNull().default("pending"),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.principal, t.key] }),
    // the periodic purge of expired keys
    index("idempotency_keys_expires_at_idx").on(t.expiresAt),
  ],
);
