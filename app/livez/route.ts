// Liveness: the process serves requests. It never asks FlyteAdmin, so a FlyteAdmin outage does not
// get the console's pods restarted (that is /healthz's question, and /readyz's answer ignores it too).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
