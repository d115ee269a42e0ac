import { Link } from "@/components/ui/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-indigo-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-slate-600">The link may be from a newer or older console, or mistyped.</p>
      <Link href="/" className="mt-6 inline-block text-indigo-700 hover:underline">
        Go to projects
      </Link>
    </main>
  );
}
