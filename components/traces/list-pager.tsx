// The foot of a paged list on the Traces tab (back to the first page, on to the next), and what
// a list says when its page link no longer works.
import Link from "next/link";

export function ListPager({
  label,
  first,
  next,
}: {
  label: string;
  /** Back to the first page, when not on it. */
  first: { href: string; text: string } | null;
  next: { href: string; text: string } | null;
}) {
  if (!first && !next) return null;
  return (
    <nav
      aria-label={label}
      className="flex items-center justify-between gap-3 border-t border-slate-200 px-5 py-3 text-sm"
    >
      {first ? (
        <Link href={first.href} className="font-medium text-indigo-700 hover:underline">
          ← {first.text}
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link
          href={next.href}
          className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-800 hover:bg-slate-50"
        >
          {next.text} →
        </Link>
      )}
    </nav>
  );
}

/** An edited or truncated ?after= link: say so instead of failing the page. */
export function BrokenPageLink({ href, text }: { href: string; text: string }) {
  return (
    <p className="px-5 py-6 text-sm text-slate-600">
      This page link is broken or out of date.{" "}
      <Link href={href} className="font-medium text-indigo-700 hover:underline">
        {text}
      </Link>
      .
    </p>
  );
}
