// The naming rules of SPEC section 1, shared by forms, the CLI and the APIs.
import { z } from "zod";

/** Every first path segment the app serves: a team named like one would be unreachable. */
export const RESERVED_TEAM_NAMES = new Set([
  "org",
  "api",
  "graphql",
  "files",
  "traces",
  "oidc",
  "settings",
  "sign-in",
  "sign-out",
  "_next",
  "favicon.ico",
  "health",
  "server_info",
  "call",
  "calls",
  "obj",
  "objs",
  "table",
  "file",
  "refs",
  "feedback",
  "cost",
]);

export const RESERVED_PROJECT_NAMES = new Set(["settings", "service-accounts", "users"]);

export const teamNameSchema = z
  .string()
  .trim()
  .min(2, "Team name must be at least 2 characters.")
  .max(63, "Team name must be at most 63 characters.")
  .regex(
    /^[a-z0-9][a-z0-9_-]{1,62}$/,
    "Use lowercase letters, digits, '-' and '_', starting with a letter or digit.",
  )
  .refine((name) => !RESERVED_TEAM_NAMES.has(name), "This name is reserved; choose another.");

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, "Project name is required.")
  .max(128, "Project name must be at most 128 characters.")
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    "Use letters, digits, '.', '-' and '_', starting with a letter or digit.",
  )
  .refine((name) => !RESERVED_PROJECT_NAMES.has(name), "This name is reserved; choose another.");

export const orgSlugSchema = z
  .string()
  .trim()
  .min(2, "Organization slug must be at least 2 characters.")
  .max(63, "Organization slug must be at most 63 characters.")
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    "Use lowercase letters, digits and '-', starting with a letter or digit.",
  );

export const orgNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required.")
  .max(100, "Name must be at most 100 characters.");

export const usernameSchema = z
  .string()
  .trim()
  .min(2, "Username must be at least 2 characters.")
  .max(39, "Username must be at most 39 characters.")
  .regex(/^[a-z0-9][a-z0-9_-]{1,38}$/, "Use lowercase letters, digits, '-' and '_'.");

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters.")
  .max(200, "Password must be at most 200 characters.");

export const roleSchema = z.enum(["admin", "member", "viewer"], {
  error: "Role must be admin, member or viewer.",
});
export const planSchema = z.enum(["free", "enterprise"], { error: "Plan must be free or enterprise." });
export const visibilitySchema = z.enum(["open", "public", "team", "restricted"], {
  error: "Visibility must be open, public, team or restricted.",
});

/** zod issues -> { field: [messages] } for forms and APIs. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}
