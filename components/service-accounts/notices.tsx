// The sentences that explain why a Service Accounts tab offers nothing to create.
import Link from "next/link";
import { Notice } from "./section";

export function EnterpriseNotice({ orgName, orgSlug }: { orgName: string; orgSlug: string }) {
  return (
    <Notice title="Service accounts are an enterprise feature">
      <p>
        {orgName} is on the free plan, so no service account can be created here, and any it already has
        cannot authenticate.
      </p>
      <p>
        To use them, ask the operator of this Steward instance to move it to the Enterprise plan with{" "}
        <code className="rounded bg-amber-100 px-1 text-xs">steward org set-plan {orgSlug} enterprise</code>.
        Until then, members log runs with their personal API keys.
      </p>
    </Notice>
  );
}

export function CreationDisabledNotice({
  team,
  orgSlug,
  orgAdmins,
  viewerIsOrgAdmin,
}: {
  team: string;
  orgSlug: string;
  /** Usernames of the org's admins, to say whom to ask (null: not known). */
  orgAdmins: string[] | null;
  viewerIsOrgAdmin: boolean;
}) {
  return (
    <Notice title="Team service accounts are turned off on this instance">
      <p>The operator of this Steward instance has disabled creating service accounts in teams.</p>
      {viewerIsOrgAdmin ? (
        <p>
          As an org admin, create an org service account with {team} as its default team in the{" "}
          <Link
            href={`/org/${encodeURIComponent(orgSlug)}/service-accounts`}
            className="font-medium text-indigo-800 underline"
          >
            organization&rsquo;s Service Accounts tab
          </Link>
          .
        </p>
      ) : (
        <p>
          For a pipeline of {team}, ask an org admin
          {orgAdmins?.length ? ` (${formatList(orgAdmins)})` : ""} for an org service account with {team} as
          its default team.
        </p>
      )}
    </Notice>
  );
}

export function NoTeamNotice({ orgSlug }: { orgSlug: string }) {
  return (
    <Notice title="Create a team first">
      <p>
        An org service account needs a default team, and this organization has none yet.{" "}
        <Link href={`/org/${encodeURIComponent(orgSlug)}`} className="font-medium text-indigo-800 underline">
          Create one in the Teams tab
        </Link>
        .
      </p>
    </Notice>
  );
}

function formatList(names: string[]): string {
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  const text = shown.length > 1 ? `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}` : (shown[0] ?? "");
  return more > 0 ? `${shown.join(", ")} or ${more} more` : text;
}
