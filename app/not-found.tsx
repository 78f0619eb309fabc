import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md text-center">
      <p className="text-sm font-semibold text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        It does not exist, or you do not have access to it. If you expected to see it, ask an admin to add
        you.
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-indigo-700 hover:underline">
        Back to your organizations
      </Link>
    </div>
  );
}
