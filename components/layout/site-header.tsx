import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { isDatabaseUnavailable } from "@/lib/db/health";
import { UserMenu } from "./user-menu";

/** The signed-in user, or "unknown" while the database is unavailable (the page says so). */
async function currentUser() {
  try {
    return await getCurrentUser();
  } catch (err) {
    if (isDatabaseUnavailable(err)) return "unknown" as const;
    throw err;
  }
}

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white"
          >
            S
          </span>
          Steward
        </Link>
        {user === "unknown" ? null : user ? (
          <UserMenu username={user.username} displayName={user.displayName} email={user.email} />
        ) : (
          <Link href="/sign-in" className="text-sm font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
