"use client";

// Previous / Page N / Next under a paged list. Where pages have an address (`hrefOf`) the steps are
// real links (open in a new tab, copy the address) that a plain click follows inside the page;
// keyset pages, whose cursors stay out of the URL, get buttons.
import Link from "next/link";
import type { MouseEvent } from "react";
import { Button } from "./button";

const linkClass =
  "inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50";
const disabledLinkClass =
  "inline-flex h-8 items-center rounded-md border border-slate-200 px-3 text-sm font-medium text-slate-400";

export function Pager({
  label,
  page,
  previous,
  next,
  busy,
  hrefOf,
}: {
  /** The navigation landmark's name ("Pages of …"). */
  label: string;
  page: number;
  /** Goes to the page before / after this one; null where there is none. */
  previous: (() => void) | null;
  next: (() => void) | null;
  /** While a page loads, the steps wait. */
  busy: boolean;
  hrefOf?: (page: number) => string;
}) {
  if (!previous && !next) return null;
  const step = (text: string, go: (() => void) | null, target: number, rel: "prev" | "next") =>
    hrefOf ? (
      go ? (
        <Link
          href={hrefOf(target)}
          prefetch={false}
          onClick={follow(go, busy)}
          className={linkClass}
          rel={rel}
        >
          {text}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledLinkClass}>
          {text}
        </span>
      )
    ) : (
      <Button variant="secondary" size="sm" disabled={!go || busy} onClick={() => go?.()}>
        {text}
      </Button>
    );
  return (
    <nav
      aria-label={label}
      className="flex items-center justify-between gap-3 border-t border-slate-100 px-5 py-3"
    >
      {step("Previous", previous, page - 1, "prev")}
      <span className="text-sm text-slate-600">Page {page}</span>
      {step("Next", next, page + 1, "next")}
    </nav>
  );
}

/** A plain click stays in the page; with a modifier (new tab, new window) the browser follows the link. */
function follow(go: () => void, busy: boolean) {
  return (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    if (!busy) go();
  };
}
