"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  addJwtIssuer,
  refreshJwtIssuer,
  removeJwtIssuer,
  setAccessTokenLifetime,
} from "@/lib/federation/issuers";
import { action } from "@/lib/server/action";

const org = z.string().min(1);
const url = z.string().max(2048);
const settingsPath = (slug: string) => `/org/${slug}/settings`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const addJwtIssuerAction = action(
  z.object({ org, url, audience: z.string().max(255).optional() }),
  async (ctx, input) => {
    const issuer = await addJwtIssuer(ctx, input.org, { url: input.url, audience: input.audience });
    revalidatePath(settingsPath(input.org));
    return {
      ok: true,
      message: `Added ${issuer.url}: found ${plural(issuer.keys.length, "signing key", "signing keys")}.`,
    };
  },
);

export const refreshJwtIssuerAction = action(z.object({ org, url }), async (ctx, input) => {
  const issuer = await refreshJwtIssuer(ctx, input.org, input.url);
  revalidatePath(settingsPath(input.org));
  return {
    ok: true,
    message: `Refreshed ${issuer.url}: ${plural(issuer.keys.length, "signing key", "signing keys")}.`,
  };
});

export const removeJwtIssuerAction = action(z.object({ org, url }), async (ctx, input) => {
  const { issuer, stoppedServiceAccounts } = await removeJwtIssuer(ctx, input.org, input.url);
  revalidatePath(settingsPath(input.org));
  const stopped = stoppedServiceAccounts.length
    ? ` ${plural(stoppedServiceAccounts.length, "service account", "service accounts")} bound to it stopped working.`
    : "";
  return { ok: true, message: `Removed ${issuer.url}.${stopped}` };
});

export const setAccessTokenLifetimeAction = action(
  z.object({
    org,
    minutes: z.coerce
      .number({ error: "Enter a number of minutes." })
      .int("Enter a whole number of minutes.")
      .min(5, "The lifetime must be at least 5 minutes.")
      .max(720, "The lifetime must be at most 12 hours (720 minutes)."),
  }),
  async (ctx, input) => {
    const seconds = await setAccessTokenLifetime(ctx, input.org, input.minutes * 60);
    revalidatePath(settingsPath(input.org));
    return { ok: true, message: `Access tokens now live ${seconds / 60} minutes.` };
  },
);
