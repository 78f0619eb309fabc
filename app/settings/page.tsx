import type { Metadata } from "next";
import { ApiKeysTable, type KeyRow } from "@/components/settings/api-keys-table";
import { dayStamp, momentStamp } from "@/components/settings/format";
import { NewKeyDialog } from "@/components/settings/new-key-dialog";
import { ProfileForm } from "@/components/settings/profile-form";
import type { ApiKeySummary } from "@/lib/api-keys/service";
import { signedInContext } from "@/lib/server/page";
import { getProfile, listPersonalApiKeys } from "@/lib/users/profile";

export const metadata: Metadata = { title: "Settings" };

function keyRow(k: ApiKeySummary): KeyRow {
  return {
    keyId: k.keyId,
    name: k.name,
    status: k.status,
    created: momentStamp(k.createdAt),
    lastUsed: k.lastUsedAt ? { ...momentStamp(k.lastUsedAt), ip: k.lastUsedIp } : null,
    expires: k.expiresAt ? dayStamp(k.expiresAt) : null,
    revoked: k.revokedAt ? momentStamp(k.revokedAt) : null,
  };
}

export default async function SettingsPage() {
  const ctx = await signedInContext("/settings");
  const [profile, keys] = await Promise.all([getProfile(ctx), listPersonalApiKeys(ctx)]);
  const activeKeys = keys.filter((k) => k.status === "active").length;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-500">Your account</p>
        <h1 className="text-2xl font-semibold">Settings</h1>
      </div>
      <ProfileForm
        username={profile.username}
        email={profile.email}
        displayName={profile.displayName}
        defaultTeam={profile.defaultTeam}
        teams={profile.teams}
      />
      <section aria-labelledby="api-keys-heading" className="rounded-xl border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
          <h2 id="api-keys-heading" className="font-semibold">
            API keys <span className="font-normal text-slate-500">({activeKeys} active)</span>
          </h2>
          <NewKeyDialog entity={profile.effectiveDefaultTeam} />
        </div>
        <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
          Personal keys let the W&amp;B clients act as you. A key has your own roles, never more: where you
          are a viewer, it only reads. For pipelines that should not depend on your account, ask a team admin
          for a service account.
        </p>
        <ApiKeysTable keys={keys.map(keyRow)} />
      </section>
    </div>
  );
}
