// Auth.js' own endpoints (session, CSRF, callback, sign-out).
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;
