// Auth.js (next-auth v5): email-or-username + password sign-in, JWT sessions holding the user id.
// Roles are never stored in the session: lib/auth/session.ts reads them on every request.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { authenticateUser } from "@/lib/users/service";

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  // Sign-in must work at whatever host and port the app is reached by (localhost, a LAN name),
  // as a self-hosted product; set AUTH_URL to pin one canonical origin instead.
  trustHost: true,
  pages: { signIn: "/sign-in" },
  logger: {
    error(error) {
      // A wrong password is not a server error. Compare .type: production minifies class names.
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: {
        login: { label: "Email or username" },
        password: { label: "Password", type: "password" },
      },
      async authorize(raw) {
        const login = typeof raw?.login === "string" ? raw.login : "";
        const password = typeof raw?.password === "string" ? raw.password : "";
        const user = await authenticateUser(await getDb(), login, password);
        if (!user) throw new CredentialsSignin();
        return { id: user.id, name: user.username, email: user.email };
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
