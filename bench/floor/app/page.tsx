// Rendered per request, as the console's pages are.
export const dynamic = "force-dynamic";

export default function Page() {
  return <main data-testid="floor">floor</main>;
}
