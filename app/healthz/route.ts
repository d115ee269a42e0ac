import { toJson } from "@bufbuild/protobuf";
import { GetConsoleInfoResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { observed } from "@/lib/admin/observe";
import { probeAdmin } from "@/lib/admin/probe";
import { upstream } from "@/lib/admin/upstream";

export const dynamic = "force-dynamic";

/** 200 when FlyteAdmin answers, 503 when it does not; the body says which and why. */
export const GET = observed("/healthz", async () => {
  const info = await probeAdmin(upstream());
  return Response.json(toJson(GetConsoleInfoResponseSchema, info), {
    status: info.adminReachable ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
