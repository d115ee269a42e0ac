// ConsoleService.GetFailureGroups: a project domain's failed executions grouped by error signature,
// computed on the server from pages of ListExecutions (only failed runs are listed: FlyteAdmin filters
// on the phase). Runs as a shared scan, like the dashboard's counts: same origin, a deadline, rationed
// per caller, identical requests sharing one scan.
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { GetFailureGroupsRequest, GetFailureGroupsResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { FilterSyntaxError, filters as f, formatFilters, parseFilters } from "@/lib/flyte/filters";
import { timestampMs } from "@/lib/flyte/time";
import { FAILURE_PHASES, FailureGroupAccumulator } from "@/lib/flyte/triage/groups";
import { failureGroupsToWire } from "@/lib/flyte/triage/wire";
import type { Upstream } from "../upstream";
import { pageExecutions } from "../dashboard/collect";
import { createSharedScan, type SharedScanOptions } from "../dashboard/shared-scan";

export type FailureGroupsHandler = (req: GetFailureGroupsRequest, ctx: HandlerContext) => Promise<GetFailureGroupsResponse>;

interface FailureScan {
  project: string;
  domain: string;
  /** The caller's filters, the failure phases and the window, as FlyteAdmin reads them. */
  filters: string;
  startMs?: number;
}

function readRequest(req: GetFailureGroupsRequest): FailureScan {
  if (!req.project || !req.domain) throw new ConnectError("project and domain are required", Code.InvalidArgument);
  const startMs = timestampMs(req.start);
  const endMs = timestampMs(req.end);
  if (startMs !== undefined && endMs !== undefined && endMs <= startMs) throw new ConnectError("end must be after start", Code.InvalidArgument);
  try {
    const extra = [f.valueIn("phase", FAILURE_PHASES.map((p) => WorkflowExecution_Phase[p]))];
    if (startMs !== undefined) extra.push(f.gte("created_at", new Date(startMs)));
    if (endMs !== undefined) extra.push(f.lt("created_at", new Date(endMs)));
    return { project: req.project, domain: req.domain, filters: formatFilters([...parseFilters(req.filters), ...extra]), startMs };
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new ConnectError(`invalid filters: ${err.message}`, Code.InvalidArgument);
    throw err;
  }
}

export function createFailureGroups(up: Upstream, opts: Partial<SharedScanOptions> = {}): FailureGroupsHandler {
  const scan = createSharedScan<GetFailureGroupsResponse>(
    up,
    { noun: "failure groupings", whenSlow: "FlyteAdmin is slow or the window holds many failed runs; narrow the time range or the filters, or retry" },
    opts,
  );
  return (req, ctx) =>
    scan(ctx, () => {
      const s = readRequest(req);
      return {
        key: ["failures", s.project, s.domain, s.filters],
        run: async (headers, signal) => {
          const acc = new FailureGroupAccumulator();
          const { truncated } = await pageExecutions(up, headers, s, (e) => acc.add(e), signal);
          return failureGroupsToWire(acc.result(truncated, s.startMs), s);
        },
      };
    });
}
