// The card both Service Accounts tabs render: heading, the New button (when the server would allow
// creating), a sentence on what these accounts are or why nothing can be created, then the list.
import type { ReactNode } from "react";
import { NewServiceAccountDialog, type NewServiceAccountTarget } from "./new-service-account-dialog";
import { ServiceAccountsList, type ServiceAccountsListProps } from "./service-accounts-list";

export function ServiceAccountsSection({
  create,
  intro,
  notice,
  list,
}: {
  /** Where the New button creates; null: no button (not allowed, free plan, disabled, no team). */
  create: NewServiceAccountTarget | null;
  intro: ReactNode;
  /** Why nothing can be created here, when that is the case. */
  notice?: ReactNode;
  list: ServiceAccountsListProps;
}) {
  return (
    <section
      aria-labelledby="service-accounts-heading"
      className="rounded-xl border border-slate-200 bg-white"
    >
      <div className="flex min-h-[3.75rem] flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-3">
        <h2 id="service-accounts-heading" className="font-semibold">
          Service accounts
        </h2>
        {create && <NewServiceAccountDialog target={create} />}
      </div>
      <div className="space-y-3 border-b border-slate-100 px-5 py-3 text-sm text-slate-600">
        {notice}
        <p>{intro}</p>
      </div>
      <ServiceAccountsList {...list} />
    </section>
  );
}

/** A callout saying why there is no New button. */
export function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
      <p className="font-medium">{title}</p>
      <div className="mt-1 space-y-1 text-amber-900">{children}</div>
    </div>
  );
}
