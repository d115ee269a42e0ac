"use client";

// The server's preload of an execution page (./execution-preload), as the page's starting state: the query
// cache entries GetExecution and GetWorkflow would fill, ready for TanStack Query's HydrationBoundary, and
// the watch's snapshot for useLiveExecution.
import { createConnectQueryKey, useTransport } from "@connectrpc/connect-query";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { Transport } from "@connectrpc/connect";
import { useMemo } from "react";
import type { WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { Layout } from "@/lib/flyte/graph/layout";
import { getWorkflow } from "./execution-view";
import { decodeExecutionPreload, type DecodedPreload, type ExecutionPreload } from "./execution-preload";
import { executionGetRequest, getExecution } from "./executions";
import { objectGetRequest } from "./workflows";

export interface ExecutionStart {
  /** Query cache entries to hydrate; undefined when the server sent none. */
  cache?: DehydratedState;
  /** The watch's snapshot to start from, with the cursor the stream resumes from. */
  snapshot?: WatchExecutionResponse;
  /** The server found no such execution. */
  notFound: boolean;
  /** The server's render time, for text that depends on the clock (the same on both sides while hydrating). */
  renderedAt?: number;
  /** The workflow graph's first layout, computed by the server (in the browser only). */
  layout?: Layout;
}

/** The cache entries useExecution and useWorkflow read, as `transport`'s queries key them. */
export function preloadedCache(p: DecodedPreload, id: { project: string; domain: string; name: string }, transport: Transport, nowMs = Date.now()): DehydratedState {
  const scratch = new QueryClient();
  // Stamped with the browser's clock, not the server's: how fresh the data is must not depend on clock skew.
  scratch.setQueryData(createConnectQueryKey({ schema: getExecution, input: executionGetRequest(id.project, id.domain, id.name), transport, cardinality: "finite" }), p.execution, { updatedAt: nowMs });
  const workflowId = p.execution.closure?.workflowId;
  if (p.workflow && workflowId) {
    scratch.setQueryData(createConnectQueryKey({ schema: getWorkflow, input: objectGetRequest(workflowId), transport, cardinality: "finite" }), p.workflow, { updatedAt: nowMs });
  }
  return dehydrate(scratch);
}

export function useExecutionPreload(preload: ExecutionPreload | undefined, project: string, domain: string, name: string): ExecutionStart {
  const transport = useTransport();
  return useMemo(() => {
    const id = { project, domain, name };
    const decoded = decodeExecutionPreload(preload, id, { serverRender: typeof window === "undefined" });
    if (decoded === "notFound") return { notFound: true };
    if (!decoded) return { notFound: false };
    return { cache: preloadedCache(decoded, id, transport), snapshot: decoded.watch, notFound: false, renderedAt: decoded.renderedAt, layout: decoded.layout };
  }, [preload, transport, project, domain, name]);
}
