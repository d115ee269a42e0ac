import { readiness } from "@/lib/admin/probe";

export const dynamic = "force-dynamic";

/** 200 when this server can take traffic, 503 (with the reason) when its settings keep it from serving. */
export function GET() {
  const state = readiness();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
