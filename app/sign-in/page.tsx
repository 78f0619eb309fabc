import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  if ((await getSessionActor()).kind === "user") redirect("/");
  return (
    <div className="mx-auto mt-12 max-w-sm">
      <SignInForm callbackUrl={callbackUrl ?? "/"} />
    </div>
  );
}
