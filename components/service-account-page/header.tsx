// The head of a service account's page: who it is and where it stands, at a glance.
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ServiceAccountView } from "./types";

export function ServiceAccountHeader({ sa }: { sa: ServiceAccountView }) {
  const team = encodeURIComponent(sa.team);
  return (
    <div className="min-w-0">
      {/* The team link is underlined: a link inside a sentence must not rely on colour alone. */}
      <p className="text-sm text-slate-500">
        Service account in{" "}
        <Link href={`/${team}/service-accounts`} className="text-indigo-700 underline">
          {sa.team}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-2xl font-semibold [overflow-wrap:anywhere]">{sa.name}</h1>
        {sa.scope === "org" ? <Badge tone="indigo">Org</Badge> : <Badge>Team</Badge>}
        {sa.status === "active" ? (
          <Badge tone="green">Active</Badge>
        ) : (
          <Badge tone="amber">Deactivated</Badge>
        )}
      </div>
      {sa.description && (
        <p className="mt-1 max-w-3xl text-sm [overflow-wrap:anywhere] text-slate-600">{sa.description}</p>
      )}
      <dl className="mt-3 grid grid-cols-1 gap-x-8 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Fact term="Scope">{sa.scope === "org" ? `Organization (${sa.orgSlug})` : "Team"}</Fact>
        <Fact term={sa.scope === "org" ? "Default team" : "Team"}>
          <Link href={`/${team}`} className="text-indigo-700 hover:underline">
            {sa.team}
          </Link>
        </Fact>
        <Fact term="Authentication">
          {sa.authMethod === "api_key" ? "API key (built-in)" : "Federated identity"}
        </Fact>
        <Fact term="Created">
          <time dateTime={sa.created.iso}>{sa.created.text}</time>
          {sa.createdBy ? ` by ${sa.createdBy}` : " (by the steward CLI or a removed user)"}
        </Fact>
        <Fact term="Last used">
          {sa.lastUsed ? (
            <time dateTime={sa.lastUsed.iso}>{sa.lastUsed.text}</time>
          ) : (
            <span className="text-slate-500">Never</span>
          )}
        </Fact>
      </dl>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 gap-2">
      <dt className="shrink-0 text-slate-500">{term}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere] text-slate-800">{children}</dd>
    </div>
  );
}
