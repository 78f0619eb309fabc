"use client";
// What a visitor sees when a page fails on the server: a plain explanation and a way to retry, in
// the site's layout. Production hides the error itself; its digest matches the server log's line.
import Link from "next/link";
import { Button } from "@/components/ui/button";

// `retry` (Next 16.3+) fetches the page from the server again; `reset` alone would only re-render it.
export default function ErrorPage({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md text-center">
      <p className="text-sm font-semibold text-indigo-700">Something went wrong</p>
      <h1 className="mt-2 text-2xl font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-slate-600">
        The failure is on our side, not in anything you did. If Steward&apos;s database is restarting, this
        clears up in a few seconds.
      </p>
      <div className="mt-6 flex items-center justify-center gap-4">
        <Button type="button" onClick={retry}>
          Try again
        </Button>
        <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
          Back to your organizations
        </Link>
      </div>
      {error.digest ? (
        <p className="mt-6 text-xs text-slate-500">Reference for your operator: {error.digest}</p>
      ) : null}
    </div>
  );
}
