"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { action } from "@/lib/server/action";

/** Only same-site paths: an absolute callbackUrl would make sign-in an open redirect. */
function safeCallback(url: string | undefined): string {
  return url?.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/";
}

export const signInAction = action(
  z.object({
    login: z.string().trim().min(1, "Enter your email or username."),
    password: z.string().min(1, "Enter your password."),
    callbackUrl: z.string().optional(),
  }),
  async (_ctx, input) => {
    try {
      // Throws NEXT_REDIRECT on success, which the wrapper lets through.
      await signIn("credentials", {
        login: input.login,
        password: input.password,
        redirectTo: safeCallback(input.callbackUrl),
      });
      return { ok: true };
    } catch (err) {
      if (err instanceof AuthError) {
        return { ok: false, message: "That email or username and password do not match. Try again." };
      }
      throw err;
    }
  },
);

export const signOutAction = action(z.object({}), async () => {
  await signOut({ redirectTo: "/sign-in" });
  return { ok: true };
});
