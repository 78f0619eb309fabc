"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/config";

export interface SignInState {
  error?: string;
  login?: string;
}

/** Only same-site paths: an absolute callbackUrl would make sign-in an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const url = typeof value === "string" ? value : "";
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const login = String(form.get("login") ?? "");
  try {
    await signIn("credentials", {
      login,
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return {};
  } catch (err) {
    // signIn throws NEXT_REDIRECT on success: only Auth.js' own errors are ours to answer.
    if (err instanceof AuthError) {
      return { error: "That email or username and password do not match. Try again.", login };
    }
    throw err;
  }
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
