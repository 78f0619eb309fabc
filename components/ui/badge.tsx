import type { ReactNode } from "react";

const tones = {
  slate: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-green-50 text-green-800 ring-green-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  indigo: "bg-indigo-50 text-indigo-800 ring-indigo-200",
} as const;

export function Badge({ tone = "slate", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

const visibilityTone = { open: "green", public: "blue", team: "slate", restricted: "amber" } as const;
const visibilityLabel = { open: "Open", public: "Public", team: "Team", restricted: "Restricted" } as const;

export function VisibilityBadge({ visibility }: { visibility: keyof typeof visibilityTone }) {
  return <Badge tone={visibilityTone[visibility]}>{visibilityLabel[visibility]}</Badge>;
}
