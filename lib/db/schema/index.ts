// Every table of the app, for drizzle (queries) and drizzle-kit (migrations).
export * from "./audit";
export * from "./federation";
export * from "./idempotency";
export * from "./organizations";
export * from "./projects";
export * from "./runs";
export * from "./service-accounts";
export * from "./traces";
export * from "./users";
