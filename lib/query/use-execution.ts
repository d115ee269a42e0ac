"use client";

// One execution as GetExecution returns it, for the browser. Kept apart from ./executions, whose
// builders the server's dashboard loader imports and which must not pull React in.
import { useQuery } from "@connectrpc/connect-query";
import { executionGetRequest, getExecution } from "./executions";

type ExecutionId = { project?: string; domain?: string; name?: string } | undefined;

/**
 * GetExecution for `id`; off until it has a name. `staleTime: 0` refetches on every mount (the
 * actions' view of archive state, which the live stream does not carry).
 */
export function useExecution(id: ExecutionId, options: { staleTime?: number } = {}) {
  return useQuery(getExecution, executionGetRequest(id?.project ?? "", id?.domain ?? "", id?.name ?? ""), { enabled: !!id?.name, ...options });
}
